//! Signatures of both gateways, exactly as `PROTOCOL.md` states them.
//!
//! Both hash the secret, the sorted query parameters and the raw body without building the
//! string first: the md5 state is fed piece by piece. The inner signature of the 奇门自定义
//! route ([`route_wdt_sign`]) does the same, flattening each JSON field into a buffer first.

use std::collections::BTreeMap;

use md5::{Digest, Md5};
use serde_json::value::RawValue;

/// The pager of a paged 旗舰版 call, as it travels in the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    /// 0-based.
    pub page_no: u32,
    pub page_size: u32,
    /// Ask the server to count the query's records.
    pub calc_total: bool,
}

/// Everything a 旗舰版 signature covers.
#[derive(Debug, Clone, Copy)]
pub struct WdtSignInput<'a> {
    pub secret: &'a str,
    pub sid: &'a str,
    pub key: &'a str,
    pub salt: &'a str,
    pub method: &'a str,
    pub timestamp: i64,
    pub pager: Option<Pager>,
    pub body: &'a [u8],
}

/// The 旗舰版 protocol version sent as `v`.
pub const WDT_VERSION: &str = "1.0";

/// `md5(secret + k1 + v1 + … + secret)` over every query parameter but `sign`, plus `body`,
/// keys in byte order; lowercase hex.
pub fn wdt_sign(input: &WdtSignInput<'_>) -> [u8; 32] {
    let mut md5 = Md5::new();
    let mut numbers = itoa_buffers();
    md5.update(input.secret);
    // Keys in byte order: body calc_total key method page_no page_size salt sid timestamp v
    md5.update("body");
    md5.update(input.body);
    if let Some(pager) = input.pager {
        md5.update("calc_total");
        md5.update(if pager.calc_total { "1" } else { "0" });
    }
    md5.update("key");
    md5.update(input.key);
    md5.update("method");
    md5.update(input.method);
    if let Some(pager) = input.pager {
        md5.update("page_no");
        md5.update(numbers.0.format(pager.page_no));
        md5.update("page_size");
        md5.update(numbers.1.format(pager.page_size));
    }
    md5.update("salt");
    md5.update(input.salt);
    md5.update("sid");
    md5.update(input.sid);
    md5.update("timestamp");
    md5.update(numbers.2.format(input.timestamp));
    md5.update("v");
    md5.update(WDT_VERSION);
    md5.update(input.secret);
    hex(&md5.finalize(), b"0123456789abcdef")
}

/// Qimen: `md5(secret + k1v1k2v2… + body + secret)` over the non-empty query parameters but
/// `sign`, keys in byte order; uppercase hex.
pub fn qimen_sign(secret: &str, params: &mut [(&str, &str)], body: &[u8]) -> [u8; 32] {
    params.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut md5 = Md5::new();
    md5.update(secret);
    for (key, value) in params.iter().filter(|(_, v)| !v.is_empty()) {
        md5.update(key);
        md5.update(value);
    }
    md5.update(body);
    md5.update(secret);
    hex(&md5.finalize(), b"0123456789ABCDEF")
}

/// Body fields of the 奇门自定义 route that `wdt_sign` leaves out.
const ROUTE_UNSIGNED: [&str; 3] = ["wdt_sign", "wdt3_customer_id", "target_app_key"];

/// The inner signature of the 奇门自定义 route (`wdt_sign`, PROTOCOL.md): `md5(secret + s +
/// secret)`, lowercase hex, where `s` is every body field but `wdt_sign`,
/// `wdt3_customer_id` and `target_app_key`, plus `method` (the route's name, from `wdt.`
/// on), sorted by key, each key followed by its value; a value that is a JSON object or
/// array is flattened ([`flatten_json`]), any other value is taken as sent.
///
/// The client signs the fields it sends and the sandbox the fields it receives with this
/// one function, both as form text.
pub fn route_wdt_sign(secret: &str, method: &str, fields: &[(&str, &str)]) -> [u8; 32] {
    let mut signed: Vec<(&str, &str)> = fields
        .iter()
        .copied()
        .filter(|(key, _)| !ROUTE_UNSIGNED.contains(key) && *key != "method")
        .chain([("method", method)])
        .collect();
    signed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut md5 = Md5::new();
    let mut flat = String::new();
    md5.update(secret);
    for (key, value) in signed {
        md5.update(key);
        flat.clear();
        if flatten_json(value, &mut flat) {
            md5.update(&flat);
        } else {
            md5.update(value);
        }
    }
    md5.update(secret);
    hex(&md5.finalize(), b"0123456789abcdef")
}

/// Appends the signed form of `text` when it is a JSON object or array: an object's
/// members sorted by key, each key then its value; an array's items in order, without
/// indices; strings unescaped, numbers and booleans as written, nulls left out (with their
/// key). Returns false, appending nothing, for any other text (a plain value is signed as
/// sent).
pub fn flatten_json(text: &str, out: &mut String) -> bool {
    let trimmed = text.trim();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return false;
    }
    let Ok(raw) = serde_json::from_str::<&RawValue>(trimmed) else {
        return false;
    };
    let start = out.len();
    if flatten_raw(raw, out).is_err() {
        out.truncate(start);
        return false;
    }
    true
}

fn flatten_raw(raw: &RawValue, out: &mut String) -> Result<(), serde_json::Error> {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'{') => {
            let members: BTreeMap<String, &RawValue> = serde_json::from_str(text)?;
            for (key, value) in members {
                if value.get() != "null" {
                    out.push_str(&key);
                    flatten_raw(value, out)?;
                }
            }
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text)?;
            for item in items.into_iter().filter(|item| item.get() != "null") {
                flatten_raw(item, out)?;
            }
        }
        Some(b'"') => out.push_str(&serde_json::from_str::<String>(text)?),
        _ => out.push_str(text),
    }
    Ok(())
}

