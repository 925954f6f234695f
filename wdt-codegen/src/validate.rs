//! `Validate` impls: one runtime check call per spec rule, in field order.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use wdt_spec::model::{Condition, Field, Number, Rule, Struct, Type, WireValue};

use crate::structs::ident;
use crate::{Context, enums, types};

/// `impl Validate` for a request struct.
pub fn struct_impl(cx: &Context, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let name = quote::format_ident!("{}", s.name);
    let body = fields_body(cx, &s.fields, &s.rules);
    quote! {
        impl #rt::Validate for #name {
            fn validate_into(&self, at: &#rt::Path<'_>, out: &mut #rt::Violations) {
                #body
            }
        }
    }
}

/// The checks of a list of fields reached through `self`, then the rules over them.
pub fn fields_body(cx: &Context, fields: &[Field], rules: &[Rule]) -> TokenStream {
    let checks = fields.iter().map(|f| field_checks(cx, f, fields));
    let rules = rules.iter().map(|r| rule_check(cx, r, fields));
    let body = quote!(#(#checks)* #(#rules)*);
    if body.is_empty() {
        quote!(let _ = (at, out);)
    } else {
        body
    }
}

fn field_checks(cx: &Context, f: &Field, siblings: &[Field]) -> TokenStream {
    let rt = &cx.rt;
    let ident = ident(f);
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
            if let Some(digits) = f.digits {
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
        ty if types::holds_named(ty) => {
            checks.push(quote!(#rt::Validate::validate_into(value, &at.field(#wire), out);));
        }
        _ => {}
    }
    let presence = if let Some(cond) = &f.required_when {
        let holds = condition(cond, siblings);
        let text = condition_text(cond);
        quote! {
            #rt::check::required_when(out, at, #wire, self.#ident.is_some(), #holds, #text);
        }
    } else {
        quote!()
    };
    if checks.is_empty() {
        return presence;
    }
    if f.required && types::holds_named(&f.ty) {
        return quote! {
            #rt::Validate::validate_into(&self.#ident, &at.field(#wire), out);
            #presence
        };
    }
    if f.required {
        quote! {
            let value = &self.#ident;
            #(#checks)*
            #presence
        }
    } else {
        quote! {
            if let Some(value) = &self.#ident {
                #(#checks)*
            }
            #presence
        }
    }
}

fn rule_check(cx: &Context, rule: &Rule, fields: &[Field]) -> TokenStream {
    let rt = &cx.rt;
    match rule {
        Rule::CountEquals {
            list,
            separator,
            count,
            when,
            description,
        } => {
            let field = |name: &str| fields.iter().find(|f| f.wire_name == name);
            let (Some(list_field), Some(count_field)) = (field(list), field(count)) else {
                return quote!();
            };
            let list_ident = ident(list_field);
            let count_ident = ident(count_field);
            let list_value = if list_field.required {
                quote!(Some(self.#list_ident.as_str()))
            } else {
                quote!(self.#list_ident.as_deref())
            };
            let count_value = if count_field.required {
                quote!(Some(self.#count_ident))
            } else {
                quote!(self.#count_ident)
            };
            let holds = when
                .as_ref()
                .map_or_else(|| quote!(true), |c| condition(c, fields));
            let rule_text = description.clone().unwrap_or_default();
            let count_name = &count_field.wire_name;
            quote! {
                if let (true, Some(expected)) = (#holds, #count_value) {
                    #rt::check::count_equals(out, at, #list, #list_value, #separator, #count_name, i64::from(expected), #rule_text);
                }
            }
        }
    }
}

/// An expression that is true when `cond` holds for `self`.
pub fn condition(cond: &Condition, siblings: &[Field]) -> TokenStream {
    let Some(field) = siblings.iter().find(|f| f.wire_name == cond.field) else {
        return quote!(false);
    };
    let ident = ident(field);
    let wire_value = match (&field.ty, field.required) {
        (Type::Enum(_), true) => quote!(Some(self.#ident.wire())),
        (Type::Enum(_), false) => quote!(self.#ident.as_ref().map(|value| value.wire())),
        (Type::String, true) => quote!(Some(self.#ident.as_str())),
        (Type::String, false) => quote!(self.#ident.as_deref()),
        (_, true) => quote!(Some(self.#ident)),
        (_, false) => quote!(self.#ident),
    };
    let patterns = cond.values.iter().map(enums::wire_literal);
    quote!(matches!(#wire_value, Some(#(#patterns)|*)))
}

/// `src_order_type is 2 or 14`
pub fn condition_text(cond: &Condition) -> String {
    format!("{} is {}", cond.field, values_text(&cond.values))
}

/// `2 or 14`, `"JYCK" or "HHCK"`
pub fn values_text(values: &[WireValue]) -> String {
    let shown: Vec<String> = values
        .iter()
        .map(|v| match v {
            WireValue::Int(i) => i.to_string(),
            WireValue::Str(s) => format!("\"{s}\""),
        })
        .collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
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
