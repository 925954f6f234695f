//! The human-readable catalogue of a spec directory (`specs/CATALOG.md`).

use std::fmt::Write as _;

use crate::model::{Catalog, Direction, Protocol, TimeWindow, WindowEnds};

/// A markdown table of every endpoint: method, Chinese name, area, protocol (and, for
/// Qimen, who sends it), paging, time window, retry safety; then the code tables.
pub fn markdown(catalog: &Catalog) -> String {
    let mut out = String::from(
        "# Endpoint catalogue\n\n\
         Generated from the spec files by `wdt spec catalog specs`; `tests/catalog.rs` keeps it in\n\
         sync. Paged endpoints take `page_no` (from 0) and `page_size`; a time window is the\n\
         longest span between the two fields it names.\n\n",
    );
    let _ = writeln!(
        out,
        "{} endpoints, {} code tables.\n",
        catalog.specs.len(),
        catalog.codes.len()
    );
    out.push_str("| method | 名称 | area | protocol | paged | time window | retry-safe |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for spec in &catalog.specs {
        let e = &spec.endpoint;
        let paged = spec.paging.as_ref().map_or("–".to_owned(), |p| {
            match (p.max_page_size, p.assumed_max_page_size) {
                (Some(max), _) => format!("{} (max {max})", p.default_page_size),
                (None, Some(max)) => format!("{} (at most {max} advised)", p.default_page_size),
                (None, None) => format!("{} (no stated max)", p.default_page_size),
            }
        });
        let windows: Vec<String> = spec.time_windows.iter().map(window_text).collect();
        let window = if windows.is_empty() {
            "–".to_owned()
        } else {
            windows.join("; ")
        };
        let protocol = match (e.protocol, e.direction) {
            (Protocol::Wdt, _) => "旗舰版",
            (Protocol::Qimen, None) => "奇门",
            (Protocol::Qimen, Some(Direction::ErpToWms)) => "奇门, ERP → WMS",
            (Protocol::Qimen, Some(Direction::WmsToErp)) => "奇门, WMS → ERP",
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {protocol} | {paged} | {window} | {} |",
            e.method,
            e.name.replace('|', "\\|"),
            e.area(),
            if e.retry_safe { "yes" } else { "no" }
        );
    }
    if !catalog.codes.is_empty() {
        out.push_str("\n## Code tables\n\n| type | values | 说明 |\n| --- | --- | --- |\n");
        for table in &catalog.codes {
            let _ = writeln!(
                out,
                "| `codes::{}` | {} | {} |",
                table.name,
                table.values.len(),
                table
                    .description
                    .as_deref()
                    .unwrap_or("")
                    .replace('|', "\\|")
            );
        }
    }
    out
}

/// `1h: `params.start_time` … `params.end_time`` with its conditional spans.
fn window_text(w: &TimeWindow) -> String {
    let ends = match w.ends {
        WindowEnds::Inclusive => "",
        WindowEnds::HalfOpen => ", end excluded",
    };
    let mut text = format!(
        "{}: `{}` … `{}`{ends}",
        w.max_span_text, w.start.path, w.end.path
    );
    for s in &w.span_when {
        let _ = write!(
            text,
            ", {} when `{}` {}",
            s.limit_text(),
            s.field.path,
            s.condition_text()
        );
    }
    text
}
