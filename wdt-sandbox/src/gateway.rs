//! The two gateways: faults first, then the protocol checks, then the method by its spec.
//!
//! Every method of `wdt::ENDPOINTS` is served. 旗舰版 methods with a handler (see
//! [`crate::handlers`]) act on the ERP; any other is checked with its spec's
//! `check_request` and answered with the spec's example response. The Qimen gateway is
//! the server side's (see [`crate::qimen_gateway`]).

use std::sync::Arc;

use bytes::Bytes;
use wdt_runtime::{EndpointInfo, Pager, Protocol};

use std::future::Future;

use wdt_runtime::Format;
use wdt_server::verify::format_of;
use wdt_server::{GatewayError, Params, envelope};

use crate::auth;
use crate::decode::log_warnings;
use crate::erp::Route;
use crate::faults::Fault;
use crate::handlers;
use crate::reply::{self, Reply, qimen_rate_limited};
use crate::state::Shared;

/// What to do with the connection after a call.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Send this reply.
    Reply(Reply),
    /// Close the connection without a reply.
    Drop,
}

/// `POST /openapi`.
pub(crate) async fn wdt(shared: Arc<Shared>, query: Option<&str>, body: Bytes) -> Outcome {
    let query = Params::parse(query);
    let method = query.get("method").unwrap_or_default().to_owned();
    with_faults(
        &shared,
        &method,
        async { wdt_call(&shared, &query, &body) },
        |status, message| reply::wdt_error(status, None, message),
        reply::wdt_rate_limited,
    )
    .await
}

/// `POST /router/qimen/service`.
pub(crate) async fn qimen(shared: Arc<Shared>, query: Option<&str>, body: Bytes) -> Outcome {
    let params = Params::parse(query);
    let method = params.get("method").unwrap_or_default().to_owned();
    // Fault replies use the format the caller asked for, when it is one the router knows.
    let format = format_of(&params).unwrap_or(Format::Xml);
    with_faults(
        &shared,
        &method,
        async {
            shared
                .qimen_gateway
                .answer(query, body.clone())
                .await
                .into()
        },
        |status, message| envelope::failure(format, &status.to_string(), message).into(),
        || envelope::error_response(format, &qimen_rate_limited()).into(),
    )
    .await
}

/// A body the server would not read (too large, too slow), refused with the envelope of
/// the gateway it was sent to; other paths get a plain 413.
pub(crate) fn refused_body(path: &str, query: Option<&str>, reason: &str) -> Reply {
    let rejection = wdt_runtime::Rejection::Decode(reason.to_owned());
    match path {
        crate::WDT_PATH => reply::wdt_rejection(rejection),
        crate::QIMEN_PATH => {
            let format = format_of(&Params::parse(query)).unwrap_or(Format::Xml);
            envelope::error_response(format, &GatewayError::rejected(rejection)).into()
        }
        crate::ROUTE_PATH => crate::qimen_custom::refused(reason),
        _ => Reply::json_status(413, &reason),
    }
}

/// Counts the call, applies the faults that fire, and otherwise handles it.
pub(crate) async fn with_faults(
    shared: &Shared,
    method: &str,
    handle: impl Future<Output = Reply>,
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
        None | Some(Fault::Latency { .. }) => Outcome::Reply(handle.await),
        Some(Fault::HttpStatus { status }) => Outcome::Reply(reply::html_page(status)),
        Some(Fault::Drop) => Outcome::Drop,
        Some(Fault::HtmlPage) => Outcome::Reply(Reply {
            status: 200,
            ..reply::html_page(502)
        }),
        Some(Fault::TruncatedBody) => Outcome::Reply(handle.await.truncated()),
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

fn wdt_call(shared: &Shared, query: &Params, body: &[u8]) -> Reply {
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
    answer_wdt(shared, info, body, call.pager, Route::Direct)
}

/// Answers a 旗舰版 call whose credentials are checked, however it came (`route`): the
/// pager against the method's paging, then the method's handler, or its spec's checks and
/// example reply.
pub(crate) fn answer_wdt(
    shared: &Shared,
    info: &'static EndpointInfo,
    body: &[u8],
    pager: Option<Pager>,
    route: Route,
) -> Reply {
    let pager = match (info.paging, pager) {
        (Some(_), None) => return reply::wdt_error(100, None, "此方法仅支持分页查询"),
        (Some(paging), Some(pager)) => Some((pager, paging.limit)),
        // A pager sent to a method that does not page is signed, and otherwise ignored.
        (None, _) => None,
    };
    if !shared.examples_only
        && let Some(handler) = handlers::wdt_handler(info.method)
    {
        return handler(shared, body, pager, route);
    }
    match info.check(body, pager.map(|(pager, _)| pager.page_size)) {
        Ok(warnings) => {
            log_warnings(info.method, &warnings);
            info.example_response
                .map_or_else(|| reply::wdt_ok::<()>(None), |text| reply::raw(false, text))
        }
        Err(rejection) => reply::wdt_rejection(rejection),
    }
}

#[cfg(test)]
mod tests {
    use wdt_runtime::{PageSizeLimit, Pager};

    use super::*;
    use crate::decode::decode_valid;

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
        let typed = decode_valid::<wdt::wms::stockout::sales::search_cancel::Request>(body, pager)
            .unwrap_err();
        let generic = info.check(body, Some(0)).unwrap_err();
        assert_eq!(typed, generic);
        assert_eq!(
            typed.to_string(),
            "params.end_time: 2h00m after start_time, at most 1h; page_size: 0, must be at least 1"
        );
    }
}
