//! Identifiers of generated items: the leaf every generator names things through.

use proc_macro2::{Ident, Span};
use quote::format_ident;
use wdt_spec::model::{Field, Spec};
use wdt_spec::names;

/// An identifier, raw (`r#type`) when the name is escaped that way.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// A field's identifier.
pub fn field(f: &Field) -> Ident {
    ident(&f.rust_name)
}

/// The endpoint's module name (`create_order`).
pub fn endpoint_module_name(spec: &Spec) -> String {
    names::module_ident(spec.endpoint.operation())
}

/// The endpoint's module identifier.
pub fn endpoint_module(spec: &Spec) -> Ident {
    ident(&endpoint_module_name(spec))
}

/// The module of a method segment (`OuterOut` → `outer_out`).
pub fn group_module(segment: &str) -> Ident {
    ident(&names::module_ident(segment))
}

/// The accessor type of a method segment (`OuterOut` → `OuterOut`).
pub fn group_accessor(segment: &str) -> Ident {
    format_ident!("{}", names::type_ident(segment))
}

/// A struct or enum of a spec.
pub fn type_name(name: &str) -> Ident {
    format_ident!("{}", name)
}
