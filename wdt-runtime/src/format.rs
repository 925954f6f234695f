//! The two wire formats as types: JSON (旗舰版) and XML (Qimen).
//!
//! Generic code that reads or writes an endpoint's bodies goes through
//! `<E::Format as WireFormat>`, not through a `match` on [`Protocol`]: a `match` would
//! instantiate both formats' serde code for every type, although each endpoint only ever
//! travels in one (docs/design/0011-compile-time.md).

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::endpoint::{Endpoint, PageSizeCheck, Protocol};
use crate::error::Rejection;
use crate::{limits, qimen, request};

/// How an endpoint's request and reply bodies are written.
pub trait WireFormat: Send + Sync + 'static {
    /// The gateway that speaks this format.
    const PROTOCOL: Protocol;

    /// Reads a request body or a reply payload, refusing what nests deeper than
    /// [`limits::DEFAULT_MAX_DEPTH`] (or, for XML, declares a document type).
    fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String>;

    /// Reads a request body without validating it. A JSON body serde refuses is refused with
    /// every problem it has at once ([`request::decode_json`]).
    fn decode_request<E: Endpoint + DeserializeOwned>(
        body: &[u8],
        page_size: PageSizeCheck,
    ) -> Result<E, Rejection>;

    /// Writes a request body: the JSON array of positional arguments, or `<request>`.
    fn encode_request<T: Serialize>(request: &T) -> Result<Vec<u8>, String>;
}

/// 旗舰版 bodies: JSON.
#[derive(Debug, Clone, Copy)]
pub struct Json;

/// Qimen bodies: XML.
#[derive(Debug, Clone, Copy)]
pub struct Xml;

impl WireFormat for Json {
    const PROTOCOL: Protocol = Protocol::Wdt;

    fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
        limits::check_json(bytes, limits::DEFAULT_MAX_DEPTH).map_err(|e| e.to_string())?;
        from_json(bytes)
    }

    fn decode_request<E: Endpoint + DeserializeOwned>(
        body: &[u8],
        page_size: PageSizeCheck,
    ) -> Result<E, Rejection> {
        request::decode_json(body, page_size)
    }

    fn encode_request<T: Serialize>(request: &T) -> Result<Vec<u8>, String> {
        to_json(request)
    }
}

impl WireFormat for Xml {
    const PROTOCOL: Protocol = Protocol::Qimen;

    fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        qimen::from_xml(text)
    }

    fn decode_request<E: Endpoint + DeserializeOwned>(
        body: &[u8],
        _page_size: PageSizeCheck,
    ) -> Result<E, Rejection> {
        Self::decode(body).map_err(Rejection::Decode)
    }

    fn encode_request<T: Serialize>(request: &T) -> Result<Vec<u8>, String> {
        qimen::to_xml(request).map(String::into_bytes)
    }
}

/// Reads JSON into `T`. Every typed JSON read of the runtime goes through this one reader
/// (`serde_json`'s slice reader), so each type's `Deserialize` is instantiated once for it.
pub fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}

/// Writes `value` as JSON. The one JSON writer of the runtime: a JSON value of a typed
/// value is parsed back from these bytes rather than built by `serde_json::to_value`, so
/// each type's `Serialize` is instantiated once.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    let mut body = Vec::with_capacity(256);
    serde_json::to_writer(&mut body, value).map_err(|e| e.to_string())?;
    Ok(body)
}

/// A typed value as a JSON value (through [`to_json`]).
pub fn to_json_value<T: Serialize + ?Sized>(value: &T) -> Result<serde_json::Value, String> {
    let bytes = to_json(value)?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}
