//! Value sets written in descriptions, and the defaults (`默认…`) next to them.
//!
//! The pages list values in many styles: one per line (`0：采购单取消<br>1：…`), on one line
//! with separators (`0:调整出库，2:调拨出库`, `10=已取消；20=编辑中`), with `、`
//! (`1、网店销售`), glued without separators (`0取消订单1退款2退货`), or as Qimen codes in
//! parentheses (`单据类型(JYCK=一般交易出库单;HHCK= 换货出库)`). A value is a code followed
//! by a separator and a label; a value list needs at least two distinct codes of one kind.

use heck::ToUpperCamelCase;
use wdt_spec::model::WireValue;

/// A value set found in a description.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueList {
    pub values: Vec<Value>,
    /// Whether the codes are numbers (an `int` enum) rather than strings.
    pub numeric: bool,
    /// The text before the first value (`出库单状态`, `单据类型`), trimmed.
    pub lead: String,
    /// The values were glued to their labels without separators.
    pub glued: bool,
}

/// One listed value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    pub wire: WireValue,
    pub label: String,
}

/// Why a description that lists codes is not turned into an enum.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NotAnEnum {
    /// The codes are bit flags that combine (`修改掩码`, `需要的仓库流程相加`).
    Flags,
    /// A code is listed twice with different labels.
    Repeated(String),
    /// Numbers and string codes are mixed.
    Mixed,
}

/// The value set of a description: `Ok(None)` when there is none.
pub(crate) fn parse(description: &str) -> Result<Option<ValueList>, NotAnEnum> {
    let text = crate::text::plain_spaces(description);
    let mut found = scan(&text);
    let mut glued = false;
    if found.len() < 2 {
        let by_line = line_values(&text);
        if by_line.len() >= 2 {
            found = by_line;
        } else if let Some((values, unseparated)) = glued_values(&text) {
            found = values;
            glued = unseparated;
        }
    }
    if found.len() < 2 {
        return Ok(None);
    }
    let numeric = found.iter().all(|f| matches!(f.wire, WireValue::Int(_)));
    if !numeric && found.iter().any(|f| matches!(f.wire, WireValue::Int(_))) {
        return Err(NotAnEnum::Mixed);
    }
    let mut values: Vec<Value> = Vec::new();
    for f in &found {
        match values.iter().find(|v| v.wire == f.wire) {
            Some(v) if v.label == f.label => {}
            Some(_) => return Err(NotAnEnum::Repeated(show(&f.wire))),
            None => values.push(Value {
                wire: f.wire.clone(),
                label: f.label.clone(),
            }),
        }
    }
    if values.len() < 2 {
        return Ok(None);
    }
    if numeric && is_flag_set(&text, &values) {
        return Err(NotAnEnum::Flags);
    }
    let lead = text[..found[0].start]
        .trim()
        .trim_end_matches(['(', '（', ':', '：', '，', ','])
        .trim()
        .to_owned();
    Ok(Some(ValueList {
        values,
        numeric,
        lead,
        glued,
    }))
}

/// A value found at a position of the text.
#[derive(Debug)]
struct Found {
    start: usize,
    wire: WireValue,
    label: String,
}

/// Every `code separator label` of the text.
fn scan(text: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut codes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((code, after)) = code_at(&chars, i) {
            codes.push((i, code, after));
            i = after;
        } else {
            i += 1;
        }
    }
    if codes.len() >= 2 {
        // Among separated values, one may run into its label (`30:已审核;40已推送:80:已结算`).
        let listed: Vec<WireValue> = codes.iter().map(|(_, c, _)| c.clone()).collect();
        let glued: Vec<_> = (0..chars.len())
            .filter_map(|i| glued_code_at(&chars, i))
            .filter(|(_, code, _)| !listed.contains(code))
            .filter(|(at, _, _)| {
                !codes
                    .iter()
                    .any(|(start, _, label)| (*start..*label).contains(at))
            })
            .collect();
        codes.extend(glued);
        codes.sort_by_key(|(at, _, _)| *at);
    }
    let mut found = Vec::new();
    for (n, (start, code, label_start)) in codes.iter().enumerate() {
        let label_end = codes.get(n + 1).map_or(chars.len(), |(next, _, _)| *next);
        let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
        let label = clean_label(&text[byte(*label_start)..byte(label_end)]);
        if label.is_empty() {
            continue;
        }
        // String codes need a label in words (`JYCK=一般交易出库单`), which keeps times
        // (`HH:mm:ss`) and addresses (`https://…`) out.
        if matches!(code, WireValue::Str(_)) && label.is_ascii() {
            continue;
        }
        found.push(Found {
            start: byte(*start),
            wire: code.clone(),
            label,
        });
    }
    found
}

