//! The sandbox's request parsing under fuzz: signed requests of every catalogue example
//! (旗舰版, Qimen and the 奇门自定义 route), mutated in their method, path, query string,
//! headers and body.
//!
//! `sandbox_requests` answers them in process ([`wdt_sandbox::Gateways`]) and checks that
//! every answer to a gateway path is that gateway's own envelope. `sandbox_http` sends them
//! as raw HTTP/1.1 bytes to a sandbox on 127.0.0.1 and checks that every connection gets an
//! HTTP reply or is closed, within five seconds.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use wdt::{EndpointInfo, FixedClock, Pager, Protocol};
use wdt_sandbox::{Answer, Gateways, SandboxConfig};

use crate::Mutator;

/// 2026-11-23 18:00:00 Beijing time: the clock of the clients and the sandbox alike.
const NOW: i64 = 1_795_428_000;

/// A signed request as the client sends it.
pub(crate) struct Signed {
    info: &'static EndpointInfo,
    via: Via,
    path_and_query: String,
    content_type: &'static str,
    body: Bytes,
}

/// Which gateway a request is signed for.
#[derive(Clone, Copy)]
enum Via {
    Direct,
    Route,
    Qimen,
}

fn config() -> SandboxConfig {
    SandboxConfig {
        clock: Arc::new(FixedClock::new(NOW)),
        ..SandboxConfig::default()
    }
}

/// Clients with the sandbox's demo credentials and its clock; they only sign.
struct Clients {
    direct: wdt::WdtClient,
    routed: wdt::WdtClient,
    qimen: wdt::QimenClient,
}

/// Where the clients would send; nothing is sent.
const UNUSED: &str = "http://127.0.0.1:9";

fn clients() -> Option<&'static Clients> {
    static CLIENTS: OnceLock<Option<Clients>> = OnceLock::new();
    CLIENTS
        .get_or_init(|| {
            let clock = Arc::new(FixedClock::new(NOW));
            let demo = |b: wdt::WdtClientBuilder| {
                b.sid(wdt_sandbox::DEMO_SID)
                    .app_key(wdt_sandbox::DEMO_KEY)
                    .app_secret(wdt_sandbox::DEMO_APP_SECRET)
                    .clock(clock.clone())
            };
            let route = wdt::QimenRoute::new(
                wdt_sandbox::DEMO_QIMEN_APP_KEY,
                wdt_sandbox::DEMO_QIMEN_SECRET,
            )
            .router_url(UNUSED);
            Some(Clients {
                direct: demo(wdt::WdtClient::builder().base_url(UNUSED))
                    .build()
                    .ok()?,
                routed: demo(wdt::WdtClient::builder().qimen_route(route))
                    .build()
                    .ok()?,
                qimen: wdt::QimenClient::builder()
                    .app_key(wdt_sandbox::DEMO_QIMEN_APP_KEY)
                    .secret(wdt_sandbox::DEMO_QIMEN_SECRET)
                    .customer_id(wdt_sandbox::DEMO_QIMEN_CUSTOMER_ID)
                    .base_url(UNUSED)
                    .clock(clock.clone())
                    .build()
                    .ok()?,
            })
        })
        .as_ref()
}

impl Clients {
    /// `body` signed for `info` through `via`; `None` when the route cannot carry it.
    fn sign(&self, info: &'static EndpointInfo, via: Via, body: Vec<u8>) -> Option<Signed> {
        let pager = info.paging.map(|paging| Pager {
            page_no: 0,
            page_size: paging.default_page_size,
            calc_total: true,
        });
        let prepared = match via {
            Via::Qimen => self.qimen.prepare_raw(info.method, body),
            Via::Direct => self
                .direct
                .prepare_raw(info.method, info.args, body, pager)
                .ok()?,
            Via::Route => self
                .routed
                .prepare_raw(info.method, info.args, body, pager)
                .ok()?,
        };
        Some(Signed {
            info,
            via,
            path_and_query: prepared
                .url
                .strip_prefix(UNUSED)
                .unwrap_or(&prepared.url)
                .to_owned(),
            content_type: prepared.content_type,
            body: prepared.body,
        })
    }
}

/// Every catalogue example request, signed for the direct gateway or the Qimen router,
/// and every 旗舰版 one also through the 奇门自定义 route.
fn signed() -> &'static [Signed] {
    static SIGNED: OnceLock<Vec<Signed>> = OnceLock::new();
    SIGNED.get_or_init(|| {
        let Some(clients) = clients() else {
            return Vec::new();
        };
        let mut all = Vec::new();
        for info in wdt::ENDPOINTS {
            let Some(example) = info.example_request else {
                continue;
            };
            let ways: &[Via] = match info.protocol {
                Protocol::Qimen => &[Via::Qimen],
                Protocol::Wdt => &[Via::Direct, Via::Route],
            };
            for via in ways {
                all.extend(clients.sign(info, *via, example.as_bytes().to_vec()));
            }
        }
        all
    })
}

