//! The whole exchange on loopback: an ERP (a client for what it sends, a server for the
//! reports it receives) and the example WMS.

use std::sync::{Arc, Mutex};

use qimen_wms::{ShipError, Status, Wms};
use wdt::chrono::NaiveDate;
use wdt::taobao::qimen::deliveryorder::confirm::{self, DeliveryOrderConfirmRequest};
use wdt::taobao::qimen::deliveryorder::create::{
    DeliveryOrder, DeliveryOrderCreateRequest, LogisticsCode, OrderLine, OrderType, ReceiverInfo,
    SenderInfo,
};
use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
use wdt::{Decimal, Error, QimenClient};
use wdt_server::{QimenCredentials, QimenServer, Refusal};

/// The account the ERP signs its calls to the WMS with.
const WMS_ACCOUNT: (&str, &str, &str) = ("erp-to-wms", "wms-secret", "WMS-OWNER");
/// The account the WMS signs its reports to the ERP with.
const ERP_ACCOUNT: (&str, &str, &str) = ("wms-to-erp", "erp-secret", "ERP-OWNER");

fn credentials((app_key, secret, customer_id): (&str, &str, &str)) -> QimenCredentials {
    QimenCredentials::new(app_key, secret, customer_id).unwrap()
}

fn client(url: &str, (app_key, secret, customer_id): (&str, &str, &str)) -> QimenClient {
    QimenClient::builder()
        .app_key(app_key)
        .secret(secret)
        .customer_id(customer_id)
        .base_url(url)
        .build()
        .unwrap()
}

/// Serves on a port chosen now; the server stops with the test's runtime.
async fn serve(server: QimenServer) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, server.router()).await });
    format!("http://{address}{}", wdt_server::QIMEN_PATH)
}

/// The ERP's receiving side: it keeps every report.
async fn erp(reports: Arc<Mutex<Vec<DeliveryOrderConfirmRequest>>>) -> String {
    let server = QimenServer::builder(credentials(ERP_ACCOUNT))
        .handle(move |report: DeliveryOrderConfirmRequest| {
            reports.lock().unwrap().push(report);
            std::future::ready(Ok::<_, Refusal>(confirm::Response {
                flag: Some("success".into()),
                code: Some("0".into()),
                message: Some("ok".into()),
            }))
        })
        .build();
    serve(server).await
}

fn delivery_order(code: &str) -> DeliveryOrderCreateRequest {
    let at = NaiveDate::from_ymd_opt(2026, 12, 3)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    let mut order = DeliveryOrder::new(
        code,
        OrderType::from_wire("JYCK"),
        "WH-SH-01",
        at,
        at,
        at,
        "旗舰店",
        LogisticsCode::from_wire("SF"),
    );
    order.sender_info = Some(SenderInfo::new(
        "仓库",
        "13800000000",
        "上海",
        "上海市",
        "松江区1号",
    ));
    order.receiver_info = Some(ReceiverInfo::new(
        "张三",
        "13900000000",
        "浙江省",
        "杭州市",
        "西湖区2号",
    ));
    let mut request = DeliveryOrderCreateRequest::new();
    request.delivery_order = Some(order);
    request.order_lines = Some(vec![
        OrderLine::new("OWNER-1", "SKU-A", Decimal::from(2), "59.00"),
        OrderLine::new("OWNER-1", "SKU-B", Decimal::from(1), "19.90"),
    ]);
    request
}

