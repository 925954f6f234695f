//! The module tree: one module per method segment, with an accessor struct per group so
//! calls read like the method name (`client.wms().outer().outer_out().create_order(..)`).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use wdt_spec::model::{Enum, Protocol, Spec};
use wdt_spec::{SpecError, names};

use crate::{Context, endpoint, enums};

/// A group of endpoints: a method segment such as `wms` or `OuterOut`.
#[derive(Default)]
struct Group<'a> {
    segment: String,
    children: BTreeMap<String, Group<'a>>,
    endpoints: Vec<&'a Spec>,
}

impl<'a> Group<'a> {
    fn insert(&mut self, spec: &'a Spec) {
        let mut node = self;
        for segment in spec.endpoint.groups() {
            node = node
                .children
                .entry(segment.to_owned())
                .or_insert_with(|| Group {
                    segment: segment.to_owned(),
                    ..Group::default()
                });
        }
        node.endpoints.push(spec);
    }

    /// Every spec below this group.
    fn specs(&self) -> Vec<&'a Spec> {
        let mut all = self.endpoints.clone();
        for child in self.children.values() {
            all.extend(child.specs());
        }
        all
    }
}

/// The whole tree, the shared `codes` module, the `Api`/`QimenApi` traits and the
/// `ENDPOINTS` table.
pub fn expand(cx: &Context, specs: &[Spec], codes: &[Enum]) -> Result<TokenStream, Vec<SpecError>> {
    let mut root = Group::default();
    for spec in specs {
        root.insert(spec);
    }
    let mut errors = Vec::new();
    let modules: Vec<TokenStream> = root
        .children
        .values()
        .map(|g| group(cx, g, &mut errors))
        .collect();
    check_names(&root, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let wdt_api = api_trait(cx, &root, Protocol::Wdt);
    let qimen_api = api_trait(cx, &root, Protocol::Qimen);
    let rt = &cx.rt;
    let infos = specs.iter().map(info_path);
    let codes = (!codes.is_empty()).then(|| {
        let tables = codes.iter().map(|table| enums::expand(cx, table));
        quote! {
            /// The vendor's code tables (platforms, logistics companies, …), shared by every
            /// endpoint.
            pub mod codes {
                #(#tables)*
            }
        }
    });
    Ok(quote! {
        #codes
        #(#modules)*
        #wdt_api
        #qimen_api

        /// Every endpoint generated here, sorted by method name.
        pub static ENDPOINTS: &[#rt::EndpointInfo] = &[#(#infos),*];
    })
}

fn info_path(spec: &Spec) -> TokenStream {
    let groups = spec
        .endpoint
        .groups()
        .map(|g| endpoint::module_ident(&names::module_ident(g)));
    let module = endpoint::module_ident(&endpoint::module_name(spec));
    quote!(#(#groups::)* #module::INFO)
}

fn protocol_of(group: &Group<'_>) -> Option<Protocol> {
    group.specs().first().map(|s| s.endpoint.protocol)
}

fn group(cx: &Context, g: &Group<'_>, errors: &mut Vec<SpecError>) -> TokenStream {
    let module = endpoint::module_ident(&names::module_ident(&g.segment));
    let accessor = format_ident!("{}", names::type_ident(&g.segment));
    let protocol = protocol_of(g).unwrap_or(Protocol::Wdt);
    for spec in g.specs() {
        if spec.endpoint.protocol != protocol {
            errors.push(SpecError::file(
                &spec.path,
                format!(
                    "endpoint: group '{}' mixes wdt and qimen methods; keep each group to one protocol",
                    g.segment
                ),
            ));
        }
    }
    let client = client_type(cx, protocol);
    let children: Vec<TokenStream> = g.children.values().map(|c| group(cx, c, errors)).collect();
    let child_accessors = g.children.values().map(|c| {
        let module = endpoint::module_ident(&names::module_ident(&c.segment));
        let ty = format_ident!("{}", names::type_ident(&c.segment));
        let doc = format!(" Calls of `{}`.", c.segment);
        quote! {
            #[doc = #doc]
            pub fn #module(&self) -> #module::#ty<'c> {
                #module::#ty { client: self.client }
            }
        }
    });
    let endpoints = g.endpoints.iter().map(|s| endpoint::module(cx, s));
    let stubs = g.endpoints.iter().map(|s| endpoint::stub(cx, s));
    let doc = format!(" Endpoints under `{}`.", g.segment);
    let accessor_doc = format!(" The calls of `{}`, bound to a client.", g.segment);
    quote! {
        #[doc = #doc]
        pub mod #module {
            #(#children)*
            #(#endpoints)*

            #[doc = #accessor_doc]
            #[derive(Debug, Clone, Copy)]
            pub struct #accessor<'c> {
                pub(crate) client: &'c #client,
            }

            impl<'c> #accessor<'c> {
                #(#child_accessors)*
                #(#stubs)*
            }
        }
    }
}

