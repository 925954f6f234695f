//! Replies a client refuses before decoding them whole: too large, too deep, an XML
//! document type (where entities would be declared). Over loopback, against the scripted
//! gateway.

mod support;

use support::{Gateway, Reply};
use wdt::Error;
use wdt::runtime::limits::LimitError;
use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
use wdt::{Api, QimenApi};

#[tokio::test]
async fn a_reply_over_the_size_limit_is_not_read_whole() {
    let big = format!(
        r#"{{"status":0,"data":{{"note":"{}"}}}}"#,
        "x".repeat(200_000)
    );
    let gateway = Gateway::start(move |_, _| Reply::Json(big.clone())).await;
    let client = gateway.client().max_reply_bytes(100_000).build().unwrap();
    let error = client
        .wms()
        .stockout()
        .other()
        .cancel_other_order("CK1".into(), true)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ReplyTooLarge { limit: 100_000, .. }),
        "{error}"
    );
    assert!(!error.is_transient(), "a size limit is not retried");

    // The same reply under the default limit is read (and decoded as far as the spec goes).
    let client = gateway.client().build().unwrap();
    let read = client
        .wms()
        .stockout()
        .other()
        .cancel_other_order("CK1".into(), true)
        .await;
    assert!(
        !matches!(read, Err(Error::ReplyTooLarge { .. })),
        "{read:?}"
    );
}

#[tokio::test]
async fn a_reply_nested_100000_levels_deep_is_refused_before_decoding() {
    let deep = format!(
        r#"{{"status":0,"data":{}1{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let gateway = Gateway::start(move |_, _| Reply::Json(deep.clone())).await;
    let client = gateway.client().build().unwrap();
    let error = client
        .wms()
        .stockout()
        .other()
        .cancel_other_order("CK1".into(), true)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ReplyRefused {
                reason: LimitError::TooDeep(64),
                ..
            }
        ),
        "{error}"
    );
}

#[tokio::test]
async fn an_xml_entity_bomb_is_refused_and_nothing_expanded() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><response><flag>success</flag><code>0</code><message>&c;</message></response>"#;
    let gateway = Gateway::start(move |_, _| Reply::Xml(bomb.into())).await;
    let client = wdt::QimenClient::builder()
        .app_key("testerp_appkey")
        .secret("sandboxsecret")
        .customer_id("stub-cust-code")
        .base_url(gateway.url())
        .build()
        .unwrap();
    let error = client
        .taobao()
        .qimen()
        .order()
        .cancel(OrderCancelRequest::new("W1", "O1"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ReplyRefused {
                reason: LimitError::DocumentType,
                ..
            }
        ),
        "{error}"
    );
}
