//! The page's examples read against its tables. Where they disagree the spec follows the
//! table and a comment says what the example shows, so a reviewer sees why an example would
//! not decode or validate. Two things give way to an example: a date or datetime type that
//! was only inferred from a field's name, and the type of a row the page leaves untyped.

use serde_json::Value;
use wdt_runtime::wire::{parse_date, parse_datetime};
use wdt_spec::model::WireValue;

use super::undocumented;
use crate::draft::{Draft, Field, Type};
use crate::text::shorten;
use crate::warning::{Severity, Warnings};

/// At most this many items of a list are read (examples repeat their records).
const ITEMS_READ: usize = 3;

/// Where a value of an example sits in the spec.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Site {
    Arg(usize),
    Field { owner: String, field: String },
    Response,
}

/// Something an example shows that the table does not say.
#[derive(Debug)]
pub(super) enum Observation {
    /// A key the struct has no field for, with its value; `request` when the request
    /// example sends it.
    ExtraKey {
        owner: String,
        key: String,
        value: Value,
        request: bool,
    },
    /// Required fields the example leaves out.
    Missing { owner: String, fields: Vec<String> },
    /// A value that does not fit the type.
    Mismatch { site: Site, shown: String },
    /// A value the field's enum does not list.
    Unlisted { site: Site, shown: String },
    /// `""`, a zero datetime or `null` where a required value is expected.
    Blank { site: Site, shown: String },
    /// A value of a field the page gives no type.
    Untyped { site: Site, value: Value },
}

/// What the request example (the positional arguments) shows. Its spans are checked
/// once the spec is written, with the runtime's checks (`crate::verify`).
pub(super) fn request(draft: &Draft, args: &[Value]) -> Vec<Observation> {
    let mut out = Vec::new();
    for (i, (arg, value)) in draft.args.iter().zip(args).enumerate() {
        field(draft, arg, value, &Site::Arg(i), true, &mut out);
    }
    out
}

/// What the reply example's `data` shows.
pub(super) fn response(draft: &Draft, data: &Value) -> Vec<Observation> {
    let mut out = Vec::new();
    if let Some(response) = &draft.response {
        walk(draft, &response.ty, data, &Site::Response, false, &mut out);
    }
    out
}

/// A field's value: blanks, then its type.
fn field(
    draft: &Draft,
    f: &Field,
    value: &Value,
    site: &Site,
    request: bool,
    out: &mut Vec<Observation>,
) {
    if f.untyped_at.is_some() {
        if !value.is_null() {
            out.push(Observation::Untyped {
                site: site.clone(),
                value: value.clone(),
            });
        }
        return;
    }
    // Replies may send "" for a missing string; in a request an empty required string is
    // the runtime's `not_empty` check, run on the written spec (`crate::verify`).
    let blank = value.is_null()
        || (matches!(value.as_str(), Some("" | "0000-00-00 00:00:00"))
            && f.ty != Type::String
            && (request || f.ty != Type::Any));
    if blank {
        if f.required {
            out.push(Observation::Blank {
                site: site.clone(),
                shown: value.to_string(),
            });
        }
        return;
    }
    // Lengths and digits are checked once the spec is written, with the runtime's checks
    // (`crate::verify`).
    walk(draft, &f.ty, value, site, request, out);
}

