//! `[[time_window]]`: the longest span between two datetime (or date) fields, possibly
//! depending on another field (`span_when`).

use std::time::Duration;

use toml::Spanned;

use super::Ctxt;
use crate::file::{SpanWhenTable, TimeWindowTable};
use crate::model::{
    Enum, Field, FieldPath, SpanWhen, Struct, TimeWindow, Type, WindowEnds, WindowField,
};

const DAY_SECS: u64 = 86_400;

impl Ctxt<'_> {
    pub(super) fn time_window(
        &mut self,
        table: &Spanned<TimeWindowTable>,
        args: &[Field],
        structs: &[Struct],
        enums: &[Enum],
    ) -> Option<TimeWindow> {
        let w = table.get_ref();
        let start = self.window_field("time_window: start", &w.start, args, structs);
        let end = self.window_field("time_window: end", &w.end, args, structs);
        let max_span = self.span(&w.max_span);
        let ends = match w.ends.as_ref().map(|e| e.get_ref().as_str()) {
            None | Some("inclusive") => Some(WindowEnds::Inclusive),
            Some("half_open") => Some(WindowEnds::HalfOpen),
            Some(other) => {
                self.error(
                    w.ends.as_ref().map_or(table.span(), Spanned::span),
                    format!("time_window: ends '{other}' (expected 'inclusive' or 'half_open')"),
                );
                None
            }
        };
        let severity = self.severity("time_window", w.severity.as_ref());
        let span_when: Vec<Option<SpanWhen>> = w
            .span_when
            .iter()
            .map(|s| self.span_when(s, args, structs, enums))
            .collect();
        let (start, end) = (start?, end?);
        let mut ty = None;
        let mut not_time = false;
        for (which, end_field, path) in [("start", &start, &w.start), ("end", &end, &w.end)] {
            let target = end_field.target();
            if !target.ty.is_time() {
                self.error(
                    path.span(),
                    format!(
                        "time_window: {which} '{}' must be a datetime or date field, not {}",
                        path.get_ref(),
                        target.ty
                    ),
                );
                not_time = true;
                continue;
            }
            match &ty {
                None => ty = Some(target.ty.clone()),
                Some(first) if *first != target.ty => {
                    self.error(
                        w.end.span(),
                        "time_window: start and end have different types",
                    );
                }
                Some(_) => {}
            }
        }
        if not_time {
            return None;
        }
        let ty = ty?;
        let max_span = max_span?;
        let span_when: Vec<SpanWhen> = span_when.into_iter().collect::<Option<_>>()?;
        if ty == Type::Date {
            let spans = std::iter::once((&w.max_span, max_span)).chain(
                w.span_when
                    .iter()
                    .zip(&span_when)
                    .filter_map(|(t, s)| Some((&t.get_ref().max_span, s.max_span?))),
            );
            for (text, span) in spans {
                if span.as_secs() % DAY_SECS != 0 {
                    self.error(
                        text.span(),
                        format!(
                            "time_window: a window of dates spans whole days, not '{}'",
                            text.get_ref()
                        ),
                    );
                }
            }
        }
        Some(TimeWindow {
            start,
            end,
            ty,
            max_span,
            max_span_text: w.max_span.get_ref().clone(),
            ends: ends?,
            span_when,
            severity,
        })
    }

    fn span(&mut self, text: &Spanned<String>) -> Option<Duration> {
        let span = parse_span(text.get_ref());
        if span.is_none() {
            self.error(
                text.span(),
                format!(
                    "time_window: max_span '{}' is not a span such as '60m', '1h', '1d' or '30d' (span_when may also say 'none')",
                    text.get_ref()
                ),
            );
        }
        span
    }

    fn span_when(
        &mut self,
        table: &Spanned<SpanWhenTable>,
        args: &[Field],
        structs: &[Struct],
        enums: &[Enum],
    ) -> Option<SpanWhen> {
        let s = table.get_ref();
        let field = self.window_field("time_window: span_when", &s.field, args, structs);
        let max_span = match s.max_span.get_ref().as_str() {
            "none" => Some(None),
            _ => self.span(&s.max_span).map(Some),
        };
        let field = field?;
        for value in &s.is {
            if !self.possible_value(&field.target().ty, value.get_ref(), enums) {
                self.error(
                    value.span(),
                    format!(
                        "time_window: span_when value {} is not a possible value of '{}'",
                        value.get_ref(),
                        s.field.get_ref()
                    ),
                );
            }
        }
        Some(SpanWhen {
            field,
            values: s.is.iter().map(|v| v.get_ref().clone()).collect(),
            max_span: max_span?,
            max_span_text: s.max_span.get_ref().clone(),
        })
    }

    /// Resolves `arg` or `arg.field`; the argument must be required (a window or condition
    /// inside an absent argument could never be checked).
    fn window_field(
        &mut self,
        who: &str,
        path: &Spanned<String>,
        args: &[Field],
        structs: &[Struct],
    ) -> Option<WindowField> {
        let text = path.get_ref();
        let (arg_name, field_name) = match text.split_once('.') {
            Some((a, f)) => (a, Some(f)),
            None => (text.as_str(), None),
        };
        let Some(arg) = args.iter().find(|a| a.wire_name == arg_name) else {
            self.error(
                path.span(),
                format!("{who} '{text}' names missing argument '{arg_name}'"),
            );
            return None;
        };
        let field = match (field_name, &arg.ty) {
            (None, _) => None,
            (Some(f), Type::Struct(s)) => {
                match structs
                    .iter()
                    .find(|st| st.name == *s)
                    .and_then(|st| st.fields.iter().find(|x| x.wire_name == f))
                {
                    Some(field) => Some(field.clone()),
                    None => {
                        self.error(
                            path.span(),
                            format!("{who} '{text}' names missing field '{f}'"),
                        );
                        return None;
                    }
                }
            }
            (Some(_), _) => {
                self.error(
                    path.span(),
                    format!("{who} '{text}': argument '{arg_name}' is not a struct"),
                );
                return None;
            }
        };
        if field.is_some() && !arg.required {
            self.error(
                path.span(),
                format!("{who} '{text}': argument '{arg_name}' must be required"),
            );
            return None;
        }
        Some(WindowField {
            path: FieldPath {
                arg: arg_name.to_owned(),
                field: field_name.map(str::to_owned),
            },
            arg: arg.clone(),
            field,
        })
    }
}

/// Parses `90s`, `60m`, `1h`, `1d`: the spans vendor pages state.
pub fn parse_span(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (amount, unit) = text.split_at(split);
    let amount: u64 = amount.parse().ok().filter(|n| *n > 0)?;
    let seconds = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => return None,
    };
    Some(Duration::from_secs(amount.checked_mul(seconds)?))
}
