//! Sub-tables hung under the rows they describe: `**order_list**` after `**data**` becomes
//! the struct of `data.order_list`.

use serde_json::Value;

use super::Section;
use super::tables::RawTable;
use crate::doc::{Param, SubTable};
use crate::text::shorten;
use crate::types::DocType;
use crate::warning::{Severity, Warnings};

/// Hangs each titled table under the row it describes; returns the top-level rows.
///
/// `example` is the section's example (the request's argument array, or the reply), which
/// can confirm where a table that names no row belongs.
pub(super) fn assemble(
    tables: Vec<RawTable>,
    section: Section,
    example: Option<&Value>,
    warnings: &mut Warnings,
) -> Vec<Param> {
    let mut tables = tables.into_iter();
    let Some(first) = tables.next() else {
        return Vec::new();
    };
    let mut top = Vec::new();
    // Where the previous table's rows went: a path of row indices (empty: the top level).
    let mut previous: Vec<usize> = Vec::new();
    let first = match first.title {
        // A page whose first table is already titled (`**params**` right after 3.3).
        Some(title) if section == Section::BusinessParams && title.name != "params" => {
            warnings.push(
                Severity::Review,
                Some(title.line),
                section.name(),
                format!(
                    "the first table is titled '{}'; its rows are read as the arguments",
                    title.name
                ),
            );
            RawTable {
                title: None,
                rows: first.rows,
            }
        }
        _ => first,
    };
    if let Some(title) = &first.title {
        // `**params**` with no table naming it: the rows are the fields of one argument.
        top.push(Param {
            label: title.name.clone(),
            name: title.name.clone(),
            ty: "Map<String, Object>".to_owned(),
            required: "是".to_owned(),
            line: title.line,
            context: section.name().to_owned(),
            children: Some(SubTable {
                title: title.name.clone(),
                remark: title.remark.clone(),
                rows: first.rows,
            }),
            ..Param::default()
        });
        previous = vec![0];
    } else {
        top = first.rows;
    }
    for table in tables {
        let Some(title) = table.title else {
            // An untitled table continues the previous one (a table split by the scrape).
            rows_at(&mut top, &previous).extend(table.rows);
            continue;
        };
        let wanted = loose(&title.name);
        let by_name = |p: &Param| loose(&p.name) == wanted;
        let continued = find_row(&top, &|p| by_name(p) && p.children.is_some());
        let target = find_row(&top, &|p| by_name(p) && p.children.is_none())
            .or_else(|| {
                // The scrape sometimes swaps 名称 and 字段.
                find_row(&top, &|p| loose(&p.label) == wanted && p.children.is_none())
            })
            .or_else(|| {
                // `List<SnInfo>` described by a table titled `SnInfo`.
                find_row(&top, &|p| {
                    p.children.is_none()
                        && matches!(crate::types::parse(&p.ty), Some(DocType::List(item))
                            if item.struct_name().is_some_and(|t| loose(t) == wanted))
                })
            });
        if target.is_none()
            && let Some(path) = continued
        {
            rows_at(&mut top, &path).extend(table.rows);
            previous = path;
            continue;
        }
        let target = target.or_else(|| {
            let waiting = waiting_rows(&top);
            let [only] = waiting.as_slice() else {
                return None;
            };
            let confirmed = example
                .and_then(|e| example_at(e, &top, only, section))
                .is_some_and(|value| shows_most(value, &table.rows));
            let (severity, evidence) = if confirmed {
                (Severity::Review, "; the page's example agrees")
            } else {
                (Severity::Guessed, "")
            };
            let row = row_at(&mut top, only);
            warnings.push(
                severity,
                Some(title.line),
                format!("{} › {}", section.name(), title.name),
                format!(
                    "no row is named '{}'; its table is read as the fields of '{}', the only row without a table of its own{evidence}",
                    title.name, row.name
                ),
            );
            Some(only.clone())
        });
        match target {
            Some(path) => {
                row_at(&mut top, &path).children = Some(SubTable {
                    title: title.name.clone(),
                    remark: title.remark.clone(),
                    rows: table.rows,
                });
                previous = path;
            }
            None => {
                let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
                warnings.push(
                    Severity::Lost,
                    Some(title.line),
                    format!("{} › {}", section.name(), title.name),
                    format!(
                        "no row of the page is named '{}', so its table ({} rows: {}) was left out",
                        title.name,
                        names.len(),
                        shorten(&names.join(", "), 80)
                    ),
                );
            }
        }
    }
    top
}

/// The value an example holds for the row at `path` (the first item of a list).
fn example_at<'v>(
    example: &'v Value,
    top: &[Param],
    path: &[usize],
    section: Section,
) -> Option<&'v Value> {
    let (first, rest) = path.split_first()?;
    let mut value = match section {
        // The request is an array of positional arguments.
        Section::BusinessParams => example.get(*first)?,
        _ => example.get(top.get(*first)?.name.as_str())?,
    };
    let mut row = top.get(*first)?;
    for i in rest {
        row = row.children.as_ref()?.rows.get(*i)?;
        value = first_item(value).get(row.name.as_str())?;
    }
    Some(first_item(value))
}

fn first_item(value: &Value) -> &Value {
    match value {
        Value::Array(items) => items.first().unwrap_or(value),
        other => other,
    }
}

/// Whether an example object has keys for at least half of the rows.
fn shows_most(value: &Value, rows: &[Param]) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    let shown = rows.iter().filter(|r| map.contains_key(&r.name)).count();
    shown > 0 && shown * 2 >= rows.len()
}

/// A name compared loosely: case and underscores ignored (`detailList` = `detail_list`).
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The path of the first row (depth first) that `accept` takes.
fn find_row(rows: &[Param], accept: &dyn Fn(&Param) -> bool) -> Option<Vec<usize>> {
    for (i, row) in rows.iter().enumerate() {
        if accept(row) {
            return Some(vec![i]);
        }
        if let Some(sub) = &row.children
            && let Some(mut path) = find_row(&sub.rows, accept)
        {
            path.insert(0, i);
            return Some(path);
        }
    }
    None
}

/// Paths of the rows whose type expects a table (`Map<String, Object>`,
/// `List<Map<String, Object>>`) and that have none yet.
fn waiting_rows(rows: &[Param]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match &row.children {
            None => {
                let expects = match crate::types::parse(&row.ty) {
                    Some(DocType::Object) => true,
                    Some(DocType::List(inner)) => matches!(*inner, DocType::Object),
                    _ => false,
                };
                if expects {
                    found.push(vec![i]);
                }
            }
            Some(sub) => {
                for mut path in waiting_rows(&sub.rows) {
                    path.insert(0, i);
                    found.push(path);
                }
            }
        }
    }
    found
}

fn row_at<'a>(rows: &'a mut [Param], path: &[usize]) -> &'a mut Param {
    let (first, rest) = path.split_first().expect("paths are never empty");
    let row = &mut rows[*first];
    if rest.is_empty() {
        row
    } else {
        let sub = row
            .children
            .as_mut()
            .expect("a path goes through sub-tables");
        row_at(&mut sub.rows, rest)
    }
}

/// The rows a path leads to: the top level, or a row's sub-table.
fn rows_at<'a>(top: &'a mut Vec<Param>, path: &[usize]) -> &'a mut Vec<Param> {
    if path.is_empty() {
        return top;
    }
    let row = row_at(top, path);
    &mut row.children.get_or_insert_with(SubTable::default).rows
}
