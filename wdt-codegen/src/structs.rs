//! Structs: one per table of the doc page, fields in the page's order.

use proc_macro2::TokenStream;
use quote::quote;
use wdt_spec::model::{Field, Role, Severity, Struct, Type, values_text};

use crate::idents::{self, field as ident};
use crate::types::Scope;
use crate::{Context, docs, record, types, validate};

pub fn expand(cx: &Context, scope: &Scope, s: &Struct) -> TokenStream {
    let rt = &cx.rt;
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
        quote! {
            #doc
            pub #ident: #ty
        }
    });
    let extra = (s.role == Role::Request).then(|| {
        quote! {
            /// Fields the doc page does not list, sent beside these as given; a request
            /// decoded from JSON keeps every key its spec lacks here. Each one is a
            /// validation warning, so a strict client refuses them.
            pub extra_fields: #rt::ExtraFields,
        }
    });
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    let debug = if sensitive { quote!() } else { quote!(Debug,) };
    // Every reply field is optional or a list, so a reply can start empty: what a server
    // handler building one needs (`..Default::default()`).
    let default = (s.role == Role::Response).then(|| quote!(Default,));
    let serde = record::expand(cx, scope, s);
    let debug_impl = sensitive.then(|| redacted_debug(cx, s));
    let request_items = (s.role == Role::Request).then(|| {
        let validate = validate::struct_impl(cx, s);
        let new = constructor(cx, scope, s);
        quote!(#new #validate)
    });
    quote! {
        #doc
        #[derive(#debug Clone, #default PartialEq)]
        pub struct #name {
            #(#fields,)*
            #extra
        }

        impl #rt::Record for #name {}

        #serde
        #request_items
        #debug_impl
    }
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
