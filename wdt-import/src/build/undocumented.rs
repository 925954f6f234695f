//! Fields the page's request example sends but its table lacks: kept as `undocumented`
//! fields (never required), typed after the example's value, so the spec does not refuse
//! what the page itself sends.

use serde_json::Value;
use wdt_runtime::wire::{parse_date, parse_datetime};

use crate::draft::{Draft, Field, Type};
use crate::text::shorten;
use crate::warning::{Severity, Warnings};

/// Where the spec says the field was seen.
const SEEN: &str = "sent by the page's request example";

/// Adds `key` to the struct `owner` as an undocumented field, once, typed after `value`;
/// `line` is the page line of the request example.
pub(super) fn add(
    draft: &mut Draft,
    owner: &str,
    key: &str,
    value: &Value,
    line: usize,
    warnings: &mut Warnings,
) {
    let Some(structure) = draft.structs.iter_mut().find(|s| s.name == owner) else {
        return;
    };
    if structure.fields.iter().any(|f| f.name == key) {
        return;
    }
    let ty = type_of(value);
    let mut field = Field::new(key, ty.clone());
    field.undocumented = Some(SEEN.to_owned());
    structure.fields.push(field);
    super::distinct_rust_names(&mut structure.fields, warnings);
    let note = format!(
        "The page's request example also sends '{key}', which the table does not list; kept as an undocumented field at the end of this struct."
    );
    if !structure.comments.contains(&note) {
        structure.comments.push(note);
    }
    warnings.push(
        Severity::Review,
        Some(line),
        format!("struct {owner}"),
        format!(
            "the request example (page line {line}) sends '{key}' ({}), which the table does not list; added as an undocumented {ty}",
            shorten(&value.to_string(), 40)
        ),
    );
}

/// The type an example value shows, conservatively: a time only when it reads as one the
/// way the runtime reads it, `any` for what a scalar type could refuse.
fn type_of(value: &Value) -> Type {
    match value {
        Value::String(text) if text.len() == 10 && parse_date(text).is_some() => Type::Date,
        Value::String(text) if parse_datetime(text).is_some() => Type::DateTime,
        Value::String(_) => Type::String,
        Value::Number(n) if n.is_i64() || n.is_u64() => Type::Int,
        Value::Number(_) => Type::Decimal,
        Value::Bool(_) => Type::Bool,
        Value::Array(_) | Value::Object(_) | Value::Null => Type::Any,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_follow_the_value() {
        let cases = [
            (serde_json::json!("2024-01-02 03:04:05"), Type::DateTime),
            (serde_json::json!("2024-01-02"), Type::Date),
            (serde_json::json!("件"), Type::String),
            (serde_json::json!(1), Type::Int),
            (serde_json::json!(1.5), Type::Decimal),
            (serde_json::json!(true), Type::Bool),
            (serde_json::json!([1]), Type::Any),
        ];
        for (value, ty) in cases {
            assert_eq!(type_of(&value), ty, "{value}");
        }
    }

    #[test]
    fn a_field_only_the_request_example_sends_is_kept_undocumented() {
        let page = "**wms.demo.Thing.create（示例创建）**\n\n**1.接口说明**\n\n3.3 业务请求参数\n\n| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |\n| --- | --- | --- | --- | --- | --- |\n| 单据 | order | Map | | 是 | 单据 |\n\norder\n\n| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |\n| --- | --- | --- | --- | --- | --- |\n| 单号 | order_no | String | 40 | 是 | 单号 |\n\n5.请求示例\n\n```\n[{\"order_no\": \"A1\", \"unit_name\": \"件\", \"num\": 2}]\n```\n";
        let imported = crate::import_page("demo.md", page).unwrap();
        let path = std::path::Path::new("specs").join(&imported.relative_path);
        let spec = wdt_spec::load_str(&path, &imported.toml).unwrap();
        let order = spec
            .structs
            .iter()
            .find(|s| s.fields.iter().any(|f| f.wire_name == "order_no"))
            .unwrap();
        let unit = order
            .fields
            .iter()
            .find(|f| f.wire_name == "unit_name")
            .expect("kept");
        assert_eq!(unit.undocumented.as_deref(), Some(SEEN));
        assert!(!unit.required);
        let num = order
            .fields
            .iter()
            .find(|f| f.wire_name == "num")
            .expect("kept");
        assert_eq!(num.ty, wdt_spec::model::Type::Int);
        let warning = imported
            .warnings
            .iter()
            .find(|w| w.message.contains("'unit_name'"))
            .expect("a warning names the field");
        assert_eq!(warning.severity, crate::Severity::Review);
        assert!(warning.line.is_some(), "{warning}");
    }
}
