//! One test per spec rule: a small spec as text, the message it gets and where.

use std::path::Path;

use wdt_spec::Catalog;
use wdt_spec::model::{Rule, Severity};

/// The head of a valid 旗舰版 spec for `wms.test.Thing.query` with one struct argument.
const HEAD: &str = r#"[endpoint]
method = "wms.test.Thing.query"
protocol = "wdt"
name = "测试"
retry_safe = true

[[arg]]
name = "params"
type = "Params"
required = true
"#;

const PATH: &str = "specs/wms/test/Thing.query.toml";

fn load(body: &str) -> Result<wdt_spec::Spec, String> {
    wdt_spec::load_str(Path::new(PATH), &format!("{HEAD}{body}")).map_err(|e| e.to_string())
}

/// The single error of a spec, as `line:col: message`.
fn error(body: &str) -> String {
    let text = load(body).expect_err("the spec must be refused");
    let prefix = format!("{PATH}:");
    assert_eq!(text.lines().count(), 1, "one error expected, got:\n{text}");
    text.strip_prefix(&prefix).unwrap_or(&text).to_owned()
}

/// The line of `needle` in the whole spec text, 1-based.
fn line_of(body: &str, needle: &str) -> usize {
    let text = format!("{HEAD}{body}");
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in spec")
        + 1
}

fn params(fields: &str) -> String {
    format!("\n[[struct]]\nname = \"Params\"\n{fields}")
}

