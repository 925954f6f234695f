//! One row to one field: its type (with structs and enums), length, 必须, default and
//! whether it holds personal data.

use wdt_spec::model::{Protocol, WireValue};

use super::{Builder, presence};
use crate::doc::Param;
use crate::draft::{self, DefaultValue, EnumValue, Field, Side, Type};
use crate::enums::{self, NotAnEnum, StatedDefault, ValueList};
use crate::names::upper_camel;
use crate::text::shorten;
use crate::types::{self, DocType};
use crate::warning::Severity;

/// The field of a row. `parent` names the struct it belongs to (for enum names),
/// `struct_names` are the names to try for its own struct.
pub(super) fn field(
    b: &mut Builder<'_>,
    param: &Param,
    side: Side,
    parent: &str,
    struct_names: Vec<String>,
) -> Option<Field> {
    if !wdt_spec::names::is_wire_name(&param.name) {
        b.warnings.push(
            Severity::Lost,
            Some(param.line),
            param.location(),
            format!(
                "the field name '{}' is not an ASCII identifier, so the row is left out",
                param.name
            ),
        );
        return None;
    }
    let doc_type = types::parse(&param.ty);
    let mut field = Field::new(&param.name, Type::Any);
    field.label = non_empty(&param.label);
    field.description = non_empty(&param.description);
    field.example = param.example.clone();
    field.required = presence::required(b, param);
    field.sensitive = is_sensitive(&param.name, &b.doc.private_fields);
    if let Some(caption) = &param.caption {
        field.comments.push(format!(
            "The page groups the rows from here on under '{caption}'."
        ));
    }

    let structure = match &param.children {
        Some(_) => {
            let description = struct_description(b.doc.protocol, param, doc_type.as_ref());
            b.structure(param, side, struct_names, Some(description))
        }
        None => None,
    };
    if let Some(name) = structure {
        field.ty = match &doc_type {
            Some(DocType::List(_)) => Type::List(Box::new(Type::Named(name))),
            Some(DocType::Object | DocType::Named(_) | DocType::StringMap) | None => {
                Type::Named(name)
            }
            Some(_) => {
                b.warnings.push(
                    Severity::Guessed,
                    Some(param.line),
                    param.location(),
                    format!(
                        "typed '{}' but described by a table of its own; read as that struct",
                        param.ty
                    ),
                );
                Type::Named(name)
            }
        };
        if matches!(field.ty, Type::List(_)) && b.doc.protocol == Protocol::Qimen {
            // Each item is an element named after its type (`SubSourceOrder []` items are
            // `<subSourceOrder>`), or after the list when the page names no type.
            let item = doc_type.as_ref().and_then(DocType::struct_name);
            field.xml_item = Some(item.map_or_else(
                || singular(&param.name),
                heck::ToLowerCamelCase::to_lower_camel_case,
            ));
        }
        field.max_items = param
            .max_items
            .filter(|_| matches!(field.ty, Type::List(_)));
        return Some(field);
    }
    field.ty = scalar_type(b, param, doc_type.as_ref(), &mut field);
    // Only struct fields of a 旗舰版 request can be sent joined (the format's rule).
    let separator = (side == Side::Request
        && b.depth > 0
        && b.doc.protocol == Protocol::Wdt
        && field.ty == Type::String)
        .then(|| super::lists::separator(&param.description))
        .flatten();
    if let Some(list) = value_list(b, param, &field.ty, separator.is_some()) {
        let (enum_name, default) = enumeration(b, param, side, parent, &list);
        if matches!(doc_type, Some(DocType::String)) && list.numeric {
            field.comments.push(format!(
                "The page types this '{}'; its values are the numbers listed, so it is an int enum.",
                param.ty
            ));
        }
        field.ty = Type::Named(enum_name);
        field.default = default;
    } else {
        field.default = default_for(b, param, &field.ty);
    }
    if let Some(separator) = separator {
        super::lists::make_list(&mut field, separator);
    }
    if b.doc.protocol == Protocol::Qimen && matches!(field.ty, Type::List(_)) {
        // A list of plain values has no type name for its item elements.
        let item = singular(&param.name);
        b.warnings.push(
            Severity::Review,
            Some(param.line),
            param.location(),
            format!(
                "a list of plain values names no item element; <{item}> (the list's name in the singular) is assumed"
            ),
        );
        field.xml_item = Some(item);
    }
    presence::settle(param, &mut field);
    length(b, param, &mut field);
    field.max_items = param
        .max_items
        .filter(|_| matches!(field.ty, Type::List(_)));
    Some(field)
}

