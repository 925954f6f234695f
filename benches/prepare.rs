//! Validate + serialise + sign + build the URL for each seed request: everything a call
//! does before the network. `cargo bench --bench prepare`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use wdt::purchase::purchase_order::cancel_by_type::{self, OperateType};
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderType};
use wdt::wms::outer::outer_out::create_order::{self, Order, OrderDetail};
use wdt::wms::stockout::other::cancel_other_order;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{Pager, Validate, WdtClient};

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

    // The floor: md5 over the createOrder sign string alone.
    let sign_input = "testsecretbody[{\"warehouse_no\":\"pos\",\"remark\":\"破损出库\"},[{\"spec_no\":\"DFAQT101\",\"num\":2}],false]keywdt_testmethodwms.outer.OuterOut.createOrdersalttestsaltsidwdtapi3timestamp469411200v1.0testsecret";
    c.bench_function("md5 of the createOrder sign string", |b| {
        b.iter(|| {
            use md5::Digest;
            md5::Md5::digest(black_box(sign_input.as_bytes()))
        })
    });
}

criterion_group!(benches, prepare);
criterion_main!(benches);
