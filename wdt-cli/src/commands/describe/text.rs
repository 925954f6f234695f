//! `wdt describe` for people: the [`Description`] as indented text.

use std::fmt::Write as _;

use super::view::{Description, FieldView};

/// Values listed in full up to this many; longer code tables show their first ones and say
/// where the rest are.
const VALUES_SHOWN: usize = 12;

pub fn render(d: &Description) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", d.method, d.name);
    let protocol = match d.protocol {
        "qimen" => "奇门 (qimen)",
        _ => "旗舰版 (wdt)",
    };
    let retry = if d.retry_safe {
        "retry-safe: yes"
    } else {
        "retry-safe: no (never sent twice)"
    };
    let _ = writeln!(out, "  {protocol}, {}; {retry}", d.direction);
    if let Some(description) = &d.description {
        let _ = writeln!(out, "  {description}");
    }
    if let Some(version) = &d.min_version {
        let _ = writeln!(out, "  client version {version} or later");
    }
    if let Some(url) = &d.doc_url {
        let _ = writeln!(out, "  docs: {url}");
    }
    let _ = writeln!(out, "  spec: {}", d.spec);

    let shape = match d.protocol {
        "qimen" => "--json takes the request object",
        _ => "--json takes them as a JSON array, in this order",
    };
    let _ = writeln!(out, "\nArguments ({shape}):");
    for arg in &d.args {
        field(&mut out, arg, 1);
    }
    if !d.rules.is_empty() {
        out.push_str("\nRules:\n");
        for rule in &d.rules {
            let _ = writeln!(out, "  {rule}");
        }
    }
    if !d.time_windows.is_empty() {
        out.push_str("\nTime windows:\n");
        for window in &d.time_windows {
            let _ = writeln!(out, "  {window}");
        }
    }
    if let Some(p) = &d.paging {
        let max = match (p.max_page_size, p.advised_max_page_size) {
            (Some(max), _) => format!("at most {max}"),
            (None, Some(max)) => format!("above {max} warned about (advised, not a stated limit)"),
            (None, None) => "no maximum stated".to_owned(),
        };
        let list = p.list.as_deref().unwrap_or("the payload itself");
        let _ = writeln!(
            out,
            "\nPaging: page size {} by default, {max}; records in {list}{}",
            p.default_page_size,
            p.id.as_deref()
                .map(|id| format!(", identified by {id}"))
                .unwrap_or_default()
        );
    }
    if let Some(response) = &d.response {
        let _ = writeln!(out, "\nReply: {response}");
    }
    if !d.notes.is_empty() {
        out.push_str("\nNotes from the doc page:\n");
        for note in &d.notes {
            let _ = writeln!(out, "  - {note}");
        }
    }
    if let Some(example) = &d.example_args {
        // Quoted for a POSIX shell: a quote inside ends the quoting, is escaped, reopens it.
        let quoted = example.replace('\'', "'\\''");
        let _ = writeln!(out, "\nExample (the page's request):\n  --json '{quoted}'");
    }
    out
}

fn field(out: &mut String, f: &FieldView, depth: usize) {
    let indent = "  ".repeat(depth);
    let mut facts = vec![f.ty.clone()];
    facts.push(match (&f.required, &f.required_when, &f.alternatives) {
        (true, _, _) if f.allow_empty => "required (\"\" accepted)".to_owned(),
        (true, _, _) => "required".to_owned(),
        (false, Some(when), _) => format!("required when {when}"),
        (false, None, Some(alternatives)) => format!("optional; {alternatives}"),
        (false, None, None) => "optional".to_owned(),
    });
    if let Some(max) = f.max_len {
        let per = if f.separator.is_some() {
            " per item"
        } else {
            ""
        };
        facts.push(format!("at most {max} characters{per}"));
    }
    if let Some(separator) = &f.separator {
        facts.push(format!("sent joined by '{separator}'"));
    }
    if let Some(max) = f.max_joined_len {
        facts.push(format!("at most {max} characters joined"));
    }
    if let Some(max) = f.max_digits {
        facts.push(format!("at most {max} integer digits"));
    }
    if let Some(min) = &f.min {
        facts.push(format!("at least {min}"));
    }
    if let Some(max) = &f.max {
        facts.push(format!("at most {max}"));
    }
    if let Some(min) = f.min_items {
        facts.push(format!("at least {min} items"));
    }
    if let Some(max) = f.max_items {
        facts.push(format!("at most {max} items"));
    }
    if let Some(default) = &f.default {
        facts.push(format!("default {default}"));
    }
    if f.warning_only {
        facts.push("checks only warn".to_owned());
    }
    if f.sensitive {
        facts.push("redacted in Debug".to_owned());
    }
    if let Some(seen) = &f.undocumented {
        facts.push(format!("not in the page's table ({seen})"));
    }
    let _ = writeln!(out, "{indent}{}: {}", f.name, facts.join(", "));
    let mut text: Vec<&str> = [f.label.as_deref(), f.description.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    text.dedup();
    if !text.is_empty() {
        let continued = format!("\n{indent}    ");
        let _ = writeln!(
            out,
            "{indent}    {}",
            text.join(": ").trim_end().replace('\n', &continued)
        );
    }
    if let Some(from) = &f.values_from {
        let shown: Vec<String> = f
            .values
            .iter()
            .take(VALUES_SHOWN)
            .map(|v| {
                let wire = match &v.wire {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                match &v.label {
                    Some(label) => format!("{wire} {label}"),
                    None => format!("{wire} ({})", v.name),
                }
            })
            .collect();
        let more = if f.values.len() > VALUES_SHOWN {
            format!(
                " … {} values in all (--format json lists them)",
                f.values.len()
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{indent}    values ({from}): {}{more}",
            shown.join(", ")
        );
    }
    for inner in &f.fields {
        field(out, inner, depth + 1);
    }
}