/// A struct's description: what the row says about it, and which row it is.
fn struct_description(protocol: Protocol, param: &Param, doc_type: Option<&DocType>) -> String {
    let remark = param
        .children
        .as_ref()
        .and_then(|s| s.remark.as_deref())
        .map(|r| format!(" {r}"))
        .unwrap_or_default();
    let said = non_empty(&param.description).or_else(|| non_empty(&param.label));
    match (protocol, doc_type.and_then(DocType::struct_name)) {
        (Protocol::Qimen, Some(type_name)) => match said {
            Some(text) => format!("{type_name}: {text}{remark}"),
            None => format!("{type_name} ({}){remark}", param.name),
        },
        _ => format!(
            "{} ({}){remark}",
            said.unwrap_or_else(|| param.name.clone()),
            param.name
        ),
    }
}

/// The type of a row without a table of its own.
fn scalar_type(
    b: &mut Builder<'_>,
    param: &Param,
    doc_type: Option<&DocType>,
    field: &mut Field,
) -> Type {
    let Some(doc_type) = doc_type else {
        if param.ty.trim().is_empty() {
            // The examples may show what it is; see `crosscheck`.
            field.untyped_at = Some((param.line, param.location()));
        } else {
            b.warnings.push(
                Severity::Guessed,
                Some(param.line),
                param.location(),
                format!("unknown type '{}'; typed any", param.ty),
            );
        }
        return Type::Any;
    };
    match doc_type {
        DocType::String | DocType::Date | DocType::DateTime => match time_kind(param, doc_type) {
            Some((ty, inferred)) => {
                field.time_inferred = inferred;
                ty
            }
            None => Type::String,
        },
        DocType::Int => Type::Int,
        DocType::Long => Type::Long,
        DocType::Decimal => Type::Decimal,
        DocType::Bool => Type::Bool,
        DocType::Object if b.doc.protocol == Protocol::Qimen => Type::Map(Box::new(Type::String)),
        DocType::Object => Type::Map(Box::new(Type::Any)),
        DocType::StringMap => Type::Map(Box::new(Type::String)),
        DocType::List(inner) => Type::List(Box::new(item_type(b, param, inner))),
        DocType::Named(name) => {
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                format!("the page names type '{name}' but has no table for it; typed any"),
            );
            Type::Any
        }
        DocType::Pager => {
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                "a pager below the top level cannot be paged by the client; typed any",
            );
            Type::Any
        }
    }
}

/// The item type of a list without a table.
fn item_type(b: &mut Builder<'_>, param: &Param, inner: &DocType) -> Type {
    match inner {
        DocType::String => Type::String,
        DocType::Int => Type::Int,
        DocType::Long => Type::Long,
        DocType::Decimal => Type::Decimal,
        DocType::Bool => Type::Bool,
        DocType::Date => Type::Date,
        DocType::DateTime => Type::DateTime,
        DocType::Object => Type::Map(Box::new(Type::Any)),
        DocType::StringMap => Type::Map(Box::new(Type::String)),
        DocType::List(deeper) => Type::List(Box::new(item_type(b, param, deeper))),
        DocType::Named(name) => {
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                format!(
                    "the page names item type '{name}' but has no table for it; items typed any"
                ),
            );
            Type::Any
        }
        DocType::Pager => Type::Any,
    }
}

