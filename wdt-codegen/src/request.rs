//! An endpoint's `Request` (the positional arguments, or Qimen's `<request>` struct), its
//! request-level validation and its `Endpoint` impl.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use wdt_spec::model::{Protocol, Role, Spec};

use crate::idents::{self, field as ident};
use crate::types::Scope;
use crate::{Context, docs, structs, types, validate};

/// The `Request` type and its impls.
pub fn expand(cx: &Context, spec: &Spec) -> TokenStream {
    let request = match spec.endpoint.protocol {
        Protocol::Wdt => wdt_request(cx, spec),
        Protocol::Qimen => qimen_request(spec),
    };
    let endpoint = endpoint_impl(cx, spec);
    quote!(#request #endpoint)
}

/// 旗舰版: `Request` holds the positional arguments and travels as a JSON array.
fn wdt_request(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let scope = Scope::module(spec);
    let fields = spec.args.iter().map(|arg| {
        let ident = ident(arg);
        let ty = types::field(cx, arg, Role::Request, &scope);
        let doc = docs::attrs(&structs::field_doc(arg, Role::Request));
        quote!(#doc pub #ident: #ty)
    });
    let idents: Vec<_> = spec.args.iter().map(ident).collect();
    let count = Literal::usize_unsuffixed(spec.args.len());
    let names = spec.args.iter().map(|a| &a.wire_name);
    // Optional arguments at the end may be left out of the array. A struct expression
    // evaluates its fields in the order written: wire order.
    let reads = spec.args.iter().map(|a| {
        let ident = ident(a);
        let wire = &a.wire_name;
        if a.required {
            quote!(#ident: #rt::wire::args::required(seq, #wire)?)
        } else {
            quote!(#ident: #rt::wire::args::optional(seq)?)
        }
    });
    let checks = validate::request_body(cx, spec);
    let doc = docs::attrs(&format!(
        "The arguments of `{}`, in wire order: the body is the JSON array `[{}]`.",
        spec.endpoint.method,
        spec.args
            .iter()
            .map(|a| a.wire_name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct Request {
            #(#fields,)*
        }

        impl #rt::serde::Serialize for Request {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use #rt::serde::ser::SerializeTuple as _;
                let mut args = serializer.serialize_tuple(#count)?;
                #(args.serialize_element(&#rt::AsWire(&self.#idents))?;)*
                args.end()
            }
        }

        impl<'de> #rt::wire::args::Arguments<'de> for Request {
            const NAMES: &'static [&'static str] = &[#(#names),*];

            fn read<A: #rt::serde::de::SeqAccess<'de>>(seq: &mut A) -> Result<Self, A::Error> {
                Ok(Request { #(#reads,)* })
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for Request {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #rt::wire::args::deserialize(deserializer)
            }
        }

        impl #rt::Validate for Request {
            #[inline]
            fn validate_into(&self, at: &#rt::Path<'_>, out: &mut #rt::Violations) {
                #checks
            }
        }
    }
}

/// Qimen: the `<request>` struct is the request.
fn qimen_request(spec: &Spec) -> TokenStream {
    let name = idents::type_name(&qimen_struct(spec));
    let doc = docs::attrs(&format!(
        "The `<request>` element of `{}`.",
        spec.endpoint.method
    ));
    quote! {
        #doc
        pub type Request = #name;
    }
}

/// The struct of a Qimen endpoint's one argument (wdt-spec guarantees it is one).
pub fn qimen_struct(spec: &Spec) -> String {
    spec.args
        .first()
        .and_then(|arg| arg.ty.named())
        .unwrap_or("Request")
        .to_owned()
}

/// The type of the reply's payload, as seen from `scope`.
pub fn response_type(cx: &Context, spec: &Spec, scope: &Scope) -> TokenStream {
    let rt = &cx.rt;
    match &spec.response {
        Some(r) => types::rust(cx, &r.ty, scope),
        None => quote!(#rt::NoData),
    }
}

/// The runtime's name of a protocol.
pub fn protocol(cx: &Context, protocol: Protocol) -> TokenStream {
    let rt = &cx.rt;
    match protocol {
        Protocol::Wdt => quote!(#rt::Protocol::Wdt),
        Protocol::Qimen => quote!(#rt::Protocol::Qimen),
    }
}

fn endpoint_impl(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let method = &spec.endpoint.method;
    let format = match spec.endpoint.protocol {
        Protocol::Wdt => quote!(#rt::Json),
        Protocol::Qimen => quote!(#rt::Xml),
    };
    let retry_safe = spec.endpoint.retry_safe;
    let response = response_type(cx, spec, &Scope::module(spec));
    let args = (spec.endpoint.protocol == Protocol::Wdt).then(|| {
        let names = spec.args.iter().map(|a| &a.wire_name);
        quote!(const ARGS: &'static [&'static str] = &[#(#names),*];)
    });
    quote! {
        impl #rt::Endpoint for Request {
            const METHOD: &'static str = #method;
            type Format = #format;
            const RETRY_SAFE: bool = #retry_safe;
            #args
            type Response = #response;
        }
    }
}
