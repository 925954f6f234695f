//! Parameter tables: which column is which, rows, sub-table titles and the rows the scrape
//! left outside tables.

use crate::doc::Param;
use crate::page::Row;
use crate::text::{compact, is_identifier, tidy};

/// A table of a parameter section before titles are resolved.
#[derive(Debug, Default)]
pub(super) struct RawTable {
    pub(super) title: Option<Title>,
    pub(super) rows: Vec<Param>,
}

/// A sub-table title (`**order_details**`).
#[derive(Debug, Clone)]
pub(super) struct Title {
    pub(super) name: String,
    pub(super) remark: Option<String>,
    pub(super) line: usize,
}

/// Which column holds what, from a header row.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    pub(super) label: Option<usize>,
    pub(super) name: usize,
    pub(super) ty: Option<usize>,
    pub(super) length: Option<usize>,
    pub(super) required: Option<usize>,
    pub(super) description: Option<usize>,
}

impl Columns {
    /// 名称 | 字段 | 类型 | 长度 | 必须 | 描述.
    pub(super) const STANDARD: Columns = Columns {
        label: Some(0),
        name: 1,
        ty: Some(2),
        length: Some(3),
        required: Some(4),
        description: Some(5),
    };

    /// The columns of a header row; `None` when the row is not a header.
    pub(super) fn from_header(row: &Row) -> Option<Columns> {
        let mut label = None;
        let mut name = None;
        let mut ty = None;
        let mut length = None;
        let mut required = None;
        let mut description = None;
        for (i, cell) in row.cells.iter().enumerate() {
            match compact(&cell.text).as_str() {
                "名称" | "参数名称" => label = Some(i),
                "字段" | "字段名" | "参数" | "参数名" => {
                    // `字段 | 字段 | 类型`: the first of two 字段 columns is the 名称 one.
                    if name.is_some() && label.is_none() {
                        label = name;
                    }
                    name = Some(i);
                }
                "类型" | "字段类型" | "参数类型" => ty = Some(i),
                "长度" => length = Some(i),
                "必须" | "是否必须" | "必填" | "是否必填" => required = Some(i),
                t if t.starts_with("描述") || t.starts_with("说明") => description = Some(i),
                _ => {}
            }
        }
        Some(Columns {
            label,
            name: name?,
            ty: Some(ty?),
            length,
            required,
            description,
        })
    }
}

/// A parameter row; `None` when it has no field name.
pub(super) fn param_row(row: &Row, columns: &Columns, context: &str) -> Option<Param> {
    let get = |i: Option<usize>| i.map(|i| tidy(row.cell(i))).unwrap_or_default();
    let raw_name = tidy(row.cell(columns.name));
    if raw_name.is_empty() {
        return None;
    }
    // The scrape sometimes splits a name with bold markers or spaces (`detail _list`).
    let squeezed = compact(&raw_name);
    let name = if is_identifier(&squeezed) {
        squeezed
    } else {
        raw_name
    };
    Some(Param {
        label: get(columns.label),
        name,
        ty: get(columns.ty),
        length: get(columns.length),
        required: get(columns.required),
        description: get(columns.description),
        example: None,
        line: row.line,
        context: context.to_owned(),
        caption: None,
        children: None,
        max_items: None,
    })
}

/// A row that only holds a sub-table title (`| **suite** | | |`, `| details | | |`).
pub(super) fn title_row(row: &Row) -> Option<Title> {
    let first = row.cells.first()?;
    if row.cells.iter().skip(1).any(|c| !c.text.trim().is_empty()) {
        return None;
    }
    table_title(&first.text, row.line)
}

/// A delimiter row of a table the scrape flattened into its parent (`---`, `:--`).
pub(super) fn is_delimiter(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':'))
}

/// A sub-table title: an identifier, optionally followed by `:` or a parenthesised remark.
pub(super) fn table_title(text: &str, line: usize) -> Option<Title> {
    let squeezed = compact(text);
    let squeezed = squeezed.trim_end_matches([':', '：']);
    let end = squeezed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(squeezed.len());
    let (name, rest) = squeezed.split_at(end);
    if !is_identifier(name) {
        return None;
    }
    let remark = if rest.is_empty() {
        None
    } else if rest.starts_with(['(', '（']) {
        // Keep the remark as written (with its spaces), not squeezed.
        let written = text.trim().replace("**", "");
        let start = written.find(['(', '（']).unwrap_or(0);
        Some(written[start..].trim().to_owned())
    } else {
        return None;
    };
    Some(Title {
        name: name.to_owned(),
        remark,
        line,
    })
}

/// Text of parameter sections that carries nothing the spec needs.
pub(super) fn is_known_prose(compacted: &str) -> bool {
    ["返回值为", "响应参数为", "响应参数说明", "请求参数为"]
        .iter()
        .any(|p| compacted.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_table_titles() {
        let t = table_title("discountList(平台,tid,oid,sn,type 联合组成唯一)", 3).unwrap();
        assert_eq!(t.name, "discountList");
        assert_eq!(
            t.remark.as_deref(),
            Some("(平台,tid,oid,sn,type 联合组成唯一)")
        );
        assert_eq!(table_title("SnInfo：", 1).unwrap().name, "SnInfo");
        assert_eq!(table_title("d etail_list", 1).unwrap().name, "detail_list");
        assert!(table_title("返回值为一个Map<String, Object>", 1).is_none());
    }
}
