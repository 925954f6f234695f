//! The 旗舰版 page layout: a bold title, numbered sections, parameter tables with sub-tables
//! named by bold titles, and example cells.
//!
//! Reading is in two steps. [`read`] walks the blocks once, tracking the section, and
//! collects each parameter section as a list of raw tables (title + rows). [`assemble()`] then
//! hangs every titled table under the row it describes, so `**order_list**` after `**data**`
//! becomes the struct of `data.order_list`.

use wdt_spec::model::Protocol;

mod assemble;
mod intro;
mod tables;

use self::assemble::assemble;
use self::intro::{intro_row, note_lines, note_prefix, version};
use self::tables::{
    Columns, RawTable, Title, is_delimiter, is_known_prose, param_row, table_title, title_row,
};
use crate::doc::{BodyShape, Doc, Example, Examples, Note, Param};
use crate::examples;
use crate::page::{BlockKind, Page, Row, Text};
use crate::text::{compact, first_line, is_identifier, is_line_numbers, shorten, tidy};
use crate::titles::{category, method_title};
use crate::warning::{Severity, Warnings};

/// Where the canonical doc page of a method lives.
const DOC_URL: &str = "https://open.wangdian.cn/qjb/open/apidoc/doc?path=";

/// The sections of a page, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Preamble,
    Intro,
    Scenario,
    RequestHeader,
    Address,
    PublicParams,
    BusinessParams,
    Response,
    RequestExample,
    ResponseExamples,
    NormalResponse,
    ErrorResponse,
    Footer,
}

impl Section {
    /// The section's name in warnings.
    fn name(self) -> &'static str {
        match self {
            Section::Preamble => "title",
            Section::Intro => "1.接口说明",
            Section::Scenario => "2.调用场景",
            Section::RequestHeader | Section::Address => "3.请求参数说明",
            Section::PublicParams => "3.2 公共请求参数",
            Section::BusinessParams => "3.3 业务请求参数",
            Section::Response => "4.响应参数",
            Section::RequestExample => "5.请求示例",
            Section::ResponseExamples => "6.响应示例",
            Section::NormalResponse => "6.1 正常响应示例",
            Section::ErrorResponse => "6.2 异常响应示例",
            Section::Footer => "footer",
        }
    }
}

/// Whether the page looks like a 旗舰版 page: it has the numbered 接口说明 section.
pub(crate) fn recognises(page: &Page) -> bool {
    page.blocks.iter().any(|b| match &b.kind {
        BlockKind::Text(t) => heading(&compact(&t.text)) == Some(Section::Intro),
        _ => false,
    })
}

/// Reads a 旗舰版 page. `None` when the page has no method title.
pub(crate) fn read(page: &Page, warnings: &mut Warnings) -> Option<Doc> {
    let mut reader = Reader::default();
    for block in &page.blocks {
        reader.block(block.line, &block.kind, warnings);
    }
    reader.finish_examples(warnings);
    reader.flush_stray_rows(warnings);
    let (method, name, title_line) = reader.title.take()?;
    let doc_url = page
        .meta("url")
        .filter(|u| u.starts_with("http"))
        .map_or_else(|| format!("{DOC_URL}{method}"), str::to_owned);
    if let Some(path) = doc_url.split("path=").nth(1)
        && path != method
    {
        warnings.push(
            Severity::Review,
            Some(title_line),
            "title",
            format!("the title names method '{method}' but the page address names '{path}'"),
        );
    }
    let parsed = |e: &Option<Example>| e.as_ref().and_then(|e| examples::parse_lenient(&e.text));
    let args = assemble(
        std::mem::take(&mut reader.business),
        Section::BusinessParams,
        parsed(&reader.examples.request).as_ref(),
        warnings,
    );
    let response = assemble(
        std::mem::take(&mut reader.response),
        Section::Response,
        parsed(&reader.examples.response).as_ref(),
        warnings,
    );
    Some(Doc {
        protocol: Protocol::Wdt,
        method,
        title_line,
        name,
        category: reader.category,
        description: reader.description,
        min_version: reader.min_version,
        notes: reader.notes,
        doc_url: Some(doc_url),
        public_paging: reader.public_paging,
        args,
        body: reader.body,
        response,
        private_fields: reader.private_fields,
        examples: reader.examples,
        example_page_size: None,
    })
}

/// A code sample found in an example section.
#[derive(Debug)]
struct Sample {
    /// The tab or row label (`Json格式请求报文`, `PHP`), empty when the page gives none.
    label: String,
    code: String,
    line: usize,
}