#[test]
fn one_of_builds_groups_of_optional_fields() {
    let body = params(
        r#"
[[struct.field]]
name = "start_time"
type = "datetime"

[[struct.field]]
name = "end_time"
type = "datetime"

[[struct.field]]
name = "trade_no"
type = "string"

[[struct.rule]]
kind = "one_of"
groups = [["start_time", "end_time"], ["trade_no"]]
severity = "warning"
"#,
    );
    let spec = load(&body).unwrap();
    let rules = &spec.structs[0].rules;
    match rules.as_slice() {
        [
            Rule::OneOf {
                groups, severity, ..
            },
        ] => {
            let names: Vec<Vec<&str>> = groups
                .iter()
                .map(|g| g.iter().map(|f| f.wire_name.as_str()).collect())
                .collect();
            assert_eq!(names, [vec!["start_time", "end_time"], vec!["trade_no"]]);
            assert_eq!(*severity, Severity::Warning);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_of_refuses_required_and_missing_fields() {
    let body = params(
        r#"
[[struct.field]]
name = "trade_no"
type = "string"
required = true

[[struct.rule]]
kind = "one_of"
groups = [["trade_no"], ["nope"]]
"#,
    );
    let text = load(&body).unwrap_err();
    let line = line_of(&body, "groups =");
    assert!(
        text.contains(&format!(
            ":{line}:12: rule 'one_of': field 'trade_no' is required; a field that an alternative can replace must be optional"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            ":{line}:26: rule 'one_of': names missing field 'nope'"
        )),
        "{text}"
    );
}

#[test]
fn rule_keys_of_another_kind_are_refused() {
    let body = params(
        r#"
[[struct.field]]
name = "a"
type = "string"

[[struct.rule]]
kind = "one_of"
groups = [["a"]]
count = "a"
"#,
    );
    let line = line_of(&body, "kind = \"one_of\"");
    assert_eq!(
        error(&body),
        format!("{line}:8: rule 'one_of': `count` does not apply to this kind")
    );
}

#[test]
fn separated_lists_need_scalar_items_and_one_character() {
    let body = params(
        r#"
[[struct.field]]
name = "status"
type = "string"
separator = ","
"#,
    );
    let line = line_of(&body, "separator");
    assert_eq!(
        error(&body),
        format!(
            "{line}:13: field 'status': separator applies to a list of strings, numbers or enum values (`list<string>`), not 'string'"
        )
    );
    let body = params(
        r#"
[[struct.field]]
name = "status"
type = "list<int>"
separator = ", "
"#,
    );
    let line = line_of(&body, "separator");
    assert_eq!(
        error(&body),
        format!("{line}:13: field 'status': separator must be one character, not ', '")
    );
}

#[test]
fn separated_list_lengths_are_per_item_or_joined() {
    let body = params(
        r#"
[[struct.field]]
name = "src_tid"
type = "list<string>"
separator = ","
max_len = 40
max_joined_len = 255
"#,
    );
    let spec = load(&body).unwrap();
    let field = &spec.structs[0].fields[0];
    assert_eq!(
        (
            field.separator.as_deref(),
            field.max_len,
            field.max_joined_len
        ),
        (Some(","), Some(40), Some(255))
    );
    let body = params(
        r#"
[[struct.field]]
name = "src_tid"
type = "string"
max_joined_len = 255
"#,
    );
    let line = line_of(&body, "max_joined_len");
    assert_eq!(
        error(&body),
        format!(
            "{line}:18: field 'src_tid': max_joined_len applies to separated lists (set `separator`)"
        )
    );
}

#[test]
fn list_sizes_apply_to_lists() {
    let body = params(
        r#"
[[struct.field]]
name = "sku"
type = "string"
max_items = 5
"#,
    );
    let line = line_of(&body, "max_items");
    assert_eq!(
        error(&body),
        format!("{line}:13: field 'sku': max_items applies to lists, not 'string'")
    );
    let body = params(
        r#"
[[struct.field]]
name = "sku"
type = "list<string>"
min_items = 3
max_items = 2
"#,
    );
    let line = line_of(&body, "min_items");
    assert_eq!(
        error(&body),
        format!("{line}:13: field 'sku': min_items is greater than max_items")
    );
}

#[test]
fn severity_takes_error_or_warning() {
    let body = params(
        r#"
[[struct.field]]
name = "sku"
type = "string"
max_len = 4
severity = "maybe"
"#,
    );
    let line = line_of(&body, "severity");
    assert_eq!(
        error(&body),
        format!("{line}:12: field 'sku': severity 'maybe' (expected 'error' or 'warning')")
    );
}

#[test]
fn a_default_makes_a_field_optional() {
    let body = params(
        r#"
[[struct.field]]
name = "time_type"
type = "int"
required = true
default = 1
"#,
    );
    let line = line_of(&body, "default");
    assert_eq!(
        error(&body),
        format!(
            "{line}:11: field 'time_type': a field with a server default may be left out; it cannot be required (drop `required`)"
        )
    );
}

#[test]
fn undocumented_fields_are_never_required() {
    let body = params(
        r#"
[[struct.field]]
name = "prop1"
type = "string"
required = true
undocumented = "sent by the page's request example"
"#,
    );
    let line = line_of(&body, "undocumented");
    assert_eq!(
        error(&body),
        format!("{line}:16: field 'prop1': an undocumented field cannot be required")
    );
}

#[test]
fn extra_fields_is_the_generated_field_for_undocumented_ones() {
    let body = params(
        r#"
[[struct.field]]
name = "extra_fields"
type = "string"
"#,
    );
    let line = line_of(&body, "\"extra_fields\"");
    assert_eq!(
        error(&body),
        format!(
            "{line}:8: field 'extra_fields': Rust name 'extra_fields' is the generated field for undocumented fields (set rust_name)"
        )
    );
    let renamed = params(
        r#"
[[struct.field]]
name = "extra_fields"
rust_name = "extra_fields_text"
type = "string"
"#,
    );
    load(&renamed).expect("a rust_name resolves it");
}

#[test]
fn integer_digits_are_documentation_only() {
    let body = params(
        r#"
[[struct.field]]
name = "sync_id"
type = "int"
digits = 1
"#,
    );
    // Accepted and kept, never checked (wdt-codegen emits no check for it).
    assert_eq!(load(&body).unwrap().structs[0].fields[0].digits, Some(1));
}

const WINDOW_FIELDS: &str = r#"
[[struct.field]]
name = "start_time"
type = "datetime"

[[struct.field]]
name = "end_time"
type = "datetime"

[[struct.field]]
name = "spec_no"
type = "string"
"#;

#[test]
fn windows_take_conditional_spans() {
    let body = format!(
        "{}\n[[time_window]]\nstart = \"params.start_time\"\nend = \"params.end_time\"\nmax_span = \"60m\"\nspan_when = [{{ field = \"params.spec_no\", max_span = \"30d\" }}]\n\n[[time_window]]\nstart = \"params.start_time\"\nend = \"params.end_time\"\nmax_span = \"90d\"\nspan_when = [{{ field = \"params.spec_no\", max_span = \"none\" }}]\n",
        params(WINDOW_FIELDS)
    );
    let spec = load(&body).unwrap();
    assert_eq!(spec.time_windows.len(), 2);
    let first = &spec.time_windows[0].span_when[0];
    assert_eq!(first.field.path.to_string(), "params.spec_no");
    assert_eq!(first.max_span.map(|d| d.as_secs()), Some(30 * 86_400));
    assert_eq!(spec.time_windows[1].span_when[0].max_span, None);
}

#[test]
fn span_when_names_a_field_and_a_span() {
    let body = format!(
        "{}\n[[time_window]]\nstart = \"params.start_time\"\nend = \"params.end_time\"\nmax_span = \"60m\"\nspan_when = [{{ field = \"params.nope\", max_span = \"soon\" }}]\n",
        params(WINDOW_FIELDS)
    );
    let text = load(&body).unwrap_err();
    let line = line_of(&body, "span_when");
    assert!(
        text.contains(&format!(
            ":{line}:24: time_window: span_when 'params.nope' names missing field 'nope'"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            ":{line}:50: time_window: max_span 'soon' is not a span"
        )),
        "{text}"
    );
}

#[test]
fn date_windows_span_whole_days() {
    let body = params(
        r#"
[[struct.field]]
name = "start_date"
type = "date"

[[struct.field]]
name = "end_date"
type = "date"

[[time_window]]
start = "params.start_date"
end = "params.end_date"
max_span = "12h"
"#,
    );
    let line = line_of(&body, "max_span");
    assert_eq!(
        error(&body),
        format!("{line}:12: time_window: a window of dates spans whole days, not '12h'")
    );
}

#[test]
fn page_sizes_are_stated_or_assumed_not_both() {
    let body = format!(
        "{}\n[response]\ntype = \"list<Row>\"\n\n[[struct]]\nname = \"Row\"\n\n[[struct.field]]\nname = \"id\"\ntype = \"int\"\n\n[paging]\ndefault_page_size = 50\nmax_page_size = 1000\nassumed_max_page_size = 200\n",
        params("\n[[struct.field]]\nname = \"a\"\ntype = \"string\"\n")
    );
    let line = line_of(&body, "assumed_max_page_size");
    assert_eq!(
        error(&body),
        format!(
            "{line}:25: paging: max_page_size (stated by the page) and assumed_max_page_size exclude each other"
        )
    );
}

#[test]
fn a_records_modification_time_is_one_of_its_fields() {
    let spec = |modified: &str| {
        format!(
            "{}\n[response]\ntype = \"list<Row>\"\n\n[[struct]]\nname = \"Row\"\n\n[[struct.field]]\nname = \"modified\"\ntype = \"datetime\"\n\n[[struct.field]]\nname = \"flags\"\ntype = \"list<string>\"\n\n[paging]\ndefault_page_size = 50\nmodified = \"{modified}\"\n",
            params("\n[[struct.field]]\nname = \"a\"\ntype = \"string\"\n")
        )
    };
    let loaded = load(&spec("modified")).unwrap();
    let paging = loaded.paging.unwrap();
    assert_eq!(paging.modified.unwrap().wire_name, "modified");

    let missing = spec("updated");
    let line = line_of(&missing, "modified = ");
    assert_eq!(
        error(&missing),
        format!("{line}:12: paging: the records have no field 'updated'")
    );
    let list = spec("flags");
    assert_eq!(
        error(&list),
        format!(
            "{line}:12: paging: modified 'flags' must be a datetime, date, string, int or long, not list<string>"
        )
    );
}

#[test]
fn json_is_not_a_positional_argument() {
    let spec = HEAD.replace("type = \"Params\"", "type = \"json<list<string>>\"");
    let text = wdt_spec::load_str(Path::new(PATH), &spec)
        .unwrap_err()
        .to_string();
    assert_eq!(
        text,
        format!(
            "{PATH}:9:8: arg 'params': json<T> applies to struct fields, not to positional arguments"
        )
    );
}

#[test]
fn prelude_names_are_reserved() {
    for name in ["Option", "Result", "Vec", "String", "Box", "Request"] {
        let body = format!(
            "\n[[struct]]\nname = \"{name}\"\n\n[[struct.field]]\nname = \"a\"\ntype = \"string\"\n"
        );
        let text = load(&body.replace("Params", name)).unwrap_err();
        let line = line_of(&body, &format!("name = \"{name}\""));
        assert!(
            text.contains(&format!(
                "{PATH}:{line}:8: struct '{name}': the name is taken by generated code"
            )),
            "{name}: {text}"
        );
    }
}

/// A catalogue of two specs given as (path, method, protocol).
fn catalog(specs: &[(&str, &str, &str)]) -> Result<Catalog, String> {
    let loaded = specs
        .iter()
        .map(|(path, method, protocol)| {
            let text = HEAD
                .replace("wms.test.Thing.query", method)
                .replace("protocol = \"wdt\"", &format!("protocol = \"{protocol}\""))
                + "\n[[struct]]\nname = \"Params\"\n\n[[struct.field]]\nname = \"a\"\ntype = \"string\"\n";
            let text = if *protocol == "qimen" {
                text + "\n[response]\ntype = \"Reply\"\n\n[[struct]]\nname = \"Reply\"\n\n[[struct.field]]\nname = \"flag\"\ntype = \"string\"\n"
            } else {
                text
            };
            wdt_spec::load_str(Path::new(path), &text).map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    Catalog::new(loaded, Vec::new()).map_err(|e| e.to_string())
}

#[test]
fn colliding_rust_names_are_reported_at_the_method() {
    let text = catalog(&[
        (
            "specs/wms/test/Thing.getList.toml",
            "wms.test.Thing.getList",
            "wdt",
        ),
        (
            "specs/wms/test/Thing.GetList.toml",
            "wms.test.Thing.GetList",
            "wdt",
        ),
    ])
    .unwrap_err();
    assert!(
        text.ends_with("both become the Rust name 'get_list'")
            && text.contains(":2:10: endpoint: method 'wms.test.Thing."),
        "{text}"
    );
}

#[test]
fn an_area_keeps_to_one_protocol() {
    let text = catalog(&[
        (
            "specs/wms/test/Thing.query.toml",
            "wms.test.Thing.query",
            "wdt",
        ),
        (
            "specs/wms/qm/order.cancel.toml",
            "wms.qm.order.cancel",
            "qimen",
        ),
    ])
    .unwrap_err();
    assert!(
        text.starts_with(
            "specs/wms/test/Thing.query.toml:2:10: endpoint: area 'wms' mixes qimen and wdt methods (wms.qm.order.cancel is qimen)"
        ),
        "{text}"
    );
}

#[test]
fn the_runtime_alias_is_reserved() {
    let text =
        catalog(&[("specs/wms/test/Thing.rt.toml", "wms.test.Thing.rt", "wdt")]).unwrap_err();
    assert!(
        text.contains(":2:10: endpoint: method 'wms.test.Thing.rt' and the runtime alias of generated modules both become the Rust name 'rt'"),
        "{text}"
    );
}

#[test]
fn the_single_window_table_gets_a_hint() {
    let body = format!(
        "{}\n[time_window]\nstart = \"params.start_time\"\nend = \"params.end_time\"\nmax_span = \"1h\"\n",
        params(WINDOW_FIELDS)
    );
    let line = line_of(&body, "[time_window]");
    assert_eq!(
        error(&body),
        format!(
            "{line}:1: invalid type: map, expected a sequence (write [[time_window]]: an endpoint may have several windows)"
        )
    );
}

#[test]
fn a_direction_is_read_on_qimen_specs_only() {
    let with_direction = |text: &str, direction: &str| {
        text.replacen(
            "retry_safe = ",
            &format!("direction = \"{direction}\"\nretry_safe = "),
            1,
        )
    };
    let wdt = with_direction(&format!("{HEAD}{}", params(WINDOW_FIELDS)), "erp_to_wms");
    let text = wdt_spec::load_str(Path::new(PATH), &wdt)
        .unwrap_err()
        .to_string();
    assert_eq!(
        text,
        format!(
            "{PATH}:5:13: endpoint: direction is for Qimen methods (旗舰版 methods are all calls to the ERP)"
        )
    );

    let qimen_path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../specs/taobao/qimen/order.cancel.toml"
    ));
    let committed = std::fs::read_to_string(qimen_path).unwrap();
    let shown = Path::new("specs/taobao/qimen/order.cancel.toml");
    let spec = wdt_spec::load_str(shown, &committed).unwrap();
    assert_eq!(
        spec.endpoint.direction,
        Some(wdt_spec::model::Direction::ErpToWms)
    );
    let unknown = committed.replace("\"erp_to_wms\"", "\"sideways\"");
    let text = wdt_spec::load_str(shown, &unknown).unwrap_err().to_string();
    assert!(
        text.contains(
            ": endpoint: unknown direction 'sideways' (expected 'erp_to_wms' or 'wms_to_erp')"
        ),
        "{text}"
    );
}

#[test]
fn a_method_that_is_also_a_group_names_its_call_with_operation() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../specs/taobao/qimen/order.cancel.toml"
    ))
    .unwrap();
    let as_method = |method: &str, operation: Option<&str>| {
        let text = committed.replace("taobao.qimen.order.cancel", method);
        match operation {
            Some(op) => text.replacen(
                "retry_safe = ",
                &format!("operation = \"{op}\"\nretry_safe = "),
                1,
            ),
            None => text,
        }
    };
    let short = "taobao.qimen.deliveryorder.batchcreate";
    let long = "taobao.qimen.deliveryorder.batchcreate.answer";
    let load = |method: &str, operation, file: &str| {
        wdt_spec::load_str(Path::new(file), &as_method(method, operation))
    };
    let short_spec = load(
        short,
        None,
        "specs/taobao/qimen/deliveryorder.batchcreate.toml",
    )
    .unwrap();
    let plain = load(
        long,
        None,
        "specs/taobao/qimen/deliveryorder/batchcreate.answer.toml",
    )
    .unwrap();
    let together = wdt_spec::Catalog::new(vec![short_spec.clone(), plain], Vec::new())
        .unwrap_err()
        .to_string();
    assert!(
        together.contains("both become the Rust name 'batchcreate' (a method that is also a group: give the longer method an [endpoint] operation of its last two segments)"),
        "{together}"
    );

    let named = load(
        long,
        Some("batchcreate.answer"),
        "specs/taobao/qimen/deliveryorder/batchcreate.answer.toml",
    )
    .unwrap();
    assert_eq!(named.endpoint.operation(), "batchcreate.answer");
    assert_eq!(
        named.endpoint.groups().collect::<Vec<_>>(),
        ["taobao", "qimen", "deliveryorder"]
    );
    wdt_spec::Catalog::new(vec![short_spec, named], Vec::new()).expect("no collision");

    let wrong = load(
        long,
        Some("create.answer"),
        "specs/taobao/qimen/deliveryorder/batchcreate.answer.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        wrong.contains(
            "endpoint: operation 'create.answer' must be the last segments of the method"
        ),
        "{wrong}"
    );
}

