//! The page's examples: kept when they are valid, and read against the tables. Where an
//! example contradicts its table the spec follows the table and a comment says what the
//! example shows; a date or datetime type that was only inferred gives way to the example.

use serde_json::Value;
use wdt_spec::model::{Protocol, WireValue};

use crate::doc::{Doc, Example};
use crate::draft::{Draft, Type};
use crate::examples::{parse_json, repair};
use crate::text::shorten;
use crate::warning::{Severity, Warnings};

/// At most this many items of a list are read (examples repeat their records).
const ITEMS_READ: usize = 3;

/// Fills `[examples]` and records contradictions.
pub(super) fn examples(doc: &Doc, draft: &mut Draft, warnings: &mut Warnings) {
    if doc.protocol == Protocol::Qimen {
        // XML examples are kept as written; the request comes from the Java sample.
        draft.examples.response = doc.examples.response.as_ref().map(|e| e.text.clone());
        draft.examples.error = doc.examples.error.as_ref().map(|e| e.text.clone());
        super::super::qimen::compose_request(doc, draft, warnings);
        return;
    }
    let mut observations = Vec::new();
    if let Some(example) = &doc.examples.request
        && let Some((value, text)) =
            valid(example, "request", &mut draft.examples.comments, warnings)
    {
        match &value {
            Value::Array(items) => {
                if items.len() != draft.args.len() {
                    draft.examples.comments.push(format!(
                        "The request example passes {} argument(s); the table lists {}.",
                        items.len(),
                        draft.args.len()
                    ));
                    warnings.push(
                        Severity::Review,
                        Some(example.line),
                        &example.context,
                        format!(
                            "the example passes {} argument(s) but the table lists {}",
                            items.len(),
                            draft.args.len()
                        ),
                    );
                }
                for (i, (arg, item)) in draft.args.iter().zip(items).enumerate() {
                    walk(draft, &arg.ty, item, &Site::Arg(i), &mut observations);
                }
            }
            _ => draft
                .examples
                .comments
                .push("The request example is not a JSON array of arguments.".to_owned()),
        }
        draft.examples.request = Some(text);
    }
    if let Some(example) = &doc.examples.response
        && let Some((value, text)) =
            valid(example, "response", &mut draft.examples.comments, warnings)
    {
        if is_reply(&value) {
            if let (Some(data), Some(response)) = (value.get("data"), &draft.response) {
                let ty = response.ty.clone();
                walk(draft, &ty, data, &Site::Response, &mut observations);
            }
            draft.examples.response = Some(text);
        } else {
            not_a_reply(example, warnings, &mut draft.examples.comments);
        }
    }
    if let Some(example) = &doc.examples.error
        && let Some((value, text)) = valid(example, "error", &mut draft.examples.comments, warnings)
    {
        if is_reply(&value) {
            draft.examples.error = Some(text);
        } else {
            not_a_reply(example, warnings, &mut draft.examples.comments);
        }
    }
    apply(draft, observations, warnings);
}

/// The example's JSON and the text to keep (repaired when the page's is not valid JSON),
/// or a warning that it is left out.
fn valid(
    example: &Example,
    which: &str,
    comments: &mut Vec<String>,
    warnings: &mut Warnings,
) -> Option<(Value, String)> {
    let error = match parse_json(&example.text) {
        Ok(value) => return Some((value, example.text.clone())),
        Err(error) => error,
    };
    match repair(&example.text) {
        Some(repaired) => {
            let value = parse_json(&repaired.text).ok()?;
            comments.push(format!(
                "The page's {which} example ({}) is not valid JSON ({error}); the spec keeps it repaired: {}.",
                example.context,
                repaired.fixes.join(", ")
            ));
            for note in &repaired.comments {
                comments.push(format!("The {which} example says: {note}"));
            }
            warnings.push(
                Severity::Review,
                Some(example.line),
                &example.context,
                format!(
                    "the {which} example is not valid JSON ({error}); kept repaired ({})",
                    repaired.fixes.join(", ")
                ),
            );
            Some((value, repaired.text))
        }
        None => {
            comments.push(format!(
                "The page's {which} example ({}) is not valid JSON ({error}) and is left out.",
                example.context
            ));
            warnings.push(
                Severity::Lost,
                Some(example.line),
                &example.context,
                format!(
                    "the {which} example is not valid JSON ({error}), so it is left out: {}",
                    shorten(&example.text, 60)
                ),
            );
            None
        }
    }
}

/// The `data` of the page's normal reply, when the example is (or can be made) JSON.
pub(super) fn response_data(doc: &Doc) -> Option<Value> {
    let text = &doc.examples.response.as_ref()?.text;
    crate::examples::parse_lenient(text)?.get("data").cloned()
}

/// A reply is an object with the envelope's `status`.
fn is_reply(value: &Value) -> bool {
    value.get("status").is_some()
}

