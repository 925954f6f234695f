//! Example bodies: code cells and code blocks cleaned into the text a spec keeps.
//!
//! The scrape renders code in three ways: a fenced block inside a cell
//! (```` ```<br>{<br>…<br>``` ````), a line-numbered cell whose lines are strings of inline
//! code with backtick noise (```` ```"operate_type"``: 1,` ````), and fenced blocks whose lines
//! end in a markdown hard break (`\`). Inline-code parsing cannot make sense of the noise, so
//! cells are cleaned from their markdown source instead.

/// The code a table cell holds, from the cell's markdown source.
pub(crate) fn from_cell(raw: &str) -> String {
    let text = raw
        .replace("<br />", "\n")
        .replace("<br/>", "\n")
        .replace("<br>", "\n")
        .replace('`', "");
    reindent(&finish(&decode_entities(&unescape_markdown(&text))))
}

/// Line-numbered cells lose their indentation (it was backtick noise); JSON gets it back
/// from its brackets, four spaces a level. Text that kept any indentation is left alone.
fn reindent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let json = text.starts_with(['{', '[']);
    if !json || lines.len() < 3 || lines.iter().any(|l| l.starts_with([' ', '\t'])) {
        return text.to_owned();
    }
    let mut depth: usize = 0;
    let mut in_string = false;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let closing = line.chars().take_while(|c| matches!(c, '}' | ']')).count();
        out.push(format!(
            "{}{line}",
            "    ".repeat(depth.saturating_sub(closing))
        ));
        let mut escaped = false;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => depth += 1,
                '}' | ']' if !in_string => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    out.join("\n")
}

/// The code of a fenced code block.
pub(crate) fn from_block(text: &str) -> String {
    finish(text)
}

/// Spaces made plain, trailing hard-break backslashes and blank edges removed.
fn finish(text: &str) -> String {
    let text = crate::text::plain_spaces(text);
    let lines: Vec<&str> = text
        .lines()
        .map(|line| {
            let line = line.trim_end();
            // A markdown hard break; never meaningful at the end of a JSON or XML line.
            line.strip_suffix('\\').unwrap_or(line).trim_end()
        })
        .collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |i| i + 1);
    // The first line's indentation is the cell's padding, never the code's.
    lines[start..end].join("\n").trim_start().to_owned()
}

/// Drops the backslash of markdown escapes (`\_`, `\|`, `\[`), keeping the escapes JSON
/// itself uses (`\"`, `\\`, `\/`).
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
        {
            if next.is_ascii_punctuation() && !matches!(next, '"' | '\\' | '/') {
                out.push(next);
                chars.next();
                continue;
            }
            if next == '\\' {
                out.push_str("\\\\");
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// An example made valid JSON, and what was changed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Repaired {
    pub text: String,
    /// What was fixed, for the spec's comment (`a trailing comma removed`).
    pub fixes: Vec<&'static str>,
    /// `//` comments the example carried, which JSON cannot.
    pub comments: Vec<String>,
}

/// Fixes the defects the pages' JSON has, when the result is valid JSON: typographic
/// quotes and full-width `：`/`，` used as JSON punctuation, `//` comments, trailing commas,
/// line breaks inside strings (a wrapped code line), a label before the document
/// (`response: {`), a lost opening brace and lost closing brackets (a code cell whose first
/// or last line the scrape dropped). `None` when that is not enough.
pub(crate) fn repair(text: &str) -> Option<Repaired> {
    let mut fixes = Vec::new();
    let mut comments = Vec::new();
    let mut body = text.trim();
    if let Some((label, rest)) = body.split_once(':')
        && crate::text::is_identifier(label.trim())
        && rest.trim_start().starts_with(['{', '['])
    {
        body = rest.trim_start();
        fixes.push("a label before the JSON removed");
    }
    let mut out = String::with_capacity(body.len() + 4);
    let mut stack: Vec<char> = Vec::new();
    if body.starts_with('"') {
        out.push('{');
        stack.push('}');
        fixes.push("the lost opening brace added");
    }
    // `Some(closing quote)` while inside a string.
    let mut string: Option<char> = None;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(close) = string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                }
                '\n' => {
                    out.push(' ');
                    note(&mut fixes, "a line break inside a string joined");
                }
                c if c == close || (close == '”' && c == '"') => {
                    out.push('"');
                    string = None;
                }
                c => out.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                out.push('"');
                string = Some('"');
            }
            '“' | '”' => {
                out.push('"');
                string = Some('”');
                note(&mut fixes, "typographic quotes made plain");
            }
            '：' => {
                out.push(':');
                note(&mut fixes, "full-width punctuation made plain");
            }
            '，' => {
                out.push(',');
                note(&mut fixes, "full-width punctuation made plain");
            }
            '/' if chars.peek() == Some(&'/') => {
                let comment: String = chars.by_ref().take_while(|c| *c != '\n').collect();
                comments.push(comment.trim_start_matches('/').trim().to_owned());
                out.push('\n');
                note(&mut fixes, "comments moved out");
            }
            '{' => {
                out.push(c);
                stack.push('}');
            }
            '[' => {
                out.push(c);
                stack.push(']');
            }
            '}' | ']' => {
                if stack.pop() != Some(c) {
                    return None;
                }
                let kept = out.trim_end().len();
                if out[..kept].ends_with(',') {
                    out.remove(kept - 1);
                    note(&mut fixes, "a trailing comma removed");
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    if string.is_some() {
        return None;
    }
    if !stack.is_empty() {
        out.push('\n');
        while let Some(close) = stack.pop() {
            out.push(close);
        }
        fixes.push("the lost closing brackets added");
    }
    if fixes.is_empty() || parse_json(&out).is_err() {
        return None;
    }
    Some(Repaired {
        text: out,
        fixes,
        comments,
    })
}

fn note(fixes: &mut Vec<&'static str>, fix: &'static str) {
    if !fixes.contains(&fix) {
        fixes.push(fix);
    }
}

/// Whether the text looks like the start of a JSON document.
pub(crate) fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with(['{', '['])
}

