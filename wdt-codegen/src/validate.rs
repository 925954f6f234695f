//! `Validate` impls: one runtime check call per spec rule, in field order, then the
//! struct's rules, then (for a request) its time windows.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use wdt_spec::model::{
    Condition, Field, Number, Rule, Severity, Spec, Struct, TimeWindow, Type, WindowField,
    WireValue, values_text,
};

use crate::idents::{self, field as ident};
use crate::{Context, enums, types};

/// `impl Validate` for a request struct.
pub fn struct_impl(cx: &Context, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let name = idents::type_name(&s.name);
    let body = checks(cx, &s.fields, &s.rules, &[]);
    let wire_names = s.fields.iter().map(|f| &f.wire_name);
    quote! {
        impl #rt::Validate for #name {
            #[inline]
            fn validate_into(&self, at: &#rt::Path<'_>, out: &mut #rt::Violations) {
                #body
                #rt::check::extra_fields(out, at, &[#(#wire_names),*], &self.extra_fields);
            }
        }
    }
}

/// The body of a `validate_into`: the checks of the fields, rules and windows, or a
/// statement using both arguments when there is none.
pub fn fields_body(
    cx: &Context,
    fields: &[Field],
    rules: &[Rule],
    windows: &[TimeWindow],
) -> TokenStream {
    let body = checks(cx, fields, rules, windows);
    if body.is_empty() {
        quote!(let _ = (at, out);)
    } else {
        body
    }
}

