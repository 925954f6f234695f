//! Type expressions of the spec format: `string`, `list<OrderDetail>`, `json<list<Error>>`, …

use crate::model::Type;

/// The scalar type names, in the order they are listed in messages.
pub const SCALARS: &[&str] = &[
    "string", "int", "long", "decimal", "bool", "datetime", "date", "any",
];

/// The generic forms, as listed in messages.
pub const GENERICS: &[&str] = &["list<T>", "map<T>", "json<T>"];

/// What a bare name refers to in the file being checked.
pub trait Names {
    /// Whether a struct with this name exists.
    fn is_struct(&self, name: &str) -> bool;
    /// Whether an enum with this name exists.
    fn is_enum(&self, name: &str) -> bool;
    /// Every struct and enum name, for messages.
    fn all(&self) -> Vec<&str>;
    /// Whether a shared code table of this name exists (or cannot be known yet).
    fn is_code(&self, name: &str) -> bool;
    /// The code tables' names, for messages.
    fn codes(&self) -> Vec<&str>;
}

/// Parses a type expression. The error names the unknown part and lists what is allowed.
pub fn parse(text: &str, names: &dyn Names) -> Result<Type, String> {
    let text = text.trim();
    if let Some((outer, inner)) = generic(text) {
        let inner = parse(inner, names)?;
        return match outer {
            "list" => Ok(Type::List(Box::new(inner))),
            "map" => Ok(Type::Map(Box::new(inner))),
            "json" => Ok(Type::Json(Box::new(inner))),
            _ => Err(unknown(outer, &format!("{outer}<…>"), names)),
        };
    }
    if let Some(name) = text.strip_prefix("codes.") {
        return if names.is_code(name) {
            Ok(Type::Code(name.to_owned()))
        } else {
            Err(format!(
                "unknown code table 'codes.{name}' (code tables: {})",
                names.codes().join(", ")
            ))
        };
    }
    match text {
        "string" => Ok(Type::String),
        "int" => Ok(Type::Int),
        "long" => Ok(Type::Long),
        "decimal" => Ok(Type::Decimal),
        "bool" => Ok(Type::Bool),
        "datetime" => Ok(Type::DateTime),
        "date" => Ok(Type::Date),
        "any" => Ok(Type::Any),
        name if names.is_struct(name) => Ok(Type::Struct(name.to_owned())),
        name if names.is_enum(name) => Ok(Type::Enum(name.to_owned())),
        name => Err(unknown(name, name, names)),
    }
}

/// Words other schemas use for our types, so a typo of them still gets a useful hint.
const ALIASES: &[(&str, &str)] = &[
    ("integer", "int"),
    ("byte", "int"),
    ("boolean", "bool"),
    ("double", "decimal"),
    ("bigdecimal", "decimal"),
    ("float", "decimal"),
    ("str", "string"),
    ("object", "any"),
    ("array", "list"),
];

fn generic(text: &str) -> Option<(&str, &str)> {
    let open = text.find('<')?;
    let inner = text[open + 1..].strip_suffix('>')?;
    Some((text[..open].trim(), inner))
}

fn unknown(part: &str, shown: &str, names: &dyn Names) -> String {
    let defined = names.all();
    let mut candidates: Vec<&str> = SCALARS.to_vec();
    candidates.extend(["list", "map", "json"]);
    candidates.extend(defined.iter().copied());
    let mut message = format!("unknown type '{shown}'");
    let alias = ALIASES
        .iter()
        .find(|(word, _)| nearest(part, &[word]).is_some() || part.eq_ignore_ascii_case(word))
        .map(|(_, ty)| *ty);
    if let Some(near) = alias.or_else(|| nearest(part, &candidates)) {
        message.push_str(&format!(", did you mean '{near}'?"));
    }
    message.push_str(&format!(
        " (expected one of {}, {}",
        SCALARS.join(", "),
        GENERICS.join(", ")
    ));
    if defined.is_empty() {
        message.push_str(", or a struct or enum defined in this file)");
    } else {
        message.push_str(&format!(
            ", or a struct or enum of this file: {})",
            defined.join(", ")
        ));
    }
    message
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Defined;
    impl Names for Defined {
        fn is_struct(&self, name: &str) -> bool {
            name == "Order"
        }
        fn is_enum(&self, name: &str) -> bool {
            name == "Status"
        }
        fn all(&self) -> Vec<&str> {
            vec!["Order", "Status"]
        }
        fn is_code(&self, name: &str) -> bool {
            name == "Platform"
        }
        fn codes(&self) -> Vec<&str> {
            vec!["Platform"]
        }
    }

    #[test]
    fn parses_nested_generics() {
        assert_eq!(
            parse("json<list<Order>>", &Defined),
            Ok(Type::Json(Box::new(Type::List(Box::new(Type::Struct(
                "Order".into()
            ))))))
        );
        assert_eq!(parse("Status", &Defined), Ok(Type::Enum("Status".into())));
        assert_eq!(
            parse("list<codes.Platform>", &Defined),
            Ok(Type::List(Box::new(Type::Code("Platform".into()))))
        );
        assert!(
            parse("codes.Nope", &Defined)
                .unwrap_err()
                .contains("code tables: Platform")
        );
        assert_eq!(
            parse("map<string>", &Defined),
            Ok(Type::Map(Box::new(Type::String)))
        );
    }

    #[test]
    fn unknown_types_suggest_and_list() {
        let e = parse("integr", &Defined).unwrap_err();
        assert!(
            e.starts_with("unknown type 'integr', did you mean 'int'?"),
            "{e}"
        );
        assert!(
            e.contains("a struct or enum of this file: Order, Status"),
            "{e}"
        );
        let e = parse("list<Ordr>", &Defined).unwrap_err();
        assert!(e.contains("'Ordr', did you mean 'Order'"), "{e}");
        assert!(
            parse("vec<int>", &Defined)
                .unwrap_err()
                .contains("'vec<…>'")
        );
    }
}
