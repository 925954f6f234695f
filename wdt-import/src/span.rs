//! Maximum time spans stated in prose: `起止时间差最大1小时`, `最大跨度为60分钟`,
//! `start_time与end_time时间跨度不超过1天`, `查询时间间隔不可以超过七天`.

/// A span limit found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpanLimit {
    /// As the spec writes it: `1h`, `60m`, `30d`.
    pub span: String,
    /// The span in seconds, to compare limits.
    pub seconds: u64,
    /// The two fields the text names before the limit (`start_date`, `end_date`), if any.
    pub fields: Option<(String, String)>,
    /// The condition the sentence puts on the limit (`如传入商家编码，…`), if any.
    pub condition: Option<Condition>,
}

/// A limit stated for when a field is given, or when it is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Condition {
    /// The field as the page names it: its label (`商家编码`) or its wire name.
    pub subject: String,
    /// Whether the limit holds when the field is given (`如传入`) or left out (`如不传入`).
    pub given: bool,
}

/// Words opening a condition on a field, and whether they mean it is given.
const CONDITIONS: &[(&str, bool)] = &[
    ("如不传入", false),
    ("如果不传入", false),
    ("不传入", false),
    ("如传入", true),
    ("如果传入", true),
    ("当传入", true),
];

/// Phrases saying the span is not checked once a field is given: the text before them
/// names the field (`当传入物流单号，其他不校验`, `填写了采购单号的时候起止时间条件失效`).
const LIFTS: &[&str] = &["其他不校验", "起止时间条件失效", "时间条件失效"];

/// Words introducing the field that lifts the limit, tried in order.
const GIVEN: &[&str] = &["当传入", "如传入", "传入", "填写了", "填写"];

/// Words saying what is limited.
const SUBJECTS: &[&str] = &["跨度", "时间差", "间隔", "区间", "相差", "时间范围"];
/// Words saying it is a maximum.
const LIMITS: &[&str] = &[
    "最大",
    "最多",
    "最长",
    "不超过",
    "不能超过",
    "不能大于",
    "不可以超过",
    "不可超过",
    "不得超过",
    "不大于",
    "不可大于",
    "小于等于",
    "以内",
    "之内",
];

/// Every span limit of the text, in order.
pub(crate) fn limits(text: &str) -> Vec<SpanLimit> {
    let text = crate::text::plain_spaces(text).replace("\\_", "_");
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some((amount, unit, end)) = quantity(&chars, i) else {
            i += 1;
            continue;
        };
        let start = chars[i].0;
        // The subject and the limit word come shortly before the amount (or 以内 after it).
        let window_start = chars[i.saturating_sub(20)].0;
        let before = &text[window_start..start];
        let after: String = chars[end..].iter().take(3).map(|(_, c)| c).collect();
        let subject = SUBJECTS.iter().any(|s| before.contains(s));
        let limited = LIMITS.iter().any(|l| before.contains(l))
            || after.starts_with("以内")
            || after.starts_with("之内");
        if subject && limited {
            let sentence_start = text[..start].rfind(['。', '\n', ';', '；']).map_or(0, |p| {
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
            found.push(SpanLimit {
                span: format!("{amount}{unit}"),
                seconds: amount * unit_seconds(unit),
                fields: named_fields(&text[sentence_start..start]),
                condition: condition(&text[sentence_start..start]),
            });
        }
        i = end;
    }
    found
}

/// The condition opening a sentence: `如传入商家编码，` → given 商家编码.
fn condition(sentence: &str) -> Option<Condition> {
    let sentence = sentence.trim_start();
    CONDITIONS.iter().find_map(|(opening, given)| {
        let rest = sentence.strip_prefix(opening)?;
        let subject = rest.split(['，', ',', '时']).next()?.trim();
        (!subject.is_empty()).then(|| Condition {
            subject: subject.to_owned(),
            given: *given,
        })
    })
}

/// The fields whose presence the text says lifts the span limit, as the page names them
/// (`物流单号` of `当传入物流单号，其他不校验`).
pub(crate) fn lifted_by(text: &str) -> Vec<String> {
    let text = crate::text::plain_spaces(text).replace("\\_", "_");
    let mut found = Vec::new();
    for clause in text.split(['。', '\n', ';', '；']) {
        let Some(at) = LIFTS.iter().find_map(|l| clause.find(l)) else {
            continue;
        };
        let before = &clause[..at];
        let Some((word, start)) = GIVEN.iter().find_map(|w| before.rfind(w).map(|p| (*w, p)))
        else {
            continue;
        };
        let subject = before[start + word.len()..]
            .split(['，', ',', '（', '('])
            .next()
            .unwrap_or_default();
        let subject = subject
            .strip_suffix("的时候")
            .or_else(|| subject.strip_suffix("时"))
            .unwrap_or(subject)
            .trim();
        if !subject.is_empty() && !found.iter().any(|f| f == subject) {
            found.push(subject.to_owned());
        }
    }
    found
}

/// An amount and unit starting at char `i`: (amount, unit, end index).
fn quantity(chars: &[(usize, char)], i: usize) -> Option<(u64, &'static str, usize)> {
    let mut end = i;
    let mut amount: u64 = 0;
    if chars[i].1.is_ascii_digit() {
        if i > 0 && chars[i - 1].1.is_ascii_digit() {
            return None;
        }
        while end < chars.len() && chars[end].1.is_ascii_digit() {
            // A run of digits too long for any span is not a quantity (found by wdt-fuzz).
            amount = amount
                .checked_mul(10)?
                .checked_add(u64::from(chars[end].1.to_digit(10)?))?;
            end += 1;
        }
    } else {
        amount = u64::from(chinese_digit(chars[i].1)?);
        end += 1;
        // 十 alone is ten; 三十 is thirty.
        if chars.get(end).is_some_and(|c| c.1 == '十') {
            amount *= 10;
            end += 1;
        }
    }
    let rest: String = chars[end..].iter().take(4).map(|(_, c)| c).collect();
    let rest = rest.trim_start();
    let skipped = chars[end..].iter().take_while(|c| c.1 == ' ').count();
    let units: &[(&str, &str)] = &[
        ("个小时", "h"),
        ("小时", "h"),
        ("分钟", "m"),
        ("min", "m"),
        ("天", "d"),
        ("日", "d"),
        ("秒", "s"),
        ("h", "h"),
    ];
    let (word, unit) = units.iter().find(|(w, _)| rest.starts_with(w))?;
    if amount == 0 {
        return None;
    }
    Some((amount, unit, end + skipped + word.chars().count()))
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '两' | '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 1,
        _ => return None,
    })
}