#[derive(Default)]
struct Reader {
    section: Option<Section>,
    title: Option<(String, String, usize)>,
    category: Option<String>,
    description: Option<String>,
    min_version: Option<String>,
    notes: Vec<Note>,
    public_paging: bool,
    private_fields: Vec<String>,
    body: BodyShape,
    business: Vec<RawTable>,
    response: Vec<RawTable>,
    /// A title waiting for its table.
    pending_title: Option<Title>,
    /// Rows the scrape put in a paragraph (`| 商家编码 | spec_no | … |`), waiting for a table.
    stray_rows: Vec<Param>,
    tab_labels: Vec<String>,
    samples: Vec<Sample>,
    examples: Examples,
}

impl Reader {
    fn section(&self) -> Section {
        self.section.unwrap_or(Section::Preamble)
    }

    fn block(&mut self, line: usize, kind: &BlockKind, warnings: &mut Warnings) {
        if self.section() == Section::Footer {
            return;
        }
        match kind {
            BlockKind::Text(text) => self.text(line, text, warnings),
            BlockKind::Table(rows) => self.table(rows, warnings),
            BlockKind::Code(code) => {
                if self.in_examples() {
                    let label = self
                        .tab_labels
                        .get(self.samples.len())
                        .cloned()
                        .unwrap_or_default();
                    self.samples.push(Sample {
                        label,
                        code: examples::from_block(code),
                        line,
                    });
                }
            }
            BlockKind::List(items) => {
                if self.in_examples() {
                    self.tab_labels = items.iter().map(|i| tidy(&i.text)).collect();
                }
            }
        }
    }

    fn in_examples(&self) -> bool {
        matches!(
            self.section(),
            Section::RequestExample
                | Section::ResponseExamples
                | Section::NormalResponse
                | Section::ErrorResponse
        )
    }

    fn in_params(&self) -> bool {
        matches!(self.section(), Section::BusinessParams | Section::Response)
    }

    fn text(&mut self, line: usize, text: &Text, warnings: &mut Warnings) {
        let compacted = compact(&text.text);
        if let Some(section) = heading(&compacted) {
            self.enter(section, &compacted, warnings);
            return;
        }
        if compacted.starts_with("当前位置") {
            self.category = category(&text.text);
            return;
        }
        if self.title.is_none() {
            if let Some((method, name)) = method_title(&text.text) {
                self.title = Some((method, name, line));
            }
            return;
        }
        if !self.in_params() {
            return;
        }
        let trimmed = text.text.trim();
        if trimmed.starts_with('|') && trimmed.ends_with('|') {
            for (offset, row_text) in trimmed.lines().enumerate() {
                self.stray_row(line + offset, row_text.trim(), warnings);
            }
            return;
        }
        if let Some(title) = table_title(&text.text, line) {
            self.pending_title = Some(title);
        } else if !is_known_prose(&compacted) {
            warnings.push(
                Severity::Review,
                Some(line),
                self.section().name(),
                format!("text ignored: {}", shorten(trimmed, 80)),
            );
        }
    }

    /// A table row the scrape left in a paragraph (`| 商家编码 | spec_no | String | … |`).
    fn stray_row(&mut self, line: usize, text: &str, warnings: &mut Warnings) {
        let cells: Vec<crate::page::Cell> = text
            .trim_matches('|')
            .split('|')
            .map(|c| crate::page::Cell {
                text: tidy(c),
                raw: c.to_owned(),
            })
            .collect();
        let row = Row { line, cells };
        let context = self.section().name();
        match param_row(&row, &Columns::STANDARD, context) {
            Some(param) if row.cells.len() == 6 => self.stray_rows.push(param),
            _ => warnings.push(
                Severity::Lost,
                Some(line),
                context,
                format!(
                    "a table row outside any table could not be read: {}",
                    shorten(text, 80)
                ),
            ),
        }
    }

    fn enter(&mut self, section: Section, compacted: &str, warnings: &mut Warnings) {
        if self.in_examples() && section != self.section() {
            self.finish_examples(warnings);
        }
        self.flush_stray_rows(warnings);
        self.pending_title = None;
        if section == Section::BusinessParams && compacted.contains("List<") {
            // `3.3 请求参数：List<Map<String, Object>>`: one argument, a list of records.
            self.body = BodyShape::RecordList;
        }
        self.section = Some(section);
    }

