//! The checked model of an endpoint: what the code generator, the sandbox and the CLI consume.
//!
//! Every name here is resolved and every reference valid: paging records, time-window
//! fields and rule operands are stored as the fields they name, so code generation has no
//! lookups left that could fail. A `Spec` only exists when its file passed every check in
//! [`crate::check`]; a [`Catalog`] only when its specs also passed the catalogue-wide checks.

use std::path::PathBuf;
use std::time::Duration;

pub use crate::file::{Number, WireValue};

/// Every spec of a directory and the code tables they share, checked together.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Sorted by method name.
    pub specs: Vec<Spec>,
    /// The enums of `codes/`, sorted by name.
    pub codes: Vec<Enum>,
}

impl Catalog {
    /// Checks specs together (each method once, Rust names that do not collide, one
    /// protocol per area) and sorts them. Loading a directory does this; code that builds a
    /// catalogue from single specs must too, before generating code from it.
    pub fn new(mut specs: Vec<Spec>, mut codes: Vec<Enum>) -> Result<Catalog, crate::SpecErrors> {
        let mut errors = Vec::new();
        let mut first_file: std::collections::HashMap<&str, &Spec> = Default::default();
        for spec in &specs {
            if let Some(first) = first_file.insert(&spec.endpoint.method, spec) {
                let (line, column) = spec.method_at;
                errors.push(crate::SpecError {
                    file: spec.path.clone(),
                    line,
                    column,
                    message: format!(
                        "endpoint: method '{}' is also defined in {}",
                        spec.endpoint.method,
                        first.path.display()
                    ),
                });
            }
        }
        if errors.is_empty() {
            errors = crate::check::check_catalog(&specs);
        }
        if !errors.is_empty() {
            return Err(crate::SpecErrors(errors));
        }
        specs.sort_by(|a, b| a.endpoint.method.cmp(&b.endpoint.method));
        codes.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Catalog { specs, codes })
    }
}

/// One endpoint, from one spec file.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file as it is shown in messages (relative to the spec root's parent).
    pub path: PathBuf,
    /// Line and column of the `method` value, where problems between specs are reported.
    pub method_at: (usize, usize),
    pub endpoint: Endpoint,
    /// The positional body arguments, in wire order. Qimen endpoints have exactly one:
    /// the `<request>` element.
    pub args: Vec<Field>,
    pub structs: Vec<Struct>,
    pub enums: Vec<Enum>,
    pub response: Option<Response>,
    pub paging: Option<Paging>,
    /// The `[[time_window]]` tables, in file order; the first is the one window scans walk.
    pub time_windows: Vec<TimeWindow>,
    pub examples: Examples,
}

/// Which gateway an endpoint belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// 旺店通 旗舰版: JSON array body, lowercase md5 over sorted query + body.
    Wdt,
    /// 淘宝 奇门: XML body, uppercase md5.
    Qimen,
}

impl Protocol {
    /// The spelling used in spec files.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Wdt => "wdt",
            Protocol::Qimen => "qimen",
        }
    }
}

/// The `[endpoint]` table.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// Full method name, e.g. `wms.outer.OuterOut.createOrder`.
    pub method: String,
    pub protocol: Protocol,
    /// Chinese name from the page title, e.g. 外仓调整出库单创建.
    pub name: String,
    pub category: Option<String>,
    pub description: Option<String>,
    pub min_version: Option<String>,
    pub notes: Vec<String>,
    /// Whether a failed attempt may be sent again (queries yes, creates no).
    pub retry_safe: bool,
    pub doc_url: Option<String>,
    /// Which side of a Qimen exchange sends the call; `None` for 旗舰版 methods (the
    /// integrator calls the ERP) and for Qimen specs that do not record it.
    pub direction: Option<Direction>,
    /// How many of the method's last segments name the call: 1, or more when the spec sets
    /// `operation` (a method that is also another method's group needs it).
    pub operation_segments: usize,
}