fn walk(
    draft: &Draft,
    ty: &Type,
    value: &Value,
    site: &Site,
    request: bool,
    out: &mut Vec<Observation>,
) {
    if value.is_null() {
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
                            field(draft, f, v, &site, request, out);
                        }
                        None => out.push(Observation::ExtraKey {
                            owner: s.name.clone(),
                            key: key.clone(),
                            value: v.clone(),
                            request,
                        }),
                    }
                }
                let missing: Vec<String> = s
                    .fields
                    .iter()
                    .filter(|f| f.required && !map.contains_key(&f.name))
                    .map(|f| f.name.clone())
                    .collect();
                if !missing.is_empty() {
                    out.push(Observation::Missing {
                        owner: s.name.clone(),
                        fields: missing,
                    });
                }
            } else if let Some(e) = draft.enums.iter().find(|e| e.name == *name) {
                let wire = match value {
                    Value::Number(n) => n.as_i64().map(WireValue::Int),
                    Value::String(s) if e.repr_int => s.trim().parse().ok().map(WireValue::Int),
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
                    walk(draft, inner, item, site, request, out);
                }
            }
            _ => mismatch(out),
        },
        Type::Map(inner) => match value {
            Value::Object(map) => {
                for v in map.values().take(ITEMS_READ) {
                    walk(draft, inner, v, site, request, out);
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

/// `yyyy-MM-dd HH:mm:ss` as the runtime reads it, or the empty values replies use for
/// "no time".
fn is_datetime(text: &str) -> bool {
    text.is_empty() || parse_datetime(text).is_some()
}

/// `yyyy-MM-dd` exactly (a datetime is not taken for a date here: it tells the importer
/// the field is a datetime).
fn is_date(text: &str) -> bool {
    text.is_empty() || (text.len() == 10 && parse_date(text).is_some())
}

/// Which example of the page observations come from, for warnings.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seen {
    /// `request` or `response`.
    pub which: &'static str,
    /// The example's page line.
    pub line: usize,
}

impl Seen {
    /// A warning about the example, naming its line.
    fn warn(self, warnings: &mut Warnings, location: impl Into<String>, note: &str) {
        warnings.push(
            Severity::Review,
            Some(self.line),
            location,
            format!("{} example (page line {}): {note}", self.which, self.line),
        );
    }
}

/// Turns one example's observations into comments (one per field or struct and kind) and
/// warnings naming the example's line, types the fields the page left untyped, adds the
/// fields only the request example sends, and undoes inferred time types the example
/// contradicts.
pub(super) fn apply(
    draft: &mut Draft,
    observations: Vec<Observation>,
    seen: Seen,
    warnings: &mut Warnings,
) {
    for observation in observations {
        match observation {
            Observation::ExtraKey {
                owner,
                key,
                value,
                request: true,
            } if crate::text::is_identifier(&key) => {
                undocumented::add(draft, &owner, &key, &value, seen.line, warnings);
            }
            Observation::ExtraKey { owner, key, .. } => struct_note(
                draft,
                &owner,
                format!("The page's example also shows '{key}', which the table does not list."),
                seen,
                warnings,
            ),
            Observation::Missing { owner, fields } => struct_note(
                draft,
                &owner,
                format!(
                    "The page's example leaves out {}, which the table marks required.",
                    fields.join(", ")
                ),
                seen,
                warnings,
            ),
            Observation::Untyped { site, value } => untyped(draft, &site, &value, warnings),
            Observation::Mismatch { site, shown } | Observation::Unlisted { site, shown }
                if inferred_time(draft, &site) =>
            {
                if let Some(field) = field_at(draft, &site) {
                    field.comments.push(format!(
                        "A time by its name and label, but the page's example shows {shown}: kept a string."
                    ));
                    field.ty = Type::String;
                    field.time_inferred = false;
                }
            }
            Observation::Mismatch { site, shown } => {
                let ty = site_type(draft, &site);
                site_note(
                    draft,
                    &site,
                    format!(
                        "The page's example shows {shown} here, which does not fit the table's {ty}."
                    ),
                    seen,
                    warnings,
                );
            }
            Observation::Unlisted { site, shown } => {
                let ty = site_type(draft, &site);
                site_note(
                    draft,
                    &site,
                    format!("The page's example shows {shown} here, which {ty} does not list."),
                    seen,
                    warnings,
                );
            }
            Observation::Blank { site, shown } => {
                let ty = site_type(draft, &site);
                site_note(
                    draft,
                    &site,
                    format!(
                        "The page's example shows {shown} here, which a required {ty} cannot hold."
                    ),
                    seen,
                    warnings,
                );
            }
        }
    }
}

/// Warns about the fields the page left untyped that no example typed.
pub(super) fn untyped_left(draft: &mut Draft, warnings: &mut Warnings) {
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

/// Types a field the page leaves untyped after the example's value.
fn untyped(draft: &mut Draft, site: &Site, value: &Value, warnings: &mut Warnings) {
    let Some(field) = field_at(draft, site) else {
        return;
    };
    let Some((line, location)) = field.untyped_at.take() else {
        return;
    };
    let ty = match value {
        Value::String(_) => Type::String,
        Value::Number(_) => Type::Decimal,
        Value::Bool(_) => Type::Bool,
        Value::Array(_) => Type::List(Box::new(Type::Any)),
        Value::Object(_) => Type::Map(Box::new(Type::Any)),
        Value::Null => {
            field.untyped_at = Some((line, location));
            return;
        }
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

fn inferred_time(draft: &mut Draft, site: &Site) -> bool {
    field_at(draft, site)
        .is_some_and(|f| f.time_inferred && matches!(f.ty, Type::DateTime | Type::Date))
}

/// A comment on a struct, once.
fn struct_note(draft: &mut Draft, owner: &str, note: String, seen: Seen, warnings: &mut Warnings) {
    let Some(s) = draft.structs.iter_mut().find(|s| s.name == owner) else {
        return;
    };
    if !s.comments.contains(&note) {
        seen.warn(warnings, format!("struct {owner}"), &note);
        s.comments.push(note);
    }
}

/// A comment on the field (or the response) a site names, once per field.
fn site_note(draft: &mut Draft, site: &Site, note: String, seen: Seen, warnings: &mut Warnings) {
    let comments = match site {
        Site::Response => match draft.response.as_mut() {
            Some(r) => &mut r.comments,
            None => return,
        },
        _ => match field_at(draft, site) {
            Some(f) => &mut f.comments,
            None => return,
        },
    };
    if comments.iter().any(|c| c.starts_with("The page's example")) {
        return;
    }
    seen.warn(warnings, site_name(site), &note);
    comments.push(note);
}

fn site_type(draft: &mut Draft, site: &Site) -> String {
    match site {
        Site::Response => draft
            .response
            .as_ref()
            .map_or_else(String::new, |r| r.ty.to_string()),
        _ => field_at(draft, site).map_or_else(String::new, |f| f.ty.to_string()),
    }
}

fn field_at<'a>(draft: &'a mut Draft, site: &Site) -> Option<&'a mut Field> {
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
        Site::Response => "[response]".to_owned(),
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
        assert!(!is_datetime("2022-10-17 24:00:00"));
        assert!(is_date("2022-10-17"));
        assert!(!is_date("2022/10/17"));
        assert!(!is_datetime("2023-06-31 15:56:14"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
    }
}
