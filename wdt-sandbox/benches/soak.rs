//! A soak of the sandbox: 64 concurrent clients for 60 s (`SOAK_SECS` to change it) mixing
//! valid calls, invalid ones, tampered signatures, stale timestamps and slow senders, on
//! loopback. Every valid call must be answered correctly and every bad one refused with the
//! right refusal; resident memory is sampled as it runs. Prints calls/s and p99 latency by
//! kind and the peak resident memory; exits 1 on any wrong answer.
//!
//! `cargo bench -p wdt-sandbox --bench soak` (release; Linux, reads /proc/self/status).

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use support::status_kb;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wdt::runtime::error::Error;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{FixedClock, Pager, RetryPolicy};
use wdt_sandbox::{Sandbox, SandboxConfig};

const CLIENTS: usize = 64;
const READ_TIMEOUT: Duration = Duration::from_millis(500);
const KINDS: [&str; 5] = ["valid", "invalid", "tampered", "stale", "slow"];

/// Per kind: latencies of the calls, and how many got a wrong answer; the first wrong
/// answers seen.
#[derive(Default)]
struct Tally {
    latencies: Vec<Vec<Duration>>,
    wrong: Vec<u64>,
    examples: Vec<String>,
}

/// `(start, end)` of a valid one-hour window.
fn window() -> search_cancel::Request {
    let at = |s| wdt::runtime::wire::parse_datetime(s).expect("a datetime");
    search_cancel::Request {
        params: Params::new(at("2026-11-22 10:00:00"), at("2026-11-22 10:59:59")),
    }
}

/// One call of `kind`: `Ok` when the answer was the right one, else what came instead.
async fn call(kind: usize, sandbox: &Sandbox, clients: &Clients) -> Result<(), String> {
    let pager = Some(Pager {
        page_no: 0,
        page_size: 20,
        calc_total: true,
    });
    let method = "wms.stockout.Sales.searchCancel";
    let body = || serde_json::to_vec(&window()).expect("a body");
    let expect = |right: bool, got: &dyn std::fmt::Debug| {
        if right {
            Ok(())
        } else {
            Err(format!("{}: {got:?}", KINDS[kind]))
        }
    };
    match KINDS[kind] {
        "valid" => {
            let got = clients.good.call_page(&window(), 0, 20).await;
            expect(got.is_ok(), &got.err())
        }
        "invalid" => {
            let got = clients
                .good
                .call_raw(method, &[], b"[{}]".to_vec(), pager, true)
                .await;
            expect(matches!(got, Err(Error::Api { status: 1, .. })), &got.err())
        }
        "tampered" => {
            let got = clients
                .wrong_secret
                .call_raw(method, &[], body(), pager, true)
                .await;
            let right = matches!(&got, Err(Error::Api { status: 1, message, .. }) if message.contains("签名错误"));
            expect(right, &got.err())
        }
        "stale" => {
            let got = clients
                .stale
                .call_raw(method, &[], body(), pager, true)
                .await;
            expect(matches!(got, Err(Error::Api { status: 7, .. })), &got.err())
        }
        _ => {
            let got = slow_sender(sandbox).await;
            expect(got, &"no refusal after the read timeout")
        }
    }
}

/// Headers promising 100 bytes, one byte, then silence: refused after the read timeout.
async fn slow_sender(sandbox: &Sandbox) -> bool {
    let Ok(mut stream) = tokio::net::TcpStream::connect(sandbox.addr()).await else {
        return false;
    };
    let head = b"POST /openapi HTTP/1.1\r\nhost: sandbox\r\ncontent-length: 100\r\n\r\n[";
    if stream.write_all(head).await.is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let read = tokio::time::timeout(READ_TIMEOUT * 4, stream.read_to_end(&mut answer)).await;
    read.is_ok() && String::from_utf8_lossy(&answer).contains("not received within")
}

struct Clients {
    good: wdt::WdtClient,
    wrong_secret: wdt::WdtClient,
    stale: wdt::WdtClient,
}

