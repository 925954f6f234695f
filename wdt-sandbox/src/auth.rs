//! Who may call: query parameters, credentials, signatures and timestamps, checked as
//! `PROTOCOL.md` states them. Signatures are recomputed with the runtime's own
//! [`wdt_sign`] and [`qimen_sign`]: one implementation of each rule in the project.

use wdt_runtime::Pager;
use wdt_runtime::clock::unix_of_beijing;
use wdt_runtime::sign::{self, WDT_VERSION, WdtSignInput, qimen_sign, wdt_sign, wdt_timestamp};
use wdt_runtime::wire::parse_datetime;

use crate::config::{QimenCredentials, WdtCredentials};
use crate::reply::{QimenFormat, QimenGatewayError};

/// The decoded query string, in the order it arrived.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    /// Decodes `a=1&b=2` (percent-encoding and `+` for spaces).
    pub fn parse(query: Option<&str>) -> Self {
        Query::parse_bytes(query.unwrap_or_default().as_bytes())
    }

    /// Decodes a form body the same way.
    pub fn parse_bytes(encoded: &[u8]) -> Self {
        Query(
            form_urlencoded::parse(encoded)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// Every parameter, in the order it arrived.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.0
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// The value of a parameter.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A parameter sent more than once, if any.
    pub fn repeated(&self) -> Option<&str> {
        self.0.iter().enumerate().find_map(|(i, (k, _))| {
            self.0[..i]
                .iter()
                .any(|(earlier, _)| earlier == k)
                .then_some(k.as_str())
        })
    }
}

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
    query: &Query,
    body: &[u8],
) -> Result<WdtCall, WdtRefusal> {
    if let Some(key) = query.repeated() {
        return Err(refuse(1, format!("参数重复: {key}")));
    }
    if let Some((key, _)) = query
        .0
        .iter()
        .find(|(k, _)| !WDT_PARAMS.contains(&k.as_str()))
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
fn pager(query: &Query) -> Result<Option<Pager>, WdtRefusal> {
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
    form: &Query,
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

/// A Qimen call that passed the router checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QimenCall {
    pub method: String,
    pub format: QimenFormat,
}

/// The reply format a Qimen call asked for; XML when it is absent or unknown (the router
/// then refuses the call in XML).
pub(crate) fn qimen_format(query: &Query) -> Result<QimenFormat, QimenGatewayError> {
    match query.get("format") {
        None | Some("xml") => Ok(QimenFormat::Xml),
        Some("json") => Ok(QimenFormat::Json),
        Some(other) => Err(
            QimenGatewayError::new("23", "Invalid format", "isv.invalid-format")
                .detail(format!("不支持的格式: {other}")),
        ),
    }
}

/// Checks a Qimen call like the router: parameters, app key, version, signature method,
/// signature, timestamp window, then the `customerId` routing.
pub(crate) fn check_qimen(
    credentials: &QimenCredentials,
    tolerance_secs: i64,
    now_unix: i64,
    query: &Query,
    body: &[u8],
) -> Result<QimenCall, QimenGatewayError> {
    let format = qimen_format(query)?;
    let router = Router {
        credentials,
        tolerance_secs,
        now_unix,
    };
    let method = router.check(query, &Query::default(), body)?;
    let customer_id = required(query, "customerId", "40", "Missing required arguments")?;
    if customer_id != credentials.customer_id {
        return Err(invalid_argument(format!("customerId {customer_id} 不存在")));
    }
    Ok(QimenCall {
        method: method.to_owned(),
        format,
    })
}

/// What the Qimen router checks in every call, for the warehouse methods and for the
/// 奇门自定义 route alike.
pub(crate) struct Router<'a> {
    pub credentials: &'a QimenCredentials,
    pub tolerance_secs: i64,
    pub now_unix: i64,
}

/// A query parameter that must be present and non-empty, or the router's refusal.
fn required<'q>(
    query: &'q Query,
    key: &'static str,
    code: &'static str,
    msg: &'static str,
) -> Result<&'q str, QimenGatewayError> {
    query.get(key).filter(|v| !v.is_empty()).ok_or_else(|| {
        QimenGatewayError::new(code, msg, "isv.missing-parameter")
            .detail(format!("缺少参数: {key}"))
    })
}

