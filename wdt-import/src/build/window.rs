//! `[[time_window]]`: the longest span a start/end pair of the request may cover, as the
//! notes and descriptions state it.

use crate::doc::{Doc, Param};
use crate::draft::{Draft, Field, TimeWindow, Type};
use crate::span::{self, SpanLimit};
use crate::warning::{Severity, Warnings};

/// Adds `[time_window]` when the notes or descriptions limit the span of a start/end pair.
pub(super) fn time_window(doc: &Doc, draft: &mut Draft, warnings: &mut Warnings) {
    let mut found: Vec<(SpanLimit, String, usize)> = Vec::new();
    for note in &doc.notes {
        for limit in span::limits(&note.text) {
            found.push((limit, note.text.clone(), note.line));
        }
    }
    for param in top_rows(doc) {
        for limit in span::limits(&param.description) {
            found.push((limit, param.description.replace('\n', " "), param.line));
        }
    }
    let Some(first) = found.first() else {
        return;
    };
    let line = first.2;
    let mut spans: Vec<&SpanLimit> = found.iter().map(|(l, _, _)| l).collect();
    spans.sort_by_key(|l| l.seconds);
    spans.dedup_by_key(|l| l.seconds);
    let chosen = spans[0].clone();
    let mut comments: Vec<String> = found
        .iter()
        .map(|(_, text, _)| format!("From the page: {text}"))
        .collect();
    comments.dedup();
    if spans.len() > 1 {
        let all: Vec<&str> = spans.iter().map(|l| l.span.as_str()).collect();
        warnings.push(
            Severity::Guessed,
            Some(line),
            "1.接口说明",
            format!(
                "the page states different spans ({}) under different conditions; the spec can hold one, so the shortest ({}) is used",
                all.join(", "),
                chosen.span
            ),
        );
        comments.push(format!(
            "The page gives several spans ({}); the shortest is used.",
            all.join(", ")
        ));
    }
    let named = found.iter().find_map(|(l, _, _)| l.fields.clone());
    let standard = [
        ("start_time", "end_time"),
        ("start_date", "end_date"),
        ("startTime", "endTime"),
    ]
    .map(|(a, b)| (a.to_owned(), b.to_owned()));
    let known = named
        .into_iter()
        .chain(standard)
        .find_map(|(a, b)| Some((path_of(draft, &a)?, path_of(draft, &b)?)));
    let (start, end) = match known {
        Some(pair) => pair,
        None => {
            let pairs = from_to_pairs(draft);
            match pairs.as_slice() {
                [] => {
                    let (severity, why) = if has_time_fields(draft) {
                        (Severity::Lost, "no start/end pair the spec could name")
                    } else {
                        (
                            Severity::Review,
                            "no time fields, so the note cannot apply to its arguments",
                        )
                    };
                    warnings.push(
                        severity,
                        Some(line),
                        "1.接口说明",
                        format!(
                            "the page limits a time span to {} but the request has {why}; no [time_window]",
                            chosen.span
                        ),
                    );
                    return;
                }
                [one] => one.clone(),
                [first, rest @ ..] => {
                    let others: Vec<String> =
                        rest.iter().map(|(a, b)| format!("{a}/{b}")).collect();
                    warnings.push(
                        Severity::Guessed,
                        Some(line),
                        "1.接口说明",
                        format!(
                            "the span limit names no fields and the request has several from/to pairs; the spec holds one window, so {}/{} is used (also: {})",
                            first.0,
                            first.1,
                            others.join(", ")
                        ),
                    );
                    comments.push(format!(
                        "The limit applies to every from/to pair ({}/{}, {}); the spec can name one.",
                        first.0,
                        first.1,
                        others.join(", ")
                    ));
                    first.clone()
                }
            }
        }
    };
    let both_dates = [&start, &end]
        .iter()
        .all(|p| field_at(draft, p).is_some_and(|f| f.ty == Type::Date));
    let wanted = if both_dates {
        Type::Date
    } else {
        Type::DateTime
    };
    for path in [&start, &end] {
        if let Some(field) = field_at(draft, path) {
            // Bounds of the window are times whatever an example shows.
            field.time_inferred = false;
            if field.ty == wanted {
                continue;
            }
            if !matches!(field.ty, Type::String | Type::DateTime | Type::Date) {
                warnings.push(
                    Severity::Guessed,
                    Some(line),
                    "1.接口说明",
                    format!(
                        "'{path}' is typed {} but bounds the time window; retyped {wanted}",
                        field.ty
                    ),
                );
            }
            field.comments.push(format!(
                "Typed {wanted} because it bounds the time window (the table alone gives {}).",
                field.ty
            ));
            field.ty = wanted.clone();
            field.max_len = None;
            field.digits = None;
        }
    }
    draft.time_windows.push(TimeWindow {
        comments,
        start,
        end,
        max_span: chosen.span,
        span_when: Vec::new(),
        warning: false,
    });
}

