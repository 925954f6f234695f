//! A scraped doc page as a sequence of blocks: the only place markdown is parsed.
//!
//! pulldown-cmark (with tables and front matter) does the parsing; this module flattens its
//! events into [`Block`]s that the layout readers ([`crate::qjb`], [`crate::qimen`]) walk.
//! Inline markup is rendered to plain text the way spec files want it: `<br>` becomes a line
//! break, emphasis markers disappear, links keep their address.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// A parsed page.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// `key: "value"` lines of the YAML front matter (`url`, `title`).
    pub front_matter: Vec<(String, String)>,
    pub blocks: Vec<Block>,
}

impl Page {
    /// A front-matter value.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.front_matter
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// One block of the page, with the line it starts on.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub line: usize,
    pub kind: BlockKind,
}

#[derive(Debug, Clone)]
pub(crate) enum BlockKind {
    /// A paragraph or heading.
    Text(Text),
    Table(Vec<Row>),
    /// A fenced or indented code block, verbatim.
    Code(String),
    /// The items of a list, rendered.
    List(Vec<Text>),
}

/// Rendered inline text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Text {
    /// The text with `<br>` and line breaks as `\n`, emphasis removed, links as `text (url)`.
    pub text: String,
    /// Whether every visible character is bold (section titles and sub-table titles are).
    pub all_strong: bool,
    /// The block's markdown source (paragraphs only), for text the renderer would alter:
    /// the Qimen pages' Java and XML, whose angle brackets read as inline HTML.
    pub raw: String,
}

/// A table row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    /// Rendered like [`Text::text`].
    pub text: String,
    /// The cell's markdown source, for code cells whose backtick noise confuses inline parsing.
    pub raw: String,
}

impl Row {
    /// The rendered text of cell `i`, trimmed; empty when the row is shorter.
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.text.trim())
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.trim().is_empty())
    }
}

