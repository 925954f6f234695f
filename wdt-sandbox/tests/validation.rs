//! With validation switched off in the client, the sandbox refuses invalid requests with the
//! messages the client would have given: both run the same generated validation.

mod common;

use common::{api_error, datetime, sandbox};
use wdt::purchase::purchase_order::cancel_by_type::{self, OperateType};
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderType};
use wdt::wms::outer::outer_out::create_order::{self, Order, OrderDetail, SnSwitch, SrcOrderType};
use wdt::wms::stockout::other::cancel_other_order;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{Api, CallOptions, Endpoint, Error, QimenApi, Validate};

fn client_message(error: Error) -> String {
    match error {
        Error::Invalid { source, .. } => source.to_string(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn create_order_violations_match() {
    let sandbox = sandbox().await;
    let request = create_order::Request {
        order: Order {
            warehouse_no: "W".repeat(41),
            src_order_type: Some(SrcOrderType::PurchaseReturn),
            ..Order::new("")
        },
        order_details: vec![
            OrderDetail::new("DFAQT101", 1),
            OrderDetail {
                is_enable_sn: Some(SnSwitch::Enabled),
                sn_list: Some(vec!["SN1".into(), "SN2".into(), "SN3".into()]),
                ..OrderDetail::new("X".repeat(52), 2)
            },
        ],
        is_check: true,
    };
    let expected = request.validate().unwrap_err().to_string();

    let validating = sandbox.wdt_client().build().unwrap();
    let refused_locally = validating.call(&request).await.unwrap_err();
    assert_eq!(client_message(refused_locally), expected);
    assert_eq!(sandbox.calls(create_order::Request::METHOD), 0, "not sent");

    let trusting = sandbox.wdt_client().validation(false).build().unwrap();
    let refused_remotely = trusting
        .wms()
        .outer()
        .outer_out()
        .create_order(request.order, request.order_details, request.is_check)
        .await
        .unwrap_err();
    assert_eq!(api_error(&refused_remotely), (1, expected.as_str()));
    assert_eq!(sandbox.calls(create_order::Request::METHOD), 1);
    sandbox.with_erp(|erp| assert_eq!(erp.stock("pos", "DFAQT101"), Some(100)));
}

#[tokio::test]
async fn per_call_skip_validation_gets_the_same_words() {
    let sandbox = sandbox().await;
    let client = sandbox.wdt_client().build().unwrap();
    let request = cancel_other_order::Request {
        order_no: String::new(),
        is_force: true,
    };
    let local = client_message(client.call(&request).await.unwrap_err());
    let skip = CallOptions {
        skip_validation: true,
        ..CallOptions::default()
    };
    let remote = client.call_with(&request, skip).await.unwrap_err();
    assert_eq!(api_error(&remote), (1, local.as_str()));
    assert_eq!(local, "order_no: required, must not be empty");
}

#[tokio::test]
async fn warnings_are_sent_and_the_sandbox_accepts_them() {
    let sandbox = sandbox().await;
    let request = cancel_by_type::Request {
        params: cancel_by_type::Params::new(OperateType::Unknown(9), vec!["CG1".into()]),
    };
    let client = sandbox.wdt_client().build().unwrap();
    let reply = client
        .call_reply(&request, CallOptions::default())
        .await
        .unwrap();
    assert_eq!(
        reply
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "params.operate_type: 9 is not one of 0 (采购单取消), 1 (采购单停止等待), 2 (wms停止等待) (warning)"
        ]
    );
    let strict = sandbox.wdt_client().strict(true).build().unwrap();
    assert!(matches!(
        strict.call(&request).await,
        Err(Error::Invalid { .. })
    ));
    assert_eq!(sandbox.calls(cancel_by_type::Request::METHOD), 1);
}

#[tokio::test]
async fn window_and_page_size_violations_match() {
    let sandbox = sandbox().await;
    let request = search_cancel::Request {
        params: Params::new(
            datetime("2026-11-23 10:00:00"),
            datetime("2026-11-23 11:30:00"),
        ),
    };
    let validating = sandbox.wdt_client().build().unwrap();
    let local = client_message(validating.call_page(&request, 0, 0).await.unwrap_err());
    assert_eq!(
        local,
        "params.end_time: 1h30m after start_time, at most 1h; page_size: 0, must be at least 1"
    );
    let trusting = sandbox.wdt_client().validation(false).build().unwrap();
    let remote = trusting.call_page(&request, 0, 0).await.unwrap_err();
    assert_eq!(api_error(&remote), (1, local.as_str()));
}

#[tokio::test]
async fn qimen_violations_match() {
    let sandbox = sandbox().await;
    let request = OrderCancelRequest {
        order_type: Some(OrderType::Unknown("ZZZZ".into())),
        ..OrderCancelRequest::new("", "")
    };
    let expected = request.validate().unwrap_err().to_string();
    let trusting = sandbox.qimen_client().validation(false).build().unwrap();
    let error = trusting
        .taobao()
        .qimen()
        .order()
        .cancel(request)
        .await
        .unwrap_err();
    match error {
        Error::QimenGateway {
            code,
            sub_code,
            sub_msg,
            ..
        } => {
            assert_eq!(code, "50");
            assert_eq!(sub_code.as_deref(), Some("isv.invalid-parameter"));
            assert_eq!(sub_msg.as_deref(), Some(expected.as_str()));
        }
        other => panic!("{other:?}"),
    }
}