/// `datetime` or `date` for a time string, and whether that was inferred rather than stated.
fn time_kind(param: &Param, doc_type: &DocType) -> Option<(Type, bool)> {
    let description = &param.description;
    let says = |needles: &[&str]| needles.iter().any(|n| description.contains(n));
    // Pages spell the pattern in any case (`YYYY-MM-DD HH:MM:SS`); a time part makes it a
    // datetime whatever the date part says.
    let lower = description.to_ascii_lowercase();
    if ["hh:mm", "h:i:s"].iter().any(|n| lower.contains(n)) {
        return Some((Type::DateTime, false));
    }
    if says(&["yyyy-MM-dd", "YYYY-MM-DD", "Y-m-d"]) {
        return Some((Type::Date, false));
    }
    if *doc_type == DocType::DateTime {
        return Some((Type::DateTime, false));
    }
    let label = if param.label.is_empty() {
        description
    } else {
        &param.label
    };
    let epoch = label.contains("时间戳") || description.contains("时间戳");
    if is_time_name(&param.name) && label.contains("时间") && !epoch {
        return Some((Type::DateTime, true));
    }
    if *doc_type == DocType::Date {
        return Some((Type::Date, false));
    }
    None
}

/// Names of points in time: `start_time`, `modified`, `created_date`, `endTime`.
fn is_time_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("time")
        || lower.ends_with("date")
        || lower.starts_with("modified")
        || lower.starts_with("created")
        || lower == "updated"
}

/// The value list of a description, when the field's type can carry one.
/// `joined`: the field is a separated list, whose items are the listed values.
fn value_list(b: &mut Builder<'_>, param: &Param, ty: &Type, joined: bool) -> Option<ValueList> {
    if !matches!(ty, Type::Int | Type::Long | Type::String) {
        return None;
    }
    match enums::parse(&param.description) {
        Ok(Some(list)) if joined => Some(list),
        Ok(Some(list))
            if *ty == Type::String && list.numeric && holds_several(&param.description) =>
        {
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                format!(
                    "the listed values ({}) are items of a separated list in a string, so the field stays a string",
                    list.values.iter().map(|v| show(&v.wire)).collect::<Vec<_>>().join(", ")
                ),
            );
            None
        }
        Ok(Some(list)) if list.numeric && is_mask(&param.name, &list) => {
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                "the listed values are bit flags of a mask, so the field stays a number",
            );
            None
        }
        Ok(Some(list)) if list.numeric || *ty == Type::String => Some(list),
        Ok(_) => None,
        Err(reason) => {
            let message = match reason {
                NotAnEnum::Flags => {
                    "the listed values are bit flags that combine, so the field stays a number"
                        .to_owned()
                }
                NotAnEnum::Repeated(code) => {
                    format!(
                        "value {code} is listed twice with different meanings, so no enum is made"
                    )
                }
                NotAnEnum::Mixed => {
                    "numbers and codes are mixed in the listed values, so no enum is made"
                        .to_owned()
                }
            };
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                message,
            );
            None
        }
    }
}

/// Whether a string field holds several values (`由逗号隔开的整数字符串`, `英文逗号拼接的状态值`).
fn holds_several(description: &str) -> bool {
    ["逗号", "隔开", "分隔", "拼接", "多个"]
        .iter()
        .any(|w| description.contains(w))
}

/// A mask field (`from_mask`) whose listed values are bits (powers of two, beyond a plain
/// 0/1 switch such as `detail_mask`).
fn is_mask(name: &str, list: &ValueList) -> bool {
    let wide = list
        .values
        .iter()
        .any(|v| matches!(v.wire, WireValue::Int(i) if i >= 4));
    name.to_ascii_lowercase().contains("mask")
        && wide
        && list.values.iter().all(|v| match v.wire {
            // 0 is "no flag set".
            WireValue::Int(i) => i >= 0 && (i & (i - 1)) == 0,
            _ => false,
        })
}

fn show(wire: &WireValue) -> String {
    wire.text()
}

