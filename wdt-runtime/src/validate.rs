//! Request validation: the checks generated `validate()` methods call, and their reports.
//!
//! These functions are the only implementation of each rule. The generated client calls
//! them before sending, and the sandbox calls the same generated code on what it receives,
//! so both reject a request with the same words.
//!
//! Paths are built only when something is wrong: a valid request costs no allocation.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDateTime;

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
        expected: i64,
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
    /// A page size outside what the endpoint allows.
    PageSize { value: u32, max: u32 },
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
            Problem::PageSize { value, max } => write!(f, "{value}, must be 1 to {max}"),
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

/// One problem at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Wire names joined by `.`, list items as `[i]`: `order_details[1].spec_no`.
    pub path: String,
    pub problem: Problem,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// Every problem found in a request; empty when it is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// Records a problem at `at.field`.
    #[cold]
    pub fn push(&mut self, at: &Path<'_>, field: &str, problem: Problem) {
        let mut path = String::new();
        at.field(field).write(&mut path);
        self.0.push(Violation { path, problem });
    }

    /// Records a problem at `at` itself.
    #[cold]
    pub fn push_here(&mut self, at: &Path<'_>, problem: Problem) {
        self.0.push(Violation {
            path: at.to_string(),
            problem,
        });
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing was found, otherwise every violation.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationError(self.0))
        }
    }
}

/// A request that breaks its spec, with every violation.
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

    /// Every problem of `self`, or `Ok`.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut out = Violations::default();
        self.validate_into(&Path::ROOT, &mut out);
        out.into_result()
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

/// An enum generated from a spec, which may hold a value the spec does not list.
pub trait KnownValues {
    /// The listed wire values, for messages: `0, 1, 2`.
    const KNOWN: &'static str;
    /// Whether the value is one the spec lists.
    fn is_known(&self) -> bool;
    /// The wire value, for messages.
    fn wire_text(&self) -> String;
}

/// The checks generated code calls, one per spec rule.
pub mod check {
    use super::*;

    /// `max_len`: at most `max` characters.
    #[inline]
    pub fn max_chars(out: &mut Violations, at: &Path<'_>, field: &str, value: &str, max: u32) {
        // A string of at most `max` bytes has at most `max` characters: count only long ones.
        if value.len() > max as usize {
            let chars = value.chars().count();
            if chars > max as usize {
                out.push(at, field, Problem::TooLong { chars, max });
            }
        }
    }

    /// A required string must not be empty.
    #[inline]
    pub fn not_empty(out: &mut Violations, at: &Path<'_>, field: &str, value: &str) {
        if value.is_empty() {
            out.push(at, field, Problem::Empty);
        }
    }

    /// `digits`: the integer part has at most `max` digits.
    #[inline]
    pub fn digits(out: &mut Violations, at: &Path<'_>, field: &str, value: impl Number, max: u32) {
        if value.integer_digits() > max {
            out.push(
                at,
                field,
                Problem::TooManyDigits {
                    value: value.to_string(),
                    max,
                },
            );
        }
    }

    /// `min`: at least `min`.
    #[inline]
    pub fn min<N: Number>(out: &mut Violations, at: &Path<'_>, field: &str, value: N, min: N) {
        if value < min {
            out.push(
                at,
                field,
                Problem::BelowMin {
                    value: value.to_string(),
                    min: min.to_string(),
                },
            );
        }
    }

    /// `max`: at most `max`.
    #[inline]
    pub fn max<N: Number>(out: &mut Violations, at: &Path<'_>, field: &str, value: N, max: N) {
        if value > max {
            out.push(
                at,
                field,
                Problem::AboveMax {
                    value: value.to_string(),
                    max: max.to_string(),
                },
            );
        }
    }

    /// An enum value must be one the spec lists (called with the value's own path).
    #[inline]
    pub fn known<E: KnownValues>(out: &mut Violations, at: &Path<'_>, value: &E) {
        if !value.is_known() {
            out.push_here(
                at,
                Problem::UnknownValue {
                    value: value.wire_text(),
                    allowed: E::KNOWN,
                },
            );
        }
    }

    /// `required_when`: when the condition holds, the field must be present.
    #[inline]
    pub fn required_when(
        out: &mut Violations,
        at: &Path<'_>,
        field: &str,
        present: bool,
        condition_holds: bool,
        condition: &'static str,
    ) {
        if condition_holds && !present {
            out.push(at, field, Problem::RequiredWhen { condition });
        }
    }

    /// `count_equals`: a separated list holds exactly `expected` items.
    #[allow(clippy::too_many_arguments)]
    pub fn count_equals(
        out: &mut Violations,
        at: &Path<'_>,
        field: &str,
        list: Option<&str>,
        separator: &str,
        count_field: &'static str,
        expected: i64,
        rule: &'static str,
    ) {
        let items = list.map_or(0, |l| {
            l.split(separator).filter(|s| !s.trim().is_empty()).count()
        });
        if items as i64 != expected {
            out.push(
                at,
                field,
                Problem::CountMismatch {
                    items,
                    count_field,
                    expected,
                    rule,
                },
            );
        }
    }

