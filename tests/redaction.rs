//! Personal data (fields the spec marks `sensitive`) never shows in `Debug` output: the
//! doc pages' own example replies are decoded and printed, and none of their names, phones
//! or addresses appear.

use std::collections::BTreeSet;
use std::path::Path;

use wdt::Endpoint;

/// Every text value of the reply, split by whether its key is sensitive.
fn texts(
    value: &serde_json::Value,
    keys: &BTreeSet<String>,
    sensitive: &mut BTreeSet<String>,
    other: &mut BTreeSet<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match value {
                    serde_json::Value::String(s) if keys.contains(key) => {
                        sensitive.insert(s.clone());
                    }
                    serde_json::Value::String(s) => {
                        other.insert(s.clone());
                    }
                    nested => texts(nested, keys, sensitive, other),
                }
            }
        }
        serde_json::Value::Array(items) => {
            items.iter().for_each(|v| texts(v, keys, sensitive, other));
        }
        _ => {}
    }
}

fn assert_redacted<E: Endpoint>() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let catalog = wdt_spec::load_catalog(&root, Path::new("specs")).unwrap();
    let spec = catalog
        .specs
        .iter()
        .find(|s| s.endpoint.method == E::METHOD)
        .unwrap();
    let keys: BTreeSet<String> = spec
        .structs
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.sensitive)
        .map(|f| f.wire_name.clone())
        .collect();
    assert!(!keys.is_empty(), "{} marks personal data", E::METHOD);
    let example = spec
        .examples
        .response
        .as_deref()
        .expect("a response example");
    let reply: serde_json::Value = serde_json::from_str(example).unwrap();
    let (mut sensitive, mut other) = (BTreeSet::new(), BTreeSet::new());
    texts(&reply, &keys, &mut sensitive, &mut other);
    // A placeholder such as "1111" that the example also puts in an ordinary field says
    // nothing about redaction.
    let values: Vec<String> = sensitive
        .difference(&other)
        .filter(|v| v.trim().chars().count() > 1)
        .cloned()
        .collect();
    assert!(
        !values.is_empty(),
        "{}: the example holds personal data",
        E::METHOD
    );
    let data: E::Response = wdt::runtime::wdt::read_reply(E::METHOD, example.as_bytes())
        .unwrap()
        .data;
    let printed = format!("{data:?}");
    assert!(printed.contains("<redacted>"), "{printed}");
    for value in values {
        // As Debug prints it, quoted: "zd" must not match inside "zd2023…".
        let quoted = format!("{value:?}");
        assert!(
            !printed.contains(&quoted),
            "{}: {quoted} shows in Debug",
            E::METHOD
        );
    }
}

#[test]
fn trade_queries_hide_receivers() {
    assert_redacted::<wdt::sales::trade_query::query_with_detail::Request>();
}

#[test]
fn raw_trades_hide_buyers() {
    assert_redacted::<wdt::sales::raw_trade::search::Request>();
}
