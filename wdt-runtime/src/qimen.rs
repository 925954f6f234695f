//! The Qimen client: XML (or JSON) bodies, uppercase md5, `flag`/`code`/`message` replies.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::client::{CallOptions, Core, Gateway, Prepared, Settings, settings_methods};
use crate::clock::beijing;
use crate::endpoint::{Endpoint, Protocol};
use crate::error::{Error, shorten, truncate};
use crate::retry;
use crate::secret::Secret;
use crate::sign;
use crate::wire::format_datetime;

/// The Qimen production router.
pub const PRODUCTION_URL: &str = "http://qimen.api.taobao.com/router/qimen/service";
/// The Qimen sandbox router.
pub const SANDBOX_URL: &str = "http://qimenapi.tbsandbox.com/router/qimen/service";

/// The body and reply format (`format` query parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `<request>…</request>` (the default).
    #[default]
    Xml,
    /// The request object as JSON. Unconfirmed against the live router: the doc pages only
    /// show XML bodies.
    Json,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "text/xml;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
        }
    }
}

/// Builds a [`QimenClient`].
#[derive(Debug)]
pub struct QimenClientBuilder {
    app_key: Option<String>,
    secret: Option<Secret>,
    customer_id: Option<String>,
    format: Format,
    settings: Settings,
}

impl Default for QimenClientBuilder {
    fn default() -> Self {
        QimenClientBuilder {
            app_key: None,
            secret: None,
            customer_id: None,
            format: Format::Xml,
            settings: Settings::new(PRODUCTION_URL),
        }
    }
}

/// The Qimen router's path.
const ROUTER: Gateway = Gateway {
    label: "router URL",
    default_path: "/router/qimen/service",
};

impl QimenClientBuilder {
    /// The app key.
    pub fn app_key(mut self, app_key: impl Into<String>) -> Self {
        self.app_key = Some(app_key.into());
        self
    }

    /// The app secret (signs; never sent).
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(Secret::new(secret));
        self
    }

    /// The `customerId` routing calls to a warehouse or owner.
    pub fn customer_id(mut self, customer_id: impl Into<String>) -> Self {
        self.customer_id = Some(customer_id.into());
        self
    }

    /// The router URL (production by default; see [`SANDBOX_URL`]);
    /// `/router/qimen/service` is added to a URL without a path.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.settings.url = url.into();
        self
    }

    /// XML (default) or JSON.
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    settings_methods!();

    /// The client, or a [`Error::Config`] naming what is missing or malformed.
    pub fn build(self) -> Result<QimenClient, Error> {
        let missing = |what: &str| Error::Config(format!("{what} is not set"));
        let app_key = self.app_key.ok_or_else(|| missing("app_key"))?;
        let secret = self.secret.ok_or_else(|| missing("secret"))?;
        let customer_id = self.customer_id.ok_or_else(|| missing("customer_id"))?;
        Ok(QimenClient {
            inner: Arc::new(Inner {
                core: self.settings.build(&ROUTER)?,
                app_key,
                secret,
                customer_id,
                format: self.format,
            }),
        })
    }
}

/// A Qimen client. Cheap to clone.
#[derive(Clone)]
pub struct QimenClient {
    inner: Arc<Inner>,
}

struct Inner {
    core: Core,
    app_key: String,
    secret: Secret,
    customer_id: String,
    format: Format,
}

impl fmt::Debug for QimenClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let mut f = f.debug_struct("QimenClient");
        f.field("app_key", &inner.app_key)
            .field("secret", &inner.secret)
            .field("customer_id", &inner.customer_id)
            .field("format", &inner.format);
        inner.core.debug_fields(&mut f);
        f.finish_non_exhaustive()
    }
}

/// The XML declaration every body starts with.
const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// Writes a Qimen request: `<request>…</request>` after the XML declaration.
pub fn to_xml<T: serde::Serialize>(request: &T) -> Result<String, String> {
    element_xml("request", request)
}

/// Writes a Qimen reply: `<response>…</response>` after the XML declaration (what the
/// receiving side of a method answers).
pub fn response_to_xml<T: serde::Serialize>(response: &T) -> Result<String, String> {
    element_xml("response", response)
}