    fn table(&mut self, rows: &[Row], warnings: &mut Warnings) {
        match self.section() {
            Section::Intro => self.intro(rows),
            Section::PublicParams => {
                self.public_paging |= rows.iter().any(|r| {
                    r.cells
                        .iter()
                        .any(|c| matches!(c.text.trim(), "page_size" | "page_no"))
                });
            }
            Section::BusinessParams | Section::Response => self.param_table(rows, warnings),
            Section::RequestExample
            | Section::ResponseExamples
            | Section::NormalResponse
            | Section::ErrorResponse => self.example_table(rows),
            _ => {}
        }
    }

    /// Section 1: the 1.x rows, and the privacy table some pages add.
    fn intro(&mut self, rows: &[Row]) {
        if let Some(column) = rows
            .iter()
            .take(2)
            .find_map(|r| r.cells.iter().position(|c| compact(&c.text) == "字段名"))
        {
            self.private_fields.extend(
                rows.iter()
                    .map(|r| compact(r.cell(column)))
                    .filter(|n| is_identifier(n)),
            );
            return;
        }
        for row in rows {
            let Some((label, content)) = intro_row(
                &row.cells
                    .first()
                    .map(|c| c.text.clone())
                    .unwrap_or_default(),
            ) else {
                continue;
            };
            match label.as_str() {
                l if l.starts_with("1.1") => {
                    let text = tidy(&content);
                    if !text.is_empty() {
                        self.description = Some(text.replace('\n', " "));
                    }
                }
                l if l.starts_with("1.2") => self.min_version = version(&content),
                _ => {
                    let prefix = note_prefix(&label);
                    for note in note_lines(&content) {
                        self.notes.push(Note {
                            text: format!("{prefix}{note}"),
                            line: row.line,
                        });
                    }
                }
            }
        }
    }

    fn param_table(&mut self, rows: &[Row], warnings: &mut Warnings) {
        let context_base = self.section().name();
        let mut columns: Option<Columns> = rows.first().and_then(Columns::from_header);
        let mut table = RawTable {
            title: self.pending_title.take(),
            rows: std::mem::take(&mut self.stray_rows),
        };
        let mut tables = Vec::new();
        let mut caption = None;
        for row in rows.iter().skip(usize::from(columns.is_some())) {
            if row.is_blank() || row.cells.iter().all(|c| is_delimiter(c.text.trim())) {
                continue;
            }
            if let Some(header) = Columns::from_header(row) {
                columns = Some(header);
                continue;
            }
            if let Some(title) = title_row(row) {
                if table.title.is_some() || !table.rows.is_empty() {
                    tables.push(std::mem::take(&mut table));
                }
                table.title = Some(title);
                continue;
            }
            if row.cells.iter().skip(1).all(|c| c.text.trim().is_empty()) {
                // A group heading inside a table (`**销量统计数据**`): the rows after it
                // stay in the same struct.
                caption = Some(tidy(row.cell(0)));
                continue;
            }
            let cols = match &columns {
                Some(c) => c.clone(),
                None if row.cells.len() == 6 => Columns::STANDARD,
                None => {
                    warnings.push(
                        Severity::Lost,
                        Some(row.line),
                        context_base,
                        format!(
                            "a table without a 字段/类型 header: row skipped ({})",
                            shorten(
                                &row.cells
                                    .iter()
                                    .map(|c| c.text.trim())
                                    .collect::<Vec<_>>()
                                    .join(" | "),
                                80
                            )
                        ),
                    );
                    continue;
                }
            };
            let context = match &table.title {
                Some(t) => format!("{context_base} › {}", t.name),
                None => context_base.to_owned(),
            };
            match param_row(row, &cols, &context) {
                Some(mut param) => {
                    param.caption = caption.take();
                    table.rows.push(param);
                }
                None => warnings.push(
                    Severity::Lost,
                    Some(row.line),
                    context,
                    "a row without a 字段 (field name) cell was skipped",
                ),
            }
        }
        if let (Some(caption), Some(last)) = (caption, rows.last()) {
            warnings.push(
                Severity::Review,
                Some(last.line),
                context_base,
                format!("the group heading '{caption}' ends its table with no rows under it"),
            );
        }
        tables.push(table);
        let target = match self.section() {
            Section::BusinessParams => &mut self.business,
            _ => &mut self.response,
        };
        target.extend(tables);
    }

