//! What is fuzzed: each target picks a real input, mutates it and feeds one parser. A
//! target panics only where the code under test panicked or broke a stated property.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use wdt::{EndpointInfo, Protocol};

use crate::Mutator;

/// One parser under fuzz.
pub struct Target {
    pub name: &'static str,
    /// Mutates one input and feeds it.
    pub feed: fn(&mut Mutator),
}

/// Every target.
pub fn targets() -> Vec<Target> {
    vec![
        Target {
            name: "spec_loader",
            feed: spec_loader,
        },
        Target {
            name: "importer",
            feed: importer,
        },
        Target {
            name: "replies",
            feed: replies,
        },
        Target {
            name: "requests",
            feed: requests,
        },
        Target {
            name: "sandbox_requests",
            feed: crate::sandbox::sandbox_requests,
        },
        Target {
            name: "sandbox_http",
            feed: crate::sandbox::sandbox_http,
        },
    ]
}

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Every file below `dir` ending in `extension`, read once.
fn corpus(dir: &Path, extension: &str) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == extension)
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

fn specs() -> &'static [(PathBuf, String)] {
    static SPECS: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    SPECS.get_or_init(|| corpus(&workspace().join("specs"), "toml"))
}

/// The vendor pages: `$WDT_SHARED_DIR`, the `shared` folder beside the checkout, or
/// `/work/shared`; empty when none is there.
fn pages() -> &'static [(PathBuf, String)] {
    static PAGES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let shared = [
            std::env::var_os("WDT_SHARED_DIR").map(PathBuf::from),
            Some(workspace().join("../shared")),
            Some(PathBuf::from("/work/shared")),
        ]
        .into_iter()
        .flatten()
        .find(|dir| dir.join("seeds").is_dir());
        shared.map_or_else(Vec::new, |dir| {
            let mut pages = corpus(&dir.join("seeds"), "md");
            pages.extend(corpus(&dir.join("docs/qjb"), "md"));
            pages
        })
    })
}

fn pick<'a, T>(m: &mut Mutator, items: &'a [T]) -> Option<&'a T> {
    items.get(m.below(items.len()))
}

/// Spec text, mutated by lines and bytes: `load_str` answers `Ok` or errors, never panics.
fn spec_loader(m: &mut Mutator) {
    let Some((path, text)) = pick(m, specs()) else {
        return;
    };
    let mutated = m.lines(text);
    let _ = wdt_spec::load_str(path, &mutated);
}

/// Doc pages, mutated by lines: the importer answers a spec or an error, never panics. (An
/// import that succeeds is a spec that loads: `import_page` loads what it writes and refuses
/// it otherwise.)
fn importer(m: &mut Mutator) {
    let Some((path, text)) = pick(m, pages()) else {
        return;
    };
    let mutated = m.lines(text);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let _ = wdt_import::import_page(&name, &mutated);
}

/// The endpoints with a page example of the kind `example` picks.
fn with_example(
    example: fn(&EndpointInfo) -> Option<&'static str>,
) -> Vec<(&'static EndpointInfo, &'static str)> {
    wdt::ENDPOINTS
        .iter()
        .filter_map(|info| example(info).map(|text| (info, text)))
        .collect()
}

/// A page's example reply, mutated: the envelope reader and the endpoint's decoder answer
/// data or a typed error, never panic.
fn replies(m: &mut Mutator) {
    static REPLIES: OnceLock<Vec<(&'static EndpointInfo, &'static str)>> = OnceLock::new();
    let all = REPLIES.get_or_init(|| with_example(|info| info.example_response));
    let Some((info, example)) = pick(m, all) else {
        return;
    };
    let body = mutate_body(m, info.protocol, example);
    match info.protocol {
        Protocol::Wdt => {
            let reply = wdt::runtime::wdt::read_reply::<Box<serde_json::value::RawValue>>(
                info.method,
                &body,
            );
            if let Ok(reply) = reply {
                let _ = (info.check_response)(reply.data.get().as_bytes());
                let _ = (info.response_json)(reply.data.get().as_bytes());
            }
        }
        Protocol::Qimen => {
            let _ = wdt::runtime::qimen::read_reply::<Value>(info.method, wdt::Format::Xml, &body);
            let _ = (info.check_response)(&body);
        }
    }
}

/// A page's example request, mutated: what the sandbox does with a received body (decode
/// by the spec, validate) answers warnings or a refusal, never panics.
fn requests(m: &mut Mutator) {
    static REQUESTS: OnceLock<Vec<(&'static EndpointInfo, &'static str)>> = OnceLock::new();
    let all = REQUESTS.get_or_init(|| with_example(|info| info.example_request));
    let Some((info, example)) = pick(m, all) else {
        return;
    };
    let body = mutate_body(m, info.protocol, example);
    let page_size = info.paging.map(|_| m.below(2000) as u32);
    let _ = info.check(&body, page_size);
}

/// JSON examples mutated as JSON half the time (when they parse), bytes otherwise; XML by
/// lines and bytes.
fn mutate_body(m: &mut Mutator, protocol: Protocol, example: &str) -> Vec<u8> {
    match protocol {
        Protocol::Wdt => match serde_json::from_str::<Value>(example) {
            Ok(value) if m.below(2) == 0 => m.json(&value).to_string().into_bytes(),
            _ => m.bytes(example.as_bytes()),
        },
        Protocol::Qimen => m.lines(example).into_bytes(),
    }
}
