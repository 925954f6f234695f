//! Spec types as Rust types, and how each field is (de)serialised.

use proc_macro2::TokenStream;
use quote::quote;
use wdt_spec::model::{Field, Role, Spec, Type};

use crate::{Context, idents};

/// Where generated code names types from.
pub struct Scope {
    /// Prefix of the endpoint's own structs and enums (`create_order::` in call stubs).
    pub local: TokenStream,
    /// Path to the shared code tables (`super::super::codes::`).
    pub codes: TokenStream,
}

impl Scope {
    /// Inside the endpoint's module.
    pub fn module(spec: &Spec) -> Scope {
        Scope {
            local: quote!(),
            codes: codes_path(spec.endpoint.groups().count() + 1),
        }
    }

    /// Inside the module of the endpoint's group, where its call stub lives.
    pub fn stub(spec: &Spec) -> Scope {
        let module = idents::endpoint_module(spec);
        Scope {
            local: quote!(#module::),
            codes: codes_path(spec.endpoint.groups().count()),
        }
    }
}

/// `super::` `depth` times, then `codes::`: the code tables sit beside the top-level areas.
fn codes_path(depth: usize) -> TokenStream {
    let supers = (0..depth).map(|_| quote!(super::));
    quote!(#(#supers)* codes::)
}

/// The Rust type of a spec type, named from `scope`.
pub fn rust(cx: &Context, ty: &Type, scope: &Scope) -> TokenStream {
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
            let ident = idents::type_name(name);
            let local = &scope.local;
            quote!(#local #ident)
        }
        Type::Code(name) => {
            let ident = idents::type_name(name);
            let codes = &scope.codes;
            quote!(#codes #ident)
        }
    }
}

/// Whether a field is an `Option` in Rust: optional request fields, and every reply field
/// but lists and maps. Replies leave out fields the pages mark 必须 (see
/// docs/design/0002), so a reply's absent field is `None` (an absent list is empty).
pub fn optional(field: &Field, role: Role) -> bool {
    match role {
        Role::Request => !field.required,
        Role::Response => !is_collection(&field.ty),
    }
}

/// Lists and maps (also inside JSON text): absent reads as empty.
pub fn is_collection(ty: &Type) -> bool {
    match ty {
        Type::List(_) | Type::Map(_) => true,
        Type::Json(inner) => is_collection(inner),
        _ => false,
    }
}

/// The field's type as declared: optional fields are `Option`s.
pub fn field(cx: &Context, field: &Field, role: Role, scope: &Scope) -> TokenStream {
    let ty = rust(cx, &field.ty, scope);
    if optional(field, role) {
        quote!(Option<#ty>)
    } else {
        ty
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
        Type::Code(name) => format!("code table `codes::{name}`"),
    }
}

/// Whether checking the value means calling `Validate` on it (it holds a struct or enum).
pub fn holds_named(ty: &Type) -> bool {
    match ty {
        Type::Json(_) => false,
        Type::List(inner) | Type::Map(inner) => holds_named(inner),
        Type::Struct(_) | Type::Enum(_) | Type::Code(_) => true,
        _ => false,
    }
}
