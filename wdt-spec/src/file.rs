//! The spec file exactly as written: one serde struct per TOML table, with source spans.
//!
//! Nothing here is checked beyond what serde enforces (known keys, value kinds); `check`
//! turns these tables into the [`crate::model`] and reports every problem with its location.

use serde::Deserialize;
use toml::Spanned;

/// A whole spec file: one endpoint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    pub endpoint: Spanned<EndpointTable>,
    #[serde(default, rename = "arg")]
    pub args: Vec<Spanned<FieldTable>>,
    #[serde(default, rename = "struct")]
    pub structs: Vec<Spanned<StructTable>>,
    #[serde(default, rename = "enum")]
    pub enums: Vec<Spanned<EnumTable>>,
    pub response: Option<Spanned<ResponseTable>>,
    pub paging: Option<Spanned<PagingTable>>,
    #[serde(default, rename = "time_window")]
    pub time_windows: Vec<Spanned<TimeWindowTable>>,
    #[serde(default)]
    pub examples: ExamplesTable,
}

/// `[endpoint]`: what the doc page's header and section 1 say.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointTable {
    pub method: Spanned<String>,
    pub protocol: Spanned<String>,
    pub name: String,
    pub category: Option<String>,
    pub description: Option<String>,
    pub min_version: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub retry_safe: bool,
    pub doc_url: Option<String>,
    /// Qimen only: `erp_to_wms` or `wms_to_erp`.
    pub direction: Option<Spanned<String>>,
    /// The method's last segments that name the call, when that is more than the last one
    /// (`batchcreate.answer`, because `…deliveryorder.batchcreate` is a method too).
    pub operation: Option<Spanned<String>>,
}

/// `[[arg]]` and `[[struct.field]]`: one row of a parameter table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldTable {
    pub name: Spanned<String>,
    pub rust_name: Option<Spanned<String>>,
    pub label: Option<String>,
    pub example: Option<String>,
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub allow_empty: Option<Spanned<bool>>,
    pub max_len: Option<Spanned<u32>>,
    pub digits: Option<Spanned<u32>>,
    pub min: Option<Spanned<Number>>,
    pub max: Option<Spanned<Number>>,
    pub default: Option<Spanned<toml::Value>>,
    pub description: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    pub required_when: Option<Spanned<ConditionTable>>,
    pub xml_item: Option<Spanned<String>>,
    /// `"warning"`: this field's checks are sent anyway, and reported.
    pub severity: Option<Spanned<String>>,
    /// A `list<T>` that travels as one string of items joined by this separator.
    pub separator: Option<Spanned<String>>,
    /// A separated list's maximum length as one joined string.
    pub max_joined_len: Option<Spanned<u32>>,
    /// A list's minimum number of items (`1`: not empty).
    pub min_items: Option<Spanned<u32>>,
    /// A list's maximum number of items.
    pub max_items: Option<Spanned<u32>>,
    /// Where a field the page's table lacks was seen (its own example).
    pub undocumented: Option<Spanned<String>>,
}

/// A number in a range bound: integers stay exact.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Float(f64),
}

/// A wire value in an enum or a condition: numbers stay numbers, codes stay strings
/// (booleans only in conditions on bool fields).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(untagged)]
pub enum WireValue {
    Int(i64),
    Str(String),
    Bool(bool),
}

impl WireValue {
    /// The value as text, unquoted (`2`, `JYCK`), for docs and derived names.
    pub fn text(&self) -> String {
        match self {
            WireValue::Int(i) => i.to_string(),
            WireValue::Str(s) => s.clone(),
            WireValue::Bool(b) => b.to_string(),
        }
    }
}

impl std::fmt::Display for WireValue {
    /// As in messages: `2`, `"JYCK"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireValue::Int(i) => write!(f, "{i}"),
            WireValue::Str(s) => write!(f, "\"{s}\""),
            WireValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// `required_when = { field = "…", is = [ … ] }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionTable {
    pub field: Spanned<String>,
    pub is: Vec<Spanned<WireValue>>,
}

/// `[[struct]]`: a named sub-table of the doc page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructTable {
    pub name: Spanned<String>,
    pub description: Option<String>,
    #[serde(default, rename = "field")]
    pub fields: Vec<Spanned<FieldTable>>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RuleTable>>,
}

/// `[[struct.rule]]`: a cross-field rule the doc states in prose.
///
/// `count_equals` uses `list`, `separator`, `count` and `when`; `one_of` uses `groups`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTable {
    pub kind: Spanned<String>,
    pub list: Option<Spanned<String>>,
    pub separator: Option<String>,
    pub count: Option<Spanned<String>>,
    pub when: Option<Spanned<ConditionTable>>,
    pub groups: Option<Spanned<Vec<Vec<Spanned<String>>>>>,
    pub description: Option<String>,
    pub severity: Option<Spanned<String>>,
}

/// `[[enum]]`: a value set written in a description column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumTable {
    pub name: Spanned<String>,
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    pub description: Option<String>,
    /// Where the values come from (a code table's page).
    pub source: Option<String>,
    #[serde(default)]
    pub values: Vec<Spanned<EnumValueTable>>,
}

/// A code table file (`codes/*.toml`): one enum shared by every spec.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeTableFile {
    pub code_table: Spanned<EnumTable>,
}

/// One `{ wire = …, name = "…", label = "…" }` of an enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValueTable {
    pub wire: Spanned<WireValue>,
    pub name: Spanned<String>,
    pub label: Option<String>,
    /// More about the value (e.g. a platform's sub-platforms).
    pub note: Option<String>,
}

/// `[response]`: the type of the reply's payload.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseTable {
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    pub description: Option<String>,
}

/// `[paging]`: a paged query and where its records are.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagingTable {
    pub list: Option<Spanned<String>>,
    pub total: Option<Spanned<String>>,
    pub id: Option<Spanned<String>>,
    /// The record field holding its modification time (stored beside it by sync sinks).
    pub modified: Option<Spanned<String>>,
    pub default_page_size: Spanned<u32>,
    /// A maximum the page states: larger sizes are refused.
    pub max_page_size: Option<Spanned<u32>>,
    /// A maximum nobody has confirmed: larger sizes are sent with a warning.
    pub assumed_max_page_size: Option<Spanned<u32>>,
    /// Qimen: the request field carrying the page number (from 1).
    pub page: Option<Spanned<String>>,
    /// Qimen: the request field carrying the page size.
    pub page_size: Option<Spanned<String>>,
}

/// `[[time_window]]`: the largest span allowed between two datetime fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeWindowTable {
    pub start: Spanned<String>,
    pub end: Spanned<String>,
    pub max_span: Spanned<String>,
    pub ends: Option<Spanned<String>>,
    #[serde(default)]
    pub span_when: Vec<Spanned<SpanWhenTable>>,
    pub severity: Option<Spanned<String>>,
}

/// `{ field = "params.spec_no", max_span = "30d" }`: a span that applies when a field is
/// given (or, with `is`, has one of these values).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanWhenTable {
    pub field: Spanned<String>,
    #[serde(default)]
    pub is: Vec<Spanned<WireValue>>,
    /// A span, or `"none"`: no limit while the condition holds.
    pub max_span: Spanned<String>,
}

/// `[examples]`: the doc page's examples, verbatim.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesTable {
    pub request: Option<String>,
    pub response: Option<String>,
    pub error: Option<String>,
}
