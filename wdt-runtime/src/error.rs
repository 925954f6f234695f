//! Every way a call can fail, as one typed error.
//!
//! No variant holds a secret, a salt or a signed URL: transport messages are taken from the
//! HTTP client with the URL removed, and replies are kept only as truncated text.

use crate::validate::ValidationError;

/// How many characters of an unexpected reply an error keeps.
pub const RAW_REPLY_LIMIT: usize = 512;

/// A failed call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client is misconfigured (malformed appsecret, bad URL, …).
    #[error("invalid configuration: {0}")]
    Config(String),

    /// The request breaks its spec; it was not sent.
    #[error("{method}: request not sent, it breaks the spec: {source}")]
    Invalid {
        method: &'static str,
        source: ValidationError,
    },

    /// The request could not be encoded.
    #[error("{method}: cannot encode the request: {message}")]
    Encode {
        method: &'static str,
        message: String,
    },

    /// The request did not get an HTTP reply.
    #[error("{method}: {kind}: {message}")]
    Transport {
        method: &'static str,
        kind: TransportKind,
        message: String,
    },

    /// The HTTP status was not 200.
    #[error("{method}: HTTP {status}; reply starts: {raw}")]
    Http {
        method: &'static str,
        status: u16,
        raw: String,
    },

    /// The 旗舰版 gateway answered with a non-zero `status`.
    #[error("{method}: status {status}{}: {message}", code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Api {
        method: &'static str,
        status: i64,
        code: Option<String>,
        message: String,
    },

    /// The Qimen service answered `<flag>failure</flag>`.
    #[error("{method}: failure {code}: {message}")]
    QimenFailure {
        method: &'static str,
        code: String,
        message: String,
    },

    /// The Qimen gateway itself refused the call (`<error_response>`).
    #[error("{method}: gateway error {code}: {msg}{}", sub_code.as_deref().map(|s| format!(" ({s}: {})", sub_msg.as_deref().unwrap_or(""))).unwrap_or_default())]
    QimenGateway {
        method: &'static str,
        code: String,
        msg: String,
        sub_code: Option<String>,
        sub_msg: Option<String>,
    },

    /// The reply is larger than the client's `max_reply_bytes`; it was not read further.
    #[error("{method}: the reply is larger than {limit} bytes; not read further")]
    ReplyTooLarge { method: &'static str, limit: usize },

    /// The reply was refused before decoding: too deeply nested, or an XML document type
    /// (where entities would be declared).
    #[error("{method}: reply refused before decoding: {reason}")]
    ReplyRefused {
        method: &'static str,
        reason: crate::limits::LimitError,
    },

    /// The reply is not what the spec describes (not JSON/XML, or the wrong shape).
    #[error("{method}: cannot decode the reply: {message}; reply starts: {raw}")]
    Decode {
        method: &'static str,
        message: String,
        raw: String,
    },
}

/// What went wrong below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No connection could be made.
    Connect,
    /// The call took longer than the timeout.
    Timeout,
    /// The connection broke while sending or receiving.
    Io,
}

impl std::fmt::Display for TransportKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "cannot connect",
            TransportKind::Timeout => "timed out",
            TransportKind::Io => "connection failed",
        })
    }
}

/// The vendor's answers that mean "try again later" (HTTP 200, status 100).
pub const RETRY_LATER_MESSAGES: &[&str] = &[
    "超过每分钟最大调用频率限制",
    "超过每分钟最大并发次数限制",
    "请稍后重试",
];

impl Error {
    /// Whether the gateway asked to slow down.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, Error::Api { message, .. }
            if RETRY_LATER_MESSAGES[..2].iter().any(|m| message.contains(m)))
    }

    /// Whether the same request may succeed later: transport failures, HTTP 5xx, rate
    /// limits, database errors (status 4 and 5) and other "retry later" answers.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Transport { .. } => true,
            Error::Http { status, .. } => *status >= 500 || *status == 429,
            Error::Api {
                status, message, ..
            } => {
                matches!(status, 4 | 5) || RETRY_LATER_MESSAGES.iter().any(|m| message.contains(m))
            }
            Error::QimenGateway { sub_code, .. } => {
                sub_code.as_deref().is_some_and(|c| c.starts_with("isp."))
            }
            _ => false,
        }
    }

    /// Whether the request may have reached the server (so retrying a create could
    /// duplicate it).
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Error::Transport { kind, .. } => *kind != TransportKind::Connect,
            Error::Invalid { .. } | Error::Encode { .. } | Error::Config(_) => false,
            _ => true,
        }
    }
}

/// Cuts a reply to [`RAW_REPLY_LIMIT`] characters for an error message.
pub fn truncate(raw: &[u8]) -> String {
    shorten(&String::from_utf8_lossy(raw), RAW_REPLY_LIMIT)
}

/// Cuts text to `limit` characters, marking the cut.
pub fn shorten(text: &str, limit: usize) -> String {
    let mut out: String = text.chars().take(limit).collect();
    if text.chars().nth(limit).is_some() {
        out.push('…');
    }
    out
}

/// Why a received request is refused (the sandbox's view of a request).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// The body does not decode into the endpoint's arguments.
    #[error("cannot decode the request: {0}")]
    Decode(String),
    /// The arguments break the spec.
    #[error("{0}")]
    Invalid(ValidationError),
}
