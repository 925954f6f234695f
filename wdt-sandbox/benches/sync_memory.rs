//! Peak memory of an incremental sync of 100,000 cancelled stockouts (a day of one-hour
//! windows, page size 1000, `WdtClient::scan_windows`) with the sandbox in the same process.
//! The records are streamed window by window and only marked in a bitmap, never collected:
//! the peak (VmHWM) must stay flat across windows and under 50 MB.
//!
//! `cargo bench -p wdt-sandbox --bench sync_memory` (release; Linux, reads /proc/self/status).

mod support;

use std::time::Instant;

use futures_util::StreamExt;
use support::status_kb;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt_sandbox::{Sandbox, SandboxConfig, SeedOptions};

const RECORDS: u32 = 100_000;
const FIRST_ID: i32 = 10_000_001;
const LIMIT_KB: u64 = 50 * 1024;

fn mb(kb: Option<u64>) -> String {
    kb.map_or_else(
        || "n/a".to_owned(),
        |kb| format!("{:.1} MB", kb as f64 / 1024.0),
    )
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let peak = runtime.block_on(async {
        let at = |s| wdt::runtime::wire::parse_datetime(s).expect("a datetime");
        let (from, to) = (at("2026-11-22 00:00:00"), at("2026-11-22 23:59:59"));
        println!("before the sandbox: VmHWM {}", mb(status_kb("VmHWM")));
        let sandbox = Sandbox::start(SandboxConfig {
            seed: Some(SeedOptions {
                seed: 2026,
                cancelled_stockouts: RECORDS,
                from,
                to,
            }),
            ..SandboxConfig::default()
        })
        .await
        .expect("the sandbox starts");
        println!(
            "sandbox seeded with {RECORDS} records: VmRSS {}, VmHWM {}",
            mb(status_kb("VmRSS")),
            mb(status_kb("VmHWM"))
        );
        let client = sandbox.wdt_client().build().expect("a client");
        let request = search_cancel::Request {
            params: Params::new(from, from),
        };
        let started = Instant::now();
        let mut seen = vec![0u64; (RECORDS as usize).div_ceil(64)];
        let (mut windows, mut records, mut pages) = (0u32, 0u32, 0u32);
        let mut batches = std::pin::pin!(client.scan_windows(&request, from, to, 1000));
        while let Some(batch) = batches.next().await {
            let batch = batch.expect("a window");
            windows += 1;
            pages += batch.calls;
            for record in &batch.items {
                let slot = usize::try_from(record.stockout_id.expect("seeded records have ids") - FIRST_ID).expect("a seeded id");
                assert_eq!(seen[slot / 64] & (1 << (slot % 64)), 0, "seen twice");
                seen[slot / 64] |= 1 << (slot % 64);
                records += 1;
            }
            if [1, 6, 12, 18, 24].contains(&windows) {
                println!(
                    "after window {windows:2} ({records:6} records): VmHWM {}",
                    mb(status_kb("VmHWM"))
                );
            }
        }
        let elapsed = started.elapsed();
        assert_eq!(records, RECORDS, "every record once");
        println!(
            "synced {records} records in {windows} windows, {pages} pages, {:.2} s ({:.0} records/s)",
            elapsed.as_secs_f64(),
            f64::from(records) / elapsed.as_secs_f64()
        );
        sandbox.shutdown().await;
        status_kb("VmHWM")
    });
    println!(
        "peak resident memory (VmHWM) of the whole process: {}",
        mb(peak)
    );
    match peak {
        Some(kb) if kb > LIMIT_KB => {
            println!("FAIL: above 50 MB");
            std::process::exit(1);
        }
        Some(_) => println!("PASS: under 50 MB"),
        None => println!("no /proc/self/status on this system: peak not measured"),
    }
}
