//! The 类型 column: what the pages write (`Decimal(19,4)`, `List<Map<String, Object>>`,
//! `Sting`, `SubSourceOrder []`) and which spec type it means.

/// A doc type, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DocType {
    String,
    Int,
    Long,
    Decimal,
    Bool,
    Date,
    DateTime,
    /// `Map<String, Object>`: a struct when a sub-table describes it.
    Object,
    /// `Map<String, String>`, the Qimen `Map`.
    StringMap,
    List(Box<DocType>),
    /// A type the page names (`SnInfo`, `OrderCancelRequest`): a struct described elsewhere.
    Named(String),
    /// The paging argument.
    Pager,
}

impl DocType {
    /// The struct name the type gives: `SnInfo` of `List<SnInfo>`, `OrderCancelRequest`.
    pub fn struct_name(&self) -> Option<&str> {
        match self {
            DocType::Named(name) => Some(name),
            DocType::List(inner) => inner.struct_name(),
            _ => None,
        }
    }
}

/// What a type cell says; `None` when it is not a type this importer knows.
pub(crate) fn parse(cell: &str) -> Option<DocType> {
    let squeezed: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\\' | '·' | '\u{a0}'))
        .collect();
    parse_squeezed(&balance(&squeezed))
}

/// Drops unbalanced angle brackets and parentheses (`<Map<String, Object>`, `Decimal(19,4))`).
fn balance(text: &str) -> String {
    let mut text = text.trim_start_matches('<').to_owned();
    while text.matches('>').count() > text.matches('<').count() && text.ends_with('>') {
        text.pop();
    }
    while text.matches(['(', '（']).count() < text.matches([')', '）']).count()
        && text.ends_with([')', '）'])
    {
        text.pop();
    }
    text
}

fn parse_squeezed(text: &str) -> Option<DocType> {
    let lower = text.to_ascii_lowercase();
    if let Some(inner) = lower.strip_suffix("[]") {
        // `String[]`, `SubSourceOrder []`: keep the original case of a named item type.
        let original = &text[..inner.len()];
        return parse_squeezed(original).map(|t| DocType::List(Box::new(t)));
    }
    if let Some(inner) = generic(text, "list") {
        return Some(DocType::List(Box::new(parse_squeezed(inner)?)));
    }
    if let Some(inner) = generic(text, "map") {
        let value = inner.rsplit(',').next().unwrap_or("").to_ascii_lowercase();
        return Some(if value == "string" {
            DocType::StringMap
        } else {
            DocType::Object
        });
    }
    // Sizes and precisions: `Decimal(19,4)`, `BigDecimal<19,4>`, `varchar(40)`.
    let base = lower
        .split(['(', '（', '<'])
        .next()
        .unwrap_or("")
        .trim_end_matches(['：', ':']);
    Some(match base {
        "string" | "sring" | "sting" | "strng" | "str" | "varchar" | "char" | "text" => {
            DocType::String
        }
        "int" | "integer" | "short" | "byte" | "bytre" | "tinyint" | "smallint" => DocType::Int,
        "long" | "bigint" => DocType::Long,
        "decimal" | "bigdecimal" | "double" | "float" | "number" => DocType::Decimal,
        "boolean" | "bool" => DocType::Bool,
        "date" => DocType::Date,
        "datetime" => DocType::DateTime,
        "map" | "object" => DocType::Object,
        "pager" => DocType::Pager,
        _ if crate::text::is_identifier(text) => DocType::Named(text.to_owned()),
        _ => return None,
    })
}

/// `List<X>` → `X`, for `name` = `list`, ignoring case.
fn generic<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = text.find('<')?;
    if !text[..open].eq_ignore_ascii_case(name) {
        return None;
    }
    text[open + 1..].strip_suffix('>')
}

#[cfg(test)]
mod tests {
    use super::*;
    use DocType::*;

    fn list(t: DocType) -> DocType {
        DocType::List(Box::new(t))
    }

    #[test]
    fn scalars_in_every_spelling() {
        for (cell, ty) in [
            ("String", String),
            ("Sring", String),
            ("Sting", String),
            ("String·", String),
            ("varchar", String),
            ("Int", Int),
            ("int", Int),
            ("Byte", Int),
            ("bytre", Int),
            ("Short", Int),
            ("Integer", Int),
            ("long", Long),
            ("Decimal(19,4)", Decimal),
            ("Decimal(19,4）", Decimal),
            ("Decimal(19,4))", Decimal),
            ("Decimal(19.4)", Decimal),
            ("BigDecimal<19,4>", Decimal),
            ("Double", Decimal),
            ("boolean", Bool),
            ("Boolean", Bool),
            ("Date", Date),
            ("datetime", DateTime),
            ("Pager", Pager),
            ("pager", Pager),
        ] {
            assert_eq!(parse(cell), Some(ty), "{cell}");
        }
    }

    #[test]
    fn containers() {
        assert_eq!(parse("Map<String, Object>"), Some(Object));
        assert_eq!(parse("<Map<String, Object>"), Some(Object));
        assert_eq!(parse("<Map<String, Object>>"), Some(Object));
        assert_eq!(parse("Map<String,\u{a0}String>"), Some(StringMap));
        assert_eq!(parse("Map"), Some(Object));
        assert_eq!(parse("List<Map<String,   Object>>"), Some(list(Object)));
        assert_eq!(parse("List<String>"), Some(list(String)));
        assert_eq!(parse("List<Integer>"), Some(list(Int)));
        assert_eq!(parse("String\\[\\]"), Some(list(String)));
        assert_eq!(parse("List<SnInfo>"), Some(list(Named("SnInfo".into()))));
        assert_eq!(
            parse("List<warehouse\\_data>"),
            Some(list(Named("warehouse_data".into())))
        );
        assert_eq!(
            parse("SubSourceOrder []"),
            Some(list(Named("SubSourceOrder".into())))
        );
        assert_eq!(
            parse("OrderCancelRequest"),
            Some(Named("OrderCancelRequest".into()))
        );
        assert_eq!(parse(""), None);
        assert_eq!(parse("数字"), None);
    }
}