/// Which end of a Qimen exchange sends a method: each end needs a client for what it sends
/// and a server for what it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The ERP sends it to the warehouse (`deliveryorder.create`, `order.cancel`).
    ErpToWms,
    /// The warehouse sends it back to the ERP (`deliveryorder.confirm`, `inventory.report`).
    WmsToErp,
}

impl Direction {
    /// The spelling used in spec files.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::ErpToWms => "erp_to_wms",
            Direction::WmsToErp => "wms_to_erp",
        }
    }

    /// The direction in words, for docs.
    pub fn describe(self) -> &'static str {
        match self {
            Direction::ErpToWms => "sent by the ERP, received by the WMS",
            Direction::WmsToErp => "sent by the WMS, received by the ERP",
        }
    }
}

impl Endpoint {
    /// The dot-separated segments of the method name.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.method.split('.')
    }

    /// The segments that name the call: the last one (`createOrder`), or the last ones the
    /// spec's `operation` names (`batchcreate.answer`).
    pub fn operation(&self) -> &str {
        let mut start = self.method.len();
        for _ in 0..self.operation_segments.max(1) {
            match self.method[..start].rfind('.') {
                Some(dot) => start = dot,
                None => return &self.method,
            }
        }
        &self.method[start + 1..]
    }

    /// The segments before the operation: the groups it lives in (`wms`, `outer`, `OuterOut`).
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        let n = self.method.split('.').count();
        self.method
            .split('.')
            .take(n.saturating_sub(self.operation_segments.max(1)))
    }

    /// The top-level area (`wms`, `purchase`, `taobao`).
    pub fn area(&self) -> &str {
        self.method.split('.').next().unwrap_or(&self.method)
    }
}

/// A field of a struct, or a positional argument.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name on the wire (and in the doc's 字段 column).
    pub wire_name: String,
    /// The Rust identifier, already escaped (`r#type`).
    pub rust_name: String,
    /// The doc's 名称 column.
    pub label: Option<String>,
    /// The doc's 示例值 column (Qimen pages).
    pub example: Option<String>,
    pub ty: Type,
    pub required: bool,
    /// A required string may still be `""` (the page says so, e.g. 如果没有, 可传"").
    pub allow_empty: bool,
    /// Maximum length in characters (the doc's 长度 column on strings).
    pub max_len: Option<u32>,
    /// The doc's 长度 column on a number. Enforced on decimals (digits of the integer part);
    /// on an int or long it is the vendor's column width, documentation only.
    pub digits: Option<u32>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    /// The server-side default the doc states (默认…), for documentation.
    pub default: Option<String>,
    pub description: Option<String>,
    /// Personal data (names, phones, addresses): redacted in `Debug`.
    pub sensitive: bool,
    pub required_when: Option<Condition>,
    /// For Qimen lists: the element name of each item inside the list's wrapper element.
    pub xml_item: Option<String>,
    /// Whether this field's own checks refuse a request or only warn.
    pub severity: Severity,
    /// A `list<T>` sent as one string of its items joined by this separator.
    pub separator: Option<String>,
    /// A separated list's maximum length as one joined string, in characters.
    pub max_joined_len: Option<u32>,
    /// A list's minimum number of items.
    pub min_items: Option<u32>,
    /// A list's maximum number of items.
    pub max_items: Option<u32>,
    /// Set when the page's table lacks the field: where it was seen instead.
    pub undocumented: Option<String>,
}

/// What a broken rule does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// Refused before sending: the page states the rule plainly.
    #[default]
    Error,
    /// Sent anyway and reported: the rule is uncertain.
    Warning,
}

/// A field type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    String,
    /// 32-bit integer.
    Int,
    /// 64-bit integer.
    Long,
    Decimal,
    Bool,
    /// `yyyy-MM-dd HH:mm:ss`, Beijing time.
    DateTime,
    /// `yyyy-MM-dd`.
    Date,
    /// Any JSON value (the doc gives no structure).
    Any,
    List(Box<Type>),
    /// A map from string keys to values.
    Map(Box<Type>),
    /// A string carrying a JSON document of the inner type.
    Json(Box<Type>),
    /// A struct defined in the same file.
    Struct(String),
    /// An enum defined in the same file.
    Enum(String),
    /// A shared code table (`codes.Platform`), defined in `codes/`.
    Code(String),
}

