//! `POST /router/qm`: 旗舰版 calls through the 奇门自定义 route.
//!
//! The router's part is checked as the Qimen router checks any call
//! ([`wdt_server::Verifier::check_signed`]: the outer `sign` over the query and the form fields, with the
//! Qimen secret) plus `target_app_key`; a refusal is the router's
//! `{"response":{"flag":"failure",…}}`. The ERP's part is checked with the 旗舰版
//! credentials ([`crate::auth::check_route_account`]: `wdt_sign`, account, datetime,
//! pager); a refusal is the ERP's `{"status":N,"message":…}` inside `response`. Then the
//! form fields named after the method's positional arguments are put back into the JSON
//! array the direct gateway receives, and the call is answered like one sent there, by
//! the same handlers and checks, inside `{"response":…}`.

use std::sync::Arc;

use bytes::Bytes;
use serde_json::value::RawValue;
use wdt_runtime::route::{WDT_TARGET_APP_KEY, route_method};
use wdt_runtime::{EndpointInfo, Protocol};

use wdt_server::{GatewayError, Params, Verifier};

use crate::auth;
use crate::erp::Route;
use crate::gateway::{Outcome, answer_wdt, with_faults};
use crate::reply::{self, Reply};
use crate::state::Shared;

/// Handles one call of the route.
pub(crate) async fn handle(shared: Arc<Shared>, query: Option<&str>, body: Bytes) -> Outcome {
    let query = Params::parse(query);
    // Faults are set per 旗舰版 method name.
    let method = query
        .get("method")
        .and_then(find_endpoint)
        .map_or_else(
            || query.get("method").unwrap_or_default(),
            |info| info.method,
        )
        .to_owned();
    with_faults(
        &shared,
        &method,
        async { call(&shared, &query, &body) },
        |status, message| routed(reply::wdt_error(status, None, message)),
        || routed(reply::wdt_rate_limited()),
    )
    .await
}

/// The 旗舰版 endpoint a route method name (`wdt.` + the name in lower case) stands for.
fn find_endpoint(name: &str) -> Option<&'static EndpointInfo> {
    wdt::ENDPOINTS
        .iter()
        .filter(|info| info.protocol == Protocol::Wdt)
        .find(|info| route_method(info.method) == name)
}

fn call(shared: &Shared, query: &Params, body: &[u8]) -> Reply {
    let form = Params::parse_bytes(body);
    let router = Verifier {
        credentials: &shared.qimen,
        tolerance_secs: shared.tolerance_secs,
        now_unix: shared.clock.unix_seconds(),
    };
    let name = match router.check_signed(query, &form, b"") {
        Ok(name) => name,
        Err(error) => return router_failure(&error),
    };
    if let Some(format) = query.get("format").filter(|f| *f != "json") {
        return router_failure(
            &GatewayError::new("23", "Invalid format", "isv.invalid-format")
                .detail(format!("此路由仅支持format=json，不支持{format}")),
        );
    }
    let target = query.get("target_app_key").unwrap_or_default();
    if target != WDT_TARGET_APP_KEY {
        return router_failure(&GatewayError::invalid_argument(format!(
            "target_app_key {target} 不是旺店通的应用"
        )));
    }
    let Some(info) = find_endpoint(name) else {
        return router_failure(&GatewayError::unknown_method(name));
    };
    let pager = match auth::check_route_account(
        &shared.wdt,
        shared.tolerance_secs,
        shared.clock.unix_seconds(),
        name,
        &form,
    ) {
        Ok(pager) => pager,
        Err(refusal) => return routed(reply::wdt_error(refusal.status, None, &refusal.message)),
    };
    let positional = positional_body(info.args, &form);
    routed(answer_wdt(
        shared,
        info,
        &positional,
        pager,
        Route::QimenCustom,
    ))
}

/// The JSON array of positional arguments from the form fields named after them: a field
/// holding a JSON object or array as that JSON, any other as a JSON string (the decoders
/// read numbers and booleans from strings); a missing argument before a given one is
/// `null`, missing ones at the end are left out.
fn positional_body(args: &[&str], form: &Params) -> Vec<u8> {
    let given = args
        .iter()
        .rposition(|name| form.get(name).is_some())
        .map_or(0, |last| last + 1);
    let values: Vec<String> = args[..given]
        .iter()
        .map(|name| match form.get(name) {
            None => "null".to_owned(),
            Some(text) if is_structure(text) => text.trim().to_owned(),
            Some(text) => serde_json::Value::String(text.to_owned()).to_string(),
        })
        .collect();
    format!("[{}]", values.join(",")).into_bytes()
}

fn is_structure(text: &str) -> bool {
    let trimmed = text.trim();
    (trimmed.starts_with('{') || trimmed.starts_with('['))
        && serde_json::from_str::<&RawValue>(trimmed).is_ok()
}

/// An ERP reply inside the route's `{"response": …}`.
fn routed(inner: Reply) -> Reply {
    let mut body = Vec::with_capacity(inner.body.len() + 14);
    body.extend_from_slice(br#"{"response":"#);
    body.extend_from_slice(&inner.body);
    body.push(b'}');
    Reply {
        body: Bytes::from(body),
        ..inner
    }
}

/// A body the router would not read (too large, too slow), refused by the router.
pub(crate) fn refused(reason: &str) -> Reply {
    router_failure(&GatewayError::invalid_argument(reason))
}

/// The router's refusal: `{"response":{"flag":"failure","code":…,"message":…,"sub_code":…,"sub_message":…}}`.
fn router_failure(error: &GatewayError) -> Reply {
    Reply::json(&serde_json::json!({
        "response": {
            "flag": "failure",
            "code": error.code,
            "message": error.msg,
            "sub_code": error.sub_code,
            "sub_message": error.sub_msg,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_become_the_positional_array() {
        let form = Params::parse(Some(
            "order=%7B%22warehouse_no%22%3A%22pos%22%7D&is_check=true&note=%5Bnot",
        ));
        let body = positional_body(&["order", "detail_list", "is_check", "extra"], &form);
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"[{"warehouse_no":"pos"},null,"true"]"#
        );
        let text = positional_body(&["note"], &form);
        assert_eq!(String::from_utf8(text).unwrap(), r#"["[not"]"#);
        assert_eq!(positional_body(&["params"], &Params::default()), b"[]");
    }

    #[test]
    fn route_names_find_their_endpoint() {
        let info = find_endpoint("wdt.sales.tradequery.querywithdetail").unwrap();
        assert_eq!(info.method, "sales.TradeQuery.queryWithDetail");
        assert!(find_endpoint("sales.TradeQuery.queryWithDetail").is_none());
        assert!(find_endpoint("wdt.taobao.qimen.order.cancel").is_none());
    }
}