/// The checks of fields reached through `self`, then the rules over them, then the time
/// windows of the request (`windows` is empty for anything but an endpoint's `Request`).
fn checks(cx: &Context, fields: &[Field], rules: &[Rule], windows: &[TimeWindow]) -> TokenStream {
    let checks = fields.iter().map(|f| field_checks(cx, f));
    let rules = rules.iter().map(|r| rule_check(cx, r));
    let windows = windows.iter().map(|w| window_check(cx, w));
    quote!(#(#checks)* #(#rules)* #(#windows)*)
}

/// Checks that run inside `begin_warnings`/`end_warnings` when the rule is uncertain.
fn with_severity(severity: Severity, checks: TokenStream) -> TokenStream {
    match severity {
        Severity::Error => checks,
        Severity::Warning => quote! {
            out.begin_warnings();
            #checks
            out.end_warnings();
        },
    }
}

/// The checks of one field's value, `value` bound to it (unwrapped when optional).
fn value_checks(cx: &Context, f: &Field) -> Vec<TokenStream> {
    let rt = &cx.rt;
    let wire = &f.wire_name;
    let mut checks = Vec::new();
    match &f.ty {
        Type::String => {
            if f.required && !f.allow_empty {
                checks.push(quote!(#rt::check::not_empty(out, at, #wire, value);));
            }
            if let Some(max) = f.max_len {
                let max = Literal::u32_unsuffixed(max);
                checks.push(quote!(#rt::check::max_chars(out, at, #wire, value, #max);));
            }
        }
        Type::Int | Type::Long | Type::Decimal => {
            // The 长度 of an int or long is the vendor's column width: documentation only.
            if let (Some(digits), Type::Decimal) = (f.digits, &f.ty) {
                let digits = Literal::u32_unsuffixed(digits);
                checks.push(quote!(#rt::check::digits(out, at, #wire, *value, #digits);));
            }
            if let Some(min) = &f.min {
                let min = number(cx, min, &f.ty);
                checks.push(quote!(#rt::check::min(out, at, #wire, *value, #min);));
            }
            if let Some(max) = &f.max {
                let max = number(cx, max, &f.ty);
                checks.push(quote!(#rt::check::max(out, at, #wire, *value, #max);));
            }
        }
        Type::List(item) => {
            if let Some(min) = f.min_items {
                let min = Literal::u32_unsuffixed(min);
                checks.push(quote!(#rt::check::min_items(out, at, #wire, value.len(), #min);));
            }
            if let Some(max) = f.max_items {
                let max = Literal::u32_unsuffixed(max);
                checks.push(quote!(#rt::check::max_items(out, at, #wire, value.len(), #max);));
            }
            if let (Some(max), Type::String) = (f.max_len, item.as_ref()) {
                let max = Literal::u32_unsuffixed(max);
                checks.push(quote!(#rt::check::each_max_chars(out, at, #wire, value, #max);));
            }
            if let (Some(max), Some(separator)) = (f.max_joined_len, &f.separator) {
                let max = Literal::u32_unsuffixed(max);
                checks.push(
                    quote!(#rt::check::max_joined_chars(out, at, #wire, value, #separator, #max);),
                );
            }
        }
        _ => {}
    }
    checks
}

fn field_checks(cx: &Context, f: &Field) -> TokenStream {
    let rt = &cx.rt;
    let ident = ident(f);
    let wire = &f.wire_name;
    let value_checks = value_checks(cx, f);
    let own =
        (!value_checks.is_empty()).then(|| with_severity(f.severity, quote!(#(#value_checks)*)));
    // Structs and enum values check themselves, at their own path.
    let nested = types::holds_named(&f.ty)
        .then(|| quote!(#rt::Validate::validate_into(value, &at.field(#wire), out);));
    let presence = f.required_when.as_ref().map(|cond| {
        let holds = condition(cond);
        let text = format!("{} is {}", cond.field.wire_name, values_text(&cond.values));
        quote! {
            #rt::check::required_when(out, at, #wire, self.#ident.is_some(), #holds, #text);
        }
    });
    let checks = match (own, nested) {
        (None, None) => return quote!(#presence),
        (None, Some(_)) if f.required => {
            return quote! {
                #rt::Validate::validate_into(&self.#ident, &at.field(#wire), out);
                #presence
            };
        }
        (own, nested) => quote!(#own #nested),
    };
    if f.required {
        // Each field binds its own `value`, shadowing the previous one.
        quote! {
            let value = &self.#ident;
            #checks
            #presence
        }
    } else {
        quote! {
            if let Some(value) = &self.#ident {
                #checks
            }
            #presence
        }
    }
}

fn rule_check(cx: &Context, rule: &Rule) -> TokenStream {
    let rt = &cx.rt;
    match rule {
        Rule::CountEquals {
            list,
            separator,
            count,
            when,
            description,
            severity,
        } => {
            let list_ident = ident(list);
            let wire = &list.wire_name;
            // A separated list is already split; a plain string is split here.
            let items = match (list.separator.is_some(), list.required) {
                (true, true) => quote!(Some(self.#list_ident.len())),
                (true, false) => quote!(self.#list_ident.as_ref().map(Vec::len)),
                (false, true) => {
                    quote!(Some(#rt::check::count_items(self.#list_ident.as_str(), #separator)))
                }
                (false, false) => quote! {
                    self.#list_ident.as_deref().map(|text| #rt::check::count_items(text, #separator))
                },
            };
            let count_ident = ident(count);
            let count_value = if count.required {
                quote!(Some(self.#count_ident))
            } else {
                quote!(self.#count_ident)
            };
            let holds = when.as_ref().map_or_else(|| quote!(true), condition);
            let rule_text = description.clone().unwrap_or_default();
            let count_name = &count.wire_name;
            with_severity(
                *severity,
                quote! {
                    if let (true, Some(expected)) = (#holds, #count_value) {
                        #rt::check::count_equals(out, at, #wire, #items.unwrap_or(0), #count_name, expected, #rule_text);
                    }
                },
            )
        }
        Rule::OneOf {
            groups,
            description: _,
            severity,
        } => {
            let any = groups.iter().map(|group| {
                let all = group.iter().map(|f| given(cx, f));
                quote!((#(#all)&&*))
            });
            let text = groups
                .iter()
                .map(|group| {
                    group
                        .iter()
                        .map(|f| f.wire_name.as_str())
                        .collect::<Vec<_>>()
                        .join(" and ")
                })
                .collect::<Vec<_>>()
                .join(", or ");
            with_severity(
                *severity,
                quote!(#rt::check::one_of(out, at, #(#any)||*, #text);),
            )
        }
    }
}

/// An expression that is true when the optional field `f` of `self` is given.
fn given(cx: &Context, f: &Field) -> TokenStream {
    let rt = &cx.rt;
    let ident = ident(f);
    match &f.ty {
        Type::String | Type::List(_) => quote!(#rt::check::Given::given(&self.#ident)),
        _ => quote!(self.#ident.is_some()),
    }
}

/// An expression that is true when `cond` holds for `self`.
pub fn condition(cond: &Condition) -> TokenStream {
    let ident = ident(&cond.field);
    has_value(quote!(self.#ident), &cond.field, &cond.values)
}

/// An expression that is true when the field `field`, reached as `access`, has one of
/// `values`.
fn has_value(access: TokenStream, field: &Field, values: &[WireValue]) -> TokenStream {
    let wire_value = match (&field.ty, field.required) {
        (Type::Enum(_) | Type::Code(_), true) => quote!(Some(#access.wire())),
        (Type::Enum(_) | Type::Code(_), false) => {
            quote!(#access.as_ref().map(|value| value.wire()))
        }
        (Type::String, true) => quote!(Some(#access.as_str())),
        (Type::String, false) => quote!(#access.as_deref()),
        (_, true) => quote!(Some(#access)),
        (_, false) => quote!(#access),
    };
    let patterns = values.iter().map(enums::wire_literal);
    quote!(matches!(#wire_value, Some(#(#patterns)|*)))
}

/// `self.params.start_time`: where a window field sits in the `Request`.
pub fn access(w: &WindowField) -> TokenStream {
    let arg = ident(&w.arg);
    match &w.field {
        Some(field) => {
            let field = ident(field);
            quote!(self.#arg.#field)
        }
        None => quote!(self.#arg),
    }
}

/// The span check of one `[[time_window]]`, at the request level: when both ends are
/// given, the end is not before the start and at most the span that applies after it.
fn window_check(cx: &Context, w: &TimeWindow) -> TokenStream {
    let rt = &cx.rt;
    let at = match &w.end.field {
        Some(_) => {
            let arg = &w.end.path.arg;
            quote!(&at.field(#arg))
        }
        None => quote!(at),
    };
    let end_name = &w.end.target().wire_name;
    let start_name = &w.start.target().wire_name;
    let instant = |end: &WindowField| {
        let access = access(end);
        quote!(#rt::Instant::instant(&#access))
    };
    let (start, end) = (instant(&w.start), instant(&w.end));
    let optional = |end: &WindowField, instant: &TokenStream| {
        let access = access(end);
        if end.target().required {
            quote!(Some(#instant))
        } else {
            quote!(#access.as_ref().map(#rt::Instant::instant))
        }
    };
    let default = span_limit(Some(w.max_span), &w.max_span_text);
    let limit = w.span_when.iter().rev().fold(default, |otherwise, s| {
        let value = access(&s.field);
        let holds = if s.values.is_empty() {
            let target = s.field.target();
            match (&target.ty, target.required) {
                (_, true) => quote!(true),
                (Type::String | Type::List(_), false) => quote!(#rt::check::Given::given(&#value)),
                (_, false) => quote!(#value.is_some()),
            }
        } else {
            has_value(value, s.field.target(), &s.values)
        };
        let this = span_limit(s.max_span, &s.max_span_text);
        quote!(if #holds { #this } else { #otherwise })
    });
    let check = if w.start.target().required && w.end.target().required {
        quote!(#rt::check::time_span(out, #at, #end_name, #start_name, #start, #end, #limit);)
    } else {
        let (start, end) = (optional(&w.start, &start), optional(&w.end, &end));
        quote! {
            if let (Some(start), Some(end)) = (#start, #end) {
                #rt::check::time_span(out, #at, #end_name, #start_name, start, end, #limit);
            }
        }
    };
    with_severity(w.severity, check)
}

/// `Some((seconds, "1h"))`, or `None` for no limit.
fn span_limit(span: Option<std::time::Duration>, text: &str) -> TokenStream {
    match span {
        Some(span) => {
            let secs = Literal::i64_unsuffixed(span.as_secs() as i64);
            quote!(Some((#secs, #text)))
        }
        None => quote!(None),
    }
}

/// The request's own checks: its arguments, then every time window of the spec.
pub fn request_body(cx: &Context, spec: &Spec) -> TokenStream {
    fields_body(cx, &spec.args, &[], &spec.time_windows)
}

/// A range bound as a value of the field's type.
fn number(cx: &Context, n: &Number, ty: &Type) -> TokenStream {
    let rt = &cx.rt;
    match (ty, n) {
        (Type::Decimal, Number::Int(i)) => {
            let lit = Literal::i64_suffixed(*i);
            quote!(#rt::Decimal::new(#lit, 0))
        }
        (Type::Decimal, Number::Float(f)) => {
            let (mantissa, scale) = decimal_parts(*f);
            let mantissa = Literal::i64_suffixed(mantissa);
            quote!(#rt::Decimal::new(#mantissa, #scale))
        }
        (Type::Int, Number::Int(i)) => {
            let lit = Literal::i32_suffixed(*i as i32);
            quote!(#lit)
        }
        (_, Number::Int(i)) => {
            let lit = Literal::i64_suffixed(*i);
            quote!(#lit)
        }
        (_, Number::Float(f)) => {
            let lit = Literal::i64_suffixed(*f as i64);
            quote!(#lit)
        }
    }
}

/// `0.01` → `(1, 2)`: the mantissa and scale of the shortest text of `f`.
fn decimal_parts(f: f64) -> (i64, u32) {
    let text = f.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = format!("{whole}{fraction}");
    (digits.parse().unwrap_or(0), fraction.len() as u32)
}

/// A range bound as written, for rustdoc.
pub fn number_text(n: &Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        Number::Float(f) => f.to_string(),
    }
}