impl Type {
    /// Whether values are numbers (for `digits`, `min`, `max`).
    pub fn is_number(&self) -> bool {
        matches!(self, Type::Int | Type::Long | Type::Decimal)
    }

    /// Whether values are points in time (for `[time_window]`).
    pub fn is_time(&self) -> bool {
        matches!(self, Type::DateTime | Type::Date)
    }

    /// Names of the structs and enums this type mentions.
    pub fn named(&self) -> Option<&str> {
        match self {
            Type::Struct(n) | Type::Enum(n) => Some(n),
            Type::List(t) | Type::Map(t) | Type::Json(t) => t.named(),
            _ => None,
        }
    }
}

impl std::fmt::Display for Type {
    /// The type as written in spec files (`list<OrderDetail>`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Type::String => f.write_str("string"),
            Type::Int => f.write_str("int"),
            Type::Long => f.write_str("long"),
            Type::Decimal => f.write_str("decimal"),
            Type::Bool => f.write_str("bool"),
            Type::DateTime => f.write_str("datetime"),
            Type::Date => f.write_str("date"),
            Type::Any => f.write_str("any"),
            Type::List(inner) => write!(f, "list<{inner}>"),
            Type::Map(inner) => write!(f, "map<{inner}>"),
            Type::Json(inner) => write!(f, "json<{inner}>"),
            Type::Struct(name) | Type::Enum(name) => f.write_str(name),
            Type::Code(name) => write!(f, "codes.{name}"),
        }
    }
}

/// `required_when` and `when`: another field of the same struct has one of these values.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The other field (an int, long, string, enum or code field of the same struct).
    pub field: Box<Field>,
    pub values: Vec<WireValue>,
}

/// `2`, `2 or 14`, `2, 5 or 14`: values as listed in messages and docs.
pub fn values_text(values: &[WireValue]) -> String {
    let shown: Vec<String> = values.iter().map(ToString::to_string).collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Whether a struct is sent or received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Request,
    Response,
}

/// A named struct.
#[derive(Debug, Clone)]
pub struct Struct {
    pub name: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
    pub role: Role,
}

/// A cross-field rule.
#[derive(Debug, Clone)]
pub enum Rule {
    /// The separated list in `list` holds exactly `count` items (when `when` holds).
    CountEquals {
        /// A string field of the same struct, or a separated list (then `separator` is its own).
        list: Box<Field>,
        separator: String,
        /// An int, long or decimal field of the same struct.
        count: Box<Field>,
        when: Option<Condition>,
        description: Option<String>,
        severity: Severity,
    },
    /// At least one group has all of its fields given (a time range, or a document number).
    OneOf {
        /// Optional fields of the same struct, group by group.
        groups: Vec<Vec<Field>>,
        description: Option<String>,
        severity: Severity,
    },
}

/// How an enum travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    Int,
    String,
}

/// A named enum.
#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub repr: EnumRepr,
    pub description: Option<String>,
    /// Where the values come from.
    pub source: Option<String>,
    pub values: Vec<EnumValue>,
}

/// One value of an enum.
#[derive(Debug, Clone)]
pub struct EnumValue {
    pub wire: WireValue,
    /// The Rust variant name.
    pub name: String,
    /// The doc's Chinese label.
    pub label: Option<String>,
    /// More about the value.
    pub note: Option<String>,
}

/// The reply's payload: `data` for 旗舰版, the `<response>` element for Qimen.
#[derive(Debug, Clone)]
pub struct Response {
    pub ty: Type,
    pub description: Option<String>,
}

