//! What `wdt describe` shows, built from the checked spec: the same structure prints as
//! text or serialises as JSON, so both formats always say the same.

use serde::Serialize;
use serde_json::Value;
use wdt_spec::Spec;
use wdt_spec::model::{
    Enum, Field, Paging, Protocol, Rule, Severity, Struct, TimeWindow, Type, WindowEnds, WireValue,
    values_text,
};

/// One method, as `wdt describe` shows it.
#[derive(Debug, Serialize)]
pub struct Description {
    pub method: String,
    /// The Chinese title of the doc page.
    pub name: String,
    /// `wdt` (旗舰版) or `qimen`.
    pub protocol: &'static str,
    /// Who sends the call to whom.
    pub direction: &'static str,
    pub doc_url: Option<String>,
    /// Whether a failed attempt is sent again.
    pub retry_safe: bool,
    pub description: Option<String>,
    pub min_version: Option<String>,
    pub notes: Vec<String>,
    /// The spec file it comes from.
    pub spec: String,
    /// The positional arguments, in wire order (Qimen: the request object).
    pub args: Vec<FieldView>,
    /// Cross-field rules: alternatives and item counts.
    pub rules: Vec<String>,
    pub time_windows: Vec<String>,
    pub paging: Option<PagingView>,
    /// The reply payload's type (`data`, or the `<response>` element).
    pub response: Option<String>,
    /// The page's request example, as a ready `--json` argument.
    pub example_args: Option<String>,
}

/// A field or a positional argument.
#[derive(Debug, Serialize)]
pub struct FieldView {
    /// The wire name.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub required: bool,
    /// The condition that makes an optional field required.
    pub required_when: Option<String>,
    /// The alternatives (`one_of`) the field belongs to.
    pub alternatives: Option<String>,
    pub label: Option<String>,
    pub description: Option<String>,
    /// The server-side default the page states.
    pub default: Option<String>,
    /// Characters at most (per item for a separated list).
    pub max_len: Option<u32>,
    /// Digits of a decimal's integer part at most.
    pub max_digits: Option<u32>,
    pub min: Option<String>,
    pub max: Option<String>,
    /// A list sent as one string of its items joined by this separator.
    pub separator: Option<String>,
    /// Characters of the joined string at most.
    pub max_joined_len: Option<u32>,
    pub min_items: Option<u32>,
    pub max_items: Option<u32>,
    /// `""` is accepted although the field is required.
    pub allow_empty: bool,
    /// The field's checks warn instead of refusing.
    pub warning_only: bool,
    /// Redacted in `Debug`.
    pub sensitive: bool,
    /// Set when the page's table lacks the field: where it was seen.
    pub undocumented: Option<String>,
    /// The enum or code table its values come from.
    pub values_from: Option<String>,
    pub values: Vec<ValueView>,
    /// The fields of a struct type.
    pub fields: Vec<FieldView>,
}

/// One value of an enum or code table.
#[derive(Debug, Serialize)]
pub struct ValueView {
    pub wire: Value,
    /// The Rust variant.
    pub name: String,
    pub label: Option<String>,
}

/// The `[paging]` of a query.
#[derive(Debug, Serialize)]
pub struct PagingView {
    pub default_page_size: u32,
    /// The largest page size the page states (larger ones are refused).
    pub max_page_size: Option<u32>,
    /// A largest page size the page advises (larger ones are sent with a warning).
    pub advised_max_page_size: Option<u32>,
    /// The field of the payload holding the records; `None` when the payload is the list.
    pub list: Option<String>,
    /// The field identifying a record.
    pub id: Option<String>,
}

/// Builds the description of `spec`; `codes` are the catalogue's code tables.
pub fn describe(spec: &Spec, codes: &[Enum], example_args: Option<String>) -> Description {
    let e = &spec.endpoint;
    let cx = Context { spec, codes };
    let rules = spec
        .structs
        .iter()
        .flat_map(|s| s.rules.iter().map(move |rule| rule_text(s, rule)))
        .collect();
    Description {
        method: e.method.clone(),
        name: e.name.clone(),
        protocol: e.protocol.as_str(),
        direction: match (e.protocol, e.direction) {
            (Protocol::Wdt, _) => "a call to the ERP",
            (Protocol::Qimen, Some(direction)) => direction.describe(),
            (Protocol::Qimen, None) => "not recorded in the spec",
        },
        doc_url: e.doc_url.clone(),
        retry_safe: e.retry_safe,
        description: e.description.clone(),
        min_version: e.min_version.clone(),
        notes: e.notes.clone(),
        spec: spec.path.display().to_string(),
        args: spec.args.iter().map(|a| cx.field(a, None, 0)).collect(),
        rules,
        time_windows: spec.time_windows.iter().map(window_text).collect(),
        paging: spec.paging.as_ref().map(paging_view),
        response: spec.response.as_ref().map(|r| r.ty.to_string()),
        example_args,
    }
}

struct Context<'a> {
    spec: &'a Spec,
    codes: &'a [Enum],
}

/// Struct nesting deeper than this is shown by type name only (the checker refuses
/// recursive structs, so this only bounds very deep specs).
const MAX_DEPTH: usize = 8;

