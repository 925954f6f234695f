//! Structs: one per table of the doc page, fields in the page's order.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use wdt_spec::model::{Field, Role, Severity, Struct, Type, values_text};

use crate::idents::{self, field as ident};
use crate::types::Scope;
use crate::{Context, docs, types, validate};

pub fn expand(cx: &Context, scope: &Scope, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let rt_path = &cx.rt_path;
    let name = idents::type_name(&s.name);
    let doc = docs::attrs(
        &s.description
            .as_deref()
            .map(docs::text)
            .unwrap_or_else(|| s.name.clone()),
    );
    let fields = s.fields.iter().map(|f| {
        let ident = ident(f);
        let ty = types::field(cx, f, s.role, scope);
        let doc = docs::attrs(&field_doc(f, s.role));
        let attrs = serde_attrs(cx, &s.name, f, s.role);
        quote! {
            #doc
            #attrs
            pub #ident: #ty
        }
    });
    let extra = (s.role == Role::Request).then(|| {
        quote! {
            /// Fields the doc page does not list, sent beside these as given; a request
            /// decoded from JSON keeps every key its spec lacks here. Each one is a
            /// validation warning, so a strict client refuses them.
            #[serde(flatten)]
            pub extra_fields: #rt::ExtraFields,
        }
    });
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    let debug = if sensitive { quote!() } else { quote!(Debug,) };
    // Every reply field is optional or a list, so a reply can start empty: what a server
    // handler building one needs (`..Default::default()`).
    let default = (s.role == Role::Response).then(|| quote!(Default,));
    let serde_crate = format!("{rt_path}::serde");
    let xml_helpers = xml_list_helpers(cx, scope, s);
    let reader = reader(cx, scope, s);
    let debug_impl = sensitive.then(|| redacted_debug(cx, s));
    let request_items = (s.role == Role::Request).then(|| {
        let validate = validate::struct_impl(cx, s);
        let new = constructor(cx, scope, s);
        quote!(#new #validate)
    });
    quote! {
        #doc
        #[derive(#debug Clone, #default PartialEq, #rt::serde::Serialize)]
        #[serde(crate = #serde_crate)]
        pub struct #name {
            #(#fields,)*
            #extra
        }

        impl #rt::Record for #name {}

        #request_items
        #reader
        #debug_impl
        #xml_helpers
    }
}

