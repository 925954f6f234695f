//! Requests per second the server side answers on loopback: `cargo bench -p wdt-server
//! --bench server [SECONDS] [CONNECTIONS]` (defaults 10 and 16). One `deliveryorder.create`
//! with 100 order lines is signed once and sent again and again (the server's clock is
//! fixed at its timestamp), so the figures are the server's work alone: the router's
//! checks, decoding the XML, validating it by the spec, the handler, writing the reply.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use wdt::chrono::NaiveDate;
use wdt::taobao::qimen::deliveryorder::create::{
    DeliveryOrder, DeliveryOrderCreateRequest, DeliveryOrderCreateResponse, LogisticsCode,
    OrderLine, OrderType,
};
use wdt::{Decimal, FixedClock, QimenClient};
use wdt_server::{QimenCredentials, QimenServer, Refusal};

const NOW: i64 = 1_796_263_200; // 2026-12-03 10:00:00 Beijing time

fn request(lines: usize) -> DeliveryOrderCreateRequest {
    let at = NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("a valid time");
    let mut request = DeliveryOrderCreateRequest::new();
    request.delivery_order = Some(DeliveryOrder::new(
        "DO2026120300001",
        OrderType::from_wire("JYCK"),
        "WH-SH-01",
        at,
        at,
        at,
        "旗舰店",
        LogisticsCode::from_wire("SF"),
    ));
    request.order_lines = Some(
        (0..lines)
            .map(|i| {
                let mut line =
                    OrderLine::new("OWNER-1", format!("SKU-{i:05}"), Decimal::from(2), "59.00");
                line.item_name = Some(format!("商品 {i}"));
                line
            })
            .collect(),
    );
    request
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let seconds: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(10);
    let connections: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(16);

    let handled = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&handled);
    let server = QimenServer::builder(QimenCredentials::new("k", "s", "c").expect("account"))
        .clock(Arc::new(FixedClock::new(NOW)))
        .handle(move |request: DeliveryOrderCreateRequest| {
            counter.fetch_add(1, Ordering::Relaxed);
            let lines = request.order_lines.map_or(0, |l| l.len());
            std::future::ready(Ok::<_, Refusal>(DeliveryOrderCreateResponse {
                flag: Some("success".into()),
                code: Some("0".into()),
                message: Some(format!("{lines} lines")),
                delivery_order_id: Some("WMS000001".into()),
                ..Default::default()
            }))
        })
        .build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, server.router()).await });

    let url = format!("http://{address}{}", wdt_server::QIMEN_PATH);
    let client = QimenClient::builder()
        .app_key("k")
        .secret("s")
        .customer_id("c")
        .base_url(&url)
        .clock(Arc::new(FixedClock::new(NOW)))
        .build()
        .expect("client");
    let body = wdt::runtime::qimen::to_xml(&request(100)).expect("xml");
    let prepared =
        Arc::new(client.prepare_raw("taobao.qimen.deliveryorder.create", body.into_bytes()));
    let http = reqwest::Client::new();

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (http, prepared) = (http.clone(), Arc::clone(&prepared));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let start = Instant::now();
                let reply = http
                    .post(&prepared.url)
                    .header("content-type", prepared.content_type)
                    .body(prepared.body.clone())
                    .send()
                    .await
                    .expect("sent")
                    .text()
                    .await
                    .expect("a reply");
                assert!(reply.contains("<flag>success</flag>"), "{reply}");
                latencies.push(start.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.expect("a client task"));
    }
    latencies.sort();
    let total = handled.load(Ordering::Relaxed);
    println!(
        "deliveryorder.create, 100 order lines ({} bytes), {connections} connections, {seconds} s",
        prepared.body.len()
    );
    println!(
        "requests/s: {:.0}; latency p50 {:.2} ms, p99 {:.2} ms; handled {total}",
        latencies.len() as f64 / seconds as f64,
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
    );
    assert_eq!(
        total,
        latencies.len() as u64,
        "every request reached the handler"
    );
}
