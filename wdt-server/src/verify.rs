//! What the Qimen router checks before a call reaches its receiver: parameters, app key,
//! version, signature method, the signature, the timestamp window and the `customerId`.
//!
//! The signature is recomputed with the runtime's own [`qimen_sign`], the function the
//! client signs with: one implementation of the rule in the project.

use std::fmt;

use wdt_runtime::clock::unix_of_beijing;
use wdt_runtime::sign::{self, qimen_sign};
use wdt_runtime::wire::parse_datetime;
use wdt_runtime::{Format, Secret};

use crate::envelope::GatewayError;
use crate::params::Params;

/// How far a call's `timestamp` may be from the receiver's clock, by default: ten minutes.
/// The Qimen material states no window; the receiver's is wide because the router has
/// checked the caller's clock already and forwarding adds its own delay.
pub const DEFAULT_TOLERANCE_SECS: i64 = 600;

/// A credential left empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the Qimen {0} must not be empty")]
pub struct EmptyCredential(pub &'static str);

/// The Qimen account calls must be signed with: `app_key`, its secret, and the
/// `customerId` calls are routed to.
#[derive(Clone)]
pub struct QimenCredentials {
    /// `app_key`.
    pub app_key: String,
    secret: Secret,
    /// `customerId`: the owner the calls are routed to.
    pub customer_id: String,
}

impl QimenCredentials {
    /// Checks and keeps an account: no part may be empty.
    pub fn new(
        app_key: impl Into<String>,
        secret: impl Into<String>,
        customer_id: impl Into<String>,
    ) -> Result<Self, EmptyCredential> {
        let (app_key, secret, customer_id) = (app_key.into(), secret.into(), customer_id.into());
        for (value, name) in [
            (&app_key, "app_key"),
            (&secret, "secret"),
            (&customer_id, "customerId"),
        ] {
            if value.is_empty() {
                return Err(EmptyCredential(name));
            }
        }
        Ok(QimenCredentials {
            app_key,
            secret: Secret::new(secret),
            customer_id,
        })
    }

    /// The secret (signs, never travels).
    pub fn secret(&self) -> &str {
        self.secret.expose()
    }
}

impl fmt::Debug for QimenCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QimenCredentials")
            .field("app_key", &self.app_key)
            .field("secret", &self.secret)
            .field("customer_id", &self.customer_id)
            .finish()
    }
}

/// A call that passed the router's checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCall {
    /// The method called (`taobao.qimen.deliveryorder.create`).
    pub method: String,
    /// The format the caller asked for, and gets its reply in.
    pub format: Format,
}

/// The reply format a call asked for (`format`, XML when absent).
pub fn format_of(query: &Params) -> Result<Format, GatewayError> {
    match query.get("format") {
        None | Some("xml") => Ok(Format::Xml),
        Some("json") => Ok(Format::Json),
        Some(other) => Err(
            GatewayError::new("23", "Invalid format", "isv.invalid-format")
                .detail(format!("不支持的格式: {other}")),
        ),
    }
}

/// The router's checks for one account, at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Verifier<'a> {
    /// The account calls must be signed with.
    pub credentials: &'a QimenCredentials,
    /// How far `timestamp` may be from `now_unix`, in seconds.
    pub tolerance_secs: i64,
    /// The receiver's clock.
    pub now_unix: i64,
}

/// A query parameter that must be present and non-empty, or the router's refusal.
fn required<'q>(
    query: &'q Params,
    key: &'static str,
    code: &'static str,
    msg: &'static str,
) -> Result<&'q str, GatewayError> {
    query.get(key).filter(|v| !v.is_empty()).ok_or_else(|| {
        GatewayError::new(code, msg, "isv.missing-parameter").detail(format!("缺少参数: {key}"))
    })
}

