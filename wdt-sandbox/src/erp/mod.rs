//! The in-memory ERP behind the five seed endpoints: stock, outer-out orders (外仓调整出库单),
//! other-out orders (其他出库单), purchase orders (采购单) and sales stockouts (销售出库单),
//! each with a status and a modification time (Beijing time).
//!
//! The rules each endpoint applies are listed in the crate documentation; the fixed data set
//! every sandbox starts with is [`Erp::new`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use chrono::{Duration as TimeDelta, NaiveDateTime};
use wdt::purchase::purchase_order::cancel_by_type::{self, OperateType};
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderType};
use wdt::wms::outer::outer_out::create_order::{self, CreateOrderData, CreateOrderStatus};
use wdt::wms::stockout::sales::search_cancel::{CancelledStockout, StockoutStatus};

/// The warehouse code a Qimen caller sends when the ERP does not pick the warehouse.
pub const ANY_WAREHOUSE: &str = "OTHER";

mod records;
#[cfg(test)]
mod tests;

pub use records::*;

/// First id of generated stockouts, above every id of the fixed data set.
const FIRST_SEEDED_ID: i32 = 10_000_001;

/// A sales stockout as kept: its number is shared with the number index and its warehouse
/// code with every stockout of that warehouse, so a seeded ERP of 100,000 stockouts stays
/// small.
#[derive(Debug, Clone)]
struct StoredStockout {
    stockout_no: Arc<str>,
    warehouse_no: Arc<str>,
    status: StockoutStatus,
    modified: NaiveDateTime,
}

/// The ERP's state.
#[derive(Debug, Clone)]
pub struct Erp {
    stock: BTreeMap<(String, String), i64>,
    outer_out: BTreeMap<String, OuterOutOrder>,
    outer_out_sequence: u32,
    other_out: BTreeMap<String, OtherOutOrder>,
    purchase: BTreeMap<String, PurchaseOrder>,
    stockouts: HashMap<i32, StoredStockout>,
    stockout_ids: HashMap<Arc<str>, i32>,
    /// One shared copy of each warehouse code stockouts use.
    stockout_warehouses: Vec<Arc<str>>,
    /// `(modified, id)` of every cancelled stockout: searchCancel's order.
    cancelled: BTreeSet<(NaiveDateTime, i32)>,
}

fn at(text: &str) -> NaiveDateTime {
    wdt_runtime::wire::parse_datetime(text).unwrap_or_default()
}

impl Default for Erp {
    fn default() -> Self {
        Erp::new()
    }
}

