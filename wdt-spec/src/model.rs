//! The checked model of an endpoint: what the code generator, the sandbox and the CLI consume.
//!
//! Every name here is resolved and every reference valid; a `Spec` only exists when its
//! file passed every check in [`crate::check`].

use std::path::PathBuf;
use std::time::Duration;

pub use crate::file::{Number, WireValue};

/// Every spec of a directory and the code tables they share.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Sorted by method name.
    pub specs: Vec<Spec>,
    /// The enums of `codes/`, sorted by name.
    pub codes: Vec<Enum>,
}

/// One endpoint, from one spec file.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file as it is shown in messages (relative to the spec root's parent).
    pub path: PathBuf,
    pub endpoint: Endpoint,
    /// The positional body arguments, in wire order. Qimen endpoints have exactly one:
    /// the `<request>` element.
    pub args: Vec<Field>,
    pub structs: Vec<Struct>,
    pub enums: Vec<Enum>,
    pub response: Option<Response>,
    pub paging: Option<Paging>,
    pub time_window: Option<TimeWindow>,
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
}

impl Endpoint {
    /// The dot-separated segments of the method name.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.method.split('.')
    }

    /// The last segment: the operation (`createOrder`).
    pub fn operation(&self) -> &str {
        self.method.rsplit('.').next().unwrap_or(&self.method)
    }

    /// Every segment but the last: the groups the operation lives in (`wms`, `outer`, `OuterOut`).
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        let n = self.method.split('.').count();
        self.method.split('.').take(n.saturating_sub(1))
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
    /// Maximum number of digits (the doc's 长度 column on numbers).
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

/// `required_when`: the field is required when another field has one of these values.
#[derive(Debug, Clone)]
pub struct Condition {
    /// Wire name of the other field (same struct).
    pub field: String,
    pub values: Vec<WireValue>,
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
        list: String,
        separator: String,
        count: String,
        when: Option<Condition>,
        description: Option<String>,
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
    /// The field of the response holding the page's records; `None` when the payload is the list.
    pub list: Option<String>,
    /// The field of the response holding the total; `None` when the envelope's `total` does.
    pub total: Option<String>,
    /// A field of each record identifying it, for dropping records seen twice in one scan.
    pub id: Option<String>,
    pub default_page_size: u32,
    pub max_page_size: u32,
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

/// `[time_window]`.
#[derive(Debug, Clone)]
pub struct TimeWindow {
    pub start: FieldPath,
    pub end: FieldPath,
    pub max_span: Duration,
    /// The span as written (`1h`), for messages.
    pub max_span_text: String,
    pub ends: WindowEnds,
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
}
