//! The blocking client, for programs without an async runtime (`--features blocking`).
#![cfg(feature = "blocking")]

mod support;

use support::{Gateway, Reply};
use wdt::wms::stockout::other::cancel_other_order;

#[test]
fn blocking_calls_go_through_the_same_runtime_path() {
    let server_runtime = tokio::runtime::Runtime::new().unwrap();
    let gateway = server_runtime.block_on(Gateway::start(|r, _| match r.body.as_str() {
        r#"["CK1",true]"# => Reply::Json(r#"{"status":0}"#.into()),
        _ => Reply::Json(r#"{"status":100,"message":"单据不存在"}"#.into()),
    }));
    let client = wdt::blocking::WdtClient::new(gateway.client().build().unwrap()).unwrap();
    let request = |order_no: &str| cancel_other_order::Request {
        order_no: order_no.into(),
        is_force: true,
    };
    client.call(&request("CK1")).unwrap();
    let error = client.call(&request("CK2")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "wms.stockout.Other.cancelOtherOrder: status 100: 单据不存在"
    );
    let invalid = client.call(&request("")).unwrap_err();
    assert!(matches!(invalid, wdt::Error::Invalid { .. }), "{invalid:?}");
    assert_eq!(
        gateway.received().len(),
        2,
        "the invalid request was not sent"
    );
}