impl Router<'_> {
    /// Parameters, app key, version, signature method, the signature (over the query
    /// parameters, the `form` fields and the raw `body`), then the timestamp window.
    /// Returns the method.
    pub fn check<'q>(
        &self,
        query: &'q Query,
        form: &Query,
        body: &[u8],
    ) -> Result<&'q str, QimenGatewayError> {
        if let Some(key) = query.repeated().or_else(|| form.repeated()) {
            return Err(invalid_argument(format!("参数重复: {key}")));
        }
        let method = required(query, "method", "21", "Missing method")?;
        let app_key = required(query, "app_key", "28", "Missing app key")?;
        let timestamp = required(query, "timestamp", "30", "Missing timestamp")?;
        let version = required(query, "v", "32", "Missing version")?;
        let signature = required(query, "sign", "24", "Missing signature")?;
        let sign_method = required(query, "sign_method", "40", "Missing required arguments")?;
        if app_key != self.credentials.app_key {
            return Err(
                QimenGatewayError::new("29", "Invalid app Key", "isv.appkey-not-exists")
                    .detail(format!("app_key {app_key} 不存在")),
            );
        }
        if version != "2.0" {
            return Err(
                QimenGatewayError::new("33", "Invalid version", "isv.invalid-parameter")
                    .detail(format!("v={version}，应为2.0")),
            );
        }
        if !sign_method.eq_ignore_ascii_case("md5") {
            return Err(invalid_argument(format!("不支持的签名方法: {sign_method}")));
        }
        let mut params: Vec<(&str, &str)> = query
            .0
            .iter()
            .chain(&form.0)
            .filter(|(k, _)| k != "sign")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let expected = qimen_sign(self.credentials.secret(), &mut params, body);
        if !signature.eq_ignore_ascii_case(sign::as_str(&expected)) {
            return Err(
                QimenGatewayError::new("25", "Invalid signature", "isv.invalid-signature")
                    .detail("签名错误"),
            );
        }
        let sent = parse_datetime(timestamp).ok_or_else(|| {
            QimenGatewayError::new("31", "Invalid timestamp", "isv.invalid-parameter")
                .detail("timestamp格式应为yyyy-MM-dd HH:mm:ss")
        })?;
        let drift = unix_of_beijing(sent) - self.now_unix;
        if drift.abs() > self.tolerance_secs {
            return Err(
                QimenGatewayError::new("31", "Invalid timestamp", "isv.invalid-parameter").detail(
                    format!(
                        "时间戳超出范围: 与服务器时间相差{drift}秒，最多{}秒",
                        self.tolerance_secs
                    ),
                ),
            );
        }
        Ok(method)
    }
}

pub(crate) fn invalid_argument(detail: String) -> QimenGatewayError {
    QimenGatewayError::new("41", "Invalid arguments", "isv.invalid-parameter").detail(detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DEMO_QIMEN_SECRET, SandboxConfig};

    /// PROTOCOL.md's W3 vector: the URL the runtime's test builds for it.
    const W3_QUERY: &str = "sid=wdtapi3&key=wdt_test&salt=testsalt&method=wms.stockout.Sales.searchCancel&v=1.0&timestamp=469411200&page_size=100&page_no=0&calc_total=1&sign=6907a52ca213ff8e6aba7df472d6f450";
    const W3_BODY: &[u8] =
        br#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#;
    const W3_NOW: i64 = 469_411_200 + 1_325_347_200;

    fn wdt(query: &str, body: &[u8], now: i64) -> Result<WdtCall, WdtRefusal> {
        let config = SandboxConfig::default();
        check_wdt(&config.wdt, 120, now, &Query::parse(Some(query)), body)
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

    #[test]
    fn vector_q1_passes_and_tampering_fails() {
        let body = r#"<?xml version="1.0" encoding="utf-8"?><request><warehouseCode>W1234</warehouseCode><ownerCode>H1234</ownerCode><orderCode>O1234</orderCode><orderType>JYCK</orderType><cancelReason>已经退货</cancelReason></request>"#;
        let query = "method=taobao.qimen.order.cancel&timestamp=2026-11-23+18%3A00%3A00&format=xml&app_key=testerp_appkey&v=2.0&sign_method=md5&customerId=stub-cust-code&sign=87A7B358FB4BEACACCC57097FA61E75B";
        let credentials =
            QimenCredentials::new("testerp_appkey", DEMO_QIMEN_SECRET, "stub-cust-code").unwrap();
        let now = 1_795_428_000;
        let check = |query: &str, body: &str, now| {
            check_qimen(
                &credentials,
                120,
                now,
                &Query::parse(Some(query)),
                body.as_bytes(),
            )
        };
        let call = check(query, body, now).unwrap();
        assert_eq!(call.format, QimenFormat::Xml);
        assert_eq!(check(query, "<request/>", now).unwrap_err().code, "25");
        assert_eq!(check(query, body, now + 600).unwrap_err().code, "31");
        let other = query.replace("testerp_appkey", "someone");
        assert_eq!(check(&other, body, now).unwrap_err().code, "29");
    }
}