    /// A paged call's page size: 1 to the endpoint's maximum.
    #[inline]
    pub fn page_size(out: &mut Violations, page_size: u32, max: u32) {
        if page_size == 0 || page_size > max {
            out.push(
                &Path::ROOT,
                "page_size",
                Problem::PageSize {
                    value: page_size,
                    max,
                },
            );
        }
    }

    /// `[time_window]`: `end` is not before `start` and at most `max_secs` after it.
    #[allow(clippy::too_many_arguments)]
    pub fn time_span(
        out: &mut Violations,
        at: &Path<'_>,
        end_field: &str,
        start_field: &'static str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        max_secs: i64,
        max: &'static str,
    ) {
        let span = (end - start).num_seconds();
        if span < 0 {
            out.push(
                at,
                end_field,
                Problem::EndBeforeStart {
                    start_field: start_field.to_owned(),
                },
            );
        } else if span > max_secs {
            out.push(
                at,
                end_field,
                Problem::SpanTooLong {
                    start_field: start_field.to_owned(),
                    span_secs: span,
                    max,
                },
            );
        }
    }
}

/// Numbers that `digits`, `min` and `max` apply to.
pub trait Number: Copy + PartialOrd + fmt::Display {
    /// Digits of the integer part, ignoring the sign.
    fn integer_digits(self) -> u32;
}

impl Number for i32 {
    fn integer_digits(self) -> u32 {
        i64::from(self).integer_digits()
    }
}

impl Number for i64 {
    fn integer_digits(self) -> u32 {
        self.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1)
    }
}

impl Number for rust_decimal::Decimal {
    fn integer_digits(self) -> u32 {
        let whole = self.trunc().abs();
        let text = whole.to_string();
        text.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_like_the_docs() {
        let root = Path::ROOT;
        let details = root.field("order_details");
        let second = details.index(1);
        let mut out = Violations::default();
        check::max_chars(&mut out, &second, "spec_no", &"x".repeat(52), 40);
        let err = out.into_result().unwrap_err();
        assert_eq!(
            err.to_string(),
            "order_details[1].spec_no: 52 characters, at most 40"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut out = Violations::default();
        check::max_chars(&mut out, &Path::ROOT, "remark", &"破".repeat(40), 40);
        assert!(out.is_empty(), "40 CJK characters (120 bytes) fit in 40");
        check::max_chars(&mut out, &Path::ROOT, "remark", &"破".repeat(41), 40);
        assert_eq!(
            out.into_result().unwrap_err().to_string(),
            "remark: 41 characters, at most 40"
        );
    }

    #[test]
    fn digits_and_bounds() {
        let mut out = Violations::default();
        check::digits(&mut out, &Path::ROOT, "num", 99_999_999_999i64, 11);
        check::digits(&mut out, &Path::ROOT, "num", -5i32, 1);
        assert!(out.is_empty());
        check::digits(&mut out, &Path::ROOT, "num", 100_000_000_000i64, 11);
        check::min(&mut out, &Path::ROOT, "num", 0, 1);
        check::max(&mut out, &Path::ROOT, "num", 5, 4);
        let messages: Vec<String> = out
            .into_result()
            .unwrap_err()
            .0
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "num: 100000000000 has more than 11 digits",
                "num: 0 is below the minimum 1",
                "num: 5 is above the maximum 4",
            ]
        );
    }

    #[test]
    fn spans_report_both_directions() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let params = Path::ROOT.field("params");
        let mut out = Violations::default();
        let (start, end) = (t("2026-11-23 10:00:00"), t("2026-11-23 11:00:00"));
        check::time_span(
            &mut out,
            &params,
            "end_time",
            "start_time",
            start,
            end,
            3600,
            "1h",
        );
        assert!(out.is_empty(), "exactly the maximum is allowed");
        let late = t("2026-11-23 11:00:01");
        check::time_span(
            &mut out,
            &params,
            "end_time",
            "start_time",
            start,
            late,
            3600,
            "1h",
        );
        check::time_span(
            &mut out,
            &params,
            "end_time",
            "start_time",
            end,
            start,
            3600,
            "1h",
        );
        assert_eq!(
            out.into_result().unwrap_err().to_string(),
            "params.end_time: 1h00m01s after start_time, at most 1h; params.end_time: before start_time"
        );
    }

    #[test]
    fn count_equals_ignores_blank_items() {
        let mut out = Violations::default();
        let at = Path::ROOT;
        check::count_equals(&mut out, &at, "sn_list", Some("a,b,"), ",", "num", 2, "");
        assert!(out.is_empty());
        check::count_equals(&mut out, &at, "sn_list", None, ",", "num", 2, "rule");
        assert_eq!(
            out.into_result().unwrap_err().to_string(),
            "sn_list: 0 items, but num is 2 (rule)"
        );
    }
}
