//! 旺店通 through 奇门自定义 (PROTOCOL.md): the same typed 旗舰版 calls, sent through Taobao's
//! Qimen router, which forwards them to the ERP. The 旗舰版 trade queries leave out 淘系 and
//! system 供销 orders; this route returns them.
//!
//! A [`crate::WdtClient`] built with [`crate::WdtClientBuilder::qimen_route`] sends every call
//! this way: each positional argument becomes a form field named after it (the single
//! `params` argument of most queries is the `params` field), the pager travels as a JSON
//! `pager` field with `page_no` from 1, the body carries the 旗舰版 account and its inner
//! `wdt_sign` ([`sign::route_wdt_sign`]), and the query string the Qimen parameters and the
//! outer `sign` ([`sign::qimen_sign`] over the query and the body fields together). Both
//! layers are signed afresh for every attempt.

use std::fmt;

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::client::{Gateway, Prepared};
use crate::clock::beijing;
use crate::error::{Error, shorten, truncate};
use crate::secret::{AppSecret, Secret};
use crate::sign::{self, Pager};
use crate::wdt::{Reply, read_reply};
use crate::wire::format_datetime;

/// The router's production URL.
pub const ROUTER_URL: &str = "http://3ldsmu02o9.api.taobao.com/router/qm";

/// 旺店通's Qimen app key, the documented default `target_app_key`.
pub const WDT_TARGET_APP_KEY: &str = "21363512";

/// How errors name the URL, and the path added to a URL without one.
pub(crate) const ROUTER: Gateway = Gateway {
    label: "router URL",
    default_path: "/router/qm",
};

/// How the route's bodies are sent.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded;charset=utf-8";

/// The Qimen side of the route: your Qimen app key and secret, the target app key and the
/// router URL. The 旗舰版 sid, key and appsecret stay on the client builder; they sign the
/// inner part.
#[derive(Clone)]
pub struct QimenRoute {
    pub(crate) app_key: String,
    pub(crate) secret: Secret,
    pub(crate) target_app_key: String,
    pub(crate) url: String,
}

impl fmt::Debug for QimenRoute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QimenRoute")
            .field("app_key", &self.app_key)
            .field("secret", &self.secret)
            .field("target_app_key", &self.target_app_key)
            .field("url", &self.url)
            .finish()
    }
}

impl QimenRoute {
    /// The route with your Qimen app key and secret, to [`ROUTER_URL`] and target app key
    /// [`WDT_TARGET_APP_KEY`].
    pub fn new(app_key: impl Into<String>, secret: impl Into<String>) -> Self {
        QimenRoute {
            app_key: app_key.into(),
            secret: Secret::new(secret),
            target_app_key: WDT_TARGET_APP_KEY.to_owned(),
            url: ROUTER_URL.to_owned(),
        }
    }

    /// Another target app key than 旺店通's.
    pub fn target_app_key(mut self, target_app_key: impl Into<String>) -> Self {
        self.target_app_key = target_app_key.into();
        self
    }

    /// Another router URL (a sandbox); `/router/qm` is added to a URL without a path.
    pub fn router_url(mut self, url: impl Into<String>) -> Self {
        self.url = url.into();
        self
    }

    /// Checks what a build needs: both keys and the secret set.
    pub(crate) fn check(&self) -> Result<(), Error> {
        for (what, value) in [
            ("the route's Qimen app key", self.app_key.as_str()),
            ("the route's Qimen secret", self.secret.expose()),
            ("the route's target app key", self.target_app_key.as_str()),
        ] {
            if value.is_empty() {
                return Err(Error::Config(format!("{what} is empty")));
            }
        }
        Ok(())
    }
}

/// The route's name of a 旗舰版 method: `wdt.` and the name in lower case
/// (`sales.TradeQuery.queryWithDetail` → `wdt.sales.tradequery.querywithdetail`).
pub fn route_method(method: &str) -> String {
    format!("wdt.{}", method.to_ascii_lowercase())
}

/// An encoded 旗舰版 body (the JSON array of positional arguments) as the route's body
/// fields, one per argument, named after it: strings as they are, other values as JSON
/// text; a `null` argument is left out.
pub fn route_args(
    method: &'static str,
    args: &'static [&'static str],
    body: &[u8],
) -> Result<Vec<(&'static str, String)>, Error> {
    let encode_error = |message: String| Error::Encode { method, message };
    let values: Vec<&RawValue> = serde_json::from_slice(body)
        .map_err(|e| encode_error(format!("the body is not a JSON array: {e}")))?;
    if values.len() > args.len() {
        return Err(encode_error(format!(
            "{} arguments for the {} the spec names",
            values.len(),
            args.len()
        )));
    }
    let mut fields = Vec::with_capacity(values.len());
    for (name, value) in args.iter().zip(values) {
        let text = value.get();
        if text == "null" {
            continue;
        }
        let text = if text.starts_with('"') {
            serde_json::from_str::<String>(text).map_err(|e| encode_error(e.to_string()))?
        } else {
            text.to_owned()
        };
        fields.push((*name, text));
    }
    Ok(fields)
}

