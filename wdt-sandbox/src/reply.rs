//! Replies in the vendors' own shapes: the envelopes, and the refusals built from them.
//!
//! 旗舰版: HTTP 200 and `{"status":0,"data":…}` or `{"status":N,"message":…}` (sometimes with
//! `code`). Qimen replies are the server side's ([`wdt_server::envelope`]), converted.

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use serde::Serialize;
use wdt_runtime::Rejection;
use wdt_server::GatewayError;

use crate::faults::RATE_LIMIT_MESSAGE;

const JSON: &str = "application/json;charset=utf-8";
const XML: &str = "text/xml;charset=utf-8";
const HTML: &str = "text/html";

/// One reply, ready to send.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Bytes,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
        }
    }

    /// A JSON body with HTTP 200.
    pub fn json(value: &impl Serialize) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => Reply::new(200, JSON, body),
            Err(e) => wdt_error(99, None, &format!("服务器错误: {e}")),
        }
    }

    /// A JSON body with another HTTP status (admin API).
    pub fn json_status(status: u16, value: &impl Serialize) -> Self {
        Reply {
            status,
            ..Reply::json(value)
        }
    }

    /// The reply cut to its first half: what a broken connection or proxy delivers.
    pub fn truncated(self) -> Self {
        let half = self.body.len() / 2;
        Reply {
            body: self.body.slice(..half),
            ..self
        }
    }

    /// The hyper response.
    pub fn into_response(self) -> Response<Full<Bytes>> {
        let mut response = Response::new(Full::new(self.body));
        *response.status_mut() =
            hyper::StatusCode::from_u16(self.status).unwrap_or(hyper::StatusCode::OK);
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        response
    }
}

/// The 旗舰版 envelope of a successful call.
#[derive(Serialize)]
struct Success<T> {
    status: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<T>,
}

/// The 旗舰版 envelope of a failed call.
#[derive(Serialize)]
struct Failure<'a> {
    status: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    message: &'a str,
}

/// `{"status":0,"data":…}`, or `{"status":0}` when there is no data.
pub(crate) fn wdt_ok<T: Serialize>(data: Option<T>) -> Reply {
    Reply::json(&Success { status: 0, data })
}

/// `{"status":N,"message":…}`, with `code` when given.
pub(crate) fn wdt_error(status: i64, code: Option<&str>, message: &str) -> Reply {
    let body = serde_json::to_vec(&Failure {
        status,
        code,
        message,
    })
    // Serialising two strings and a number cannot fail; keep a valid reply regardless.
    .unwrap_or_else(|_| br#"{"status":99,"message":"server error"}"#.to_vec());
    Reply::new(200, JSON, body)
}

/// The 旗舰版 rate-limit answer.
pub(crate) fn wdt_rate_limited() -> Reply {
    wdt_error(100, None, RATE_LIMIT_MESSAGE)
}

/// A spec's example reply, sent as the page shows it.
pub(crate) fn raw(protocol_is_xml: bool, text: &'static str) -> Reply {
    Reply::new(200, if protocol_is_xml { XML } else { JSON }, text)
}

/// The router's rate-limit answer (`<error_response>` code 7).
pub(crate) fn qimen_rate_limited() -> GatewayError {
    GatewayError::new(
        "7",
        "App Call Limited",
        "accesscontrol.limited-by-app-access-count",
    )
    .detail(RATE_LIMIT_MESSAGE)
}

/// A reply of the Qimen server side, as the sandbox sends it.
impl From<wdt_server::Reply> for Reply {
    fn from(reply: wdt_server::Reply) -> Self {
        Reply::new(reply.status, reply.content_type, reply.body)
    }
}

/// A proxy's HTML page with an HTTP status.
pub(crate) fn html_page(status: u16) -> Reply {
    let reason = hyper::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let body = format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    Reply::new(status, HTML, body)
}

/// A plain-text reply for paths that are not gateways.
pub(crate) fn not_found() -> Reply {
    Reply::new(404, "text/plain", "not found")
}

/// A refused 旗舰版 request: status 1 with the decoder's or the validation messages (the
/// client's own words).
///
/// The real gateway answers status 2 naming a field it does not know; the sandbox cannot
/// tell an unknown field from one the vendor takes before documenting it, so it accepts
/// both, with a warning (see `docs/design/0002`).
pub(crate) fn wdt_rejection(rejection: Rejection) -> Reply {
    match rejection {
        Rejection::Decode(message) => wdt_error(1, None, &format!("参数错误: {message}")),
        Rejection::Invalid(error) => wdt_error(1, None, &error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use wdt_runtime::Format;

    use super::*;

    #[test]
    fn vendor_shapes() {
        let ok = wdt_ok::<()>(None);
        assert_eq!(&ok.body[..], br#"{"status":0}"#);
        let e = wdt_error(100, Some("right.required"), "无该仓库权限");
        assert_eq!(
            std::str::from_utf8(&e.body).unwrap(),
            r#"{"status":100,"code":"right.required","message":"无该仓库权限"}"#
        );
        let limited: Reply =
            wdt_server::envelope::error_response(Format::Json, &qimen_rate_limited()).into();
        assert!(
            std::str::from_utf8(&limited.body)
                .unwrap()
                .starts_with(r#"{"error_response":{"code":"7""#)
        );
        assert_eq!(html_page(502).status, 502);
        assert_eq!(
            wdt_rate_limited().truncated().body.len(),
            wdt_rate_limited().body.len() / 2
        );
    }
}
