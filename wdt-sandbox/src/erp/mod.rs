//! The in-memory ERP behind the five seed endpoints: the fixed data set every sandbox
//! starts with ([`Erp::new`]) and the one entry point to its documents, each kind of which
//! is kept, with its rules, in a submodule of its own.
//!
//! Stock (`stock`), outer-out orders (外仓调整出库单, `outer_out`), other-out orders
//! (其他出库单, `other_out`), purchase orders (采购单, `purchase`) and sales stockouts
//! (销售出库单, `stockout`) each have a status and a modification time (Beijing time);
//! `qimen` cancels any of them. Sales orders (订单, `trade`) are read only, by
//! `sales.TradeQuery.queryWithDetail`, and differ by the route a call took. `refusal` is the refusal the 旗舰版 rules give. The rules
//! each endpoint applies are listed in the crate documentation.

use chrono::NaiveDateTime;
use wdt::purchase::purchase_order::cancel_by_type;
use wdt::sales::trade_query::query_with_detail;
use wdt::taobao::qimen::order::cancel::OrderCancelRequest;
use wdt::wms::outer::outer_out::create_order::{self, CreateOrderData};
use wdt::wms::stockout::sales::search_cancel::{CancelledStockout, StockoutStatus};

mod other_out;
mod outer_out;
mod purchase;
mod qimen;
mod refusal;
mod stock;
mod stockout;
#[cfg(test)]
mod tests;
mod trade;
mod warehouse;

pub use other_out::{OtherOutOrder, OtherOutStatus};
pub use outer_out::{OuterOutOrder, OuterOutStatus};
pub use purchase::{PurchaseOrder, PurchaseStatus};
pub use qimen::{ANY_WAREHOUSE, QimenRefusal};
pub use refusal::BusinessError;
pub use stockout::{SalesStockout, SeedOptions};
pub use trade::Route;
pub use warehouse::{Line, NewOrder, Warehouse, WarehouseOrder, WarehouseStatus};

use other_out::OtherOutOrders;
use outer_out::OuterOutOrders;
use purchase::PurchaseOrders;
use qimen::Documents;
use stock::Stock;
use stockout::SalesStockouts;
use trade::Trades;

/// The ERP's state: one store per kind of document.
#[derive(Debug, Clone)]
pub struct Erp {
    stock: Stock,
    outer_out: OuterOutOrders,
    other_out: OtherOutOrders,
    purchase: PurchaseOrders,
    stockouts: SalesStockouts,
    trades: Trades,
    warehouse: Warehouse,
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
    ///   (1630026, 2022-10-17 14:08:38);
    /// - sales orders `JY202611230001`…`JY202611230013` (ids 30001…30013), modified 4 minutes
    ///   apart from 2026-11-23 10:00:00: 8 from 淘宝 (shop `tb001`), which only the
    ///   奇门自定义 route returns, 4 from 京东 (`jd001`) and one from 拼多多 (`pdd001`),
    ///   which neither returns.
    pub fn new() -> Self {
        let mut erp = Erp {
            stock: Stock::default(),
            outer_out: OuterOutOrders::default(),
            other_out: OtherOutOrders::default(),
            purchase: PurchaseOrders::default(),
            stockouts: SalesStockouts::default(),
            trades: Trades::fixed(),
            warehouse: Warehouse::default(),
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
        self.stockouts.seed(options);
    }

    /// Sets the stock of a goods item (商家编码) in a warehouse; the warehouse then exists.
    pub fn set_stock(&mut self, warehouse_no: &str, spec_no: &str, quantity: i64) {
        self.stock.set(warehouse_no, spec_no, quantity);
    }

    /// The stock of a goods item in a warehouse; `None` when the ERP does not know it there.
    pub fn stock(&self, warehouse_no: &str, spec_no: &str) -> Option<i64> {
        self.stock.get(warehouse_no, spec_no)
    }

    /// Adds or replaces an other-out order.
    pub fn insert_other_out_order(&mut self, order: OtherOutOrder) {
        self.other_out.insert(order);
    }

    /// Adds or replaces a purchase order.
    pub fn insert_purchase_order(&mut self, order: PurchaseOrder) {
        self.purchase.insert(order);
    }

    /// Adds or replaces a sales stockout (by id).
    pub fn insert_sales_stockout(&mut self, stockout: SalesStockout) {
        self.stockouts.insert(stockout);
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
        self.stockouts.get(stockout_no)
    }

    /// How many sales stockouts are cancelled.
    pub fn cancelled_stockout_count(&self) -> usize {
        self.stockouts.cancelled_count()
    }

    /// `wms.outer.OuterOut.createOrder`: see the crate documentation for the rules.
    pub fn create_outer_out_order(
        &mut self,
        request: &create_order::Request,
        now: NaiveDateTime,
    ) -> Result<CreateOrderData, BusinessError> {
        self.outer_out.create(&mut self.stock, request, now)
    }

    /// `wms.stockout.Other.cancelOtherOrder`: see the crate documentation for the rules.
    pub fn cancel_other_out_order(
        &mut self,
        order_no: &str,
        is_force: bool,
        now: NaiveDateTime,
    ) -> Result<(), BusinessError> {
        self.other_out.cancel(order_no, is_force, now)
    }

    /// `purchase.PurchaseOrder.cancelByType`: each order in turn; the failures are reported
    /// in `data.message`, the others applied. See the crate documentation for the rules.
    pub fn cancel_purchase_orders(
        &mut self,
        params: &cancel_by_type::Params,
        now: NaiveDateTime,
    ) -> cancel_by_type::CancelByTypeData {
        self.purchase.cancel_by_type(params, now)
    }

    /// `wms.stockout.Sales.searchCancel`: one page of the cancelled stockouts modified in
    /// `start..=end` and their number (ordered as the sales stockout store orders them).
    pub fn cancelled_stockouts(
        &self,
        start: NaiveDateTime,
        end: NaiveDateTime,
        page_no: u32,
        page_size: u32,
    ) -> (Vec<CancelledStockout>, usize) {
        self.stockouts.cancelled(start, end, page_no, page_size)
    }

    /// `sales.TradeQuery.queryWithDetail`: one page of the orders a call by `route` may
    /// see, modified in `start_time..=end_time`, and their number.
    pub fn trades(
        &self,
        params: &query_with_detail::Params,
        route: Route,
        page_no: u32,
        page_size: u32,
    ) -> (Vec<query_with_detail::Order>, usize) {
        self.trades.query(params, route, page_no, page_size)
    }

    /// The Qimen warehouse's delivery and entry orders.
    pub fn warehouse(&mut self) -> &mut Warehouse {
        &mut self.warehouse
    }

    /// `taobao.qimen.order.cancel`: a warehouse order first, else the ERP's documents (see
    /// the crate documentation for their rules).
    pub fn qimen_cancel(
        &mut self,
        request: &OrderCancelRequest,
        now: NaiveDateTime,
    ) -> Result<&'static str, QimenRefusal> {
        if let Some(cancelled) = self
            .warehouse
            .cancel(&request.order_code, &request.warehouse_code)
        {
            return cancelled;
        }
        Documents {
            stock: &mut self.stock,
            outer_out: &mut self.outer_out,
            other_out: &mut self.other_out,
            purchase: &mut self.purchase,
            stockouts: &mut self.stockouts,
        }
        .cancel(request, now)
    }
}
