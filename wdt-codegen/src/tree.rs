//! The module tree: one module per method segment, with an accessor struct per group so
//! calls read like the method name (`client.wms().outer().outer_out().create_order(..)`).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use wdt_spec::Catalog;
use wdt_spec::model::{Protocol, Spec};

use crate::{Context, endpoint, enums, idents, stub};

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
/// `ENDPOINTS` table. The catalogue's checks guarantee that names do not collide and that
/// each area has one protocol.
pub fn expand(cx: &Context, catalog: &Catalog) -> TokenStream {
    let mut root = Group::default();
    for spec in &catalog.specs {
        root.insert(spec);
    }
    let modules = root.children.values().map(|g| group(cx, g));
    let wdt_api = api_trait(cx, &root, Protocol::Wdt);
    let qimen_api = api_trait(cx, &root, Protocol::Qimen);
    let rt_full = &cx.rt_full;
    let infos = catalog.specs.iter().map(info_path);
    let codes = (!catalog.codes.is_empty()).then(|| {
        let tables = catalog.codes.iter().map(|table| enums::expand(cx, table));
        let alias = cx.rt_alias();
        quote! {
            /// The vendor's code tables (platforms, logistics companies, …), shared by every
            /// endpoint.
            pub mod codes {
                #alias
                #(#tables)*
            }
        }
    });
    quote! {
        #codes
        #(#modules)*
        #wdt_api
        #qimen_api

        /// Every endpoint generated here, sorted by method name.
        ///
        /// A `const`, not a `static`: a crate that never reads it compiles none of the
        /// decoders its entries point to (docs/design/0011-compile-time.md).
        pub const ENDPOINTS: &[#rt_full::EndpointInfo] = &[#(#infos),*];
    }
}

fn info_path(spec: &Spec) -> TokenStream {
    let groups = spec.endpoint.groups().map(idents::group_module);
    let module = idents::endpoint_module(spec);
    quote!(#(#groups::)* #module::INFO)
}

fn protocol_of(group: &Group<'_>) -> Protocol {
    group
        .specs()
        .first()
        .map_or(Protocol::Wdt, |s| s.endpoint.protocol)
}

fn group(cx: &Context, g: &Group<'_>) -> TokenStream {
    let module = idents::group_module(&g.segment);
    let accessor = idents::group_accessor(&g.segment);
    let rt = &cx.rt;
    let client = client_type(protocol_of(g));
    let client = quote!(#rt::#client);
    let alias = cx.rt_alias();
    let children = g.children.values().map(|c| group(cx, c));
    let child_accessors = g.children.values().map(|c| {
        let module = idents::group_module(&c.segment);
        let ty = idents::group_accessor(&c.segment);
        let doc = format!(" Calls of `{}`.", c.segment);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #module(&self) -> #module::#ty<'c> {
                #module::#ty { client: self.client }
            }
        }
    });
    let endpoints = g.endpoints.iter().map(|s| endpoint::module(cx, s));
    let stubs = g.endpoints.iter().map(|s| stub::expand(cx, s));
    let doc = format!(" Endpoints under `{}`.", g.segment);
    let accessor_doc = format!(" The calls of `{}`, bound to a client.", g.segment);
    quote! {
        #[doc = #doc]
        pub mod #module {
            #alias
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

/// The runtime's client type for a protocol.
fn client_type(protocol: Protocol) -> proc_macro2::Ident {
    match protocol {
        Protocol::Wdt => format_ident!("WdtClient"),
        Protocol::Qimen => format_ident!("QimenClient"),
    }
}

/// `Api` for 旗舰版 areas on `WdtClient`, `QimenApi` for Qimen areas on `QimenClient`.
fn api_trait(cx: &Context, root: &Group<'_>, protocol: Protocol) -> TokenStream {
    let areas: Vec<&Group<'_>> = root
        .children
        .values()
        .filter(|g| protocol_of(g) == protocol)
        .collect();
    if areas.is_empty() {
        return quote!();
    }
    let rt_full = &cx.rt_full;
    let client = client_type(protocol);
    let client = quote!(#rt_full::#client);
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
        let module = idents::group_module(&g.segment);
        let ty = idents::group_accessor(&g.segment);
        let doc = format!(" Calls of `{}`.", g.segment);
        quote!(#[doc = #doc] fn #module(&self) -> #module::#ty<'_>;)
    });
    let impls = areas.iter().map(|g| {
        let module = idents::group_module(&g.segment);
        let ty = idents::group_accessor(&g.segment);
        quote! {
            #[inline]
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
