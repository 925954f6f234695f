//! Every doc page's examples go through the typed endpoint: the request example (5.请求示例)
//! decodes into the typed request and passes validation; the response example
//! (6.1 正常响应示例) decodes into the typed response.
//!
//! Examples that cannot are listed in `tests/example-exceptions.toml`, each with the page's
//! own rule it breaks and the violation that rule produces; this test keeps that list exact:
//! a listed example must fail with that violation, and one that passes must be removed.
//! Pages without an example are counted, not listed.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Exception {
    request: Option<Broken>,
    response: Option<Broken>,
}

/// Why an example cannot pass: the page's rule, quoted, and the violation it produces.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Broken {
    rule: String,
    violation: String,
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
    let (mut checked, mut failing, mut missing) = (0, 0, 0);
    for info in wdt::ENDPOINTS {
        let listed = exceptions.get(info.method);
        let request = info.example_request.map(|example| {
            (info.check_request)(example.as_bytes(), None, false)
                .map(drop)
                .map_err(|e| e.to_string())
        });
        let response = info.example_response.map(|example| {
            payload(info, example).and_then(|payload| (info.check_response)(payload.as_bytes()))
        });
        for (what, result, reason) in [
            ("request", request, listed.and_then(|e| e.request.as_ref())),
            (
                "response",
                response,
                listed.and_then(|e| e.response.as_ref()),
            ),
        ] {
            let Some(result) = result else {
                missing += 1;
                if reason.is_some() {
                    problems.push(format!(
                        "{}: the page has no {what} example; remove it from tests/example-exceptions.toml",
                        info.method
                    ));
                }
                continue;
            };
            checked += 1;
            match (result, reason) {
                (Ok(()), Some(_)) => problems.push(format!(
                    "{}: the {what} example passes now; remove it from tests/example-exceptions.toml",
                    info.method
                )),
                (Err(error), None) => problems.push(format!(
                    "{}: the {what} example fails ({error}); fix the spec or list it in tests/example-exceptions.toml",
                    info.method
                )),
                (Err(error), Some(broken)) if !error.contains(&broken.violation) => {
                    problems.push(format!(
                        "{}: the {what} example fails with ({error}), not with the listed violation ({}) of the rule {:?}",
                        info.method, broken.violation, broken.rule
                    ))
                }
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
    println!(
        "{} endpoints, {checked} examples ({missing} missing from their pages): {} round-trip, {failing} listed as breaking their page's own rule ({:.1}%)",
        wdt::ENDPOINTS.len(),
        checked - failing,
        100.0 * failing as f64 / checked as f64
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
