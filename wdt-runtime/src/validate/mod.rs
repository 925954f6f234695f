//! Request validation: what generated `validate()` methods report, and how.
//!
//! The rules themselves are decided by `wdt-spec` and emitted as calls to the functions of
//! [`check`], one call per rule; the client, the sandbox and the CLI all run that same
//! generated code, so they refuse (or warn about) a request with the same words.
//!
//! Every violation has a [`Severity`]: errors refuse the request, warnings are reported and
//! the request is sent (strict mode refuses them too). Paths are built only when something
//! is wrong: a valid request costs no allocation.

pub mod check;

use std::collections::BTreeMap;
use std::fmt;

pub use check::Number;

/// Where a value sits in a request: `order_details[1].spec_no`.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl<'a> Path<'a> {
    /// The request itself.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
    };

    /// A field of the value at this path.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// An item of the list at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// An entry of the map at this path.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Segment::Key(key) => {
                out.push('[');
                out.push_str(key);
                out.push(']');
            }
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

/// What is wrong with one value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A string longer than the doc's 长度 column allows.
    TooLong { chars: usize, max: u32 },
    /// A required string that is empty.
    Empty,
    /// A number with more digits than the doc's 长度 column allows.
    TooManyDigits { value: String, max: u32 },
    /// A number below its minimum.
    BelowMin { value: String, min: String },
    /// A number above its maximum.
    AboveMax { value: String, max: String },
    /// An enum value the spec does not list.
    UnknownValue {
        value: String,
        allowed: &'static str,
    },
    /// An optional field that another field's value makes required.
    RequiredWhen { condition: &'static str },
    /// A separated list whose item count must equal a number field.
    CountMismatch {
        items: usize,
        count_field: &'static str,
        expected: String,
        rule: &'static str,
    },
    /// A time window whose end precedes its start.
    EndBeforeStart { start_field: String },
    /// A time window longer than the endpoint allows.
    SpanTooLong {
        start_field: String,
        span_secs: i64,
        max: &'static str,
    },
    /// A page size above the endpoint's maximum (or 0).
    PageSize { value: u32, max: u32, assumed: bool },
    /// None of the alternatives is given in full.
    NoAlternative { alternatives: &'static str },
    /// A list with fewer items than the page requires.
    TooFewItems { items: usize, min: u32 },
    /// A list with more items than the page allows.
    TooManyItems { items: usize, max: u32 },
    /// A separated list whose joined text is too long.
    JoinedTooLong { chars: usize, max: u32 },
    /// A field the spec does not list, sent through `extra_fields` (a warning), with the
    /// documented field its name is closest to, when one is alike enough to be a typo.
    Undocumented { closest: Option<&'static str> },
    /// A documented field set through `extra_fields` instead of its typed field.
    DocumentedInExtra,
    /// A required field or argument a decoded body leaves out.
    Missing,
    /// A value a decoded body gives in the wrong form (serde's words).
    Malformed(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::TooLong { chars, max } => write!(f, "{chars} characters, at most {max}"),
            Problem::Empty => f.write_str("required, must not be empty"),
            Problem::TooManyDigits { value, max } => {
                write!(f, "{value} has more than {max} digits")
            }
            Problem::BelowMin { value, min } => write!(f, "{value} is below the minimum {min}"),
            Problem::AboveMax { value, max } => write!(f, "{value} is above the maximum {max}"),
            Problem::UnknownValue { value, allowed } => {
                write!(f, "{value} is not one of {allowed}")
            }
            Problem::RequiredWhen { condition } => write!(f, "required when {condition}"),
            Problem::CountMismatch {
                items,
                count_field,
                expected,
                rule,
            } => {
                write!(f, "{items} items, but {count_field} is {expected}")?;
                if !rule.is_empty() {
                    write!(f, " ({rule})")?;
                }
                Ok(())
            }
            Problem::EndBeforeStart { start_field } => write!(f, "before {start_field}"),
            Problem::SpanTooLong {
                start_field,
                span_secs,
                max,
            } => write!(
                f,
                "{} after {start_field}, at most {max}",
                show_span(*span_secs)
            ),
            Problem::PageSize {
                value,
                max,
                assumed: false,
            } => write!(f, "{value}, must be 1 to {max}"),
            Problem::PageSize {
                value,
                max,
                assumed: true,
            } if *value > 0 => write!(
                f,
                "{value}, above {max}, a maximum the page does not state as a limit"
            ),
            Problem::PageSize { value, .. } => write!(f, "{value}, must be at least 1"),
            Problem::NoAlternative { alternatives } => write!(f, "give {alternatives}"),
            Problem::TooFewItems { items, min } => write!(f, "{items} items, at least {min}"),
            Problem::TooManyItems { items, max } => write!(f, "{items} items, at most {max}"),
            Problem::JoinedTooLong { chars, max } => {
                write!(f, "{chars} characters joined, at most {max}")
            }
            Problem::Undocumented { closest: None } => {
                f.write_str("not in the spec, sent as given")
            }
            Problem::Undocumented {
                closest: Some(closest),
            } => write!(
                f,
                "not in the spec, sent as given (did you mean {closest}?)"
            ),
            Problem::Missing => f.write_str("required"),
            Problem::Malformed(message) => f.write_str(message),
            Problem::DocumentedInExtra => {
                f.write_str("a documented field: set it on the typed field, not in extra_fields")
            }
        }
    }
}

fn show_span(secs: i64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (h, m, 0) if h > 0 => format!("{h}h{m:02}m"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, m, s) => format!("{h}h{m:02}m{s:02}s"),
    }
}

