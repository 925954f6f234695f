//! Other-out orders (其他出库单) and `wms.stockout.Other.cancelOtherOrder`'s rules.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::refusal::BusinessError;

/// Status of an other-out order (其他出库单), named like its doc page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OtherOutStatus {
    /// 未确认 (still being edited).
    Unconfirmed,
    /// 待审核.
    PendingReview,
    /// 已审核.
    Checked,
    /// 已完成.
    Completed,
    /// 已取消.
    Cancelled,
}

impl OtherOutStatus {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            OtherOutStatus::Unconfirmed => "未确认",
            OtherOutStatus::PendingReview => "待审核",
            OtherOutStatus::Checked => "已审核",
            OtherOutStatus::Completed => "已完成",
            OtherOutStatus::Cancelled => "已取消",
        }
    }
}

/// An other-out order (其他出库单).
#[derive(Debug, Clone, PartialEq)]
pub struct OtherOutOrder {
    /// 出库单号.
    pub order_no: String,
    /// 仓库编号.
    pub warehouse_no: String,
    /// Status.
    pub status: OtherOutStatus,
    /// Every status it went through, oldest first, the current one last.
    pub history: Vec<OtherOutStatus>,
    /// Last modification (Beijing time).
    pub modified: NaiveDateTime,
}

/// Every other-out order by number.
#[derive(Debug, Clone, Default)]
pub(super) struct OtherOutOrders(BTreeMap<String, OtherOutOrder>);

impl OtherOutOrders {
    /// Adds or replaces an order.
    pub fn insert(&mut self, order: OtherOutOrder) {
        self.0.insert(order.order_no.clone(), order);
    }

    /// An order by number.
    pub fn get(&self, order_no: &str) -> Option<&OtherOutOrder> {
        self.0.get(order_no)
    }

    /// An order by number, to change.
    pub fn get_mut(&mut self, order_no: &str) -> Option<&mut OtherOutOrder> {
        self.0.get_mut(order_no)
    }

    /// `wms.stockout.Other.cancelOtherOrder`: see the crate documentation for the rules.
    pub fn cancel(
        &mut self,
        order_no: &str,
        is_force: bool,
        now: NaiveDateTime,
    ) -> Result<(), BusinessError> {
        let order = self
            .0
            .get_mut(order_no)
            .ok_or_else(|| BusinessError::new("单据不存在"))?;
        match (order.status, is_force) {
            (OtherOutStatus::Unconfirmed, _) => {}
            (OtherOutStatus::PendingReview, true) => {
                // 强制取消: the order is first returned to editing, then cancelled.
                order.history.push(OtherOutStatus::Unconfirmed);
            }
            (OtherOutStatus::PendingReview, false) => {
                return Err(BusinessError::new(
                    "单据状态为待审核，非强制取消仅可取消未确认状态的单据",
                ));
            }
            (OtherOutStatus::Cancelled, _) => return Err(BusinessError::new("单据已取消")),
            (status, _) => {
                return Err(BusinessError::new(format!(
                    "单据状态为{}，不可取消",
                    status.label()
                )));
            }
        }
        order.status = OtherOutStatus::Cancelled;
        order.history.push(OtherOutStatus::Cancelled);
        order.modified = now;
        Ok(())
    }
}