fn unit_seconds(unit: &str) -> u64 {
    match unit {
        "d" => 86_400,
        "h" => 3_600,
        "m" => 60,
        _ => 1,
    }
}

/// `start_time和end_time最大跨度` → (`start_time`, `end_time`): the last start-like and
/// end-like identifiers of the sentence.
fn named_fields(sentence: &str) -> Option<(String, String)> {
    let idents: Vec<&str> = sentence
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| crate::text::is_identifier(w))
        .collect();
    let start = idents
        .iter()
        .rev()
        .find(|w| w.contains("start") || w.contains("begin") || w.ends_with("_from"))?;
    let end = idents
        .iter()
        .rev()
        .find(|w| w.contains("end") || w.ends_with("_to"))?;
    Some(((*start).to_owned(), (*end).to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        limits(text).into_iter().map(|l| l.span).collect()
    }

    #[test]
    fn a_number_too_long_for_a_span_is_no_span() {
        assert!(spans("起止时间差最大99999999999999999999999999999天").is_empty());
        assert_eq!(spans("起止时间差最大30天"), ["30d"]);
    }

    #[test]
    fn the_ways_pages_state_spans() {
        for (text, span) in [
            ("起止时间差最大1小时", "1h"),
            ("start_time和end_time最大跨度为60分钟。", "60m"),
            ("start_time与end_time时间跨度不超过1天", "1d"),
            ("最大跨度不能超过30天", "30d"),
            ("start_time、end_time时间跨度不能大于7天", "7d"),
            ("start_time与end_time 起止时间区间不能超过30天", "30d"),
            ("请求时间最大跨度为30天。", "30d"),
            (
                "不传起止时间则默认返回全部数据, 起止时间最大间隔30天",
                "30d",
            ),
            (
                "此数据仅保留七天, 每周一凌晨1点删除七天前数据; 查询时间间隔不可以超过七天",
                "7d",
            ),
            ("start_date和end_date最大跨度为60min。", "60m"),
            ("时间跨度在30天以内", "30d"),
        ] {
            assert_eq!(spans(text), vec![span.to_owned()], "{text}");
        }
    }

    #[test]
    fn names_the_fields_and_ignores_other_numbers() {
        let found = limits(
            "如传入商家编码，start_date和end_date最大跨度为30天，\n如不传入商家编码，start_date和end_date最大跨度为60min。",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].fields,
            Some(("start_date".into(), "end_date".into()))
        );
        assert_eq!(found[1].seconds, 3600);
        assert_eq!(
            found[0].condition,
            Some(Condition {
                subject: "商家编码".into(),
                given: true
            })
        );
        assert_eq!(
            found[1].condition,
            Some(Condition {
                subject: "商家编码".into(),
                given: false
            })
        );
        for text in [
            "单次推送建议单量不超过100单",
            "保留七天",
            "一次最多传入200条数据",
            "每周一凌晨1点删除",
        ] {
            assert!(spans(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fields_that_lift_the_limit() {
        assert_eq!(
            lifted_by("物流单号（当传入物流单号，其他不校验）"),
            ["物流单号"]
        );
        assert_eq!(
            lifted_by(
                "如果不填写采购单号则必须填写开始时间和结束时间；填写了采购单号的时候起止时间条件失效；"
            ),
            ["采购单号"]
        );
        assert!(lifted_by("目标仓省份，不校验是否与系统地址库匹配").is_empty());
    }
}
