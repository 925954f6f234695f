//! The sandbox serves the whole catalogue: every 旗舰版 method of `wdt::ENDPOINTS` takes its
//! page's request example and answers it with the page's response example, value by value,
//! unless the example is one the project's review found breaking its page's own rule
//! (`tests/example-exceptions.toml`): then the sandbox must refuse it with that violation.
//! The expectation comes from the reviewed list, not from the code the sandbox runs.

mod common;

use common::start;
use std::collections::BTreeMap;

use wdt::Error;
use wdt::runtime::{Pager, Protocol};
use wdt_sandbox::SandboxConfig;

/// The violation each listed request example produces, by method.
fn listed_refusals() -> BTreeMap<String, String> {
    let text = include_str!("../../tests/example-exceptions.toml");
    let file: toml::Table = toml::from_str(text).expect("tests/example-exceptions.toml parses");
    file.values()
        .filter_map(toml::Value::as_table)
        .flatten()
        .filter_map(|(method, entry)| {
            let violation = entry.get("request")?.get("violation")?.as_str()?;
            Some((method.clone(), violation.to_owned()))
        })
        .collect()
}

/// The `data` of a page's response example, or why the client must refuse that reply.
fn expected_data(example: Option<&str>) -> Result<serde_json::Value, &'static str> {
    let Some(text) = example else {
        return Ok(serde_json::Value::Null);
    };
    let reply: serde_json::Value =
        serde_json::from_str(text).map_err(|_| "the page's response example is not JSON")?;
    match reply.get("status").and_then(serde_json::Value::as_i64) {
        Some(0) | None => Ok(reply.get("data").cloned().unwrap_or_default()),
        Some(_) => Err("the page's response example is an error"),
    }
}

#[tokio::test]
async fn every_method_checks_its_example_and_answers_with_the_page_reply() {
    let sandbox = start(SandboxConfig {
        examples_only: true,
        ..SandboxConfig::default()
    })
    .await;
    let client = sandbox.wdt_client().build().unwrap();
    let listed = listed_refusals();
    let (mut answered, mut refused) = (0, 0);
    for info in wdt::ENDPOINTS
        .iter()
        .filter(|info| info.protocol == Protocol::Wdt)
    {
        let Some(example) = info.example_request else {
            continue;
        };
        let pager = info.paging.map(|paging| Pager {
            page_no: 0,
            page_size: paging.default_page_size,
            calc_total: true,
        });
        let reply = client
            .call_raw(
                info.method,
                info.args,
                example.as_bytes().to_vec(),
                pager,
                true,
            )
            .await;
        match (listed.get(info.method), reply) {
            (None, reply) => {
                answered += 1;
                match (expected_data(info.example_response), reply) {
                    (Ok(data), Ok(reply)) => {
                        let got: serde_json::Value =
                            serde_json::from_str(reply.data.get()).unwrap();
                        assert_eq!(got, data, "{}: the page's response example", info.method);
                    }
                    (Err(why), Err(_)) => eprintln!("{}: refused reply, as {why}", info.method),
                    (expected, got) => {
                        panic!("{}: expected {expected:?}, got {got:?}", info.method)
                    }
                }
            }
            (
                Some(violation),
                Err(Error::Api {
                    status, message, ..
                }),
            ) => {
                refused += 1;
                assert!(
                    status == 1 && message.contains(violation.as_str()),
                    "{}: refused with {status} {message:?}, expected the listed {violation:?}",
                    info.method
                );
            }
            (Some(violation), reply) => {
                panic!(
                    "{}: listed as refused ({violation}) but the sandbox answered {reply:?}",
                    info.method
                )
            }
        }
    }
    eprintln!("{answered} examples answered, {refused} refused as reviewed");
    assert_eq!(
        refused,
        listed.len(),
        "every listed example was sent and refused"
    );
}

/// Every Qimen method the sandbox only validates: an empty `<request/>` is refused with
/// code 50 naming a missing field when the method has required ones, and otherwise
/// answered with the method's own response type, which its spec then reads back.
#[tokio::test]
async fn every_other_qimen_method_validates_and_answers_its_typed_reply() {
    let sandbox = common::sandbox().await;
    let client = sandbox.qimen_client().build().unwrap();
    let on_the_erp = [
        "taobao.qimen.order.cancel",
        "taobao.qimen.deliveryorder.create",
        "taobao.qimen.deliveryorder.query",
        "taobao.qimen.entryorder.create",
        "taobao.qimen.entryorder.confirm",
    ];
    let (mut answered, mut refused) = (0, 0);
    for info in wdt::ENDPOINTS
        .iter()
        .filter(|info| info.protocol == Protocol::Qimen && !on_the_erp.contains(&info.method))
    {
        let empty = b"<request/>".to_vec();
        let expected = info.check(&empty, None);
        match (expected, client.call_raw(info.method, empty, false).await) {
            (Ok(_), Ok(reply)) => {
                answered += 1;
                (info.check_response)(&reply)
                    .unwrap_or_else(|e| panic!("{}: the reply does not decode: {e}", info.method));
                let text = std::str::from_utf8(&reply).unwrap();
                assert!(
                    text.contains("<flag>success</flag>"),
                    "{}: {text}",
                    info.method
                );
            }
            (Err(rejection), Err(Error::QimenGateway { code, sub_msg, .. })) => {
                refused += 1;
                assert_eq!(code, "50", "{}", info.method);
                assert_eq!(
                    sub_msg.as_deref(),
                    Some(
                        wdt_server::GatewayError::rejected(rejection)
                            .sub_msg
                            .as_str()
                    ),
                    "{}: the spec's own words",
                    info.method
                );
            }
            (expected, got) => panic!("{}: expected {expected:?}, got {got:?}", info.method),
        }
    }
    eprintln!("{answered} Qimen methods answered an empty request, {refused} refused it");
    assert_eq!(answered + refused, 58);
    assert!(answered > 0 && refused > 0);
}
