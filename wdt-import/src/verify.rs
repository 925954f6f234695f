//! The page's request example checked against the spec just written, with the checks a
//! call runs (`wdt_runtime::validate::check`, called as generated `validate()` code calls
//! them): a spec that would refuse its own page's example gets a warning naming the
//! example's page line.
//!
//! Types, missing fields and enum values are read against the tables before the spec is
//! written (`build::crosscheck`); this adds the rules on values: lengths, empty required
//! strings, digits, list sizes and the time windows' spans (with their `span_when`).

use chrono::NaiveDateTime;
use serde_json::Value;
use wdt_runtime::support::Instant;
use wdt_runtime::validate::{Path, Problem, Violation, Violations, check};
use wdt_runtime::wire::{parse_date, parse_datetime};
use wdt_spec::model::{
    Field, Protocol, Severity as RuleSeverity, Spec, TimeWindow, Type, WindowField, WireValue,
};

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
    let Ok(Value::Array(values)) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let found = violations(spec, &values)
        .into_iter()
        .map(|v| v.to_string())
        .chain(
            spec.time_windows
                .iter()
                .filter_map(|w| window(spec, w, &values)),
        );
    for violation in found {
        warnings.push(
            Severity::Review,
            Some(example.line),
            &example.context,
            format!("request example (page line {}): {violation}", example.line),
        );
    }
}

/// What the fields' checks find in the request's arguments.
fn violations(spec: &Spec, values: &[Value]) -> Vec<Violation> {
    let mut out = Violations::default();
    for (arg, value) in spec.args.iter().zip(values) {
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

/// What the runtime's span check says of a window both of whose ends the request gives,
/// with the span that applies (the first `span_when` that holds, else `max_span`).
fn window(spec: &Spec, w: &TimeWindow, values: &[Value]) -> Option<String> {
    let start = instant(value_at(spec, &w.start, values)?)?;
    let end = instant(value_at(spec, &w.end, values)?)?;
    let (limit, limit_text) = match w
        .span_when
        .iter()
        .find(|s| holds(spec, &s.field, &s.values, values))
    {
        Some(s) => (s.max_span, s.max_span_text.as_str()),
        None => (Some(w.max_span), w.max_span_text.as_str()),
    };
    let seconds = limit.map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let mut out = Violations::default();
    let at = Path::ROOT;
    let arg_path = at.field(&w.end.path.arg);
    let (at, end_field) = match &w.end.field {
        Some(field) => (&arg_path, field.wire_name.as_str()),
        None => (&at, w.end.arg.wire_name.as_str()),
    };
    // The runtime's names are static (generated code's); the message names them here.
    check::time_span(
        &mut out,
        at,
        end_field,
        "",
        start,
        end,
        seconds.map(|s| (s, "")),
    );
    let violation = out.into_result(true).err()?.0.into_iter().next()?;
    let start_path = w.start.path.to_string();
    Some(match violation.problem {
        Problem::SpanTooLong { span_secs, .. } => format!(
            "{}: {} after {start_path}, at most {limit_text}",
            violation.path,
            span_text(span_secs)
        ),
        _ => format!("{}: before {start_path}", violation.path),
    })
}

/// The request's value at a window field, when given.
fn value_at<'a>(spec: &Spec, at: &WindowField, values: &'a [Value]) -> Option<&'a Value> {
    let index = spec.args.iter().position(|a| a.wire_name == at.path.arg)?;
    let arg = values.get(index)?;
    let value = match &at.path.field {
        Some(field) => arg.get(field)?,
        None => arg,
    };
    (!value.is_null()).then_some(value)
}

/// Whether a `span_when` condition holds: the field is given (a string or list not
/// empty, as the runtime's `Given`), or has one of the values.
fn holds(spec: &Spec, field: &WindowField, wanted: &[WireValue], values: &[Value]) -> bool {
    let Some(value) = value_at(spec, field, values) else {
        return false;
    };
    if wanted.is_empty() {
        return match value {
            Value::String(text) => !text.is_empty(),
            Value::Array(items) => !items.is_empty(),
            _ => true,
        };
    }
    wanted.iter().any(|w| match (w, value) {
        (WireValue::Int(i), Value::Number(n)) => n.as_i64() == Some(*i),
        (WireValue::Int(i), Value::String(text)) => text.trim().parse::<i64>().ok() == Some(*i),
        (WireValue::Str(s), Value::String(text)) => s == text,
        _ => false,
    })
}

/// A window end as the runtime reads it: a datetime, or a date's midnight.
fn instant(value: &Value) -> Option<NaiveDateTime> {
    let text = value.as_str()?;
    parse_datetime(text).or_else(|| {
        (text.len() == 10)
            .then(|| parse_date(text))
            .flatten()
            .map(|d| d.instant())
    })
}

/// `19d 0h 0m`.
fn span_text(seconds: i64) -> String {
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    format!("{days}d {}h {}m", rest / 3600, rest % 3600 / 60)
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

    /// A page whose span is 60 minutes, or 30 days with a 商家编码, and whose example sends
    /// `params` as given.
    fn windowed_page(params: &str) -> String {
        format!(
            "**wms.demo.Stock.queryChange（示例查询）**\n\n**1.接口说明**\n\n|     |\n| --- |\n| **1.1 接口描述：** 示例 |\n| **1.5 注意事项：** 如传入商家编码，start_date和end_date最大跨度为30天，<br>如不传入商家编码，start_date和end_date最大跨度为60min。 |\n\n3.3 业务请求参数\n\n| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |\n| --- | --- | --- | --- | --- | --- |\n| 查询参数 | params | Map | | 是 | 查询参数 |\n\nparams\n\n| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |\n| --- | --- | --- | --- | --- | --- |\n| 开始时间 | start_date | String | 40 | 是 | 开始时间 |\n| 结束时间 | end_date | String | 40 | 是 | 结束时间 |\n| 商家编码 | spec_no | String | 40 | 否 | 商家编码 |\n\n5.请求示例\n\n```\n[{{{params}}}]\n```\n"
        )
    }

    fn span_warnings(params: &str) -> Vec<String> {
        let imported = crate::import_page("demo.md", &windowed_page(params)).unwrap();
        assert!(
            imported
                .toml
                .contains(r#"span_when = [{ field = "params.spec_no", max_span = "30d" }]"#),
            "{}",
            imported.toml
        );
        imported
            .warnings
            .iter()
            .filter(|w| w.message.contains("after params.start_date"))
            .map(|w| w.message.clone())
            .collect()
    }

    #[test]
    fn spans_are_checked_with_the_span_that_applies() {
        let dates = r#""start_date": "2020-01-01 00:00:00", "end_date": "2020-01-20 00:00:00""#;
        let without = span_warnings(dates);
        assert_eq!(without.len(), 1, "{without:?}");
        assert!(
            without[0].ends_with("params.end_date: 19d 0h 0m after params.start_date, at most 60m"),
            "{without:?}"
        );
        let with = span_warnings(&format!(r#"{dates}, "spec_no": "A1""#));
        assert!(with.is_empty(), "{with:?}");
    }
}
