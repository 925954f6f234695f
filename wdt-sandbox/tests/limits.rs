//! What the sandbox will not read: bodies over its size limit, senders slower than its read
//! timeout, bodies nested too deeply, XML declaring a document type. Each is refused with
//! the envelope of the gateway it was sent to.

mod common;

use std::time::{Duration, Instant};

use common::{api_error, post, start};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wdt::Error;
use wdt_sandbox::SandboxConfig;

fn small() -> SandboxConfig {
    SandboxConfig {
        max_body_bytes: 1024,
        read_timeout: Duration::from_millis(300),
        ..SandboxConfig::default()
    }
}

#[tokio::test]
async fn a_body_over_the_limit_gets_the_gateways_envelope() {
    let sandbox = start(small()).await;
    let (status, body) = post(&sandbox.wdt_url(), vec![b'['; 4096]).await;
    assert_eq!(status, 200);
    let reply: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(reply["status"], 1);
    assert_eq!(
        reply["message"],
        "参数错误: request body larger than 1024 bytes, or unreadable"
    );

    let (status, body) = post(&sandbox.qimen_url(), vec![b'<'; 4096]).await;
    assert_eq!(status, 200);
    assert!(body.contains("<error_response>"), "{body}");
    assert!(body.contains("isv.invalid-parameter"), "{body}");
    assert!(
        body.contains("request body larger than 1024 bytes"),
        "{body}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_slow_sender_is_refused_after_the_read_timeout() {
    let sandbox = start(small()).await;
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .unwrap();
    let started = Instant::now();
    // Headers promise 100 bytes; one arrives, then nothing.
    stream
        .write_all(b"POST /openapi HTTP/1.1\r\nhost: sandbox\r\ncontent-length: 100\r\n\r\n[")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer));
    let _ = read
        .await
        .expect("the sandbox answers or closes within 10 s");
    let answer = String::from_utf8_lossy(&answer);
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        answer.contains("request body not received within 0.3 s"),
        "{answer}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn bodies_nested_too_deeply_or_declaring_a_document_type_are_refused() {
    let sandbox = start(SandboxConfig::default()).await;
    let client = sandbox.wdt_client().build().unwrap();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let error = client
        .call_raw(
            "wms.stockout.Other.cancelOtherOrder",
            &[],
            deep.into_bytes(),
            None,
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(
        api_error(&error),
        (1, "参数错误: nested deeper than 64 levels")
    );

    let qimen = sandbox.qimen_client().build().unwrap();
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><request><warehouseCode>&a;</warehouseCode><orderCode>O1</orderCode></request>"#;
    let error = qimen
        .call_raw("taobao.qimen.order.cancel", bomb.as_bytes().to_vec(), false)
        .await
        .unwrap_err();
    let Error::QimenGateway { sub_msg, .. } = &error else {
        panic!("expected the router's refusal, got {error}");
    };
    assert_eq!(
        sub_msg.as_deref(),
        Some("参数错误: declares a document type; entities are not accepted")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_outlives_the_body_read_timeout() {
    // Found by the soak: when idle connections were closed after the (short) body read
    // timeout, clients sending on a pooled connection got "connection reset".
    let sandbox = start(small()).await;
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .unwrap();
    let request = b"POST /openapi HTTP/1.1\r\nhost: sandbox\r\ncontent-length: 2\r\n\r\n[]";
    let mut answer = [0u8; 4096];
    for round in 0..2 {
        stream.write_all(request).await.unwrap();
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
            .await
            .expect("an answer within 5 s")
            .unwrap();
        let text = String::from_utf8_lossy(&answer[..read]);
        assert!(text.starts_with("HTTP/1.1 200"), "round {round}: {text}");
        // Idle for twice the body read timeout before the next request.
        tokio::time::sleep(Duration::from_millis(600)).await;
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn method_names_outside_the_catalogue_are_counted_together() {
    let gateways = wdt_sandbox::Gateways::new(SandboxConfig::default()).unwrap();
    for i in 0..1_000 {
        let query = format!("/openapi?method=no.such.Method{i}&sid=x");
        let answer = gateways.answer("POST", &query, "[]".into()).await;
        assert!(
            matches!(answer, wdt_sandbox::Answer::Reply { status: 200, .. }),
            "{answer:?}"
        );
    }
    let answer = gateways
        .answer(
            "POST",
            "/openapi?method=wms.stockout.Sales.searchCancel",
            "[]".into(),
        )
        .await;
    assert!(matches!(answer, wdt_sandbox::Answer::Reply { .. }));
    let counts = gateways.call_counts();
    assert_eq!(counts.len(), 2, "{counts:?}");
    assert_eq!(counts[wdt_sandbox::NOT_IN_CATALOGUE], 1_000);
    assert_eq!(counts["wms.stockout.Sales.searchCancel"], 1);
}
