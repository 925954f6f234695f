//! The sandbox's Qimen warehouse end to end, as an ERP uses it: delivery orders created,
//! queried page by page and cancelled; entry orders created, confirmed, and then no longer
//! cancellable.

mod common;

use wdt::chrono::NaiveDate;
use wdt::taobao::qimen::deliveryorder::create::{
    DeliveryOrder, DeliveryOrderCreateRequest, LogisticsCode, OrderLine, OrderType,
};
use wdt::taobao::qimen::deliveryorder::query::DeliveryOrderQueryRequest;
use wdt::taobao::qimen::entryorder::confirm::{self, EntryOrderConfirmRequest};
use wdt::taobao::qimen::entryorder::create::{self as entry, EntryOrderCreateRequest};
use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
use wdt::{Decimal, Error};

fn delivery(code: &str) -> DeliveryOrderCreateRequest {
    let at = NaiveDate::from_ymd_opt(2026, 12, 3)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut request = DeliveryOrderCreateRequest::new();
    request.delivery_order = Some(DeliveryOrder::new(
        code,
        OrderType::from_wire("JYCK"),
        "W1234",
        at,
        at,
        at,
        "旗舰店",
        LogisticsCode::from_wire("SF"),
    ));
    request.order_lines = Some(
        ["SKU-1", "SKU-2", "SKU-3"]
            .iter()
            .map(|item| OrderLine::new("H1234", *item, Decimal::from(2), "10.00"))
            .collect(),
    );
    request
}

fn failure_code(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::QimenFailure { code, .. }) => code,
        other => panic!("expected a business refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn delivery_orders_are_created_paged_and_cancelled() {
    let sandbox = common::sandbox().await;
    let client = sandbox.qimen_client().build().unwrap();

    let created = client.call(&delivery("FH-1")).await.unwrap();
    let id = created.delivery_order_id.clone().unwrap();
    let again = client.call(&delivery("FH-1")).await.unwrap();
    assert_eq!(
        again.delivery_order_id,
        Some(id.clone()),
        "a retry keeps the id"
    );

    let query = DeliveryOrderQueryRequest::new("FH-1", Decimal::from(1), Decimal::from(1));
    let page = client.call_page(&query, 1, 2).await.unwrap();
    assert_eq!(page.total, Some(3));
    assert_eq!(
        page.items.len(),
        1,
        "page 2 of 2-line pages holds the third line"
    );
    assert_eq!(page.items[0].item_code.as_deref(), Some("SKU-3"));
    let lines = client.collect_all(&query, 2).await.unwrap();
    let items: Vec<_> = lines
        .iter()
        .filter_map(|l| l.item_code.as_deref())
        .collect();
    assert_eq!(items, ["SKU-1", "SKU-2", "SKU-3"]);

    let cancelled = client
        .call(&OrderCancelRequest::new("W1234", "FH-1"))
        .await
        .unwrap();
    assert_eq!(cancelled.message.as_deref(), Some("取消成功"));
    let order = client.call(&query).await.unwrap().delivery_order.unwrap();
    assert_eq!(order.status.as_deref(), Some("CANCELED"));
    assert_eq!(order.delivery_order_id, Some(id));

    let elsewhere = client.call(&OrderCancelRequest::new("W9", "FH-1")).await;
    assert_eq!(failure_code(elsewhere), "WAREHOUSE_MISMATCH");
    let unknown = DeliveryOrderQueryRequest::new("FH-404", Decimal::from(1), Decimal::from(10));
    assert_eq!(failure_code(client.call(&unknown).await), "NOT_FOUND");
}

#[tokio::test]
async fn entry_orders_are_confirmed_and_then_not_cancellable() {
    let sandbox = common::sandbox().await;
    let client = sandbox.qimen_client().build().unwrap();

    let mut create = EntryOrderCreateRequest::new();
    create.entry_order = Some(entry::EntryOrder::new("RK-1", "H1234", "W1234"));
    create.order_lines = Some(vec![entry::OrderLine::new(
        "H1234",
        "SKU-9",
        Decimal::from(5),
    )]);
    let created = client.call(&create).await.unwrap();
    assert!(created.entry_order_id.is_some());

    let mut received = confirm::EntryOrder::new(
        "RK-1",
        "H1234",
        "W1234",
        "IN-1",
        "FULFILLED",
        "旗舰店",
        "S1",
    );
    received.entry_order_id = created.entry_order_id.clone();
    let mut report = EntryOrderConfirmRequest::new();
    report.entry_order = Some(received.clone());
    report.order_lines = Some(vec![confirm::OrderLine::new(
        "H1234",
        "SKU-9",
        Decimal::from(5),
        Decimal::from(4),
    )]);
    client.call(&report).await.unwrap();

    let cancel = client.call(&OrderCancelRequest::new("W1234", "RK-1")).await;
    assert_eq!(failure_code(cancel), "STATUS_NOT_CANCELLABLE");

    let mut unknown = report.clone();
    unknown.entry_order = Some(confirm::EntryOrder {
        entry_order_code: "RK-404".into(),
        ..received
    });
    assert_eq!(failure_code(client.call(&unknown).await), "NOT_FOUND");
}