fn not_a_reply(example: &Example, warnings: &mut Warnings, comments: &mut Vec<String>) {
    let message = format!(
        "{} shows no reply (no status): {}",
        example.context,
        shorten(&example.text, 60)
    );
    comments.push(format!("The page's {message}; it is left out."));
    warnings.push(
        Severity::Review,
        Some(example.line),
        &example.context,
        format!("the example is not a reply, so it is left out (the page {message})"),
    );
}

/// Where a value of an example sits in the spec.
#[derive(Debug, Clone)]
enum Site {
    Arg(usize),
    Field { owner: String, field: String },
    Response,
}

/// Something an example shows that the table does not say.
#[derive(Debug)]
enum Observation {
    /// A key the struct has no field for.
    ExtraKey { owner: String, key: String },
    /// A value that does not fit the field's type.
    Mismatch { site: Site, shown: String },
    /// A value the field's enum does not list.
    Unlisted { site: Site, shown: String },
    /// A value of a field the page gives no type.
    Untyped { site: Site, value: Value },
    /// `""` (or a zero datetime) where a number, flag, time or code is expected.
    Blank { site: Site, shown: String },
}

fn walk(draft: &Draft, ty: &Type, value: &Value, site: &Site, out: &mut Vec<Observation>) {
    if value.is_null() {
        return;
    }
    let blank = matches!(value.as_str(), Some("" | "0000-00-00 00:00:00"));
    if blank && !matches!(ty, Type::String | Type::Any) {
        out.push(Observation::Blank {
            site: site.clone(),
            shown: value.to_string(),
        });
        return;
    }
    let mismatch = |out: &mut Vec<Observation>| {
        out.push(Observation::Mismatch {
            site: site.clone(),
            shown: shorten(&value.to_string(), 40),
        });
    };
    match ty {
        Type::Named(name) => {
            if let Some(s) = draft.structs.iter().find(|s| s.name == *name) {
                let Value::Object(map) = value else {
                    return mismatch(out);
                };
                for (key, v) in map {
                    match s.fields.iter().find(|f| f.name == *key) {
                        Some(f) => {
                            let site = Site::Field {
                                owner: s.name.clone(),
                                field: f.name.clone(),
                            };
                            if f.untyped_at.is_some() && !v.is_null() {
                                out.push(Observation::Untyped {
                                    site,
                                    value: v.clone(),
                                });
                            } else {
                                walk(draft, &f.ty, v, &site, out);
                            }
                        }
                        None => out.push(Observation::ExtraKey {
                            owner: s.name.clone(),
                            key: key.clone(),
                        }),
                    }
                }
            } else if let Some(e) = draft.enums.iter().find(|e| e.name == *name) {
                let wire = match value {
                    Value::Number(n) => n.as_i64().map(WireValue::Int),
                    Value::String(s) if e.repr_int => s.parse().ok().map(WireValue::Int),
                    Value::String(s) => Some(WireValue::Str(s.clone())),
                    _ => None,
                };
                if !wire.is_some_and(|w| e.values.iter().any(|v| v.wire == w)) {
                    out.push(Observation::Unlisted {
                        site: site.clone(),
                        shown: shorten(&value.to_string(), 40),
                    });
                }
            }
        }
        Type::List(inner) => match value {
            Value::Array(items) => {
                for item in items.iter().take(ITEMS_READ) {
                    walk(draft, inner, item, site, out);
                }
            }
            _ => mismatch(out),
        },
        Type::Map(inner) => match value {
            Value::Object(map) => {
                for v in map.values().take(ITEMS_READ) {
                    walk(draft, inner, v, site, out);
                }
            }
            _ => mismatch(out),
        },
        Type::String => {
            if !value.is_string() {
                mismatch(out);
            }
        }
        Type::Int | Type::Long => {
            let fits = value.as_i64().is_some()
                || value
                    .as_str()
                    .is_some_and(|s| s.trim().parse::<i64>().is_ok());
            if !fits {
                mismatch(out);
            }
        }
        Type::Decimal => {
            let fits = value.is_number()
                || value
                    .as_str()
                    .is_some_and(|s| s.trim().parse::<f64>().is_ok());
            if !fits {
                mismatch(out);
            }
        }
        Type::Bool => {
            let fits = value.is_boolean() || matches!(value.as_i64(), Some(0 | 1));
            if !fits {
                mismatch(out);
            }
        }
        Type::DateTime => {
            if !value.as_str().is_some_and(is_datetime) {
                mismatch(out);
            }
        }
        Type::Date => {
            if !value.as_str().is_some_and(is_date) {
                mismatch(out);
            }
        }
        Type::Any => {}
    }
}

/// `yyyy-MM-dd HH:mm:ss`, or the empty values replies use for "no time".
fn is_datetime(text: &str) -> bool {
    let b = text.as_bytes();
    text.is_empty()
        || (b.len() == 19
            && is_date(&text[..10])
            && b[10] == b' '
            && b[13] == b':'
            && b[16] == b':'
            && [11, 12, 14, 15, 17, 18]
                .iter()
                .all(|i| b[*i].is_ascii_digit()))
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    text.is_empty()
        || (b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && [0, 1, 2, 3, 5, 6, 8, 9]
                .iter()
                .all(|i| b[*i].is_ascii_digit()))
}

