//! The 淘宝 奇门 page layout: a title line, field lists written as `•` lines (name, type,
//! 必须, 示例值, 描述, with `└` marking fields of a struct), a Java request sample and XML
//! replies.
//!
//! The scrape flattens the site's nested lists to one `•` line per cell, so a paragraph holds
//! a whole field list; entries are found by their shape (a name followed by a type and, in
//! request lists, 必须/可选).

use wdt_spec::model::Protocol;

use crate::doc::{Doc, Example, Examples, Param, SubTable};
use crate::draft::{Draft, Field, Type};
use crate::page::{BlockKind, Page};
use crate::text::{compact, shorten};
use crate::titles::{category, method_title};
use crate::types::{self, DocType};
use crate::warning::{Severity, Warnings};

/// Whether the page is a Qimen page: a `taobao.qimen.…` title and a 请求参数 list.
pub(crate) fn recognises(page: &Page) -> bool {
    page.blocks.iter().take(6).any(|b| match &b.kind {
        BlockKind::Text(t) => t.text.trim_start().starts_with("taobao.qimen."),
        _ => false,
    })
}

/// Reads a Qimen page; `None` when it has no method title.
pub(crate) fn read(page: &Page, warnings: &mut Warnings) -> Option<Doc> {
    let mut title = None;
    let mut category_text = None;
    let mut args = Vec::new();
    let mut response = Vec::new();
    let mut examples = Examples::default();
    let mut heading = String::new();
    for block in &page.blocks {
        let BlockKind::Text(text) = &block.kind else {
            continue;
        };
        let first = text.text.lines().next().unwrap_or("").trim();
        if title.is_none() {
            if first.contains('>') {
                category_text = category(first);
            } else if let Some(found) = method_title(first) {
                title = Some((found.0, found.1, block.line));
            }
            continue;
        }
        match compact(first).as_str() {
            "公共参数" | "请求参数" | "响应参数" | "请求示例" | "响应示例" | "异常示例"
            | "错误码解释" => {
                heading = compact(first);
                continue;
            }
            _ => {}
        }
        let raw_lines: Vec<&str> = text.raw.lines().collect();
        match heading.as_str() {
            "请求参数" if first.starts_with("名称") => {
                args = field_list(&text.text, block.line, "请求参数", true, warnings);
            }
            "响应参数" if first.starts_with("名称") => {
                response = field_list(&text.text, block.line, "响应参数", false, warnings);
            }
            "请求示例" => {
                let code: Vec<&str> = raw_lines
                    .iter()
                    .copied()
                    .skip_while(|l| l.trim_start().starts_with('•'))
                    .collect();
                if !code.is_empty() {
                    examples.java_request = Some(Example {
                        text: code.join("\n"),
                        line: block.line,
                        context: "请求示例".to_owned(),
                    });
                }
            }
            "响应示例" | "异常示例" => {
                let xml: Vec<&str> = raw_lines
                    .iter()
                    .copied()
                    .skip_while(|l| !l.trim_start().starts_with('<'))
                    .collect();
                if xml.is_empty() {
                    continue;
                }
                let example = Example {
                    text: xml.join("\n").trim_end().to_owned(),
                    line: block.line,
                    context: heading.clone(),
                };
                if heading == "响应示例" {
                    examples.response = Some(example);
                } else {
                    examples.error = Some(example);
                }
            }
            _ => {}
        }
    }
    let (method, name, title_line) = title?;
    let doc_url = page
        .meta("url")
        .filter(|u| u.starts_with("http"))
        .map(str::to_owned);
    if doc_url.is_none() {
        warnings.push(
            Severity::Review,
            Some(title_line),
            "title",
            "the page carries no address, so the spec has no doc_url",
        );
    }
    // The first arg is the request element, which a call always sends.
    if let Some(request) = args.first_mut() {
        request.required = "必须".to_owned();
    }
    if response.is_empty() {
        response.push(standard_response(title_line, "响应参数", warnings));
    }
    Some(Doc {
        protocol: Protocol::Qimen,
        method,
        title_line,
        // Qimen pages have no description section; the title's name is the description.
        description: Some(name.clone()),
        name,
        category: category_text,
        min_version: None,
        notes: Vec::new(),
        doc_url,
        public_paging: false,
        args,
        body: Default::default(),
        response,
        private_fields: Vec::new(),
        examples,
        example_page_size: None,
    })
}