#[tokio::test]
async fn orders_go_to_the_wms_and_shipments_come_back_to_the_erp() {
    let reports = Arc::new(Mutex::new(Vec::new()));
    let erp_url = erp(Arc::clone(&reports)).await;
    let wms = Wms::new(client(&erp_url, ERP_ACCOUNT));
    let wms_url = serve(wms.server(credentials(WMS_ACCOUNT))).await;
    let to_wms = client(&wms_url, WMS_ACCOUNT);

    // Two orders; the first sent twice (a retry) keeps its id.
    let created = to_wms.call(&delivery_order("SO-1")).await.unwrap();
    assert_eq!(created.delivery_order_id.as_deref(), Some("WMS000001"));
    let again = to_wms.call(&delivery_order("SO-1")).await.unwrap();
    assert_eq!(again.delivery_order_id, created.delivery_order_id);
    to_wms.call(&delivery_order("SO-2")).await.unwrap();
    assert_eq!(
        wms.order("SO-1").unwrap().lines,
        [
            ("SKU-A".to_owned(), Decimal::from(2)),
            ("SKU-B".to_owned(), Decimal::from(1))
        ]
    );

    // The ERP cancels the second before it ships.
    to_wms
        .call(&OrderCancelRequest::new("WH-SH-01", "SO-2"))
        .await
        .unwrap();
    assert_eq!(wms.order("SO-2").unwrap().status, Status::Cancelled);

    // The WMS ships the first and reports it.
    wms.ship("SO-1", "SF1234567890").await.unwrap();
    assert_eq!(wms.order("SO-1").unwrap().status, Status::Shipped);
    {
        let reports = reports.lock().unwrap();
        assert_eq!(reports.len(), 1);
        let delivery = reports[0].delivery_order.as_ref().unwrap();
        assert_eq!(delivery.delivery_order_code, "SO-1");
        assert_eq!(delivery.delivery_order_id.as_deref(), Some("WMS000001"));
        assert_eq!(delivery.order_type.wire(), "JYCK");
        let packages = reports[0].packages.as_ref().unwrap();
        assert_eq!(packages[0].express_code, "SF1234567890");
        let items = packages[0].items.as_ref().unwrap();
        assert_eq!(
            items
                .iter()
                .map(|item| (item.item_code.as_str(), item.quantity))
                .collect::<Vec<_>>(),
            [("SKU-A", Decimal::from(2)), ("SKU-B", Decimal::from(1))]
        );
    }

    // Shipped cannot be cancelled; cancelled cannot be shipped; unknown is not found.
    match to_wms
        .call(&OrderCancelRequest::new("WH-SH-01", "SO-1"))
        .await
    {
        Err(Error::QimenFailure { code, .. }) => assert_eq!(code, "ORDER_SHIPPED"),
        other => panic!("expected ORDER_SHIPPED, got {other:?}"),
    }
    assert!(matches!(
        wms.ship("SO-2", "SF1").await,
        Err(ShipError::NotShippable(code)) if code == "SO-2"
    ));
    match to_wms
        .call(&OrderCancelRequest::new("WH-SH-01", "SO-9"))
        .await
    {
        Err(Error::QimenFailure { code, .. }) => assert_eq!(code, "ORDER_NOT_FOUND"),
        other => panic!("expected ORDER_NOT_FOUND, got {other:?}"),
    }
    assert_eq!(reports.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_report_the_erp_refuses_leaves_the_order_unshipped() {
    let reports = Arc::new(Mutex::new(Vec::new()));
    let erp_url = erp(Arc::clone(&reports)).await;
    // The WMS signs its reports with the wrong secret.
    let wms = Wms::new(client(
        &erp_url,
        ("wms-to-erp", "not-the-secret", "ERP-OWNER"),
    ));
    let wms_url = serve(wms.server(credentials(WMS_ACCOUNT))).await;
    client(&wms_url, WMS_ACCOUNT)
        .call(&delivery_order("SO-7"))
        .await
        .unwrap();

    match wms.ship("SO-7", "SF7").await {
        Err(ShipError::Report(Error::QimenGateway { code, .. })) => assert_eq!(code, "25"),
        other => panic!("expected the ERP's signature refusal, got {other:?}"),
    }
    assert_eq!(wms.order("SO-7").unwrap().status, Status::Accepted);
    assert!(reports.lock().unwrap().is_empty());

    // An ERP-side request its spec refuses never reaches the WMS: the client stops it.
    let mut invalid = delivery_order("");
    invalid.order_lines = None;
    let refused = client(&wms_url, WMS_ACCOUNT).call(&invalid).await;
    assert!(matches!(refused, Err(Error::Invalid { .. })), "{refused:?}");
}
