//! The server side over loopback: our own client, requests signed by hand in this file (not
//! by our signing code), tampering, bad bodies and the body limits.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use md5::{Digest, Md5};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderCancelResponse};
use wdt_runtime::{Error, FixedClock, QimenClient};
use wdt_server::{QIMEN_PATH, QimenCredentials, QimenServer, QimenServerBuilder, Refusal};

const APP_KEY: &str = "erp-app-key";
const SECRET: &str = "wms-secret";
const CUSTOMER_ID: &str = "wms-owner";
/// 2026-11-23 18:00:00 Beijing time.
const NOW: i64 = 1_795_428_000;
const NOW_TEXT: &str = "2026-11-23 18:00:00";

/// A WMS that cancels orders, except the shipped one.
fn wms(cancelled: Arc<Mutex<Vec<String>>>) -> QimenServerBuilder {
    let credentials = QimenCredentials::new(APP_KEY, SECRET, CUSTOMER_ID).unwrap();
    QimenServer::builder(credentials)
        .clock(Arc::new(FixedClock::new(NOW)))
        .handle(move |request: OrderCancelRequest| {
            let cancelled = Arc::clone(&cancelled);
            async move {
                if request.order_code == "SHIPPED-1" {
                    return Err(Refusal::new("ORDER_SHIPPED", "单据已发货，不能取消"));
                }
                cancelled.lock().unwrap().push(request.order_code);
                Ok(OrderCancelResponse {
                    flag: Some("success".into()),
                    code: Some("0".into()),
                    message: Some("取消成功".into()),
                })
            }
        })
}

/// Serves on a port chosen now; the server stops with the test's runtime.
async fn serve(server: QimenServer) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, server.router()).await });
    format!("http://{address}{QIMEN_PATH}")
}