/// `modified_from`/`modified_to` pairs among the arguments and the fields of struct
/// arguments, as window paths.
fn from_to_pairs(draft: &Draft) -> Vec<(String, String)> {
    let mut names: Vec<String> = draft.args.iter().map(|a| a.name.clone()).collect();
    for arg in &draft.args {
        if let Type::Named(s) = &arg.ty
            && let Some(structure) = draft.structs.iter().find(|x| x.name == *s)
        {
            names.extend(
                structure
                    .fields
                    .iter()
                    .map(|f| format!("{}.{}", arg.name, f.name)),
            );
        }
    }
    names
        .iter()
        .filter_map(|from| {
            let stem = from.strip_suffix("_from")?;
            let to = format!("{stem}_to");
            names.contains(&to).then(|| (from.clone(), to))
        })
        .collect()
}

/// Whether any argument or field of a struct argument is (or reads as) a time.
fn has_time_fields(draft: &Draft) -> bool {
    let is_time = |f: &Field| {
        matches!(f.ty, Type::DateTime | Type::Date)
            || f.label
                .as_deref()
                .is_some_and(|l| l.contains("时间") || l.contains("日期"))
    };
    draft.args.iter().any(is_time)
        || draft.args.iter().any(|arg| match &arg.ty {
            Type::Named(s) => draft
                .structs
                .iter()
                .find(|x| x.name == *s)
                .is_some_and(|x| x.fields.iter().any(is_time)),
            _ => false,
        })
}

/// The rows whose descriptions may state a span: the arguments and their fields.
fn top_rows(doc: &Doc) -> Vec<&Param> {
    let mut rows = Vec::new();
    for arg in &doc.args {
        rows.push(arg);
        if let Some(sub) = &arg.children {
            rows.extend(sub.rows.iter());
        }
    }
    rows
}

/// `params.start_time` or `start_time`: where a field of that name is, among the arguments
/// and the fields of struct arguments.
fn path_of(draft: &Draft, name: &str) -> Option<String> {
    if draft.args.iter().any(|a| a.name == name) {
        return Some(name.to_owned());
    }
    draft.args.iter().find_map(|arg| {
        let Type::Named(s) = &arg.ty else { return None };
        let structure = draft.structs.iter().find(|x| x.name == *s)?;
        structure
            .fields
            .iter()
            .any(|f| f.name == name)
            .then(|| format!("{}.{name}", arg.name))
    })
}

fn field_at<'a>(draft: &'a mut Draft, path: &str) -> Option<&'a mut Field> {
    match path.split_once('.') {
        None => draft.args.iter_mut().find(|a| a.name == path),
        Some((arg, field)) => {
            let Type::Named(s) = &draft.args.iter().find(|a| a.name == arg)?.ty else {
                return None;
            };
            let s = s.clone();
            draft
                .structs
                .iter_mut()
                .find(|x| x.name == s)?
                .fields
                .iter_mut()
                .find(|f| f.name == field)
        }
    }
}
