//! The page's request example checked against the spec just written, with the checks a
//! call runs (`wdt_runtime::validate::check`, called as generated `validate()` code calls
//! them): a spec that would refuse its own page's example gets a warning naming the
//! example's page line.
//!
//! Types, missing fields and enum values are read against the tables before the spec is
//! written (`build::crosscheck`); this adds the rules on values: lengths, empty required
//! strings, digits and list sizes.

use serde_json::Value;
use wdt_runtime::validate::{Path, Violation, Violations, check};
use wdt_spec::model::{Field, Protocol, Severity as RuleSeverity, Spec, Type};

use crate::doc::Example;
use crate::warning::{Severity, Warnings};

/// Warns about each value of the request example that the spec's checks refuse or warn
/// about.
pub(crate) fn request_example(spec: &Spec, example: Option<&Example>, warnings: &mut Warnings) {
    let (Some(example), Some(text)) = (example, spec.examples.request.as_deref()) else {
        return;
    };
    if spec.endpoint.protocol != Protocol::Wdt {
        return;
    }
    for violation in violations(spec, text) {
        warnings.push(
            Severity::Review,
            Some(example.line),
            &example.context,
            format!("request example (page line {}): {violation}", example.line),
        );
    }
}

/// What the spec's checks find in a request body (a JSON array of the arguments).
fn violations(spec: &Spec, body: &str) -> Vec<Violation> {
    let Ok(Value::Array(values)) = serde_json::from_str::<Value>(body) else {
        return Vec::new();
    };
    let mut out = Violations::default();
    for (arg, value) in spec.args.iter().zip(&values) {
        field(spec, &Path::ROOT, arg, value, &mut out);
    }
    match out.into_result(true) {
        Ok(found) => found,
        Err(refused) => refused.0,
    }
}

/// A field's own checks, then those of what it holds.
fn field(spec: &Spec, at: &Path<'_>, f: &Field, value: &Value, out: &mut Violations) {
    if value.is_null() {
        return;
    }
    let wire = f.wire_name.as_str();
    if f.severity == RuleSeverity::Warning {
        out.begin_warnings();
    }
    match (&f.ty, value) {
        (Type::String, Value::String(text)) => {
            if f.required && !f.allow_empty {
                check::not_empty(out, at, wire, text);
            }
            if let Some(max) = f.max_len {
                check::max_chars(out, at, wire, text, max);
            }
        }
        // The 长度 of an int or long is the vendor's column width: only decimals are checked.
        (Type::Decimal, _) => {
            if let (Some(max), Some(number)) = (f.digits, decimal(value)) {
                check::digits(out, at, wire, number, max);
            }
        }
        (Type::List(item), _) => list(at, f, item, value, out),
        _ => {}
    }
    if f.severity == RuleSeverity::Warning {
        out.end_warnings();
    }
    nested(spec, &at.field(wire), &f.ty, value, out);
}

/// A list's checks: its size, and the length of each string item. A separated list is
/// the joined string on the wire.
fn list(at: &Path<'_>, f: &Field, item: &Type, value: &Value, out: &mut Violations) {
    let wire = f.wire_name.as_str();
    let items: Vec<Value> = match (value, &f.separator) {
        (Value::Array(items), _) => items.clone(),
        (Value::String(joined), Some(separator)) if !joined.is_empty() => joined
            .split(separator.as_str())
            .map(|s| Value::String(s.to_owned()))
            .collect(),
        (Value::String(_), Some(_)) => Vec::new(),
        _ => return,
    };
    if let Some(min) = f.min_items {
        check::min_items(out, at, wire, items.len(), min);
    }
    if let Some(max) = f.max_items {
        check::max_items(out, at, wire, items.len(), max);
    }
    if let (Some(max), Type::String) = (f.max_len, item) {
        let texts: Vec<String> = items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        check::each_max_chars(out, at, wire, &texts, max);
    }
}

/// The fields of the structs a value holds, at their own paths.
fn nested(spec: &Spec, at: &Path<'_>, ty: &Type, value: &Value, out: &mut Violations) {
    match (ty, value) {
        (Type::Struct(name), Value::Object(map)) => {
            let Some(structure) = spec.struct_named(name) else {
                return;
            };
            for f in &structure.fields {
                if let Some(v) = map.get(&f.wire_name) {
                    field(spec, at, f, v, out);
                }
            }
        }
        (Type::List(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                nested(spec, &at.index(i), inner, item, out);
            }
        }
        (Type::Map(inner), Value::Object(map)) => {
            for (key, item) in map {
                nested(spec, &at.key(key), inner, item, out);
            }
        }
        (Type::Json(inner), Value::String(text)) => {
            if let Ok(document) = serde_json::from_str::<Value>(text) {
                nested(spec, at, inner, &document, out);
            }
        }
        _ => {}
    }
}

/// A decimal as the example writes it (a number or a numeric string).
fn decimal(value: &Value) -> Option<rust_decimal::Decimal> {
    match value {
        Value::Number(n) => n.to_string().parse().ok(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_example_that_breaks_its_table_is_reported_with_its_line() {
        let page = "**wms.demo.Thing.create（示例创建）**\n\n**1.接口说明**\n\n3.3 业务请求参数\n\n| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |\n| --- | --- | --- | --- | --- | --- |\n| 单据 | order | Map | | 是 | 单据 |\n\norder\n\n| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |\n| --- | --- | --- | --- | --- | --- |\n| 仓库 | warehouse_no | String | 4 | 是 | 仓库编号 |\n| 金额 | amount | Decimal | 3 | 否 | 金额 |\n\n5.请求示例\n\n```\n[{\"warehouse_no\": \"WH-0001\", \"amount\": 12345.5}]\n```\n";
        let imported = crate::import_page("demo.md", page).unwrap();
        // The example starts at its code fence.
        let line = page
            .lines()
            .position(|l| l.starts_with("```"))
            .map(|i| i + 1)
            .unwrap();
        let reported: Vec<String> = imported
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("request example"))
            .map(|w| w.message.clone())
            .collect();
        assert!(
            reported
                .iter()
                .any(|m| m.contains("order.warehouse_no: 7 characters, at most 4")),
            "{reported:?}"
        );
        assert!(
            reported
                .iter()
                .any(|m| m.contains("order.amount: 12345.5 has more than 3 digits")),
            "{reported:?}"
        );
        let prefix = format!("request example (page line {line}): ");
        assert!(
            reported.iter().all(|m| m.starts_with(&prefix)),
            "{reported:?}"
        );
        let lines: Vec<Option<usize>> = imported
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("request example"))
            .map(|w| w.line)
            .collect();
        assert_eq!(lines, [Some(line), Some(line)]);
    }
}
