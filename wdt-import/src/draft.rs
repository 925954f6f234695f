//! The spec being written: the builder's decisions, in the shape [`crate::emit`] prints.
//!
//! Mirrors the spec format (`specs/README.md`) table by table, plus the `#` comments that
//! record what the page says where the spec had to choose.

use std::fmt;

use wdt_spec::model::{Protocol, WireValue};

/// A whole spec file.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// Comment lines at the top of the file.
    pub header: Vec<String>,
    pub endpoint: Endpoint,
    pub args: Vec<Field>,
    pub structs: Vec<Struct>,
    pub enums: Vec<Enum>,
    pub response: Option<Response>,
    pub paging: Option<Paging>,
    /// `[[time_window]]`s; the first is the one scans walk.
    pub time_windows: Vec<TimeWindow>,
    pub examples: Examples,
}

/// `[endpoint]`.
#[derive(Debug)]
pub(crate) struct Endpoint {
    pub method: String,
    pub protocol: Protocol,
    pub name: String,
    pub category: Option<String>,
    pub description: Option<String>,
    pub min_version: Option<String>,
    pub notes: Vec<String>,
    pub retry_safe: bool,
    pub doc_url: Option<String>,
    /// Qimen: who sends the method (`erp_to_wms`, `wms_to_erp`).
    pub direction: Option<&'static str>,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            method: String::new(),
            protocol: Protocol::Wdt,
            name: String::new(),
            category: None,
            description: None,
            min_version: None,
            notes: Vec::new(),
            retry_safe: false,
            doc_url: None,
            direction: None,
        }
    }
}

/// A spec type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Type {
    String,
    Int,
    Long,
    Decimal,
    Bool,
    DateTime,
    Date,
    Any,
    List(Box<Type>),
    Map(Box<Type>),
    /// A struct or enum of the file.
    Named(String),
}

impl Type {
    pub fn is_number(&self) -> bool {
        matches!(self, Type::Int | Type::Long | Type::Decimal)
    }

    /// The model type this draft will be once loaded: a named type reads like a struct (the
    /// spec syntax spells structs and enums alike).
    fn to_model(&self) -> wdt_spec::model::Type {
        use wdt_spec::model::Type as Model;
        match self {
            Type::String => Model::String,
            Type::Int => Model::Int,
            Type::Long => Model::Long,
            Type::Decimal => Model::Decimal,
            Type::Bool => Model::Bool,
            Type::DateTime => Model::DateTime,
            Type::Date => Model::Date,
            Type::Any => Model::Any,
            Type::List(inner) => Model::List(Box::new(inner.to_model())),
            Type::Map(inner) => Model::Map(Box::new(inner.to_model())),
            Type::Named(name) => Model::Struct(name.clone()),
        }
    }
}

impl fmt::Display for Type {
    /// As spec files spell it; wdt-spec owns that syntax.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_model().fmt(f)
    }
}

/// A `default = …` value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DefaultValue {
    Int(i64),
    Decimal(String),
    Bool(bool),
    Str(String),
}

/// An `[[arg]]` or `[[struct.field]]`.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// Comment lines printed above the field.
    pub comments: Vec<String>,
    pub name: String,
    /// Set when the snake_case of `name` collides with another field's.
    pub rust_name: Option<String>,
    pub label: Option<String>,
    pub example: Option<String>,
    pub ty: Type,
    pub xml_item: Option<String>,
    pub max_len: Option<u32>,
    /// A separated list's separator (`","`): the list travels as one joined string.
    pub separator: Option<String>,
    /// A separated list's maximum once joined.
    pub max_joined_len: Option<u32>,
    pub min_items: Option<u32>,
    pub max_items: Option<u32>,
    pub digits: Option<u32>,
    pub required: bool,
    /// A required string the page lets be `""` (可传空).
    pub allow_empty: bool,
    pub default: Option<DefaultValue>,
    /// The field's checks only warn (`severity = "warning"`).
    pub warning: bool,
    /// Where the field was seen when the page's table lacks it.
    pub undocumented: Option<String>,
    pub sensitive: bool,
    pub description: Option<String>,
    /// The date or datetime type was inferred from the field's name and label, not stated:
    /// an example showing other values overrules it.
    pub time_inferred: bool,
    /// The page gives no type (line and location of the row): an example may tell.
    pub untyped_at: Option<(usize, String)>,
}

impl Field {
    /// A field with only a name and a type.
    pub fn new(name: &str, ty: Type) -> Self {
        Field {
            comments: Vec::new(),
            name: name.to_owned(),
            rust_name: None,
            label: None,
            example: None,
            ty,
            xml_item: None,
            max_len: None,
            separator: None,
            max_joined_len: None,
            min_items: None,
            max_items: None,
            digits: None,
            required: false,
            allow_empty: false,
            default: None,
            warning: false,
            undocumented: None,
            sensitive: false,
            description: None,
            time_inferred: false,
            untyped_at: None,
        }
    }
}

/// Which side of the call a struct or enum belongs to; decides where it is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Request,
    Response,
}

/// A `[[struct]]`.
#[derive(Debug, Clone)]
pub(crate) struct Struct {
    pub comments: Vec<String>,
    pub name: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    pub side: Side,
    /// `[[struct.rule]] kind = "one_of"` rules.
    pub rules: Vec<OneOf>,
}

/// A `one_of` rule: at least one group has all its fields given.
#[derive(Debug, Clone)]
pub(crate) struct OneOf {
    pub groups: Vec<Vec<String>>,
    /// The page's words.
    pub description: String,
    pub warning: bool,
}

/// An `[[enum]]`.
#[derive(Debug, Clone)]
pub(crate) struct Enum {
    pub comments: Vec<String>,
    pub name: String,
    pub repr_int: bool,
    pub description: Option<String>,
    pub values: Vec<EnumValue>,
    pub side: Side,
}

/// One value of an enum.
#[derive(Debug, Clone)]
pub(crate) struct EnumValue {
    pub wire: WireValue,
    pub name: String,
    pub label: String,
    /// The variant name is a placeholder (`V14`) to be replaced by a person.
    pub placeholder: bool,
}

/// `[response]`.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub comments: Vec<String>,
    pub ty: Type,
    pub description: Option<String>,
}

/// `[paging]`.
#[derive(Debug, Clone)]
pub(crate) struct Paging {
    pub comments: Vec<String>,
    pub list: Option<String>,
    pub total: Option<String>,
    pub id: Option<String>,
    pub default_page_size: u32,
    /// A maximum the page states: larger sizes are refused.
    pub max_page_size: Option<u32>,
    /// A maximum the page only advises (建议200以下): larger sizes warn.
    pub assumed_max_page_size: Option<u32>,
}

/// A `[[time_window]]`.
#[derive(Debug, Clone)]
pub(crate) struct TimeWindow {
    pub comments: Vec<String>,
    pub start: String,
    pub end: String,
    pub max_span: String,
    /// `span_when` entries: another span while the field at this path is given.
    pub span_when: Vec<SpanWhen>,
    /// The window only warns (the page's rule is uncertain).
    pub warning: bool,
}

/// One `span_when` entry of a time window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpanWhen {
    /// `params.spec_no`.
    pub field: String,
    /// `30d`, or `none` for no limit.
    pub max_span: String,
}

/// `[examples]`.
#[derive(Debug, Default)]
pub(crate) struct Examples {
    pub comments: Vec<String>,
    pub request: Option<String>,
    pub response: Option<String>,
    pub error: Option<String>,
}