fn hex(digest: &[u8], digits: &[u8; 16]) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, byte) in digest.iter().enumerate() {
        out[2 * i] = digits[usize::from(byte >> 4)];
        out[2 * i + 1] = digits[usize::from(byte & 0xf)];
    }
    out
}

/// The hex text of a signature.
pub fn as_str(sign: &[u8; 32]) -> &str {
    // Only hex digits are ever written.
    std::str::from_utf8(sign).unwrap_or_default()
}

fn itoa_buffers() -> (itoa::Buffer, itoa::Buffer, itoa::Buffer) {
    (
        itoa::Buffer::new(),
        itoa::Buffer::new(),
        itoa::Buffer::new(),
    )
}

/// Seconds since 2012-01-01 00:00:00 Beijing time (unix 1325347200), the 旗舰版 timestamp.
pub fn wdt_timestamp(unix_seconds: i64) -> i64 {
    unix_seconds - 1_325_347_200
}

#[cfg(test)]
mod tests {
    use super::*;

    // One argument per column of the vector table in PROTOCOL.md.
    #[allow(clippy::too_many_arguments)]
    fn wdt(
        secret: &str,
        sid: &str,
        key: &str,
        salt: &str,
        method: &str,
        timestamp: i64,
        pager: Option<Pager>,
        body: &str,
    ) -> String {
        let sign = wdt_sign(&WdtSignInput {
            secret,
            sid,
            key,
            salt,
            method,
            timestamp,
            pager,
            body: body.as_bytes(),
        });
        as_str(&sign).to_owned()
    }

    #[test]
    fn vector_w1() {
        let sign = wdt(
            "693f9fed686bfe13441385da98b436b6",
            "wdterp30",
            "czhc",
            "dd488d0802b1e431e4c72cd355847853",
            "wms.stockout.Sales.weighingExt",
            232623153,
            None,
            r#"["xc109393939393939","",1.2,0,false]"#,
        );
        assert_eq!(sign, "20f557aaf9190797c581bbceeb6d5a5c");
    }

    #[test]
    fn vector_w2() {
        let sign = wdt(
            "secret",
            "wdtapi3",
            "appkey",
            "salt",
            "goods.Goods.queryWithSpec",
            100,
            None,
            r#"[{"goods_no":"G001"}]"#,
        );
        assert_eq!(sign, "703b2c4b5b16565883e6b58d18e254a2");
    }

    #[test]
    fn vector_w3_paged() {
        let sign = wdt(
            "testsecret",
            "wdtapi3",
            "wdt_test",
            "testsalt",
            "wms.stockout.Sales.searchCancel",
            469411200,
            Some(Pager {
                page_no: 0,
                page_size: 100,
                calc_total: true,
            }),
            r#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#,
        );
        assert_eq!(sign, "6907a52ca213ff8e6aba7df472d6f450");
    }

    #[test]
    fn vector_w3_hashed_string() {
        let hashed = "testsecretbody[{\"start_time\":\"2026-11-23 10:00:00\",\"end_time\":\"2026-11-23 11:00:00\"}]calc_total1keywdt_testmethodwms.stockout.Sales.searchCancelpage_no0page_size100salttestsaltsidwdtapi3timestamp469411200v1.0testsecret";
        let digest = Md5::digest(hashed.as_bytes());
        assert_eq!(
            as_str(&hex(&digest, b"0123456789abcdef")),
            "6907a52ca213ff8e6aba7df472d6f450"
        );
    }

    #[test]
    fn vector_w4() {
        let sign = wdt(
            "testsecret",
            "wdtapi3",
            "wdt_test",
            "testsalt",
            "wms.outer.OuterOut.createOrder",
            469411200,
            None,
            r#"[{"warehouse_no":"pos","remark":"破损出库"},[{"spec_no":"DFAQT101","num":2}],false]"#,
        );
        assert_eq!(sign, "b96d8d6fa70c431493104ee2595ff70f");
    }

    #[test]
    fn vector_q1() {
        let body = r#"<?xml version="1.0" encoding="utf-8"?><request><warehouseCode>W1234</warehouseCode><ownerCode>H1234</ownerCode><orderCode>O1234</orderCode><orderType>JYCK</orderType><cancelReason>已经退货</cancelReason></request>"#;
        let mut params = [
            ("method", "taobao.qimen.order.cancel"),
            ("timestamp", "2026-11-23 18:00:00"),
            ("format", "xml"),
            ("app_key", "testerp_appkey"),
            ("v", "2.0"),
            ("sign_method", "md5"),
            ("customerId", "stub-cust-code"),
            ("session", ""),
        ];
        let sign = qimen_sign("sandboxsecret", &mut params, body.as_bytes());
        assert_eq!(as_str(&sign), "87A7B358FB4BEACACCC57097FA61E75B");
    }

    #[test]
    fn vector_q2_without_customer_id() {
        let mut params = [
            ("method", "taobao.qimen.entryorder.create"),
            ("timestamp", "2020-04-08 10:56:00"),
            ("format", "xml"),
            ("app_key", "23268761"),
            ("v", "2.0"),
            ("sign_method", "md5"),
        ];
        let sign = qimen_sign(
            "b17cc059ffba3f6cf0d9131359d0be2a",
            &mut params,
            b"<request></request>",
        );
        assert_eq!(as_str(&sign), "12104E748A8F2DAD3EBA9F735A8D9C4F");
    }

    #[test]
    fn timestamp_offset() {
        assert_eq!(wdt_timestamp(1_325_347_200), 0);
        assert_eq!(wdt_timestamp(1_794_758_400), 469_411_200);
    }
}
