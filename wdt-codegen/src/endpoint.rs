//! One endpoint's module: its types, the `Request` of its positional arguments, the trait
//! impls tying it to the runtime, and its call stub.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use wdt_spec::model::{Field, Protocol, Role, Spec, Type, WindowEnds};
use wdt_spec::names;

use crate::structs::ident;
use crate::types::Scope;
use crate::{Context, docs, enums, structs, types, validate};

/// The module of one endpoint.
pub fn module(cx: &Context, spec: &Spec) -> TokenStream {
    let module = module_ident(&module_name(spec));
    let doc = docs::inner_attrs(&module_doc(spec));
    let scope = Scope::module(spec);
    let structs = spec.structs.iter().map(|s| structs::expand(cx, &scope, s));
    let enums = spec.enums.iter().map(|e| enums::expand(cx, e));
    let request = match spec.endpoint.protocol {
        Protocol::Wdt => wdt_request(cx, spec),
        Protocol::Qimen => qimen_request(spec),
    };
    let endpoint = endpoint_impl(cx, spec);
    let paged = paged_impl(cx, spec);
    let windowed = windowed_impl(cx, spec);
    let info = info(cx, spec);
    quote! {
        pub mod #module {
            #doc
            #request
            #endpoint
            #paged
            #windowed
            #info
            #(#structs)*
            #(#enums)*
        }
    }
}

/// A module name as an identifier (`r#in` for keywords).
pub fn module_ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The endpoint's module name (`create_order`).
pub fn module_name(spec: &Spec) -> String {
    names::module_ident(spec.endpoint.operation())
}

fn module_doc(spec: &Spec) -> String {
    let e = &spec.endpoint;
    let mut doc = format!("{} — `{}`\n\n", docs::text(&e.name), e.method);
    if let Some(description) = &e.description {
        doc.push_str(&docs::text(description));
        doc.push_str("\n\n");
    }
    doc.push_str("| | |\n| --- | --- |\n");
    let protocol = match e.protocol {
        Protocol::Wdt => "旺店通 旗舰版 (`wdt`)",
        Protocol::Qimen => "淘宝 奇门 (`qimen`)",
    };
    doc.push_str(&format!("| protocol | {protocol} |\n"));
    if let Some(category) = &e.category {
        doc.push_str(&format!("| category | {} |\n", docs::cell(category)));
    }
    if let Some(version) = &e.min_version {
        doc.push_str(&format!(
            "| client version | {} or later |\n",
            docs::cell(version)
        ));
    }
    doc.push_str(if e.retry_safe {
        "| retry-safe | yes: transient failures are retried |\n"
    } else {
        "| retry-safe | no: never sent twice unless the caller opts in |\n"
    });
    if let Some(p) = &spec.paging {
        let list = p
            .list
            .as_deref()
            .map_or("the payload itself".to_owned(), |l| format!("`{l}`"));
        doc.push_str(&format!(
            "| paged | records in {list}; page size {} by default, at most {} |\n",
            p.default_page_size, p.max_page_size
        ));
    }
    if let Some(w) = &spec.time_window {
        let ends = match w.ends {
            WindowEnds::Inclusive => "both ends included",
            WindowEnds::HalfOpen => "end excluded",
        };
        doc.push_str(&format!(
            "| time window | at most {} from `{}` to `{}` ({ends}) |\n",
            w.max_span_text, w.start, w.end
        ));
    }
    if !e.notes.is_empty() {
        doc.push_str("\nNotes from the doc page:\n");
        for note in &e.notes {
            doc.push_str(&format!("- {}\n", docs::cell(note)));
        }
    }
    if let Some(url) = &e.doc_url {
        doc.push_str(&format!("\n[Vendor documentation]({url})\n"));
    }
    let lang = match e.protocol {
        Protocol::Wdt => "json",
        Protocol::Qimen => "xml",
    };
    if let Some(example) = &spec.examples.request {
        doc.push_str(&format!(
            "\nRequest example from the doc page:\n```{lang}\n{}\n```\n",
            example.trim()
        ));
    }
    if let Some(example) = &spec.examples.response {
        doc.push_str(&format!(
            "\nResponse example from the doc page:\n```{lang}\n{}\n```\n",
            example.trim()
        ));
    }
    doc
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
    let json_args: Vec<bool> = spec
        .args
        .iter()
        .map(|a| matches!(a.ty, Type::Json(_)))
        .collect();
    if json_args.iter().any(|j| *j) {
        return quote!(compile_error!("json<T> is not supported for positional arguments"););
    }
    let mut checks = validate::fields_body(cx, &spec.args, &[]);
    if let Some(w) = &spec.time_window {
        checks.extend(time_window_check(cx, spec, w));
    }
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

        impl<'de> #rt::serde::Deserialize<'de> for Request {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (#(#rt::FromWire(#idents),)*) = #rt::serde::Deserialize::deserialize(deserializer)?;
                Ok(Self { #(#idents),* })
            }
        }

        impl #rt::Validate for Request {
            fn validate_into(&self, at: &#rt::Path<'_>, out: &mut #rt::Violations) {
                #checks
            }
        }
    }
}