/// The 旗舰版 account that signs the inner part.
pub(crate) struct Account<'a> {
    pub sid: &'a str,
    pub key: &'a str,
    pub secret: &'a AppSecret,
}

/// One signed attempt through the route: the router URL with the Qimen query and its
/// `sign`, and the form body with the arguments, the pager (`page_no` + 1), the account and
/// `wdt_sign`.
pub(crate) fn prepare(
    route: &QimenRoute,
    url: &str,
    account: &Account<'_>,
    method: &str,
    args: &[(&str, String)],
    pager: Option<Pager>,
    unix_seconds: i64,
) -> Prepared {
    let name = route_method(method);
    let datetime = format_datetime(&beijing(unix_seconds));
    let pager_text = pager.map(|pager| {
        format!(
            r#"{{"page_no":{},"page_size":{}}}"#,
            u64::from(pager.page_no) + 1,
            pager.page_size
        )
    });
    let mut fields: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if let Some(pager) = &pager_text {
        fields.push(("pager", pager));
    }
    fields.extend([
        ("datetime", datetime.as_str()),
        ("wdt_appkey", account.key),
        ("wdt_salt", account.secret.salt.expose()),
        ("wdt3_customer_id", account.sid),
    ]);
    let inner = sign::route_wdt_sign(account.secret.secret.expose(), &name, &fields);
    fields.push(("wdt_sign", sign::as_str(&inner)));
    let query = [
        ("app_key", route.app_key.as_str()),
        ("v", "2.0"),
        ("format", "json"),
        ("sign_method", "md5"),
        ("method", name.as_str()),
        ("timestamp", datetime.as_str()),
        ("target_app_key", route.target_app_key.as_str()),
    ];
    let mut signed: Vec<(&str, &str)> = query.iter().chain(&fields).copied().collect();
    let outer = sign::qimen_sign(route.secret.expose(), &mut signed, b"");
    let mut address = form_urlencoded::Serializer::new(String::new());
    address.extend_pairs(query);
    address.append_pair("sign", sign::as_str(&outer));
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.extend_pairs(&fields);
    Prepared {
        url: format!("{url}?{}", address.finish()),
        content_type: FORM_CONTENT_TYPE,
        body: Bytes::from(body.finish()),
    }
}

/// The route's reply: `{"response": …}` around the 旗舰版 envelope, the router's failure
/// inside `response` (`flag` = `failure`), or an `error_response`.
#[derive(Deserialize)]
struct RouteEnvelope<'a> {
    #[serde(borrow, default)]
    response: Option<&'a RawValue>,
    #[serde(borrow, default)]
    error_response: Option<&'a RawValue>,
}

/// What tells a router failure from the 旗舰版 envelope inside `response`.
#[derive(Deserialize)]
struct Flag<'a> {
    #[serde(borrow, default)]
    flag: Option<&'a RawValue>,
}

/// A router failure: `code`, `message` (`msg` in an `error_response`) and the sub-code;
/// any JSON value is taken as text.
#[derive(Deserialize)]
struct RouterFailure {
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default, alias = "msg")]
    message: Option<serde_json::Value>,
    #[serde(default)]
    sub_code: Option<serde_json::Value>,
    #[serde(default, alias = "sub_msg")]
    sub_message: Option<serde_json::Value>,
}

fn text(value: Option<serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

impl RouterFailure {
    fn into_error(self, method: &'static str) -> Error {
        Error::QimenGateway {
            method,
            code: text(self.code).unwrap_or_default(),
            msg: text(self.message).unwrap_or_default(),
            sub_code: text(self.sub_code),
            sub_msg: text(self.sub_message),
        }
    }
}

/// Reads a reply of the route: the 旗舰版 envelope inside `response` gives the typed `data`
/// or [`Error::Api`]; a router failure gives [`Error::QimenGateway`].
pub fn read_route_reply<T: DeserializeOwned>(
    method: &'static str,
    body: &[u8],
) -> Result<Reply<T>, Error> {
    let decode_error = |message: String| Error::Decode {
        method,
        message: shorten(&message, 160),
        raw: truncate(body),
    };
    let envelope: RouteEnvelope<'_> = serde_json::from_slice(body)
        .map_err(|e| decode_error(format!("not a JSON reply of the route: {e}")))?;
    let failure = |raw: &RawValue| {
        serde_json::from_str::<RouterFailure>(raw.get())
            .map_err(|e| decode_error(format!("unreadable router error: {e}")))
    };
    if let Some(error) = envelope.error_response {
        return Err(failure(error)?.into_error(method));
    }
    let response = envelope
        .response
        .ok_or_else(|| decode_error("the reply has no response".to_owned()))?;
    if !response.get().starts_with('{') {
        return Err(decode_error("response is not an object".to_owned()));
    }
    let flag = serde_json::from_str::<Flag<'_>>(response.get())
        .map_err(|e| decode_error(format!("unreadable response: {e}")))?;
    if flag.flag.is_some_and(|flag| flag.get() == r#""failure""#) {
        return Err(failure(response)?.into_error(method));
    }
    read_reply(method, response.get().as_bytes())
}

#[cfg(test)]
mod tests;
