//! The 旗舰版 page layout: a bold title, numbered sections, parameter tables with sub-tables
//! named by bold titles, and example cells.
//!
//! Reading is in two steps. [`read`] walks the blocks once, tracking the section, and
//! collects each parameter section as a list of raw tables (title + rows). [`assemble`] then
//! hangs every titled table under the row it describes, so `**order_list**` after `**data**`
//! becomes the struct of `data.order_list`.

use serde_json::Value;
use wdt_spec::model::Protocol;

use crate::doc::{BodyShape, Doc, Example, Examples, Note, Param, SubTable};
use crate::examples;
use crate::page::{BlockKind, Page, Row, Text};
use crate::text::{compact, first_line, is_identifier, is_line_numbers, shorten, tidy};
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
    })
}

/// A table of a parameter section before titles are resolved.
#[derive(Debug, Default)]
struct RawTable {
    title: Option<Title>,
    rows: Vec<Param>,
}

/// A sub-table title (`**order_details**`).
#[derive(Debug, Clone)]
struct Title {
    name: String,
    remark: Option<String>,
    line: usize,
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

/// Which column holds what, from a header row.
#[derive(Debug, Clone)]
struct Columns {
    label: Option<usize>,
    name: usize,
    ty: Option<usize>,
    length: Option<usize>,
    required: Option<usize>,
    description: Option<usize>,
}

impl Columns {
    /// 名称 | 字段 | 类型 | 长度 | 必须 | 描述.
    const STANDARD: Columns = Columns {
        label: Some(0),
        name: 1,
        ty: Some(2),
        length: Some(3),
        required: Some(4),
        description: Some(5),
    };

    /// The columns of a header row; `None` when the row is not a header.
    fn from_header(row: &Row) -> Option<Columns> {
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
fn param_row(row: &Row, columns: &Columns, context: &str) -> Option<Param> {
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
    })
}

/// A row that only holds a sub-table title (`| **suite** | | |`, `| details | | |`).
fn title_row(row: &Row) -> Option<Title> {
    let first = row.cells.first()?;
    if row.cells.iter().skip(1).any(|c| !c.text.trim().is_empty()) {
        return None;
    }
    table_title(&first.text, row.line)
}

/// A delimiter row of a table the scrape flattened into its parent (`---`, `:--`).
fn is_delimiter(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':'))
}