impl Erp {
    /// An ERP holding the fixed data set (numbers taken from the doc pages' examples):
    ///
    /// - warehouses `pos` (DFAQT101: 100, DFAQT102: 3 in stock) and `W1234` (DFAQT101: 10);
    /// - other-out orders `CK2023082989` 待审核, `CK2023082990` 未确认, `CK2023082991`
    ///   待审核, `CK2023082992` 已审核, `CK2023082993` 已取消 (warehouse `pos`);
    /// - purchase orders `CG2304260001` 部分入库 (pushed to WMS), `CG2212140002` 编辑中,
    ///   `CG2212140003` 待审核, `CG2212140004` 已审核, `CG2212140005` 已审核 (pushed to
    ///   WMS), `CG2212140006` 部分入库, `CG2212140007` 全部入库, `CG2212140008` 已取消;
    /// - sales stockouts `O1234` (id 1001, warehouse `W1234`, 待发货), `XS2023000002`
    ///   (1002, `pos`, 待拣货), `XS2023000003` (1003, `pos`, 已完成), and the cancelled
    ///   `CH202210175` (1630025, modified 2022-10-17 14:03:36) and `CH202210176`
    ///   (1630026, 2022-10-17 14:08:38).
    pub fn new() -> Self {
        let mut erp = Erp {
            stock: BTreeMap::new(),
            outer_out: BTreeMap::new(),
            outer_out_sequence: 0,
            other_out: BTreeMap::new(),
            purchase: BTreeMap::new(),
            stockouts: HashMap::new(),
            stockout_ids: HashMap::new(),
            stockout_warehouses: Vec::new(),
            cancelled: BTreeSet::new(),
        };
        let created = at("2023-08-29 10:00:00");
        for (warehouse, spec, quantity) in [
            ("pos", "DFAQT101", 100),
            ("pos", "DFAQT102", 3),
            ("W1234", "DFAQT101", 10),
        ] {
            erp.set_stock(warehouse, spec, quantity);
        }
        for (no, status) in [
            ("CK2023082989", OtherOutStatus::PendingReview),
            ("CK2023082990", OtherOutStatus::Unconfirmed),
            ("CK2023082991", OtherOutStatus::PendingReview),
            ("CK2023082992", OtherOutStatus::Checked),
            ("CK2023082993", OtherOutStatus::Cancelled),
        ] {
            erp.insert_other_out_order(OtherOutOrder {
                order_no: no.to_owned(),
                warehouse_no: "pos".to_owned(),
                status,
                history: vec![status],
                modified: created,
            });
        }
        for (no, status, pushed_to_wms) in [
            ("CG2304260001", PurchaseStatus::PartlyArrived, true),
            ("CG2212140002", PurchaseStatus::Editing, false),
            ("CG2212140003", PurchaseStatus::PendingReview, false),
            ("CG2212140004", PurchaseStatus::Checked, false),
            ("CG2212140005", PurchaseStatus::Checked, true),
            ("CG2212140006", PurchaseStatus::PartlyArrived, false),
            ("CG2212140007", PurchaseStatus::Completed, false),
            ("CG2212140008", PurchaseStatus::Cancelled, false),
        ] {
            erp.insert_purchase_order(PurchaseOrder {
                purchase_no: no.to_owned(),
                warehouse_no: "pos".to_owned(),
                status,
                pushed_to_wms,
                modified: created,
            });
        }
        for (id, no, warehouse, status, modified) in [
            (
                1001,
                "O1234",
                "W1234",
                StockoutStatus::AwaitingShipment,
                created,
            ),
            (
                1002,
                "XS2023000002",
                "pos",
                StockoutStatus::AwaitingPicking,
                created,
            ),
            (
                1003,
                "XS2023000003",
                "pos",
                StockoutStatus::Completed,
                created,
            ),
            (
                1630025,
                "CH202210175",
                "pos",
                StockoutStatus::Cancelled,
                at("2022-10-17 14:03:36"),
            ),
            (
                1630026,
                "CH202210176",
                "pos",
                StockoutStatus::Cancelled,
                at("2022-10-17 14:08:38"),
            ),
        ] {
            erp.insert_sales_stockout(SalesStockout {
                stockout_id: id,
                stockout_no: no.to_owned(),
                warehouse_no: warehouse.to_owned(),
                status,
                modified,
            });
        }
        erp
    }

    /// Adds generated cancelled sales stockouts: ids from 10000001, numbers `XS` + id,
    /// warehouses `pos` and `W1234`, modification times uniform over the range.
    pub fn seed(&mut self, options: &SeedOptions) {
        let mut rng = fastrand::Rng::with_seed(options.seed);
        let span = (options.to - options.from).num_seconds().max(0);
        self.stockouts.reserve(options.cancelled_stockouts as usize);
        self.stockout_ids
            .reserve(options.cancelled_stockouts as usize);
        for n in 0..options.cancelled_stockouts {
            let id = FIRST_SEEDED_ID.saturating_add_unsigned(n);
            let warehouse = if rng.bool() { "pos" } else { "W1234" };
            self.insert_sales_stockout(SalesStockout {
                stockout_id: id,
                stockout_no: format!("XS{id}"),
                warehouse_no: warehouse.to_owned(),
                status: StockoutStatus::Cancelled,
                modified: options.from + TimeDelta::seconds(rng.i64(0..=span)),
            });
        }
    }

    /// Sets the stock of a goods item (商家编码) in a warehouse; the warehouse then exists.
    pub fn set_stock(&mut self, warehouse_no: &str, spec_no: &str, quantity: i64) {
        self.stock
            .insert((warehouse_no.to_owned(), spec_no.to_owned()), quantity);
    }

    /// The stock of a goods item in a warehouse; `None` when the ERP does not know it there.
    pub fn stock(&self, warehouse_no: &str, spec_no: &str) -> Option<i64> {
        self.stock
            .get(&(warehouse_no.to_owned(), spec_no.to_owned()))
            .copied()
    }

    fn has_warehouse(&self, warehouse_no: &str) -> bool {
        self.stock.keys().any(|(w, _)| w == warehouse_no)
    }

    /// Adds or replaces an other-out order.
    pub fn insert_other_out_order(&mut self, order: OtherOutOrder) {
        self.other_out.insert(order.order_no.clone(), order);
    }

    /// Adds or replaces a purchase order.
    pub fn insert_purchase_order(&mut self, order: PurchaseOrder) {
        self.purchase.insert(order.purchase_no.clone(), order);
    }

