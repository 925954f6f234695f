//! The Qimen metadata form: one JSON file per method, as the vendor's documentation service
//! publishes it (`name`, `apiChineseName`, `id`, and `requestParams`/`responseParams` trees
//! of `{name, type, required, description, subParams, maxListSize}`).
//!
//! The trees become the same [`Doc`] a Qimen page gives, so every rule of the builder
//! (types, enums from descriptions, list item elements, maps, redaction) applies alike. The
//! metadata carries no examples and no lengths; nothing is made up for them.

use serde::Deserialize;
use wdt_spec::model::Protocol;

use crate::doc::{Doc, Examples, Param, SubTable};
use crate::warning::{Severity, Warnings};

/// The category every file of the metadata belongs to (its `catelog.json`).
const CATEGORY: &str = "奇门仓储API";

#[derive(Deserialize)]
struct Metadata {
    name: String,
    #[serde(rename = "apiChineseName", default)]
    chinese_name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(rename = "requestParams", default)]
    request: Option<Vec<Node>>,
    #[serde(rename = "responseParams", default)]
    response: Option<Vec<Node>>,
}

#[derive(Deserialize)]
struct Node {
    name: String,
    #[serde(rename = "type", default)]
    ty: Option<String>,
    #[serde(default)]
    required: Option<bool>,
    #[serde(default)]
    description: Option<String>,
    #[serde(rename = "subParams", default)]
    sub_params: Option<Vec<Node>>,
    #[serde(rename = "maxListSize", default)]
    max_list_size: Option<serde_json::Value>,
}

/// Whether the text is a metadata file: a JSON object with a `taobao.qimen.` name and a
/// request tree.
pub(crate) fn recognises(text: &str) -> bool {
    text.trim_start().starts_with('{')
        && serde_json::from_str::<Metadata>(text)
            .is_ok_and(|m| m.name.starts_with("taobao.qimen.") && m.request.is_some())
}

/// Reads a metadata file; `None` when it is not one.
pub(crate) fn read(text: &str, warnings: &mut Warnings) -> Option<Doc> {
    let metadata: Metadata = serde_json::from_str(text).ok()?;
    if !metadata.name.starts_with("taobao.qimen.") {
        return None;
    }
    let mut lines = Lines::new(text);
    let title_line = lines.take(&metadata.name).unwrap_or(1);
    let name = metadata
        .chinese_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| metadata.name.clone());
    let doc_url = metadata
        .id
        .as_ref()
        .and_then(id_text)
        .map(|id| format!("https://open.taobao.com/api.htm?docId={id}&docType=2"));
    if doc_url.is_none() {
        warnings.push(
            Severity::Review,
            Some(title_line),
            "id",
            "the file has no doc page id, so the spec has no doc_url",
        );
    }
    let request = root(
        metadata.request.unwrap_or_default(),
        "request",
        Lines::of_key(text, "requestParams").unwrap_or(1),
        &mut lines,
        warnings,
    );
    let response_line = Lines::of_key(text, "responseParams").unwrap_or(title_line);
    let response = root(
        metadata.response.unwrap_or_default(),
        "response",
        response_line,
        &mut lines,
        warnings,
    )
    .unwrap_or_else(|| crate::qimen::standard_response(response_line, "responseParams", warnings));
    // Most files repeat the method name as the description; the Chinese name says more.
    let description = metadata
        .description
        .filter(|d| !d.trim().is_empty() && d.trim() != metadata.name)
        .unwrap_or_else(|| name.clone());
    Some(Doc {
        protocol: Protocol::Qimen,
        method: metadata.name,
        title_line,
        name,
        category: Some(CATEGORY.to_owned()),
        description: Some(description),
        min_version: None,
        notes: Vec::new(),
        doc_url,
        public_paging: false,
        args: request.into_iter().collect(),
        body: Default::default(),
        response: vec![response],
        private_fields: Vec::new(),
        examples: Examples::default(),
        example_page_size: None,
    })
}

