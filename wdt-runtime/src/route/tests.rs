use std::sync::Arc;

use md5::{Digest, Md5};
use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::clock::FixedClock;
use crate::sign::{as_str, flatten_json, route_wdt_sign};

/// The body fields of PROTOCOL.md's vector QC1 (`wdt3_customer_id` is sent, not signed).
const QC1_FIELDS: [(&str, &str); 6] = [
    ("datetime", "2020-09-17 19:22:26"),
    ("wdt_salt", "salt"),
    ("wdt_appkey", "wdt_appkey"),
    ("wdt3_customer_id", "wdtapi3"),
    ("pager", r#"{"page_no":1,"page_size":10}"#),
    (
        "params",
        r#"{"end_date":"2020-09-20 00:00:00","spec_no":null,"start_date":"2020-08-23 00:00:00","warehouse_no":"1001"}"#,
    ),
];

#[test]
fn vector_qc1() {
    let sign = route_wdt_sign(
        "secret",
        "wdt.wms.stockspec.querychangehistory",
        &QC1_FIELDS,
    );
    assert_eq!(as_str(&sign), "1f5e87bbbc8bc68f4f0af70f79620b7d");
    // The name the route signs is the 旗舰版 method's, lower-cased, after `wdt.`.
    assert_eq!(
        route_method("wms.StockSpec.queryChangeHistory"),
        "wdt.wms.stockspec.querychangehistory"
    );
}

#[test]
fn vector_qc1_hashed_string_and_its_wrong_variants() {
    let md5 = |text: &str| md5_hex(text);
    let hashed = "secretdatetime2020-09-17 19:22:26methodwdt.wms.stockspec.querychangehistorypagerpage_no1page_size10paramsend_date2020-09-20 00:00:00start_date2020-08-23 00:00:00warehouse_no1001wdt_appkeywdt_appkeywdt_saltsaltsecret";
    assert_eq!(md5(hashed), "1f5e87bbbc8bc68f4f0af70f79620b7d");
    let mut flat = String::new();
    assert!(flatten_json(QC1_FIELDS[5].1, &mut flat));
    assert_eq!(
        flat,
        "end_date2020-09-20 00:00:00start_date2020-08-23 00:00:00warehouse_no1001"
    );
    // PROTOCOL.md's wrong answers: the prefix kept in the name, or the null key signed.
    let prefixed = route_wdt_sign(
        "secret",
        "3ldsmu02o9.wdt.wms.stockspec.querychangehistory",
        &QC1_FIELDS,
    );
    assert_eq!(as_str(&prefixed), "d85bf26de8baf7d917e182b83ad26e88");
    let with_null = hashed.replace(
        "end_date2020-09-20 00:00:00",
        "end_date2020-09-20 00:00:00spec_no",
    );
    assert_eq!(md5(&with_null), "a58f06cbf436eea64122bb3d067e4108");
}

/// An independent reading of PROTOCOL.md's flattening rule, building the whole string
/// from a parsed `serde_json::Value` (the runtime walks raw JSON text instead).
fn reference_sign(secret: &str, method: &str, fields: &[(String, String)]) -> String {
    fn flat(value: &Value, out: &mut String) {
        match value {
            Value::Null => {}
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::String(s) => out.push_str(s),
            Value::Array(items) => items.iter().for_each(|item| flat(item, out)),
            Value::Object(members) => {
                let mut keys: Vec<&String> = members.keys().collect();
                keys.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
                for key in keys {
                    if !members[key].is_null() {
                        out.push_str(key);
                        flat(&members[key], out);
                    }
                }
            }
        }
    }
    let mut signed: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| !["wdt_sign", "wdt3_customer_id", "target_app_key"].contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    signed.push(("method", method));
    signed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut text = secret.to_owned();
    for (key, value) in signed {
        text.push_str(key);
        match serde_json::from_str::<Value>(value) {
            Ok(parsed @ (Value::Object(_) | Value::Array(_))) => flat(&parsed, &mut text),
            _ => text.push_str(value),
        }
    }
    text.push_str(secret);
    md5_hex(&text)
}

/// Lowercase hex md5, written here rather than taken from `sign`.
fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        // Decimals in their shortest form, which the reference's parse-and-print keeps.
        (-100_000_000i64..100_000_000).prop_map(|n| Value::from(n as f64 / 100.0)),
        "[a-z0-9 :_\\-\u{4e00}-\u{4e20}\"\\\\/\n]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A body field as form text: plain text, or a JSON value written by serde_json.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 :\\-]{0,16}",
        json_value().prop_map(|v| v.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn flattening_matches_an_independent_reading(
        fields in prop::collection::btree_map(
            prop_oneof![
                Just("params".to_owned()),
                Just("pager".to_owned()),
                Just("wdt3_customer_id".to_owned()),
                "[a-z_]{1,10}",
            ],
            field_text(),
            1..6,
        ),
        secret in "[a-z0-9]{1,12}",
    ) {
        let fields: Vec<(String, String)> = fields.into_iter().collect();
        let borrowed: Vec<(&str, &str)> =
            fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let ours = route_wdt_sign(&secret, "wdt.sales.tradequery.querywithdetail", &borrowed);
        let theirs = reference_sign(&secret, "wdt.sales.tradequery.querywithdetail", &fields);
        prop_assert_eq!(as_str(&ours), theirs.as_str());
    }
}

#[test]
fn numbers_are_signed_as_written() {
    let mut flat = String::new();
    assert!(flatten_json(
        r#"[{"price":1.10,"num":2,"ok":true,"x":null},"a\u00e9"]"#,
        &mut flat
    ));
    assert_eq!(flat, "num2oktrueprice1.10aé");
    flat.clear();
    assert!(!flatten_json("[not json", &mut flat));
    assert!(!flatten_json("plain", &mut flat));
    assert!(flat.is_empty());
}

#[test]
fn arguments_become_fields_named_after_them() {
    let fields = route_args(
        "wms.outer.OuterOut.createOrder",
        &["order", "detail_list", "is_check"],
        br#"[{"warehouse_no":"pos"},[{"spec_no":"A","num":2}],false]"#,
    )
    .unwrap();
    assert_eq!(
        fields,
        [
            ("order", r#"{"warehouse_no":"pos"}"#.to_owned()),
            ("detail_list", r#"[{"spec_no":"A","num":2}]"#.to_owned()),
            ("is_check", "false".to_owned()),
        ]
    );
    let strings = route_args("m", &["order_no", "note", "force"], br#"["CK\"1",null]"#).unwrap();
    assert_eq!(strings, [("order_no", "CK\"1".to_owned())]);
    let too_many = route_args("m", &["a"], b"[1,2]").unwrap_err();
    assert!(
        too_many.to_string().contains("2 arguments for the 1"),
        "{too_many}"
    );
}

fn route_client(clock: i64) -> crate::WdtClient {
    crate::WdtClient::builder()
        .sid("wdtapi3")
        .app_key("wdt_appkey")
        .app_secret("secret:salt")
        .qimen_route(QimenRoute::new("qm_key", "qm_secret").router_url("http://127.0.0.1:9"))
        .clock(Arc::new(FixedClock::new(clock)))
        .build()
        .unwrap()
}

#[test]
fn a_prepared_call_carries_both_signatures() {
    // 2020-09-17 19:22:26 Beijing time.
    let client = route_client(1_600_341_746);
    let body = br#"[{"end_date":"2020-09-20 00:00:00","start_date":"2020-08-23 00:00:00","warehouse_no":"1001"}]"#;
    let pager = Pager {
        page_no: 0,
        page_size: 10,
        calc_total: true,
    };
    let prepared = client
        .prepare_raw(
            "wms.StockSpec.queryChangeHistory",
            &["params"],
            body.to_vec(),
            Some(pager),
        )
        .unwrap();
    assert_eq!(prepared.address(), "http://127.0.0.1:9/router/qm");
    assert_eq!(prepared.content_type, FORM_CONTENT_TYPE);
    let form: Vec<(String, String)> = form_urlencoded::parse(&prepared.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |key: &str| form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    // The 0-based page of the direct API is page 1 on the route.
    assert_eq!(field("pager"), Some(r#"{"page_no":1,"page_size":10}"#));
    assert_eq!(field("datetime"), Some("2020-09-17 19:22:26"));
    assert_eq!(field("wdt3_customer_id"), Some("wdtapi3"));
    // QC1's fields apart from the null spec_no, which the encoded body already leaves out.
    assert_eq!(field("wdt_sign"), Some("1f5e87bbbc8bc68f4f0af70f79620b7d"));
    let query: Vec<(String, String)> = prepared.shown_query();
    let param = |key: &str| {
        query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(
        param("method"),
        Some("wdt.wms.stockspec.querychangehistory")
    );
    assert_eq!(param("target_app_key"), Some(WDT_TARGET_APP_KEY));
    assert_eq!(param("format"), Some("json"));
    // The outer sign: the Qimen rule over the query and the body fields together.
    let mut signed: Vec<(&str, &str)> = query
        .iter()
        .chain(&form)
        .filter(|(k, _)| k != "sign")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let outer = crate::sign::qimen_sign("qm_secret", &mut signed, b"");
    assert_eq!(param("sign"), Some(as_str(&outer)));
    let shown = prepared.shown_form().unwrap();
    assert!(shown.contains(&("wdt_salt".to_owned(), Prepared::HIDDEN.to_owned())));
    assert!(!format!("{client:?}{shown:?}").contains("qm_secret"));
}

#[test]
fn the_route_url_is_the_routes_own() {
    let both = crate::WdtClient::builder()
        .sid("s")
        .app_key("k")
        .app_secret("secret:salt")
        .base_url("http://127.0.0.1:9")
        .qimen_route(QimenRoute::new("a", "b"))
        .build()
        .unwrap_err();
    assert!(
        both.to_string().contains("QimenRoute::router_url"),
        "{both}"
    );
    let empty = crate::WdtClient::builder()
        .sid("s")
        .app_key("k")
        .app_secret("secret:salt")
        .qimen_route(QimenRoute::new("", "b"))
        .build()
        .unwrap_err();
    assert!(
        empty.to_string().contains("Qimen app key is empty"),
        "{empty}"
    );
    let client = crate::WdtClient::builder()
        .sid("s")
        .app_key("k")
        .app_secret("secret:salt")
        .qimen_route(QimenRoute::new("a", "b"))
        .build()
        .unwrap();
    assert_eq!(client.url(), ROUTER_URL);
    assert!(client.is_qimen_route());
}

#[test]
fn replies_of_the_route_become_data_or_typed_errors() {
    let ok: Reply<Vec<i32>> =
        read_route_reply("m", br#"{"response":{"status":0,"total":3,"data":[1,2]}}"#).unwrap();
    assert_eq!((ok.data, ok.total), (vec![1, 2], Some(3)));
    let erp = read_route_reply::<()>(
        "m",
        r#"{"response":{"status":1,"message":"验证失败: 签名错误"}}"#.as_bytes(),
    )
    .unwrap_err();
    assert!(matches!(erp, Error::Api { status: 1, .. }), "{erp}");
    let router = read_route_reply::<()>(
        "m",
        br#"{"response":{"flag":"failure","code":"25","message":"Invalid signature","sub_code":"isv.invalid-signature","sub_message":"sign error"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        router.to_string(),
        "m: gateway error 25: Invalid signature (isv.invalid-signature: sign error)"
    );
    let top = read_route_reply::<()>(
        "m",
        br#"{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.unknown-error"}}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&top, Error::QimenGateway { code, .. } if code == "15"),
        "{top}"
    );
    assert!(top.is_transient(), "an isp. sub-code may pass");
    for broken in [
        &b"<html>502</html>"[..],
        br#"{"status":0}"#,
        br#"{"response":[1]}"#,
    ] {
        let error = read_route_reply::<()>("m", broken).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error}");
    }
}
