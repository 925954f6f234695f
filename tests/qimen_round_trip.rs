//! XML round trips of every Qimen method, as a property test: for each method, requests
//! and responses with every field set are generated from its spec (strings with XML's
//! special characters, Chinese and empty ones, numbers, dates, enum values, lists of one to
//! three items, nested lists, maps), encoded to XML by the generated types and read back;
//! what comes back must equal what went in. Each case draws new values; a failure names
//! the method and the seed that replays it.

use std::path::Path;

use serde_json::{Map, Value};
use wdt::{EndpointInfo, Protocol};
use wdt_spec::model::WireValue;
use wdt_spec::model::{Catalog, Enum, Spec, Type};

/// Cases per method and direction.
const CASES: u64 = 24;

fn catalog() -> Catalog {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    wdt_spec::load_catalog(&specs, Path::new("specs")).expect("the committed specs load")
}

struct Generator<'a> {
    rng: fastrand::Rng,
    spec: &'a Spec,
    codes: &'a [Enum],
}

const PIECES: &[&str] = &[
    "W1234",
    "仓库",
    "a<b",
    "x&y",
    "\"q\"",
    "it's",
    "JYCK",
    "备注 说明",
    "42",
    "-",
    "＞",
];

impl Generator<'_> {
    /// A value of `ty`; `""` only where `optional` (an optional field of a struct: an empty
    /// element there is an absent field, see [`without_empty`]).
    fn value(&mut self, ty: &Type, depth: usize) -> Value {
        self.value_of(ty, depth, false)
    }

    fn value_of(&mut self, ty: &Type, depth: usize, optional: bool) -> Value {
        match ty {
            Type::String | Type::Any => Value::String(self.text(optional)),
            Type::Int => Value::from(self.rng.i32(-1000..100_000)),
            Type::Long => Value::from(self.rng.i64(-1_000_000..10_000_000_000)),
            Type::Decimal => {
                let cents = self.rng.i64(-100_000..10_000_000);
                // Written as the decimal type writes itself: no trailing zeros.
                let text = rust_decimal::Decimal::new(cents, 2).normalize().to_string();
                Value::String(text)
            }
            Type::Bool => Value::Bool(self.rng.bool()),
            Type::DateTime => Value::String(format!(
                "2026-{:02}-{:02} {:02}:{:02}:{:02}",
                self.rng.u8(1..13),
                self.rng.u8(1..29),
                self.rng.u8(0..24),
                self.rng.u8(0..60),
                self.rng.u8(0..60)
            )),
            Type::Date => Value::String(format!(
                "2026-{:02}-{:02}",
                self.rng.u8(1..13),
                self.rng.u8(1..29)
            )),
            Type::Enum(name) => {
                let values = &self
                    .spec
                    .enum_named(name)
                    .expect("the spec defines its enums")
                    .values;
                wire(&values[self.rng.usize(..values.len())].wire)
            }
            Type::Code(name) => {
                let table = self
                    .codes
                    .iter()
                    .find(|e| &e.name == name)
                    .expect("a code table");
                wire(&table.values[self.rng.usize(..table.values.len())].wire)
            }
            Type::Struct(name) => self.structure(name, depth),
            Type::List(inner) => {
                let n = if depth > 6 { 1 } else { self.rng.usize(1..4) };
                Value::Array((0..n).map(|_| self.value(inner, depth + 1)).collect())
            }
            // (A list with an item element is wrapped by the field, below.)
            Type::Map(inner) => {
                let n = self.rng.usize(1..3);
                Value::Object(
                    (0..n)
                        .map(|i| (format!("key{i}"), self.value(inner, depth + 1)))
                        .collect(),
                )
            }
            Type::Json(inner) => Value::String(self.value(inner, depth + 1).to_string()),
        }
    }

    fn structure(&mut self, name: &str, depth: usize) -> Value {
        let fields = &self
            .spec
            .struct_named(name)
            .expect("the spec defines its structs")
            .fields;
        let mut object = Map::new();
        for field in fields {
            let value = match (field.min.is_some() || field.max.is_some(), &field.ty) {
                // A bounded number (pageSize 最多100条): a whole one within its bounds.
                (true, Type::Int | Type::Long | Type::Decimal) => {
                    let bound = |n: &Option<wdt_spec::file::Number>| {
                        n.as_ref().map(|n| match n {
                            wdt_spec::file::Number::Int(i) => *i,
                            wdt_spec::file::Number::Float(f) => f.ceil() as i64,
                        })
                    };
                    let low = bound(&field.min).unwrap_or(0);
                    let high = bound(&field.max).unwrap_or(low + 1000);
                    let n = self.rng.i64(low..=high);
                    match field.ty {
                        Type::Decimal => Value::String(n.to_string()),
                        _ => Value::from(n),
                    }
                }
                _ => self.value_of(&field.ty, depth + 1, !field.required),
            };
            // The JSON form of a Qimen list mirrors its XML: `{ "item": [ … ] }`.
            let value = match &field.xml_item {
                Some(item) => Value::Object(Map::from_iter([(item.clone(), value)])),
                None => value,
            };
            object.insert(field.wire_name.clone(), value);
        }
        Value::Object(object)
    }

    /// One to three pieces, or (one time in eight, where allowed) an empty string.
    fn text(&mut self, may_be_empty: bool) -> String {
        if may_be_empty && self.rng.u8(..8) == 0 {
            return String::new();
        }
        (0..self.rng.usize(1..4))
            .map(|_| PIECES[self.rng.usize(..PIECES.len())])
            .collect::<Vec<_>>()
            .join("")
    }
}