    /// Adds or replaces a sales stockout (by id).
    pub fn insert_sales_stockout(&mut self, stockout: SalesStockout) {
        let id = stockout.stockout_id;
        if let Some(old) = self.stockouts.remove(&id) {
            self.stockout_ids.remove(&old.stockout_no);
            self.cancelled.remove(&(old.modified, id));
        }
        let warehouse_no = match self
            .stockout_warehouses
            .iter()
            .find(|w| ***w == *stockout.warehouse_no)
        {
            Some(shared) => Arc::clone(shared),
            None => {
                let shared: Arc<str> = stockout.warehouse_no.into();
                self.stockout_warehouses.push(Arc::clone(&shared));
                shared
            }
        };
        let stockout_no: Arc<str> = stockout.stockout_no.into();
        self.stockout_ids.insert(Arc::clone(&stockout_no), id);
        self.store_stockout(
            id,
            StoredStockout {
                stockout_no,
                warehouse_no,
                status: stockout.status,
                modified: stockout.modified,
            },
        );
    }

    /// Keeps a stockout under its id, in the cancelled index when it is cancelled.
    fn store_stockout(&mut self, id: i32, stockout: StoredStockout) {
        if stockout.status == StockoutStatus::Cancelled {
            self.cancelled.insert((stockout.modified, id));
        }
        self.stockouts.insert(id, stockout);
    }

    /// A stockout by number, as kept.
    fn stored_stockout(&self, stockout_no: &str) -> Option<(i32, &StoredStockout)> {
        let id = *self.stockout_ids.get(stockout_no)?;
        self.stockouts.get(&id).map(|stored| (id, stored))
    }

    /// An outer-out order by number.
    pub fn outer_out_order(&self, order_no: &str) -> Option<&OuterOutOrder> {
        self.outer_out.get(order_no)
    }

    /// An other-out order by number.
    pub fn other_out_order(&self, order_no: &str) -> Option<&OtherOutOrder> {
        self.other_out.get(order_no)
    }

    /// A purchase order by number.
    pub fn purchase_order(&self, purchase_no: &str) -> Option<&PurchaseOrder> {
        self.purchase.get(purchase_no)
    }

    /// A sales stockout by number.
    pub fn sales_stockout(&self, stockout_no: &str) -> Option<SalesStockout> {
        self.stored_stockout(stockout_no)
            .map(|(id, stored)| SalesStockout {
                stockout_id: id,
                stockout_no: stored.stockout_no.to_string(),
                warehouse_no: stored.warehouse_no.to_string(),
                status: stored.status,
                modified: stored.modified,
            })
    }

    /// How many sales stockouts are cancelled.
    pub fn cancelled_stockout_count(&self) -> usize {
        self.cancelled.len()
    }

    /// `wms.outer.OuterOut.createOrder`: see the crate documentation for the rules.
    pub fn create_outer_out_order(
        &mut self,
        request: &create_order::Request,
        now: NaiveDateTime,
    ) -> Result<CreateOrderData, BusinessError> {
        let order = &request.order;
        if !self.has_warehouse(&order.warehouse_no) {
            return Err(BusinessError {
                code: Some("right.required"),
                message: "无该仓库权限".to_owned(),
            });
        }
        if let Some((i, _)) = request
            .order_details
            .iter()
            .enumerate()
            .find(|(_, d)| d.num <= 0)
        {
            return Err(BusinessError::new(format!(
                "order_details[{i}].num: 数量必须大于0"
            )));
        }
        let order_no = match &order.order_no {
            Some(no) if self.outer_out.contains_key(no) => {
                return Err(BusinessError::new(format!("单号{no}已存在")));
            }
            Some(no) => no.clone(),
            None => self.next_outer_out_no(now),
        };
        let mut details: Vec<(String, i64)> = Vec::new();
        for detail in &request.order_details {
            match details.iter_mut().find(|(spec, _)| *spec == detail.spec_no) {
                Some((_, num)) => *num += i64::from(detail.num),
                None => details.push((detail.spec_no.clone(), i64::from(detail.num))),
            }
        }
        let check_failures = if request.is_check {
            self.check_stock(&order.warehouse_no, &details)
        } else {
            Vec::new()
        };
        let checked = request.is_check && check_failures.is_empty();
        if checked {
            for (spec, num) in &details {
                if let Some(stock) = self
                    .stock
                    .get_mut(&(order.warehouse_no.clone(), spec.clone()))
                {
                    *stock -= num;
                }
            }
        }
        self.outer_out.insert(
            order_no.clone(),
            OuterOutOrder {
                order_no: order_no.clone(),
                warehouse_no: order.warehouse_no.clone(),
                details,
                status: if checked {
                    OuterOutStatus::Checked
                } else {
                    OuterOutStatus::PendingReview
                },
                modified: now,
            },
        );
        Ok(if check_failures.is_empty() {
            CreateOrderData {
                status: Some(CreateOrderStatus::Success),
                message: Some(order_no),
            }
        } else {
            CreateOrderData {
                status: Some(CreateOrderStatus::CheckFailed),
                message: Some(format!(
                    "单据{order_no}已创建，审核失败: {}",
                    check_failures.join("；")
                )),
            }
        })
    }