/// The `<response>` every Qimen method answers with at least (`flag`, `code`, `message`),
/// for a source whose response list is missing, with a warning saying it was assumed.
pub(crate) fn standard_response(line: usize, context: &str, warnings: &mut Warnings) -> Param {
    warnings.push(
        Severity::Guessed,
        Some(line),
        context,
        "no response is described; the standard <response> of flag, code and message is assumed",
    );
    let row = |name: &str, description: &str| Param {
        name: name.to_owned(),
        ty: "String".to_owned(),
        description: description.to_owned(),
        line,
        context: format!("{context} › response"),
        ..Param::default()
    };
    Param {
        name: "response".to_owned(),
        ty: "Response".to_owned(),
        line,
        context: context.to_owned(),
        children: Some(SubTable {
            title: "response".to_owned(),
            rows: vec![
                row("flag", "响应结果:success|failure"),
                row("code", "响应码"),
                row("message", "响应信息"),
            ],
            ..SubTable::default()
        }),
        ..Param::default()
    }
}

/// A field list paragraph: the header line, the root line (`request OrderCancelRequest 可选`)
/// and one `•` line per cell.
fn field_list(
    text: &str,
    line: usize,
    context: &str,
    has_required: bool,
    warnings: &mut Warnings,
) -> Vec<Param> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    lines.next(); // 名称 类型 是否必须 示例值 更多限制 描述
    let Some(root_line) = lines.next() else {
        return Vec::new();
    };
    let root_cells: Vec<&str> = root_line.split_whitespace().collect();
    let mut root = Param {
        name: root_cells.first().copied().unwrap_or("").to_owned(),
        ty: root_cells.get(1).copied().unwrap_or("").to_owned(),
        required: root_cells.get(2).copied().unwrap_or("").to_owned(),
        line: line + 1,
        context: context.to_owned(),
        ..Param::default()
    };
    let cells: Vec<String> = lines
        .map(|l| l.trim_start_matches('•').trim().to_owned())
        .collect();
    let starts: Vec<usize> = (0..cells.len())
        .filter(|&i| is_entry_start(&cells, i, has_required))
        .collect();
    if starts.first() != Some(&0) && !cells.is_empty() {
        warnings.push(
            Severity::Lost,
            Some(line),
            context,
            format!(
                "lines before the first field were not read: {}",
                shorten(&cells[0], 40)
            ),
        );
    }
    let mut fields: Vec<Param> = Vec::new();
    // Index of the struct-typed entry that `└` entries after it belong to.
    let mut container: Option<usize> = None;
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(cells.len());
        let entry = &cells[start..end];
        let nested = entry[0].starts_with('└');
        let name = entry[0].trim_start_matches('└').trim().to_owned();
        let ty = entry.get(1).cloned().unwrap_or_default();
        let (required, rest) = if has_required {
            (
                entry.get(2).cloned().unwrap_or_default(),
                entry.get(3..).unwrap_or(&[]),
            )
        } else {
            (String::new(), entry.get(2..).unwrap_or(&[]))
        };
        // 示例值, 更多限制, 描述: empty cells are missing, so count from the end.
        let (example, limit, description) = match rest {
            [] => (None, None, String::new()),
            [d] => (None, None, d.clone()),
            [e, d] => (Some(e.clone()), None, d.clone()),
            [e, l, d, ..] => (Some(e.clone()), Some(l.clone()), d.clone()),
        };
        let description = match limit {
            Some(l) => format!("{description}\n{l}"),
            None => description,
        };
        let param = Param {
            name,
            ty: ty.clone(),
            required,
            description,
            example,
            line: line + 2 + start,
            context: format!("{context} › {}", root.name),
            ..Param::default()
        };
        let opens_struct = types::parse(&ty)
            .as_ref()
            .and_then(DocType::struct_name)
            .is_some();
        match container {
            Some(c) if nested => {
                let parent = &mut fields[c];
                let context = format!("{context} › {}", parent.name);
                let sub = parent.children.get_or_insert_with(|| SubTable {
                    title: parent.name.clone(),
                    ..SubTable::default()
                });
                sub.rows.push(Param { context, ..param });
            }
            _ => {
                fields.push(param);
                container = None;
            }
        }
        if opens_struct && container.is_none() {
            container = Some(fields.len() - 1);
            warnings.push(
                Severity::Review,
                Some(line + 2 + start),
                context,
                format!(
                    "the list does not show nesting; the └ fields after '{}' are read as its fields",
                    fields[fields.len() - 1].name
                ),
            );
        }
    }
    root.children = Some(SubTable {
        title: root.name.clone(),
        rows: fields,
        ..SubTable::default()
    });
    vec![root]
}

