//! `[paging]`: where a paged query's records are, and the page sizes the page shows, states
//! or advises.

use serde_json::Value;

use crate::doc::{Doc, Param};
use crate::draft::{Draft, Field, Paging, Type};
use crate::warning::{Severity, Warnings};

/// The page size the vendor's other pages show in use, for pages whose own example pages by
/// fewer than [`SMALLEST_SHOWN_SIZE`] records (1 or 2 is a demonstration, not a size to use).
const VENDOR_PAGE_SIZE: u32 = 50;
const SMALLEST_SHOWN_SIZE: u32 = 10;

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
    let sizes = page_sizes(
        doc.example_page_size,
        size_text.iter().find_map(|t| stated_max(t)),
        size_text.iter().find_map(|t| advised_max(t)),
    );
    comments.push(sizes.comment.clone());
    draft.paging = Some(Paging {
        comments,
        list,
        total,
        id,
        default_page_size: sizes.default,
        max_page_size: sizes.stated,
        assumed_max_page_size: sizes.advised,
    });
}

/// The `[paging]` sizes and the comment saying where they come from.
#[derive(Debug, PartialEq)]
struct PageSizes {
    default: u32,
    stated: Option<u32>,
    advised: Option<u32>,
    comment: String,
}

/// Sizes from the example's pager (`Pager(50, 0, true)`) and the maximum the page states
/// (refused above it) or only advises (warned above it). Nothing is made up: without either
/// maximum any size is sent.
fn page_sizes(example: Option<u32>, stated: Option<u32>, advised: Option<u32>) -> PageSizes {
    let (mut default, shown) = match example {
        Some(n) if n >= SMALLEST_SHOWN_SIZE => (n, format!("its example pages by {n}")),
        Some(n) => (
            VENDOR_PAGE_SIZE,
            format!(
                "its examples page by {n} only; {VENDOR_PAGE_SIZE} is the size other pages of the vendor show"
            ),
        ),
        None => (
            VENDOR_PAGE_SIZE,
            format!(
                "it shows no pager; {VENDOR_PAGE_SIZE} is the size other pages of the vendor show"
            ),
        ),
    };
    let advised = advised.filter(|_| stated.is_none());
    let limit = match (stated, advised) {
        (Some(max), _) => format!("the page states a maximum of {max}"),
        (None, Some(max)) => {
            format!("the page recommends at most {max} (建议{max}以下), so larger sizes only warn")
        }
        (None, None) => "the page states no maximum".to_owned(),
    };
    if let Some(max) = stated.or(advised) {
        default = default.min(max);
    }
    PageSizes {
        default,
        stated,
        advised,
        comment: format!("Page sizes: {shown}; {limit}."),
    }
}

/// `page_size建议200以下` → 200: a maximum the page only recommends.
fn advised_max(text: &str) -> Option<u32> {
    let at = text.find("建议")? + "建议".len();
    let rest = text[at..].trim_start_matches(['在', '为', ' ']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    let below = ["以下", "以内", "之内"]
        .iter()
        .any(|w| after.starts_with(w));
    digits.parse().ok().filter(|n| *n > 0 && below)
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

    #[test]
    fn advised_page_size_maximums() {
        assert_eq!(
            advised_max("分页大小（单量较大的卖家，page_size建议200以下）"),
            Some(200)
        );
        assert_eq!(advised_max("分页大小，最大1000"), None);
        assert_eq!(advised_max("建议使用时间查询"), None);
    }

    #[test]
    fn page_sizes_come_from_the_page() {
        let stated = page_sizes(Some(50), Some(2000), None);
        assert_eq!(
            (stated.default, stated.stated, stated.advised),
            (50, Some(2000), None)
        );
        assert_eq!(
            stated.comment,
            "Page sizes: its example pages by 50; the page states a maximum of 2000."
        );
        let advised = page_sizes(Some(1), None, Some(200));
        assert_eq!(
            (advised.default, advised.stated, advised.advised),
            (50, None, Some(200))
        );
        assert!(
            advised.comment.contains("examples page by 1 only"),
            "{}",
            advised.comment
        );
        let unstated = page_sizes(None, None, None);
        assert_eq!(
            (unstated.default, unstated.stated, unstated.advised),
            (50, None, None)
        );
        assert!(unstated.comment.contains("it shows no pager"));
        // A default never exceeds a maximum.
        assert_eq!(page_sizes(Some(500), None, Some(200)).default, 200);
        assert_eq!(page_sizes(Some(10), None, None).default, 10);
    }
}
