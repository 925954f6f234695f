//! The documents the ERP keeps (orders, stockouts, their statuses) and the refusals its
//! rules give.

use chrono::NaiveDateTime;
use wdt::wms::stockout::sales::search_cancel::StockoutStatus;

/// A business rule refused the call: the 旗舰版 answers status 100 with this message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct BusinessError {
    /// The vendor's `code` beside the message, when it sends one (`right.required`).
    pub code: Option<&'static str>,
    /// The vendor-style message.
    pub message: String,
}

impl BusinessError {
    pub(super) fn new(message: impl Into<String>) -> Self {
        BusinessError {
            code: None,
            message: message.into(),
        }
    }
}

/// A Qimen cancel the ERP refused: `<flag>failure</flag>` with this code and message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct QimenRefusal {
    /// `NOT_FOUND`, `WAREHOUSE_MISMATCH`, `STATUS_NOT_CANCELLABLE` or `UNSUPPORTED_TYPE`.
    pub code: &'static str,
    /// The message.
    pub message: String,
}

/// Status of an outer-out order (外仓调整出库单).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OuterOutStatus {
    /// 待审核: created, not checked (stock untouched).
    PendingReview,
    /// 已审核: checked, its quantities taken from stock.
    Checked,
    /// 已取消.
    Cancelled,
}

/// An outer-out order (外仓调整出库单).
#[derive(Debug, Clone, PartialEq)]
pub struct OuterOutOrder {
    /// Business number: the caller's `order_no`, or `WC` + date + sequence.
    pub order_no: String,
    /// 仓库编号.
    pub warehouse_no: String,
    /// `(spec_no, num)` of each detail line.
    pub details: Vec<(String, i64)>,
    /// Status.
    pub status: OuterOutStatus,
    /// Last modification (Beijing time).
    pub modified: NaiveDateTime,
}

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

/// A sales stockout (销售出库单); its status uses the searchCancel spec's values.
#[derive(Debug, Clone, PartialEq)]
pub struct SalesStockout {
    /// 出库单id.
    pub stockout_id: i32,
    /// 出库单编号.
    pub stockout_no: String,
    /// 仓库编号.
    pub warehouse_no: String,
    /// Status.
    pub status: StockoutStatus,
    /// Last modification (Beijing time).
    pub modified: NaiveDateTime,
}

/// Generated records added to the fixed data set.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedOptions {
    /// Seed of the generator: the same options give the same records.
    pub seed: u64,
    /// How many cancelled sales stockouts (what `searchCancel` finds) to generate.
    pub cancelled_stockouts: u32,
    /// Their modification times are spread uniformly over `from..=to`, in whole seconds.
    pub from: NaiveDateTime,
    /// See `from`.
    pub to: NaiveDateTime,
}