/// The JSON value of an example as the page writes it or repaired; `None` when neither.
pub(crate) fn parse_lenient(text: &str) -> Option<serde_json::Value> {
    parse_json(text)
        .ok()
        .or_else(|| parse_json(&repair(text)?.text).ok())
}

/// The JSON value of an example, or why it is not JSON.
pub(crate) fn parse_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The page size of the first `Pager(50, 0, true)` in a page's source; the scrape may wrap
/// the numbers in backticks (`Pager(``1``,``0``,``true``)`).
pub(crate) fn pager_size(source: &str) -> Option<u32> {
    source.match_indices("Pager(").find_map(|(at, word)| {
        let rest = source[at + word.len()..].trim_start_matches(['`', ' ']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_line_numbered_cells() {
        let raw = "`[`<br>```{`<br>```\"operate_type\"``: 1,`<br>```\"purchase_no_list\"``: [`<br>```\"CG2304260001\"``,`<br>```\"CG2212140008\"`<br>```]`<br>```}`<br>`]`";
        let code = from_cell(raw);
        assert_eq!(
            code,
            "[\n    {\n        \"operate_type\": 1,\n        \"purchase_no_list\": [\n            \"CG2304260001\",\n            \"CG2212140008\"\n        ]\n    }\n]"
        );
        assert!(parse_json(&code).is_ok());
    }

    #[test]
    fn cleans_single_line_cells_and_fenced_cells() {
        let raw = "`[{``\"warehouse_no\"``:``\"pos\"``},[{``\"spec_no\"``:``\"DFAQT101\"``,``\"num\"``:2}],``false``]`";
        assert_eq!(
            from_cell(raw),
            r#"[{"warehouse_no":"pos"},[{"spec_no":"DFAQT101","num":2}],false]"#
        );
        let fenced = "```<br>{<br>    \"status\":0<br>}<br>```";
        assert_eq!(from_cell(fenced), "{\n    \"status\":0\n}");
    }

    #[test]
    fn keeps_json_escapes_and_drops_markdown_ones() {
        let raw = r#"`"message"``:``"[{\"error\":\"a\_b\"}]"`"#;
        assert_eq!(from_cell(raw), r#""message":"[{\"error\":\"a_b\"}]""#);
        assert_eq!(from_cell(r"`a\|b\\c`"), r"a|b\\c");
    }

    #[test]
    fn repairs_what_the_pages_get_wrong() {
        let fixed = |text: &str| repair(text).map(|r| (r.text, r.fixes));
        assert_eq!(
            fixed("{\n\"status\": 0,\n}"),
            Some((
                "{\n\"status\": 0\n}".into(),
                vec!["a trailing comma removed"]
            ))
        );
        assert_eq!(
            fixed("{\"status\":1064,\n\"message\":” Unknown Database Error”}")
                .unwrap()
                .0,
            "{\"status\":1064,\n\"message\":\" Unknown Database Error\"}"
        );
        assert_eq!(
            fixed("{\"a\"：\"b\"，\"c\":1}").unwrap().0,
            "{\"a\":\"b\",\"c\":1}"
        );
        let commented = repair("[{\n\"id\":\"1,2\"//如果两个id都传了，以这个为主\n}]").unwrap();
        assert_eq!(commented.comments, vec!["如果两个id都传了，以这个为主"]);
        assert!(parse_json(&commented.text).is_ok());
        assert_eq!(
            fixed("[{\"start_time\":\"2020-06-15\n10:05:36\"}]")
                .unwrap()
                .0,
            "[{\"start_time\":\"2020-06-15 10:05:36\"}]"
        );
        assert_eq!(
            fixed("response: { \"status\":0 }").unwrap().0,
            "{ \"status\":0 }"
        );
        assert_eq!(
            fixed("\"status\": 0,\n\"data\": 1\n}").unwrap().0,
            "{\"status\": 0,\n\"data\": 1\n}"
        );
        let closed = repair("{\n\"status\": 0,\n\"data\": {\n\"status\": 0\n}").unwrap();
        assert_eq!(closed.fixes, vec!["the lost closing brackets added"]);
        assert_eq!(
            closed.text,
            "{\n\"status\": 0,\n\"data\": {\n\"status\": 0\n}\n}"
        );
        assert_eq!(repair("{\"a\": }"), None);
        assert_eq!(repair("{\"a\": 1}}"), None);
    }

    #[test]
    fn strips_hard_breaks_and_spaces() {
        let block = "[{\\\n\"start_time\":\u{a0}\"2020-01-01 00:00:00\"\\\n}]\n";
        assert_eq!(
            from_block(block),
            "[{\n\"start_time\": \"2020-01-01 00:00:00\"\n}]"
        );
        assert!(looks_like_json(" [1]"));
        assert!(!looks_like_json("<?php"));
    }

    #[test]
    fn pager_sizes_of_the_samples() {
        assert_eq!(pager_size("$pager = new Pager(50, 0, true);"), Some(50));
        assert_eq!(pager_size("new Pager(``1``,``0``,``true``)"), Some(1));
        assert_eq!(pager_size("no pager here"), None);
    }
}