#[test]
fn a_qimen_query_pages_in_its_body() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../specs/taobao/qimen/stock.query.toml"
    );
    let committed = std::fs::read_to_string(path).unwrap();
    let shown = Path::new("specs/taobao/qimen/stock.query.toml");
    let spec = wdt_spec::load_str(shown, &committed).unwrap();
    let paging = spec.paging.unwrap();
    let pager = paging.body_pager.unwrap();
    assert_eq!(
        (
            pager.page.wire_name.as_str(),
            pager.page_size.wire_name.as_str()
        ),
        ("page", "pageSize")
    );
    assert_eq!(paging.total.unwrap().wire_name, "totalCount");
    assert_eq!(paging.max_page_size, Some(100));

    let refused = |text: &str| wdt_spec::load_str(shown, text).unwrap_err().to_string();
    let without_page = committed.replace("page = \"page\"\n", "");
    assert!(
        refused(&without_page).contains(
            "paging: a qimen endpoint pages in its body: name the request fields with page and page_size"
        ),
        "{}",
        refused(&without_page)
    );
    let unknown = committed.replace("page = \"page\"", "page = \"pageNo\"");
    assert!(
        refused(&unknown).contains("paging: the request has no field 'pageNo'"),
        "{}",
        refused(&unknown)
    );
    let not_a_number = committed.replace("page = \"page\"", "page = \"ownerCode\"");
    assert!(
        refused(&not_a_number)
            .contains("paging: page 'ownerCode' must be an int, long or decimal, not string"),
        "{}",
        refused(&not_a_number)
    );

    // 旗舰版 pagers travel in the query string.
    let wdt = format!(
        "{HEAD}{}\n[response]\ntype = \"list<Row>\"\n\n[[struct]]\nname = \"Row\"\n\n[[struct.field]]\nname = \"id\"\ntype = \"int\"\n\n[paging]\ndefault_page_size = 50\npage = \"page_no\"\n",
        params(WINDOW_FIELDS)
    );
    let text = wdt_spec::load_str(Path::new(PATH), &wdt)
        .unwrap_err()
        .to_string();
    assert!(
        text.contains(
            "paging: page and page_size are for qimen; the 旗舰版 pager travels in the query string"
        ),
        "{text}"
    );
}
