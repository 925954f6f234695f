//! The four 旗舰版 seed endpoints and the trade query, acting on the ERP (the Qimen seed's
//! handler is the Qimen gateway's, in [`crate::qimen_gateway`]).
//!
//! Each handler decodes the body into the endpoint's generated `Request` type, runs its
//! generated validation ([`decode_valid`]), applies the ERP rule and answers with the
//! generated response type, serialised.

use wdt::purchase::purchase_order::cancel_by_type;
use wdt::sales::trade_query::query_with_detail;
use wdt::wms::outer::outer_out::create_order;
use wdt::wms::stockout::other::cancel_other_order;
use wdt::wms::stockout::sales::search_cancel;
use wdt_runtime::Endpoint;

use crate::decode::{PagerLimit, decode_valid};
use crate::erp::Route;
use crate::reply::{self, Reply};
use crate::state::Shared;

/// Handles one 旗舰版 call whose credentials and pager are already checked, by the route it
/// came (only the trade query answers differently by it).
pub(crate) type WdtHandler = fn(&Shared, &[u8], PagerLimit, Route) -> Reply;

const WDT_HANDLERS: [(&str, WdtHandler); 5] = [
    (create_order::Request::METHOD, create_outer_out_order),
    (cancel_other_order::Request::METHOD, cancel_other_out_order),
    (cancel_by_type::Request::METHOD, cancel_purchase_orders),
    (search_cancel::Request::METHOD, search_cancelled_stockouts),
    (query_with_detail::Request::METHOD, query_trades),
];

/// The handler of a 旗舰版 method, if it has one.
pub(crate) fn wdt_handler(method: &str) -> Option<WdtHandler> {
    WDT_HANDLERS
        .iter()
        .find(|(m, _)| *m == method)
        .map(|(_, handler)| *handler)
}

/// A 旗舰版 body decoded and validated as `E`, or the reply refusing it.
fn wdt_request<E: Endpoint + serde::de::DeserializeOwned>(
    body: &[u8],
    pager: PagerLimit,
) -> Result<E, Reply> {
    decode_valid(body, pager).map_err(reply::wdt_rejection)
}

fn create_outer_out_order(shared: &Shared, body: &[u8], pager: PagerLimit, _: Route) -> Reply {
    let request: create_order::Request = match wdt_request(body, pager) {
        Ok(request) => request,
        Err(reply) => return reply,
    };
    let now = shared.now();
    match shared.erp().create_outer_out_order(&request, now) {
        Ok(data) => reply::wdt_ok(Some(&data)),
        Err(e) => reply::wdt_error(100, e.code, &e.message),
    }
}

fn cancel_other_out_order(shared: &Shared, body: &[u8], pager: PagerLimit, _: Route) -> Reply {
    let request: cancel_other_order::Request = match wdt_request(body, pager) {
        Ok(request) => request,
        Err(reply) => return reply,
    };
    let now = shared.now();
    match shared
        .erp()
        .cancel_other_out_order(&request.order_no, request.is_force, now)
    {
        Ok(()) => reply::wdt_ok::<()>(None),
        Err(e) => reply::wdt_error(100, e.code, &e.message),
    }
}

fn cancel_purchase_orders(shared: &Shared, body: &[u8], pager: PagerLimit, _: Route) -> Reply {
    let request: cancel_by_type::Request = match wdt_request(body, pager) {
        Ok(request) => request,
        Err(reply) => return reply,
    };
    let now = shared.now();
    let data = shared.erp().cancel_purchase_orders(&request.params, now);
    let mut value = match serde_json::to_value(&data) {
        Ok(value) => value,
        Err(e) => return reply::wdt_error(99, None, &format!("服务器错误: {e}")),
    };
    if data.message.is_empty() {
        // The page's 6.1 example: no errors is an empty string, not an empty JSON list.
        value["message"] = serde_json::Value::String(String::new());
    }
    reply::wdt_ok(Some(&value))
}

fn search_cancelled_stockouts(shared: &Shared, body: &[u8], pager: PagerLimit, _: Route) -> Reply {
    let request: search_cancel::Request = match wdt_request(body, pager) {
        Ok(request) => request,
        Err(reply) => return reply,
    };
    // The gateway answers a paged method without a pager before any handler runs.
    let Some((pager, _)) = pager else {
        return reply::wdt_error(100, None, "此方法仅支持分页查询");
    };
    let params = &request.params;
    let (order_list, total) = shared.erp().cancelled_stockouts(
        params.start_time,
        params.end_time,
        pager.page_no,
        pager.page_size,
    );
    let data = search_cancel::SearchCancelData {
        order_list,
        total_count: pager
            .calc_total
            .then(|| i32::try_from(total).unwrap_or(i32::MAX)),
    };
    reply::wdt_ok(Some(&data))
}

fn query_trades(shared: &Shared, body: &[u8], pager: PagerLimit, route: Route) -> Reply {
    let request: query_with_detail::Request = match wdt_request(body, pager) {
        Ok(request) => request,
        Err(reply) => return reply,
    };
    let Some((pager, _)) = pager else {
        return reply::wdt_error(100, None, "此方法仅支持分页查询");
    };
    let (order, total) =
        shared
            .erp()
            .trades(&request.params, route, pager.page_no, pager.page_size);
    let data = query_with_detail::QueryWithDetailData {
        order,
        total_count: pager
            .calc_total
            .then(|| i32::try_from(total).unwrap_or(i32::MAX)),
    };
    reply::wdt_ok(Some(&data))
}