/// A sub-table title: an identifier, optionally followed by `:` or a parenthesised remark.
fn table_title(text: &str, line: usize) -> Option<Title> {
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
fn is_known_prose(compacted: &str) -> bool {
    ["返回值为", "响应参数为", "响应参数说明", "请求参数为"]
        .iter()
        .any(|p| compacted.starts_with(p))
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

/// `wms.stockout.Other.cancelOtherOrder（其他出库单取消）` → (method, name).
pub(crate) fn method_title(text: &str) -> Option<(String, String)> {
    let squeezed = compact(text);
    let squeezed = squeezed.trim_start_matches('#');
    let end = squeezed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(squeezed.len());
    let (method, rest) = squeezed.split_at(end);
    let method = method.trim_end_matches('.');
    let segments: Vec<&str> = method.split('.').collect();
    if segments.len() < 3 || segments.iter().any(|s| !is_identifier(s)) {
        return None;
    }
    let name = rest
        .strip_prefix(['（', '('])
        .map(|r| r.strip_suffix(['）', ')']).unwrap_or(r))
        .unwrap_or(rest);
    Some((method.to_owned(), name.to_owned()))
}

/// `当前位置： API文档 > 采购类` → `采购类`.
pub(crate) fn category(text: &str) -> Option<String> {
    let mut parts = text.split('>').map(str::trim);
    parts.next();
    let parts: Vec<&str> = parts.filter(|p| !p.is_empty()).collect();
    parts.last().map(|p| (*p).to_owned())
}

/// A section-1 row: `1.1 接口描 述： 取消…` → (`1.1接口描述`, `取消…`).
fn intro_row(text: &str) -> Option<(String, String)> {
    let text = text.trim_start();
    let number_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let number = &text[..number_end];
    if !number.starts_with("1.") || number.len() < 3 {
        return None;
    }
    let rest = &text[number_end..];
    // The label is short; a colon further on belongs to the content.
    let colon = rest
        .char_indices()
        .take(12)
        .find(|(_, c)| matches!(c, '：' | ':'))
        .map(|(i, c)| (i, c.len_utf8()));
    let (label, content) = match colon {
        Some((i, len)) => (&rest[..i], &rest[i + len..]),
        None => (rest, ""),
    };
    let label = compact(label);
    let mut content = content.trim_start();
    // `接口描述：接口描述: 查询省份信息` repeats its label.
    let bare_label: String = label
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '.')
        .collect();
    if let Some(rest) = content.strip_prefix(bare_label.as_str()) {
        content = rest.trim_start_matches([':', '：', ' ']);
    }
    Some((
        format!("{}{}", number.trim_end_matches('.'), bare_label),
        content.to_owned(),
    ))
}

/// `客户端 V1.4.8.1及以上版本` → `V1.4.8.1`.
fn version(text: &str) -> Option<String> {
    let start = text.find(['V', 'v'])?;
    let digits: String = text[start + 1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.');
    (!digits.is_empty()).then(|| format!("V{digits}"))
}

/// Notes whose text is only an answer to their label get the label in front.
fn note_prefix(label: &str) -> &'static str {
    if label.contains("增量获取") {
        "增量获取："
    } else if label.contains("权限校验") {
        "权限校验："
    } else {
        ""
    }
}

/// The remarks of a section-1 cell, one per line; a `【…】` tag after a space starts a new one.
fn note_lines(content: &str) -> Vec<String> {
    let mut notes = Vec::new();
    for line in tidy(content).lines() {
        let line = line.trim().trim_start_matches("- ").trim();
        for (i, part) in line.split(" 【").enumerate() {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            notes.push(if i == 0 {
                part.to_owned()
            } else {
                format!("【{part}")
            });
        }
    }
    notes
}

/// Hangs each titled table under the row it describes; returns the top-level rows.
///
/// `example` is the section's example (the request's argument array, or the reply), which
/// can confirm where a table that names no row belongs.
fn assemble(
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
                        && item_type_name(&p.ty).is_some_and(|t| loose(&t) == wanted)
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

/// The item type a `List<…>` names, when it names one (`SnInfo` of `List<SnInfo>`).
fn item_type_name(ty: &str) -> Option<String> {
    match crate::types::parse(ty)? {
        crate::types::DocType::List(inner) => match *inner {
            crate::types::DocType::Named(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
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
    use crate::types::DocType;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_their_many_spellings() {
        let cases = [
            (
                "wms.stockout.Other.cancelOtherOrder（其他出库单取消）",
                "wms.stockout.Other.cancelOtherOrder",
                "其他出库单取消",
            ),
            (
                "purchase.PurchaseOrder.cancelByType （采购单取消新）",
                "purchase.PurchaseOrder.cancelByType",
                "采购单取消新",
            ),
            (
                "w ms.stockout.OtherQuery.queryWithDetail （其他出库单查询）",
                "wms.stockout.OtherQuery.queryWithDetail",
                "其他出库单查询",
            ),
            (
                "sales.StockSync.batchCalcStock 库存同步计算查询(支持批量查询)",
                "sales.StockSync.batchCalcStock",
                "库存同步计算查询(支持批量查询)",
            ),
            (
                "setting.PurchaseProvider.push(供应商信息推送）",
                "setting.PurchaseProvider.push",
                "供应商信息推送",
            ),
        ];
        for (text, method, name) in cases {
            assert_eq!(
                method_title(text),
                Some((method.to_owned(), name.to_owned())),
                "{text}"
            );
        }
        assert_eq!(method_title("1.接口说明"), None);
    }

    #[test]
    fn section_one_rows() {
        assert_eq!(
            intro_row("1.1 接口描 述： 取消待审核的单据"),
            Some(("1.1接口描述".to_owned(), "取消待审核的单据".to_owned()))
        );
        assert_eq!(
            intro_row("1.1 接口描 述：接口描述: 查询省份信息"),
            Some(("1.1接口描述".to_owned(), "查询省份信息".to_owned()))
        );
        assert_eq!(
            version("客户端\u{a0}V1.4.4.1及以上版本"),
            Some("V1.4.4.1".to_owned())
        );
        assert_eq!(
            version("客户端 V1.5.7.0以上版本"),
            Some("V1.5.7.0".to_owned())
        );
        assert_eq!(version(""), None);
        assert_eq!(
            note_lines("待审核状态单据需要重试 【权限校验】：仓库权限 无仓库权限单据无法取消成功"),
            vec![
                "待审核状态单据需要重试",
                "【权限校验】：仓库权限 无仓库权限单据无法取消成功"
            ]
        );
        assert_eq!(
            note_lines("\n- 一次最多传入200条数据\n  \n- 数据不支持更新"),
            vec!["一次最多传入200条数据", "数据不支持更新"]
        );
    }

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
        assert_eq!(
            category("当前位置： API文档 > 采购类"),
            Some("采购类".to_owned())
        );
        assert_eq!(category("当前位置： API文档"), None);
    }
}