/// A paged query.
#[derive(Debug, Clone)]
pub struct Paging {
    /// The field of the response struct holding the page's records (a list); `None` when
    /// the payload is the list.
    pub list: Option<Field>,
    /// The type of one record.
    pub item: Type,
    /// The int or long field of the response struct holding the total; `None` when the
    /// envelope's `total` does.
    pub total: Option<Field>,
    /// A string, int or long field of each record identifying it, for dropping records seen
    /// twice in one scan.
    pub id: Option<Field>,
    /// The field of each record holding its modification time (a datetime, date, string, or
    /// a number where the vendor sends one), which sync sinks store beside the record.
    pub modified: Option<Field>,
    /// The page size paging helpers send when the caller does not choose one.
    pub default_page_size: u32,
    /// The largest page size the page states; larger ones are refused.
    pub max_page_size: Option<u32>,
    /// A largest page size nobody has confirmed; larger ones are sent with a warning.
    pub assumed_max_page_size: Option<u32>,
    /// Qimen: the request fields the pager travels in; `None` for 旗舰版, whose pager
    /// travels in the query string.
    pub body_pager: Option<BodyPager>,
}

/// Where a Qimen request carries its pager: two numeric fields of the request struct.
#[derive(Debug, Clone)]
pub struct BodyPager {
    /// The page number, counted from 1 (`page`).
    pub page: Field,
    /// The page size (`pageSize`).
    pub page_size: Field,
}

/// A path to a datetime field: an argument, or a field of a struct argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    pub arg: String,
    pub field: Option<String>,
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}.{}", self.arg, field),
            None => f.write_str(&self.arg),
        }
    }
}

/// Whether a window's end instant belongs to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowEnds {
    /// Both `start` and `end` are included (`start <= t <= end`).
    Inclusive,
    /// `start <= t < end`.
    HalfOpen,
}

/// One end of a time window, resolved: the argument and, inside it, the field.
#[derive(Debug, Clone)]
pub struct WindowField {
    pub path: FieldPath,
    /// The argument (always required: a window lives in a required argument).
    pub arg: Field,
    /// The field of the argument's struct, when the path names one.
    pub field: Option<Field>,
}

impl WindowField {
    /// The datetime or date field the path ends at.
    pub fn target(&self) -> &Field {
        self.field.as_ref().unwrap_or(&self.arg)
    }
}

/// A `span_when` entry: a wider (or narrower) span while a field is given or has a value.
#[derive(Debug, Clone)]
pub struct SpanWhen {
    pub field: WindowField,
    /// Empty: the field is given. Otherwise: it has one of these values.
    pub values: Vec<WireValue>,
    /// `None`: the span is not limited while the condition holds (`max_span = "none"`).
    pub max_span: Option<Duration>,
    pub max_span_text: String,
}

impl SpanWhen {
    /// The span while the condition holds, for docs: `at most 30d`, or `no limit`.
    pub fn limit_text(&self) -> String {
        match self.max_span {
            Some(_) => format!("at most {}", self.max_span_text),
            None => "no limit".to_owned(),
        }
    }

    /// The condition, for docs after the field's name: `is given`, `is 1 or 2`.
    pub fn condition_text(&self) -> String {
        if self.values.is_empty() {
            "is given".to_owned()
        } else {
            format!("is {}", values_text(&self.values))
        }
    }
}

/// A `[[time_window]]` table.
#[derive(Debug, Clone)]
pub struct TimeWindow {
    pub start: WindowField,
    pub end: WindowField,
    /// `datetime` or `date`, the type of both ends.
    pub ty: Type,
    pub max_span: Duration,
    /// The span as written (`1h`), for messages.
    pub max_span_text: String,
    pub ends: WindowEnds,
    /// Spans that replace `max_span` while their condition holds; the first that holds wins.
    pub span_when: Vec<SpanWhen>,
    pub severity: Severity,
}

/// The doc page's examples.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub request: Option<String>,
    pub response: Option<String>,
    pub error: Option<String>,
}

impl Spec {
    /// The struct with this name.
    pub fn struct_named(&self, name: &str) -> Option<&Struct> {
        self.structs.iter().find(|s| s.name == name)
    }

    /// The enum with this name.
    pub fn enum_named(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }

    /// The window that window scans walk: the first `[[time_window]]` of a paged query.
    pub fn scan_window(&self) -> Option<&TimeWindow> {
        self.paging.as_ref().and(self.time_windows.first())
    }
}