fn client_type(cx: &Context, protocol: Protocol) -> TokenStream {
    let rt = &cx.rt;
    match protocol {
        Protocol::Wdt => quote!(#rt::WdtClient),
        Protocol::Qimen => quote!(#rt::QimenClient),
    }
}

/// `Api` for 旗舰版 areas on `WdtClient`, `QimenApi` for Qimen areas on `QimenClient`.
fn api_trait(cx: &Context, root: &Group<'_>, protocol: Protocol) -> TokenStream {
    let areas: Vec<&Group<'_>> = root
        .children
        .values()
        .filter(|g| protocol_of(g) == Some(protocol))
        .collect();
    if areas.is_empty() {
        return quote!();
    }
    let client = client_type(cx, protocol);
    let (trait_name, doc) = match protocol {
        Protocol::Wdt => (
            format_ident!("Api"),
            " The 旗舰版 endpoints of these specs, grouped like their method names: `client.wms().outer().outer_out().create_order(..)`.",
        ),
        Protocol::Qimen => (
            format_ident!("QimenApi"),
            " The Qimen endpoints of these specs, grouped like their method names: `client.taobao().qimen().order().cancel(..)`.",
        ),
    };
    let signatures = areas.iter().map(|g| {
        let module = endpoint::module_ident(&names::module_ident(&g.segment));
        let ty = format_ident!("{}", names::type_ident(&g.segment));
        let doc = format!(" Calls of `{}`.", g.segment);
        quote!(#[doc = #doc] fn #module(&self) -> #module::#ty<'_>;)
    });
    let impls = areas.iter().map(|g| {
        let module = endpoint::module_ident(&names::module_ident(&g.segment));
        let ty = format_ident!("{}", names::type_ident(&g.segment));
        quote! {
            fn #module(&self) -> #module::#ty<'_> {
                #module::#ty { client: self }
            }
        }
    });
    quote! {
        #[doc = #doc]
        pub trait #trait_name {
            #(#signatures)*
        }

        impl #trait_name for #client {
            #(#impls)*
        }
    }
}

/// Two segments or operations that become the same Rust name in one module would collide.
fn check_names(g: &Group<'_>, errors: &mut Vec<SpecError>) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut claim =
        |name: String, what: String, spec: Option<&Spec>, errors: &mut Vec<SpecError>| {
            if let Some(first) = seen.insert(name.clone(), what.clone()) {
                let path = spec
                    .map(|s| s.path.clone())
                    .unwrap_or_else(|| g.specs()[0].path.clone());
                errors.push(SpecError::file(
                    &path,
                    format!("endpoint: {what} and {first} both become the Rust name '{name}'"),
                ));
            }
        };
    for child in g.children.values() {
        claim(
            names::module_ident(&child.segment),
            format!("group '{}'", child.segment),
            None,
            errors,
        );
        claim(
            names::type_ident(&child.segment),
            format!("group '{}' (its accessor)", child.segment),
            None,
            errors,
        );
    }
    for spec in &g.endpoints {
        claim(
            endpoint::module_name(spec),
            format!("method '{}'", spec.endpoint.method),
            Some(spec),
            errors,
        );
    }
    for child in g.children.values() {
        check_names(child, errors);
    }
}
