//! The two gateways: faults first, then the protocol checks, then the method by its spec.
//!
//! Every method of `wdt::ENDPOINTS` is served. Methods with a handler (the five seed
//! endpoints, see [`crate::handlers`]) act on the ERP; any other method is checked with its
//! spec's `check_request` and answered with the spec's example response.

use std::sync::Arc;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use wdt_runtime::PageSizeLimit;
use wdt_runtime::{Endpoint, EndpointInfo, Pager, Protocol, Rejection};

use crate::auth::{self, Query};
use crate::faults::Fault;
use crate::handlers;
use crate::reply::{self, QimenFormat, QimenGatewayError, Reply};
use crate::server::Shared;

/// What to do with the connection after a call.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Send this reply.
    Reply(Reply),
    /// Close the connection without a reply.
    Drop,
}

/// The pager of a paged call with the endpoint's largest page size.
pub(crate) type PagerLimit = Option<(Pager, PageSizeLimit)>;

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyFormat {
    Json,
    Xml,
}

/// `POST /openapi`.
pub(crate) async fn wdt(shared: Arc<Shared>, query: Option<&str>, body: Bytes) -> Outcome {
    let query = Query::parse(query);
    let method = query.get("method").unwrap_or_default().to_owned();
    with_faults(
        &shared,
        &method,
        || wdt_call(&shared, &query, &body),
        |status, message| reply::wdt_error(status, None, message),
        reply::wdt_rate_limited,
    )
    .await
}

/// `POST /router/qimen/service`.
pub(crate) async fn qimen(shared: Arc<Shared>, query: Option<&str>, body: Bytes) -> Outcome {
    let query = Query::parse(query);
    let method = query.get("method").unwrap_or_default().to_owned();
    // Fault replies use the format the caller asked for, when it is one the router knows.
    let format = auth::qimen_format(&query).unwrap_or(QimenFormat::Xml);
    with_faults(
        &shared,
        &method,
        || qimen_call(&shared, &query, &body),
        |status, message| qimen_failure(format, &status.to_string(), message),
        || reply::qimen_error(format, &QimenGatewayError::rate_limited()),
    )
    .await
}

/// Counts the call, applies the faults that fire, and otherwise handles it.
async fn with_faults(
    shared: &Shared,
    method: &str,
    handle: impl FnOnce() -> Reply,
    vendor_error: impl FnOnce(i64, &str) -> Reply,
    rate_limited: impl FnOnce() -> Reply,
) -> Outcome {
    shared.count_call(method);
    let decision = shared.faults.decide(method);
    if !decision.delay.is_zero() {
        tokio::time::sleep(decision.delay).await;
    }
    if let Some(fault) = &decision.fault {
        tracing::debug!(method, ?fault, "injecting a fault");
    }
    match decision.fault {
        None | Some(Fault::Latency { .. }) => Outcome::Reply(handle()),
        Some(Fault::HttpStatus { status }) => Outcome::Reply(reply::html_page(status)),
        Some(Fault::Drop) => Outcome::Drop,
        Some(Fault::HtmlPage) => Outcome::Reply(Reply {
            status: 200,
            ..reply::html_page(502)
        }),
        Some(Fault::TruncatedBody) => Outcome::Reply(handle().truncated()),
        Some(Fault::VendorError { status, message }) => {
            Outcome::Reply(vendor_error(status, &message))
        }
        Some(Fault::RateLimit) => Outcome::Reply(rate_limited()),
    }
}

fn find_endpoint(method: &str, protocol: Protocol) -> Option<&'static EndpointInfo> {
    wdt::ENDPOINTS
        .iter()
        .find(|info| info.method == method && info.protocol == protocol)
}

fn wdt_call(shared: &Shared, query: &Query, body: &[u8]) -> Reply {
    let call = match auth::check_wdt(
        &shared.wdt,
        shared.tolerance_secs,
        shared.clock.unix_seconds(),
        query,
        body,
    ) {
        Ok(call) => call,
        Err(refusal) => return reply::wdt_error(refusal.status, None, &refusal.message),
    };
    let Some(info) = find_endpoint(&call.method, Protocol::Wdt) else {
        return reply::wdt_error(1, None, &format!("接口不存在: {}", call.method));
    };
    let pager = match (info.paging, call.pager) {
        (Some(_), None) => return reply::wdt_error(100, None, "此方法仅支持分页查询"),
        (Some(paging), Some(pager)) => Some((pager, paging.limit)),
        // A pager sent to a method that does not page is signed, and otherwise ignored.
        (None, _) => None,
    };
    if !shared.examples_only
        && let Some(handler) = handlers::wdt_handler(info.method)
    {
        return handler(shared, body, pager);
    }
    match info.check(body, pager.map(|(pager, _)| pager.page_size)) {
        Ok(warnings) => {
            log_warnings(info.method, &warnings);
            info.example_response
                .map_or_else(|| reply::wdt_ok::<()>(None), |text| reply::raw(false, text))
        }
        Err(rejection) => wdt_rejection(rejection),
    }
}