/// Parses a page.
pub(crate) fn parse(source: &str) -> Page {
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let lines = LineIndex::new(source);
    let mut page = Page::default();
    let mut builder = Builder::default();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                builder.in_metadata = true;
            }
            Event::End(TagEnd::MetadataBlock(_)) => builder.in_metadata = false,
            Event::Text(text) if builder.in_metadata => {
                page.front_matter.extend(front_matter(&text));
            }
            Event::Start(Tag::Table(_)) => {
                builder.table = Some((lines.line_of(range.start), Vec::new()));
            }
            Event::End(TagEnd::Table) => {
                if let Some((line, rows)) = builder.table.take() {
                    page.blocks.push(Block {
                        line,
                        kind: BlockKind::Table(rows),
                    });
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                builder.row = Some(Row {
                    line: lines.line_of(range.start),
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let (Some(row), Some((_, rows))) = (builder.row.take(), builder.table.as_mut()) {
                    rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => {
                builder.inline = Inline::default();
                builder.cell_source = range;
            }
            Event::End(TagEnd::TableCell) => {
                let text = std::mem::take(&mut builder.inline).finish();
                if let Some(row) = builder.row.as_mut() {
                    row.cells.push(Cell {
                        text: text.text,
                        raw: source[builder.cell_source.clone()].to_owned(),
                    });
                }
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                builder.inline = Inline::default();
                builder.block_start = range.start;
                builder.block_raw = source[range].to_owned();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                let mut text = std::mem::take(&mut builder.inline).finish();
                text.raw = std::mem::take(&mut builder.block_raw);
                if builder.list_depth > 0 {
                    builder.item.push_text(&text);
                } else if !text.text.trim().is_empty() {
                    page.blocks.push(Block {
                        line: lines.line_of(builder.block_start),
                        kind: BlockKind::Text(text),
                    });
                }
            }
            Event::Start(Tag::List(_)) => {
                if builder.list_depth == 0 {
                    builder.list = (lines.line_of(range.start), Vec::new());
                }
                builder.list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                builder.list_depth -= 1;
                if builder.list_depth == 0 {
                    let (line, items) = std::mem::take(&mut builder.list);
                    page.blocks.push(Block {
                        line,
                        kind: BlockKind::List(items),
                    });
                }
            }
            Event::Start(Tag::Item) => {
                builder.inline = Inline::default();
                builder.item = Text::default();
            }
            Event::End(TagEnd::Item) => {
                // Tight list items have no paragraph: their text is still pending.
                let pending = std::mem::take(&mut builder.inline).finish();
                builder.item.push_text(&pending);
                let item = std::mem::take(&mut builder.item);
                builder.list.1.push(item);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                builder.code = Some(String::new());
                builder.block_start = range.start;
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(code) = builder.code.take() {
                    page.blocks.push(Block {
                        line: lines.line_of(builder.block_start),
                        kind: BlockKind::Code(code),
                    });
                }
            }
            Event::Text(text) => {
                if let Some(code) = builder.code.as_mut() {
                    code.push_str(&text);
                } else {
                    builder.inline.push(&text);
                }
            }
            // HTML blocks carry nothing the layouts read (the Qimen XML examples are in
            // paragraphs, read from their source).
            Event::InlineHtml(html) => builder.inline.html(&html),
            Event::Code(code) => builder.inline.push(&code),
            Event::SoftBreak | Event::HardBreak => builder.inline.push("\n"),
            Event::Start(Tag::Strong) => builder.inline.strong += 1,
            Event::End(TagEnd::Strong) => builder.inline.strong -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => builder.inline.start_link(&dest_url),
            Event::End(TagEnd::Link) => builder.inline.end_link(),
            _ => {}
        }
    }
    page
}

/// State while flattening events.
#[derive(Default)]
struct Builder {
    in_metadata: bool,
    table: Option<(usize, Vec<Row>)>,
    row: Option<Row>,
    cell_source: std::ops::Range<usize>,
    inline: Inline,
    block_start: usize,
    block_raw: String,
    list_depth: usize,
    list: (usize, Vec<Text>),
    item: Text,
    code: Option<String>,
}

impl Text {
    /// Appends another paragraph of a list item.
    fn push_text(&mut self, other: &Text) {
        if other.text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(&other.text);
    }
}

/// Inline content being rendered.
#[derive(Default)]
struct Inline {
    text: String,
    strong: usize,
    /// Whether some visible character was outside bold.
    plain_seen: bool,
    /// Open links: their address, and where their text starts.
    links: Vec<(String, usize)>,
}

impl Inline {
    fn push(&mut self, text: &str) {
        if self.strong == 0 && !text.trim().is_empty() {
            self.plain_seen = true;
        }
        self.text.push_str(text);
    }

    fn html(&mut self, html: &str) {
        let tag = html.trim().to_ascii_lowercase();
        // `<br>` is the pages' only markup; anything else that parses as a tag is text the
        // scrape did not escape: `List<String>`, `List<SnInfo>`.
        if tag.starts_with("<br") {
            self.push("\n");
        } else {
            self.push(html);
        }
    }

    fn start_link(&mut self, url: &str) {
        self.links.push((url.to_owned(), self.text.len()));
    }

    fn end_link(&mut self) {
        let Some((url, start)) = self.links.pop() else {
            return;
        };
        let label = self.text[start..].trim().to_owned();
        if url.is_empty() || url.starts_with('#') || label == url {
            return;
        }
        if label.is_empty() {
            self.push(&url);
        } else {
            self.push(&format!(" ({url})"));
        }
    }

    fn finish(self) -> Text {
        Text {
            all_strong: !self.plain_seen && !self.text.trim().is_empty(),
            text: without_stray_bold(&self.text),
            raw: String::new(),
        }
    }
}

/// Drops runs of two or more `*`: bold markers the scrape doubled (`****1.5.1拆分发货`),
/// which the parser leaves as text. A single `*` stays (it may be a multiplication).
fn without_stray_bold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for c in text.chars().chain(std::iter::once('\0')) {
        if c == '*' {
            run += 1;
            continue;
        }
        if run == 1 {
            out.push('*');
        }
        run = 0;
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

/// `url: "…"` lines of a front matter block.
fn front_matter(block: &str) -> Vec<(String, String)> {
    block
        .lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(':')?;
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            Some((key.trim().to_owned(), value.to_owned()))
        })
        .collect()
}

/// Byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_titles() {
        let page = parse(
            "---\nurl: \"https://x.invalid/doc?path=a.B.c\"\ntitle: \"API文档\"\n---\n\n**a.B.c** **（名称）**\n\nplain\n",
        );
        assert_eq!(page.meta("url"), Some("https://x.invalid/doc?path=a.B.c"));
        let BlockKind::Text(title) = &page.blocks[0].kind else {
            panic!("{page:?}")
        };
        assert_eq!(title.text, "a.B.c （名称）");
        assert!(title.all_strong);
        assert_eq!(page.blocks[0].line, 6);
        let BlockKind::Text(plain) = &page.blocks[1].kind else {
            panic!()
        };
        assert!(!plain.all_strong);
    }

    #[test]
    fn table_cells_keep_line_breaks_links_and_source() {
        let page = parse(
            "| a | b |\n| --- | --- |\n| order\\_no | 0：否<br>1：是 [详情](https://x.invalid/p) |\n",
        );
        let BlockKind::Table(rows) = &page.blocks[0].kind else {
            panic!("{page:?}")
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].cell(0), "order_no");
        assert_eq!(rows[1].cell(1), "0：否\n1：是 详情 (https://x.invalid/p)");
        assert_eq!(rows[1].cells[0].raw.trim(), "order\\_no");
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn stray_bold_markers_go() {
        assert_eq!(without_stray_bold("****1.5.1拆分发货"), "1.5.1拆分发货");
        assert_eq!(without_stray_bold("单价 * 折扣"), "单价 * 折扣");
    }

    #[test]
    fn lists_and_code_blocks() {
        let page = parse("- [JSON](#tab)\n- PHP\n\n```\n[1,\\\n2]\n```\n");
        let BlockKind::List(items) = &page.blocks[0].kind else {
            panic!("{page:?}")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text, "JSON");
        let BlockKind::Code(code) = &page.blocks[1].kind else {
            panic!()
        };
        assert_eq!(code, "[1,\\\n2]\n");
    }
}