impl Context<'_> {
    fn field(&self, f: &Field, owner: Option<&Struct>, depth: usize) -> FieldView {
        let (values_from, values) = self.values(&f.ty);
        let fields = match innermost(&f.ty) {
            Type::Struct(name) if depth < MAX_DEPTH => self
                .spec
                .struct_named(name)
                .map(|s| {
                    s.fields
                        .iter()
                        .map(|field| self.field(field, Some(s), depth + 1))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let number = |n: &Option<wdt_spec::model::Number>| {
            n.as_ref().map(|n| match n {
                wdt_spec::model::Number::Int(i) => i.to_string(),
                wdt_spec::model::Number::Float(x) => x.to_string(),
            })
        };
        FieldView {
            name: f.wire_name.clone(),
            ty: f.ty.to_string(),
            required: f.required,
            required_when: f
                .required_when
                .as_ref()
                .map(|c| format!("{} is {}", c.field.wire_name, values_text(&c.values))),
            alternatives: owner.and_then(|s| alternatives_of(s, &f.wire_name)),
            label: f.label.clone(),
            description: f.description.clone(),
            default: f.default.clone(),
            max_len: f.max_len,
            max_digits: f.digits.filter(|_| f.ty == Type::Decimal),
            min: number(&f.min),
            max: number(&f.max),
            separator: f.separator.clone(),
            max_joined_len: f.max_joined_len,
            min_items: f.min_items,
            max_items: f.max_items,
            allow_empty: f.allow_empty,
            warning_only: f.severity == Severity::Warning,
            sensitive: f.sensitive,
            undocumented: f.undocumented.clone(),
            values_from,
            values,
            fields,
        }
    }

    fn values(&self, ty: &Type) -> (Option<String>, Vec<ValueView>) {
        let table = match innermost(ty) {
            Type::Enum(name) => self.spec.enum_named(name),
            Type::Code(name) => self.codes.iter().find(|c| &c.name == name),
            _ => None,
        };
        let Some(table) = table else {
            return (None, Vec::new());
        };
        let from = match innermost(ty) {
            Type::Code(name) => format!("codes.{name}"),
            _ => table.name.clone(),
        };
        let values = table
            .values
            .iter()
            .map(|v| ValueView {
                wire: match &v.wire {
                    WireValue::Int(i) => Value::from(*i),
                    WireValue::Str(s) => Value::from(s.as_str()),
                    WireValue::Bool(b) => Value::from(*b),
                },
                name: v.name.clone(),
                label: v.label.clone(),
            })
            .collect();
        (Some(from), values)
    }
}

/// The named type inside lists, maps and JSON strings.
fn innermost(ty: &Type) -> &Type {
    match ty {
        Type::List(inner) | Type::Map(inner) | Type::Json(inner) => innermost(inner),
        other => other,
    }
}

/// `start_time and end_time, or src_tid, or logistics_no`.
fn groups_text(groups: &[Vec<Field>]) -> String {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|f| f.wire_name.as_str())
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join(", or ")
}

fn alternatives_of(owner: &Struct, wire_name: &str) -> Option<String> {
    owner.rules.iter().find_map(|rule| match rule {
        Rule::OneOf { groups, .. } if groups.iter().flatten().any(|f| f.wire_name == wire_name) => {
            Some(format!("give {}", groups_text(groups)))
        }
        _ => None,
    })
}

fn severity_text(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "",
        Severity::Warning => " (warned about, not refused)",
    }
}

fn rule_text(owner: &Struct, rule: &Rule) -> String {
    match rule {
        Rule::OneOf {
            groups,
            description,
            severity,
        } => {
            let why = description
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default();
            format!(
                "{}: give {}{}{why}",
                owner.name,
                groups_text(groups),
                severity_text(*severity)
            )
        }
        Rule::CountEquals {
            list,
            separator,
            count,
            when,
            severity,
            ..
        } => {
            let when = when
                .as_ref()
                .map(|c| format!(" when {} is {}", c.field.wire_name, values_text(&c.values)))
                .unwrap_or_default();
            format!(
                "{}: the items of {} (separated by '{separator}') number {}{when}{}",
                owner.name,
                list.wire_name,
                count.wire_name,
                severity_text(*severity)
            )
        }
    }
}

fn window_text(w: &TimeWindow) -> String {
    let ends = match w.ends {
        WindowEnds::Inclusive => "both ends included",
        WindowEnds::HalfOpen => "end excluded",
    };
    let mut text = format!(
        "{} … {}: at most {} ({ends}), checked when both are given",
        w.start.path, w.end.path, w.max_span_text
    );
    for s in &w.span_when {
        text.push_str(&format!(
            "; {} when {} {}",
            s.limit_text(),
            s.field.path,
            s.condition_text()
        ));
    }
    text.push_str(severity_text(w.severity));
    text
}

fn paging_view(p: &Paging) -> PagingView {
    PagingView {
        default_page_size: p.default_page_size,
        max_page_size: p.max_page_size,
        advised_max_page_size: p.assumed_max_page_size,
        list: p.list.as_ref().map(|f| f.wire_name.clone()),
        id: p.id.as_ref().map(|f| f.wire_name.clone()),
    }
}
