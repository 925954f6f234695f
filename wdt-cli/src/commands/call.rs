//! `wdt call`: one validated, signed call; the reply's data as JSON on stdout (or, with
//! `--dry-run`, the signed request on stdout, not sent).

use serde_json::Value;
use wdt::{EndpointInfo, Pager, Prepared, Protocol, Rejection};

use super::{Failure, config, endpoint, json_arg, runtime};
use crate::cli::{CallArgs, Route};

pub fn run(args: CallArgs) -> Result<(), Failure> {
    let info = endpoint(&args.method)?;
    if info.protocol == Protocol::Qimen && args.route == Route::Qimen {
        return Err(Failure::usage(format!(
            "--route qimen sends 旗舰版 methods; {} is a Qimen method already",
            info.method
        )));
    }
    let json = match &args.args {
        Some(arg) => json_arg(arg)?,
        None => default_args(info),
    };
    // A 旗舰版 pager travels beside the body; a Qimen query's page and pageSize are fields
    // of the arguments themselves.
    let page_size = info
        .paging
        .filter(|_| info.protocol == Protocol::Wdt)
        .map(|paging| args.page_size.unwrap_or(paging.default_page_size));
    let body = encode(info, &json, page_size)?;
    if args.dry_run {
        let pager = page_size.map(|page_size| Pager {
            page_no: args.page_no.unwrap_or(0),
            page_size,
            calc_total: true,
        });
        let prepared = match info.protocol {
            Protocol::Qimen => config::qimen_client()?.prepare_raw(info.method, body),
            Protocol::Wdt => {
                config::wdt_client(args.route)?.prepare_raw(info.method, info.args, body, pager)?
            }
        };
        print!("{}", dry_run(&prepared));
        return Ok(());
    }
    if info.protocol == Protocol::Qimen
        && (args.all || args.page_size.is_some() || args.page_no.is_some())
    {
        return Err(Failure::usage(format!(
            "{}: --all, --page-size and --page-no page 旗舰版 queries; a Qimen query takes page and pageSize in --json",
            info.method
        )));
    }
    let output = runtime()?.block_on(async {
        match info.protocol {
            Protocol::Qimen => {
                let client = config::qimen_client()?;
                let reply = client.call_raw(info.method, body, info.retry_safe).await?;
                (info.response_json)(&reply).map_err(|e| {
                    Failure::Unreadable(format!("{}: cannot decode the reply: {e}", info.method))
                })
            }
            Protocol::Wdt => {
                let client = config::wdt_client(args.route)?;
                match (info.paging, args.all) {
                    (Some(paging), true) => {
                        let page_size = page_size.unwrap_or(paging.default_page_size);
                        all_pages(&client, info, body, paging, page_size).await
                    }
                    (Some(paging), false) => {
                        let pager = Pager {
                            page_no: args.page_no.unwrap_or(0),
                            page_size: page_size.unwrap_or(paging.default_page_size),
                            calc_total: true,
                        };
                        data(&client, info, body, Some(pager))
                            .await
                            .map(|(data, _)| data)
                    }
                    (None, true) => Err(Failure::usage(format!(
                        "{} is not a paged method",
                        info.method
                    ))),
                    (None, false) => data(&client, info, body, None).await.map(|(data, _)| data),
                }
            }
        }
    })?;
    println!(
        "{}",
        serde_json::to_string_pretty(&output).map_err(Failure::msg)?
    );
    Ok(())
}

/// Arguments when `--json` is not given: an empty request object (Qimen), one empty struct
/// for a single argument, nothing otherwise.
pub fn default_args(info: &EndpointInfo) -> String {
    match info.protocol {
        Protocol::Qimen => "{}".into(),
        Protocol::Wdt if info.args.len() == 1 => "[{}]".into(),
        Protocol::Wdt => "[]".into(),
    }
}

/// The request as it would be sent: method and URL, the query parameters one per line
/// (the salt hidden), the content type, and the body (a form body's fields one per line,
/// decoded, the salt hidden).
fn dry_run(prepared: &Prepared) -> String {
    let mut out = format!("POST {}\n", prepared.address());
    for (key, value) in prepared.shown_query() {
        out.push_str(&format!("  {key}={value}\n"));
    }
    out.push_str(&format!("Content-Type: {}\n\n", prepared.content_type));
    match prepared.shown_form() {
        Some(fields) => {
            for (key, value) in fields {
                out.push_str(&format!("  {key}={value}\n"));
            }
        }
        None => {
            out.push_str(&String::from_utf8_lossy(&prepared.body));
            out.push('\n');
        }
    }
    out
}

/// Validates the arguments (and the page size of a paged call) by the spec and writes the
/// wire body; warnings go to stderr.
pub fn encode(info: &EndpointInfo, json: &str, page_size: Option<u32>) -> Result<Vec<u8>, Failure> {
    let page_size = page_size.and_then(|size| info.page_size(size));
    let checked =
        (info.encode_request)(json.as_bytes(), page_size, false).map_err(|rejection| {
            match rejection {
                Rejection::Invalid(violations) => {
                    Failure::Refused(format!("validation failed: {violations}"))
                }
                Rejection::Decode(message) => Failure::Refused(format!(
                    "--json does not match {} (arguments: {}): {message}",
                    info.method,
                    info.args.join(", ")
                )),
            }
        })?;
    for warning in &checked.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(checked.value)
}

/// One call's `data` as JSON, with the envelope's total.
async fn data(
    client: &wdt::WdtClient,
    info: &EndpointInfo,
    body: Vec<u8>,
    pager: Option<Pager>,
) -> Result<(Value, Option<u64>), Failure> {
    let reply = client
        .call_raw(info.method, info.args, body, pager, info.retry_safe)
        .await?;
    let data = serde_json::from_str(reply.data.get()).map_err(|e| {
        Failure::Unreadable(format!("{}: cannot decode the reply: {e}", info.method))
    })?;
    Ok((data, reply.total))
}

/// The records of a page and the total it states, by the spec's `[paging]`.
pub fn records(
    data: Value,
    envelope_total: Option<u64>,
    paging: &wdt::PagingInfo,
) -> (Vec<Value>, Option<u64>) {
    let total = paging
        .total
        .and_then(|field| data.get(field))
        .and_then(|t| t.as_u64().or_else(|| t.as_str()?.parse().ok()))
        .or(envelope_total);
    let list = match paging.list {
        Some(field) => data.get(field).cloned().unwrap_or(Value::Null),
        None => data,
    };
    match list {
        Value::Array(items) => (items, total),
        _ => (Vec::new(), total),
    }
}

async fn all_pages(
    client: &wdt::WdtClient,
    info: &EndpointInfo,
    body: Vec<u8>,
    paging: wdt::PagingInfo,
    page_size: u32,
) -> Result<Value, Failure> {
    let mut all = Vec::new();
    let mut total = None;
    for page_no in 0.. {
        let pager = Pager {
            page_no,
            page_size,
            calc_total: page_no == 0,
        };
        let (data, envelope_total) = data(client, info, body.clone(), Some(pager)).await?;
        let (items, stated) = records(data, envelope_total, &paging);
        total = total.or(stated);
        let short = items.len() < page_size as usize;
        all.extend(items);
        if short || total.is_some_and(|t| all.len() as u64 >= t) {
            break;
        }
    }
    Ok(Value::Array(all))
}