/// Turns observations into comments (one per field or struct and kind), types the fields
/// the page left untyped, and undoes inferred time types the examples contradict.
fn apply(draft: &mut Draft, observations: Vec<Observation>, warnings: &mut Warnings) {
    for observation in observations {
        match observation {
            Observation::ExtraKey { owner, key } => {
                let Some(s) = draft.structs.iter_mut().find(|s| s.name == owner) else {
                    continue;
                };
                let comment = format!(
                    "The page's example also shows '{key}', which the table does not list."
                );
                if !s.comments.contains(&comment) {
                    s.comments.push(comment);
                    warnings.push(
                        Severity::Review,
                        None,
                        format!("struct {owner}"),
                        format!("the example shows '{key}', which the table does not list"),
                    );
                }
            }
            Observation::Untyped { site, value } => {
                let Some(field) = field_at(draft, &site) else {
                    continue;
                };
                let Some((line, location)) = field.untyped_at.take() else {
                    continue;
                };
                let ty = match &value {
                    Value::String(_) => Type::String,
                    Value::Number(_) => Type::Decimal,
                    Value::Bool(_) => Type::Bool,
                    Value::Array(_) => Type::List(Box::new(Type::Any)),
                    Value::Object(_) => Type::Map(Box::new(Type::Any)),
                    Value::Null => continue,
                };
                let shown = shorten(&value.to_string(), 40);
                field.comments.push(format!(
                    "The page gives no type; its example shows {shown}, so it is a {ty}."
                ));
                warnings.push(
                    Severity::Review,
                    Some(line),
                    location,
                    format!("the page gives no type; typed {ty} after the example ({shown})"),
                );
                field.ty = ty;
            }
            Observation::Blank { site, shown } => {
                let Some(field) = field_at(draft, &site) else {
                    continue;
                };
                if !field.required {
                    // Optional fields read a blank as absent.
                    continue;
                }
                let comment = format!(
                    "The page's example shows {shown} here, which a required {} cannot hold; the spec follows the table.",
                    field.ty
                );
                if !field.comments.contains(&comment) {
                    field.comments.push(comment);
                    warnings.push(
                        Severity::Review,
                        None,
                        site_name(&site),
                        format!("the example shows {shown} for a required {}", field.ty),
                    );
                }
            }
            Observation::Mismatch { site, shown } | Observation::Unlisted { site, shown } => {
                let Some(field) = field_at(draft, &site) else {
                    continue;
                };
                if field.time_inferred && matches!(field.ty, Type::DateTime | Type::Date) {
                    field.comments.push(format!(
                        "A time by its name and label, but the page's example shows {shown}: kept a string."
                    ));
                    field.ty = Type::String;
                    field.time_inferred = false;
                    continue;
                }
                if field
                    .comments
                    .iter()
                    .any(|c| c.starts_with("The page's example shows"))
                {
                    continue;
                }
                let what = if matches!(field.ty, Type::Named(_)) {
                    format!("which {} does not list", field.ty)
                } else {
                    format!("which does not fit the table's {}", field.ty)
                };
                field.comments.push(format!(
                    "The page's example shows {shown} here, {what}; the spec follows the table."
                ));
                warnings.push(
                    Severity::Review,
                    None,
                    site_name(&site),
                    format!("the example shows {shown}, {what}"),
                );
            }
        }
    }
    let fields = draft
        .args
        .iter_mut()
        .chain(draft.structs.iter_mut().flat_map(|s| s.fields.iter_mut()));
    for field in fields {
        if let Some((line, location)) = field.untyped_at.take() {
            warnings.push(
                Severity::Guessed,
                Some(line),
                location,
                "the page gives no type and no example shows one; typed any",
            );
        }
    }
}

fn field_at<'a>(draft: &'a mut Draft, site: &Site) -> Option<&'a mut crate::draft::Field> {
    match site {
        Site::Arg(i) => draft.args.get_mut(*i),
        Site::Field { owner, field } => draft
            .structs
            .iter_mut()
            .find(|s| s.name == *owner)?
            .fields
            .iter_mut()
            .find(|f| f.name == *field),
        Site::Response => None,
    }
}

fn site_name(site: &Site) -> String {
    match site {
        Site::Arg(i) => format!("argument {}", i + 1),
        Site::Field { owner, field } => format!("{owner}.{field}"),
        Site::Response => "data".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_values() {
        assert!(is_datetime("2022-10-17 14:03:36"));
        assert!(is_datetime(""));
        assert!(!is_datetime("2022-10-17"));
        assert!(is_date("2022-10-17"));
        assert!(!is_date("2022/10/17"));
    }
}
