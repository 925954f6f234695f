//! Calls per second against the sandbox on loopback with keep-alive: the typed client
//! (`client.wms().stockout().sales().search_cancel(..)`) against a minimal hand-written
//! client doing the same call with reqwest and md5 (body, signature, POST, JSON status
//! check). The typed client must reach 0.9 of the hand-written one's rate.
//!
//! `cargo bench -p wdt-sandbox --bench throughput` (release). `BENCH_SECS` sets the length of
//! each round (default 2); rounds alternate between the clients and the best of three counts.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use md5::{Digest, Md5};
use wdt::Api;
use wdt::runtime::Clock;
use wdt::wms::stockout::sales::search_cancel::Params;
use wdt_sandbox::{DEMO_KEY, DEMO_SID, Sandbox, SandboxConfig};

const METHOD: &str = "wms.stockout.Sales.searchCancel";
const START: &str = "2022-10-17 14:00:00";
const END: &str = "2022-10-17 15:00:00";
const ROUNDS: usize = 3;
const REQUIRED_RATIO: f64 = 0.9;

/// The minimal client: what a user would write by hand from PROTOCOL.md.
struct HandWritten {
    http: reqwest::Client,
    url: String,
    secret: String,
    salt: String,
}

impl HandWritten {
    async fn search_cancel(&self) -> usize {
        let body = format!(r#"[{{"start_time":"{START}","end_time":"{END}"}}]"#);
        let timestamp = (wdt::SystemClock.unix_seconds() - 1_325_347_200).to_string();
        let mut md5 = Md5::new();
        for part in [
            self.secret.as_str(),
            "body",
            &body,
            "calc_total1key",
            DEMO_KEY,
            "method",
            METHOD,
            "page_no0page_size100salt",
            &self.salt,
            "sid",
            DEMO_SID,
            "timestamp",
            &timestamp,
            "v1.0",
            &self.secret,
        ] {
            md5.update(part);
        }
        let mut sign = String::with_capacity(32);
        for byte in md5.finalize() {
            let _ = write!(sign, "{byte:02x}");
        }
        let url = format!(
            "{}?sid={DEMO_SID}&key={DEMO_KEY}&salt={}&method={METHOD}&v=1.0&timestamp={timestamp}&page_size=100&page_no=0&calc_total=1&sign={sign}",
            self.url, self.salt
        );
        let reply = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("a reply");
        let bytes = reply.bytes().await.expect("a body");
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(value["status"], 0, "{value}");
        value["data"]["order_list"].as_array().map_or(0, Vec::len)
    }
}

/// Calls per second of `call`, run by `tasks` concurrent loops for `secs`.
async fn rate<F, Fut>(tasks: usize, secs: Duration, call: F) -> f64
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = usize> + Send,
{
    let call = Arc::new(call);
    let started = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..tasks {
        let call = Arc::clone(&call);
        handles.push(tokio::spawn(async move {
            let mut calls = 0u64;
            while started.elapsed() < secs {
                assert_eq!(call().await, 2);
                calls += 1;
            }
            calls
        }));
    }
    let mut total = 0;
    for handle in handles {
        total += handle.await.expect("a benchmark task");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let secs = Duration::from_secs_f64(
        std::env::var("BENCH_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(2.0),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let passed = runtime.block_on(async {
        let config = SandboxConfig::default();
        let (secret, salt) = (config.wdt.secret().to_owned(), config.wdt.salt().to_owned());
        let sandbox = Sandbox::start(config).await.expect("the sandbox starts");
        let typed = sandbox.wdt_client().build().expect("a client");
        let hand = Arc::new(HandWritten {
            http: reqwest::Client::builder()
                .no_proxy()
                .tcp_nodelay(true)
                .build()
                .expect("a reqwest client"),
            url: sandbox.wdt_url(),
            secret,
            salt,
        });
        let window = Params::new(
            wdt::runtime::wire::parse_datetime(START).expect("a datetime"),
            wdt::runtime::wire::parse_datetime(END).expect("a datetime"),
        );
        println!("sandbox on {}, {METHOD}, {secs:?} per round, best of {ROUNDS}", sandbox.addr());
        let mut passed = true;
        for tasks in [1, 4] {
            let (mut best_typed, mut best_hand) = (0f64, 0f64);
            for _ in 0..ROUNDS {
                let (client, params) = (typed.clone(), window.clone());
                best_typed = best_typed.max(
                    rate(tasks, secs, move || {
                        let (client, params) = (client.clone(), params.clone());
                        async move {
                            let page = client
                                .wms()
                                .stockout()
                                .sales()
                                .search_cancel(params, 0, 100)
                                .await
                                .expect("a page");
                            page.items.len()
                        }
                    })
                    .await,
                );
                let hand = Arc::clone(&hand);
                best_hand = best_hand.max(
                    rate(tasks, secs, move || {
                        let hand = Arc::clone(&hand);
                        async move { hand.search_cancel().await }
                    })
                    .await,
                );
            }
            let ratio = best_typed / best_hand;
            println!(
                "{tasks} in flight: typed client {best_typed:.0} calls/s, hand-written reqwest+md5 {best_hand:.0} calls/s, ratio {ratio:.3}"
            );
            passed &= ratio >= REQUIRED_RATIO;
        }
        sandbox.shutdown().await;
        passed
    });
    if passed {
        println!("PASS: the typed client reaches {REQUIRED_RATIO} of the hand-written rate");
    } else {
        println!("FAIL: the typed client is below {REQUIRED_RATIO} of the hand-written rate");
        std::process::exit(1);
    }
}
