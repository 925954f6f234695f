//! The gateways refuse tampered bodies, wrong credentials and stale timestamps, in the
//! vendors' own error shapes.

mod common;

use std::sync::Arc;

use common::{api_error, post, sandbox};
use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
use wdt::wms::stockout::other::cancel_other_order;
use wdt::{Api, Error, FixedClock, QimenApi, SystemClock, runtime::Clock};

fn now() -> i64 {
    SystemClock.unix_seconds()
}

fn request() -> cancel_other_order::Request {
    cancel_other_order::Request {
        order_no: "CK2023082990".into(),
        is_force: false,
    }
}

#[tokio::test]
async fn a_tampered_body_is_refused() {
    let sandbox = sandbox().await;
    let client = sandbox.wdt_client().build().unwrap();
    let prepared = client.prepare(&request(), None).unwrap();
    let tampered = String::from_utf8(prepared.body.to_vec())
        .unwrap()
        .replace("CK2023082990", "CK2023082991");
    let (status, body) = post(&prepared.url, tampered).await;
    assert_eq!(status, 200, "vendor errors travel with HTTP 200");
    assert_eq!(body, r#"{"status":1,"message":"验证失败: 签名错误"}"#);
    let (_, body) = post(&prepared.url, prepared.body.clone()).await;
    assert_eq!(body, r#"{"status":0}"#, "the untouched body passes");
}

#[tokio::test]
async fn wrong_credentials_are_refused() {
    let sandbox = sandbox().await;
    let cases = [
        (
            sandbox.wdt_client().app_key("someone-else"),
            "验证失败: 接口账号不存在",
        ),
        (
            sandbox.wdt_client().sid("other-seller"),
            "验证失败: 卖家账号other-seller不存在",
        ),
        (
            sandbox.wdt_client().app_secret("testsecret:othersalt"),
            "验证失败: salt不正确",
        ),
        (
            sandbox.wdt_client().app_secret("wrongsecret:testsalt"),
            "验证失败: 签名错误",
        ),
    ];
    for (builder, message) in cases {
        let client = builder.build().unwrap();
        let error = client
            .wms()
            .stockout()
            .other()
            .cancel_other_order("CK2023082990".into(), false)
            .await
            .unwrap_err();
        assert_eq!(api_error(&error), (1, message));
    }
    sandbox.with_erp(|erp| {
        let order = erp.other_out_order("CK2023082990").unwrap();
        assert_eq!(order.history.len(), 1, "nothing happened to the order");
    });
}

#[tokio::test]
async fn stale_and_future_timestamps_are_status_7() {
    let sandbox = sandbox().await;
    for offset in [-300, 300] {
        let clock = Arc::new(FixedClock::new(now() + offset));
        let client = sandbox.wdt_client().clock(clock).build().unwrap();
        let error = client.call(&request()).await.unwrap_err();
        let (status, message) = api_error(&error);
        assert_eq!(status, 7);
        assert!(message.starts_with("时间戳超出范围"), "{message}");
    }
    let within = Arc::new(FixedClock::new(now() - 100));
    let client = sandbox.wdt_client().clock(within).build().unwrap();
    client.call(&request()).await.unwrap();
}

fn gateway_code(error: &Error) -> (&str, Option<&str>) {
    match error {
        Error::QimenGateway { code, sub_code, .. } => (code.as_str(), sub_code.as_deref()),
        other => panic!("expected a router error, got {other:?}"),
    }
}

#[tokio::test]
async fn qimen_router_refusals() {
    let sandbox = sandbox().await;
    let cancel = || OrderCancelRequest::new("W1234", "O1234");
    let call = |client: wdt::QimenClient| async move {
        client
            .taobao()
            .qimen()
            .order()
            .cancel(cancel())
            .await
            .unwrap_err()
    };
    let wrong_secret = sandbox.qimen_client().secret("guess").build().unwrap();
    assert_eq!(
        gateway_code(&call(wrong_secret).await),
        ("25", Some("isv.invalid-signature"))
    );
    let wrong_key = sandbox.qimen_client().app_key("nobody").build().unwrap();
    assert_eq!(
        gateway_code(&call(wrong_key).await),
        ("29", Some("isv.appkey-not-exists"))
    );
    let stale = sandbox
        .qimen_client()
        .clock(Arc::new(FixedClock::new(now() - 600)))
        .build()
        .unwrap();
    assert_eq!(gateway_code(&call(stale).await).0, "31");
    let other_owner = sandbox.qimen_client().customer_id("c2").build().unwrap();
    assert_eq!(gateway_code(&call(other_owner).await).0, "41");

    // A tampered XML body.
    let (status, body) = post(
        &format!(
            "{}?method=taobao.qimen.order.cancel&timestamp=2026-11-23+18%3A00%3A00&format=xml&app_key=testerp_appkey&v=2.0&sign_method=md5&customerId=stub-cust-code&sign=87A7B358FB4BEACACCC57097FA61E75B",
            sandbox.qimen_url()
        ),
        "<request><warehouseCode>W9</warehouseCode><orderCode>O1234</orderCode></request>",
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("<error_response><code>25</code>"), "{body}");
    assert_eq!(
        sandbox.with_erp(|erp| erp.sales_stockout("O1234").unwrap().status.wire()),
        70,
        "nothing was cancelled"
    );
}

#[tokio::test]
async fn unknown_methods_fields_and_verbs() {
    let sandbox = sandbox().await;
    let client = sandbox.wdt_client().build().unwrap();
    let unknown = client
        .call_raw(
            "goods.Goods.noSuchMethod",
            &[],
            b"[{}]".to_vec(),
            None,
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(
        api_error(&unknown),
        (1, "接口不存在: goods.Goods.noSuchMethod")
    );
    let extra_field = client
        .call_raw(
            "wms.outer.OuterOut.createOrder",
            &[],
            br#"[{"warehouse_no":"pos","colour":"red"},[{"spec_no":"DFAQT101","num":1}],false]"#
                .to_vec(),
            None,
            false,
        )
        .await;
    assert!(
        extra_field.is_ok(),
        "a field the spec lacks is accepted with a warning: {extra_field:?}"
    );
    let strict = sandbox.wdt_client().strict(true).build().unwrap();
    let mut order = wdt::wms::outer::outer_out::create_order::Order::new("pos");
    order.extra_fields.insert("colour", "red").unwrap();
    let refused = strict
        .wms()
        .outer()
        .outer_out()
        .create_order(
            order,
            vec![wdt::wms::outer::outer_out::create_order::OrderDetail::new(
                "DFAQT101", 1,
            )],
            false,
        )
        .await
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "wms.outer.OuterOut.createOrder: request not sent, it breaks the spec: order.colour: not in the spec, sent as given (warning)"
    );
    let short = client
        .call_raw(
            "wms.stockout.Other.cancelOtherOrder",
            &[],
            br#"["CK1"]"#.to_vec(),
            None,
            false,
        )
        .await
        .unwrap_err();
    let (status, message) = api_error(&short);
    assert_eq!(status, 1);
    assert_eq!(message, "is_force: required");
    // A client that is not ours gets every problem of its body in one answer.
    let body = format!(
        r#"[{{"warehouse_no":"{}"}},[{{"num":2}}],false]"#,
        "W".repeat(42)
    );
    let many = client
        .call_raw(
            "wms.outer.OuterOut.createOrder",
            &[],
            body.into_bytes(),
            None,
            false,
        )
        .await
        .unwrap_err();
    assert_eq!(
        api_error(&many),
        (
            1,
            "order_details[0].spec_no: required; order.warehouse_no: 42 characters, at most 40"
        )
    );
    let reply = reqwest::get(sandbox.wdt_url()).await.unwrap();
    assert_eq!(reply.status().as_u16(), 405);
    let (status, _) = post(&format!("{}/nowhere", sandbox.base_url()), "").await;
    assert_eq!(status, 404);
    let (_, body) = post(&sandbox.wdt_url(), "[]").await;
    assert_eq!(body, r#"{"status":1,"message":"缺少参数: sid"}"#);
}
