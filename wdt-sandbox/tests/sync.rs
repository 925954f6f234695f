//! An incremental sync of 100,000 cancelled stockouts over a day of one-hour windows, with
//! faults in about 10% of the calls, sees every record exactly once.

mod common;

use common::{datetime, quick_retries, start};
use futures_util::StreamExt;
use wdt::Endpoint;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt_sandbox::{Fault, FaultPlan, FaultRule, SandboxConfig, SeedOptions};

const RECORDS: u32 = 100_000;
/// First id of generated stockouts (see `Erp::seed`).
const FIRST_ID: i32 = 10_000_001;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_of_windows_returns_every_record_once_despite_faults() {
    let (from, to) = (
        datetime("2026-11-22 00:00:00"),
        datetime("2026-11-22 23:59:59"),
    );
    // Three transient faults of about 3.4% each: about 10% of calls fail.
    let transient = [
        Fault::HttpStatus { status: 503 },
        Fault::Drop,
        Fault::RateLimit,
    ];
    let sandbox = start(SandboxConfig {
        seed: Some(SeedOptions {
            seed: 2026,
            cancelled_stockouts: RECORDS,
            from,
            to,
        }),
        faults: FaultPlan {
            seed: 99,
            rules: transient
                .into_iter()
                .map(|fault| FaultRule::always(fault).with_probability(0.034))
                .collect(),
        },
        ..SandboxConfig::default()
    })
    .await;
    let client = sandbox
        .wdt_client()
        .retry(quick_retries(8))
        .build()
        .unwrap();

    let request = search_cancel::Request {
        params: Params::new(from, from),
    };
    let mut seen = vec![false; RECORDS as usize];
    let (mut windows, mut pages, mut records) = (0, 0, 0);
    let mut batches = std::pin::pin!(client.scan_windows(&request, from, to, 1000));
    while let Some(batch) = batches.next().await {
        let batch = batch.expect("every window is read despite the faults");
        windows += 1;
        pages += batch.calls;
        for record in batch.items {
            assert!(
                record
                    .modified
                    .is_some_and(|m| batch.start <= m && m <= batch.end),
                "in its window"
            );
            let id = record.stockout_id.expect("seeded records have ids");
            let slot = usize::try_from(id - FIRST_ID).expect("a seeded id");
            assert!(!seen[slot], "{id} seen twice");
            seen[slot] = true;
            records += 1;
        }
    }
    assert_eq!(windows, 24);
    assert_eq!(records, RECORDS as usize);
    assert!(seen.iter().all(|&s| s), "every record seen");
    let calls = sandbox.calls(search_cancel::Request::METHOD);
    let failed = calls - u64::from(pages);
    assert!(
        failed * 100 >= u64::from(pages) * 5,
        "faults fired: {failed} failed calls for {pages} pages"
    );
}
