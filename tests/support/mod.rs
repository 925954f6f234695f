//! A scripted gateway on 127.0.0.1 (port chosen at run time) for the runtime's tests.
//!
//! It verifies every 旗舰版 signature with the runtime's signing code, so each test also
//! checks that what is sent is signed correctly, retries included.

// Each test binary uses part of this module.
#![allow(dead_code)]

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use wdt::runtime::sign::{self, Pager, WdtSignInput};
use wdt::{RetryPolicy, WdtClient};

pub const SECRET: &str = "testsecret";
pub const SALT: &str = "testsalt";

/// One request as the gateway saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub query: HashMap<String, String>,
    pub body: String,
}

impl Received {
    pub fn method(&self) -> &str {
        &self.query["method"]
    }
    pub fn page_no(&self) -> u32 {
        self.query["page_no"].parse().unwrap()
    }
}

/// What the gateway does with a request.
pub enum Reply {
    Json(String),
    Xml(String),
    Status(u16, &'static str),
    /// Wait, then answer.
    Late(Duration, String),
}

pub type Script = dyn Fn(&Received, usize) -> Reply + Send + Sync;

pub struct Gateway {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Received>>>,
    _server: tokio::task::JoinHandle<()>,
}

impl Gateway {
    /// Serves `script` until the test ends; `script` also gets the request's index.
    pub async fn start(
        script: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static,
    ) -> Gateway {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let log: Arc<Mutex<Vec<Received>>> = Arc::default();
        let script: Arc<Script> = Arc::new(script);
        let server_log = log.clone();
        let server = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (log, script) = (server_log.clone(), script.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let (log, script) = (log.clone(), script.clone());
                        async move { Ok::<_, Infallible>(handle(request, &log, &*script).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Gateway {
            addr,
            log,
            _server: server,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.log.lock().unwrap().clone()
    }

    pub fn client(&self) -> wdt::WdtClientBuilder {
        WdtClient::builder()
            .sid("wdtapi3")
            .app_key("wdt_test")
            .app_secret(&format!("{SECRET}:{SALT}"))
            .base_url(self.url())
            .retry(quick_retries())
    }
}

pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        rate_limit_backoff: Duration::from_millis(5),
    }
}

pub async fn handle(
    request: Request<Incoming>,
    log: &Mutex<Vec<Received>>,
    script: &Script,
) -> Response<Full<Bytes>> {
    let query: HashMap<String, String> = request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let body = request.into_body().collect().await.unwrap().to_bytes();
    let received = Received {
        query,
        body: String::from_utf8(body.to_vec()).unwrap(),
    };
    if received.query.contains_key("sid") {
        assert_signed(&received);
    }
    let index = {
        let mut log = log.lock().unwrap();
        log.push(received.clone());
        log.len() - 1
    };
    let (status, content_type, text) = match script(&received, index) {
        Reply::Json(text) => (200, "application/json", text),
        Reply::Xml(text) => (200, "text/xml", text),
        Reply::Status(status, text) => (status, "text/html", text.to_owned()),
        Reply::Late(wait, text) => {
            tokio::time::sleep(wait).await;
            (200, "application/json", text)
        }
    };
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Full::new(Bytes::from(text)))
        .unwrap()
}

/// The gateway's signature check, with the runtime's own signing function.
pub fn assert_signed(r: &Received) {
    let q = &r.query;
    let pager = q.get("page_no").map(|_| Pager {
        page_no: q["page_no"].parse().unwrap(),
        page_size: q["page_size"].parse().unwrap(),
        calc_total: q["calc_total"] == "1",
    });
    let expected = sign::wdt_sign(&WdtSignInput {
        secret: SECRET,
        sid: &q["sid"],
        key: &q["key"],
        salt: &q["salt"],
        method: &q["method"],
        timestamp: q["timestamp"].parse().unwrap(),
        pager,
        body: r.body.as_bytes(),
    });
    assert_eq!(q["sign"], sign::as_str(&expected), "signature of {r:?}");
    assert_eq!(q["v"], "1.0");
}
