//! Who may call the 旗舰版 gateway: query parameters, credentials, signatures and
//! timestamps, checked as `PROTOCOL.md` states them. Signatures are recomputed with the
//! runtime's own [`wdt_sign`]: one implementation of the rule in the project. The Qimen
//! router's checks are the server side's ([`wdt_server::Verifier`]).

use wdt_runtime::Pager;
use wdt_runtime::clock::unix_of_beijing;
use wdt_runtime::sign::{self, WDT_VERSION, WdtSignInput, wdt_sign, wdt_timestamp};
use wdt_runtime::wire::parse_datetime;
use wdt_server::Params;

use crate::config::WdtCredentials;

/// A 旗舰版 call that passed the gateway checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WdtCall {
    pub method: String,
    pub pager: Option<Pager>,
}

/// Why the 旗舰版 gateway refuses a call: its `status` and `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WdtRefusal {
    pub status: i64,
    pub message: String,
}

fn refuse(status: i64, message: impl Into<String>) -> WdtRefusal {
    WdtRefusal {
        status,
        message: message.into(),
    }
}

/// Every query parameter the 旗舰版 signature covers (with `sign` itself).
const WDT_PARAMS: [&str; 10] = [
    "sid",
    "key",
    "salt",
    "method",
    "v",
    "timestamp",
    "sign",
    "page_size",
    "page_no",
    "calc_total",
];

/// Checks a 旗舰版 call: parameters (status 1), version (status 8), account (status 1),
/// signature (status 1), then the timestamp window (status 7).
pub(crate) fn check_wdt(
    credentials: &WdtCredentials,
    tolerance_secs: i64,
    now_unix: i64,
    query: &Params,
    body: &[u8],
) -> Result<WdtCall, WdtRefusal> {
    if let Some(key) = query.repeated() {
        return Err(refuse(1, format!("参数重复: {key}")));
    }
    if let Some((key, _)) = query
        .pairs()
        .into_iter()
        .find(|(k, _)| !WDT_PARAMS.contains(k))
    {
        return Err(refuse(1, format!("不支持的参数: {key}")));
    }
    let required = |key: &'static str| {
        query
            .get(key)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| refuse(1, format!("缺少参数: {key}")))
    };
    let (sid, key, salt, method, version, timestamp, signature) = (
        required("sid")?,
        required("key")?,
        required("salt")?,
        required("method")?,
        required("v")?,
        required("timestamp")?,
        required("sign")?,
    );
    if version != WDT_VERSION {
        return Err(refuse(
            8,
            format!("版本号错误: v={version}，应为{WDT_VERSION}"),
        ));
    }
    if sid != credentials.sid {
        return Err(refuse(1, format!("验证失败: 卖家账号{sid}不存在")));
    }
    if key != credentials.key {
        return Err(refuse(1, "验证失败: 接口账号不存在"));
    }
    if salt != credentials.salt() {
        return Err(refuse(1, "验证失败: salt不正确"));
    }
    let timestamp: i64 = timestamp
        .parse()
        .map_err(|_| refuse(1, "参数错误: timestamp必须是整数"))?;
    let pager = pager(query)?;
    let expected = wdt_sign(&WdtSignInput {
        secret: credentials.secret(),
        sid,
        key,
        salt,
        method,
        timestamp,
        pager,
        body,
    });
    if signature != sign::as_str(&expected) {
        return Err(refuse(1, "验证失败: 签名错误"));
    }
    let drift = timestamp - wdt_timestamp(now_unix);
    if drift.abs() > tolerance_secs {
        return Err(refuse(
            7,
            format!("时间戳超出范围: 与服务器时间相差{drift}秒，最多{tolerance_secs}秒"),
        ));
    }
    Ok(WdtCall {
        method: method.to_owned(),
        pager,
    })
}

/// The pager of a paged call: all three parameters, or none of them.
fn pager(query: &Params) -> Result<Option<Pager>, WdtRefusal> {
    let (size, no, total) = (
        query.get("page_size"),
        query.get("page_no"),
        query.get("calc_total"),
    );
    if size.is_none() && no.is_none() && total.is_none() {
        return Ok(None);
    }
    let number = |key: &'static str, value: Option<&str>| {
        let value = value.ok_or_else(|| refuse(1, format!("缺少参数: {key}")))?;
        value
            .parse::<u32>()
            .map_err(|_| refuse(1, format!("参数错误: {key}必须是非负整数")))
    };
    let page_size = number("page_size", size)?;
    let page_no = number("page_no", no)?;
    let calc_total = match total {
        Some("1") => true,
        Some("0") => false,
        Some(_) => return Err(refuse(1, "参数错误: calc_total必须是0或1")),
        None => return Err(refuse(1, "缺少参数: calc_total")),
    };
    Ok(Some(Pager {
        page_no,
        page_size,
        calc_total,
    }))
}

