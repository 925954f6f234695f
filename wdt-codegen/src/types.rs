//! Spec types as Rust types, and how each field is (de)serialised.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use wdt_spec::model::{Field, Type};

use crate::Context;

/// The Rust type of a spec type. `scope` prefixes struct and enum names (for call stubs,
/// which live outside the endpoint's module).
pub fn rust(cx: &Context, ty: &Type, scope: &TokenStream) -> TokenStream {
    let rt = &cx.rt;
    match ty {
        Type::String => quote!(String),
        Type::Int => quote!(i32),
        Type::Long => quote!(i64),
        Type::Decimal => quote!(#rt::Decimal),
        Type::Bool => quote!(bool),
        Type::DateTime => quote!(#rt::NaiveDateTime),
        Type::Date => quote!(#rt::NaiveDate),
        Type::Any => quote!(#rt::JsonValue),
        Type::List(inner) => {
            let inner = rust(cx, inner, scope);
            quote!(Vec<#inner>)
        }
        Type::Map(inner) => {
            let inner = rust(cx, inner, scope);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        Type::Json(inner) => rust(cx, inner, scope),
        Type::Struct(name) | Type::Enum(name) => {
            let ident = format_ident!("{}", name);
            quote!(#scope #ident)
        }
    }
}

/// The field's type as declared: optional fields are `Option`s.
pub fn field(cx: &Context, field: &Field, scope: &TokenStream) -> TokenStream {
    let ty = rust(cx, &field.ty, scope);
    if field.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

/// A short human description of a spec type for rustdoc: `list of OrderDetail`.
pub fn describe(ty: &Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Int => "int (i32)".into(),
        Type::Long => "long (i64)".into(),
        Type::Decimal => "decimal".into(),
        Type::Bool => "bool".into(),
        Type::DateTime => "datetime `yyyy-MM-dd HH:mm:ss`".into(),
        Type::Date => "date `yyyy-MM-dd`".into(),
        Type::Any => "any JSON value".into(),
        Type::List(inner) => format!("list of {}", describe(inner)),
        Type::Map(inner) => format!("map of string to {}", describe(inner)),
        Type::Json(inner) => format!("{}, sent as JSON text in a string", describe(inner)),
        Type::Struct(name) | Type::Enum(name) => format!("[`{name}`]"),
    }
}

/// Whether checking the value means calling `Validate` on it (it holds a struct or enum).
pub fn holds_named(ty: &Type) -> bool {
    ty.named().is_some() && !matches!(ty, Type::Json(_))
}
