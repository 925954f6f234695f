//! One HTTP exchange, with failures mapped to [`Error`] and no URL in any message.

use std::error::Error as _;
use std::time::Duration;

use bytes::{Bytes, BytesMut};

use crate::error::{Error, TransportKind, truncate};

/// What came back from one attempt.
pub struct Reply {
    pub status: u16,
    pub body: Bytes,
}

/// Sends one POST and reads the whole reply, up to `max_bytes` (a larger reply is an error
/// as soon as it is known to be larger: by its `Content-Length`, or while reading).
pub async fn post(
    http: &reqwest::Client,
    method: &'static str,
    url: &str,
    content_type: &'static str,
    body: Bytes,
    timeout: Option<Duration>,
    max_bytes: usize,
) -> Result<Reply, Error> {
    let mut request = http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, content_type)
        .body(body);
    if let Some(timeout) = timeout {
        request = request.timeout(timeout);
    }
    let mut response = request.send().await.map_err(|e| transport(method, e))?;
    let status = response.status().as_u16();
    let too_large = Error::ReplyTooLarge {
        method,
        limit: max_bytes,
    };
    if response
        .content_length()
        .is_some_and(|length| length > max_bytes as u64)
    {
        return Err(too_large);
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| transport(method, e))? {
        if body.len() + chunk.len() > max_bytes {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Reply {
        status,
        body: body.freeze(),
    })
}

/// Maps a reqwest error, dropping the URL (it holds the salt and the signature).
pub fn transport(method: &'static str, error: reqwest::Error) -> Error {
    let kind = if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Io
    };
    let error = error.without_url();
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    Error::Transport {
        method,
        kind,
        message,
    }
}

/// An error for a reply whose HTTP status is not 200.
pub fn http_status(method: &'static str, reply: &Reply) -> Error {
    Error::Http {
        method,
        status: reply.status,
        raw: truncate(&reply.body),
    }
}