fn wire(value: &WireValue) -> Value {
    match value {
        WireValue::Int(i) => Value::from(*i),
        WireValue::Str(s) => Value::String(s.clone()),
        WireValue::Bool(b) => Value::Bool(*b),
    }
}

/// XML carries text only: numbers, booleans and strings compare by their text.
fn as_text(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Array(items) => Value::Array(items.iter().map(as_text).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), as_text(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// On the wire an empty value is no value (`Wire::is_blank`: `<ownerCode></ownerCode>` and
/// `"ownerCode": ""` read as absent), so a generated `""` comes back as no field.
fn without_empty(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(without_empty).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .filter(|(_, v)| v.as_str() != Some(""))
                .map(|(k, v)| (k.clone(), without_empty(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn info(method: &str) -> &'static EndpointInfo {
    wdt::ENDPOINTS
        .iter()
        .find(|info| info.method == method && info.protocol == Protocol::Qimen)
        .expect("every Qimen spec is in the catalogue")
}

#[test]
fn every_qimen_request_and_response_survives_xml() {
    let catalog = catalog();
    let qimen: Vec<&Spec> = catalog
        .specs
        .iter()
        .filter(|s| s.endpoint.protocol == wdt_spec::model::Protocol::Qimen)
        .collect();
    assert_eq!(qimen.len(), 63, "the 63 standard Qimen methods");
    let (mut requests, mut responses) = (0, 0);
    for spec in qimen {
        let info = info(&spec.endpoint.method);
        let request_json = info
            .request_json
            .expect("Qimen endpoints read requests back");
        let response_xml = info.response_xml.expect("Qimen endpoints write responses");
        for seed in 0..CASES {
            let mut generator = Generator {
                rng: fastrand::Rng::with_seed(seed),
                spec,
                codes: &catalog.codes,
            };
            let method = &spec.endpoint.method;
            let request = generator.value(&spec.args[0].ty, 0);
            let xml = (info.encode_request)(request.to_string().as_bytes(), None, false)
                .unwrap_or_else(|e| panic!("{method} seed {seed}: request refused: {e}"))
                .value;
            let back = request_json(&xml).unwrap_or_else(|e| {
                let shown = String::from_utf8_lossy(&xml);
                panic!("{method} seed {seed}: request unreadable: {e}\n{shown}")
            });
            assert_eq!(
                as_text(&back),
                without_empty(&as_text(&request)),
                "{method} seed {seed}: request changed through\n{}",
                String::from_utf8_lossy(&xml)
            );
            requests += 1;

            let Some(response_type) = spec.response.as_ref().map(|r| &r.ty) else {
                continue;
            };
            let response = generator.value(response_type, 0);
            let xml = response_xml(response.to_string().as_bytes())
                .unwrap_or_else(|e| panic!("{method} seed {seed}: response not written: {e}"));
            let back = (info.response_json)(&xml).unwrap_or_else(|e| {
                let shown = String::from_utf8_lossy(&xml);
                panic!("{method} seed {seed}: response unreadable: {e}\n{shown}")
            });
            assert_eq!(
                as_text(&back),
                without_empty(&as_text(&response)),
                "{method} seed {seed}: response changed through\n{}",
                String::from_utf8_lossy(&xml)
            );
            responses += 1;
        }
    }
    println!("round trips: {requests} requests, {responses} responses");
    assert_eq!(requests, 63 * CASES);
    assert_eq!(responses, 63 * CASES);
}

#[test]
fn a_plain_json_array_is_a_qimen_list_too() {
    let info = info("taobao.qimen.channelinventory.query");
    let wrapped = br#"{"ownerCode":"H1","itemCodes":{"itemCode":["A","B"]}}"#;
    let plain = br#"{"ownerCode":"H1","itemCodes":["A","B"]}"#;
    let xml = |json: &[u8]| (info.encode_request)(json, None, false).unwrap().value;
    assert_eq!(xml(plain), xml(wrapped));
    assert!(
        String::from_utf8(xml(plain))
            .unwrap()
            .contains("<itemCodes><itemCode>A</itemCode><itemCode>B</itemCode></itemCodes>")
    );
}
