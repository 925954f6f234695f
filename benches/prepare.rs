//! Validate + serialise + sign + build the URL for each seed request: everything a call
//! does before the network. `cargo bench --bench prepare`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use wdt::chrono::NaiveDate;
use wdt::purchase::purchase_order::cancel_by_type::{self, OperateType};
use wdt::taobao::qimen::deliveryorder::create::{
    self as delivery, DeliveryOrder, DeliveryOrderCreateRequest, LogisticsCode, ReceiverInfo,
    SenderInfo,
};
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderType};
use wdt::wms::outer::outer_out::create_order::{self, Order, OrderDetail};
use wdt::wms::stockout::other::cancel_other_order;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{Decimal, Pager, Validate, WdtClient};

fn client() -> WdtClient {
    WdtClient::builder()
        .sid("wdtapi3")
        .app_key("wdt_test")
        .app_secret("testsecret:testsalt")
        .base_url("http://47.92.239.46")
        .clock(Arc::new(wdt::FixedClock::new(1_794_758_400)))
        .build()
        .expect("client")
}

fn prepare(c: &mut Criterion) {
    let client = client();
    let create = create_order::Request {
        order: Order {
            remark: Some("破损出库".into()),
            ..Order::new("pos")
        },
        order_details: vec![OrderDetail::new("DFAQT101", 2)],
        is_check: false,
    };
    c.bench_function("createOrder", |b| {
        b.iter(|| client.prepare(black_box(&create), None).expect("valid"))
    });

    let cancel_other = cancel_other_order::Request {
        order_no: "CK2023082989".into(),
        is_force: true,
    };
    c.bench_function("cancelOtherOrder", |b| {
        b.iter(|| {
            client
                .prepare(black_box(&cancel_other), None)
                .expect("valid")
        })
    });

    let by_type = cancel_by_type::Request {
        params: cancel_by_type::Params::new(
            OperateType::StopWaiting,
            (2..10).map(|i| format!("CG221214000{i}")).collect(),
        ),
    };
    c.bench_function("cancelByType", |b| {
        b.iter(|| client.prepare(black_box(&by_type), None).expect("valid"))
    });

    let time = |s| wdt::runtime::wire::parse_datetime(s).expect("datetime");
    let search = search_cancel::Request {
        params: Params::new(time("2026-11-23 10:00:00"), time("2026-11-23 11:00:00")),
    };
    let pager = Some(Pager {
        page_no: 0,
        page_size: 100,
        calc_total: true,
    });
    c.bench_function("searchCancel", |b| {
        b.iter(|| client.prepare(black_box(&search), pager).expect("valid"))
    });

    // Qimen: the XML body through quick-xml, then the uppercase signature.
    let qimen = OrderCancelRequest {
        order_type: Some(OrderType::GeneralTradeOut),
        cancel_reason: Some("已经退货".into()),
        ..OrderCancelRequest::new("W1234", "O1234")
    };
    c.bench_function("qimen order.cancel (validate + XML + sign)", |b| {
        b.iter(|| {
            black_box(&qimen).validate().expect("valid");
            let body = wdt::runtime::qimen::to_xml(black_box(&qimen)).expect("xml");
            let mut params = [
                ("method", "taobao.qimen.order.cancel"),
                ("timestamp", "2026-11-23 18:00:00"),
                ("format", "xml"),
                ("app_key", "testerp_appkey"),
                ("v", "2.0"),
                ("sign_method", "md5"),
                ("customerId", "stub-cust-code"),
            ];
            wdt::runtime::sign::qimen_sign("sandboxsecret", &mut params, body.as_bytes())
        })
    });

    let large = large_delivery_order(100);
    c.bench_function(
        "qimen deliveryorder.create, 100 order lines (validate + XML + sign)",
        |b| {
            b.iter(|| {
                black_box(&large).validate().expect("valid");
                let body = wdt::runtime::qimen::to_xml(black_box(&large)).expect("xml");
                let mut params = [
                    ("method", "taobao.qimen.deliveryorder.create"),
                    ("timestamp", "2026-12-03 10:00:00"),
                    ("format", "xml"),
                    ("app_key", "testerp_appkey"),
                    ("v", "2.0"),
                    ("sign_method", "md5"),
                    ("customerId", "stub-cust-code"),
                ];
                wdt::runtime::sign::qimen_sign("sandboxsecret", &mut params, body.as_bytes())
            })
        },
    );

    // The floor: md5 over the createOrder sign string alone.
    let sign_input = "testsecretbody[{\"warehouse_no\":\"pos\",\"remark\":\"破损出库\"},[{\"spec_no\":\"DFAQT101\",\"num\":2}],false]keywdt_testmethodwms.outer.OuterOut.createOrdersalttestsaltsidwdtapi3timestamp469411200v1.0testsecret";
    c.bench_function("md5 of the createOrder sign string", |b| {
        b.iter(|| {
            use md5::Digest;
            md5::Md5::digest(black_box(sign_input.as_bytes()))
        })
    });
}

/// A delivery order as large as a realistic one gets: a full header, sender and receiver,
/// and `lines` order lines with their source orders and names (a big B2B shipment has a
/// hundred lines; a parcel has a few).
fn large_delivery_order(lines: usize) -> DeliveryOrderCreateRequest {
    let at = NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("a valid time");
    let mut order = DeliveryOrder::new(
        "DO2026120300001",
        delivery::OrderType::from_wire("JYCK"),
        "WH-SH-01",
        at,
        at,
        at,
        "旗舰店",
        LogisticsCode::from_wire("SF"),
    );
    order.source_platform_code = Some("TB".into());
    order.buyer_nick = Some("买家昵称".into());
    order.total_amount = Some("5900.00".into());
    order.freight = Some("12.00".into());
    order.remark = Some("易碎品，轻拿轻放".into());
    order.sender_info = Some(SenderInfo::new(
        "上海仓",
        "13800000000",
        "上海",
        "上海市",
        "松江区九亭镇1号",
    ));
    order.receiver_info = Some(ReceiverInfo::new(
        "张三",
        "13900000000",
        "浙江省",
        "杭州市",
        "西湖区文三路2号",
    ));
    let mut request = DeliveryOrderCreateRequest::new();
    request.delivery_order = Some(order);
    request.order_lines = Some(
        (0..lines)
            .map(|i| {
                let mut line = delivery::OrderLine::new(
                    "OWNER-1",
                    format!("SKU-{i:05}"),
                    Decimal::from(1 + i % 5),
                    "59.00",
                );
                line.order_line_no = Some(i.to_string());
                line.source_order_code = Some("TB2026120312345678".into());
                line.item_name = Some(format!("商品 {i}"));
                line
            })
            .collect(),
    );
    request
}

criterion_group!(benches, prepare);
criterion_main!(benches);