/// The enum of a value list (reusing an identical one), and the field's default.
fn enumeration(
    b: &mut Builder<'_>,
    param: &Param,
    side: Side,
    parent: &str,
    list: &ValueList,
) -> (String, Option<DefaultValue>) {
    let mut values: Vec<EnumValue> = Vec::new();
    for v in &list.values {
        let (mut name, placeholder) = enums::variant_name(&v.wire);
        let base_name = name.clone();
        let mut n = 2;
        while values.iter().any(|x| x.name == name) {
            name = format!("{base_name}{n}");
            n += 1;
        }
        values.push(EnumValue {
            wire: v.wire.clone(),
            name,
            label: v.label.clone(),
            placeholder,
        });
    }
    let default = stated_enum_default(b, param, list);
    let same = |e: &draft::Enum| {
        e.repr_int == list.numeric
            && e.values.len() == values.len()
            && e.values
                .iter()
                .zip(&values)
                .all(|(a, c)| a.wire == c.wire && a.label == c.label)
    };
    if let Some(existing) = b.enums.iter().find(|e| same(e)) {
        return (existing.name.clone(), default);
    }
    let field_name = upper_camel(&param.name);
    let name = b
        .namer
        .claim(&[field_name.clone(), format!("{parent}{field_name}")]);
    let description = non_empty(&param.label).or_else(|| non_empty(&list.lead));
    let mut comments = Vec::new();
    if list.glued {
        comments
            .push("The page writes these values without separators; check the split.".to_owned());
        b.warnings.push(
            Severity::Review,
            Some(param.line),
            param.location(),
            format!(
                "the values are written without separators ({}); check how they were split",
                shorten(&param.description.replace('\n', " "), 40)
            ),
        );
    }
    if values.iter().any(|v| v.placeholder) {
        b.warnings.push(
            Severity::Review,
            Some(param.line),
            param.location(),
            format!("enum {name}: variants are labelled only in Chinese and got placeholder names"),
        );
    }
    b.enums.push(draft::Enum {
        comments,
        name: name.clone(),
        repr_int: list.numeric,
        description,
        values,
        side,
    });
    (name, default)
}

/// The default of an enum field: a listed number, the value whose label the page names
/// (`默认不开启`), or the one value labelled as the default (`0：默认排序`).
fn stated_enum_default(
    b: &mut Builder<'_>,
    param: &Param,
    list: &ValueList,
) -> Option<DefaultValue> {
    let stated = enums::stated_default(&param.description);
    let found = list.values.iter().find(|v| match (&stated, &v.wire) {
        (Some(StatedDefault::Number(n)), WireValue::Int(i)) => n.parse::<i64>().ok() == Some(*i),
        (Some(StatedDefault::Words(w)), WireValue::Str(code)) => w == code,
        (Some(StatedDefault::Words(w)), _) => *w == v.label,
        _ => false,
    });
    let labelled: Vec<&enums::Value> = list
        .values
        .iter()
        .filter(|v| v.label.contains("默认"))
        .collect();
    let found = match (found, labelled.as_slice()) {
        (Some(v), _) => Some(v),
        (None, [only]) => Some(*only),
        (None, _) => None,
    };
    match (found.map(|v| &v.wire), stated) {
        (Some(WireValue::Int(i)), _) => Some(DefaultValue::Int(*i)),
        (Some(WireValue::Str(s)), _) => Some(DefaultValue::Str(s.clone())),
        (Some(WireValue::Bool(b)), _) => Some(DefaultValue::Str(b.to_string())),
        (None, Some(stated @ StatedDefault::Number(_))) => {
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                format!("the stated default ({}) is not one of the listed values; left in the description only", stated.text()),
            );
            None
        }
        // A default in words that names no value ("默认全部") stays in the description.
        (None, _) => None,
    }
}

/// The default of a field without an enum. Defaults in words ("默认当前时间") stay in the
/// description.
fn default_for(b: &mut Builder<'_>, param: &Param, ty: &Type) -> Option<DefaultValue> {
    let stated = enums::stated_default(&param.description)?;
    let value = match (ty, &stated) {
        (Type::Bool, StatedDefault::Bool(v)) => DefaultValue::Bool(*v),
        (Type::Bool, StatedDefault::Number(n)) if n == "0" || n == "1" => {
            DefaultValue::Bool(n == "1")
        }
        (Type::Int | Type::Long, StatedDefault::Number(n)) if n.parse::<i64>().is_ok() => {
            DefaultValue::Int(n.parse().ok()?)
        }
        (Type::Decimal, StatedDefault::Number(n)) => DefaultValue::Decimal(n.clone()),
        (_, StatedDefault::Words(_)) => return None,
        (Type::String | Type::DateTime | Type::Date, _) => return None,
        _ => {
            b.warnings.push(
                Severity::Review,
                Some(param.line),
                param.location(),
                format!("the stated default ({}) does not fit the field's type ({ty}); left in the description only", stated.text()),
            );
            return None;
        }
    };
    Some(value)
}

