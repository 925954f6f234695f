//! `taobao.qimen.order.cancel`'s rules: which documents an `orderType` names, the
//! warehouse check, and which statuses of each kind a warehouse may cancel.

use chrono::NaiveDateTime;
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderType};
use wdt::wms::stockout::sales::search_cancel::StockoutStatus;

use super::other_out::{OtherOutOrders, OtherOutStatus};
use super::outer_out::{OuterOutOrders, OuterOutStatus};
use super::purchase::{PurchaseOrders, PurchaseStatus};
use super::stock::Stock;
use super::stockout::{SalesStockouts, StoredStockout};

/// The warehouse code a Qimen caller sends when the ERP does not pick the warehouse.
pub const ANY_WAREHOUSE: &str = "OTHER";

/// A Qimen cancel the ERP refused: `<flag>failure</flag>` with this code and message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct QimenRefusal {
    /// `NOT_FOUND`, `WAREHOUSE_MISMATCH`, `STATUS_NOT_CANCELLABLE` or `UNSUPPORTED_TYPE`.
    pub code: &'static str,
    /// The message.
    pub message: String,
}

/// The kinds of document a Qimen cancel may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocumentKind {
    SalesStockout,
    OtherOut,
    OuterOut,
    Purchase,
}

/// What a Qimen cancel may change: every kind of document it names, and the stock a
/// checked outer-out order gives back.
pub(super) struct Documents<'a> {
    pub stock: &'a mut Stock,
    pub outer_out: &'a mut OuterOutOrders,
    pub other_out: &'a mut OtherOutOrders,
    pub purchase: &'a mut PurchaseOrders,
    pub stockouts: &'a mut SalesStockouts,
}

impl Documents<'_> {
    /// `taobao.qimen.order.cancel`: see the crate documentation for the rules.
    pub fn cancel(
        &mut self,
        request: &OrderCancelRequest,
        now: NaiveDateTime,
    ) -> Result<&'static str, QimenRefusal> {
        let code = request.order_code.as_str();
        let warehouse = request.warehouse_code.as_str();
        let kinds: &[DocumentKind] = match &request.order_type {
            None => &[
                DocumentKind::SalesStockout,
                DocumentKind::OtherOut,
                DocumentKind::OuterOut,
                DocumentKind::Purchase,
            ],
            Some(OrderType::GeneralTradeOut | OrderType::ExchangeOut | OrderType::ReissueOut) => {
                &[DocumentKind::SalesStockout]
            }
            Some(OrderType::OrdinaryOut | OrderType::OtherOut | OrderType::B2bOut) => {
                &[DocumentKind::OtherOut, DocumentKind::OuterOut]
            }
            Some(OrderType::PurchaseIn) => &[DocumentKind::Purchase],
            Some(other) => {
                return Err(QimenRefusal {
                    code: "UNSUPPORTED_TYPE",
                    message: format!("单据类型{}不支持取消", other.label().unwrap_or("未知")),
                });
            }
        };
        let kind = kinds
            .iter()
            .copied()
            .find(|kind| self.warehouse_of(*kind, code).is_some())
            .ok_or_else(|| QimenRefusal {
                code: "NOT_FOUND",
                message: "单据不存在".to_owned(),
            })?;
        if warehouse != ANY_WAREHOUSE && self.warehouse_of(kind, code) != Some(warehouse) {
            return Err(QimenRefusal {
                code: "WAREHOUSE_MISMATCH",
                message: format!("单据{code}不属于仓库{warehouse}"),
            });
        }
        self.cancel_document(kind, code, now)
            .map_err(|status| QimenRefusal {
                code: "STATUS_NOT_CANCELLABLE",
                message: format!("单据状态为{status}，不可取消"),
            })
    }

    fn warehouse_of(&self, kind: DocumentKind, code: &str) -> Option<&str> {
        match kind {
            DocumentKind::SalesStockout => {
                self.stockouts.stored(code).map(|(_, s)| &*s.warehouse_no)
            }
            DocumentKind::OtherOut => self.other_out.get(code).map(|o| &*o.warehouse_no),
            DocumentKind::OuterOut => self.outer_out.get(code).map(|o| &*o.warehouse_no),
            DocumentKind::Purchase => self.purchase.get(code).map(|o| &*o.warehouse_no),
        }
    }

    /// Cancels a document a warehouse was told to cancel; an already cancelled one is a
    /// success (the call may be a retry). `Err` holds the status that forbids it.
    fn cancel_document(
        &mut self,
        kind: DocumentKind,
        code: &str,
        now: NaiveDateTime,
    ) -> Result<&'static str, &'static str> {
        const DONE: &str = "取消成功";
        const ALREADY: &str = "单据已取消";
        match kind {
            DocumentKind::SalesStockout => {
                let Some((id, stockout)) = self.stockouts.stored(code) else {
                    return Err("不存在");
                };
                let stockout = stockout.clone();
                match stockout.status {
                    StockoutStatus::Cancelled => Ok(ALREADY),
                    StockoutStatus::Completed => Err("已完成"),
                    _ => {
                        self.stockouts.store(
                            id,
                            StoredStockout {
                                status: StockoutStatus::Cancelled,
                                modified: now,
                                ..stockout
                            },
                        );
                        Ok(DONE)
                    }
                }
            }
            DocumentKind::OtherOut => {
                let order = self.other_out.get_mut(code).ok_or("不存在")?;
                match order.status {
                    OtherOutStatus::Cancelled => Ok(ALREADY),
                    OtherOutStatus::Unconfirmed | OtherOutStatus::PendingReview => {
                        order.status = OtherOutStatus::Cancelled;
                        order.history.push(OtherOutStatus::Cancelled);
                        order.modified = now;
                        Ok(DONE)
                    }
                    other => Err(other.label()),
                }
            }
            DocumentKind::OuterOut => {
                let order = self.outer_out.get_mut(code).ok_or("不存在")?;
                let was = order.status;
                if was == OuterOutStatus::Cancelled {
                    return Ok(ALREADY);
                }
                order.status = OuterOutStatus::Cancelled;
                order.modified = now;
                if was == OuterOutStatus::Checked {
                    // A checked order had taken its quantities from stock: give them back.
                    for (spec, num) in &order.details {
                        self.stock.give_back(&order.warehouse_no, spec, *num);
                    }
                }
                Ok(DONE)
            }
            DocumentKind::Purchase => {
                let order = self.purchase.get_mut(code).ok_or("不存在")?;
                match order.status {
                    PurchaseStatus::Cancelled => Ok(ALREADY),
                    PurchaseStatus::Editing
                    | PurchaseStatus::PendingReview
                    | PurchaseStatus::Checked => {
                        order.status = PurchaseStatus::Cancelled;
                        order.modified = now;
                        Ok(DONE)
                    }
                    other => Err(other.label()),
                }
            }
        }
    }
}