fn qimen_call(shared: &Shared, query: &Query, body: &[u8]) -> Reply {
    let call = match auth::check_qimen(
        &shared.qimen,
        shared.tolerance_secs,
        shared.clock.unix_seconds(),
        query,
        body,
    ) {
        Ok(call) => call,
        Err(error) => {
            let format = auth::qimen_format(query).unwrap_or(QimenFormat::Xml);
            return reply::qimen_error(format, &error);
        }
    };
    let format = call.format;
    let Some(info) = find_endpoint(&call.method, Protocol::Qimen) else {
        return reply::qimen_error(
            format,
            &QimenGatewayError::new("22", "Invalid method", "isv.method-not-exists")
                .detail(format!("接口不存在: {}", call.method)),
        );
    };
    if !shared.examples_only
        && let Some(handler) = handlers::qimen_handler(info.method)
    {
        return handler(shared, body, format);
    }
    if format == QimenFormat::Json {
        // The spec's examples and its check_request speak XML only.
        return reply::qimen_error(
            format,
            &QimenGatewayError::new("23", "Invalid format", "isv.invalid-format")
                .detail("此接口仅支持format=xml"),
        );
    }
    match info.check(body, None) {
        Ok(warnings) => {
            log_warnings(info.method, &warnings);
            info.example_response.map_or_else(
                || qimen_success(format, "0", "success"),
                |text| reply::raw(true, text),
            )
        }
        Err(rejection) => qimen_rejection(format, rejection),
    }
}

/// Decodes a body into an endpoint's generated request type and runs its generated
/// validation, plus the pager's size limit: what the client checks before sending.
pub(crate) fn decode_valid<E: Endpoint + DeserializeOwned>(
    format: BodyFormat,
    body: &[u8],
    pager: PagerLimit,
) -> Result<E, Rejection> {
    let page_size = pager.map(|(pager, limit)| (pager.page_size, limit));
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
fn log_warnings(method: &str, warnings: &[wdt_runtime::Violation]) {
    for warning in warnings {
        tracing::warn!(method, %warning, "accepted despite a warning of the spec");
    }
}

/// A refused 旗舰版 request: status 1 with the decoder's or the validation messages (the
/// client's own words).
///
/// The real gateway answers status 2 naming a field it does not know; the sandbox cannot
/// tell an unknown field from one the vendor takes before documenting it, so it accepts
/// both, with a warning (see `docs/design/0006`).
pub(crate) fn wdt_rejection(rejection: Rejection) -> Reply {
    match rejection {
        Rejection::Decode(message) => reply::wdt_error(1, None, &format!("参数错误: {message}")),
        Rejection::Invalid(error) => reply::wdt_error(1, None, &error.to_string()),
    }
}

/// A refused Qimen request, as the page's own error example: code 50, `isv.invalid-parameter`,
/// the validation messages in `sub_msg`.
pub(crate) fn qimen_rejection(format: QimenFormat, rejection: Rejection) -> Reply {
    let detail = match rejection {
        Rejection::Decode(message) => format!("参数错误: {message}"),
        Rejection::Invalid(error) => error.to_string(),
    };
    reply::qimen_error(
        format,
        &QimenGatewayError::new("50", "Remote service error", "isv.invalid-parameter")
            .detail(detail),
    )
}

/// `<response>` with `flag` success.
pub(crate) fn qimen_success(format: QimenFormat, code: &str, message: &str) -> Reply {
    qimen_flag(format, "success", code, message)
}

/// `<response>` with `flag` failure.
pub(crate) fn qimen_failure(format: QimenFormat, code: &str, message: &str) -> Reply {
    qimen_flag(format, "failure", code, message)
}

fn qimen_flag(format: QimenFormat, flag: &str, code: &str, message: &str) -> Reply {
    use wdt::taobao::qimen::order::cancel::OrderCancelResponse;
    // Every Qimen response starts with these three fields; the order.cancel type is exactly them.
    reply::qimen_response(
        format,
        &OrderCancelResponse {
            flag: Some(flag.to_owned()),
            code: Some(code.to_owned()),
            message: Some(message.to_owned()),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_joins_the_spec_violations() {
        let pager = Some((
            Pager {
                page_no: 0,
                page_size: 0,
                calc_total: false,
            },
            PageSizeLimit::Unstated,
        ));
        let info = find_endpoint("wms.stockout.Sales.searchCancel", Protocol::Wdt).unwrap();
        let body = br#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 12:00:00"}]"#;
        let typed = decode_valid::<wdt::wms::stockout::sales::search_cancel::Request>(
            BodyFormat::Json,
            body,
            pager,
        )
        .unwrap_err();
        let generic = info.check(body, Some(0)).unwrap_err();
        assert_eq!(typed, generic);
        assert_eq!(
            typed.to_string(),
            "params.end_time: 2h00m after start_time, at most 1h; page_size: 0, must be at least 1"
        );
    }
}