/// 长度: `max_len` on strings, `digits` on numbers.
fn length(b: &mut Builder<'_>, param: &Param, field: &mut Field) {
    let text = param.length.trim();
    if text.is_empty() {
        return;
    }
    let Ok(n) = text.parse::<u32>() else {
        b.warnings.push(
            Severity::Review,
            Some(param.line),
            param.location(),
            format!("长度 '{text}' is not a number; not transcribed"),
        );
        return;
    };
    match &field.ty {
        Type::List(_) if field.separator.is_some() => super::lists::length(field, n),
        Type::String if n > 0 => field.max_len = Some(n),
        ty if ty.is_number() && (1..=18).contains(&n) => field.digits = Some(n),
        ty if ty.is_number() => b.warnings.push(
            Severity::Review,
            Some(param.line),
            param.location(),
            format!("长度 {n} is not a possible number of digits; not transcribed"),
        ),
        // The 长度 of a time, a flag or an enum code says nothing a spec can check.
        _ => {}
    }
}

/// Personal data: the page's privacy list, and names of contact details.
fn is_sensitive(name: &str, listed: &[String]) -> bool {
    if listed.iter().any(|l| l == name) {
        return true;
    }
    // `receiverMobile` reads like `receiver_mobile`.
    let lower = heck::ToSnakeCase::to_snake_case(name);
    const EXACT: &[&str] = &[
        "mobile",
        "telno",
        "phone",
        "email",
        "address",
        "id_card",
        "idcard",
        "buyer_nick",
        "pay_account",
        "receiver",
        "customer_name",
    ];
    const SUFFIXES: &[&str] = &[
        "_mobile", "_telno", "_phone", "_address", "_email", "_id_card", "_idcard",
    ];
    EXACT.contains(&lower.as_str())
        || lower.starts_with("receiver_")
        || SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// The element name of one item of a Qimen list (`subSourceOrders` → `subSourceOrder`).
fn singular(name: &str) -> String {
    name.strip_suffix("ies")
        .map(|stem| format!("{stem}y"))
        .or_else(|| name.strip_suffix('s').map(str::to_owned))
        .unwrap_or_else(|| format!("{name}Item"))
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_names() {
        assert!(is_sensitive("receiver_name", &[]));
        assert!(is_sensitive("receiver_mobile", &[]));
        assert!(is_sensitive("buyer_nick", &[]));
        assert!(is_sensitive("shop_address", &[]));
        assert!(is_sensitive("nickname", &["nickname".to_owned()]));
        assert!(!is_sensitive("shop_no", &[]));
        assert!(!is_sensitive("warehouse_no", &[]));
        assert!(is_sensitive("receiverMobile", &[]));
    }

    #[test]
    fn time_fields() {
        let param = |name: &str, label: &str, description: &str| Param {
            name: name.into(),
            label: label.into(),
            description: description.into(),
            ..Param::default()
        };
        let kind = |p: &Param| time_kind(p, &DocType::String).map(|(t, _)| t);
        assert_eq!(
            kind(&param(
                "start_time",
                "开始时间",
                "修改时间\nyyyy-MM-dd HH:mm:ss格式"
            )),
            Some(Type::DateTime)
        );
        assert_eq!(
            kind(&param("modified", "最后修改时间", "最后修改时间")),
            Some(Type::DateTime)
        );
        assert_eq!(
            kind(&param("birthday", "生日", "yyyy-MM-dd")),
            Some(Type::Date)
        );
        assert_eq!(
            kind(&param(
                "start_time",
                "开始时间",
                "修改时间，时间格式 YYYY-MM-DD HH:MM:SS"
            )),
            Some(Type::DateTime)
        );
        assert_eq!(kind(&param("expire_date", "有效期", "有效期")), None);
        assert_eq!(kind(&param("timestamp", "秒级时间戳", "")), None);
        assert_eq!(singular("subSourceOrders"), "subSourceOrder");
        assert_eq!(singular("entries"), "entry");
    }
}