/// What a broken rule does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The page states the rule plainly: the request is refused before sending.
    Error,
    /// The rule is uncertain: the request is sent, and the violation reported (logged, and
    /// handed to the caller with the reply). Strict mode refuses these too.
    Warning,
}

/// One problem at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Wire names joined by `.`, list items as `[i]`: `order_details[1].spec_no`.
    pub path: String,
    pub problem: Problem,
    pub severity: Severity,
}

impl Violation {
    /// Whether this is at `path` or inside it (`order` holds `order.remark` and
    /// `order[0]`, not `order_no`); everything is inside the root, `""`.
    pub fn is_within(&self, path: &str) -> bool {
        match self.path.strip_prefix(path) {
            Some(rest) => path.is_empty() || rest.is_empty() || rest.starts_with(['.', '[']),
            None => false,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.problem)?;
        } else {
            write!(f, "{}: {}", self.path, self.problem)?;
        }
        if self.severity == Severity::Warning {
            f.write_str(" (warning)")?;
        }
        Ok(())
    }
}

/// Every problem found in a request; empty when it is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations {
    found: Vec<Violation>,
    /// Nesting of [`Violations::begin_warnings`]: inside, every push is a warning.
    warning_depth: u32,
}

impl Violations {
    /// Records a problem at `at.field`.
    #[cold]
    pub fn push(&mut self, at: &Path<'_>, field: &str, problem: Problem) {
        let severity = self.severity();
        self.push_with(at, field, problem, severity);
    }

    /// Records a problem at `at.field` with its own severity.
    #[cold]
    pub fn push_with(&mut self, at: &Path<'_>, field: &str, problem: Problem, severity: Severity) {
        let mut path = String::new();
        at.field(field).write(&mut path);
        self.found.push(Violation {
            path,
            problem,
            severity,
        });
    }

    /// Records a problem at `at` itself.
    #[cold]
    pub fn push_here(&mut self, at: &Path<'_>, problem: Problem) {
        let severity = self.severity();
        self.found.push(Violation {
            path: at.to_string(),
            problem,
            severity,
        });
    }

    /// Records a problem found by decoding at a rendered path (an error).
    #[cold]
    pub(crate) fn push_at(&mut self, path: String, problem: Problem) {
        self.found.push(Violation {
            path,
            problem,
            severity: Severity::Error,
        });
    }

    /// Records a violation found elsewhere, as it is.
    pub(crate) fn push_violation(&mut self, violation: Violation) {
        self.found.push(violation);
    }

    /// The violations found, in order.
    pub(crate) fn into_vec(self) -> Vec<Violation> {
        self.found
    }

    /// Checks until the matching [`Violations::end_warnings`] report warnings: the rules
    /// of a spec marked `severity = "warning"`.
    pub fn begin_warnings(&mut self) {
        self.warning_depth += 1;
    }

    /// Ends a [`Violations::begin_warnings`].
    pub fn end_warnings(&mut self) {
        self.warning_depth = self.warning_depth.saturating_sub(1);
    }

    fn severity(&self) -> Severity {
        if self.warning_depth > 0 {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The warnings when nothing refuses the request; otherwise every violation. In strict
    /// mode warnings refuse it too.
    pub fn into_result(self, strict: bool) -> Result<Vec<Violation>, ValidationError> {
        let refused = self
            .found
            .iter()
            .any(|v| strict || v.severity == Severity::Error);
        if refused {
            Err(ValidationError(self.found))
        } else {
            Ok(self.found)
        }
    }
}

/// A request that breaks its spec: every violation, warnings included.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError(pub Vec<Violation>);

impl ValidationError {
    /// The violations, in the order the fields appear in the spec.
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

/// A value that can check itself against its spec.
pub trait Validate {
    /// Adds every problem of `self`, found at `at`, to `out`.
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations);

    /// The warnings when nothing refuses `self`, otherwise every violation.
    fn validate(&self) -> Result<Vec<Violation>, ValidationError> {
        let mut out = Violations::default();
        self.validate_into(&Path::ROOT, &mut out);
        out.into_result(false)
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
        for (i, item) in self.iter().enumerate() {
            item.validate_into(&at.index(i), out);
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
        if let Some(value) = self {
            value.validate_into(at, out);
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
        for (key, value) in self {
            value.validate_into(&at.key(key), out);
        }
    }
}

/// An enum generated from a spec, which may hold a value the spec does not list (a request
/// that sends one built as `Unknown(..)` gets a warning: the vendor may have added it).
pub trait KnownValues {
    /// The listed wire values, for messages: `0, 1, 2`.
    const KNOWN: &'static str;
    /// Whether the value is one the spec lists.
    fn is_known(&self) -> bool;
    /// The wire value, for messages.
    fn wire_text(&self) -> String;
}