/// Checks the inner part of a 奇门自定义 call as the ERP does: the account fields (status
/// 1), `wdt_sign` recomputed with [`sign::route_wdt_sign`] over the body fields (status 1),
/// the `datetime` window (status 7) and the `pager`, whose `page_no` starts at 1 on this
/// route. Returns the pager with the 0-based page number of the direct API; the total is
/// always counted.
pub(crate) fn check_route_account(
    credentials: &WdtCredentials,
    tolerance_secs: i64,
    now_unix: i64,
    route_method: &str,
    form: &Params,
) -> Result<Option<Pager>, WdtRefusal> {
    let required = |key: &'static str| {
        form.get(key)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| refuse(1, format!("缺少参数: {key}")))
    };
    let (sid, key, salt, datetime, signature) = (
        required("wdt3_customer_id")?,
        required("wdt_appkey")?,
        required("wdt_salt")?,
        required("datetime")?,
        required("wdt_sign")?,
    );
    if sid != credentials.sid {
        return Err(refuse(1, format!("验证失败: 卖家账号{sid}不存在")));
    }
    if key != credentials.key {
        return Err(refuse(1, "验证失败: 接口账号不存在"));
    }
    if salt != credentials.salt() {
        return Err(refuse(1, "验证失败: salt不正确"));
    }
    let expected = sign::route_wdt_sign(credentials.secret(), route_method, &form.pairs());
    if signature != sign::as_str(&expected) {
        return Err(refuse(1, "验证失败: 签名错误"));
    }
    let sent = parse_datetime(datetime)
        .ok_or_else(|| refuse(1, "参数错误: datetime格式应为yyyy-MM-dd HH:mm:ss"))?;
    let drift = unix_of_beijing(sent) - now_unix;
    if drift.abs() > tolerance_secs {
        return Err(refuse(
            7,
            format!("时间戳超出范围: 与服务器时间相差{drift}秒，最多{tolerance_secs}秒"),
        ));
    }
    form.get("pager").map(route_pager).transpose()
}

/// The route's `pager` field: `{"page_no":N,"page_size":M}`, `page_no` from 1.
fn route_pager(text: &str) -> Result<Pager, WdtRefusal> {
    #[derive(serde::Deserialize)]
    struct RoutePager {
        #[serde(with = "wdt_runtime::wire")]
        page_no: i64,
        #[serde(with = "wdt_runtime::wire")]
        page_size: i64,
    }
    let pager: RoutePager = serde_json::from_str(text).map_err(|_| {
        refuse(
            1,
            "参数错误: pager应为{\"page_no\":页码,\"page_size\":每页条数}，页码从1开始",
        )
    })?;
    let page_no = pager
        .page_no
        .checked_sub(1)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| refuse(1, "参数错误: pager.page_no从1开始"))?;
    let page_size = u32::try_from(pager.page_size)
        .map_err(|_| refuse(1, "参数错误: pager.page_size必须是非负整数"))?;
    Ok(Pager {
        page_no,
        page_size,
        calc_total: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SandboxConfig;

    /// PROTOCOL.md's W3 vector: the URL the runtime's test builds for it.
    const W3_QUERY: &str = "sid=wdtapi3&key=wdt_test&salt=testsalt&method=wms.stockout.Sales.searchCancel&v=1.0&timestamp=469411200&page_size=100&page_no=0&calc_total=1&sign=6907a52ca213ff8e6aba7df472d6f450";
    const W3_BODY: &[u8] =
        br#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#;
    const W3_NOW: i64 = 469_411_200 + 1_325_347_200;

    fn wdt(query: &str, body: &[u8], now: i64) -> Result<WdtCall, WdtRefusal> {
        let config = SandboxConfig::default();
        check_wdt(&config.wdt, 120, now, &Params::parse(Some(query)), body)
    }

    #[test]
    fn vector_w3_passes() {
        let call = wdt(W3_QUERY, W3_BODY, W3_NOW).unwrap();
        assert_eq!(call.method, "wms.stockout.Sales.searchCancel");
        assert_eq!(
            call.pager,
            Some(Pager {
                page_no: 0,
                page_size: 100,
                calc_total: true
            })
        );
    }

    #[test]
    fn tampering_wrong_account_and_stale_time_are_refused() {
        let status = |r: Result<WdtCall, WdtRefusal>| r.unwrap_err().status;
        assert_eq!(status(wdt(W3_QUERY, b"[{}]", W3_NOW)), 1);
        let other_key = W3_QUERY.replace("key=wdt_test", "key=nobody");
        assert_eq!(status(wdt(&other_key, W3_BODY, W3_NOW)), 1);
        assert_eq!(status(wdt(W3_QUERY, W3_BODY, W3_NOW + 121)), 7);
        assert!(wdt(W3_QUERY, W3_BODY, W3_NOW - 120).is_ok());
        let missing = W3_QUERY.replace("&calc_total=1", "");
        assert_eq!(
            wdt(&missing, W3_BODY, W3_NOW).unwrap_err().message,
            "缺少参数: calc_total"
        );
        let version = W3_QUERY.replace("v=1.0", "v=2.0");
        assert_eq!(status(wdt(&version, W3_BODY, W3_NOW)), 8);
        let extra = format!("{W3_QUERY}&x=1");
        assert_eq!(
            wdt(&extra, W3_BODY, W3_NOW).unwrap_err().message,
            "不支持的参数: x"
        );
    }
}