    /// Rows waiting for a table that never came become their own table.
    fn flush_stray_rows(&mut self, warnings: &mut Warnings) {
        if self.stray_rows.is_empty() {
            return;
        }
        let table = RawTable {
            title: self.pending_title.take(),
            rows: std::mem::take(&mut self.stray_rows),
        };
        match self.section() {
            Section::BusinessParams => self.business.push(table),
            Section::Response => self.response.push(table),
            other => {
                for row in table.rows {
                    warnings.push(
                        Severity::Lost,
                        Some(row.line),
                        other.name(),
                        format!(
                            "row '{}' outside a parameter section was left out",
                            row.name
                        ),
                    );
                }
            }
        }
    }

    fn example_table(&mut self, rows: &[Row]) {
        let mut label = String::new();
        for row in rows {
            let (head, body) = (row.cell(0), row.cells.get(1));
            if is_delimiter(head) {
                continue;
            }
            let code = body
                .map(|c| examples::from_cell(&c.raw))
                .unwrap_or_default();
            let head_is_label = !head.is_empty() && !is_line_numbers(head);
            if head_is_label {
                label = head.to_owned();
            }
            if code.trim().is_empty() {
                continue;
            }
            let label = if head_is_label || !label.is_empty() {
                label.clone()
            } else {
                self.tab_labels
                    .get(self.samples.len())
                    .cloned()
                    .unwrap_or_default()
            };
            self.samples.push(Sample {
                label,
                code,
                line: row.line,
            });
        }
    }

    /// Picks the JSON sample of the example section just left.
    fn finish_examples(&mut self, warnings: &mut Warnings) {
        let samples = std::mem::take(&mut self.samples);
        self.tab_labels.clear();
        let section = self.section();
        let json: Vec<&Sample> = samples
            .iter()
            .filter(|s| {
                let label = s.label.to_ascii_lowercase();
                label.contains("json")
                    || label.contains("报文")
                    || (label.is_empty() && examples::looks_like_json(&s.code))
            })
            .filter(|s| !s.code.trim().is_empty())
            .collect();
        let to_example = |s: &Sample| Example {
            text: s.code.clone(),
            line: s.line,
            context: section.name().to_owned(),
        };
        match section {
            Section::RequestExample => self.examples.request = json.first().map(|s| to_example(s)),
            Section::NormalResponse => self.examples.response = json.first().map(|s| to_example(s)),
            Section::ErrorResponse => self.examples.error = json.first().map(|s| to_example(s)),
            Section::ResponseExamples => {
                // No 6.1/6.2 sub-headings: the first sample is the normal reply, the second
                // the error.
                if let Some(s) = json.first() {
                    self.examples.response = Some(to_example(s));
                }
                if let Some(s) = json.get(1) {
                    self.examples.error = Some(to_example(s));
                }
            }
            _ => return,
        }
        for sample in samples
            .iter()
            .filter(|s| !json.iter().any(|j| std::ptr::eq(*j, *s)))
        {
            let label = sample.label.to_ascii_lowercase();
            if !(label.contains("php")
                || label.contains("java")
                || label.contains("c#")
                || sample.code.trim_start().starts_with("<?php"))
            {
                warnings.push(
                    Severity::Review,
                    Some(sample.line),
                    section.name(),
                    format!(
                        "code sample '{}' ignored: {}",
                        sample.label,
                        shorten(first_line(&sample.code), 40)
                    ),
                );
            }
        }
    }
}

/// The section a heading starts, from its compacted text.
fn heading(compacted: &str) -> Option<Section> {
    let t = compacted.trim_start_matches('#');
    if t.chars().count() > 40 {
        return None;
    }
    let starts = |prefix: &str| t.starts_with(prefix);
    Some(if starts("1.") && t.contains("接口说明") {
        Section::Intro
    } else if starts("2.") && t.contains("调用场") {
        Section::Scenario
    } else if starts("3.1") {
        Section::Address
    } else if starts("3.2") {
        Section::PublicParams
    } else if starts("3.3") {
        Section::BusinessParams
    } else if starts("3.") && t.contains("请求参数") {
        Section::RequestHeader
    } else if (starts("4") && (t.contains("响应参") || t.contains("返回"))) || t == "响应参数"
    {
        Section::Response
    } else if starts("5") && t.contains("请求示例") {
        Section::RequestExample
    } else if starts("6.1") {
        Section::NormalResponse
    } else if starts("6.2") {
        Section::ErrorResponse
    } else if starts("6") && t.contains("响应示") {
        Section::ResponseExamples
    } else if t == "常用工具" {
        Section::Footer
    } else {
        return None;
    })
}
