//! `wdt sync`: every record of a windowed query over a range, as JSON lines.
//!
//! The range is walked in the spec's windows (see `wdt::runtime::paging`), each window
//! paged from its last page back. A window's records are printed when the whole window is
//! read, then the checkpoint moves past it; Ctrl-C stops after the current window. So a
//! resumed sync neither repeats nor skips a window.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wdt::chrono::NaiveDateTime;
use wdt::runtime::paging::{plan_windows, scan_pages};
use wdt::runtime::wire::{format_datetime, parse_datetime};
use wdt::{EndpointInfo, Pager, PagingInfo, TimeWindowInfo};

use super::call::{default_args, encode, records};
use super::{Failure, config, endpoint, json_arg, runtime};
use crate::cli::SyncArgs;

/// What a checkpoint file holds: the sync it belongs to and how far it got.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Checkpoint {
    method: String,
    from: String,
    to: String,
    args: String,
    /// The end of the last window whose records were all printed.
    done_through: Option<String>,
}

pub fn run(args: SyncArgs) -> Result<(), Failure> {
    let info = endpoint(&args.method)?;
    let (Some(paging), Some(window)) = (info.paging, info.scan_window()) else {
        return Err(Failure::usage(format!(
            "{} is not a paged query with a time window; use `wdt call --all`",
            info.method
        )));
    };
    let time = |text: &str| {
        parse_datetime(text)
            .ok_or_else(|| Failure::usage(format!("'{text}' is not a time as yyyy-MM-dd HH:mm:ss")))
    };
    let (from, to) = (time(&args.from)?, time(&args.to)?);
    let json = match &args.args {
        Some(arg) => json_arg(arg)?,
        None => default_args(info),
    };
    let base: Value = serde_json::from_str(&json)
        .map_err(|e| Failure::Refused(format!("--json is not JSON: {e}")))?;
    let page_size = args.page_size.unwrap_or(paging.default_page_size);

    let mut checkpoint = Checkpoint {
        method: info.method.to_owned(),
        from: args.from.clone(),
        to: args.to.clone(),
        args: json.clone(),
        done_through: None,
    };
    if let Some(path) = &args.checkpoint
        && let Some(saved) = load(path)?
    {
        let same = (&saved.method, &saved.from, &saved.to, &saved.args)
            == (
                &checkpoint.method,
                &checkpoint.from,
                &checkpoint.to,
                &checkpoint.args,
            );
        if !same {
            return Err(Failure::usage(format!(
                "{} belongs to another sync ({} from {} to {}); remove it or choose another file",
                path.display(),
                saved.method,
                saved.from,
                saved.to
            )));
        }
        checkpoint.done_through = saved.done_through;
    }
    let done_through = checkpoint.done_through.as_deref().map(time).transpose()?;
    let windows: Vec<(NaiveDateTime, NaiveDateTime)> =
        plan_windows(from, to, window.max_span_secs, window.ends)
            .into_iter()
            .filter(|(_, end)| done_through.is_none_or(|done| *end > done))
            .collect();

    let stop = Arc::new(AtomicBool::new(false));
    let progress = ProgressBar::new(windows.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} windows, {msg} [{elapsed}]")
            .map_err(Failure::msg)?,
    );
    let client = config::wdt_client()?;
    runtime()?.block_on(async {
        let stop_on_interrupt = stop.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                stop_on_interrupt.store(true, Ordering::SeqCst);
            }
        });
        let mut stdout = std::io::stdout().lock();
        let mut records_out = 0u64;
        for (start, end) in windows {
            let body = window_body(info, &base, window, start, end, page_size)?;
            let (items, _) = scan_pages(
                page_size,
                |page_no, calc_total| {
                    let body = body.clone();
                    let client = &client;
                    async move {
                        let pager = Pager {
                            page_no,
                            page_size,
                            calc_total,
                        };
                        let reply = client
                            .call_raw(info.method, body, Some(pager), info.retry_safe)
                            .await?;
                        let data = serde_json::from_str(reply.data.get()).map_err(|e| {
                            wdt::Error::Decode {
                                method: info.method,
                                message: e.to_string(),
                                raw: wdt::runtime::error::shorten(reply.data.get(), 160),
                            }
                        })?;
                        Ok(records(data, reply.total, &paging))
                    }
                },
                |record: &Value| record_key(record, &paging),
            )
            .await
            .map_err(|e| Failure::from(e).within(&format!("window {start} to {end}")))?;
            for item in &items {
                writeln!(stdout, "{item}").map_err(Failure::msg)?;
            }
            stdout.flush().map_err(Failure::msg)?;
            records_out += items.len() as u64;
            checkpoint.done_through = Some(format_datetime(&end).as_str().to_owned());
            if let Some(path) = &args.checkpoint {
                save(path, &checkpoint)?;
            }
            progress.inc(1);
            progress.set_message(format!("{records_out} records"));
            if stop.load(Ordering::SeqCst) {
                progress.abandon_with_message(format!("{records_out} records, interrupted"));
                return Err(Failure::msg(
                    "interrupted; run again with the same --checkpoint to resume",
                ));
            }
        }
        progress.finish_with_message(format!("{records_out} records"));
        Ok(())
    })
}

/// The arguments of one window: the base arguments with the window's start and end set.
fn window_body(
    info: &EndpointInfo,
    base: &Value,
    window: &TimeWindowInfo,
    start: NaiveDateTime,
    end: NaiveDateTime,
    page_size: u32,
) -> Result<Vec<u8>, Failure> {
    let mut args = base.clone();
    for (path, at) in [(window.start, start), (window.end, end)] {
        let (arg, field) = path
            .split_once('.')
            .map_or((path, None), |(a, f)| (a, Some(f)));
        let index = info
            .args
            .iter()
            .position(|a| *a == arg)
            .ok_or_else(|| Failure::usage(format!("{}: no argument '{arg}'", info.method)))?;
        let slot = args.as_array_mut().ok_or_else(|| {
            Failure::Refused("--json must be an array of the positional arguments".into())
        })?;
        while slot.len() <= index {
            slot.push(Value::Object(Default::default()));
        }
        let text = if window.dates {
            at.date().format("%Y-%m-%d").to_string()
        } else {
            format_datetime(&at).as_str().to_owned()
        };
        let value = Value::String(text);
        match field {
            Some(field) => {
                let object = slot[index].as_object_mut().ok_or_else(|| {
                    Failure::Refused(format!("argument '{arg}' must be an object"))
                })?;
                object.insert(field.to_owned(), value);
            }
            None => slot[index] = value,
        }
    }
    encode(info, &args.to_string(), Some(page_size))
}

fn record_key(record: &Value, paging: &PagingInfo) -> Option<String> {
    paging
        .id
        .and_then(|id| record.get(id))
        .map(Value::to_string)
}

fn load(path: &Path) -> Result<Option<Checkpoint>, Failure> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Failure::usage(format!("{} is not a checkpoint: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Failure::msg(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Writes the checkpoint through a temporary file, so it is never half written.
fn save(path: &Path, checkpoint: &Checkpoint) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(checkpoint).map_err(Failure::msg)?;
    let temporary: PathBuf = path.with_extension("tmp");
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| Failure::msg(format!("cannot write {}: {e}", path.display())))
}