/// The field's `#[serde(...)]`: only writing goes through serde's derive; reading is
/// [`reader`]'s.
fn serde_attrs(cx: &Context, owner: &str, f: &Field, role: Role) -> TokenStream {
    let rt_path = &cx.rt_path;
    let mut parts = Vec::new();
    let bare = f.rust_name.strip_prefix("r#").unwrap_or(&f.rust_name);
    if bare != f.wire_name {
        let wire = &f.wire_name;
        parts.push(quote!(rename = #wire));
    }
    if types::optional(f, role) {
        parts.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let with = if let Some(separator) = &f.separator {
        let sep = separator.chars().next().unwrap_or(',');
        let suffix = if types::optional(f, role) { "_opt" } else { "" };
        Some(format!(
            "{rt_path}::wire::separated::serialize{suffix}::<{sep:?}, _, _>"
        ))
    } else if f.xml_item.is_some() {
        Some(xml_helper_name(owner, f).to_string())
    } else if matches!(f.ty, Type::Json(_)) {
        Some(format!("{rt_path}::wire::json_text::serialize"))
    } else if serializes_plainly(&f.ty) {
        None
    } else {
        Some(format!("{rt_path}::wire::serialize"))
    };
    if let Some(with) = with {
        parts.push(quote!(serialize_with = #with));
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// `Deserialize` through the runtime's one struct reader (`wire::record`): a slot per
/// field, the wire names, and how each value is read. Every value is read leniently
/// (`Wire`), or by the field's own reader (separated lists, Qimen lists, JSON in a string).
fn reader(cx: &Context, scope: &Scope, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let name = idents::type_name(&s.name);
    let name_text = name.to_string();
    let keeps_others = s.role == Role::Request;
    let idents: Vec<_> = s.fields.iter().map(ident).collect();
    let wire_names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let slots = s.fields.iter().map(|f| {
        let ident = ident(f);
        let ty = types::field(cx, f, s.role, scope);
        quote!(#ident: Option<#ty>)
    });
    let index = proc_macro2::Literal::usize_unsuffixed;
    let indices = wire_names.iter().enumerate().map(|(i, wire)| {
        let i = index(i);
        quote!(#wire => Some(#i))
    });
    let puts = s.fields.iter().enumerate().map(|(i, f)| {
        let i = index(i);
        let ident = ident(f);
        let wire = &f.wire_name;
        let optional = types::optional(f, s.role);
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
            Some(seed) => {
                quote!(#i => #rt::wire::record::put_seed(map, &mut self.#ident, #wire, #seed))
            }
            None => quote!(#i => #rt::wire::record::put(map, &mut self.#ident, #wire)),
        }
    });
    let finish = s.fields.iter().map(|f| {
        let ident = ident(f);
        let wire = &f.wire_name;
        // Optional fields and reply fields read as their default when missing.
        if types::optional(f, s.role) || s.role == Role::Response {
            quote!(#ident: self.#ident.unwrap_or_default())
        } else {
            quote!(#ident: #rt::wire::record::required(self.#ident, #wire)?)
        }
    });
    let (extra_slot, extra_empty, extra_other, extra_finish) = if keeps_others {
        (
            quote!(extra_fields: #rt::ExtraFields,),
            quote!(extra_fields: #rt::ExtraFields::new(),),
            quote! {
                #[inline]
                fn other(&mut self, key: String, value: #rt::JsonValue) {
                    self.extra_fields.insert_received(key, value);
                }
            },
            quote!(extra_fields: self.extra_fields,),
        )
    } else {
        (quote!(), quote!(), quote!(), quote!())
    };
    quote! {
        const _: () = {
            struct Slots {
                #(#slots,)*
                #extra_slot
            }

            impl<'de> #rt::wire::record::Fields<'de> for Slots {
                type Record = #name;
                const NAME: &'static str = #name_text;
                const FIELDS: &'static [&'static str] = &[#(#wire_names),*];
                const KEEPS_OTHERS: bool = #keeps_others;

                #[inline]
                fn empty() -> Self {
                    Slots { #(#idents: None,)* #extra_empty }
                }

                #[inline]
                fn index(key: &str) -> Option<usize> {
                    match key {
                        #(#indices,)*
                        _ => None,
                    }
                }

                fn field<A: #rt::serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                    match index {
                        #(#puts,)*
                        _ => Ok(()),
                    }
                }

                #extra_other

                fn finish<E: #rt::serde::de::Error>(self) -> Result<#name, E> {
                    Ok(#name { #(#finish,)* #extra_finish })
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

fn xml_helper_name(owner: &str, f: &Field) -> proc_macro2::Ident {
    format_ident!(
        "serialize_{}_{}_items",
        heck::ToSnakeCase::to_snake_case(owner),
        f.rust_name.trim_start_matches("r#")
    )
}

/// Qimen list fields travel as a wrapper element of item elements; serde's derive needs a
/// function per field to know the item name.
fn xml_list_helpers(cx: &Context, scope: &Scope, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let helpers = s.fields.iter().filter_map(|f| {
        let item = f.xml_item.as_ref()?;
        let ser = xml_helper_name(&s.name, f);
        let ty = types::field(cx, f, s.role, scope);
        let (allow, body) = if !types::optional(f, s.role) {
            (
                // serde's `serialize_with` hands over `&Vec<_>`, the field's own type.
                quote!(#[allow(clippy::ptr_arg)]),
                quote!(#rt::wire::xml_list::serialize(items, #item, serializer)),
            )
        } else {
            (
                quote!(),
                quote! {
                    match items {
                        Some(items) => #rt::wire::xml_list::serialize(items, #item, serializer),
                        None => serializer.serialize_none(),
                    }
                },
            )
        };
        Some(quote! {
            #allow
            fn #ser<S: #rt::serde::Serializer>(items: &#ty, serializer: S) -> Result<S::Ok, S::Error> {
                #body
            }
        })
    });
    quote!(#(#helpers)*)
}

/// `new(required…)`: the required fields as arguments, every optional field `None`.
fn constructor(cx: &Context, scope: &Scope, s: &Struct) -> TokenStream {
    let name = idents::type_name(&s.name);
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let ident = ident(f);
        if f.ty == Type::String {
            quote!(#ident: impl Into<String>)
        } else {
            let ty = types::rust(cx, &f.ty, scope);
            quote!(#ident: #ty)
        }
    });
    let inits = s.fields.iter().map(|f| {
        let ident = ident(f);
        match (f.required, &f.ty) {
            (true, Type::String) => quote!(#ident: #ident.into()),
            (true, _) => quote!(#ident),
            (false, _) => quote!(#ident: None),
        }
    });
    let rt = &cx.rt;
    let doc = if required.is_empty() {
        "Every field unset (`None`), no extra fields.".to_owned()
    } else {
        "The required fields; every optional field `None`, no extra fields.".to_owned()
    };
    let doc = docs::attrs(&doc);
    // One parameter per required field, however many the page has.
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #name {
            #doc
            #many
            #[inline]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* extra_fields: #rt::ExtraFields::new() }
            }
        }
    }
}

/// `Debug` that prints personal data as `<redacted>`.
fn redacted_debug(cx: &Context, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
    let name = idents::type_name(&s.name);
    let name_text = &s.name;
    let fields = s.fields.iter().map(|f| {
        let ident = ident(f);
        let text = f.rust_name.trim_start_matches("r#");
        if f.sensitive {
            quote!(.field(#text, &#rt::Redacted))
        } else {
            quote!(.field(#text, &self.#ident))
        }
    });
    let extra = (s.role == Role::Request)
        .then(|| quote!(.field("extra_fields", &self.extra_fields.redacted())));
    quote! {
        impl ::std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name_text)
                    #(#fields)*
                    #extra
                    .finish()
            }
        }
    }
}

/// Rustdoc of one field: the doc's label and description, then its facts.
pub fn field_doc(f: &Field, role: Role) -> String {
    let mut doc = String::new();
    match (&f.label, &f.description) {
        (Some(label), Some(desc)) if label.trim() == desc.trim() => {
            doc.push_str(&docs::text(label))
        }
        (Some(label), Some(desc)) => {
            doc.push_str(&docs::text(label));
            doc.push_str("\n\n");
            doc.push_str(&docs::text(desc));
        }
        (Some(label), None) => doc.push_str(&docs::text(label)),
        (None, Some(desc)) => doc.push_str(&docs::text(desc)),
        (None, None) => doc.push_str(&format!("`{}`", f.wire_name)),
    }
    doc.push_str("\n\n");
    let mut facts = vec![format!("wire name `{}`", f.wire_name)];
    let mut ty = types::describe(&f.ty);
    if let Some(separator) = &f.separator {
        ty.push_str(&format!(", sent as one string joined by `{separator}`"));
    }
    match (f.max_len, &f.separator) {
        (Some(max), None) => ty.push_str(&format!(", at most {max} characters")),
        (Some(max), Some(_)) => ty.push_str(&format!(", each item at most {max} characters")),
        (None, _) => {}
    }
    if let Some(max) = f.max_joined_len {
        ty.push_str(&format!(", at most {max} characters joined"));
    }
    match (f.digits, &f.ty) {
        (Some(d), Type::Decimal) => ty.push_str(&format!(", at most {d} digits before the point")),
        // On integers the page's 长度 is a column width, not a limit.
        (Some(d), _) => ty.push_str(&format!(", column width {d} on the page (not enforced)")),
        (None, _) => {}
    }
    facts.push(ty);
    facts.push(
        match (role, f.required) {
            (Role::Request, true) => "required",
            (Role::Request, false) => "optional",
            (Role::Response, true) => "marked required on the page (replies may still omit it)",
            (Role::Response, false) => "optional",
        }
        .to_owned(),
    );
    if let Some(min) = &f.min {
        facts.push(format!("at least {}", validate::number_text(min)));
    }
    if let Some(max) = &f.max {
        facts.push(format!("at most {}", validate::number_text(max)));
    }
    if let Some(min) = f.min_items {
        facts.push(format!("at least {min} items"));
    }
    if let Some(max) = f.max_items {
        facts.push(format!("at most {max} items"));
    }
    if let Some(cond) = &f.required_when {
        facts.push(format!(
            "required when `{}` is {}",
            cond.field.wire_name,
            values_text(&cond.values)
        ));
    }
    if let Some(default) = &f.default {
        facts.push(format!("server default `{default}`"));
    }
    if let Some(example) = &f.example {
        facts.push(format!("example `{example}`"));
    }
    if role == Role::Request && f.severity == Severity::Warning {
        facts.push("its limits are uncertain: breaking them warns, the request is sent".to_owned());
    }
    if let Some(seen) = &f.undocumented {
        facts.push(format!("not in the page's table ({})", docs::cell(seen)));
    }
    if f.sensitive {
        facts.push("personal data, redacted in `Debug`".to_owned());
    }
    doc.push_str(&facts.join("; "));
    doc
}
