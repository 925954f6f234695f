//! Window scans that read several windows at once, under limits the whole client shares.
//!
//! The gateway records when each request arrives. Every bound checked here is a lower bound
//! on a wait the client must make (a slow machine only makes the waits longer) or an upper
//! bound several times wider than the scheduling it allows for.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;

use support::{Gateway, Received, Reply};
use wdt::runtime::wire::parse_datetime;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{RetryPolicy, ScanOptions};

fn t(text: &str) -> wdt::chrono::NaiveDateTime {
    parse_datetime(text).unwrap()
}

/// The hour of a request's window start.
fn hour(r: &Received) -> i32 {
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let start = t(body[0]["start_time"].as_str().unwrap());
    wdt::chrono::Timelike::hour(&start) as i32
}

/// One page holding the window's two records, ids `hour*100` and `hour*100+1`.
fn window_reply(hour: i32) -> String {
    let record = |id: i32| format!(r#"{{"stockout_id":{id},"stockout_no":"CK{id}","status":5}}"#);
    format!(
        r#"{{"status":0,"data":{{"total_count":2,"order_list":[{},{}]}}}}"#,
        record(hour * 100),
        record(hour * 100 + 1)
    )
}

/// Page `page_no` (of two records) of a window holding four, ids from `hour*100`.
fn paged_reply(hour: i32, page_no: u32) -> String {
    let record = |id: i32| format!(r#"{{"stockout_id":{id},"stockout_no":"CK{id}","status":5}}"#);
    let first = hour * 100 + 2 * page_no as i32;
    format!(
        r#"{{"status":0,"data":{{"total_count":4,"order_list":[{},{}]}}}}"#,
        record(first),
        record(first + 1)
    )
}

fn request() -> search_cancel::Request {
    search_cancel::Request {
        params: Params::new(t("2026-11-23 00:00:00"), t("2026-11-23 01:00:00")),
    }
}

/// A gateway answering each window after `latency(hour)`, recording arrival times.
async fn timed_gateway(
    latency: impl Fn(i32) -> Duration + Send + Sync + 'static,
) -> (Gateway, Arc<Mutex<Vec<Instant>>>) {
    let arrivals: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let log = arrivals.clone();
    let gateway = Gateway::start(move |r, _| {
        log.lock().unwrap().push(Instant::now());
        let hour = hour(r);
        Reply::Late(latency(hour), window_reply(hour))
    })
    .await;
    (gateway, arrivals)
}

fn since_first(arrivals: &Mutex<Vec<Instant>>) -> Vec<Duration> {
    let arrivals = arrivals.lock().unwrap();
    arrivals.iter().map(|a| *a - arrivals[0]).collect()
}

#[tokio::test]
async fn several_windows_are_read_at_once_and_come_out_in_time_order() {
    // Earlier windows answer more slowly, so later ones finish first.
    let (gateway, arrivals) =
        timed_gateway(|hour| Duration::from_millis(400 - 40 * hour as u64)).await;
    let client = gateway.client().build().unwrap();
    let request = request();
    let options = ScanOptions::new(10).concurrency(4);
    let batches: Vec<_> = client
        .scan_windows_with(
            &request,
            t("2026-11-23 00:00:00"),
            t("2026-11-23 07:59:59"),
            options,
        )
        .map(Result::unwrap)
        .collect()
        .await;
    let starts: Vec<u32> = batches
        .iter()
        .map(|b| wdt::chrono::Timelike::hour(&b.start))
        .collect();
    assert_eq!(starts, [0, 1, 2, 3, 4, 5, 6, 7], "batches in time order");
    let ids: Vec<i32> = batches
        .iter()
        .flat_map(|b| b.items.iter().filter_map(|s| s.stockout_id))
        .collect();
    let expected: Vec<i32> = (0..8).flat_map(|h| [h * 100, h * 100 + 1]).collect();
    assert_eq!(ids, expected, "every record once, in window order");

    let at = since_first(&arrivals);
    assert_eq!(at.len(), 8, "one call per window");
    // Four windows are asked for at once (each takes 280 ms or more to answer) …
    assert!(at[3] < Duration::from_millis(200), "{at:?}");
    // … and a fifth only when one of them has answered.
    assert!(at[4] >= Duration::from_millis(280), "{at:?}");
}

#[tokio::test]
async fn the_client_bounds_calls_in_flight_across_windows() {
    let (gateway, arrivals) = timed_gateway(|_| Duration::from_millis(300)).await;
    let client = gateway.client().max_in_flight(2).build().unwrap();
    let request = request();
    let batches: Vec<_> = client
        .scan_windows_with(
            &request,
            t("2026-11-23 00:00:00"),
            t("2026-11-23 03:59:59"),
            ScanOptions::new(10).concurrency(4),
        )
        .collect()
        .await;
    assert_eq!(batches.len(), 4);
    let at = since_first(&arrivals);
    assert!(at[1] < Duration::from_millis(200), "{at:?}");
    assert!(at[2] >= Duration::from_millis(300), "{at:?}");
    assert!(at[3] >= Duration::from_millis(300), "{at:?}");
}

#[tokio::test]
async fn a_rate_limit_reply_pauses_every_window_of_the_client() {
    let arrivals: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let log = arrivals.clone();
    let gateway = Gateway::start(move |r, index| {
        log.lock().unwrap().push(Instant::now());
        if index == 0 {
            return Reply::Json(
                r#"{"status":100,"message":"超过每分钟最大调用频率限制，请稍后重试"}"#.into(),
            );
        }
        Reply::Json(paged_reply(hour(r), r.page_no()))
    })
    .await;
    let pause = Duration::from_millis(400);
    let client = gateway
        .client()
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
            rate_limit_backoff: pause,
        })
        .build()
        .unwrap();
    let request = request();
    let batches: Vec<_> = client
        .scan_windows_with(
            &request,
            t("2026-11-23 00:00:00"),
            t("2026-11-23 05:59:59"),
            ScanOptions::new(2).concurrency(3),
        )
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(batches.len(), 6);
    let ids: usize = batches.iter().map(|b| b.items.len()).sum();
    assert_eq!(ids, 24, "the refused call was sent again");
    let at = since_first(&arrivals);
    assert_eq!(at.len(), 19, "three pages per window and one retry");
    // The two other windows' first calls may already be on their way when the refusal
    // comes back; every later call, of any window, waits out the pause (without it, those
    // windows' next pages would follow within milliseconds).
    for (index, arrival) in at.iter().enumerate().skip(3) {
        assert!(*arrival >= pause, "call {index} at {arrival:?}: {at:?}");
    }
}
