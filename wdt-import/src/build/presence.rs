//! Whether a field must be given: the 必须 column, overruled where the page's prose says
//! the field may be left out (a stated default) or sent empty (可传空).

use super::Builder;
use crate::doc::Param;
use crate::draft::{Field, Type};
use crate::warning::Severity;

/// 必须: 是/Y/y/必须 → true; 否/N/n/可选/blank → false.
pub(super) fn parse_required(cell: &str) -> Option<bool> {
    match crate::text::compact(cell).to_ascii_lowercase().as_str() {
        "是" | "y" | "yes" | "必须" | "必填" | "true" | "required" => Some(true),
        "否" | "n" | "no" | "可选" | "非必须" | "非必填" | "选填" | "false" | "optional" | "" => {
            Some(false)
        }
        _ => None,
    }
}

pub(super) fn required(b: &mut Builder<'_>, param: &Param) -> bool {
    match parse_required(&param.required) {
        Some(required) => required,
        None => {
            b.warnings.push(
                Severity::Guessed,
                Some(param.line),
                param.location(),
                format!(
                    "必须 '{}' is neither yes nor no; read as optional",
                    param.required
                ),
            );
            false
        }
    }
}

/// Reconciles 必须 with the prose once the field's type and default are known.
pub(super) fn settle(param: &Param, field: &mut Field) {
    if field.required && field.default.is_some() {
        // The server fills in a stated default, so the field may be left out (the format
        // refuses `required` with `default`).
        field.required = false;
        field.comments.push(format!(
            "The table marks this 必须 ({}), but the page states a default, so it may be left out.",
            param.required.trim()
        ));
    }
    let may_omit = ["可不传", "不传则", "不传默认"]
        .iter()
        .find(|w| param.description.contains(*w));
    if field.required
        && let Some(words) = may_omit
    {
        field.required = false;
        field.comments.push(format!(
            "The table marks this 必须, but the description says it may be left out ({words})."
        ));
    }
    if field.required && field.ty == Type::String && allows_empty(&param.description) {
        field.allow_empty = true;
    }
}

/// Whether a description lets the string be `""`: `若无可传“”`, `如果没有, 可传""`,
/// `无备注可以传空字符串`, `若无可为””`, `若无可传空`.
fn allows_empty(description: &str) -> bool {
    // The pages quote the empty string every way there is.
    let text: String = description
        .chars()
        .map(|c| match c {
            '“' | '”' | '\'' | '‘' | '’' => '"',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    ["可传\"\"", "可为\"\"", "传\"\"", "空字符串", "可传空"]
        .iter()
        .any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_cells() {
        for yes in ["是", "Y", "y", "必须", " 是 "] {
            assert_eq!(parse_required(yes), Some(true), "{yes}");
        }
        for no in ["否", "N", "n", "可选", ""] {
            assert_eq!(parse_required(no), Some(false), "{no}");
        }
        assert_eq!(parse_required("视情况"), None);
    }

    #[test]
    fn prose_overrules_the_required_column() {
        let param = |required: &str, description: &str| Param {
            name: "x".into(),
            required: required.into(),
            description: description.into(),
            ..Param::default()
        };
        let mut empty_ok = Field::new("json", Type::String);
        empty_ok.required = true;
        settle(&param("是", "json串，若无可传“”"), &mut empty_ok);
        assert!(empty_ok.required && empty_ok.allow_empty);
        for text in [
            "如果没有, 可传\"\"",
            "备注,无备注可以传空字符串",
            "备注，若无可为””",
            "若无可传空",
        ] {
            assert!(allows_empty(text), "{text}");
        }
        assert!(!allows_empty("备注"));

        let mut defaulted = Field::new("validity_type", Type::Int);
        defaulted.required = true;
        defaulted.default = Some(crate::draft::DefaultValue::Int(0));
        settle(&param("是", "默认0"), &mut defaulted);
        assert!(!defaulted.required);
        let mut omissible = Field::new("status", Type::String);
        omissible.required = true;
        settle(&param("是", "不传默认显示全部"), &mut omissible);
        assert!(!omissible.required);
        assert_eq!(defaulted.default, Some(crate::draft::DefaultValue::Int(0)));
    }
}
