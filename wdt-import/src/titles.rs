//! The page title (`**wms.stockout.Other.cancelOtherOrder（其他出库单取消）**`) and the
//! breadcrumb (`当前位置： API文档 > 采购类`), which both layouts have.

use crate::text::{compact, is_identifier};

/// `wms.stockout.Other.cancelOtherOrder（其他出库单取消）` → (method, name).
pub(crate) fn method_title(text: &str) -> Option<(String, String)> {
    let squeezed = compact(text);
    let squeezed = squeezed.trim_start_matches('#');
    let end = squeezed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(squeezed.len());
    let (method, rest) = squeezed.split_at(end);
    let method = method.trim_end_matches('.');
    let segments: Vec<&str> = method.split('.').collect();
    if segments.len() < 3 || segments.iter().any(|s| !is_identifier(s)) {
        return None;
    }
    let name = rest
        .strip_prefix(['（', '('])
        .map(|r| r.strip_suffix(['）', ')']).unwrap_or(r))
        .unwrap_or(rest);
    Some((method.to_owned(), name.to_owned()))
}

/// `当前位置： API文档 > 采购类` → `采购类`.
pub(crate) fn category(text: &str) -> Option<String> {
    let mut parts = text.split('>').map(str::trim);
    parts.next();
    let parts: Vec<&str> = parts.filter(|p| !p.is_empty()).collect();
    parts.last().map(|p| (*p).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_their_many_spellings() {
        let cases = [
            (
                "wms.stockout.Other.cancelOtherOrder（其他出库单取消）",
                "wms.stockout.Other.cancelOtherOrder",
                "其他出库单取消",
            ),
            (
                "purchase.PurchaseOrder.cancelByType （采购单取消新）",
                "purchase.PurchaseOrder.cancelByType",
                "采购单取消新",
            ),
            (
                "w ms.stockout.OtherQuery.queryWithDetail （其他出库单查询）",
                "wms.stockout.OtherQuery.queryWithDetail",
                "其他出库单查询",
            ),
            (
                "sales.StockSync.batchCalcStock 库存同步计算查询(支持批量查询)",
                "sales.StockSync.batchCalcStock",
                "库存同步计算查询(支持批量查询)",
            ),
            (
                "setting.PurchaseProvider.push(供应商信息推送）",
                "setting.PurchaseProvider.push",
                "供应商信息推送",
            ),
        ];
        for (text, method, name) in cases {
            assert_eq!(
                method_title(text),
                Some((method.to_owned(), name.to_owned())),
                "{text}"
            );
        }
        assert_eq!(method_title("1.接口说明"), None);
        assert_eq!(
            category("当前位置： API文档 > 采购类"),
            Some("采购类".to_owned())
        );
        assert_eq!(category("当前位置： API文档"), None);
    }
}
