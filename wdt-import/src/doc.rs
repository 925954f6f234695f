//! What a doc page says, whatever its layout: the output of the layout readers
//! ([`crate::qjb`], [`crate::qimen`]) and the input of [`crate::build`].
//!
//! Values are kept as the page writes them (`Decimal(19,4)`, `是`, `0：否<br>1：是`); deciding
//! what they mean for the spec is the builder's job.

use wdt_spec::model::Protocol;

/// One page.
#[derive(Debug)]
pub(crate) struct Doc {
    pub protocol: Protocol,
    pub method: String,
    /// The line of the title the method comes from.
    pub title_line: usize,
    /// The Chinese name in the title.
    pub name: String,
    pub category: Option<String>,
    pub description: Option<String>,
    /// `V1.4.8.1` from 适用版本.
    pub min_version: Option<String>,
    pub notes: Vec<Note>,
    pub doc_url: Option<String>,
    /// Whether the public parameters (3.2) list `page_size`/`page_no`.
    pub public_paging: bool,
    /// The positional arguments (旗舰版 3.3) or the `<request>` element (Qimen).
    pub args: Vec<Param>,
    /// How the rows of 3.3 form the body.
    pub body: BodyShape,
    /// The top-level rows of the response: the envelope and `data` (旗舰版), or the
    /// `<response>` element (Qimen).
    pub response: Vec<Param>,
    /// Wire names the page lists as personal data (隐私字段列表).
    pub private_fields: Vec<String>,
    pub examples: Examples,
    /// The page size of the examples' pager (`new Pager(50, 0, true)`), if they show one.
    pub example_page_size: Option<u32>,
}

/// A remark of section 1 (1.3–1.5), one line of it.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub text: String,
    pub line: usize,
}

/// How the business parameters travel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum BodyShape {
    /// Each row of 3.3 is one positional argument.
    #[default]
    Positional,
    /// 3.3 is titled `请求参数：List<Map<String, Object>>`: the body's single argument is a
    /// list of records, and the rows are the record's fields.
    RecordList,
}

/// A row of a parameter table (or an entry of a Qimen field list).
#[derive(Debug, Clone, Default)]
pub(crate) struct Param {
    /// 名称.
    pub label: String,
    /// 字段 (the wire name).
    pub name: String,
    /// 类型, as written.
    pub ty: String,
    /// 长度, as written.
    pub length: String,
    /// 必须, as written.
    pub required: String,
    /// 描述, with line breaks.
    pub description: String,
    /// 示例值 (Qimen).
    pub example: Option<String>,
    pub line: usize,
    /// Where the row is, for warnings: `3.3 业务请求参数 › params`.
    pub context: String,
    /// A group heading the table puts above this row (`**销量统计数据**`).
    pub caption: Option<String>,
    /// The sub-table describing this row's struct (`**params**` after the table).
    pub children: Option<SubTable>,
    /// The most items a list may hold, where the source states it apart from the
    /// description (the Qimen metadata's `maxListSize`).
    pub max_items: Option<u32>,
}

impl Param {
    /// `context › row 'name'`, for warnings.
    pub fn location(&self) -> String {
        let name = if self.name.is_empty() {
            &self.label
        } else {
            &self.name
        };
        format!("{} › row '{name}'", self.context)
    }
}

/// The rows describing one struct-typed row.
#[derive(Debug, Clone, Default)]
pub(crate) struct SubTable {
    /// The title as written (`order_details`, `SnInfo`).
    pub title: String,
    /// A remark written next to the title (`(平台,tid,oid,sn,type 联合组成唯一)`).
    pub remark: Option<String>,
    pub rows: Vec<Param>,
}

/// The page's examples, cleaned into the text the spec keeps.
#[derive(Debug, Default)]
pub(crate) struct Examples {
    pub request: Option<Example>,
    pub response: Option<Example>,
    pub error: Option<Example>,
    /// Qimen: the request written as Java setter calls, to be turned into XML.
    pub java_request: Option<Example>,
}

/// One example.
#[derive(Debug, Clone)]
pub(crate) struct Example {
    pub text: String,
    pub line: usize,
    /// Where it is, for warnings (`5.请求示例`).
    pub context: String,
}
