//! One endpoint's module: its rustdoc, `Request`, trait impls, `INFO`, and the types of
//! its tables.

use proc_macro2::TokenStream;
use quote::quote;
use wdt_spec::model::{Protocol, Severity, Spec, WindowEnds};

use crate::types::Scope;
use crate::{Context, docs, enums, idents, info, paging, request, structs};

/// The module of one endpoint.
pub fn module(cx: &Context, spec: &Spec) -> TokenStream {
    let module = idents::endpoint_module(spec);
    let doc = docs::inner_attrs(&module_doc(spec));
    let alias = cx.rt_alias();
    let scope = Scope::module(spec);
    let structs = spec.structs.iter().map(|s| structs::expand(cx, &scope, s));
    let enums = spec.enums.iter().map(|e| enums::expand(cx, e));
    let request = request::expand(cx, spec);
    let paging = paging::expand(cx, spec);
    let info = info::expand(cx, spec);
    quote! {
        pub mod #module {
            #doc
            #alias
            #request
            #paging
            #info
            #(#structs)*
            #(#enums)*
        }
    }
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
    if let Some(direction) = e.direction {
        doc.push_str(&format!("| direction | {} |\n", direction.describe()));
    }
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
            .as_ref()
            .map_or("the payload itself".to_owned(), |l| {
                format!("`{}`", l.wire_name)
            });
        let max = match (p.max_page_size, p.assumed_max_page_size) {
            (Some(max), _) => format!("at most {max}"),
            (None, Some(max)) => {
                format!("above {max} warned about (the page advises it, states no limit)")
            }
            (None, None) => "no maximum stated".to_owned(),
        };
        doc.push_str(&format!(
            "| paged | records in {list}; page size {} by default, {max} |\n",
            p.default_page_size
        ));
    }
    for (i, w) in spec.time_windows.iter().enumerate() {
        let ends = match w.ends {
            WindowEnds::Inclusive => "both ends included",
            WindowEnds::HalfOpen => "end excluded",
        };
        let mut spans = format!("at most {}", w.max_span_text);
        for s in &w.span_when {
            spans.push_str(&format!(
                " ({} when `{}` {})",
                s.limit_text(),
                s.field.path,
                s.condition_text()
            ));
        }
        let checked = match w.severity {
            Severity::Error => "",
            Severity::Warning => ", warned about, not refused",
        };
        let scanned = if i == 0 && spec.paging.is_some() {
            "; walked by `WdtClient::scan_windows`"
        } else {
            ""
        };
        doc.push_str(&format!(
            "| time window | {spans} from `{}` to `{}` ({ends}{checked}), when both are given{scanned} |\n",
            w.start.path, w.end.path
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
