//! The sinks: what they store, where a job resumes, and that a checkpoint belongs to one job.

use std::ops::ControlFlow;

use chrono::NaiveDateTime;
use futures_util::stream;
use serde_json::{Value, json};
use wdt_runtime::WindowBatch;
use wdt_sync::{Job, JsonLines, RecordFields, Sink, SinkError, SqliteSink, SyncError};

fn t(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn job() -> Job {
    Job {
        method: "wms.stockout.Sales.searchCancel".into(),
        args: "[{}]".into(),
        from: t("2026-11-23 00:00:00"),
        to: t("2026-11-23 02:59:59"),
    }
}

const FIELDS: RecordFields = RecordFields {
    id: Some("stockout_id"),
    modified: Some("modified"),
};

fn batch(hour: u32, records: Vec<Value>) -> Result<WindowBatch<Value>, wdt_runtime::Error> {
    Ok(WindowBatch {
        start: t(&format!("2026-11-23 {hour:02}:00:00")),
        end: t(&format!("2026-11-23 {hour:02}:59:59")),
        items: records,
        calls: 1,
    })
}

fn record(id: i64, status: i64) -> Value {
    json!({"stockout_id": id, "status": status, "modified": "2026-11-23 00:10:00"})
}

fn rows(sink: &SqliteSink) -> Vec<(String, String, String)> {
    let mut query = sink
        .connection()
        .prepare("SELECT id, modified, record FROM \"wms.stockout.Sales.searchCancel\" ORDER BY id")
        .unwrap();
    query
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn sqlite_upserts_by_id_and_resumes_after_the_last_stored_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sync.db");
    let mut sink = SqliteSink::open(&path).unwrap();
    assert_eq!(sink.done_through(&job()).unwrap(), None);

    // The first window is stored; the second fails: nothing of it may be stored.
    let failure = wdt_runtime::Error::Config("gateway down".into());
    let batches = stream::iter([batch(0, vec![record(1, 5), record(2, 5)]), Err(failure)]);
    let error = wdt_sync::drain(batches, &job(), FIELDS, &mut sink, |_| {
        ControlFlow::Continue(())
    })
    .await
    .unwrap_err();
    assert!(
        matches!(error, SyncError::Window { stored_through: Some(end), .. } if end == t("2026-11-23 00:59:59"))
    );
    assert_eq!(
        sink.done_through(&job()).unwrap(),
        Some(t("2026-11-23 00:59:59"))
    );
    drop(sink);

    // Reopened: the job resumes; record 2 changed again and is seen in a later window.
    let mut sink = SqliteSink::open(&path).unwrap();
    let batches = stream::iter([
        batch(1, vec![record(3, 5), record(2, 10)]),
        batch(2, vec![]),
    ]);
    let summary = wdt_sync::drain(batches, &job(), FIELDS, &mut sink, |_| {
        ControlFlow::Continue(())
    })
    .await
    .unwrap();
    assert_eq!((summary.windows, summary.records), (2, 2));
    assert_eq!(
        sink.done_through(&job()).unwrap(),
        Some(t("2026-11-23 02:59:59"))
    );
    let stored = rows(&sink);
    let ids: Vec<&str> = stored.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"], "one row per id");
    let two: Value = serde_json::from_str(&stored[1].2).unwrap();
    assert_eq!(two["status"], 10, "the latest state of record 2");
    assert_eq!(stored[0].1, "2026-11-23 00:10:00");

    // Another job (other arguments) has its own checkpoint.
    let other = Job {
        args: "[{\"status\":\"5\"}]".into(),
        ..job()
    };
    assert_eq!(sink.done_through(&other).unwrap(), None);
}

#[tokio::test]
async fn a_stop_request_ends_the_job_after_a_stored_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut sink = SqliteSink::open(dir.path().join("sync.db")).unwrap();
    let batches = stream::iter([batch(0, vec![record(1, 5)]), batch(1, vec![record(2, 5)])]);
    let summary = wdt_sync::drain(batches, &job(), FIELDS, &mut sink, |_| {
        ControlFlow::Break(())
    })
    .await
    .unwrap();
    assert!(summary.interrupted);
    assert_eq!(summary.windows, 1);
    assert_eq!(
        sink.done_through(&job()).unwrap(),
        Some(t("2026-11-23 00:59:59"))
    );
}

#[tokio::test]
async fn json_lines_write_records_then_the_checkpoint_of_their_job() {
    let dir = tempfile::tempdir().unwrap();
    let checkpoint = dir.path().join("sync.json");
    let mut out = Vec::new();
    {
        let mut sink = JsonLines::new(&mut out, Some(checkpoint.clone()));
        let batches = stream::iter([batch(0, vec![record(1, 5), record(2, 5)])]);
        wdt_sync::drain(batches, &job(), FIELDS, &mut sink, |_| {
            ControlFlow::Continue(())
        })
        .await
        .unwrap();
        assert_eq!(
            sink.done_through(&job()).unwrap(),
            Some(t("2026-11-23 00:59:59"))
        );
    }
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, [record(1, 5), record(2, 5)]);

    let mut elsewhere = JsonLines::new(std::io::sink(), Some(checkpoint));
    let other = Job {
        to: t("2026-11-24 00:00:00"),
        ..job()
    };
    let refused = elsewhere.done_through(&other).unwrap_err();
    assert!(
        matches!(&refused, SinkError::Checkpoint(m) if m.contains("belongs to another sync")),
        "{refused}"
    );
}