    /// Why the lines cannot leave the warehouse: unknown goods, or not enough stock.
    fn check_stock(&self, warehouse_no: &str, details: &[(String, i64)]) -> Vec<String> {
        details
            .iter()
            .filter_map(|(spec, num)| match self.stock(warehouse_no, spec) {
                None => Some(format!("商家编码{spec}在仓库{warehouse_no}不存在")),
                Some(available) if available < *num => Some(format!(
                    "商家编码{spec}库存不足(可用{available}，需要{num})"
                )),
                Some(_) => None,
            })
            .collect()
    }

    fn next_outer_out_no(&mut self, now: NaiveDateTime) -> String {
        loop {
            self.outer_out_sequence += 1;
            let no = format!("WC{}{:04}", now.format("%Y%m%d"), self.outer_out_sequence);
            if !self.outer_out.contains_key(&no) {
                return no;
            }
        }
    }

    /// `wms.stockout.Other.cancelOtherOrder`: see the crate documentation for the rules.
    pub fn cancel_other_out_order(
        &mut self,
        order_no: &str,
        is_force: bool,
        now: NaiveDateTime,
    ) -> Result<(), BusinessError> {
        let order = self
            .other_out
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

    /// `purchase.PurchaseOrder.cancelByType`: each order in turn; the failures are reported
    /// in `data.message`, the others applied. See the crate documentation for the rules.
    pub fn cancel_purchase_orders(
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
                self.apply_purchase_operation(no, params.operate_type, allow_checked, now)
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

    fn apply_purchase_operation(
        &mut self,
        purchase_no: &str,
        operation: OperateType,
        allow_checked: bool,
        now: NaiveDateTime,
    ) -> Result<(), &'static str> {
        let order = self.purchase.get_mut(purchase_no).ok_or("采购单不存在")?;
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

    /// `wms.stockout.Sales.searchCancel`: cancelled stockouts with `start <= modified <= end`,
    /// by modification time then id; one page of them and how many there are in all.
    pub fn cancelled_stockouts(
        &self,
        start: NaiveDateTime,
        end: NaiveDateTime,
        page_no: u32,
        page_size: u32,
    ) -> (Vec<CancelledStockout>, usize) {
        if end < start {
            return (Vec::new(), 0);
        }
        let range = || {
            self.cancelled.range((
                Bound::Included((start, i32::MIN)),
                Bound::Included((end, i32::MAX)),
            ))
        };
        let skip = page_no as usize * page_size as usize;
        let page = range()
            .skip(skip)
            .take(page_size as usize)
            .filter_map(|(_, id)| self.stockouts.get(id).map(|s| (*id, s)))
            .map(|(id, s)| CancelledStockout {
                stockout_id: Some(id),
                stockout_no: Some(s.stockout_no.to_string()),
                status: Some(s.status),
                modified: Some(s.modified),
            })
            .collect();
        (page, range().count())
    }

    /// `taobao.qimen.order.cancel`: see the crate documentation for the rules.
    pub fn qimen_cancel(
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
            .find(|kind| self.document_warehouse(*kind, code).is_some())
            .ok_or_else(|| QimenRefusal {
                code: "NOT_FOUND",
                message: "单据不存在".to_owned(),
            })?;
        if warehouse != ANY_WAREHOUSE && self.document_warehouse(kind, code) != Some(warehouse) {
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

    fn document_warehouse(&self, kind: DocumentKind, code: &str) -> Option<&str> {
        match kind {
            DocumentKind::SalesStockout => {
                self.stored_stockout(code).map(|(_, s)| &*s.warehouse_no)
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
                let Some((id, stockout)) = self.stored_stockout(code) else {
                    return Err("不存在");
                };
                let stockout = stockout.clone();
                match stockout.status {
                    StockoutStatus::Cancelled => Ok(ALREADY),
                    StockoutStatus::Completed => Err("已完成"),
                    _ => {
                        self.store_stockout(
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
                    let (warehouse, details) = (order.warehouse_no.clone(), order.details.clone());
                    for (spec, num) in details {
                        *self.stock.entry((warehouse.clone(), spec)).or_default() += num;
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

/// The kinds of document a Qimen cancel may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocumentKind {
    SalesStockout,
    OtherOut,
    OuterOut,
    Purchase,
}
