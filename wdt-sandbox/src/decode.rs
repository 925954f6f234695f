//! How a body becomes a checked request: decoded into the endpoint's generated request type
//! and run through its generated validation, as the client checks it before sending.

use serde::de::DeserializeOwned;
use wdt_runtime::{Endpoint, PageSizeLimit, Pager, Rejection};

/// The pager of a paged call with the endpoint's largest page size.
pub(crate) type PagerLimit = Option<(Pager, PageSizeLimit)>;

/// Decodes a 旗舰版 body into an endpoint's generated request type and runs its generated
/// validation, plus the pager's size limit: what the client checks before sending.
pub(crate) fn decode_valid<E: Endpoint + DeserializeOwned>(
    body: &[u8],
    pager: PagerLimit,
) -> Result<E, Rejection> {
    let page_size = pager.map(|(pager, limit)| (pager.page_size, limit));
    // Through the runtime's decoder, so a refusal lists every problem of the body.
    let request: E = wdt_runtime::request::decode_json(body, page_size)?;
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
