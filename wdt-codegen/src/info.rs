//! The `INFO` table of an endpoint: what tools that pick endpoints by name at run time (the
//! sandbox, the CLI) know about it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use wdt_spec::model::{Protocol, Spec, Type};

use crate::{Context, paging, request};

pub fn expand(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let e = &spec.endpoint;
    let method = &e.method;
    let name = &e.name;
    let retry_safe = e.retry_safe;
    let protocol = request::protocol(cx, e.protocol);
    let option = |text: Option<&str>| match text {
        Some(t) => {
            let t = t.trim();
            quote!(Some(#t))
        }
        None => quote!(None),
    };
    let paging = match &spec.paging {
        Some(p) => {
            let default = Literal::u32_unsuffixed(p.default_page_size);
            let limit = paging::page_size_limit(cx, p);
            let list = option(p.list.as_ref().map(|f| f.wire_name.as_str()));
            let total = option(p.total.as_ref().map(|f| f.wire_name.as_str()));
            let id = option(p.id.as_ref().map(|f| f.wire_name.as_str()));
            let modified = option(p.modified.as_ref().map(|f| f.wire_name.as_str()));
            quote! {
                Some(#rt::PagingInfo {
                    default_page_size: #default,
                    limit: #limit,
                    list: #list,
                    total: #total,
                    id: #id,
                    modified: #modified,
                })
            }
        }
        None => quote!(None),
    };
    let args = spec.args.iter().map(|a| &a.wire_name);
    let windows = spec.time_windows.iter().map(|w| {
        let start = w.start.path.to_string();
        let end = w.end.path.to_string();
        let secs = Literal::i64_unsuffixed(w.max_span.as_secs() as i64);
        let ends = paging::window_ends(cx, w.ends);
        let dates = w.ty == Type::Date;
        quote! {
            #rt::TimeWindowInfo { start: #start, end: #end, max_span_secs: #secs, ends: #ends, dates: #dates }
        }
    });
    let (request_json, response_xml) = match spec.endpoint.protocol {
        Protocol::Qimen => (
            quote!(Some(#rt::request_json::<Request>)),
            quote!(Some(#rt::response_xml::<Request>)),
        ),
        Protocol::Wdt => (quote!(None), quote!(None)),
    };
    let example_request = option(spec.examples.request.as_deref());
    let example_response = option(spec.examples.response.as_deref());
    quote! {
        /// What the spec says about this endpoint, for tools that pick endpoints by name.
        pub const INFO: #rt::EndpointInfo = #rt::EndpointInfo {
            method: #method,
            protocol: #protocol,
            name: #name,
            retry_safe: #retry_safe,
            args: &[#(#args),*],
            paging: #paging,
            time_windows: &[#(#windows),*],
            check_request: #rt::check_request::<Request>,
            encode_request: #rt::encode_request::<Request>,
            check_response: #rt::check_response::<Request>,
            response_json: #rt::response_json::<Request>,
            request_json: #request_json,
            response_xml: #response_xml,
            example_request: #example_request,
            example_response: #example_response,
        };
    }
}