fn element_xml<T: serde::Serialize>(root: &str, value: &T) -> Result<String, String> {
    // Sized for a typical request, so quick-xml's many small writes rarely reallocate.
    let mut body = String::with_capacity(1024);
    body.push_str(XML_DECLARATION);
    quick_xml::se::to_writer_with_root(&mut body, root, value).map_err(|e| e.to_string())?;
    Ok(body)
}

/// Reads a Qimen element (the root's name is not checked), refusing one nested deeper than
/// [`crate::limits::DEFAULT_MAX_DEPTH`] or declaring a document type.
pub fn from_xml<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    crate::limits::check_xml(text.as_bytes(), crate::limits::DEFAULT_MAX_DEPTH)
        .map_err(|e| e.to_string())?;
    quick_xml::de::from_str(text).map_err(|e| e.to_string())
}

/// The fields every `<response>` has.
#[derive(Deserialize)]
struct Status {
    #[serde(default)]
    flag: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// `<error_response>`: the router refused the call.
#[derive(Deserialize)]
struct GatewayError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    msg: Option<String>,
    #[serde(default)]
    sub_code: Option<String>,
    #[serde(default)]
    sub_msg: Option<String>,
}

/// The name of the first element of an XML document.
fn root_name(xml: &str) -> Option<&str> {
    let mut rest = xml;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return Some(&rest[..end]);
    }
}

/// Reads a reply: `flag` success gives the typed response, failure and gateway errors
/// give typed errors.
pub fn read_reply<T: DeserializeOwned>(
    method: &'static str,
    format: Format,
    body: &[u8],
) -> Result<T, Error> {
    let decode_error = |message: String| Error::Decode {
        method,
        message: shorten(&message, 160),
        raw: truncate(body),
    };
    let payload = check_reply(method, format, body)?;
    match payload {
        Payload::Xml(text) => from_xml(text),
        // Through the runtime's one JSON reader: `from_value` would instantiate a second
        // decoder of every response type.
        Payload::Json(value) => {
            crate::format::to_json(&value).and_then(|json| crate::format::from_json(&json))
        }
    }
    .map_err(|e| decode_error(format!("the response does not match the spec: {e}")))
}

/// A successful reply's `<response>` element, not yet decoded by the spec.
enum Payload<'a> {
    Xml(&'a str),
    Json(serde_json::Value),
}

/// Checks a reply's `flag` (and for gateway errors) without decoding the rest.
fn check_reply<'a>(
    method: &'static str,
    format: Format,
    body: &'a [u8],
) -> Result<Payload<'a>, Error> {
    let decode_error = |message: String| Error::Decode {
        method,
        message: shorten(&message, 160),
        raw: truncate(body),
    };
    let text = std::str::from_utf8(body).map_err(|e| decode_error(e.to_string()))?;
    match format {
        Format::Xml => {
            let root = root_name(text).ok_or_else(|| decode_error("not an XML reply".into()))?;
            if root == "error_response" {
                let e: GatewayError = from_xml(text).map_err(decode_error)?;
                return Err(gateway_error(method, e));
            }
            let status: Status = from_xml(text).map_err(decode_error)?;
            check_flag(method, status)?;
            Ok(Payload::Xml(text))
        }
        Format::Json => {
            let mut value: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| decode_error(format!("not a JSON reply: {e}")))?;
            if let Some(e) = value.get_mut("error_response").map(serde_json::Value::take) {
                let e: GatewayError =
                    serde_json::from_value(e).map_err(|e| decode_error(e.to_string()))?;
                return Err(gateway_error(method, e));
            }
            let response = match value.get_mut("response") {
                Some(response) => response.take(),
                None => value,
            };
            let status: Status = serde_json::from_value(response.clone())
                .map_err(|e| decode_error(e.to_string()))?;
            check_flag(method, status)?;
            Ok(Payload::Json(response))
        }
    }
}

fn gateway_error(method: &'static str, e: GatewayError) -> Error {
    Error::QimenGateway {
        method,
        code: e.code.unwrap_or_default(),
        msg: e.msg.unwrap_or_default(),
        sub_code: e.sub_code,
        sub_msg: e.sub_msg,
    }
}

