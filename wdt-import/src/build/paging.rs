//! `[paging]` and `[time_window]`: where a paged query's records are, and the longest span
//! its start/end pair may cover.

use serde_json::Value;

use crate::doc::{Doc, Param};
use crate::draft::{Draft, Field, Paging, TimeWindow, Type};
use crate::span::{self, SpanLimit};
use crate::warning::{Severity, Warnings};

/// Page sizes when the page states no maximum (the format's documented assumption).
const DEFAULT_PAGE_SIZE: u32 = 100;
const ASSUMED_MAX_PAGE_SIZE: u32 = 1000;

/// Adds `[paging]` to a paged query: one with a pager argument, or a query whose public
/// parameters (3.2) list `page_size`/`page_no` and whose reply has a list. (Many pages that
/// do not page carry the paged public parameters too.)
pub(super) fn paging(
    doc: &Doc,
    pager: Option<&Param>,
    example_data: Option<&Value>,
    draft: &mut Draft,
    warnings: &mut Warnings,
) {
    let by_pager = pager.is_some();
    if !by_pager && !doc.public_paging {
        return;
    }
    let line = pager.map_or(doc.title_line, |p| p.line);
    let location = pager.map_or_else(|| "3.2 公共请求参数".to_owned(), Param::location);
    let not_paged = |warnings: &mut Warnings, why: &str| {
        if by_pager {
            warnings.push(
                Severity::Lost,
                Some(line),
                location.clone(),
                format!("the query has a pager but {why}; no [paging]"),
            );
        } else {
            warnings.push(
                Severity::Review,
                Some(line),
                location.clone(),
                format!("3.2 lists page_size/page_no, but {why}; read as not paged"),
            );
        }
    };
    if !by_pager && !draft.endpoint.retry_safe {
        not_paged(warnings, "the operation is not a query");
        return;
    }
    let mut comments = vec![
        "The pager (page_size, page_no from 0) travels in the query string, not the body."
            .to_owned(),
    ];
    let Some(response) = draft.response.clone() else {
        not_paged(warnings, "the reply has no data");
        return;
    };
    let (list, item) = match &response.ty {
        Type::List(item) => (None, Some((**item).clone())),
        Type::Named(name) => {
            match records(
                name,
                example_data,
                draft,
                &mut comments,
                line,
                &location,
                warnings,
            ) {
                Some(found) => found,
                None => {
                    not_paged(warnings, &format!("data ({name}) has no list of records"));
                    return;
                }
            }
        }
        _ => {
            not_paged(warnings, "its data is neither a list nor a struct");
            return;
        }
    };
    let data_fields: Vec<Field> = match &response.ty {
        Type::Named(name) => draft
            .structs
            .iter()
            .find(|s| s.name == *name)
            .map(|s| s.fields.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let total = ["total_count", "total"]
        .iter()
        .find(|t| {
            data_fields
                .iter()
                .any(|f| f.name == **t && matches!(f.ty, Type::Int | Type::Long))
        })
        .map(|t| (*t).to_owned());
    let id = match &item {
        Some(Type::Named(name)) => draft
            .structs
            .iter()
            .find(|s| s.name == *name)
            .and_then(|s| record_id(&draft.endpoint.method, &s.fields)),
        _ => None,
    };
    if id.is_none() && matches!(item, Some(Type::Named(_))) {
        comments.push(
            "No *_id field of the records names them (the ids there are of other things), so there is no id."
                .to_owned(),
        );
    }
    let size_text: Vec<String> = pager
        .and_then(|p| p.children.as_ref())
        .map(|s| {
            s.rows
                .iter()
                .filter(|r| r.name == "page_size")
                .map(|r| format!("{} {}", r.label, r.description))
                .collect()
        })
        .unwrap_or_default();
    let max = match size_text.iter().find_map(|t| stated_max(t)) {
        Some(max) => {
            comments.push(format!("The page states a maximum page size of {max}."));
            max
        }
        None => {
            comments.push(format!(
                "The page states no maximum page size; {ASSUMED_MAX_PAGE_SIZE} is an assumption."
            ));
            ASSUMED_MAX_PAGE_SIZE
        }
    };
    for text in &size_text {
        if text.contains("建议") {
            comments.push(format!("The page advises: {}", text.trim()));
        }
    }
    draft.paging = Some(Paging {
        comments,
        list,
        total,
        id,
        default_page_size: DEFAULT_PAGE_SIZE.min(max),
        max_page_size: max,
    });
}

/// Names of lists that hold something other than the records (totals, outcomes).
const NOT_RECORDS: &[&str] = &["summary", "error", "fail", "success"];

/// The list field of `data` holding the records, and the record type.
fn records(
    data_name: &str,
    example_data: Option<&Value>,
    draft: &mut Draft,
    comments: &mut Vec<String>,
    line: usize,
    location: &str,
    warnings: &mut Warnings,
) -> Option<(Option<String>, Option<Type>)> {
    let data = draft.structs.iter_mut().find(|s| s.name == data_name)?;
    let lists: Vec<&Field> = data
        .fields
        .iter()
        .filter(|f| matches!(f.ty, Type::List(_)))
        .collect();
    let of_records: Vec<&Field> = lists
        .iter()
        .copied()
        .filter(|f| !NOT_RECORDS.iter().any(|n| f.name.contains(n)))
        .collect();
    let candidates = if of_records.is_empty() {
        &lists
    } else {
        &of_records
    };
    if let Some(chosen) = candidates.first() {
        if candidates.len() > 1 {
            let others: Vec<&str> = candidates[1..].iter().map(|f| f.name.as_str()).collect();
            warnings.push(
                Severity::Guessed,
                Some(line),
                location,
                format!(
                    "data has several lists; '{}' is taken as the paged records (also: {})",
                    chosen.name,
                    others.join(", ")
                ),
            );
            comments.push(format!(
                "data has several lists; '{}' was taken as the records.",
                chosen.name
            ));
        }
        let item = match &chosen.ty {
            Type::List(item) => Some((**item).clone()),
            _ => None,
        };
        return Some((Some(chosen.name.clone()), item));
    }
    // No list: a struct field the example shows as an array is the records, typed wrong.
    let field = data.fields.iter_mut().find(|f| {
        matches!(f.ty, Type::Named(_))
            && example_data
                .and_then(|d| d.get(&f.name))
                .is_some_and(Value::is_array)
    })?;
    let item = field.ty.clone();
    field.ty = Type::List(Box::new(item.clone()));
    field.comments.push(format!(
        "The table types this a single {item}, but the query is paged and the page's example shows a list here: read as list<{item}>."
    ));
    warnings.push(
        Severity::Guessed,
        Some(line),
        location,
        format!(
            "data has no list; '{}' is typed a single {item} but the example shows a list, so it is read as the paged records",
            field.name
        ),
    );
    Some((Some(field.name.clone()), Some(item)))
}

/// The field identifying a record, used to drop repeats: `rec_id`, or the first `*_id`
/// field named after what the method deals in (`stockout_id` for
/// `wms.stockout.Sales.searchCancel`, `city_id` for `setting.Address.citySearch`). An
/// `*_id` of something else (`operator_id`, `warehouse_id`) would merge distinct records.
fn record_id(method: &str, fields: &[Field]) -> Option<String> {
    let method = method.to_ascii_lowercase();
    if let Some(f) = fields.iter().find(|f| f.name == "rec_id") {
        return Some(f.name.clone());
    }
    fields
        .iter()
        .filter_map(|f| Some((f, f.name.strip_suffix("_id")?)))
        .find(|(_, stem)| {
            let first = stem.split('_').next().unwrap_or(stem);
            !first.is_empty() && method.contains(&first.to_ascii_lowercase())
        })
        .map(|(f, _)| f.name.clone())
}

/// `最大1000`, `不能超过2000`, `最大不超1000` → the number.
fn stated_max(text: &str) -> Option<u32> {
    ["最大不超", "不能超过", "不超过", "最大", "最多", "上限"]
        .iter()
        .find_map(|word| {
            let at = text.find(word)? + word.len();
            let digits: String = text[at..]
                .trim_start_matches(['为', '是', ' ', ':', '：'])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok().filter(|n| *n > 0)
        })
}

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
    draft.time_window = Some(TimeWindow {
        comments,
        start,
        end,
        max_span: chosen.span,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_named_by_their_own_id() {
        let fields = |names: &[&str]| -> Vec<Field> {
            names.iter().map(|n| Field::new(n, Type::Int)).collect()
        };
        let id = |method: &str, names: &[&str]| record_id(method, &fields(names));
        assert_eq!(
            id(
                "wms.stockout.Sales.searchCancel",
                &["stockout_id", "status"]
            )
            .as_deref(),
            Some("stockout_id")
        );
        assert_eq!(
            id(
                "wms.stockin.Refund.queryWithDetail",
                &["operator_id", "logistics_id", "stockin_id"]
            )
            .as_deref(),
            Some("stockin_id")
        );
        assert_eq!(
            id("setting.Address.citySearch", &["province_id", "city_id"]).as_deref(),
            Some("city_id")
        );
        assert_eq!(
            id("goods.ApiGoods.search", &["shop_id", "rec_id"]).as_deref(),
            Some("rec_id")
        );
        assert_eq!(
            id(
                "aftersales.refund.Refund.searchHistory",
                &["flag_id", "operator_id"]
            ),
            None
        );
    }

    #[test]
    fn stated_page_size_maximums() {
        assert_eq!(stated_max("分页大小 分页大小不能超过2000"), Some(2000));
        assert_eq!(stated_max("分页大小（最大1000）"), Some(1000));
        assert_eq!(stated_max("分页大小，最大1000"), Some(1000));
        assert_eq!(stated_max("分页大小（最大不超1000）"), Some(1000));
        assert_eq!(
            stated_max("分页大小（单量较大的卖家，page_size建议200以下）"),
            None
        );
        assert_eq!(stated_max("分页大小"), None);
    }
}
