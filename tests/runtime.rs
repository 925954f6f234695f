//! The runtime against a scripted gateway on 127.0.0.1 (port chosen at run time): replies,
//! errors, retries, paging and window splitting, through the generated seed endpoints.
//! The gateway checks every signature (see `support`).

mod support;

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::net::TcpListener;

use support::{Gateway, Received, Reply, quick_retries};
use wdt::runtime::sign;
use wdt::runtime::wire::parse_datetime;
use wdt::wms::outer::outer_out::create_order::{self, CreateOrderStatus, Order, OrderDetail};
use wdt::wms::stockout::sales::search_cancel::{self, CancelledStockout, Params, StockoutStatus};
use wdt::{Api, CallOptions, Error, QimenApi, RetryPolicy, WdtClient};

fn create_request() -> (Order, Vec<OrderDetail>) {
    (Order::new("pos"), vec![OrderDetail::new("DFAQT101", 2)])
}

fn t(text: &str) -> wdt::chrono::NaiveDateTime {
    parse_datetime(text).unwrap()
}

#[tokio::test]
async fn success_gives_typed_data() {
    let gateway = Gateway::start(|_, _| {
        Reply::Json(r#"{"status":0,"data":{"status":0,"message":"WC0001"}}"#.into())
    })
    .await;
    let client = gateway.client().build().unwrap();
    let (order, details) = create_request();
    let data = client
        .wms()
        .outer()
        .outer_out()
        .create_order(order, details, false)
        .await
        .unwrap();
    assert_eq!(data.status, Some(CreateOrderStatus::Success));
    assert_eq!(data.message.as_deref(), Some("WC0001"));
    let received = gateway.received();
    assert_eq!(received[0].method(), "wms.outer.OuterOut.createOrder");
    assert_eq!(
        received[0].body,
        r#"[{"warehouse_no":"pos"},[{"spec_no":"DFAQT101","num":2}],false]"#
    );
}

#[tokio::test]
async fn api_error_is_typed() {
    let gateway = Gateway::start(|_, _| {
        Reply::Json(r#"{"status":100,"code":"right.required","message":"无该仓库权限"}"#.into())
    })
    .await;
    let client = gateway.client().build().unwrap();
    let (order, details) = create_request();
    let error = client
        .wms()
        .outer()
        .outer_out()
        .create_order(order, details, false)
        .await
        .unwrap_err();
    match &error {
        Error::Api {
            method,
            status,
            code,
            message,
        } => {
            assert_eq!(*method, "wms.outer.OuterOut.createOrder");
            assert_eq!(*status, 100);
            assert_eq!(code.as_deref(), Some("right.required"));
            assert_eq!(message, "无该仓库权限");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        gateway.received().len(),
        1,
        "business errors are not retried"
    );
}

#[tokio::test]
async fn malformed_replies_are_decode_errors() {
    let gateway = Gateway::start(|_, index| match index {
        0 => Reply::Json("<html><body>502 Bad Gateway</body></html>".into()),
        1 => Reply::Json(r#"{"status":0,"data":{"status":"oops"}}"#.into()),
        _ => Reply::Json(r#"{"status":0,"data":{"order_list":[{"stockout_id":[]}]}}"#.into()),
    })
    .await;
    let client = gateway.client().retry(RetryPolicy::none()).build().unwrap();
    for _ in 0..2 {
        let (order, details) = create_request();
        let error = client
            .wms()
            .outer()
            .outer_out()
            .create_order(order, details, false)
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    }
    let params = Params::new(t("2026-11-23 10:00:00"), t("2026-11-23 11:00:00"));
    let error = client
        .wms()
        .stockout()
        .sales()
        .search_cancel(params, 0, 10)
        .await
        .unwrap_err();
    let Error::Decode { raw, message, .. } = error else {
        panic!("{error:?}")
    };
    assert!(raw.contains("stockout_id"), "the raw reply is kept: {raw}");
    assert!(
        message.contains("data does not match the spec"),
        "{message}"
    );
}

#[tokio::test]
async fn timeouts_are_transport_errors() {
    let gateway =
        Gateway::start(|_, _| Reply::Late(Duration::from_millis(500), r#"{"status":0}"#.into()))
            .await;
    let client = gateway
        .client()
        .timeout(Duration::from_millis(50))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client
        .wms()
        .stockout()
        .other()
        .cancel_other_order("CK1".into(), false)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: wdt::runtime::error::TransportKind::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn server_errors_are_retried_for_safe_endpoints_with_fresh_signatures() {
    let gateway = Gateway::start(|_, index| match index {
        0 => Reply::Status(503, "<html>Service Unavailable</html>"),
        1 => Reply::Json(
            r#"{"status":100,"message":"超过每分钟最大调用频率限制，请稍后重试"}"#.into(),
        ),
        _ => Reply::Json(r#"{"status":0,"data":{"total_count":0,"order_list":[]}}"#.into()),
    })
    .await;
    let clock = Arc::new(wdt::FixedClock::new(1_795_428_000));
    let client = gateway.client().clock(clock).build().unwrap();
    let params = Params::new(t("2026-11-23 10:00:00"), t("2026-11-23 11:00:00"));
    let page = client
        .wms()
        .stockout()
        .sales()
        .search_cancel(params, 0, 100)
        .await
        .unwrap();
    assert!(page.items.is_empty());
    let received = gateway.received();
    assert_eq!(
        received.len(),
        3,
        "a 5xx and a rate-limit answer, then success"
    );
    // Every attempt was signed and checked by the gateway (see `assert_signed`).
    assert!(
        received.iter().all(|r| r.body == received[0].body),
        "the same bytes each time"
    );
}

#[tokio::test]
async fn creates_are_not_retried_unless_the_caller_opts_in() {
    let gateway = Gateway::start(|_, index| match index {
        0 | 1 => Reply::Status(502, "bad gateway"),
        _ => Reply::Json(r#"{"status":0,"data":{"status":0,"message":"WC0002"}}"#.into()),
    })
    .await;
    let client = gateway.client().build().unwrap();
    let (order, details) = create_request();
    let error = client
        .wms()
        .outer()
        .outer_out()
        .create_order(order, details, false)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 502, .. }),
        "{error:?}"
    );
    assert_eq!(gateway.received().len(), 1, "a create is sent once");

    let (order, details) = create_request();
    let request = create_order::Request {
        order,
        order_details: details,
        is_check: false,
    };
    let options = CallOptions {
        retry_unsafe: true,
        ..CallOptions::default()
    };
    let data = client.call_with(&request, options).await.unwrap();
    assert_eq!(data.message.as_deref(), Some("WC0002"));
    assert_eq!(gateway.received().len(), 3);
}

#[tokio::test]
async fn connection_refused_creates_are_retried_because_nothing_was_sent() {
    let unused = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = unused.local_addr().unwrap();
    drop(unused);
    let client = WdtClient::builder()
        .sid("s")
        .app_key("k")
        .app_secret("a:b")
        .base_url(format!("http://{addr}"))
        .retry(quick_retries())
        .build()
        .unwrap();
    let (order, details) = create_request();
    let error = client
        .wms()
        .outer()
        .outer_out()
        .create_order(order, details, false)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: wdt::runtime::error::TransportKind::Connect,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn invalid_requests_never_reach_the_network() {
    let gateway = Gateway::start(|_, _| Reply::Json(r#"{"status":0}"#.into())).await;
    let client = gateway.client().build().unwrap();
    let order = Order::new("W".repeat(41));
    let error = client
        .wms()
        .outer()
        .outer_out()
        .create_order(order, vec![OrderDetail::new("", 1)], false)
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "wms.outer.OuterOut.createOrder: request not sent, it breaks the spec: order.warehouse_no: 41 characters, at most 40; order_details[0].spec_no: required, must not be empty"
    );
    let params = Params::new(t("2026-11-23 10:00:00"), t("2026-11-23 11:00:00"));
    let error = client
        .wms()
        .stockout()
        .sales()
        .search_cancel(params, 0, 0)
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("page_size: 0, must be at least 1"),
        "{error}"
    );
    assert!(gateway.received().is_empty());
}

fn stockout(id: i32) -> String {
    format!(
        r#"{{"stockout_id":{id},"stockout_no":"CK{id}","status":5,"modified":"2026-11-23 10:00:00"}}"#
    )
}

fn page_reply(ids: impl Iterator<Item = i32>, total: usize) -> Reply {
    let list: Vec<String> = ids.map(stockout).collect();
    Reply::Json(format!(
        r#"{{"status":0,"data":{{"total_count":{total},"order_list":[{}]}}}}"#,
        list.join(",")
    ))
}

#[tokio::test]
async fn collect_all_pages_until_the_total() {
    let gateway = Gateway::start(|r, _| {
        let (page_no, size) = (
            r.page_no() as i32,
            r.query["page_size"].parse::<i32>().unwrap(),
        );
        let ids = (page_no * size..((page_no + 1) * size).min(25)).map(|i| i + 1);
        page_reply(ids, 25)
    })
    .await;
    let client = gateway.client().build().unwrap();
    let request = search_cancel::Request {
        params: Params::new(t("2026-11-23 10:00:00"), t("2026-11-23 11:00:00")),
    };
    let all: Vec<CancelledStockout> = client.collect_all(&request, 10).await.unwrap();
    assert_eq!(
        all.iter().filter_map(|s| s.stockout_id).collect::<Vec<_>>(),
        (1..=25).collect::<Vec<_>>()
    );
    assert_eq!(all[0].status, Some(StockoutStatus::Cancelled));
    let received = gateway.received();
    let pages: Vec<u32> = received.iter().map(Received::page_no).collect();
    assert_eq!(pages, [0, 1, 2]);
    let totals: Vec<&str> = received
        .iter()
        .map(|r| r.query["calc_total"].as_str())
        .collect();
    assert_eq!(totals, ["1", "0", "0"], "the total is counted once");

    let mut stream = std::pin::pin!(client.pages(&request, 25));
    let only = stream.next().await.unwrap().unwrap();
    assert_eq!(only.items.len(), 25);
    assert!(
        stream.next().await.is_none(),
        "a full page reaching the total is the last"
    );
}

#[tokio::test]
async fn a_day_is_walked_in_hour_windows_last_page_first() {
    // 7 records per window, 3 per page: pages 0..=2 of each window.
    let gateway = Gateway::start(|r, _| {
        let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let start = t(body[0]["start_time"].as_str().unwrap());
        let hour = wdt::chrono::Timelike::hour(&start) as i32;
        let page_no = r.page_no() as i32;
        let ids = (page_no * 3..((page_no + 1) * 3).min(7)).map(|i| hour * 100 + i);
        page_reply(ids, 7)
    })
    .await;
    let client = gateway.client().build().unwrap();
    let request = search_cancel::Request {
        params: Params::new(t("2026-11-23 00:00:00"), t("2026-11-23 01:00:00")),
    };
    let batches: Vec<_> = client
        .scan_windows(
            &request,
            t("2026-11-23 00:00:00"),
            t("2026-11-23 23:59:59"),
            3,
        )
        .collect()
        .await;
    let batches: Vec<_> = batches.into_iter().map(Result::unwrap).collect();
    assert_eq!(batches.len(), 24);
    let ids: Vec<i32> = batches
        .iter()
        .flat_map(|b| b.items.iter().filter_map(|s| s.stockout_id))
        .collect();
    let expected: Vec<i32> = (0..24)
        .flat_map(|h| (0..7).map(move |i| h * 100 + i))
        .collect();
    assert_eq!(ids, expected, "every record once, in order");

    let received = gateway.received();
    let first_window: Vec<u32> = received[..4].iter().map(Received::page_no).collect();
    assert_eq!(
        first_window,
        [0, 2, 1, 0],
        "count, then last page back to the first"
    );
    let windows: Vec<(String, String)> = received
        .iter()
        .filter(|r| r.query["calc_total"] == "1")
        .map(|r| {
            let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            (
                body[0]["start_time"].as_str().unwrap().to_owned(),
                body[0]["end_time"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        windows[0],
        ("2026-11-23 00:00:00".into(), "2026-11-23 00:59:59".into())
    );
    assert_eq!(
        windows[1],
        ("2026-11-23 01:00:00".into(), "2026-11-23 01:59:59".into())
    );
    assert_eq!(windows[23].1, "2026-11-23 23:59:59");
}

#[tokio::test]
async fn records_shifting_between_pages_are_not_lost() {
    // Window of 6 records, pages of 2. After the count and the last page, record 2 is
    // modified and leaves the window: every later record moves one place forward. Read
    // front to back, record 3 would slip into the already read first page and be lost;
    // read back to front, record 5 is seen twice instead.
    let gateway = Gateway::start(|r, index| {
        let rows: Vec<i32> = if index <= 1 {
            vec![1, 2, 3, 4, 5, 6]
        } else {
            vec![1, 3, 4, 5, 6]
        };
        let page_no = r.page_no() as usize;
        let ids = rows.iter().copied().skip(page_no * 2).take(2);
        page_reply(ids, rows.len())
    })
    .await;
    let client = gateway.client().build().unwrap();
    let request = search_cancel::Request {
        params: Params::new(t("2026-11-23 00:00:00"), t("2026-11-23 01:00:00")),
    };
    let (items, calls) = client.scan_window(&request, 2).await.unwrap();
    let ids: Vec<i32> = items.iter().filter_map(|s| s.stockout_id).collect();
    for id in [1, 3, 4, 5, 6] {
        assert!(ids.contains(&id), "record {id} kept: {ids:?}");
    }
    assert_eq!(
        ids.len(),
        5,
        "the repeat caused by the shift is dropped by id: {ids:?}"
    );
    assert_eq!(calls, 4);
}

#[tokio::test]
async fn qimen_calls_send_signed_xml() {
    let gateway = Gateway::start(|r, index| {
        assert!(r.body.starts_with("<?xml"));
        let expected = {
            let mut params: Vec<(&str, &str)> =
                r.query.iter().filter(|(k, _)| *k != "sign").map(|(k, v)| (k.as_str(), v.as_str())).collect();
            sign::as_str(&sign::qimen_sign("sandboxsecret", &mut params, r.body.as_bytes())).to_owned()
        };
        assert_eq!(r.query["sign"], expected);
        if index == 0 {
            Reply::Xml("<response><flag>success</flag><code>0</code><message>ok</message></response>".into())
        } else {
            Reply::Xml("<response><flag>failure</flag><code>E404</code><message>单据不存在</message></response>".into())
        }
    })
    .await;
    let client = wdt::QimenClient::builder()
        .app_key("testerp_appkey")
        .secret("sandboxsecret")
        .customer_id("stub-cust-code")
        .base_url(format!("{}/router/qimen/service", gateway.url()))
        .build()
        .unwrap();
    use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
    let reply = client
        .taobao()
        .qimen()
        .order()
        .cancel(OrderCancelRequest::new("W1", "O1"))
        .await
        .unwrap();
    assert_eq!(reply.flag.as_deref(), Some("success"));
    let error = client
        .taobao()
        .qimen()
        .order()
        .cancel(OrderCancelRequest::new("W1", "O2"))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "taobao.qimen.order.cancel: failure E404: 单据不存在"
    );
}

#[tokio::test]
async fn the_rate_limit_spaces_calls() {
    let gateway = Gateway::start(|_, _| Reply::Json(r#"{"status":0}"#.into())).await;
    let client = gateway.client().rate_limit(20.0).build().unwrap();
    let started = std::time::Instant::now();
    for i in 0..5 {
        client
            .wms()
            .stockout()
            .other()
            .cancel_other_order(format!("CK{i}"), false)
            .await
            .unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(190),
        "5 calls at 20/s take at least 200 ms"
    );
}

#[tokio::test]
async fn the_qimen_client_takes_the_same_rate_limit() {
    let gateway = Gateway::start(|_, _| {
        Reply::Xml(
            "<response><flag>success</flag><code>0</code><message>ok</message></response>".into(),
        )
    })
    .await;
    let client = wdt::QimenClient::builder()
        .app_key("testerp_appkey")
        .secret("sandboxsecret")
        .customer_id("stub-cust-code")
        .base_url(gateway.url())
        .rate_limit(20.0)
        .build()
        .unwrap();
    use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
    let started = std::time::Instant::now();
    for i in 0..5 {
        client
            .taobao()
            .qimen()
            .order()
            .cancel(OrderCancelRequest::new("W1", format!("O{i}")))
            .await
            .unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(190),
        "5 calls at 20/s take at least 200 ms"
    );
}

/// `info.check` of a body, as the refusal's text.
fn refusal_of(info: &wdt::EndpointInfo, body: &str, page_size: Option<u32>) -> String {
    match info.check(body.as_bytes(), page_size) {
        Err(wdt::Rejection::Invalid(error)) => error.to_string(),
        other => panic!("expected a refusal listing violations, got {other:?}"),
    }
}

#[test]
fn a_refused_body_reports_every_problem_at_once() {
    let long = "W".repeat(42);
    // A missing field, a rule broken beside it, and an argument that serde alone would never
    // reach: all in one refusal, each at its path.
    let body =
        format!(r#"[{{"warehouse_no":"{long}"}},[{{"num":2}},{{"spec_no":"A","num":"two"}}]]"#);
    assert_eq!(
        refusal_of(&create_order::INFO, &body, None),
        "order_details[0].spec_no: required; \
         order_details[1].num: invalid value: string \"two\", expected a 32-bit integer (number or numeric string); \
         is_check: required; \
         order.warehouse_no: 42 characters, at most 40"
    );
    // A missing struct is one problem, not one per field inside it; the page size joins in.
    assert_eq!(
        refusal_of(&search_cancel::INFO, "[]", Some(0)),
        "params: required; page_size: 0, must be at least 1"
    );
    // Fine values around a wrong one are not reported.
    assert_eq!(
        refusal_of(
            &search_cancel::INFO,
            r#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-13-01 00:00:00"}]"#,
            Some(10),
        ),
        "params.end_time: invalid value: string \"2026-13-01 00:00:00\", expected a datetime as yyyy-MM-dd HH:mm:ss"
    );
    // Too many arguments, and a body that is not JSON at all.
    assert_eq!(
        refusal_of(&cancel_other_order_info(), r#"["CK1",false,1]"#, None),
        "more than the 2 positional argument(s) the endpoint takes"
    );
    assert!(matches!(
        search_cancel::INFO.check(b"[{", Some(10)),
        Err(wdt::Rejection::Decode(_))
    ));
}

fn cancel_other_order_info() -> wdt::EndpointInfo {
    wdt::wms::stockout::other::cancel_other_order::INFO
}

#[test]
fn a_key_sent_twice_is_refused_in_a_request_and_in_a_reply() {
    let twice = |json: &str| serde_json::from_str::<Order>(json).unwrap_err().to_string();
    assert!(
        twice(r#"{"warehouse_no":"A","warehouse_no":"B"}"#)
            .starts_with("duplicate field `warehouse_no`")
    );
    // A null still counts as sent: an optional field given twice is refused as well.
    assert!(
        twice(r#"{"warehouse_no":"A","remark":null,"remark":"x"}"#)
            .starts_with("duplicate field `remark`")
    );
    let reply = serde_json::from_str::<create_order::CreateOrderData>(
        r#"{"status":0,"message":"a","message":"b"}"#,
    );
    assert!(
        reply
            .unwrap_err()
            .to_string()
            .starts_with("duplicate field `message`")
    );
    // Once each is fine, and unknown keys do not count.
    let order: Order =
        serde_json::from_str(r#"{"warehouse_no":"A","remark":null,"x":1,"x":2}"#).unwrap();
    assert_eq!((order.warehouse_no.as_str(), order.remark), ("A", None));
}