fn check_flag(method: &'static str, status: Status) -> Result<(), Error> {
    match status.flag.as_deref() {
        Some("success") => Ok(()),
        _ => Err(Error::QimenFailure {
            method,
            code: status.code.unwrap_or_default(),
            message: status
                .message
                .unwrap_or_else(|| "the response has no flag".to_owned()),
        }),
    }
}

impl QimenClient {
    /// Starts a builder.
    pub fn builder() -> QimenClientBuilder {
        QimenClientBuilder::default()
    }

    /// Calls an endpoint.
    pub async fn call<E: Endpoint>(&self, request: &E) -> Result<E::Response, Error> {
        self.call_with(request, CallOptions::default()).await
    }

    /// Calls an endpoint with per-call options.
    pub async fn call_with<E: Endpoint>(
        &self,
        request: &E,
        options: CallOptions,
    ) -> Result<E::Response, Error> {
        self.call_checked(request, None, options)
            .await
            .map(|(response, _)| response)
    }

    /// Validates (with the page size, for a paged call), sends, and reads the reply; also
    /// what validation warned about.
    pub(crate) async fn call_checked<E: Endpoint>(
        &self,
        request: &E,
        page_size: crate::endpoint::PageSizeCheck,
        options: CallOptions,
    ) -> Result<(E::Response, Vec<crate::Violation>), Error> {
        debug_assert_eq!(E::PROTOCOL, Protocol::Qimen);
        let warnings = self.inner.core.check(request, page_size, options)?;
        let body = self.encode(request)?;
        let response = self
            .send(
                E::METHOD,
                body,
                E::RETRY_SAFE,
                options,
                read_reply::<E::Response>,
            )
            .await?;
        Ok((response, warnings))
    }

    /// Signs an already encoded body without sending it (the CLI's dry run; like
    /// [`QimenClient::call_raw`], the caller has validated it by the spec).
    pub fn prepare_raw(&self, method: &str, body: Vec<u8>) -> Prepared {
        let url = self.signed_url(method, &body, self.inner.core.clock.unix_seconds());
        Prepared {
            url,
            content_type: self.inner.format.content_type(),
            body: Bytes::from(body),
        }
    }

    /// Sends an already encoded body and returns the `<response>` element as text (XML) or
    /// JSON after checking its `flag` (the CLI's path: it validates by the spec itself).
    pub async fn call_raw(
        &self,
        method: &'static str,
        body: Vec<u8>,
        retry_safe: bool,
    ) -> Result<Bytes, Error> {
        let checked = |method, format, reply: &[u8]| {
            check_reply(method, format, reply).map(|_| Bytes::copy_from_slice(reply))
        };
        self.send(
            method,
            Bytes::from(body),
            retry_safe,
            CallOptions::default(),
            checked,
        )
        .await
    }