fn client(url: &str) -> QimenClient {
    QimenClient::builder()
        .app_key(APP_KEY)
        .secret(SECRET)
        .customer_id(CUSTOMER_ID)
        .base_url(url)
        .clock(Arc::new(FixedClock::new(NOW)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn our_client_gets_the_typed_reply_and_the_handlers_refusal() {
    let cancelled = Arc::new(Mutex::new(Vec::new()));
    let url = serve(wms(Arc::clone(&cancelled)).build()).await;
    let client = client(&url);

    let reply = client
        .call(&OrderCancelRequest::new("W1", "SO-1001"))
        .await
        .unwrap();
    assert_eq!(reply.message.as_deref(), Some("取消成功"));
    assert_eq!(*cancelled.lock().unwrap(), ["SO-1001"]);

    match client
        .call(&OrderCancelRequest::new("W1", "SHIPPED-1"))
        .await
    {
        Err(Error::QimenFailure { code, message, .. }) => {
            assert_eq!(code, "ORDER_SHIPPED");
            assert_eq!(message, "单据已发货，不能取消");
        }
        other => panic!("expected the handler's refusal, got {other:?}"),
    }
    assert_eq!(cancelled.lock().unwrap().len(), 1);
}

/// A call signed by hand: PROTOCOL.md's rule, written out here with md5 directly.
struct Signed {
    params: Vec<(String, String)>,
    body: String,
}

impl Signed {
    fn new(method: &str, body: &str) -> Self {
        let params = [
            ("method", method),
            ("timestamp", NOW_TEXT),
            ("format", "xml"),
            ("app_key", APP_KEY),
            ("v", "2.0"),
            ("sign_method", "md5"),
            ("customerId", CUSTOMER_ID),
        ];
        Signed {
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.to_owned(),
        }
    }

    fn set(mut self, key: &str, value: &str) -> Self {
        match self.params.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.params.push((key.to_owned(), value.to_owned())),
        }
        self
    }

    /// The query string with `sign` over the parameters and the body as they are now.
    fn query(&self) -> String {
        let mut sorted = self.params.clone();
        sorted.sort();
        let mut text = String::from(SECRET);
        for (k, v) in sorted.iter().filter(|(_, v)| !v.is_empty()) {
            text.push_str(k);
            text.push_str(v);
        }
        text.push_str(&self.body);
        text.push_str(SECRET);
        let sign: String = Md5::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(&self.params);
        query.append_pair("sign", &sign);
        query.finish()
    }

    async fn send(&self, url: &str, body: &str) -> String {
        reqwest::Client::new()
            .post(format!("{url}?{}", self.query()))
            .header("content-type", "text/xml;charset=utf-8")
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    async fn post(&self, url: &str) -> String {
        self.send(url, &self.body).await
    }
}

const CANCEL: &str = "taobao.qimen.order.cancel";
const GOOD: &str = r#"<?xml version="1.0" encoding="utf-8"?><request><warehouseCode>W1</warehouseCode><orderCode>SO-2002</orderCode><orderType>JYCK</orderType></request>"#;

fn code(reply: &str) -> &str {
    let start = reply.find("<code>").map(|i| i + 6).unwrap_or(0);
    let end = reply[start..].find('<').map_or(start, |n| start + n);
    &reply[start..end]
}

#[tokio::test]
async fn independently_signed_calls_pass_and_each_tampering_gets_the_routers_error() {
    let cancelled = Arc::new(Mutex::new(Vec::new()));
    let url = serve(wms(Arc::clone(&cancelled)).build()).await;

    let good = Signed::new(CANCEL, GOOD).post(&url).await;
    assert!(good.contains("<flag>success</flag>"), "{good}");
    assert_eq!(*cancelled.lock().unwrap(), ["SO-2002"]);

    // The body changed after signing.
    let tampered = Signed::new(CANCEL, GOOD)
        .send(&url, &GOOD.replace("SO-2002", "SO-9999"))
        .await;
    assert!(
        tampered.starts_with(r#"<?xml version="1.0" encoding="utf-8"?><error_response>"#),
        "{tampered}"
    );
    assert_eq!(code(&tampered), "25");
    let stale = Signed::new(CANCEL, GOOD)
        .set("timestamp", "2026-11-23 17:49:59")
        .post(&url)
        .await;
    assert_eq!(code(&stale), "31", "{stale}");
    let key = Signed::new(CANCEL, GOOD)
        .set("app_key", "someone-else")
        .post(&url)
        .await;
    assert_eq!(code(&key), "29", "{key}");
    let owner = Signed::new(CANCEL, GOOD)
        .set("customerId", "other-owner")
        .post(&url)
        .await;
    assert_eq!(code(&owner), "41", "{owner}");
    assert!(owner.contains("customerId other-owner"), "{owner}");
    let unknown = Signed::new("taobao.qimen.stockout.create", "<request/>")
        .post(&url)
        .await;
    assert_eq!(code(&unknown), "22", "{unknown}");
    assert_eq!(
        cancelled.lock().unwrap().len(),
        1,
        "no refused call reached the handler"
    );

    // Signed correctly, but the body breaks its spec: code 50, naming the field. (An XML
    // body is refused at its first decoding problem; JSON bodies list them all.)
    let invalid = Signed::new(CANCEL, "<request><orderType>JYCK</orderType></request>")
        .post(&url)
        .await;
    assert_eq!(code(&invalid), "50", "{invalid}");
    assert!(
        invalid.contains("missing field `warehouseCode`"),
        "{invalid}"
    );
    let invalid_json = Signed::new(CANCEL, r#"{"orderType":"JYCK"}"#)
        .set("format", "json")
        .post(&url)
        .await;
    assert!(
        invalid_json.contains("warehouseCode") && invalid_json.contains("orderCode"),
        "both missing fields named: {invalid_json}"
    );
    // An entity declaration is refused, never expanded.
    let bomb = Signed::new(
        CANCEL,
        r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><request><warehouseCode>&a;</warehouseCode><orderCode>x</orderCode></request>"#,
    )
    .post(&url)
    .await;
    assert_eq!(code(&bomb), "50", "{bomb}");

    // format=json: the same checks, the reply in JSON.
    let json = Signed::new(CANCEL, r#"{"warehouseCode":"W1","orderCode":"SO-3003"}"#)
        .set("format", "json")
        .post(&url)
        .await;
    assert_eq!(
        json,
        r#"{"response":{"flag":"success","code":"0","message":"取消成功"}}"#
    );
}

#[tokio::test]
async fn large_and_slow_bodies_are_refused_with_the_envelope() {
    let server = wms(Arc::new(Mutex::new(Vec::new())))
        .max_body_bytes(1024)
        .read_timeout(Duration::from_millis(300))
        .build();
    let url = serve(server).await;

    let big = format!(
        "<request><warehouseCode>W1</warehouseCode><orderCode>{}</orderCode></request>",
        "x".repeat(2000)
    );
    let refused = Signed::new(CANCEL, &big).post(&url).await;
    assert_eq!(code(&refused), "50", "{refused}");
    assert!(refused.contains("请求体超过1024字节"), "{refused}");

    // Headers promise 100 bytes; one arrives.
    let address = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let request = format!(
        "POST {QIMEN_PATH}?{} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 100\r\nConnection: close\r\n\r\n<",
        Signed::new(CANCEL, GOOD).query()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut reply = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut reply));
    // The server answers after its read timeout (and may close the connection).
    let _ = read.await;
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("<error_response><code>50</code>"), "{reply}");
    assert!(reply.contains("秒内未读完"), "{reply}");
}