fn p99(latencies: &mut [Duration]) -> Duration {
    latencies.sort();
    latencies
        .get((latencies.len() * 99 / 100).min(latencies.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

fn main() {
    let secs: u64 = std::env::var("SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let (tally, samples) = runtime.block_on(async move {
        let sandbox = Arc::new(
            Sandbox::start(SandboxConfig {
                read_timeout: READ_TIMEOUT,
                ..SandboxConfig::default()
            })
            .await
            .expect("the sandbox starts"),
        );
        let once = RetryPolicy::none();
        let clients = Arc::new(Clients {
            good: sandbox
                .wdt_client()
                .retry(once.clone())
                .build()
                .expect("a client"),
            wrong_secret: sandbox
                .wdt_client()
                .app_secret(&format!(
                    "wrong:{}",
                    wdt_sandbox::DEMO_APP_SECRET.split(':').nth(1).unwrap_or("")
                ))
                .retry(once.clone())
                .build()
                .expect("a client"),
            stale: sandbox
                .wdt_client()
                .clock(Arc::new(FixedClock::new(1_700_000_000)))
                .retry(once)
                .build()
                .expect("a client"),
        });
        let deadline = Instant::now() + Duration::from_secs(secs);
        let sampler = tokio::spawn(async move {
            let mut samples = Vec::new();
            while Instant::now() < deadline {
                samples.push(status_kb("VmRSS").unwrap_or(0));
                tokio::time::sleep(Duration::from_secs(5).min(Duration::from_secs(secs))).await;
            }
            samples
        });
        let mut tasks = Vec::new();
        for client in 0..CLIENTS {
            let (sandbox, clients) = (Arc::clone(&sandbox), Arc::clone(&clients));
            tasks.push(tokio::spawn(async move {
                let mut tally = Tally {
                    latencies: vec![Vec::new(); KINDS.len()],
                    wrong: vec![0; KINDS.len()],
                    examples: Vec::new(),
                };
                let mut kind = client % KINDS.len();
                while Instant::now() < deadline {
                    let started = Instant::now();
                    let answer = call(kind, &sandbox, &clients).await;
                    tally.latencies[kind].push(started.elapsed());
                    if let Err(wrong) = answer {
                        tally.wrong[kind] += 1;
                        if tally.examples.len() < 3 {
                            tally.examples.push(wrong);
                        }
                    }
                    kind = (kind + 1) % KINDS.len();
                }
                tally
            }));
        }
        let mut total = Tally {
            latencies: vec![Vec::new(); KINDS.len()],
            wrong: vec![0; KINDS.len()],
            examples: Vec::new(),
        };
        for task in tasks {
            let tally = task.await.expect("a client task");
            for kind in 0..KINDS.len() {
                total.latencies[kind].extend(&tally.latencies[kind]);
                total.wrong[kind] += tally.wrong[kind];
            }
            total.examples.extend(tally.examples);
        }
        let samples = sampler.await.expect("the sampler");
        if let Ok(sandbox) = Arc::try_unwrap(sandbox) {
            sandbox.shutdown().await;
        }
        (total, samples)
    });
    println!("{CLIENTS} clients for {secs} s\n");
    println!("| kind | calls | calls/s | wrong answers | p99 latency |");
    println!("| --- | --- | --- | --- | --- |");
    let mut tally = tally;
    let mut wrong = 0;
    for (kind, name) in KINDS.iter().enumerate() {
        let calls = tally.latencies[kind].len();
        wrong += tally.wrong[kind];
        println!(
            "| {name} | {calls} | {:.0} | {} | {:.1} ms |",
            calls as f64 / secs as f64,
            tally.wrong[kind],
            p99(&mut tally.latencies[kind]).as_secs_f64() * 1000.0
        );
    }
    let mb = |kb: u64| format!("{:.1} MB", kb as f64 / 1024.0);
    let shown: Vec<String> = samples.iter().map(|kb| mb(*kb)).collect();
    println!("\nresident memory every 5 s: {}", shown.join(", "));
    println!(
        "peak resident memory (VmHWM): {}",
        status_kb("VmHWM").map_or("n/a".to_owned(), mb)
    );
    if wrong > 0 {
        println!("FAIL: {wrong} wrong answers, for example:");
        for example in tally.examples.iter().take(10) {
            println!("  {example}");
        }
        std::process::exit(1);
    }
}
