//! The JSON-lines sink: one record per line on a writer, and a checkpoint file written
//! after each window's lines are flushed.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::{Job, Record, Sink, SinkError, checkpoint_time, read_checkpoint_time};

/// Records as JSON lines on `out` (stdout for `wdt sync`), with an optional checkpoint
/// file. A window's lines are flushed before its checkpoint is written (through a temporary
/// file, so it is never half written); a crash between the two repeats that window's lines
/// on resume, but never skips one.
#[derive(Debug)]
pub struct JsonLines<W: Write> {
    out: W,
    checkpoint: Option<PathBuf>,
}

/// What a checkpoint file holds: the job it belongs to and how far it got.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Checkpoint {
    method: String,
    from: String,
    to: String,
    args: String,
    /// The end of the last window whose records were all written.
    done_through: Option<String>,
}

impl Checkpoint {
    fn of(job: &Job, done_through: Option<NaiveDateTime>) -> Checkpoint {
        Checkpoint {
            method: job.method.clone(),
            from: checkpoint_time(job.from),
            to: checkpoint_time(job.to),
            args: job.args.clone(),
            done_through: done_through.map(checkpoint_time),
        }
    }
}

impl<W: Write> JsonLines<W> {
    /// Lines on `out`; finished windows are remembered in `checkpoint` when given.
    pub fn new(out: W, checkpoint: Option<PathBuf>) -> Self {
        JsonLines { out, checkpoint }
    }
}

impl<W: Write> Sink for JsonLines<W> {
    fn done_through(&mut self, job: &Job) -> Result<Option<NaiveDateTime>, SinkError> {
        let Some(path) = &self.checkpoint else {
            return Ok(None);
        };
        let Some(saved) = load(path)? else {
            return Ok(None);
        };
        let expected = Checkpoint::of(job, None);
        let same = (&saved.method, &saved.from, &saved.to, &saved.args)
            == (
                &expected.method,
                &expected.from,
                &expected.to,
                &expected.args,
            );
        if !same {
            return Err(SinkError::Checkpoint(format!(
                "{} belongs to another sync ({} from {} to {}); remove it or choose another file",
                path.display(),
                saved.method,
                saved.from,
                saved.to
            )));
        }
        saved
            .done_through
            .map(|text| read_checkpoint_time(&text, &path.display().to_string()))
            .transpose()
    }

    fn commit(
        &mut self,
        job: &Job,
        window_end: NaiveDateTime,
        records: &[Record],
    ) -> Result<(), SinkError> {
        for record in records {
            writeln!(self.out, "{}", record.json)?;
        }
        self.out.flush()?;
        if let Some(path) = &self.checkpoint {
            save(path, &Checkpoint::of(job, Some(window_end)))?;
        }
        Ok(())
    }
}

fn load(path: &Path) -> Result<Option<Checkpoint>, SinkError> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            SinkError::Checkpoint(format!("{} is not a checkpoint: {e}", path.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(SinkError::Io(e)),
    }
}

fn save(path: &Path, checkpoint: &Checkpoint) -> Result<(), SinkError> {
    let text = serde_json::to_string_pretty(checkpoint)
        .map_err(|e| SinkError::Checkpoint(e.to_string()))?;
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)?;
    Ok(())
}
