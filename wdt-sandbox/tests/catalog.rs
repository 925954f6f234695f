//! The sandbox serves the whole catalogue: every 旗舰版 method of `wdt::ENDPOINTS` takes its
//! page's request example, checks it by the spec exactly as the client's own check does, and
//! answers an accepted one with the page's response example.

mod common;

use common::start;
use wdt::Error;
use wdt::runtime::{Pager, Protocol, Rejection};
use wdt_sandbox::SandboxConfig;

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
        let verdict = info.check(example.as_bytes(), pager.map(|pager| pager.page_size));
        let reply = client
            .call_raw(info.method, example.as_bytes().to_vec(), pager, true)
            .await;
        match (verdict, reply) {
            (Ok(_), reply) => {
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
                Err(rejection),
                Err(Error::Api {
                    status, message, ..
                }),
            ) => {
                refused += 1;
                match rejection {
                    Rejection::Invalid(violations) => {
                        assert_eq!(
                            (status, message),
                            (1, violations.to_string()),
                            "{}: the client's own words",
                            info.method
                        );
                    }
                    Rejection::Decode(reason) => {
                        assert!(
                            matches!(status, 1 | 2)
                                && reason.contains(message.trim_start_matches("参数错误: ")),
                            "{}: decode refusal {status} {message:?} for {reason:?}",
                            info.method
                        );
                    }
                }
            }
            (Err(rejection), reply) => {
                panic!(
                    "{}: the client refuses ({rejection}) but the sandbox answered {reply:?}",
                    info.method
                )
            }
        }
    }
    eprintln!("{answered} examples answered, {refused} refused as the client would");
    assert!(answered > refused, "most page examples are valid requests");
}