/// A signed request with one part mutated: the query string, the body (half the time
/// signed again, so that it reaches decoding), the path or the method.
fn mutated(m: &mut Mutator) -> Option<(String, String, Vec<u8>)> {
    let all = signed();
    let one = all.get(m.below(all.len()))?;
    let resigned;
    let one = match m.below(10) {
        0..=3 => {
            let body = mutated_body(m, one);
            match clients().and_then(|c| c.sign(one.info, one.via, body)) {
                Some(signed) => {
                    resigned = signed;
                    &resigned
                }
                None => one,
            }
        }
        _ => one,
    };
    let (path, query) = one
        .path_and_query
        .split_once('?')
        .unwrap_or((&one.path_and_query, ""));
    let mut method = "POST".to_owned();
    let mut path = path.to_owned();
    let mut query = query.to_owned();
    let mut body = one.body.to_vec();
    match m.below(10) {
        0..=3 => query = lossy(&m.bytes(query.as_bytes())),
        4..=6 => body = m.bytes(&body),
        7 => path = lossy(&m.bytes(path.as_bytes())),
        8 => method = ["GET", "PUT", "DELETE", "OPTIONS", "P0ST", ""][m.below(6)].to_owned(),
        // Sent as signed (a re-signed mutated body reaches decoding and validation).
        _ => {}
    }
    let path_and_query = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    Some((method, path_and_query, body))
}

/// The page's example request (the body before the route turns it into a form), mutated:
/// JSON as JSON or bytes, XML by lines or bytes.
fn mutated_body(m: &mut Mutator, one: &Signed) -> Vec<u8> {
    let text = one.info.example_request.unwrap_or_default();
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) if m.below(2) == 0 => m.json(&value).to_string().into_bytes(),
        _ if m.below(2) == 0 => m.lines(text).into_bytes(),
        _ => m.bytes(text.as_bytes()),
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// In process: every answer of a gateway path is that gateway's envelope.
pub(crate) fn sandbox_requests(m: &mut Mutator) {
    static GATEWAYS: OnceLock<Option<Gateways>> = OnceLock::new();
    thread_local! {
        static RUNTIME: Option<tokio::runtime::Runtime> = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .ok();
    }
    let Some(gateways) = GATEWAYS.get_or_init(|| Gateways::new(config()).ok()) else {
        return;
    };
    if m.below(5_000) == 0 {
        // Accepted creates add documents; starting over keeps memory flat over millions.
        gateways.with_erp(|erp| *erp = wdt_sandbox::Erp::new());
    }
    let Some((method, path_and_query, body)) = mutated(m) else {
        return;
    };
    let answer = RUNTIME.with(|runtime| {
        runtime.as_ref().map(|runtime| {
            runtime.block_on(gateways.answer(&method, &path_and_query, Bytes::from(body)))
        })
    });
    let Some(Answer::Reply {
        status,
        content_type,
        body,
    }) = answer
    else {
        return;
    };
    // The path as the server sees it: before the query string, and before a fragment
    // (which HTTP never carries and the request line's parser drops).
    let path = path_and_query.split(['?', '#']).next().unwrap_or_default();
    let gateway = [
        wdt_sandbox::WDT_PATH,
        wdt_sandbox::QIMEN_PATH,
        wdt_sandbox::ROUTE_PATH,
    ]
    .contains(&path);
    if !gateway || method != "POST" {
        assert!(
            matches!(status, 404 | 405),
            "{method} {path}: HTTP {status}"
        );
        return;
    }
    assert_eq!(status, 200, "{method} {path}: HTTP {status}");
    let text = String::from_utf8_lossy(&body);
    let envelope = match path {
        wdt_sandbox::WDT_PATH => json_with(&text, &["status"]),
        wdt_sandbox::ROUTE_PATH => json_with(&text, &["response", "error_response"]),
        _ if content_type.contains("xml") => {
            text.contains("<response>") || text.contains("<error_response>")
        }
        _ => json_with(&text, &["response", "error_response"]),
    };
    assert!(envelope, "{path}: not the gateway's envelope: {text}");
}

/// Whether `text` is a JSON object with one of `keys`.
fn json_with(text: &str, keys: &[&str]) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| value.as_object().cloned())
        .is_some_and(|object| keys.iter().any(|key| object.contains_key(*key)))
}

/// The address of a sandbox serving on its own thread for the rest of the process.
fn running_sandbox() -> Option<SocketAddr> {
    static ADDR: OnceLock<Option<SocketAddr>> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async {
                let Ok(sandbox) = wdt_sandbox::Sandbox::start(config()).await else {
                    return;
                };
                let _ = sender.send(sandbox.addr());
                // Serve until the process ends.
                std::future::pending::<()>().await;
            });
        });
        receiver.recv_timeout(Duration::from_secs(10)).ok()
    })
}

/// Raw HTTP/1.1 over loopback: a reply or a closed connection within five seconds.
pub(crate) fn sandbox_http(m: &mut Mutator) {
    let Some(addr) = running_sandbox() else {
        return;
    };
    let all = signed();
    let Some(one) = all.get(m.below(all.len())) else {
        return;
    };
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
        one.path_and_query,
        one.content_type,
        one.body.len()
    );
    let mut request = match m.below(3) {
        0 => m.lines(&head).into_bytes(),
        _ => head.into_bytes(),
    };
    request.extend_from_slice(&one.body);
    if m.below(2) == 0 {
        request = m.bytes(&request);
    }
    let Ok(stream) = TcpStream::connect(addr) else {
        panic!("the sandbox no longer accepts connections");
    };
    // Closing with a reset leaves no TIME_WAIT socket behind: millions of connections
    // would otherwise use up the ephemeral ports.
    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut stream = stream;
    if stream.write_all(&request).is_err() {
        return;
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut reply = Vec::new();
    match stream.read_to_end(&mut reply) {
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            panic!("no reply and no close within 5 s")
        }
        _ => {}
    }
    // The server answers in the version the request line asked for.
    assert!(
        reply.is_empty() || reply.starts_with(b"HTTP/1.1 ") || reply.starts_with(b"HTTP/1.0 "),
        "not an HTTP reply: {}",
        String::from_utf8_lossy(&reply[..reply.len().min(200)])
    );
}
