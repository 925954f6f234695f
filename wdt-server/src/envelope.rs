//! The router's and the service's own reply shapes.
//!
//! The service answers `<response><flag>…</flag><code>…</code><message>…</message>…</response>`;
//! the router refuses a call with `<error_response><code>…</code><msg>…</msg><sub_code>…</sub_code>
//! <sub_msg>…</sub_msg></error_response>`. With `format=json` the same elements travel as
//! `{"response":{…}}` and `{"error_response":{…}}`.

use bytes::Bytes;
use serde::Serialize;
use wdt_runtime::{Format, Rejection};

const JSON: &str = "application/json;charset=utf-8";
const XML: &str = "text/xml;charset=utf-8";
const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// One reply, ready to send: HTTP status, content type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status: 200 for every envelope, as the router sends them.
    pub status: u16,
    /// `text/xml;charset=utf-8` or `application/json;charset=utf-8`.
    pub content_type: &'static str,
    /// The body.
    pub body: Bytes,
}

impl Reply {
    /// An HTTP 200 reply.
    pub fn ok(content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Reply {
            status: 200,
            content_type,
            body: body.into(),
        }
    }
}

/// A refusal by the router: `<error_response>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GatewayError {
    /// The router's numeric code, as text (`25` for a bad signature).
    pub code: String,
    /// Its English message (`Invalid signature`).
    pub msg: String,
    /// The sub-code (`isv.invalid-signature`).
    pub sub_code: String,
    /// The detail, in Chinese as the router writes it.
    pub sub_msg: String,
}

impl GatewayError {
    /// An error without detail.
    pub fn new(code: &str, msg: &str, sub_code: &str) -> Self {
        GatewayError {
            code: code.to_owned(),
            msg: msg.to_owned(),
            sub_code: sub_code.to_owned(),
            sub_msg: String::new(),
        }
    }

    /// The same error with its detail.
    pub fn detail(mut self, sub_msg: impl Into<String>) -> Self {
        self.sub_msg = sub_msg.into();
        self
    }

    /// Code 41: an argument the router cannot use.
    pub fn invalid_argument(detail: impl Into<String>) -> Self {
        GatewayError::new("41", "Invalid arguments", "isv.invalid-parameter").detail(detail)
    }

    /// Code 22: a method the receiver does not serve.
    pub fn unknown_method(method: &str) -> Self {
        GatewayError::new("22", "Invalid method", "isv.method-not-exists")
            .detail(format!("接口不存在: {method}"))
    }

    /// Code 50 with the decoder's or the validation's messages, as the pages' own error
    /// example shows a refused request.
    pub fn rejected(rejection: Rejection) -> Self {
        let detail = match rejection {
            Rejection::Decode(message) => format!("参数错误: {message}"),
            Rejection::Invalid(error) => error.to_string(),
        };
        GatewayError::new("50", "Remote service error", "isv.invalid-parameter").detail(detail)
    }

    /// Code 15: the receiver failed to write its own reply.
    pub fn internal(detail: impl Into<String>) -> Self {
        GatewayError::new("15", "Remote service error", "isp.unknown-error").detail(detail)
    }
}

/// The three fields every `<response>` starts with.
#[derive(Serialize)]
struct Flag<'a> {
    flag: &'a str,
    code: &'a str,
    message: &'a str,
}

/// An element with its root name, in the call's format.
pub fn document(format: Format, root: &str, value: &impl Serialize) -> Reply {
    let written = match format {
        Format::Xml => {
            let mut body = String::with_capacity(256);
            body.push_str(XML_DECLARATION);
            quick_xml::se::to_writer_with_root(&mut body, root, value)
                .map(|_| Reply::ok(XML, body))
                .map_err(|e| e.to_string())
        }
        // A one-entry map, so the value keeps its own field order.
        Format::Json => serde_json::to_string(&std::collections::BTreeMap::from([(root, value)]))
            .map(|body| Reply::ok(JSON, body))
            .map_err(|e| e.to_string()),
    };
    written.unwrap_or_else(|detail| {
        tracing::error!(root, %detail, "a reply could not be written");
        error_response(format, &GatewayError::internal(detail))
    })
}

/// `<response>…</response>` from a generated response type.
pub fn response(format: Format, value: &impl Serialize) -> Reply {
    document(format, "response", value)
}

/// `<error_response>…</error_response>`.
pub fn error_response(format: Format, error: &GatewayError) -> Reply {
    let body = match format {
        Format::Xml => {
            let mut body = String::from(XML_DECLARATION);
            // Four strings always serialise.
            let _ = quick_xml::se::to_writer_with_root(&mut body, "error_response", error);
            return Reply::ok(XML, body);
        }
        Format::Json => serde_json::to_string(&std::collections::BTreeMap::from([(
            "error_response",
            error,
        )])),
    };
    // Four strings always serialise.
    Reply::ok(JSON, body.unwrap_or_default())
}

/// `<response>` with `flag` success, a code and a message.
pub fn success(format: Format, code: &str, message: &str) -> Reply {
    response(
        format,
        &Flag {
            flag: "success",
            code,
            message,
        },
    )
}

/// `<response>` with `flag` failure: a business refusal, with its code and message.
pub fn failure(format: Format, code: &str, message: &str) -> Reply {
    response(
        format,
        &Flag {
            flag: "failure",
            code,
            message,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(reply: &Reply) -> &str {
        std::str::from_utf8(&reply.body).unwrap()
    }

    #[test]
    fn the_routers_and_the_services_shapes() {
        let error = GatewayError::new("25", "Invalid signature", "isv.invalid-signature");
        assert_eq!(
            text(&error_response(Format::Xml, &error)),
            r#"<?xml version="1.0" encoding="utf-8"?><error_response><code>25</code><msg>Invalid signature</msg><sub_code>isv.invalid-signature</sub_code><sub_msg/></error_response>"#
        );
        assert_eq!(
            text(&error_response(Format::Json, &error.detail("签名错误"))),
            r#"{"error_response":{"code":"25","msg":"Invalid signature","sub_code":"isv.invalid-signature","sub_msg":"签名错误"}}"#
        );
        assert_eq!(
            text(&failure(Format::Xml, "ORDER_SHIPPED", "已发货")),
            r#"<?xml version="1.0" encoding="utf-8"?><response><flag>failure</flag><code>ORDER_SHIPPED</code><message>已发货</message></response>"#
        );
        let ok = success(Format::Json, "0", "ok");
        assert_eq!(ok.content_type, JSON);
        assert_eq!(
            text(&ok),
            r#"{"response":{"flag":"success","code":"0","message":"ok"}}"#
        );
    }
}