/// Whether cell `i` starts an entry: a name followed by a type (and 必须/可选 in requests).
fn is_entry_start(cells: &[String], i: usize, has_required: bool) -> bool {
    let name = cells[i].trim_start_matches('└').trim();
    if !crate::text::is_identifier(name) {
        return false;
    }
    let Some(ty) = cells.get(i + 1) else {
        return false;
    };
    if has_required {
        matches!(cells.get(i + 2).map(String::as_str), Some("必须" | "可选"))
            && types::parse(ty).is_some()
    } else {
        cells[i].starts_with('└') && types::parse(ty).is_some()
    }
}

/// The request example as the XML it sends, from the page's Java sample (`req.setX("…")`).
/// Fields the sample sets but the table does not list are left out, with a comment.
pub(crate) fn compose_request(doc: &Doc, draft: &mut Draft, warnings: &mut Warnings) {
    let Some(java) = &doc.examples.java_request else {
        return;
    };
    let sample = JavaSample::parse(&java.text);
    let Some(root_arg) = draft.args.first() else {
        return;
    };
    let Some(root) = sample.root() else {
        warnings.push(
            Severity::Lost,
            Some(java.line),
            &java.context,
            "the Java sample builds no request object, so there is no request example",
        );
        return;
    };
    let mut unknown = Vec::new();
    let body = xml_object(draft, &root_arg.ty, root, &sample, &mut unknown);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><{0}>{body}</{0}>",
        root_arg.name
    );
    let mut comments =
        vec!["The page's request example is Java code; this is the XML it sends.".to_owned()];
    if !unknown.is_empty() {
        comments.push(format!(
            "The sample also sets {}, which the parameter list does not list: the spec follows the list.",
            unknown.join(", ")
        ));
        warnings.push(
            Severity::Review,
            Some(java.line),
            &java.context,
            format!(
                "the Java sample sets {}, which the parameter list does not list",
                unknown.join(", ")
            ),
        );
    }
    draft.examples.comments.extend(comments);
    draft.examples.request = Some(xml);
}

/// The elements of one struct value, in the struct's field order.
fn xml_object(
    draft: &Draft,
    ty: &Type,
    object: &JavaObject,
    sample: &JavaSample,
    unknown: &mut Vec<String>,
) -> String {
    let Type::Named(name) = ty else {
        return String::new();
    };
    let Some(s) = draft.structs.iter().find(|s| s.name == *name) else {
        return String::new();
    };
    for (key, _) in &object.sets {
        // Protocol parameters travel in the query string, not the body.
        if !s.fields.iter().any(|f| f.name == *key)
            && !matches!(key.as_str(), "customerId" | "version")
        {
            unknown.push(key.clone());
        }
    }
    let mut out = String::new();
    for field in &s.fields {
        let Some((_, value)) = object.sets.iter().find(|(k, _)| *k == field.name) else {
            continue;
        };
        out.push_str(&xml_value(draft, field, value, sample, unknown));
    }
    out
}

