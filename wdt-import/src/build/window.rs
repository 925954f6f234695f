//! `[[time_window]]`: the longest span a start/end pair of the request may cover, as the
//! notes and descriptions state it.

use crate::doc::{Doc, Param};
use crate::draft::{Draft, Field, SpanWhen, TimeWindow, Type};
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
    let mut comments: Vec<String> = found
        .iter()
        .map(|(_, text, _)| format!("From the page: {text}"))
        .collect();
    comments.dedup();
    let mut span_when = Vec::new();
    let chosen = if spans.len() == 1 {
        spans[0].span.clone()
    } else if let Some((base, wider)) = conditional(&found, draft) {
        comments.push(format!(
            "{base} without {field}, {} with it.",
            wider.max_span,
            field = wider.field
        ));
        span_when.push(wider);
        base
    } else {
        let all: Vec<&str> = spans.iter().map(|l| l.span.as_str()).collect();
        warnings.push(
            Severity::Guessed,
            Some(line),
            "1.接口说明",
            format!(
                "the page states different spans ({}) under different conditions; the spec can hold one, so the shortest ({}) is used",
                all.join(", "),
                spans[0].span
            ),
        );
        comments.push(format!(
            "The page gives several spans ({}); the shortest is used.",
            all.join(", ")
        ));
        spans[0].span.clone()
    };
    for (subject, text, line) in lifts(doc) {
        match field_named(draft, &subject) {
            Some(field) if !span_when.iter().any(|s: &SpanWhen| s.field == field) => {
                comments.push(format!("{text}: with {field} the span is not checked."));
                span_when.push(SpanWhen {
                    field,
                    max_span: "none".to_owned(),
                });
            }
            Some(_) => {}
            None => warnings.push(
                Severity::Review,
                Some(line),
                "1.接口说明",
                format!(
                    "the page lifts the span limit when {subject} is given, but no request field is {subject}"
                ),
            ),
        }
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
    let pairs = match known {
        Some(pair) => vec![pair],
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
                            chosen
                        ),
                    );
                    return;
                }
                [_] => pairs,
                [first, ..] => {
                    let all: Vec<String> = pairs.iter().map(|(a, b)| format!("{a}/{b}")).collect();
                    warnings.push(
                        Severity::Review,
                        Some(line),
                        "1.接口说明",
                        format!(
                            "the span limit names no fields, so it is applied to every from/to pair, one [[time_window]] each ({}); scans walk the first",
                            all.join(", ")
                        ),
                    );
                    comments.push(format!(
                        "The limit applies to every from/to pair; {}/{} comes first (scan_windows walks it).",
                        first.0, first.1
                    ));
                    pairs
                }
            }
        }
    };
    for (i, (start, end)) in pairs.into_iter().enumerate() {
        retype_bounds(draft, &start, &end, line, warnings);
        draft.time_windows.push(TimeWindow {
            comments: if i == 0 {
                std::mem::take(&mut comments)
            } else {
                Vec::new()
            },
            start,
            end,
            max_span: chosen.clone(),
            span_when: span_when.clone(),
            warning: false,
        });
    }
}

/// Makes both bounds of a window times: dates when both are dates, datetimes otherwise.
fn retype_bounds(draft: &mut Draft, start: &str, end: &str, line: usize, warnings: &mut Warnings) {
    let both_dates = [start, end]
        .iter()
        .all(|p| field_at(draft, p).is_some_and(|f| f.ty == Type::Date));
    let wanted = if both_dates {
        Type::Date
    } else {
        Type::DateTime
    };
    for path in [start, end] {
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
}

/// The span while a field is left out, and the other span while it is given, when the
/// page states both (`如传入商家编码…30天，如不传入商家编码…60min`) of one field the request
/// has. Unconditional statements must repeat one of the two.
fn conditional(found: &[(SpanLimit, String, usize)], draft: &Draft) -> Option<(String, SpanWhen)> {
    let conditioned = |given: bool| {
        found.iter().find_map(|(l, _, _)| {
            l.condition
                .as_ref()
                .filter(|c| c.given == given)
                .map(|c| (l, c.subject.as_str()))
        })
    };
    let (without, subject) = conditioned(false)?;
    let (with, same) = conditioned(true)?;
    let consistent = subject == same
        && found.iter().all(|(l, _, _)| match &l.condition {
            Some(c) => {
                c.subject == subject && l.seconds == if c.given { with } else { without }.seconds
            }
            None => l.seconds == with.seconds || l.seconds == without.seconds,
        });
    if !consistent {
        return None;
    }
    let field = field_named(draft, subject)?;
    Some((
        without.span.clone(),
        SpanWhen {
            field,
            max_span: with.span.clone(),
        },
    ))
}

/// Fields the notes and descriptions say lift the limit once given, as the page names
/// them, with the text and its line.
fn lifts(doc: &Doc) -> Vec<(String, String, usize)> {
    let notes = doc.notes.iter().map(|n| (n.text.as_str(), n.line));
    let rows = top_rows(doc)
        .into_iter()
        .map(|p| (p.description.as_str(), p.line));
    notes
        .chain(rows)
        .flat_map(|(text, line)| {
            span::lifted_by(text)
                .into_iter()
                .map(move |subject| (subject, text.replace('\n', " "), line))
        })
        .collect()
}

/// The path of the field a page names by wire name or by label (`商家编码`).
fn field_named(draft: &Draft, name: &str) -> Option<String> {
    if let Some(path) = path_of(draft, name) {
        return Some(path);
    }
    let labelled = |f: &Field| f.label.as_deref() == Some(name);
    if let Some(arg) = draft.args.iter().find(|a| labelled(a)) {
        return Some(arg.name.clone());
    }
    draft.args.iter().find_map(|arg| {
        let Type::Named(s) = &arg.ty else { return None };
        let structure = draft.structs.iter().find(|x| x.name == *s)?;
        let field = structure.fields.iter().find(|f| labelled(f))?;
        Some(format!("{}.{}", arg.name, field.name))
    })
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
