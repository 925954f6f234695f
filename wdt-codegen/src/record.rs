//! `Serialize` and `Deserialize` of a generated struct, through the runtime's one writer and
//! one reader (`wire::record`): per field, one line that writes it and one that reads it,
//! instead of serde's derived visitors and wrapper types (docs/design/0011-compile-time.md).

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use wdt_spec::model::{Field, Role, Struct, Type};

use crate::Context;
use crate::idents::{self, field as ident};
use crate::types::{self, Scope};

/// Both impls of one struct.
pub fn expand(cx: &Context, scope: &Scope, s: &Struct) -> TokenStream {
    let writer = writer(cx, s);
    let reader = reader(cx, scope, s);
    quote!(#writer #reader)
}

/// `Serialize`: the fields that are set, each in its wire form; a request object's extra
/// fields after them.
fn writer(cx: &Context, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let name = idents::type_name(&s.name);
    let name_text = name.to_string();
    let writes = s.fields.iter().map(|f| {
        let ident = ident(f);
        let wire = &f.wire_name;
        let optional = types::optional(f, s.role);
        match (wire_form(cx, f), optional) {
            (None, true) => quote!(out.optional(#wire, &self.#ident)?;),
            (None, false) => quote!(out.field(#wire, &self.#ident)?;),
            (Some(value), true) => quote! {
                if let Some(value) = &self.#ident {
                    out.field(#wire, #value)?;
                }
            },
            (Some(value), false) => quote! {
                let value = &self.#ident;
                out.field(#wire, #value)?;
            },
        }
    });
    let (begin, end) = if s.role == Role::Request {
        (
            quote!(#rt::wire::record::Writer::begin_map(serializer)?),
            quote!(out.end(Some(&self.extra_fields))),
        )
    } else {
        let always = Literal::usize_unsuffixed(
            s.fields
                .iter()
                .filter(|f| !types::optional(f, s.role))
                .count(),
        );
        let optional = s
            .fields
            .iter()
            .filter(|f| types::optional(f, s.role))
            .map(|f| {
                let ident = ident(f);
                quote!(+ usize::from(self.#ident.is_some()))
            });
        (
            quote! {
                #rt::wire::record::Writer::begin_struct(serializer, #name_text, #always #(#optional)*)?
            },
            quote!(out.end(None)),
        )
    };
    quote! {
        impl #rt::serde::Serialize for #name {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut out = #begin;
                #(#writes)*
                #end
            }
        }
    }
}

/// How `value` (a reference to the field's value, `Some` unwrapped) is written, unless it
/// is written as it is (`None`).
fn wire_form(cx: &Context, f: &Field) -> Option<TokenStream> {
    let rt = &cx.rt;
    if let Some(separator) = &f.separator {
        let sep = separator.chars().next().unwrap_or(',');
        Some(quote!(&#rt::wire::separated::AsJoined::<#sep, _>(&value[..])))
    } else if let Some(item) = &f.xml_item {
        Some(quote!(&#rt::wire::xml_list::AsItems(&value[..], #item)))
    } else if matches!(f.ty, Type::Json(_)) {
        Some(quote!(&#rt::wire::json_text::AsText(value)))
    } else if serializes_plainly(&f.ty) {
        None
    } else {
        Some(quote!(&#rt::AsWire(value)))
    }
}

/// Whether the wire form of a value is what serde writes for its Rust type anyway (strings,
/// numbers, booleans, generated types, and lists and maps of them), unlike decimals and dates.
fn serializes_plainly(ty: &Type) -> bool {
    match ty {
        Type::String
        | Type::Int
        | Type::Long
        | Type::Bool
        | Type::Any
        | Type::Struct(_)
        | Type::Enum(_)
        | Type::Code(_) => true,
        Type::Decimal | Type::DateTime | Type::Date | Type::Json(_) => false,
        Type::List(item) | Type::Map(item) => serializes_plainly(item),
    }
}

/// `Deserialize` through the runtime's one struct reader (`wire::record`): the wire names,
/// and how each value is read. Every value is read leniently (`Wire`), or by the field's own
/// reader (separated lists, Qimen lists, JSON in a string). A reply, every field of which
/// has a default, is read into itself (`ReplyFields`); a request into slots that hold its
/// required fields until all keys are read (`Fields`).
fn reader(cx: &Context, scope: &Scope, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let name = idents::type_name(&s.name);
    let name_text = name.to_string();
    let wire_names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let puts = s.fields.iter().enumerate().map(|(i, f)| {
        let i = Literal::usize_unsuffixed(i);
        let ident = ident(f);
        let optional = types::optional(f, s.role);
        let (put, put_seed) = if s.role == Role::Request && !optional {
            (quote!(put_required), quote!(put_seed_required))
        } else {
            (quote!(put), quote!(put_seed))
        };
        let seed = if let Some(separator) = &f.separator {
            let sep = separator.chars().next().unwrap_or(',');
            Some(if optional {
                quote!(#rt::wire::separated::joined_opt::<#sep, _>())
            } else {
                quote!(#rt::wire::separated::joined::<#sep, _>())
            })
        } else if let Some(item) = &f.xml_item {
            Some(if optional {
                quote!(#rt::wire::xml_list::items_opt(&[#item]))
            } else {
                quote!(#rt::wire::xml_list::items(&[#item]))
            })
        } else if matches!(f.ty, Type::Json(_)) {
            Some(quote!(#rt::wire::json_text::document()))
        } else {
            None
        };
        match seed {
            Some(seed) => quote!(#i => #rt::wire::record::#put_seed(map, &mut self.#ident, #seed)),
            None => quote!(#i => #rt::wire::record::#put(map, &mut self.#ident)),
        }
    });
    let field = quote! {
        fn field<A: #rt::serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
            match index {
                #(#puts,)*
                _ => Ok(()),
            }
        }
    };
    if s.role == Role::Response {
        return quote! {
            impl<'de> #rt::wire::record::ReplyFields<'de> for #name {
                const NAME: &'static str = #name_text;
                const FIELDS: &'static [&'static str] = &[#(#wire_names),*];
                #field
            }

            impl<'de> #rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #rt::wire::record::reply(deserializer)
                }
            }
        };
    }
    // A request: slots for its required fields, the others read as they are.
    let idents: Vec<_> = s.fields.iter().map(ident).collect();
    let slots = s.fields.iter().map(|f| {
        let ident = ident(f);
        let ty = types::field(cx, f, s.role, scope);
        if f.required {
            quote!(#ident: Option<#ty>)
        } else {
            quote!(#ident: #ty)
        }
    });
    let finish = s.fields.iter().map(|f| {
        let ident = ident(f);
        let wire = &f.wire_name;
        if f.required {
            quote!(#ident: #rt::wire::record::required(self.#ident, #wire)?)
        } else {
            quote!(#ident: self.#ident)
        }
    });
    quote! {
        const _: () = {
            struct Slots { #(#slots,)* extra_fields: #rt::ExtraFields }

            impl<'de> #rt::wire::record::Fields<'de> for Slots {
                type Record = #name;
                const NAME: &'static str = #name_text;
                const FIELDS: &'static [&'static str] = &[#(#wire_names),*];
                const KEEPS_OTHERS: bool = true;

                #[inline]
                fn empty() -> Self {
                    Slots { #(#idents: None,)* extra_fields: #rt::ExtraFields::new() }
                }

                #field

                #[inline]
                fn other(&mut self, key: String, value: #rt::JsonValue) {
                    self.extra_fields.insert_received(key, value);
                }

                fn finish<E: #rt::serde::de::Error>(self) -> Result<#name, E> {
                    Ok(#name { #(#finish,)* extra_fields: self.extra_fields })
                }
            }

            impl<'de> #rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #rt::wire::record::deserialize::<Slots, D>(deserializer)
                }
            }
        };
    }
}
