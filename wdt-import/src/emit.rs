//! The spec file's text: a [`Draft`] printed in the order and style of the hand-written
//! specs, with its comments.

use std::fmt::Write as _;

use wdt_spec::model::WireValue;

use crate::draft::{DefaultValue, Draft, Enum, Field, Side, Struct};

/// The TOML text of a draft.
pub(crate) fn emit(draft: &Draft) -> String {
    let mut out = Out::default();
    for line in &draft.header {
        out.comment(line);
    }
    if !draft.header.is_empty() {
        out.blank();
    }
    endpoint(&mut out, draft);
    for arg in &draft.args {
        out.blank();
        field(&mut out, "[[arg]]", arg);
    }
    for side in [Side::Request, Side::Response] {
        if side == Side::Response
            && let Some(response) = &draft.response
        {
            out.blank();
            out.comments(&response.comments);
            out.line("[response]");
            out.key("type", &response.ty.to_string());
            if let Some(d) = &response.description {
                out.key("description", d);
            }
        }
        for s in draft.structs.iter().filter(|s| s.side == side) {
            structure(&mut out, s);
        }
        for e in draft.enums.iter().filter(|e| e.side == side) {
            enumeration(&mut out, e);
        }
    }
    if let Some(p) = &draft.paging {
        out.blank();
        out.comments(&p.comments);
        out.line("[paging]");
        if let Some(list) = &p.list {
            out.key("list", list);
        }
        if let Some(total) = &p.total {
            out.key("total", total);
        }
        if let Some(id) = &p.id {
            out.key("id", id);
        }
        out.raw_key("default_page_size", &p.default_page_size.to_string());
        if let Some(max) = p.max_page_size {
            out.raw_key("max_page_size", &max.to_string());
        }
        if let Some(max) = p.assumed_max_page_size {
            out.raw_key("assumed_max_page_size", &max.to_string());
        }
    }
    for w in &draft.time_windows {
        out.blank();
        out.comments(&w.comments);
        out.line("[[time_window]]");
        out.key("start", &w.start);
        out.key("end", &w.end);
        out.key("max_span", &w.max_span);
        out.key("ends", "inclusive");
        if !w.span_when.is_empty() {
            let entries: Vec<String> = w
                .span_when
                .iter()
                .map(|s| {
                    format!(
                        "{{ field = {}, max_span = {} }}",
                        string(&s.field),
                        string(&s.max_span)
                    )
                })
                .collect();
            out.raw_key("span_when", &format!("[{}]", entries.join(", ")));
        }
        if w.warning {
            out.key("severity", "warning");
        }
    }
    let ex = &draft.examples;
    if ex.request.is_some()
        || ex.response.is_some()
        || ex.error.is_some()
        || !ex.comments.is_empty()
    {
        out.blank();
        out.comments(&ex.comments);
        out.line("[examples]");
        for (key, text) in [
            ("request", &ex.request),
            ("response", &ex.response),
            ("error", &ex.error),
        ] {
            if let Some(text) = text {
                out.raw_key(key, &multi_line(text));
            }
        }
    }
    out.0
}

fn endpoint(out: &mut Out, draft: &Draft) {
    let e = &draft.endpoint;
    out.line("[endpoint]");
    out.key("method", &e.method);
    out.key("protocol", e.protocol.as_str());
    out.key("name", &e.name);
    if let Some(c) = &e.category {
        out.key("category", c);
    }
    if let Some(d) = &e.description {
        out.key("description", d);
    }
    if let Some(v) = &e.min_version {
        out.key("min_version", v);
    }
    match e.notes.as_slice() {
        [] => {}
        [one] => out.raw_key("notes", &format!("[{}]", string(one))),
        many => {
            out.line("notes = [");
            for note in many {
                out.line(&format!("  {},", string(note)));
            }
            out.line("]");
        }
    }
    out.raw_key("retry_safe", &e.retry_safe.to_string());
    if let Some(url) = &e.doc_url {
        out.key("doc_url", url);
    }
    if let Some(direction) = e.direction {
        out.key("direction", direction);
    }
}

fn structure(out: &mut Out, s: &Struct) {
    out.blank();
    out.comments(&s.comments);
    out.line("[[struct]]");
    out.key("name", &s.name);
    if let Some(d) = &s.description {
        out.key("description", d);
    }
    for f in &s.fields {
        out.blank();
        field(out, "[[struct.field]]", f);
    }
    for rule in &s.rules {
        out.blank();
        out.line("[[struct.rule]]");
        out.key("kind", "one_of");
        let groups: Vec<String> = rule
            .groups
            .iter()
            .map(|g| {
                let names: Vec<String> = g.iter().map(|n| string(n)).collect();
                format!("[{}]", names.join(", "))
            })
            .collect();
        out.raw_key("groups", &format!("[{}]", groups.join(", ")));
        out.key("description", &rule.description);
        if rule.warning {
            out.key("severity", "warning");
        }
    }
}

