//! Call stubs: one method per endpoint on the accessor of its group
//! (`client.wms().outer().outer_out().create_order(..)`).

use proc_macro2::TokenStream;
use quote::quote;
use wdt_spec::model::{Protocol, Role, Spec};
use wdt_spec::names;

use crate::idents::{self, field as ident};
use crate::types::Scope;
use crate::{Context, docs, paging, request, types};

/// The call stub of one endpoint, inside its group's accessor `impl`.
pub fn expand(cx: &Context, spec: &Spec) -> TokenStream {
    let rt = &cx.rt;
    let module = idents::endpoint_module(spec);
    let scope = Scope::stub(spec);
    let fn_name = idents::ident(&names::field_ident(spec.endpoint.operation()));
    let doc = docs::attrs(&format!(
        "{} (`{}`): see [`{}`].",
        docs::text(&spec.endpoint.name),
        spec.endpoint.method,
        module
    ));
    let response = request::response_type(cx, spec, &scope);
    match spec.endpoint.protocol {
        Protocol::Qimen => {
            let name = idents::type_name(&request::qimen_struct(spec));
            quote! {
                #doc
                #[inline]
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
            match &spec.paging {
                Some(p) => {
                    let item = paging::item_type(cx, p, &scope);
                    let see_also = docs::attrs(if spec.scan_window().is_some() {
                        "\n`page_no` counts from 0. For every page at once see\n\
                         `WdtClient::collect_all`, for a range longer than the time window\n\
                         `WdtClient::scan_windows`."
                    } else {
                        "\n`page_no` counts from 0. For every page at once see\n\
                         `WdtClient::collect_all`."
                    });
                    quote! {
                        #doc
                        #see_also
                        #many
                        #[inline]
                        pub async fn #fn_name(&self, #(#params,)* page_no: u32, page_size: u32) -> Result<#rt::Page<#item>, #rt::Error> {
                            self.client.call_page(&#request, page_no, page_size).await
                        }
                    }
                }
                None => quote! {
                    #doc
                    #many
                    #[inline]
                    pub async fn #fn_name(&self, #(#params),*) -> Result<#response, #rt::Error> {
                        self.client.call(&#request).await
                    }
                },
            }
        }
    }
}