/// A label as the page writes it, without the separators around it and the prose after it:
/// it ends at the line's end or a full stop, and a bracket it does not open is the
/// description's (`单据类型(JYCK=…;CGTH=采购退货出库单)`).
fn clean_label(raw: &str) -> String {
    let line = raw.lines().next().unwrap_or("");
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        let next = line[i + c.len_utf8()..].chars().next();
        if matches!(c, '。' | '.') && !next.is_some_and(|n| n.is_ascii_digit()) {
            end = i;
            break;
        }
    }
    let mut label = line[..end]
        .trim()
        .trim_end_matches(['，', ',', ';', '；', '、', ':', '：', '|'])
        .trim()
        .to_owned();
    loop {
        let open = label.matches(['(', '（']).count();
        let close = label.matches([')', '）']).count();
        if close > open && label.ends_with([')', '）']) {
            label.pop();
            label = label.trim_end().to_owned();
        } else {
            break;
        }
    }
    label
}

/// A number running into its label (`40已推送`, `40 已取消`): the code, and where the label
/// starts. Only after a separator.
fn glued_code_at(chars: &[(usize, char)], i: usize) -> Option<(usize, WireValue, usize)> {
    let before = i.checked_sub(1).map(|k| chars[k].1)?;
    if !(before.is_whitespace() || matches!(before, '，' | ',' | ';' | '；' | '、')) {
        return None;
    }
    let mut end = i;
    while end < chars.len() && chars[end].1.is_ascii_digit() {
        end += 1;
    }
    if end == i {
        return None;
    }
    let mut label = end;
    while label < chars.len() && chars[label].1 == ' ' {
        label += 1;
    }
    let first = chars.get(label)?.1;
    let words =
        !first.is_ascii() && !matches!(first, '：' | '，' | '、' | '；' | '。' | '（' | '）');
    if !words {
        return None;
    }
    let code: String = chars[i..end].iter().map(|(_, c)| c).collect();
    Some((i, WireValue::Int(code.parse().ok()?), label))
}

/// The code starting at char `i`, and where its label starts.
fn code_at(chars: &[(usize, char)], i: usize) -> Option<(WireValue, usize)> {
    let before = i.checked_sub(1).map(|k| chars[k].1);
    let c = chars[i].1;
    let numeric =
        c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|n| n.1.is_ascii_digit()));
    let mut end = i + 1;
    if numeric {
        while end < chars.len() && chars[end].1.is_ascii_digit() {
            end += 1;
        }
    } else if c.is_ascii_alphabetic() {
        while end < chars.len() && (chars[end].1.is_ascii_alphanumeric() || chars[end].1 == '_') {
            end += 1;
        }
    } else {
        return None;
    }
    // A code starts a line or follows a separator; numbers may also follow a word
    // (`70:已完成80:待推送`).
    let boundary = match before {
        None => true,
        Some(b) => {
            b.is_whitespace()
                || matches!(
                    b,
                    '，' | ',' | ';' | '；' | '、' | '。' | '(' | '（' | '|' | '/' | ':' | '：'
                )
                || (numeric && !b.is_ascii())
        }
    };
    if !boundary {
        return None;
    }
    let mut sep = end;
    while sep < chars.len() && chars[sep].1 == ' ' {
        sep += 1;
    }
    let separator = chars.get(sep)?.1;
    let ok = match separator {
        '：' | '=' => true,
        // `10:42:56` is a time, not a value.
        ':' => !(numeric && chars.get(sep + 1).is_some_and(|n| n.1.is_ascii_digit())),
        '、' => numeric,
        _ => false,
    };
    if !ok {
        return None;
    }
    let code: String = chars[i..end].iter().map(|(_, c)| c).collect();
    let wire = if numeric {
        WireValue::Int(code.parse().ok()?)
    } else {
        if matches!(code.to_ascii_lowercase().as_str(), "true" | "false") {
            return None;
        }
        WireValue::Str(code)
    };
    Some((wire, sep + 1))
}

/// `0无退款<br>1申请退款<br>48 未确认`: one value per line, the number followed directly
/// (or after spaces) by its label.
fn line_values(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let start = offset + (line.len() - trimmed.len());
        offset += line.len();
        let digits = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(trimmed.len());
        if digits == 0 {
            continue;
        }
        let label = trimmed[digits..].trim();
        // The label is words: not a date (`2020-01-28`), a version (`1.5.7.0`) or a unit.
        let words = label
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii() || c.is_ascii_alphabetic())
            && !label.is_ascii();
        let Ok(code) = trimmed[..digits].parse::<i64>() else {
            continue;
        };
        if words {
            found.push(Found {
                start,
                wire: WireValue::Int(code),
                label: label
                    .trim_end_matches(['，', ',', ';', '；', '。', '.', '、'])
                    .trim()
                    .to_owned(),
            });
        }
    }
    found
}

