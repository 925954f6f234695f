//! Rustdoc from doc-page text: Chinese descriptions kept verbatim, markdown made inert.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

/// One `#[doc = "…"]` attribute holding every line of `text`.
///
/// One attribute rather than one per line: rustdoc reads them the same, and the compiler
/// parses, lowers and hashes one attribute instead of five for a typical field
/// (docs/design/0011-compile-time.md). [`one_attr_per_line`] splits them again for people.
pub fn attrs(text: &str) -> TokenStream {
    let text = indented(text);
    quote!(#[doc = #text])
}

/// The inner `#![doc = "…"]` of a module: [`attrs`], inside.
pub fn inner_attrs(text: &str) -> TokenStream {
    let text = indented(text);
    quote!(#![doc = #text])
}

/// `text` with a space before every non-empty line, as `///` writes it.
fn indented(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Generated tokens with every multi-line doc attribute split into one attribute per line,
/// which prettyplease prints as `///` (or `//!`) lines: the same documentation, laid out as
/// people write it.
pub fn one_attr_per_line(tokens: TokenStream) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    for token in tokens {
        let TokenTree::Group(group) = token else {
            out.push(token);
            continue;
        };
        // `#[doc = "…"]` or `#![doc = "…"]`: the `#` (and `!`) are already out.
        let prefix = match out.as_slice() {
            [.., TokenTree::Punct(p), TokenTree::Punct(b)]
                if p.as_char() == '#' && b.as_char() == '!' =>
            {
                2
            }
            [.., TokenTree::Punct(p)] if p.as_char() == '#' => 1,
            _ => 0,
        };
        match doc_text(&group).filter(|_| prefix > 0) {
            Some(text) => {
                let prefix = out.split_off(out.len() - prefix);
                for line in text.split('\n') {
                    out.extend(prefix.iter().cloned());
                    out.extend(quote!([doc = #line]));
                }
            }
            None => out.push(TokenTree::Group(nested(group))),
        }
    }
    out.into_iter().collect()
}

/// A group with its doc attributes split.
fn nested(group: Group) -> Group {
    let mut split = Group::new(group.delimiter(), one_attr_per_line(group.stream()));
    split.set_span(group.span());
    split
}

/// The text of an attribute's brackets when they are `doc = "…"`.
fn doc_text(group: &Group) -> Option<String> {
    if group.delimiter() != Delimiter::Bracket {
        return None;
    }
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    match tokens.as_slice() {
        [
            TokenTree::Ident(doc),
            TokenTree::Punct(eq),
            TokenTree::Literal(text),
        ] if doc == "doc" && eq.as_char() == '=' => {
            syn::parse2::<syn::LitStr>(TokenTree::Literal(text.clone()).into())
                .ok()
                .map(|text| text.value())
        }
        _ => None,
    }
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

    #[test]
    fn one_attribute_per_item_split_per_line_for_people() {
        let outer = attrs("标题\n\nwire name `x`");
        let inner = inner_attrs("模块\n说明");
        assert_eq!(
            outer.to_string(),
            quote!(#[doc = " 标题\n\n wire name `x`"]).to_string()
        );
        let split = one_attr_per_line(quote! {
            mod m {
                #inner
                #outer
                #[derive(Debug)]
                pub struct S { #outer pub f: u8 }
            }
        });
        let expected = quote! {
            mod m {
                #![doc = " 模块"]
                #![doc = " 说明"]
                #[doc = " 标题"]
                #[doc = ""]
                #[doc = " wire name `x`"]
                #[derive(Debug)]
                pub struct S {
                    #[doc = " 标题"]
                    #[doc = ""]
                    #[doc = " wire name `x`"]
                    pub f: u8
                }
            }
        };
        assert_eq!(split.to_string(), expected.to_string());
    }
}
