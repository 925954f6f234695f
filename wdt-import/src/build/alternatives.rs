//! Alternatives to a time range: `若无订单编号/原始单号/物流单号，则为必填` on the start time,
//! or `按结算单号查询可不传时间参数` on a document number, becomes a `one_of` rule whose first
//! group is the start/end pair; the fields involved become optional.

use crate::draft::{Draft, Field, OneOf, Side, Type};

/// Start/end pairs a time range is spelt with.
const PAIRS: &[(&str, &str)] = &[
    ("start_time", "end_time"),
    ("start_date", "end_date"),
    ("startTime", "endTime"),
];

/// Adds the `one_of` rules of every request struct.
pub(super) fn alternatives(draft: &mut Draft) {
    for s in draft.structs.iter_mut().filter(|s| s.side == Side::Request) {
        let Some((start, end)) = PAIRS.iter().find(|(a, b)| {
            [a, b]
                .iter()
                .all(|n| s.fields.iter().any(|f| f.name == **n && is_time(f)))
        }) else {
            continue;
        };
        let mut groups: Vec<Vec<String>> = vec![vec![(*start).to_owned(), (*end).to_owned()]];
        let mut said: Vec<String> = Vec::new();
        let mut unmatched = false;
        for f in &s.fields {
            let Some(text) = &f.description else { continue };
            if f.name == *start || f.name == *end {
                let Some(names) = documents_instead(text) else {
                    continue;
                };
                for name in names {
                    match by_label(&s.fields, &name) {
                        Some(field) => push_group(&mut groups, field),
                        None => unmatched = true,
                    }
                }
                said.push(sentence_with(text, "若无"));
            } else if text.contains("可不传时间") {
                push_group(&mut groups, &f.name);
                said.push(text.trim().to_owned());
            }
        }
        if groups.len() < 2 {
            continue;
        }
        said.dedup();
        let members: Vec<String> = groups.iter().flatten().cloned().collect();
        for f in s.fields.iter_mut().filter(|f| members.contains(&f.name)) {
            if f.required {
                f.required = false;
                f.allow_empty = false;
                f.comments.push(
                    "The table marks this 必须, but the page names alternatives to it: see the one_of rule."
                        .to_owned(),
                );
            }
        }
        s.rules.push(OneOf {
            groups,
            description: said.join("；"),
            // A named alternative no field stands for would be refused: only warn then.
            warning: unmatched,
        });
    }
}

fn is_time(f: &Field) -> bool {
    matches!(f.ty, Type::DateTime | Type::Date | Type::String)
}

fn push_group(groups: &mut Vec<Vec<String>>, name: &str) {
    let group = vec![name.to_owned()];
    if !groups.contains(&group) {
        groups.push(group);
    }
}

/// The documents named in `若无仓库编号或商家编码，则为必填` (`仓库编号`, `商家编码`).
fn documents_instead(text: &str) -> Option<Vec<String>> {
    let at = text.find("若无")? + "若无".len();
    let rest = &text[at..];
    let end = ["，则", ",则", "则为必填", "则必填", "时必填"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()?;
    let names: Vec<String> = rest[..end]
        .split(['/', '、', '或', '和', '及'])
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The field whose 名称 is the document (`订单编号`), or the closest (`订单号` for 订单编号).
fn by_label<'a>(fields: &'a [Field], name: &str) -> Option<&'a str> {
    let label = |f: &&Field| f.label.as_deref().unwrap_or_default().trim().to_owned();
    let not_time = |f: &&Field| !f.name.contains("time") && !f.name.contains("date");
    fields
        .iter()
        .filter(not_time)
        .find(|f| label(f) == name)
        .or_else(|| {
            fields.iter().filter(not_time).find(|f| {
                let l = label(f);
                l.chars().count() >= 2 && (l.contains(name) || name.contains(&l))
            })
        })
        .or_else(|| {
            // 订单号 for 订单编号: the same document with 编 left out.
            let short = name.replace("编号", "号");
            fields
                .iter()
                .filter(not_time)
                .find(|f| label(f).replace("编号", "号") == short)
        })
        .map(|f| f.name.as_str())
}

/// The sentence of `text` holding `word`.
fn sentence_with(text: &str, word: &str) -> String {
    let at = text.find(word).unwrap_or(0);
    let start = text[..at].rfind(['，', '。', '\n']).map_or(0, |p| {
        p + text[p..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[at..].find(['。', '\n']).map_or(text.len(), |p| at + p);
    text[start..end].trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Struct;

    fn field(name: &str, label: &str, ty: Type, required: bool, description: &str) -> Field {
        let mut f = Field::new(name, ty);
        f.label = Some(label.to_owned());
        f.required = required;
        f.description = Some(description.to_owned());
        f
    }

    fn draft(fields: Vec<Field>) -> Draft {
        Draft {
            structs: vec![Struct {
                comments: Vec::new(),
                name: "Params".into(),
                description: None,
                fields,
                side: Side::Request,
                rules: Vec::new(),
            }],
            ..Draft::default()
        }
    }

    #[test]
    fn documents_named_instead_of_the_time_range() {
        let mut d = draft(vec![
            field(
                "start_time",
                "开始时间",
                Type::DateTime,
                true,
                "修改起始时间，若无订单编号/原始单号/物流单号，则为必填。示例：2021-11-11",
            ),
            field("end_time", "结束时间", Type::DateTime, true, "修改结束时间"),
            field("trade_no", "订单编号", Type::String, false, "订单编号"),
            field("src_tid", "原始单号", Type::String, false, "原始单号"),
            field("logistics_no", "物流单号", Type::String, false, "物流单号"),
        ]);
        alternatives(&mut d);
        let s = &d.structs[0];
        let rule = &s.rules[0];
        assert_eq!(
            rule.groups,
            [
                vec!["start_time", "end_time"],
                vec!["trade_no"],
                vec!["src_tid"],
                vec!["logistics_no"]
            ]
        );
        assert_eq!(rule.description, "若无订单编号/原始单号/物流单号，则为必填");
        assert!(!rule.warning);
        assert!(!s.fields[0].required && !s.fields[1].required);
    }

    #[test]
    fn a_number_that_replaces_the_time_range() {
        let mut d = draft(vec![
            field("start_time", "开始时间", Type::DateTime, true, "开始时间"),
            field("end_time", "结束时间", Type::DateTime, true, "结束时间"),
            field(
                "settle_no",
                "结算单号",
                Type::String,
                false,
                "结算单号 （按结算单号查询可不传时间参数）",
            ),
        ]);
        alternatives(&mut d);
        assert_eq!(
            d.structs[0].rules[0].groups,
            [vec!["start_time", "end_time"], vec!["settle_no"]]
        );
        // 订单号 stands for 订单编号; an unknown document makes the rule a warning.
        let fields = [field("trade_no", "订单号", Type::String, false, "")];
        assert_eq!(by_label(&fields, "订单编号"), Some("trade_no"));
        assert_eq!(
            documents_instead("若无仓库编号或商家编码，则为必填。").unwrap(),
            ["仓库编号", "商家编码"]
        );
    }
}
