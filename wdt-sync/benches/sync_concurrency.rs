//! Wall time of a day's sync into SQLite at concurrency 1, 4 and 8, against the sandbox
//! with 50 ms latency per call (24,000 cancelled stockouts, page size 100), next to the
//! ideal (calls × latency ÷ concurrency); then peak memory of a 100,000-record sync into
//! SQLite. The sandbox runs in the same process.
//!
//! `cargo bench -p wdt-sync --bench sync_concurrency` (release; Linux, reads /proc/self/status).

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{ScanOptions, WindowBatch};
use wdt_sandbox::{Fault, FaultPlan, FaultRule, Sandbox, SandboxConfig, SeedOptions};
use wdt_sync::{Job, RecordFields, SqliteSink};

const LATENCY_MS: u64 = 50;

/// The peak resident set of the process (VmHWM), in kB.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

struct Run {
    records: u64,
    calls: u64,
    elapsed: Duration,
}

/// One sync of `records` seeded records over a day into a fresh SQLite file.
async fn sync(records: u32, latency_ms: Option<u64>, concurrency: usize) -> Run {
    let at = |s| wdt::runtime::wire::parse_datetime(s).expect("a datetime");
    let (from, to) = (at("2026-11-22 00:00:00"), at("2026-11-22 23:59:59"));
    let faults = FaultPlan {
        seed: 1,
        rules: latency_ms
            .map(|ms| FaultRule::always(Fault::Latency { ms }))
            .into_iter()
            .collect(),
    };
    let sandbox = Sandbox::start(SandboxConfig {
        seed: Some(SeedOptions {
            seed: 2026,
            cancelled_stockouts: records,
            from,
            to,
        }),
        faults,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let client = sandbox.wdt_client().build().expect("a client");
    let dir = tempfile::tempdir().expect("a scratch directory");
    let mut sink = SqliteSink::open(dir.path().join("sync.db")).expect("a database");
    let request = search_cancel::Request {
        params: Params::new(from, from),
    };
    let job = Job {
        method: "wms.stockout.Sales.searchCancel".into(),
        args: "[{}]".into(),
        from,
        to,
    };
    let fields = RecordFields {
        id: Some("stockout_id"),
        modified: Some("modified"),
    };
    let started = Instant::now();
    let batches = client
        .scan_windows_with(
            &request,
            from,
            to,
            ScanOptions::new(100).concurrency(concurrency),
        )
        .map(|batch| {
            batch.map(|b| WindowBatch {
                start: b.start,
                end: b.end,
                calls: b.calls,
                items: b
                    .items
                    .iter()
                    .map(|r| serde_json::to_value(r).expect("records are JSON"))
                    .collect(),
            })
        });
    let summary = wdt_sync::drain(batches, &job, fields, &mut sink, |_| {
        ControlFlow::Continue(())
    })
    .await
    .expect("the sync finishes");
    let elapsed = started.elapsed();
    let stored: u64 = sink
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM \"wms.stockout.Sales.searchCancel\"",
            [],
            |row| row.get(0),
        )
        .expect("a count");
    assert_eq!(stored, u64::from(records), "every record stored once");
    sandbox.shutdown().await;
    Run {
        records: summary.records,
        calls: summary.calls,
        elapsed,
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        println!("| concurrency | records | calls | wall time | ideal (calls × {LATENCY_MS} ms ÷ concurrency) | speed-up |");
        println!("| --- | --- | --- | --- | --- | --- |");
        let mut sequential = None;
        for concurrency in [1usize, 4, 8] {
            let run = sync(24_000, Some(LATENCY_MS), concurrency).await;
            let ideal = Duration::from_millis(run.calls * LATENCY_MS / concurrency as u64);
            let base = *sequential.get_or_insert(run.elapsed);
            println!(
                "| {concurrency} | {} | {} | {:.2} s | {:.2} s | {:.1}× |",
                run.records,
                run.calls,
                run.elapsed.as_secs_f64(),
                ideal.as_secs_f64(),
                base.as_secs_f64() / run.elapsed.as_secs_f64()
            );
        }
        let run = sync(100_000, None, 8).await;
        println!(
            "\n100,000 records into SQLite (no latency, concurrency 8): {} records, {} calls, {:.2} s; peak resident memory (VmHWM) of the process: {}",
            run.records,
            run.calls,
            run.elapsed.as_secs_f64(),
            peak_kb().map_or("n/a".to_owned(), |kb| format!("{:.1} MB", kb as f64 / 1024.0))
        );
    });
}
