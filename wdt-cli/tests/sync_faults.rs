//! `wdt sync --into sqlite:` under faults: 10% injected 503s, dropped connections and
//! rate-limit replies, and the process killed with SIGKILL mid-run. Runs again until one
//! succeeds (each resumes from the file's checkpoint); the file then holds every seeded
//! record exactly once.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Running, stderr};
use wdt_sandbox::{Fault, FaultPlan, FaultRule, SandboxConfig, SeedOptions};

const METHOD: &str = "wms.stockout.Sales.searchCancel";
const RECORDS: u32 = 4000;

fn t(text: &str) -> wdt::chrono::NaiveDateTime {
    wdt::runtime::wire::parse_datetime(text).unwrap()
}

fn faults() -> FaultPlan {
    let every_call = |fault| FaultRule::always(fault).for_method(METHOD);
    FaultPlan {
        seed: 7,
        rules: vec![
            every_call(Fault::Latency { ms: 15 }),
            every_call(Fault::HttpStatus { status: 503 }).with_probability(0.1),
            every_call(Fault::Drop).with_probability(0.1),
            every_call(Fault::RateLimit).with_probability(0.1),
        ],
    }
}

/// (rows, distinct ids, checkpoint) of the sync file.
fn stored(path: &std::path::Path) -> (u64, u64, Option<String>) {
    let db = rusqlite::Connection::open(path).unwrap();
    let counts = db
        .query_row(
            &format!("SELECT COUNT(*), COUNT(DISTINCT id) FROM \"{METHOD}\""),
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap_or((0, 0));
    let checkpoint = db
        .query_row("SELECT done_through FROM wdt_sync_checkpoint", [], |row| {
            row.get(0)
        })
        .ok();
    (counts.0, counts.1, checkpoint)
}

#[test]
fn a_killed_sync_resumes_to_every_record_exactly_once() {
    let sandbox = Running::start_with(SandboxConfig {
        seed: Some(SeedOptions {
            seed: 3,
            cancelled_stockouts: RECORDS,
            from: t("2026-11-23 00:00:00"),
            to: t("2026-11-23 23:59:59"),
        }),
        faults: faults(),
        ..SandboxConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sync.db");
    let args = {
        let mut args: Vec<String> = [
            "sync",
            METHOD,
            "--from",
            "2026-11-23 00:00:00",
            "--to",
            "2026-11-23 23:59:59",
            "--page-size",
            "100",
            "--concurrency",
            "4",
            "--rate-limit-pause",
            "0.05",
            "--quiet",
            "--into",
        ]
        .map(String::from)
        .to_vec();
        args.push(format!("sqlite:{}", db.display()));
        args
    };
    let sync = || {
        let mut cmd = sandbox.wdt();
        cmd.args(&args);
        cmd
    };

    // First run: killed as soon as a window is stored.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wdt"))
        .env_clear()
        .envs(sandbox.env())
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while db.exists().then(|| stored(&db).2).flatten().is_none() {
        assert!(Instant::now() < deadline, "no window stored in 60 s");
        assert!(child.try_wait().unwrap().is_none(), "the sync ended early");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (rows, _, checkpoint) = stored(&db);
    let checkpoint = checkpoint.unwrap();
    assert!(
        checkpoint.as_str() < "2026-11-23 23:59:59" && (rows as u32) < RECORDS,
        "killed mid-run: {rows} rows through {checkpoint}"
    );

    // Then runs until one finishes: a window whose retries are spent stops a run, and the
    // next resumes after the last stored window.
    let mut runs = 0;
    loop {
        runs += 1;
        let output = sync().output().unwrap();
        if output.status.success() {
            break;
        }
        assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
        assert!(runs < 20, "no run finished: {}", stderr(&output));
    }
    let (rows, distinct, checkpoint) = stored(&db);
    eprintln!("killed once, then {runs} run(s) to the end: {rows} rows, {distinct} ids");
    assert_eq!(
        (rows, distinct),
        (u64::from(RECORDS), u64::from(RECORDS)),
        "every record exactly once after {runs} resumed run(s)"
    );
    assert_eq!(checkpoint.as_deref(), Some("2026-11-23 23:59:59"));
}
