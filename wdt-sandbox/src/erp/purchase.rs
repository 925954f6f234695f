//! Purchase orders (采购单) and `purchase.PurchaseOrder.cancelByType`'s rules.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use wdt::purchase::purchase_order::cancel_by_type::{self, OperateType};

/// Status of a purchase order (采购单).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PurchaseStatus {
    /// 编辑中.
    Editing,
    /// 待审核.
    PendingReview,
    /// 已审核 (waiting for goods).
    Checked,
    /// 部分入库 (some goods arrived, waiting for the rest).
    PartlyArrived,
    /// 全部入库.
    Completed,
    /// 停止等待 (no more goods expected).
    StoppedWaiting,
    /// 已取消.
    Cancelled,
}

impl PurchaseStatus {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            PurchaseStatus::Editing => "编辑中",
            PurchaseStatus::PendingReview => "待审核",
            PurchaseStatus::Checked => "已审核",
            PurchaseStatus::PartlyArrived => "部分入库",
            PurchaseStatus::Completed => "全部入库",
            PurchaseStatus::StoppedWaiting => "停止等待",
            PurchaseStatus::Cancelled => "已取消",
        }
    }
}

/// A purchase order (采购单).
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseOrder {
    /// 采购单号.
    pub purchase_no: String,
    /// 仓库编号.
    pub warehouse_no: String,
    /// Status.
    pub status: PurchaseStatus,
    /// Pushed to an outsourced warehouse (委外仓/WMS), which may be told to stop waiting.
    pub pushed_to_wms: bool,
    /// Last modification (Beijing time).
    pub modified: NaiveDateTime,
}

/// Every purchase order by number.
#[derive(Debug, Clone, Default)]
pub(super) struct PurchaseOrders(BTreeMap<String, PurchaseOrder>);

impl PurchaseOrders {
    /// Adds or replaces an order.
    pub fn insert(&mut self, order: PurchaseOrder) {
        self.0.insert(order.purchase_no.clone(), order);
    }

    /// An order by number.
    pub fn get(&self, purchase_no: &str) -> Option<&PurchaseOrder> {
        self.0.get(purchase_no)
    }

    /// An order by number, to change.
    pub fn get_mut(&mut self, purchase_no: &str) -> Option<&mut PurchaseOrder> {
        self.0.get_mut(purchase_no)
    }

    /// `purchase.PurchaseOrder.cancelByType`: each order in turn; the failures are reported
    /// in `data.message`, the others applied. See the crate documentation for the rules.
    pub fn cancel_by_type(
        &mut self,
        params: &cancel_by_type::Params,
        now: NaiveDateTime,
    ) -> cancel_by_type::CancelByTypeData {
        let allow_checked = params
            .allow_cancel_checked_order
            .is_some_and(|a| a == cancel_by_type::AllowCancelChecked::Yes);
        let errors: Vec<cancel_by_type::CancelError> = params
            .purchase_no_list
            .iter()
            .filter_map(|no| {
                self.apply(no, params.operate_type, allow_checked, now)
                    .err()
                    .map(|reason| cancel_by_type::CancelError {
                        error: Some(format!("采购单编号:{no},{reason}")),
                    })
            })
            .collect();
        cancel_by_type::CancelByTypeData {
            code: Some(i32::from(!errors.is_empty())),
            error_count: Some(i32::try_from(errors.len()).unwrap_or(i32::MAX)),
            message: errors,
        }
    }

    fn apply(
        &mut self,
        purchase_no: &str,
        operation: OperateType,
        allow_checked: bool,
        now: NaiveDateTime,
    ) -> Result<(), &'static str> {
        let order = self.0.get_mut(purchase_no).ok_or("采购单不存在")?;
        use PurchaseStatus as S;
        let next = match (operation, order.status) {
            (OperateType::Cancel, S::Editing) => S::Cancelled,
            (OperateType::Cancel, S::PendingReview | S::Checked) if allow_checked => S::Cancelled,
            (OperateType::Cancel, S::PendingReview | S::Checked) => {
                return Err("待审核、已审核单据无法取消");
            }
            (OperateType::Cancel, S::Cancelled) => return Err("采购单已取消"),
            (OperateType::Cancel, _) => return Err("采购单已入库，无法取消"),
            (OperateType::StopWaiting, S::PartlyArrived) => S::StoppedWaiting,
            (OperateType::StopWaiting, _) => return Err("采购单非部分入库状态"),
            (OperateType::WmsStopWaiting, _) if !order.pushed_to_wms => {
                return Err("采购单未推送委外仓");
            }
            (OperateType::WmsStopWaiting, S::Checked | S::PartlyArrived) => S::StoppedWaiting,
            (OperateType::WmsStopWaiting, _) => return Err("采购单非已审核或部分入库状态"),
            // Validation rejects values the spec does not list before they get here.
            (OperateType::Unknown(_), _) => return Err("操作类型不支持"),
        };
        order.status = next;
        order.modified = now;
        Ok(())
    }
}
