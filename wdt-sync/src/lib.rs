//! Sync jobs: every record of a windowed query over a time range, stored window by window
//! so that a job stopped at any instant resumes without losing or repeating a window.
//!
//! A [`Job`] names the method, its other arguments and the range. Windows come from the
//! runtime's window scan (`WdtClient::scan_windows_with`, or `scan_windows_by` for JSON
//! records), which yields them in time order even when it reads several at once. [`drain`]
//! hands each window to a [`Sink`], whose [`Sink::commit`] stores the window's records and
//! moves the job's checkpoint past it. [`SqliteSink`] does both in one transaction, so a
//! crash loses nothing and duplicates nothing; [`JsonLines`] writes lines and then a
//! checkpoint file, so a crash between the two repeats that one window's lines.
//!
//! ```no_run
//! # async fn run(client: wdt_runtime::WdtClient, job: wdt_sync::Job,
//! #     windows: Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)>) -> Result<(), wdt_sync::SyncError> {
//! use std::ops::ControlFlow;
//! use wdt_sync::{RecordFields, Sink, SqliteSink};
//!
//! let mut sink = SqliteSink::open("orders.db")?;
//! let done = sink.done_through(&job)?;
//! let windows = wdt_sync::remaining(windows, done);
//! # let batches = futures_util::stream::empty();
//! // `batches`: the runtime's window scan over `windows`, records as JSON.
//! let fields = RecordFields { id: Some("stockout_id"), modified: Some("modified") };
//! let summary = wdt_sync::drain(batches, &job, fields, &mut sink, |_| ControlFlow::Continue(())).await?;
//! println!("{} records in {} windows", summary.records, summary.windows);
//! # Ok(()) }
//! ```

mod jsonl;
mod sqlite;

use std::ops::ControlFlow;

use chrono::NaiveDateTime;
use futures_util::{Stream, StreamExt};
use serde_json::Value;
use wdt_runtime::WindowBatch;

pub use jsonl::JsonLines;
pub use sqlite::SqliteSink;

/// One sync: a method, its other arguments and the range it covers. A checkpoint belongs
/// to exactly one job; resuming with other arguments or another range is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub method: String,
    /// The arguments besides the window (JSON text, as the caller gave them).
    pub args: String,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

/// Which fields of a record a sink stores beside it (the spec's `[paging]` `id` and
/// `modified`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordFields {
    pub id: Option<&'static str>,
    pub modified: Option<&'static str>,
}

/// One record as a sink stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The record's id as text; rows with the same id replace each other.
    pub id: Option<String>,
    /// Its modification time as the vendor sent it.
    pub modified: Option<String>,
    pub json: String,
}

impl Record {
    /// The record of a JSON value, its id and modification time read from `fields`.
    pub fn new(value: &Value, fields: RecordFields) -> Record {
        let text = |field: Option<&str>| {
            field.and_then(|f| value.get(f)).and_then(|v| match v {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            })
        };
        Record {
            id: text(fields.id),
            modified: text(fields.modified),
            json: value.to_string(),
        }
    }
}

/// Where a job's records go.
pub trait Sink {
    /// The end of the last window this job committed, `None` when it has not started.
    /// A checkpoint of another job under the same name is an error.
    fn done_through(&mut self, job: &Job) -> Result<Option<NaiveDateTime>, SinkError>;

    /// Stores one window's records and moves the job's checkpoint to `window_end`.
    /// Implementations make this all or nothing where their storage allows it.
    fn commit(
        &mut self,
        job: &Job,
        window_end: NaiveDateTime,
        records: &[Record],
    ) -> Result<(), SinkError>;
}

/// Why a sink could not read its checkpoint or store a window.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The checkpoint is unreadable or belongs to another job.
    #[error("{0}")]
    Checkpoint(String),
}

/// How checkpoints write times (`yyyy-MM-dd HH:mm:ss`, as the vendor does).
const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// A time as a checkpoint stores it.
fn checkpoint_time(at: NaiveDateTime) -> String {
    at.format(TIME_FORMAT).to_string()
}

/// A checkpoint's time read back; `whence` names the checkpoint in the error.
fn read_checkpoint_time(text: &str, whence: &str) -> Result<NaiveDateTime, SinkError> {
    NaiveDateTime::parse_from_str(text, TIME_FORMAT)
        .map_err(|e| SinkError::Checkpoint(format!("{whence}: time '{text}' is unreadable: {e}")))
}

/// Why a job stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// A window's calls failed; the windows before it are stored, through `stored_through`
    /// (`None`: no window of this run was stored).
    #[error("{source} (windows stored through {}; run again to resume)", stored_through.map_or("none of this run".to_owned(), |t| t.to_string()))]
    Window {
        stored_through: Option<NaiveDateTime>,
        source: wdt_runtime::Error,
    },
    #[error(transparent)]
    Sink(#[from] SinkError),
}

/// What a job did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub windows: u64,
    pub records: u64,
    /// Pages requested (retries not counted).
    pub calls: u64,
    /// Whether `on_window` stopped the job before its last window.
    pub interrupted: bool,
}

/// The planned windows that end after `done_through`: what a resumed job still has to read.
pub fn remaining(
    windows: Vec<(NaiveDateTime, NaiveDateTime)>,
    done_through: Option<NaiveDateTime>,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    windows
        .into_iter()
        .filter(|(_, end)| done_through.is_none_or(|done| *end > done))
        .collect()
}

/// Commits each window of `batches` to `sink`, in order, then calls `on_window` with it;
/// `ControlFlow::Break` stops after that window (it is stored). A failed window stops the
/// job with the windows before it stored.
pub async fn drain<S: Sink + ?Sized>(
    batches: impl Stream<Item = Result<WindowBatch<Value>, wdt_runtime::Error>>,
    job: &Job,
    fields: RecordFields,
    sink: &mut S,
    mut on_window: impl FnMut(&WindowBatch<Value>) -> ControlFlow<()>,
) -> Result<Summary, SyncError> {
    let mut batches = std::pin::pin!(batches);
    let mut summary = Summary::default();
    let mut stored_through = None;
    while let Some(batch) = batches.next().await {
        let batch = batch.map_err(|source| SyncError::Window {
            stored_through,
            source,
        })?;
        let records: Vec<Record> = batch.items.iter().map(|v| Record::new(v, fields)).collect();
        sink.commit(job, batch.end, &records)?;
        summary.windows += 1;
        summary.records += records.len() as u64;
        summary.calls += u64::from(batch.calls);
        stored_through = Some(batch.end);
        tracing::debug!(start = %batch.start, end = %batch.end, records = records.len(), "window stored");
        if on_window(&batch).is_break() {
            summary.interrupted = true;
            break;
        }
    }
    Ok(summary)
}