fn id_text(id: &serde_json::Value) -> Option<String> {
    match id {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// The `<request>` or `<response>` element: the tree's single root named so, or (the 门店
/// methods list flat parameters) the flat list read as that element's fields, with a
/// warning saying so. `None` for an empty tree (a request without one has no fields; a
/// missing response gets the standard one).
fn root(
    nodes: Vec<Node>,
    element: &str,
    line: usize,
    lines: &mut Lines,
    warnings: &mut Warnings,
) -> Option<Param> {
    let context = if element == "request" {
        "requestParams"
    } else {
        "responseParams"
    };
    match <[Node; 1]>::try_from(nodes) {
        Ok([only]) if only.name == element => {
            let mut param = param(only, context, lines);
            // The request element is what a call sends; it is always there.
            if element == "request" {
                param.required = "必须".to_owned();
            }
            Some(param)
        }
        Ok([only]) => Some(flat_root(
            vec![only],
            element,
            context,
            line,
            lines,
            warnings,
        )),
        Err(nodes) if nodes.is_empty() => None,
        Err(nodes) => Some(flat_root(nodes, element, context, line, lines, warnings)),
    }
}

/// Flat parameters read as the fields of `<request>`/`<response>`.
fn flat_root(
    nodes: Vec<Node>,
    element: &str,
    context: &str,
    line: usize,
    lines: &mut Lines,
    warnings: &mut Warnings,
) -> Param {
    warnings.push(
        Severity::Guessed,
        Some(line),
        context,
        format!(
            "the file lists {} flat parameters and no {element} element; they are read as the fields of <{element}>, as the warehouse methods send theirs",
            nodes.len()
        ),
    );
    let rows = nodes
        .into_iter()
        .map(|node| param(node, &format!("{context} › {element}"), lines))
        .collect();
    Param {
        name: element.to_owned(),
        ty: upper_first(element),
        required: if element == "request" { "必须" } else { "" }.to_owned(),
        line,
        context: context.to_owned(),
        children: Some(SubTable {
            title: element.to_owned(),
            rows,
            ..SubTable::default()
        }),
        ..Param::default()
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One node as a row; its sub-parameters as the sub-table of its struct.
fn param(node: Node, context: &str, lines: &mut Lines) -> Param {
    let line = lines.take(&node.name).unwrap_or(0);
    let description = node.description.unwrap_or_default().trim().to_owned();
    let max_items = node
        .max_list_size
        .as_ref()
        .and_then(id_text)
        .and_then(|max| max.parse().ok());
    let children = node.sub_params.filter(|s| !s.is_empty()).map(|subs| {
        let inner = format!("{context} › {}", node.name);
        SubTable {
            title: node.ty.clone().unwrap_or_else(|| node.name.clone()),
            remark: None,
            rows: subs.into_iter().map(|s| param(s, &inner, lines)).collect(),
        }
    });
    Param {
        label: String::new(),
        name: node.name,
        ty: node.ty.unwrap_or_default(),
        length: String::new(),
        required: if node.required == Some(true) {
            "必须"
        } else {
            "可选"
        }
        .to_owned(),
        description,
        example: None,
        line,
        context: context.to_owned(),
        caption: None,
        children,
        max_items,
    }
}

/// Line numbers for warnings: every `"name": "…"` line of the file, by name, taken in the
/// order the file writes them (a file may write a node's `subParams` before its `name`, so
/// positions are looked up by name rather than by walking the text).
struct Lines {
    by_name: std::collections::HashMap<String, std::collections::VecDeque<usize>>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut by_name: std::collections::HashMap<String, std::collections::VecDeque<usize>> =
            std::collections::HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let Some(rest) = line.trim().strip_prefix("\"name\"") else {
                continue;
            };
            let value = rest.trim_start().trim_start_matches(':').trim();
            let value = value.trim_end_matches(',');
            if let Ok(name) = serde_json::from_str::<String>(value) {
                by_name.entry(name).or_default().push_back(n + 1);
            }
        }
        Lines { by_name }
    }

    /// The line of the next `"name": "<name>"` not yet taken.
    fn take(&mut self, name: &str) -> Option<usize> {
        self.by_name.get_mut(name)?.pop_front()
    }

    /// The line of a top-level key (`"requestParams"`), from the text.
    fn of_key(text: &str, key: &str) -> Option<usize> {
        let needle = format!("\"{key}\"");
        text.lines()
            .position(|l| l.contains(&needle))
            .map(|n| n + 1)
    }
}