/// Values on one line whose numbers run straight into their labels, separated
/// (`0正常货品，1平台删除，2手工删除`) or not even that (`0取消订单1退款(未发货)2退货`).
/// The flag says the values were not separated.
fn glued_values(text: &str) -> Option<(Vec<Found>, bool)> {
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let offset = line.as_ptr() as usize - text.as_ptr() as usize;
        let mut values = Vec::new();
        let mut separated = true;
        let mut rest = line;
        let mut consumed = 0;
        while !rest.is_empty() {
            let digits = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if digits == 0 {
                return None;
            }
            let code: i64 = rest[..digits].parse().ok()?;
            let label_part = &rest[digits..];
            let label_len = label_part
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(label_part.len());
            let raw_label = &label_part[..label_len];
            let label = raw_label.trim_end_matches(SEPARATORS).trim();
            if !label.starts_with(|c: char| !c.is_ascii()) {
                return None;
            }
            let is_last = label_len == label_part.len();
            if !is_last && !raw_label.ends_with(SEPARATORS) {
                separated = false;
            }
            values.push(Found {
                start: offset + consumed,
                wire: WireValue::Int(code),
                label: label.to_owned(),
            });
            consumed += digits + label_len;
            rest = &label_part[label_len..];
        }
        let increasing = values.windows(2).all(|w| match (&w[0].wire, &w[1].wire) {
            (WireValue::Int(a), WireValue::Int(b)) => a < b,
            _ => false,
        });
        let enough = if separated {
            values.len() >= 2
        } else {
            values.len() >= 3 && increasing
        };
        if enough {
            return Some((values, !separated));
        }
    }
    None
}

/// Characters that separate one value from the next.
const SEPARATORS: &[char] = &['，', ',', ';', '；', '、', '。', ' '];

/// Bit flags: the text says the codes combine, and they are powers of two.
fn is_flag_set(text: &str, values: &[Value]) -> bool {
    let says_so = ["掩码", "相加", "按位", "mask", "位运算"]
        .iter()
        .any(|w| text.contains(w));
    let powers = values.iter().all(|v| match v.wire {
        WireValue::Int(i) => i >= 0 && (i & (i - 1)) == 0,
        _ => false,
    });
    says_so && powers
}

fn show(wire: &WireValue) -> String {
    wire.text()
}

/// A Rust variant name for a value: from an ASCII code (`JYCK` → `Jyck`), or a placeholder
/// (`V14`) when only a Chinese label names it. The flag says it is a placeholder.
pub(crate) fn variant_name(wire: &WireValue) -> (String, bool) {
    match wire {
        WireValue::Int(i) if *i < 0 => (format!("VMinus{}", i.unsigned_abs()), true),
        WireValue::Int(i) => (format!("V{i}"), true),
        WireValue::Bool(b) => (format!("V{b}"), true),
        WireValue::Str(code) => {
            let name = code.to_upper_camel_case();
            if wdt_spec::names::is_type_name(&name) && name != "Unknown" {
                (name, false)
            } else {
                (format!("V{name}"), true)
            }
        }
    }
}

/// A default the description states (`默认0`, `默认false`, `默认不开启`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum StatedDefault {
    Number(String),
    Bool(bool),
    /// Words: matched against the labels of the field's values.
    Words(String),
}

impl StatedDefault {
    /// As the page writes it.
    pub fn text(&self) -> String {
        match self {
            StatedDefault::Number(n) => n.clone(),
            StatedDefault::Bool(b) => b.to_string(),
            StatedDefault::Words(w) => w.clone(),
        }
    }
}

/// The default of a description; `None` when it states none, or several different ones.
pub(crate) fn stated_default(description: &str) -> Option<StatedDefault> {
    let mut found: Vec<StatedDefault> = Vec::new();
    for (at, _) in description.match_indices("默认") {
        let rest = &description[at + "默认".len()..];
        let rest = rest
            .trim_start_matches(['值', '为', '是', ':', '：', ' '])
            .trim_start();
        let token: String = rest
            .chars()
            .take_while(|c| {
                !matches!(
                    c,
                    '，' | ',' | '。' | ';' | '；' | '\n' | ' ' | '(' | '（' | '、'
                )
            })
            .collect();
        // `默认3：不允许合并`: the value's code, then its label.
        let code = token
            .split_once(['：', ':'])
            .map(|(code, _)| code)
            .filter(|code| code.parse::<i64>().is_ok());
        let value = if token.is_empty() {
            continue;
        } else if let Some(code) = code {
            StatedDefault::Number(code.to_owned())
        } else if token.parse::<f64>().is_ok() {
            StatedDefault::Number(token)
        } else if token.eq_ignore_ascii_case("true") {
            StatedDefault::Bool(true)
        } else if token.eq_ignore_ascii_case("false") {
            StatedDefault::Bool(false)
        } else {
            StatedDefault::Words(token)
        };
        if !found.contains(&value) {
            found.push(value);
        }
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
