//! `PagedEndpoint` and `WindowedEndpoint` impls of a paged query.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use wdt_spec::model::{BodyPager, Field, Paging, Spec, Type, WindowEnds, WindowField};

use crate::idents::field as ident;
use crate::types::Scope;
use crate::{Context, types, validate};

/// Both impls, or nothing for an endpoint that does not page.
pub fn expand(cx: &Context, spec: &Spec) -> TokenStream {
    let Some(paging) = &spec.paging else {
        return quote!();
    };
    let paged = paged_impl(cx, spec, paging);
    let body_paged = paging
        .body_pager
        .as_ref()
        .map(|pager| body_paged_impl(cx, pager));
    let windowed = windowed_impl(cx, spec);
    quote!(#paged #body_paged #windowed)
}

/// The runtime's `PageSizeLimit` of a `[paging]`.
pub fn page_size_limit(cx: &Context, paging: &Paging) -> TokenStream {
    let rt = &cx.rt;
    match (paging.max_page_size, paging.assumed_max_page_size) {
        (Some(max), _) => {
            let max = Literal::u32_unsuffixed(max);
            quote!(#rt::PageSizeLimit::Stated(#max))
        }
        (None, Some(max)) => {
            let max = Literal::u32_unsuffixed(max);
            quote!(#rt::PageSizeLimit::Assumed(#max))
        }
        (None, None) => quote!(#rt::PageSizeLimit::Unstated),
    }
}

/// The runtime's name of a window's ends.
pub fn window_ends(cx: &Context, ends: WindowEnds) -> TokenStream {
    let rt = &cx.rt;
    match ends {
        WindowEnds::Inclusive => quote!(#rt::WindowEnds::Inclusive),
        WindowEnds::HalfOpen => quote!(#rt::WindowEnds::HalfOpen),
    }
}

/// The record type of a paged endpoint, as seen from `scope`.
pub fn item_type(cx: &Context, paging: &Paging, scope: &Scope) -> TokenStream {
    types::rust(cx, &paging.item, scope)
}

fn paged_impl(cx: &Context, spec: &Spec, paging: &Paging) -> TokenStream {
    let rt = &cx.rt;
    let here = Scope::module(spec);
    let item_ty = item_type(cx, paging, &here);
    // Reply fields other than lists are `Option`s (docs/design/0002); lists default to empty.
    let records = match &paging.list {
        None => quote!(response),
        Some(list) => {
            let ident = ident(list);
            quote!(response.#ident)
        }
    };
    let total = match &paging.total {
        Some(total) => {
            let ident = ident(total);
            quote!(response.#ident.and_then(|total| u64::try_from(total).ok()).or(envelope_total))
        }
        None => quote!(envelope_total),
    };
    let (key_ty, key) = match &paging.id {
        Some(id) => {
            let ty = types::rust(cx, &id.ty, &here);
            let ident = ident(id);
            if id.ty == Type::String {
                (ty, quote!(item.#ident.clone()))
            } else {
                (ty, quote!(item.#ident))
            }
        }
        None => (
            quote!(()),
            quote!({
                let _ = item;
                None
            }),
        ),
    };
    let default_size = Literal::u32_unsuffixed(paging.default_page_size);
    let limit = page_size_limit(cx, paging);
    quote! {
        impl #rt::PagedEndpoint for Request {
            type Item = #item_ty;
            type Key = #key_ty;
            const DEFAULT_PAGE_SIZE: u32 = #default_size;
            const PAGE_SIZE_LIMIT: #rt::PageSizeLimit = #limit;

            #[inline]
            fn into_page(response: Self::Response, envelope_total: Option<u64>) -> (Vec<Self::Item>, Option<u64>) {
                let records = #records;
                (records, #total)
            }

            #[inline]
            fn key(item: &Self::Item) -> Option<Self::Key> {
                #key
            }
        }
    }
}

/// `BodyPagedEndpoint`: a Qimen query's pager set in its request fields.
fn body_paged_impl(cx: &Context, pager: &BodyPager) -> TokenStream {
    let rt = &cx.rt;
    let set = |field: &Field, value: TokenStream| {
        let ident = ident(field);
        let value = match field.ty {
            Type::Int => quote!(i32::try_from(#value).unwrap_or(i32::MAX)),
            Type::Long => quote!(i64::from(#value)),
            _ => quote!(#rt::Decimal::from(#value)),
        };
        if field.required {
            quote!(self.#ident = #value;)
        } else {
            quote!(self.#ident = Some(#value);)
        }
    };
    let set_page = set(&pager.page, quote!(page));
    let set_size = set(&pager.page_size, quote!(page_size));
    quote! {
        impl #rt::BodyPagedEndpoint for Request {
            #[inline]
            fn set_page(&mut self, page: u32, page_size: u32) {
                #set_page
                #set_size
            }
        }
    }
}

/// `WindowedEndpoint` over the spec's scan window.
fn windowed_impl(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let Some(w) = spec.scan_window() else {
        return quote!();
    };
    let max_secs = Literal::i64_unsuffixed(w.max_span.as_secs() as i64);
    let ends = window_ends(cx, w.ends);
    let set = |end: &WindowField, value: TokenStream| {
        let access = validate::access(end);
        let value = match end.target().ty {
            Type::Date => quote!(#value.date()),
            _ => value,
        };
        if end.target().required {
            quote!(#access = #value;)
        } else {
            quote!(#access = Some(#value);)
        }
    };
    let set_start = set(&w.start, quote!(start));
    let set_end = set(&w.end, quote!(end));
    quote! {
        impl #rt::WindowedEndpoint for Request {
            const MAX_SPAN_SECS: i64 = #max_secs;
            const ENDS: #rt::WindowEnds = #ends;

            #[inline]
            fn set_window(&mut self, start: #rt::NaiveDateTime, end: #rt::NaiveDateTime) {
                #set_start
                #set_end
            }
        }
    }
}