impl Verifier<'_> {
    /// A warehouse-method call: the format, [`Verifier::check_signed`] over the query and
    /// the raw body, then `customerId`.
    pub fn check_call(&self, query: &Params, body: &[u8]) -> Result<VerifiedCall, GatewayError> {
        let format = format_of(query)?;
        let method = self.check_signed(query, &Params::default(), body)?;
        let customer_id = required(query, "customerId", "40", "Missing required arguments")?;
        if customer_id != self.credentials.customer_id {
            return Err(GatewayError::invalid_argument(format!(
                "customerId {customer_id} 不存在"
            )));
        }
        Ok(VerifiedCall {
            method: method.to_owned(),
            format,
        })
    }

    /// What the router checks in every call (the warehouse methods and the 奇门自定义 route
    /// alike): repeated or missing parameters, app key, version, signature method, the
    /// signature over the query parameters, the `form` fields and the raw `body`, then the
    /// timestamp window. Returns the method.
    pub fn check_signed<'q>(
        &self,
        query: &'q Params,
        form: &Params,
        body: &[u8],
    ) -> Result<&'q str, GatewayError> {
        if let Some(key) = query.repeated().or_else(|| form.repeated()) {
            return Err(GatewayError::invalid_argument(format!("参数重复: {key}")));
        }
        let method = required(query, "method", "21", "Missing method")?;
        let app_key = required(query, "app_key", "28", "Missing app key")?;
        let timestamp = required(query, "timestamp", "30", "Missing timestamp")?;
        let version = required(query, "v", "32", "Missing version")?;
        let signature = required(query, "sign", "24", "Missing signature")?;
        let sign_method = required(query, "sign_method", "40", "Missing required arguments")?;
        if app_key != self.credentials.app_key {
            return Err(
                GatewayError::new("29", "Invalid app Key", "isv.appkey-not-exists")
                    .detail(format!("app_key {app_key} 不存在")),
            );
        }
        if version != "2.0" {
            return Err(
                GatewayError::new("33", "Invalid version", "isv.invalid-parameter")
                    .detail(format!("v={version}，应为2.0")),
            );
        }
        if !sign_method.eq_ignore_ascii_case("md5") {
            return Err(GatewayError::invalid_argument(format!(
                "不支持的签名方法: {sign_method}"
            )));
        }
        let mut signed: Vec<(&str, &str)> = query
            .pairs()
            .into_iter()
            .chain(form.pairs())
            .filter(|(k, _)| *k != "sign")
            .collect();
        let expected = qimen_sign(self.credentials.secret(), &mut signed, body);
        if !signature.eq_ignore_ascii_case(sign::as_str(&expected)) {
            return Err(
                GatewayError::new("25", "Invalid signature", "isv.invalid-signature")
                    .detail("签名错误"),
            );
        }
        let sent = parse_datetime(timestamp).ok_or_else(|| {
            GatewayError::new("31", "Invalid timestamp", "isv.invalid-parameter")
                .detail("timestamp格式应为yyyy-MM-dd HH:mm:ss")
        })?;
        let drift = unix_of_beijing(sent) - self.now_unix;
        if drift.abs() > self.tolerance_secs {
            return Err(
                GatewayError::new("31", "Invalid timestamp", "isv.invalid-parameter").detail(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// PROTOCOL.md's Q1 vector (secret `sandboxsecret`), received at its own timestamp.
    const Q1_BODY: &str = r#"<?xml version="1.0" encoding="utf-8"?><request><warehouseCode>W1234</warehouseCode><ownerCode>H1234</ownerCode><orderCode>O1234</orderCode><orderType>JYCK</orderType><cancelReason>已经退货</cancelReason></request>"#;
    const Q1_QUERY: &str = "method=taobao.qimen.order.cancel&timestamp=2026-11-23+18%3A00%3A00&format=xml&app_key=testerp_appkey&v=2.0&sign_method=md5&customerId=stub-cust-code&sign=87A7B358FB4BEACACCC57097FA61E75B";
    const Q1_NOW: i64 = 1_795_428_000;

    #[test]
    fn vector_q1_passes_and_each_tampering_fails_with_its_code() {
        let credentials =
            QimenCredentials::new("testerp_appkey", "sandboxsecret", "stub-cust-code").unwrap();
        let check = |query: &str, body: &str, now| {
            Verifier {
                credentials: &credentials,
                tolerance_secs: DEFAULT_TOLERANCE_SECS,
                now_unix: now,
            }
            .check_call(&Params::parse(Some(query)), body.as_bytes())
        };
        let call = check(Q1_QUERY, Q1_BODY, Q1_NOW).unwrap();
        assert_eq!(call.method, "taobao.qimen.order.cancel");
        assert_eq!(call.format, Format::Xml);
        let code = |query: &str, body: &str, now| check(query, body, now).unwrap_err().code;
        assert_eq!(code(Q1_QUERY, "<request/>", Q1_NOW), "25");
        assert_eq!(code(Q1_QUERY, Q1_BODY, Q1_NOW + 601), "31");
        assert_eq!(
            code(&Q1_QUERY.replace("testerp_appkey", "x"), Q1_BODY, Q1_NOW),
            "29"
        );
        assert_eq!(
            code(&Q1_QUERY.replace("v=2.0", "v=1.0"), Q1_BODY, Q1_NOW),
            "33"
        );
        assert_eq!(
            code(
                &Q1_QUERY.replace("format=xml", "format=csv"),
                Q1_BODY,
                Q1_NOW
            ),
            "23"
        );
        assert_eq!(code(&format!("{Q1_QUERY}&v=2.0"), Q1_BODY, Q1_NOW), "41");
        assert_eq!(
            code(&Q1_QUERY.replace("&sign=", "&x="), Q1_BODY, Q1_NOW),
            "24"
        );
        // customerId is signed: changing it breaks the signature first.
        let other_owner = Q1_QUERY.replace("stub-cust-code", "someone");
        assert_eq!(code(&other_owner, Q1_BODY, Q1_NOW), "25");
    }

    #[test]
    fn credentials_refuse_empty_parts_and_hide_the_secret() {
        assert_eq!(
            QimenCredentials::new("k", "", "c").unwrap_err(),
            EmptyCredential("secret")
        );
        let shown = format!("{:?}", QimenCredentials::new("k", "s3cr3t", "c").unwrap());
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
}
