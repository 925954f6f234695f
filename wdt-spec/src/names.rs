//! Rust names from wire and method names: the one place identifiers are cased and escaped.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Type names a spec must not define: the endpoint module's own items (`Request`, `INFO`)
/// and the prelude and std names generated code uses unqualified (`String`, `Vec`, `Option`,
/// `Result`, …), which a struct or enum of the same name would shadow.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Request",
    "Endpoint",
    "Validate",
    "INFO",
    "Self",
    "String",
    "Vec",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Drop",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "Serialize",
    "Deserialize",
];

/// Whether a struct or enum may not take this name (see [`RESERVED_TYPE_NAMES`]).
pub fn is_reserved_type_name(name: &str) -> bool {
    RESERVED_TYPE_NAMES.contains(&name)
}

/// Keywords that need the `r#` prefix to be used as identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Field names generated code adds to request structs: `extra_fields`, the undocumented
/// fields a request sends beside its typed ones.
pub const RESERVED_FIELD_NAMES: &[&str] = &["extra_fields"];

/// Whether a field may not take this Rust name (see [`RESERVED_FIELD_NAMES`]).
pub fn is_reserved_field_name(name: &str) -> bool {
    RESERVED_FIELD_NAMES.contains(&name)
}

/// Keywords that cannot be raw identifiers: they get a trailing underscore.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The snake_case Rust identifier for a wire or method name, escaped when it is a keyword.
pub fn field_ident(wire: &str) -> String {
    escape(wire.to_snake_case())
}

/// The module name for a method segment (`OuterOut` → `outer_out`).
pub fn module_ident(segment: &str) -> String {
    escape(segment.to_snake_case())
}

/// The UpperCamelCase name for a type built from a method segment (`createOrder` → `CreateOrder`).
pub fn type_ident(segment: &str) -> String {
    segment.to_upper_camel_case()
}

fn escape(ident: String) -> String {
    if RESERVED.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// Whether `name` is usable as a type or variant name as written (UpperCamelCase ASCII).
pub fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && !RESERVED.contains(&name)
}

/// Whether a wire name can be turned into an identifier: ASCII letters, digits and `_`,
/// not starting with a digit.
pub fn is_wire_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `name` is a valid snake_case identifier as written (for `rust_name`).
pub fn is_field_name(name: &str) -> bool {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    is_wire_name(bare) && bare.chars().all(|c| !c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_escapes() {
        assert_eq!(field_ident("warehouseCode"), "warehouse_code");
        assert_eq!(field_ident("spec_no"), "spec_no");
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(module_ident("OuterOut"), "outer_out");
        assert_eq!(module_ident("Sales"), "sales");
        assert_eq!(type_ident("cancelByType"), "CancelByType");
        assert_eq!(field_ident("logisticsOrTradeNo"), "logistics_or_trade_no");
    }

    #[test]
    fn recognises_names() {
        assert!(is_type_name("OrderDetail"));
        assert!(!is_type_name("orderDetail"));
        assert!(!is_type_name("Order-Detail"));
        assert!(is_wire_name("src_order_no"));
        assert!(!is_wire_name("2fa"));
        assert!(!is_wire_name("订单"));
        assert!(is_field_name("r#type"));
        assert!(!is_field_name("Type"));
    }
}
