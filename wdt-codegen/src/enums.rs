//! Enums: variants for the listed values, `Unknown` for values the vendor adds later.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use wdt_spec::model::{Enum, EnumRepr, WireValue};

use crate::{Context, docs};

pub fn expand(cx: &Context, e: &Enum) -> TokenStream {
    let rt = &cx.rt;
    let name = format_ident!("{}", e.name);
    let doc = docs::attrs(&enum_doc(e));
    let variants: Vec<_> = e
        .values
        .iter()
        .map(|v| format_ident!("{}", v.name))
        .collect();
    let variant_docs = e.values.iter().map(|v| {
        let label = v.label.as_deref().map(docs::text).unwrap_or_default();
        let note = v
            .note
            .as_deref()
            .map(|n| format!("\n\n{}", docs::text(n)))
            .unwrap_or_default();
        docs::attrs(&format!("`{}`: {label}{note}", show(&v.wire)))
    });
    let labels = e.values.iter().map(|v| match &v.label {
        Some(l) => quote!(Some(#l)),
        None => quote!(None),
    });
    let known = e
        .values
        .iter()
        .map(|v| match &v.label {
            Some(label) => format!("{} ({label})", show(&v.wire)),
            None => show(&v.wire),
        })
        .collect::<Vec<_>>()
        .join(", ");

    let (unknown_ty, derives, wire_ty, wire_of, from_match, serialize, deserialize, wire_text) =
        match e.repr {
            EnumRepr::Int => {
                let wires: Vec<_> = e.values.iter().map(|v| wire_literal(&v.wire)).collect();
                (
                    quote!(i64),
                    quote!(Debug, Clone, Copy, PartialEq, Eq, Hash),
                    quote!(i64),
                    quote! {
                        match *self {
                            #(Self::#variants => #wires,)*
                            Self::Unknown(wire) => wire,
                        }
                    },
                    quote! {
                        match wire {
                            #(#wires => Self::#variants,)*
                            other => Self::Unknown(other),
                        }
                    },
                    quote!(serializer.serialize_i64(self.wire())),
                    quote!(#rt::wire::enums::int(deserializer).map(Self::from_wire)),
                    quote!(self.wire().to_string()),
                )
            }
            EnumRepr::String => {
                let wires: Vec<_> = e.values.iter().map(|v| wire_literal(&v.wire)).collect();
                (
                    quote!(String),
                    quote!(Debug, Clone, PartialEq, Eq, Hash),
                    quote!(&str),
                    quote! {
                        match self {
                            #(Self::#variants => #wires,)*
                            Self::Unknown(wire) => wire,
                        }
                    },
                    quote! {
                        match wire {
                            #(#wires => Self::#variants,)*
                            other => Self::Unknown(other.to_owned()),
                        }
                    },
                    quote!(serializer.serialize_str(self.wire())),
                    quote!(#rt::wire::enums::text(deserializer).map(|wire| Self::from_wire(&wire))),
                    quote!(self.wire().to_owned()),
                )
            }
        };
    let all = quote!(&[#(Self::#variants),*]);
    quote! {
        #doc
        #[derive(#derives)]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this spec does not list (the vendor may add values later). Decoding
            /// keeps it; validation rejects it in a request.
            Unknown(#unknown_ty),
        }

        impl #name {
            /// Every value the spec lists.
            pub const ALL: &'static [Self] = #all;

            /// The value as it travels.
            #[inline]
            pub fn wire(&self) -> #wire_ty {
                #wire_of
            }

            /// The variant for a wire value; [`Self::Unknown`] when the spec does not list it.
            #[inline]
            pub fn from_wire(wire: #wire_ty) -> Self {
                #from_match
            }

            /// The doc page's label of the value.
            #[inline]
            pub fn label(&self) -> Option<&'static str> {
                match self {
                    #(Self::#variants => #labels,)*
                    Self::Unknown(_) => None,
                }
            }
        }

        impl #rt::serde::Serialize for #name {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #deserialize
            }
        }

        impl #rt::Record for #name {}

        impl #rt::KnownValues for #name {
            const KNOWN: &'static str = #known;

            #[inline]
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }

            #[inline]
            fn wire_text(&self) -> String {
                #wire_text
            }
        }

        impl #rt::Validate for #name {
            #[inline]
            fn validate_into(&self, at: &#rt::Path<'_>, out: &mut #rt::Violations) {
                #rt::check::known(out, at, self);
            }
        }
    }
}

fn enum_doc(e: &Enum) -> String {
    let mut doc = e
        .description
        .as_deref()
        .map(docs::text)
        .unwrap_or_else(|| e.name.clone());
    if let Some(source) = &e.source {
        doc.push_str(&format!("\n\nValues from <{source}>."));
    }
    doc.push_str("\n\n| wire value | variant | 说明 |\n| --- | --- | --- |\n");
    for v in &e.values {
        doc.push_str(&format!(
            "| `{}` | [`{}`](Self::{}) | {} |\n",
            show(&v.wire),
            v.name,
            v.name,
            v.label.as_deref().map(docs::cell).unwrap_or_default()
        ));
    }
    doc
}

/// The wire value as written in docs and messages.
pub fn show(wire: &WireValue) -> String {
    wire.text()
}

/// The wire value as a Rust literal (`14`, `"JYCK"`).
pub fn wire_literal(wire: &WireValue) -> TokenStream {
    match wire {
        WireValue::Int(i) => {
            let lit = Literal::i64_unsuffixed(*i);
            if *i < 0 {
                let abs = Literal::i64_unsuffixed(i.unsigned_abs() as i64);
                quote!(-#abs)
            } else {
                quote!(#lit)
            }
        }
        WireValue::Str(s) => quote!(#s),
        WireValue::Bool(b) => quote!(#b),
    }
}
