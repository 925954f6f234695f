//! The SQLite sink: one table per method, upserts by id, the checkpoint in the same
//! transaction as its window's rows.

use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Job, Record, Sink, SinkError, checkpoint_time, read_checkpoint_time};

/// The checkpoints of every job stored in the file.
const CHECKPOINTS: &str = "wdt_sync_checkpoint";

/// Records in a SQLite file: a table named after the method (`"wms.stockout.Sales.searchCancel"`)
/// with columns `id`, `modified` and `record` (the JSON), and a `wdt_sync_checkpoint` table.
///
/// A window's rows and its checkpoint are written in one transaction: after a crash the
/// file holds every window up to the checkpoint, and nothing of the window that was being
/// written. Rows with the same id replace each other (a record changed again, seen in a
/// later window, keeps its latest state); records without an id are appended.
#[derive(Debug)]
pub struct SqliteSink {
    connection: Connection,
}

impl SqliteSink {
    /// Opens (or creates) the database file.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteSink, SinkError> {
        let connection = Connection::open(path)?;
        // WAL: a reader (the user's own program) can query while a sync writes; the log
        // is synced at each commit, so a killed process loses no committed window.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.execute_batch(&format!(
            "CREATE TABLE IF NOT EXISTS {CHECKPOINTS} (
                 method TEXT NOT NULL,
                 args TEXT NOT NULL,
                 range_from TEXT NOT NULL,
                 range_to TEXT NOT NULL,
                 done_through TEXT NOT NULL,
                 PRIMARY KEY (method, args, range_from, range_to)
             );"
        ))?;
        Ok(SqliteSink { connection })
    }

    /// The open connection, to query what a sync stored.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    fn table(method: &str) -> String {
        format!("\"{}\"", method.replace('"', "\"\""))
    }
}

impl Sink for SqliteSink {
    fn done_through(&mut self, job: &Job) -> Result<Option<NaiveDateTime>, SinkError> {
        let saved: Option<String> = self
            .connection
            .query_row(
                &format!(
                    "SELECT done_through FROM {CHECKPOINTS}
                     WHERE method = ?1 AND args = ?2 AND range_from = ?3 AND range_to = ?4"
                ),
                params![
                    job.method,
                    job.args,
                    checkpoint_time(job.from),
                    checkpoint_time(job.to)
                ],
                |row| row.get(0),
            )
            .optional()?;
        saved
            .map(|text| read_checkpoint_time(&text, CHECKPOINTS))
            .transpose()
    }

    fn commit(
        &mut self,
        job: &Job,
        window_end: NaiveDateTime,
        records: &[Record],
    ) -> Result<(), SinkError> {
        let table = Self::table(&job.method);
        let transaction = self.connection.transaction()?;
        transaction.execute_batch(&format!(
            "CREATE TABLE IF NOT EXISTS {table} (
                 id TEXT PRIMARY KEY,
                 modified TEXT,
                 record TEXT NOT NULL
             );"
        ))?;
        {
            let mut upsert = transaction.prepare_cached(&format!(
                "INSERT INTO {table} (id, modified, record) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, record = excluded.record"
            ))?;
            for record in records {
                upsert.execute(params![record.id, record.modified, record.json])?;
            }
        }
        transaction.execute(
            &format!(
                "INSERT INTO {CHECKPOINTS} (method, args, range_from, range_to, done_through)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (method, args, range_from, range_to)
                 DO UPDATE SET done_through = excluded.done_through"
            ),
            params![
                job.method,
                job.args,
                checkpoint_time(job.from),
                checkpoint_time(job.to),
                checkpoint_time(window_end)
            ],
        )?;
        transaction.commit()?;
        Ok(())
    }
}
