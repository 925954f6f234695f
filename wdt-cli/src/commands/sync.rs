//! `wdt sync`: every record of a windowed query over a range, into JSON lines on stdout or
//! a SQLite file.
//!
//! The range is walked in the spec's windows, several at once (`--concurrency`), each window
//! paged from its last page back (see `wdt::runtime::paging`). Windows are stored in time
//! order through a `wdt_sync::Sink`, which moves the checkpoint past each stored window;
//! Ctrl-C stops after the window being stored. So a resumed sync neither repeats nor skips a
//! window (JSON lines may repeat the one window whose checkpoint was not yet written).

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;
use wdt::chrono::NaiveDateTime;
use wdt::runtime::paging::{plan_windows, scan_pages, scan_windows_by};
use wdt::runtime::wire::{format_datetime, parse_datetime};
use wdt::{EndpointInfo, Pager, PagingInfo, TimeWindowInfo};
use wdt_sync::{Job, JsonLines, RecordFields, Sink, SqliteSink, SyncError};

use super::call::{default_args, encode, records};
use super::{Failure, config, endpoint, json_arg, runtime};
use crate::cli::SyncArgs;

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
    let json = match &args.args {
        Some(arg) => json_arg(arg)?,
        None => default_args(info),
    };
    let base: Value = serde_json::from_str(&json)
        .map_err(|e| Failure::Refused(format!("--json is not JSON: {e}")))?;
    let page_size = args.page_size.unwrap_or(paging.default_page_size);
    let job = Job {
        method: info.method.to_owned(),
        args: json.clone(),
        from: time(&args.from)?,
        to: time(&args.to)?,
    };
    let mut sink = open_sink(&args)?;
    let done_through = sink.done_through(&job).map_err(Failure::usage)?;
    let windows = wdt_sync::remaining(
        plan_windows(job.from, job.to, window.max_span_secs, window.ends),
        done_through,
    );
    // Every window's body is validated before the first call: a bad argument fails at once.
    let mut bodies = windows
        .iter()
        .map(|&(start, end)| {
            window_body(info, &base, window, start, end, page_size).map(|body| ((start, end), body))
        })
        .collect::<Result<HashMap<_, _>, _>>()?;

    let progress = progress_bar(windows.len() as u64, args.quiet)?;
    let retry = wdt::RetryPolicy {
        rate_limit_backoff: std::time::Duration::from_secs_f64(args.rate_limit_pause),
        ..wdt::RetryPolicy::default()
    };
    let client = config::wdt_builder(args.route)?
        .retry(retry)
        .build()
        .map_err(Failure::from)?;
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let fields = RecordFields {
        id: paging.id,
        modified: paging.modified,
    };
    let outcome = runtime()?.block_on(async {
        let stop_on_interrupt = stop.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                stop_on_interrupt.store(true, Ordering::SeqCst);
            }
        });
        let client = &client;
        let batches = scan_windows_by(windows, args.concurrency as usize, move |start, end| {
            let body = bodies.remove(&(start, end));
            scan_window(client, info, paging, body, page_size)
        });
        let mut records_out = 0u64;
        wdt_sync::drain(batches, &job, fields, sink.as_mut(), |batch| {
            records_out += batch.items.len() as u64;
            progress.inc(1);
            let rate = records_out as f64 / started.elapsed().as_secs_f64().max(0.001);
            progress.set_message(format!("{records_out} records, {rate:.0}/s"));
            if stop.load(Ordering::SeqCst) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .await
    });
    progress.finish_and_clear();
    let summary = match outcome {
        Ok(summary) => summary,
        Err(SyncError::Window { source, .. }) => {
            let failure = Failure::from(source);
            return Err(failure.within("sync stopped; run again to resume"));
        }
        Err(SyncError::Sink(e)) => return Err(Failure::msg(e)),
    };
    let retries = client.requests_sent().saturating_sub(summary.calls);
    if !args.quiet {
        eprintln!(
            "{} records, {} windows, {} calls, {retries} retries, {:.1} s{}",
            summary.records,
            summary.windows,
            summary.calls,
            started.elapsed().as_secs_f64(),
            if summary.interrupted {
                ", interrupted"
            } else {
                ""
            }
        );
    }
    if summary.interrupted {
        return Err(Failure::msg(
            "interrupted; run again with the same --checkpoint or --into to resume",
        ));
    }
    Ok(())
}

/// Where the records go: `--into sqlite:FILE`, or JSON lines on stdout.
fn open_sink(args: &SyncArgs) -> Result<Box<dyn Sink>, Failure> {
    match &args.into {
        Some(target) => {
            let path = target.strip_prefix("sqlite:").ok_or_else(|| {
                Failure::usage(format!(
                    "--into {target}: only sqlite:FILE is supported (e.g. sqlite:orders.db)"
                ))
            })?;
            let sink = SqliteSink::open(PathBuf::from(path))
                .map_err(|e| Failure::usage(format!("--into {target}: {e}")))?;
            Ok(Box::new(sink))
        }
        None => Ok(Box::new(JsonLines::new(
            std::io::stdout(),
            args.checkpoint.clone(),
        ))),
    }
}

fn progress_bar(windows: u64, quiet: bool) -> Result<ProgressBar, Failure> {
    if quiet {
        return Ok(ProgressBar::hidden());
    }
    let bar = ProgressBar::new(windows);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} windows, {msg} [{elapsed_precise}, ETA {eta}]",
        )
        .map_err(Failure::msg)?,
    );
    Ok(bar)
}

/// Every record of one window (its `body` encoded beforehand), last page first; the
/// records as JSON.
async fn scan_window(
    client: &wdt::WdtClient,
    info: &'static EndpointInfo,
    paging: PagingInfo,
    body: Option<Vec<u8>>,
    page_size: u32,
) -> Result<(Vec<Value>, u32), wdt::Error> {
    let body = body.ok_or_else(|| wdt::Error::Encode {
        method: info.method,
        message: "a window was planned without its arguments".to_owned(),
    })?;
    scan_pages(
        page_size,
        |page_no, calc_total| {
            let body = body.clone();
            async move {
                let pager = Pager {
                    page_no,
                    page_size,
                    calc_total,
                };
                let reply = client
                    .call_raw(info.method, info.args, body, Some(pager), info.retry_safe)
                    .await?;
                let data =
                    serde_json::from_str(reply.data.get()).map_err(|e| wdt::Error::Decode {
                        method: info.method,
                        message: e.to_string(),
                        raw: wdt::runtime::error::shorten(reply.data.get(), 160),
                    })?;
                Ok(records(data, reply.total, &paging))
            }
        },
        |record: &Value| record_key(record, &paging),
    )
    .await
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
