//! Separated lists: a request string whose description says its values are joined
//! (`多个商家编码使用英文逗号分隔`, `多个序列号用","分隔`, `若多个状态则以“，”隔开`) is a
//! typed list sent as one joined string.

use crate::draft::{Field, Type};

/// Below this a 长度 on a list of free text (document numbers) is what one item needs; from
/// here on it is room for several, so it limits the joined string.
const JOINED_LENGTH: u32 = 100;

/// Below this a 长度 on a list of enum codes is one code's width, which the enum already
/// checks; from here on it limits the joined string.
const JOINED_CODES_LENGTH: u32 = 10;

/// The separator a description says the values are joined by, if it says so.
///
/// Every page that joins values says 逗号 or shows the comma, and the one that writes a
/// full-width comma in quotes (`以“，”隔开`) shows ASCII commas in its example, so the
/// separator is always `,`.
pub(super) fn separator(description: &str) -> Option<&'static str> {
    // Quotes around the comma (`用","分隔`, `以“，”隔开`) say nothing more.
    let text: String = description
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '\'' | '「' | '」'))
        .collect();
    const JOINS: &[&str] = &["分隔", "隔开", "拼接", "分割", "隔离"];
    let says_comma = text.contains("逗号") && JOINS.iter().any(|j| text.contains(j));
    let shows_comma = ["用,", "以,", "用，", "以，"].iter().any(|lead| {
        text.match_indices(lead).any(|(at, _)| {
            let after = &text[at + lead.len()..];
            JOINS.iter().any(|j| after.starts_with(j))
        })
    });
    (says_comma || shows_comma).then_some(",")
}

/// Makes `field` (typed as its items) a separated list.
pub(super) fn make_list(field: &mut Field, separator: &str) {
    let item = std::mem::replace(&mut field.ty, Type::Any);
    field.ty = Type::List(Box::new(item));
    field.separator = Some(separator.to_owned());
    // A stated default of one value ("不传默认显示全部" aside) is not a list value.
    field.default = None;
}

/// Where a separated list's 长度 goes: per item (`max_len`) when one item alone needs
/// that much, the whole string (`max_joined_len`) when it is room for several.
pub(super) fn length(field: &mut Field, n: u32) {
    let of_codes = matches!(&field.ty, Type::List(item) if matches!(**item, Type::Named(_)));
    if of_codes {
        if n >= JOINED_CODES_LENGTH {
            field.max_joined_len = Some(n);
        } else {
            field.comments.push(format!(
                "长度 {n} is one code's width, which the enum already checks; not transcribed."
            ));
        }
    } else if n >= JOINED_LENGTH {
        field.max_joined_len = Some(n);
    } else if n > 0 {
        field.max_len = Some(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_values_are_recognised() {
        for text in [
            "多个商家编码使用英文逗号分隔",
            "序列号列表，多个序列号用\",\"分隔，\n例如：\"xxx1,xxx2,xxx3\"",
            "若多个状态则以“，”隔开。 订单状态: 4 线下退款 5已取消",
            "库存管理主键id,多个用逗号隔开 例：\"1,2,3,4,5\"",
            "英文逗号拼接的状态值: 10=已取消",
            "库存同步的仓库id，多个仓库则用,分隔",
        ] {
            assert_eq!(separator(text), Some(","), "{text}");
        }
        for text in ["商家编码", "多个仓库时返回全部", "逗号"] {
            assert_eq!(separator(text), None, "{text}");
        }
    }

    #[test]
    fn lengths_go_per_item_or_to_the_whole() {
        let list = |item: Type| {
            let mut f = Field::new("x", Type::String);
            f.ty = item;
            make_list(&mut f, ",");
            f
        };
        let mut numbers = list(Type::String);
        length(&mut numbers, 40);
        assert_eq!((numbers.max_len, numbers.max_joined_len), (Some(40), None));
        let mut shops = list(Type::String);
        length(&mut shops, 255);
        assert_eq!((shops.max_len, shops.max_joined_len), (None, Some(255)));
        let mut status = list(Type::Named("Status".into()));
        length(&mut status, 64);
        assert_eq!((status.max_len, status.max_joined_len), (None, Some(64)));
        let mut code = list(Type::Named("Status".into()));
        length(&mut code, 4);
        assert_eq!((code.max_len, code.max_joined_len), (None, None));
        assert_eq!(code.separator.as_deref(), Some(","));
        assert_eq!(code.ty.to_string(), "list<Status>");
    }
}
