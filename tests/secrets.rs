//! No error, `Debug` output or log line carries the secret, the salt or a signed URL; and
//! every call leaves one span with its method, attempts, duration and outcome.

mod support;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use support::{Gateway, Reply, SALT, SECRET};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wdt::runtime::error::TransportKind;
use wdt::wms::outer::outer_out::create_order::{Order, OrderDetail};
use wdt::wms::stockout::sales::search_cancel::Params;
use wdt::{Api, Error, QimenApi, RetryPolicy};

/// Records every span (with its later field values) and every event as text.
#[derive(Default, Clone)]
struct Capture {
    spans: Arc<Mutex<HashMap<u64, String>>>,
    events: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let mut text = attributes.metadata().name().to_owned();
        attributes.record(&mut Fields(&mut text));
        self.spans.lock().unwrap().insert(id, text);
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some(text) = self.spans.lock().unwrap().get_mut(&span.into_u64()) {
            values.record(&mut Fields(text));
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut text = event.metadata().target().to_owned();
        event.record(&mut Fields(&mut text));
        self.events.lock().unwrap().push(text);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn assert_clean(what: &str, text: &str) {
    for secret in [SECRET, SALT, "sign="] {
        assert!(!text.contains(secret), "{what} shows {secret:?}: {text}");
    }
}

fn t(text: &str) -> wdt::chrono::NaiveDateTime {
    wdt::runtime::wire::parse_datetime(text).unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn nothing_printed_holds_a_secret_and_each_call_has_a_span() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let gateway = Gateway::start(|r, index| match (r.method(), index) {
        (_, 0) => Reply::Status(500, "<html>boom</html>"),
        ("wms.stockout.Sales.searchCancel", _) => {
            Reply::Json(r#"{"status":0,"data":{"total_count":0,"order_list":[]}}"#.into())
        }
        (_, 2) => {
            Reply::Json(r#"{"status":100,"code":"right.required","message":"无该仓库权限"}"#.into())
        }
        (_, 3) => Reply::Json("<html>gateway error</html>".into()),
        _ => Reply::Late(Duration::from_millis(300), r#"{"status":0}"#.into()),
    })
    .await;
    let client = gateway
        .client()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    assert_clean("WdtClient Debug", &format!("{client:?}"));

    // 500 then success: one span, two attempts.
    let params = Params::new(t("2026-11-23 10:00:00"), t("2026-11-23 11:00:00"));
    client
        .wms()
        .stockout()
        .sales()
        .search_cancel(params, 0, 10)
        .await
        .unwrap();

    let mut errors: Vec<Error> = Vec::new();
    let create = || async {
        client
            .wms()
            .outer()
            .outer_out()
            .create_order(Order::new("pos"), vec![OrderDetail::new("D1", 1)], false)
            .await
            .unwrap_err()
    };
    errors.push(create().await); // API error
    errors.push(create().await); // not JSON
    errors.push(create().await); // timeout
    errors.push(
        client
            .wms()
            .outer()
            .outer_out()
            .create_order(Order::new(""), vec![], false)
            .await
            .unwrap_err(),
    );
    let refused = wdt::WdtClient::builder()
        .sid("wdtapi3")
        .app_key("wdt_test")
        .app_secret(&format!("{SECRET}:{SALT}"))
        .base_url("http://127.0.0.1:1")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    errors.push(
        refused
            .wms()
            .stockout()
            .other()
            .cancel_other_order("CK1".into(), true)
            .await
            .unwrap_err(),
    );
    errors.push(
        wdt::WdtClient::builder()
            .sid("s")
            .app_key("k")
            .app_secret(SECRET)
            .build()
            .unwrap_err(),
    );

    let qimen_gateway = Gateway::start(|_, index| match index {
        0 => Reply::Xml("<response><flag>failure</flag><code>E1</code><message>单据不存在</message></response>".into()),
        1 => Reply::Xml("<error_response><code>50</code><msg>Remote service error</msg><sub_code>isv.invalid-parameter</sub_code><sub_msg>非法参数</sub_msg></error_response>".into()),
        _ => Reply::Status(502, "bad gateway"),
    })
    .await;
    let qimen = wdt::QimenClient::builder()
        .app_key("testerp_appkey")
        .secret(SECRET)
        .customer_id("stub-cust-code")
        .base_url(format!("{}/router/qimen/service", qimen_gateway.url()))
        .build()
        .unwrap();
    assert_clean("QimenClient Debug", &format!("{qimen:?}"));
    use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
    for _ in 0..3 {
        errors.push(
            qimen
                .taobao()
                .qimen()
                .order()
                .cancel(OrderCancelRequest::new("W", "O"))
                .await
                .unwrap_err(),
        );
    }
    errors.push(Error::Encode {
        method: "m",
        message: "key must be a string".into(),
    });

    let kinds: Vec<&str> = errors
        .iter()
        .map(|e| match e {
            Error::Config(_) => "config",
            Error::Invalid { .. } => "invalid",
            Error::Encode { .. } => "encode",
            Error::Transport {
                kind: TransportKind::Timeout,
                ..
            } => "timeout",
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            } => "connect",
            Error::Transport { .. } => "transport",
            Error::Http { .. } => "http",
            Error::Api { .. } => "api",
            Error::QimenFailure { .. } => "qimen_failure",
            Error::QimenGateway { .. } => "qimen_gateway",
            Error::Decode { .. } => "decode",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "api",
            "decode",
            "timeout",
            "invalid",
            "connect",
            "config",
            "qimen_failure",
            "qimen_gateway",
            "http",
            "encode"
        ]
    );
    for error in &errors {
        assert_clean("error Display", &error.to_string());
        assert_clean("error Debug", &format!("{error:?}"));
    }

    let spans = capture.spans.lock().unwrap().clone();
    let events = capture.events.lock().unwrap().clone();
    for line in spans.values().chain(&events) {
        assert_clean("log", line);
    }
    let calls: Vec<&String> = spans
        .values()
        .filter(|s| s.starts_with("wdt.call"))
        .collect();
    let search: Vec<&&String> = calls
        .iter()
        .filter(|s| s.contains("searchCancel"))
        .collect();
    assert_eq!(search.len(), 1, "one span per call: {calls:?}");
    let span = search[0];
    for field in [
        " attempt=2",
        " duration_ms=",
        " outcome=\"ok\"",
        " page_no=0",
    ] {
        assert!(span.contains(field), "{field} missing from {span}");
    }
    assert!(
        calls.iter().any(|s| s.contains("createOrder")
            && s.contains("outcome=\"api_error\"")
            && s.contains("attempt=1")),
        "{calls:?}"
    );
    assert!(events.iter().any(|e| e.contains("retrying")), "{events:?}");
}
