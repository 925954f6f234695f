//! Small helpers on rendered cell and paragraph text.

/// The text with non-breaking and full-width spaces made plain, each line trimmed at the
/// end, and leading and trailing blank lines removed.
pub(crate) fn tidy(text: &str) -> String {
    let plain = plain_spaces(text);
    let lines: Vec<&str> = plain.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

/// Non-breaking (`&nbsp;`) and ideographic spaces as ordinary spaces.
pub(crate) fn plain_spaces(text: &str) -> String {
    text.replace(['\u{a0}', '\u{3000}'], " ")
}

/// The text without any whitespace or bold markers, for matching headings whose words the
/// scrape split (`**1.1 接口描** **述：**`).
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect()
}

/// Whether `text` is an identifier as the pages write field names (`order_list`, `detailList`).
pub(crate) fn is_identifier(text: &str) -> bool {
    wdt_spec::names::is_wire_name(text)
}

/// Whether the text is a run of line numbers (`1\n2\n3`), the gutter of a rendered code cell.
pub(crate) fn is_line_numbers(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    !lines.is_empty() && lines.iter().all(|l| l.chars().all(|c| c.is_ascii_digit()))
}

/// The first line of the text.
pub(crate) fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}

/// Cuts `text` at `max` characters (on a character boundary), marking the cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let one_line = text.replace('\n', " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_spaces_and_lines() {
        assert_eq!(tidy("\n 客户端\u{a0}V1.2 \nb  \n\n"), "客户端 V1.2\nb");
        assert_eq!(compact("**1.1 接口描** **述：**"), "1.1接口描述：");
    }

    #[test]
    fn recognises_gutters_and_identifiers() {
        assert!(is_line_numbers("1\n2\n3"));
        assert!(!is_line_numbers(""));
        assert!(!is_line_numbers("JSON"));
        assert!(is_identifier("order_list"));
        assert!(!is_identifier("数据"));
        assert_eq!(shorten("abcdef", 3), "abc…");
    }
}