fn field(out: &mut Out, header: &str, f: &Field) {
    out.comments(&f.comments);
    out.line(header);
    out.key("name", &f.name);
    if let Some(rust_name) = &f.rust_name {
        out.key("rust_name", rust_name);
    }
    if let Some(label) = &f.label {
        out.key("label", label);
    }
    if let Some(example) = &f.example {
        out.key("example", example);
    }
    out.key("type", &f.ty.to_string());
    if let Some(item) = &f.xml_item {
        out.key("xml_item", item);
    }
    if let Some(sep) = &f.separator {
        out.key("separator", sep);
    }
    for (key, value) in [
        ("max_len", f.max_len),
        ("max_joined_len", f.max_joined_len),
        ("min_items", f.min_items),
        ("max_items", f.max_items),
        ("digits", f.digits),
    ] {
        if let Some(n) = value {
            out.raw_key(key, &n.to_string());
        }
    }
    if f.required {
        out.raw_key("required", "true");
    }
    if f.allow_empty {
        out.raw_key("allow_empty", "true");
    }
    if let Some(d) = &f.default {
        let value = match d {
            DefaultValue::Int(i) => i.to_string(),
            DefaultValue::Decimal(text) => text.clone(),
            DefaultValue::Bool(b) => b.to_string(),
            DefaultValue::Str(s) => string(s),
        };
        out.raw_key("default", &value);
    }
    if f.warning {
        out.key("severity", "warning");
    }
    if let Some(seen) = &f.undocumented {
        out.key("undocumented", seen);
    }
    if f.sensitive {
        out.raw_key("sensitive", "true");
    }
    if let Some(d) = &f.description {
        out.key("description", d);
    }
}

fn enumeration(out: &mut Out, e: &Enum) {
    out.blank();
    out.comments(&e.comments);
    out.line("[[enum]]");
    out.key("name", &e.name);
    out.key("type", if e.repr_int { "int" } else { "string" });
    if let Some(d) = &e.description {
        out.key("description", d);
    }
    out.line("values = [");
    for v in &e.values {
        let wire = match &v.wire {
            WireValue::Int(i) => i.to_string(),
            WireValue::Str(s) => string(s),
            WireValue::Bool(b) => b.to_string(),
        };
        let mut line = format!(
            "  {{ wire = {wire}, name = {}, label = {} }},",
            string(&v.name),
            string(&v.label)
        );
        if v.placeholder {
            line.push_str(" # TODO: name this variant");
        }
        out.line(&line);
    }
    out.line("]");
}

/// A one-line TOML basic string, line breaks escaped as `\n` like the hand-written specs.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An example as a `'''` literal when it can be one, else an escaped basic string.
fn multi_line(text: &str) -> String {
    let text = text.replace('\r', "");
    let literal_ok = !text.contains("'''")
        && !text.ends_with('\'')
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t');
    if !literal_ok {
        return string(&text);
    }
    if text.contains('\n') {
        format!("'''\n{text}\n'''")
    } else {
        format!("'''{text}'''")
    }
}

#[derive(Default)]
struct Out(String);

impl Out {
    fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }

    fn blank(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
    }

    fn comment(&mut self, text: &str) {
        for line in text.lines() {
            if line.is_empty() {
                self.line("#");
            } else {
                let _ = writeln!(self.0, "# {line}");
            }
        }
    }

    fn comments(&mut self, lines: &[String]) {
        for line in lines {
            self.comment(line);
        }
    }

    fn key(&mut self, key: &str, value: &str) {
        self.raw_key(key, &string(value));
    }

    fn raw_key(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {value}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_reads_back_as_written() {
        for text in [
            "plain",
            "引号\"与\\反斜杠",
            "line\nbreak\ttab\r",
            "\u{0}\u{1f}\u{7f}\u{85}",
            "'single' and '''triple'''",
            "",
        ] {
            let document = format!("a = {}\nb = {}\n", string(text), multi_line(text));
            let parsed: toml::Table =
                toml::from_str(&document).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(parsed["a"].as_str(), Some(text));
            let b = parsed["b"].as_str().unwrap();
            assert_eq!(b.strip_suffix('\n').unwrap_or(b), text.replace('\r', ""));
        }
    }

    #[test]
    fn strings_and_examples_are_valid_toml() {
        assert_eq!(string("a\"b\nc"), r#""a\"b\nc""#);
        assert_eq!(multi_line("[1, 2]"), "'''[1, 2]'''");
        assert_eq!(multi_line("{\n}"), "'''\n{\n}\n'''");
        assert_eq!(multi_line("it's'"), string("it's'"));
        let text = format!(
            "a = {}\nb = {}\n",
            multi_line("x'''y"),
            multi_line("{\n\"k\": 1\n}")
        );
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(parsed["a"].as_str(), Some("x'''y"));
        assert_eq!(parsed["b"].as_str(), Some("{\n\"k\": 1\n}\n"));
    }
}
