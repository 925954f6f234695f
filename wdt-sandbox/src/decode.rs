//! How a body becomes a checked request: decoded into the endpoint's generated request type
//! and run through its generated validation, as the client checks it before sending.

use serde::de::DeserializeOwned;
use wdt_runtime::{Endpoint, PageSizeLimit, Pager, Rejection};

/// The pager of a paged call with the endpoint's largest page size.
pub(crate) type PagerLimit = Option<(Pager, PageSizeLimit)>;

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyFormat {
    Json,
    Xml,
}

/// Decodes a body into an endpoint's generated request type and runs its generated
/// validation, plus the pager's size limit: what the client checks before sending.
pub(crate) fn decode_valid<E: Endpoint + DeserializeOwned>(
    format: BodyFormat,
    body: &[u8],
    pager: PagerLimit,
) -> Result<E, Rejection> {
    let page_size = pager.map(|(pager, limit)| (pager.page_size, limit));
    // JSON through the runtime's decoder, so a refusal lists every problem of the body.
    let request: E = match format {
        BodyFormat::Json => wdt_runtime::request::decode_json(body, page_size)?,
        BodyFormat::Xml => std::str::from_utf8(body)
            .map_err(|e| e.to_string())
            .and_then(wdt_runtime::qimen::from_xml)
            .map_err(Rejection::Decode)?,
    };
    let warnings =
        wdt_runtime::request::validate(&request, page_size, false).map_err(Rejection::Invalid)?;
    log_warnings(std::any::type_name::<E>(), &warnings);
    Ok(request)
}

/// A request the sandbox accepts although it breaks a rule its spec marks uncertain: the
/// gateway answers, and says so in its log (as the vendor's would not).
pub(crate) fn log_warnings(method: &str, warnings: &[wdt_runtime::Violation]) {
    for warning in warnings {
        tracing::warn!(method, %warning, "accepted despite a warning of the spec");
    }
}
