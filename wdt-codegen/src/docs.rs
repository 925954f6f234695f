//! Rustdoc from doc-page text: Chinese descriptions kept verbatim, markdown made inert.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes, one per line of `text`.
pub fn attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Inner `#![doc = "…"]` attributes for a module.
pub fn inner_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

/// Doc-page text as markdown that renders as written: characters markdown or rustdoc would
/// interpret are escaped, and web addresses become links.
pub fn text(raw: &str) -> String {
    let raw = raw.replace("<br>", "\n");
    let mut out = String::with_capacity(raw.len());
    for (i, word) in raw.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("http://") || word.starts_with("https://") {
            out.push('<');
            out.push_str(word);
            out.push('>');
            continue;
        }
        for c in word.chars() {
            match c {
                '[' | ']' | '*' | '_' | '`' | '#' | '|' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// Text for a markdown table cell: one line, pipes escaped.
pub fn cell(raw: &str) -> String {
    text(raw).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_links_addresses() {
        assert_eq!(
            text("List<String> [x] a_b"),
            "List&lt;String&gt; \\[x\\] a\\_b"
        );
        assert_eq!(
            text("see https://open.wangdian.cn/x"),
            "see <https://open.wangdian.cn/x>"
        );
        assert_eq!(cell("0：不开启<br>1：开启"), "0：不开启 1：开启");
    }
}