fn xml_value(
    draft: &Draft,
    field: &Field,
    value: &JavaValue,
    sample: &JavaSample,
    unknown: &mut Vec<String>,
) -> String {
    let tag = &field.name;
    match (value, &field.ty) {
        (JavaValue::Text(text), _) => format!("<{tag}>{}</{tag}>", escape_xml(text)),
        (JavaValue::Var(var), Type::List(item)) => {
            let item_tag = field.xml_item.clone().unwrap_or_else(|| "item".to_owned());
            let items: String = sample
                .list(var)
                .iter()
                .filter_map(|v| sample.object(v))
                .map(|o| {
                    format!(
                        "<{item_tag}>{}</{item_tag}>",
                        xml_object(draft, item, o, sample, unknown)
                    )
                })
                .collect();
            format!("<{tag}>{items}</{tag}>")
        }
        (JavaValue::Var(var), ty) => match sample.object(var) {
            Some(o) => format!(
                "<{tag}>{}</{tag}>",
                xml_object(draft, ty, o, sample, unknown)
            ),
            None => String::new(),
        },
    }
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What a Java sample builds: objects with their setter calls, and lists of objects.
#[derive(Debug, Default)]
struct JavaSample {
    /// (variable, object), in order of creation; the first is the request.
    objects: Vec<(String, JavaObject)>,
    /// (variable, item variables).
    lists: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Default)]
struct JavaObject {
    /// (field, value) per `setX(…)` call, with the field in lowerCamelCase.
    sets: Vec<(String, JavaValue)>,
}

#[derive(Debug, Clone)]
enum JavaValue {
    Text(String),
    Var(String),
}

impl JavaSample {
    fn parse(code: &str) -> JavaSample {
        let mut sample = JavaSample::default();
        for line in code.lines().map(str::trim) {
            let line = line.trim_end_matches(';');
            if let Some((lhs, rhs)) = line.split_once('=') {
                let var = lhs.split_whitespace().last().unwrap_or("").to_owned();
                let rhs = rhs.trim();
                if rhs.starts_with("new ArrayList") {
                    sample.lists.push((var, Vec::new()));
                } else if rhs.starts_with("new ") && !rhs.contains("Client(") {
                    sample.objects.push((var, JavaObject::default()));
                }
                continue;
            }
            let Some((target, call)) = line.split_once('.') else {
                continue;
            };
            let Some((method, args)) = call.split_once('(') else {
                continue;
            };
            let arg = args.trim_end_matches(')').trim();
            if method == "add" {
                if let Some((_, items)) = sample.lists.iter_mut().find(|(v, _)| v == target) {
                    items.push(arg.to_owned());
                }
                continue;
            }
            let Some(setter) = method.strip_prefix("set") else {
                continue;
            };
            let mut field = setter.to_owned();
            if let Some(first) = field.get(..1) {
                field.replace_range(..1, &first.to_ascii_lowercase());
            }
            let value = match arg.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
                Some(text) => JavaValue::Text(text.to_owned()),
                None => JavaValue::Var(arg.to_owned()),
            };
            if let Some((_, object)) = sample.objects.iter_mut().find(|(v, _)| v == target) {
                object.sets.push((field, value));
            }
        }
        sample
    }

    fn root(&self) -> Option<&JavaObject> {
        self.objects.first().map(|(_, o)| o)
    }

    fn object(&self, var: &str) -> Option<&JavaObject> {
        self.objects.iter().find(|(v, _)| v == var).map(|(_, o)| o)
    }

    fn list(&self, var: &str) -> &[String] {
        self.lists
            .iter()
            .find(|(v, _)| v == var)
            .map_or(&[], |(_, items)| items.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_java_setters() {
        let sample = JavaSample::parse(
            "QimenClient client = new DefaultQimenClient(url, appkey, secret);\nOrderCancelRequest req = new OrderCancelRequest();\nreq.setOrderCode(\"O1234\");\nList<SubSourceOrder> list2 = new ArrayList<SubSourceOrder>();\nSubSourceOrder obj3 = new SubSourceOrder();\nlist2.add(obj3);\nobj3.setSubSourceOrderCode(\"21324234\");\nreq.setSubSourceOrders(list2);",
        );
        let root = sample.root().unwrap();
        assert_eq!(root.sets[0].0, "orderCode");
        assert!(matches!(&root.sets[1].1, JavaValue::Var(v) if v == "list2"));
        assert_eq!(sample.list("list2"), ["obj3".to_owned()]);
        assert_eq!(
            sample.object("obj3").unwrap().sets[0].0,
            "subSourceOrderCode"
        );
    }
}
