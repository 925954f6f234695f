//! Every doc page's examples go through the typed endpoint: the request example (5.请求示例)
//! decodes into the typed request and passes validation; the response example
//! (6.1 正常响应示例) decodes into the typed response.
//!
//! Examples that cannot are listed, with the reason, in `tests/example-exceptions.toml`;
//! this test keeps that list exact (an exception that no longer fails is an error too).

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Exception {
    request: Option<String>,
    response: Option<String>,
}

fn exceptions() -> BTreeMap<String, Exception> {
    let text = include_str!("example-exceptions.toml");
    let file: BTreeMap<String, BTreeMap<String, Exception>> =
        toml::from_str(text).expect("tests/example-exceptions.toml parses");
    file.into_values().flatten().collect()
}

/// The payload the spec types: `data` (旗舰版) or the whole `<response>` (Qimen).
fn payload(info: &wdt::EndpointInfo, example: &str) -> Result<String, String> {
    match info.protocol {
        wdt::Protocol::Qimen => Ok(example.to_owned()),
        wdt::Protocol::Wdt => {
            let reply: serde_json::Value =
                serde_json::from_str(example).map_err(|e| format!("not JSON: {e}"))?;
            Ok(reply.get("data").map_or("null".into(), ToString::to_string))
        }
    }
}

#[test]
fn doc_examples_round_trip() {
    let exceptions = exceptions();
    let mut problems = Vec::new();
    let mut failing = 0;
    for info in wdt::ENDPOINTS {
        let listed = exceptions.get(info.method);
        let request = match info.example_request {
            Some(example) => (info.check_request)(example.as_bytes()).map_err(|e| e.to_string()),
            None => Err("the page has no request example".into()),
        };
        let response = match info.example_response {
            Some(example) => {
                payload(info, example).and_then(|payload| (info.check_response)(payload.as_bytes()))
            }
            None => Err("the page has no response example".into()),
        };
        for (what, result, reason) in [
            ("request", &request, listed.and_then(|e| e.request.as_ref())),
            (
                "response",
                &response,
                listed.and_then(|e| e.response.as_ref()),
            ),
        ] {
            match (result, reason) {
                (Ok(()), Some(_)) => problems.push(format!(
                    "{}: the {what} example passes now; remove it from tests/example-exceptions.toml",
                    info.method
                )),
                (Err(error), None) => problems.push(format!(
                    "{}: the {what} example fails ({error}); fix the spec or list it in tests/example-exceptions.toml",
                    info.method
                )),
                (Err(_), Some(_)) => failing += 1,
                (Ok(()), None) => {}
            }
        }
    }
    for method in exceptions.keys() {
        if !wdt::ENDPOINTS.iter().any(|e| e.method == method) {
            problems.push(format!(
                "{method}: listed in tests/example-exceptions.toml but not an endpoint"
            ));
        }
    }
    let checked = wdt::ENDPOINTS.len() * 2;
    println!(
        "{} endpoints, {checked} examples: {} round-trip, {failing} listed as exceptions ({:.1}%)",
        wdt::ENDPOINTS.len(),
        checked - failing,
        100.0 * failing as f64 / checked as f64
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