/// The span check between two datetime fields, at the request level.
fn time_window_check(cx: &Context, spec: &Spec, w: &wdt_spec::model::TimeWindow) -> TokenStream {
    let rt = &cx.rt;
    let (Some((start_access, start_field)), Some((end_access, end_field))) =
        (field_access(spec, &w.start), field_access(spec, &w.end))
    else {
        return quote!();
    };
    let at = match &w.end.field {
        Some(_) => {
            let arg = &w.end.arg;
            quote!(&at.field(#arg))
        }
        None => quote!(at),
    };
    let end_name = w.end.field.as_deref().unwrap_or(&w.end.arg);
    let start_name = w.start.field.as_deref().unwrap_or(&w.start.arg);
    let max_secs = Literal::i64_unsuffixed(w.max_span.as_secs() as i64);
    let max_text = &w.max_span_text;
    if start_field.required && end_field.required {
        return quote! {
            #rt::check::time_span(
                out,
                #at,
                #end_name,
                #start_name,
                #rt::Instant::instant(&#start_access),
                #rt::Instant::instant(&#end_access),
                #max_secs,
                #max_text,
            );
        };
    }
    let value = |access: &TokenStream, field: &Field| {
        if field.required {
            quote!(Some(#rt::Instant::instant(&#access)))
        } else {
            quote!(#access.as_ref().map(#rt::Instant::instant))
        }
    };
    let start = value(&start_access, start_field);
    let end = value(&end_access, end_field);
    quote! {
        if let (Some(start), Some(end)) = (#start, #end) {
            #rt::check::time_span(out, #at, #end_name, #start_name, start, end, #max_secs, #max_text);
        }
    }
}

/// `self.params.start_time` for the path `params.start_time`, with the field it reaches.
fn field_access<'a>(
    spec: &'a Spec,
    path: &wdt_spec::model::FieldPath,
) -> Option<(TokenStream, &'a Field)> {
    let arg = spec.args.iter().find(|a| a.wire_name == path.arg)?;
    let arg_ident = ident(arg);
    match &path.field {
        None => Some((quote!(self.#arg_ident), arg)),
        Some(name) => {
            let Type::Struct(s) = &arg.ty else {
                return None;
            };
            let field = spec
                .struct_named(s)?
                .fields
                .iter()
                .find(|f| f.wire_name == *name)?;
            let field_ident = ident(field);
            let access = if arg.required {
                quote!(self.#arg_ident.#field_ident)
            } else {
                return None;
            };
            Some((access, field))
        }
    }
}

/// Qimen: the `<request>` struct is the request.
fn qimen_request(spec: &Spec) -> TokenStream {
    let Some(Type::Struct(name)) = spec.args.first().map(|a| &a.ty) else {
        return quote!();
    };
    let name = format_ident!("{}", name);
    let doc = docs::attrs(&format!(
        "The `<request>` element of `{}`.",
        spec.endpoint.method
    ));
    quote! {
        #doc
        pub type Request = #name;
    }
}

fn response_type(cx: &Context, spec: &Spec, scope: &Scope) -> TokenStream {
    let rt = &cx.rt;
    match &spec.response {
        Some(r) => types::rust(cx, &r.ty, scope),
        None => quote!(#rt::NoData),
    }
}

fn endpoint_impl(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let method = &spec.endpoint.method;
    let protocol = match spec.endpoint.protocol {
        Protocol::Wdt => quote!(#rt::Protocol::Wdt),
        Protocol::Qimen => quote!(#rt::Protocol::Qimen),
    };
    let retry_safe = spec.endpoint.retry_safe;
    let response = response_type(cx, spec, &Scope::module(spec));
    quote! {
        impl #rt::Endpoint for Request {
            const METHOD: &'static str = #method;
            const PROTOCOL: #rt::Protocol = #protocol;
            const RETRY_SAFE: bool = #retry_safe;
            type Response = #response;
        }
    }
}

fn paged_impl(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let (Some(paging), Some(response)) = (&spec.paging, &spec.response) else {
        return quote!();
    };
    let here = Scope::module(spec);
    let (item_ty, records) = match (&paging.list, &response.ty) {
        (None, Type::List(item)) => (types::rust(cx, item, &here), quote!(response)),
        (Some(list), Type::Struct(data)) => {
            let Some(field) = spec
                .struct_named(data)
                .and_then(|s| s.fields.iter().find(|f| f.wire_name == *list))
            else {
                return quote!();
            };
            let Type::List(item) = &field.ty else {
                return quote!();
            };
            let ident = ident(field);
            let records = if types::optional(field, Role::Response) {
                quote!(response.#ident.unwrap_or_default())
            } else {
                quote!(response.#ident)
            };
            (types::rust(cx, item, &here), records)
        }
        _ => return quote!(),
    };
    let total = match (&paging.total, &response.ty) {
        (Some(total), Type::Struct(data)) => {
            let field = spec
                .struct_named(data)
                .and_then(|s| s.fields.iter().find(|f| f.wire_name == *total));
            match field {
                Some(f) if !types::optional(f, Role::Response) => {
                    let ident = ident(f);
                    quote!(u64::try_from(response.#ident).ok().or(envelope_total))
                }
                Some(f) => {
                    let ident = ident(f);
                    quote!(response.#ident.and_then(|total| u64::try_from(total).ok()).or(envelope_total))
                }
                None => quote!(envelope_total),
            }
        }
        _ => quote!(envelope_total),
    };
    let item_struct = match &response.ty {
        Type::List(item) => item.named(),
        Type::Struct(data) => spec.struct_named(data).and_then(|s| {
            let list = paging.list.as_ref()?;
            s.fields
                .iter()
                .find(|f| f.wire_name == *list)
                .and_then(|f| f.ty.named())
        }),
        _ => None,
    }
    .and_then(|name| spec.struct_named(name));
    let id_field = paging
        .id
        .as_ref()
        .and_then(|id| item_struct?.fields.iter().find(|f| f.wire_name == *id));
    let (key_ty, key) = match id_field {
        Some(f) if matches!(f.ty, Type::String | Type::Int | Type::Long) => {
            let ty = types::rust(cx, &f.ty, &here);
            let ident = ident(f);
            let copy = f.ty != Type::String;
            match (!types::optional(f, Role::Response), copy) {
                (true, true) => (ty, quote!(Some(item.#ident))),
                (true, false) => (ty, quote!(Some(item.#ident.clone()))),
                (false, true) => (ty, quote!(item.#ident)),
                (false, false) => (ty, quote!(item.#ident.clone())),
            }
        }
        _ => (
            quote!(()),
            quote!({
                let _ = item;
                None
            }),
        ),
    };
    let default_size = Literal::u32_unsuffixed(paging.default_page_size);
    let max_size = Literal::u32_unsuffixed(paging.max_page_size);
    quote! {
        impl #rt::PagedEndpoint for Request {
            type Item = #item_ty;
            type Key = #key_ty;
            const DEFAULT_PAGE_SIZE: u32 = #default_size;
            const MAX_PAGE_SIZE: u32 = #max_size;

            fn into_page(response: Self::Response, envelope_total: Option<u64>) -> (Vec<Self::Item>, Option<u64>) {
                let total = #total;
                (#records, total)
            }

            fn key(item: &Self::Item) -> Option<Self::Key> {
                #key
            }
        }
    }
}

fn windowed_impl(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let (Some(w), Some(_)) = (&spec.time_window, &spec.paging) else {
        return quote!();
    };
    let (Some((start, start_field)), Some((end, end_field))) =
        (field_access(spec, &w.start), field_access(spec, &w.end))
    else {
        return quote!();
    };
    // Walking windows needs both ends always present, as datetimes.
    let usable = |f: &Field| f.required && f.ty == Type::DateTime;
    if !usable(start_field) || !usable(end_field) {
        return quote!();
    }
    let max_secs = Literal::i64_unsuffixed(w.max_span.as_secs() as i64);
    let ends = match w.ends {
        WindowEnds::Inclusive => quote!(#rt::WindowEnds::Inclusive),
        WindowEnds::HalfOpen => quote!(#rt::WindowEnds::HalfOpen),
    };
    quote! {
        impl #rt::WindowedEndpoint for Request {
            const MAX_SPAN_SECS: i64 = #max_secs;
            const ENDS: #rt::WindowEnds = #ends;

            fn window(&self) -> (#rt::NaiveDateTime, #rt::NaiveDateTime) {
                (#start, #end)
            }

            fn set_window(&mut self, start: #rt::NaiveDateTime, end: #rt::NaiveDateTime) {
                #start = start;
                #end = end;
            }
        }
    }
}

fn info(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let e = &spec.endpoint;
    let method = &e.method;
    let name = &e.name;
    let retry_safe = e.retry_safe;
    let protocol = match e.protocol {
        Protocol::Wdt => quote!(#rt::Protocol::Wdt),
        Protocol::Qimen => quote!(#rt::Protocol::Qimen),
    };
    let option = |text: Option<&str>| match text {
        Some(t) => {
            let t = t.trim();
            quote!(Some(#t))
        }
        None => quote!(None),
    };
    let paging = match &spec.paging {
        Some(p) => {
            let d = Literal::u32_unsuffixed(p.default_page_size);
            let m = Literal::u32_unsuffixed(p.max_page_size);
            let list = option(p.list.as_deref());
            let total = option(p.total.as_deref());
            let id = option(p.id.as_deref());
            quote! {
                Some(#rt::PagingInfo {
                    default_page_size: #d,
                    max_page_size: #m,
                    list: #list,
                    total: #total,
                    id: #id,
                })
            }
        }
        None => quote!(None),
    };
    let args = spec.args.iter().map(|a| &a.wire_name);
    let time_window = match &spec.time_window {
        Some(w) => {
            let start = w.start.to_string();
            let end = w.end.to_string();
            let secs = Literal::i64_unsuffixed(w.max_span.as_secs() as i64);
            let ends = match w.ends {
                WindowEnds::Inclusive => quote!(#rt::WindowEnds::Inclusive),
                WindowEnds::HalfOpen => quote!(#rt::WindowEnds::HalfOpen),
            };
            quote!(Some(#rt::TimeWindowInfo { start: #start, end: #end, max_span_secs: #secs, ends: #ends }))
        }
        None => quote!(None),
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
            time_window: #time_window,
            check_request: #rt::check_request::<Request>,
            encode_request: #rt::encode_request::<Request>,
            check_response: #rt::check_response::<Request>,
            response_json: #rt::response_json::<Request>,
            example_request: #example_request,
            example_response: #example_response,
        };
    }
}

/// The call stub on the accessor of the endpoint's group.
pub fn stub(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let module = module_ident(&module_name(spec));
    let scope = Scope::stub(spec);
    let fn_name = module_ident(&names::field_ident(spec.endpoint.operation()));
    let doc = docs::attrs(&format!(
        "{} (`{}`): see [`{}`].",
        docs::text(&spec.endpoint.name),
        spec.endpoint.method,
        module
    ));
    let response = response_type(cx, spec, &scope);
    match spec.endpoint.protocol {
        Protocol::Qimen => {
            let Some(Type::Struct(name)) = spec.args.first().map(|a| &a.ty) else {
                return quote!();
            };
            let name = format_ident!("{}", name);
            quote! {
                #doc
                pub async fn #fn_name(&self, request: #module::#name) -> Result<#response, #rt::Error> {
                    self.client.call(&request).await
                }
            }
        }
        Protocol::Wdt => {
            let params = spec.args.iter().map(|a| {
                let ident = ident(a);
                let ty = types::field(cx, a, Role::Request, &scope);
                quote!(#ident: #ty)
            });
            let idents: Vec<_> = spec.args.iter().map(ident).collect();
            let request = quote!(#module::Request { #(#idents),* });
            // The stub takes the vendor's positional arguments, however many there are.
            let many = (spec.args.len() > 5).then(|| quote!(#[allow(clippy::too_many_arguments)]));
            match paged_item(cx, spec, &scope) {
                Some(item) => quote! {
                    #doc
                    #many
                    ///
                    /// `page_no` counts from 0. For every page at once see
                    /// `WdtClient::collect_all`, for a range longer than the time window
                    /// `WdtClient::scan_windows`.
                    pub async fn #fn_name(&self, #(#params,)* page_no: u32, page_size: u32) -> Result<#rt::Page<#item>, #rt::Error> {
                        self.client.call_page(&#request, page_no, page_size).await
                    }
                },
                None => quote! {
                    #doc
                    #many
                    pub async fn #fn_name(&self, #(#params),*) -> Result<#response, #rt::Error> {
                        self.client.call(&#request).await
                    }
                },
            }
        }
    }
}

/// The record type of a paged endpoint, as seen from `scope`.
fn paged_item(cx: &Context, spec: &Spec, scope: &Scope) -> Option<TokenStream> {
    let paging = spec.paging.as_ref()?;
    let response = spec.response.as_ref()?;
    let item = match (&paging.list, &response.ty) {
        (None, Type::List(item)) => (**item).clone(),
        (Some(list), Type::Struct(data)) => {
            match &spec
                .struct_named(data)?
                .fields
                .iter()
                .find(|f| f.wire_name == *list)?
                .ty
            {
                Type::List(item) => (**item).clone(),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(types::rust(cx, &item, scope))
}
