//! The one request path: validate a request with its page size, or decode a body (or JSON
//! arguments) by an endpoint's spec first. The 旗舰版 and Qimen clients, `EndpointInfo`
//! (and through it the sandbox and the CLI) all go through these functions, so every
//! entry point refuses and warns alike.

mod every_problem;

use serde::de::DeserializeOwned;

use crate::endpoint::{Endpoint, PageSizeLimit};
use crate::error::Rejection;
use crate::format::{self, WireFormat};
use crate::limits;
use crate::validate::{Path, Validate, ValidationError, Violation, Violations, check};

/// A value that passed validation, with what validation warned about.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked<T> {
    pub value: T,
    /// Violations of `severity = "warning"` rules (the request is still sent).
    pub warnings: Vec<Violation>,
}

/// Every violation of a request and of its page size (`Some` for a paged call). `Ok`
/// holds the warnings; `strict` refuses them too.
pub fn validate<E: Validate + ?Sized>(
    request: &E,
    page_size: Option<(u32, PageSizeLimit)>,
    strict: bool,
) -> Result<Vec<Violation>, ValidationError> {
    let mut out = Violations::default();
    request.validate_into(&Path::ROOT, &mut out);
    if let Some((size, limit)) = page_size {
        check::page_size(&mut out, size, limit);
    }
    out.into_result(strict)
}

/// Decodes a wire body (旗舰版 JSON array, Qimen XML) by the endpoint's spec and validates
/// it: what a gateway does with what it receives. A JSON body serde refuses is refused with
/// every problem it has at once (missing fields, wrong types and the spec's rules), each
/// at its path.
pub fn decode_checked<E: Endpoint + DeserializeOwned>(
    body: &[u8],
    page_size: Option<(u32, PageSizeLimit)>,
    strict: bool,
) -> Result<Checked<E>, Rejection> {
    let request: E = E::Format::decode_request(body, page_size)?;
    let warnings = validate(&request, page_size, strict).map_err(Rejection::Invalid)?;
    Ok(Checked {
        value: request,
        warnings,
    })
}

/// [`decode_checked`] keeping only the verdict (for `EndpointInfo::check_request`).
pub fn check_request<E: Endpoint + DeserializeOwned>(
    body: &[u8],
    page_size: Option<(u32, PageSizeLimit)>,
    strict: bool,
) -> Result<Vec<Violation>, Rejection> {
    decode_checked::<E>(body, page_size, strict).map(|checked| checked.warnings)
}

/// Decodes a wire body by the spec, without validating it, and renders it as the JSON
/// arguments [`encode_request`] reads.
pub fn request_json<E: Endpoint + DeserializeOwned>(
    body: &[u8],
) -> Result<serde_json::Value, String> {
    let request: E = E::Format::decode(body)?;
    format::to_json_value(&request)
}

/// Reads arguments as JSON, validates them and writes the endpoint's wire body.
pub fn encode_request<E: Endpoint + DeserializeOwned>(
    json: &[u8],
    page_size: Option<(u32, PageSizeLimit)>,
    strict: bool,
) -> Result<Checked<Vec<u8>>, Rejection> {
    let request: E = decode_json(json, page_size)?;
    let warnings = validate(&request, page_size, strict).map_err(Rejection::Invalid)?;
    Ok(Checked {
        value: E::Format::encode_request(&request).map_err(Rejection::Decode)?,
        warnings,
    })
}

/// Decodes a JSON body (旗舰版 arguments, or a Qimen request object sent as JSON) without
/// validating it; when serde refuses it, every problem of the body (and of the page size)
/// as one refusal. A body that is not JSON at all, or nests deeper than
/// [`limits::DEFAULT_MAX_DEPTH`], is a decode error.
pub fn decode_json<E: Endpoint + DeserializeOwned>(
    json: &[u8],
    page_size: Option<(u32, PageSizeLimit)>,
) -> Result<E, Rejection> {
    limits::check_json(json, limits::DEFAULT_MAX_DEPTH)
        .map_err(|e| Rejection::Decode(e.to_string()))?;
    let first = match every_problem::decode_tracked(json) {
        Ok(request) => return Ok(request),
        Err(first) => first.error,
    };
    let Ok(value) = serde_json::from_slice(json) else {
        return Err(Rejection::Decode(first.to_string()));
    };
    let mut found = every_problem::problems::<E>(value, E::ARGS);
    if found.is_empty() {
        return Err(Rejection::Decode(first.to_string()));
    }
    if let Some((size, limit)) = page_size {
        check::page_size(&mut found, size, limit);
    }
    Err(Rejection::Invalid(ValidationError(found.into_vec())))
}
