//! Section 1 (接口说明) of a 旗舰版 page: one `1.x label：content` row per remark.

use crate::text::{compact, tidy};

/// A section-1 row: `1.1 接口描 述： 取消…` → (`1.1接口描述`, `取消…`).
pub(super) fn intro_row(text: &str) -> Option<(String, String)> {
    let text = text.trim_start();
    let number_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let number = &text[..number_end];
    if !number.starts_with("1.") || number.len() < 3 {
        return None;
    }
    let rest = &text[number_end..];
    // The label is short; a colon further on belongs to the content.
    let colon = rest
        .char_indices()
        .take(12)
        .find(|(_, c)| matches!(c, '：' | ':'))
        .map(|(i, c)| (i, c.len_utf8()));
    let (label, content) = match colon {
        Some((i, len)) => (&rest[..i], &rest[i + len..]),
        None => (rest, ""),
    };
    let label = compact(label);
    let mut content = content.trim_start();
    // `接口描述：接口描述: 查询省份信息` repeats its label.
    let bare_label: String = label
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '.')
        .collect();
    if let Some(rest) = content.strip_prefix(bare_label.as_str()) {
        content = rest.trim_start_matches([':', '：', ' ']);
    }
    Some((
        format!("{}{}", number.trim_end_matches('.'), bare_label),
        content.to_owned(),
    ))
}

/// `客户端 V1.4.8.1及以上版本` → `V1.4.8.1`.
pub(super) fn version(text: &str) -> Option<String> {
    let start = text.find(['V', 'v'])?;
    let digits: String = text[start + 1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.');
    (!digits.is_empty()).then(|| format!("V{digits}"))
}

/// Notes whose text is only an answer to their label get the label in front.
pub(super) fn note_prefix(label: &str) -> &'static str {
    if label.contains("增量获取") {
        "增量获取："
    } else if label.contains("权限校验") {
        "权限校验："
    } else {
        ""
    }
}

/// The remarks of a section-1 cell, one per line; a `【…】` tag after a space starts a new one.
pub(super) fn note_lines(content: &str) -> Vec<String> {
    let mut notes = Vec::new();
    for line in tidy(content).lines() {
        let line = line.trim().trim_start_matches("- ").trim();
        for (i, part) in line.split(" 【").enumerate() {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            notes.push(if i == 0 {
                part.to_owned()
            } else {
                format!("【{part}")
            });
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_one_rows() {
        assert_eq!(
            intro_row("1.1 接口描 述： 取消待审核的单据"),
            Some(("1.1接口描述".to_owned(), "取消待审核的单据".to_owned()))
        );
        assert_eq!(
            intro_row("1.1 接口描 述：接口描述: 查询省份信息"),
            Some(("1.1接口描述".to_owned(), "查询省份信息".to_owned()))
        );
        assert_eq!(
            version("客户端\u{a0}V1.4.4.1及以上版本"),
            Some("V1.4.4.1".to_owned())
        );
        assert_eq!(
            version("客户端 V1.5.7.0以上版本"),
            Some("V1.5.7.0".to_owned())
        );
        assert_eq!(version(""), None);
        assert_eq!(
            note_lines("待审核状态单据需要重试 【权限校验】：仓库权限 无仓库权限单据无法取消成功"),
            vec![
                "待审核状态单据需要重试",
                "【权限校验】：仓库权限 无仓库权限单据无法取消成功"
            ]
        );
        assert_eq!(
            note_lines("\n- 一次最多传入200条数据\n  \n- 数据不支持更新"),
            vec!["一次最多传入200条数据", "数据不支持更新"]
        );
    }
}
