//! The demo runs to completion and shows every endpoint, its validation and replies.

#[test]
fn demo_runs_all_five_endpoints() {
    let mut out = Vec::new();
    wdt_sandbox::demo::run(&mut out).expect("the demo completes");
    let text = String::from_utf8(out).expect("UTF-8 output");
    println!("{text}");
    for method in [
        "wms.outer.OuterOut.createOrder",
        "wms.stockout.Other.cancelOtherOrder",
        "purchase.PurchaseOrder.cancelByType",
        "taobao.qimen.order.cancel",
        "wms.stockout.Sales.searchCancel",
    ] {
        assert!(text.contains(method), "{method} is shown");
    }
    assert_eq!(
        text.matches("rejected by validation, not sent").count(),
        5,
        "one invalid request per endpoint"
    );
    assert!(text.contains("order.warehouse_no: 41 characters, at most 40"));
    assert!(text.contains("采购单编号:CG2212140007,采购单非部分入库状态"));
    assert!(
        text.contains("via /openapi: 4 orders, 0 of them from 淘宝"),
        "{text}"
    );
    assert!(
        text.contains("via /router/qm: 12 orders, 8 of them from 淘宝"),
        "{text}"
    );
}

#[tokio::test]
async fn demo_refuses_to_nest_runtimes() {
    let error = wdt_sandbox::demo::run(&mut Vec::new()).unwrap_err();
    assert!(matches!(error, wdt_sandbox::demo::DemoError::InsideRuntime));
}