    /// Sends with retries, each attempt signed afresh, and reads the reply with `read`.
    async fn send<T>(
        &self,
        method: &'static str,
        body: Bytes,
        retry_safe: bool,
        options: CallOptions,
        read: impl Fn(&'static str, Format, &[u8]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let inner = &self.inner;
        let core = &inner.core;
        retry::run(
            &core.retry,
            method,
            None,
            retry_safe,
            options.retry_unsafe,
            || async {
                let sign = |now| Prepared {
                    url: self.signed_url(method, &body, now),
                    content_type: inner.format.content_type(),
                    body: body.clone(),
                };
                let reply = core
                    .exchange(method, sign, inner.format == Format::Xml)
                    .await?;
                let read = read(method, inner.format, &reply);
                core.observe(&read);
                read
            },
        )
        .await
    }

    fn encode<E: Endpoint>(&self, request: &E) -> Result<Bytes, Error> {
        let encoded = match self.inner.format {
            Format::Xml => to_xml(request),
            Format::Json => serde_json::to_string(request).map_err(|e| e.to_string()),
        };
        encoded.map(Bytes::from).map_err(|message| Error::Encode {
            method: E::METHOD,
            message,
        })
    }

    /// The router URL with every query parameter and the signature.
    fn signed_url(&self, method: &str, body: &[u8], unix_seconds: i64) -> String {
        let inner = &self.inner;
        let timestamp = format_datetime(&beijing(unix_seconds));
        let mut params = [
            ("method", method),
            ("timestamp", timestamp.as_str()),
            ("format", inner.format.as_str()),
            ("app_key", inner.app_key.as_str()),
            ("v", "2.0"),
            ("sign_method", "md5"),
            ("customerId", inner.customer_id.as_str()),
        ];
        let signature = sign::qimen_sign(inner.secret.expose(), &mut params, body);
        let mut url = form_urlencoded::Serializer::new(String::new());
        url.extend_pairs(params.iter());
        url.append_pair("sign", sign::as_str(&signature));
        format!("{}?{}", inner.core.url, url.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies() {
        #[derive(Debug, Deserialize)]
        struct R {
            flag: String,
        }
        let ok: R = read_reply(
            "m",
            Format::Xml,
            b"<response><flag>success</flag><code>0</code><message>ok</message></response>",
        )
        .unwrap();
        assert_eq!(ok.flag, "success");
        let failure = read_reply::<R>(
            "m",
            Format::Xml,
            "<response><flag>failure</flag><code>E01</code><message>单据不存在</message></response>".as_bytes(),
        )
        .unwrap_err();
        assert_eq!(failure.to_string(), "m: failure E01: 单据不存在");
        let gateway = read_reply::<R>(
            "m",
            Format::Xml,
            "<?xml version=\"1.0\"?><error_response><code>50</code><msg>Remote service error</msg><sub_code>isv.invalid-parameter</sub_code><sub_msg>非法参数</sub_msg></error_response>".as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            gateway.to_string(),
            "m: gateway error 50: Remote service error (isv.invalid-parameter: 非法参数)"
        );
        let json: R = read_reply("m", Format::Json, br#"{"response":{"flag":"success"}}"#).unwrap();
        assert_eq!(json.flag, "success");
        assert!(matches!(
            read_reply::<R>("m", Format::Xml, b"not xml").unwrap_err(),
            Error::Decode { .. }
        ));
    }

    #[test]
    fn the_builder_checks_what_the_wdt_builder_checks() {
        let builder = || {
            QimenClient::builder()
                .app_key("k")
                .secret("s")
                .customer_id("c")
        };
        let url = builder().base_url("http://127.0.0.1:9/").build().unwrap();
        assert_eq!(
            url.inner.core.url,
            "http://127.0.0.1:9/router/qimen/service"
        );
        for (bad, expected) in [
            (
                builder().base_url("ftp://h"),
                "router URL 'ftp://h' must be http or https",
            ),
            (
                builder().base_url("http://h/r?x=1"),
                "router URL 'http://h/r?x=1' must not have a query string",
            ),
            (
                builder().rate_limit(0.0),
                "rate limit must be a positive number",
            ),
        ] {
            let error = bad.build().expect_err("refused").to_string();
            assert!(error.contains(expected), "{error}");
        }
    }

    #[test]
    fn signed_url_matches_vector_q1() {
        let client = QimenClient::builder()
            .app_key("testerp_appkey")
            .secret("sandboxsecret")
            .customer_id("stub-cust-code")
            .base_url("http://127.0.0.1:1")
            .build()
            .unwrap();
        let body = r#"<?xml version="1.0" encoding="utf-8"?><request><warehouseCode>W1234</warehouseCode><ownerCode>H1234</ownerCode><orderCode>O1234</orderCode><orderType>JYCK</orderType><cancelReason>已经退货</cancelReason></request>"#;
        // 2026-11-23 18:00:00 Beijing time
        let url = client.signed_url("taobao.qimen.order.cancel", body.as_bytes(), 1_795_428_000);
        assert!(
            url.ends_with("&sign=87A7B358FB4BEACACCC57097FA61E75B"),
            "{url}"
        );
        assert!(url.contains("timestamp=2026-11-23+18%3A00%3A00"), "{url}");
        assert!(!format!("{client:?}").contains("sandboxsecret"));
    }
}
