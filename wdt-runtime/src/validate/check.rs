//! The checks generated code calls, one per spec rule.

use std::fmt;

use chrono::NaiveDateTime;

use super::{KnownValues, Path, Problem, Severity, Violation, Violations};

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

/// `max_len` of a separated list: each item at most `max` characters.
pub fn each_max_chars(
    out: &mut Violations,
    at: &Path<'_>,
    field: &str,
    items: &[String],
    max: u32,
) {
    let list = at.field(field);
    for (i, item) in items.iter().enumerate() {
        if item.len() > max as usize {
            let chars = item.chars().count();
            if chars > max as usize {
                out.push_here(&list.index(i), Problem::TooLong { chars, max });
            }
        }
    }
}

/// `extra_fields`: each undocumented key is a warning, a documented one (`documented`
/// holds the struct's wire names) an error.
pub fn extra_fields(
    out: &mut Violations,
    at: &Path<'_>,
    documented: &[&'static str],
    extra: &crate::extra::ExtraFields,
) {
    for (key, _) in extra.iter() {
        if documented.contains(&key) {
            out.push_with(at, key, Problem::DocumentedInExtra, Severity::Error);
        } else {
            let closest = crate::suggest::closest(key, documented.iter().copied());
            out.push_with(
                at,
                key,
                Problem::Undocumented { closest },
                Severity::Warning,
            );
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

/// An enum value the spec does not list (called with the value's own path). Always a
/// warning: only a caller's explicit `Unknown(..)` gets here, and the vendor may have added
/// the value since the page was written.
#[inline]
pub fn known<E: KnownValues>(out: &mut Violations, at: &Path<'_>, value: &E) {
    if !value.is_known() {
        out.found.push(Violation {
            path: at.to_string(),
            problem: Problem::UnknownValue {
                value: value.wire_text(),
                allowed: E::KNOWN,
            },
            severity: Severity::Warning,
        });
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
pub fn count_equals<N: Number>(
    out: &mut Violations,
    at: &Path<'_>,
    field: &str,
    items: usize,
    count_field: &'static str,
    expected: N,
    rule: &'static str,
) {
    if !expected.equals_count(items) {
        out.push(
            at,
            field,
            Problem::CountMismatch {
                items,
                count_field,
                expected: expected.to_string(),
                rule,
            },
        );
    }
}

/// The non-blank items of a string of items joined by `separator`.
pub fn count_items(text: &str, separator: &str) -> usize {
    text.split(separator)
        .filter(|s| !s.trim().is_empty())
        .count()
}

/// How far a page size may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSizeLimit {
    /// The page states this maximum: larger sizes are refused.
    Stated(u32),
    /// A maximum nobody has confirmed: larger sizes are sent with a warning.
    Assumed(u32),
    /// No maximum is known.
    Unstated,
}

/// A paged call's page size: at least 1, and within the endpoint's limit.
#[inline]
pub fn page_size(out: &mut Violations, page_size: u32, limit: PageSizeLimit) {
    let (max, assumed) = match limit {
        PageSizeLimit::Stated(max) => (max, false),
        PageSizeLimit::Assumed(max) => (max, true),
        PageSizeLimit::Unstated => (u32::MAX, true),
    };
    if page_size == 0 || page_size > max {
        let severity = if assumed && page_size > 0 {
            Severity::Warning
        } else {
            Severity::Error
        };
        out.push_with(
            &Path::ROOT,
            "page_size",
            Problem::PageSize {
                value: page_size,
                max,
                assumed,
            },
            severity,
        );
    }
}

/// `one_of`: at least one group of fields is given in full. `alternatives` describes the
/// groups for the message (`start_time and end_time, or trade_no`).
#[inline]
pub fn one_of(out: &mut Violations, at: &Path<'_>, any_given: bool, alternatives: &'static str) {
    if !any_given {
        out.push_here(at, Problem::NoAlternative { alternatives });
    }
}

/// `min_items`: a list holds at least `min` items.
#[inline]
pub fn min_items(out: &mut Violations, at: &Path<'_>, field: &str, items: usize, min: u32) {
    if items < min as usize {
        out.push(at, field, Problem::TooFewItems { items, min });
    }
}

/// `max_items`: a list holds at most `max` items.
#[inline]
pub fn max_items(out: &mut Violations, at: &Path<'_>, field: &str, items: usize, max: u32) {
    if items > max as usize {
        out.push(at, field, Problem::TooManyItems { items, max });
    }
}

/// `max_joined_len`: a separated list is at most `max` characters once joined.
pub fn max_joined_chars<T: crate::wire::Wire>(
    out: &mut Violations,
    at: &Path<'_>,
    field: &str,
    items: &[T],
    separator: &str,
    max: u32,
) {
    let chars = crate::wire::separated::join(items, separator)
        .chars()
        .count();
    if chars > max as usize {
        out.push(at, field, Problem::JoinedTooLong { chars, max });
    }
}

/// Whether an optional text or list counts as given for `one_of` and `span_when`: present
/// and not empty (other values count as given when present).
pub trait Given {
    /// Whether the value is there.
    fn given(&self) -> bool;
}

impl Given for Option<String> {
    fn given(&self) -> bool {
        self.as_deref().is_some_and(|s| !s.is_empty())
    }
}

impl<T> Given for Option<Vec<T>> {
    fn given(&self) -> bool {
        self.as_ref().is_some_and(|v| !v.is_empty())
    }
}

/// `[[time_window]]`: `end` is not before `start` and at most the span of `limit` after it
/// (`None`: no limit applies). A span of whole days counts calendar days, as the vendor's
/// pages do: their own examples of a 30-day window run from a day's 00:00:00 to 23:59:59 of
/// the 30th day after (docs/design/0006).
#[allow(clippy::too_many_arguments)]
pub fn time_span(
    out: &mut Violations,
    at: &Path<'_>,
    end_field: &str,
    start_field: &'static str,
    start: NaiveDateTime,
    end: NaiveDateTime,
    limit: Option<(i64, &'static str)>,
) {
    const DAY_SECS: i64 = 86_400;
    let span = (end - start).num_seconds();
    if span < 0 {
        out.push(
            at,
            end_field,
            Problem::EndBeforeStart {
                start_field: start_field.to_owned(),
            },
        );
        return;
    }
    let Some((max_secs, max)) = limit else {
        return;
    };
    let too_long = if max_secs % DAY_SECS == 0 {
        (end.date() - start.date()).num_days() > max_secs / DAY_SECS
    } else {
        span > max_secs
    };
    if too_long {
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

/// Numbers that `digits`, `min`, `max` and `count_equals` apply to.
pub trait Number: Copy + PartialOrd + fmt::Display {
    /// Digits of the integer part, ignoring the sign.
    fn integer_digits(self) -> u32;
    /// Whether the number is exactly `count` (a quantity of `2.0000` counts two items).
    fn equals_count(self, count: usize) -> bool;
}

impl Number for i32 {
    fn integer_digits(self) -> u32 {
        i64::from(self).integer_digits()
    }
    fn equals_count(self, count: usize) -> bool {
        i64::from(self).equals_count(count)
    }
}

impl Number for i64 {
    fn integer_digits(self) -> u32 {
        self.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1)
    }
    fn equals_count(self, count: usize) -> bool {
        i64::try_from(count).is_ok_and(|count| count == self)
    }
}

impl Number for rust_decimal::Decimal {
    fn integer_digits(self) -> u32 {
        let whole = self.trunc().abs();
        let text = whole.to_string();
        text.len() as u32
    }
    fn equals_count(self, count: usize) -> bool {
        u64::try_from(count).is_ok_and(|count| self == rust_decimal::Decimal::from(count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Path;

    #[test]
    fn paths_render_like_the_docs() {
        let root = Path::ROOT;
        let details = root.field("order_details");
        let second = details.index(1);
        let mut out = Violations::default();
        max_chars(&mut out, &second, "spec_no", &"x".repeat(52), 40);
        let err = out.into_result(false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "order_details[1].spec_no: 52 characters, at most 40"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut out = Violations::default();
        max_chars(&mut out, &Path::ROOT, "remark", &"破".repeat(40), 40);
        assert!(out.is_empty(), "40 CJK characters (120 bytes) fit in 40");
        max_chars(&mut out, &Path::ROOT, "remark", &"破".repeat(41), 40);
        assert_eq!(
            out.into_result(false).unwrap_err().to_string(),
            "remark: 41 characters, at most 40"
        );
    }

    #[test]
    fn digits_and_bounds() {
        let mut out = Violations::default();
        digits(&mut out, &Path::ROOT, "num", 99_999_999_999i64, 11);
        digits(&mut out, &Path::ROOT, "num", -5i32, 1);
        assert!(out.is_empty());
        digits(&mut out, &Path::ROOT, "num", 100_000_000_000i64, 11);
        min(&mut out, &Path::ROOT, "num", 0, 1);
        max(&mut out, &Path::ROOT, "num", 5, 4);
        let messages: Vec<String> = out
            .into_result(false)
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
        time_span(
            &mut out,
            &params,
            "end_time",
            "start_time",
            start,
            end,
            Some((3600, "1h")),
        );
        assert!(out.is_empty(), "exactly the maximum is allowed");
        let late = t("2026-11-23 11:00:01");
        time_span(
            &mut out,
            &params,
            "end_time",
            "start_time",
            start,
            late,
            Some((3600, "1h")),
        );
        time_span(
            &mut out,
            &params,
            "end_time",
            "start_time",
            end,
            start,
            Some((3600, "1h")),
        );
        assert_eq!(
            out.into_result(false).unwrap_err().to_string(),
            "params.end_time: 1h00m01s after start_time, at most 1h; params.end_time: before start_time"
        );
    }

    #[test]
    fn day_spans_count_calendar_days() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let mut out = Violations::default();
        let thirty_days = Some((30 * 86_400, "30d"));
        let (start, last_second) = (t("2023-01-01 00:00:00"), t("2023-01-31 23:59:59"));
        time_span(
            &mut out,
            &Path::ROOT,
            "end_time",
            "start_time",
            start,
            last_second,
            thirty_days,
        );
        assert!(
            out.is_empty(),
            "the 30th day after is included to its last second"
        );
        let next_day = t("2023-02-01 00:00:00");
        time_span(
            &mut out,
            &Path::ROOT,
            "end_time",
            "start_time",
            start,
            next_day,
            thirty_days,
        );
        let hour = Some((3600, "1h"));
        let (a, b) = (t("2023-01-01 23:30:00"), t("2023-01-02 00:30:01"));
        time_span(&mut out, &Path::ROOT, "end_time", "start_time", a, b, hour);
        time_span(&mut out, &Path::ROOT, "end_time", "start_time", a, b, None);
        assert_eq!(
            out.into_result(false).unwrap_err().to_string(),
            "end_time: 744h00m after start_time, at most 30d; end_time: 1h00m01s after start_time, at most 1h"
        );
    }

    #[test]
    fn count_equals_ignores_blank_items() {
        let mut out = Violations::default();
        let at = Path::ROOT;
        count_equals(
            &mut out,
            &at,
            "sn_list",
            count_items("a,b,", ","),
            "num",
            2,
            "",
        );
        assert!(out.is_empty());
        count_equals(&mut out, &at, "sn_list", 0, "num", 2, "rule");
        assert_eq!(
            out.into_result(false).unwrap_err().to_string(),
            "sn_list: 0 items, but num is 2 (rule)"
        );
    }
}
