//! The warehouse the Qimen methods act on: delivery orders (发货单) and entry orders
//! (入库单) the ERP side creates, kept so that create, query, cancel and confirm work end
//! to end. `taobao.qimen.order.cancel` looks here first, then at the ERP's own documents.

use std::collections::BTreeMap;

use wdt::Decimal;

use super::qimen::{ANY_WAREHOUSE, QimenRefusal};

/// One order line: the item and its planned and received quantities.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub item_code: String,
    pub owner_code: String,
    pub plan_qty: Decimal,
    /// What arrived (entry orders, once confirmed).
    pub actual_qty: Option<Decimal>,
}

impl Line {
    /// A line as an order is created: planned, nothing received yet.
    pub fn planned(item_code: String, owner_code: String, plan_qty: Decimal) -> Self {
        Line {
            item_code,
            owner_code,
            plan_qty,
            actual_qty: None,
        }
    }
}

/// Where a warehouse order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarehouseStatus {
    /// Taken by the warehouse (`ACCEPT`).
    Accepted,
    /// Received and confirmed (entry orders, `FULFILLED`).
    Fulfilled,
    /// Cancelled (`CANCELED`).
    Cancelled,
}

impl WarehouseStatus {
    /// The status code Qimen replies carry.
    pub fn code(self) -> &'static str {
        match self {
            WarehouseStatus::Accepted => "ACCEPT",
            WarehouseStatus::Fulfilled => "FULFILLED",
            WarehouseStatus::Cancelled => "CANCELED",
        }
    }
}

/// A delivery or entry order as the warehouse keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct WarehouseOrder {
    /// The warehouse's own id, returned to the ERP.
    pub wms_id: String,
    pub warehouse_code: String,
    /// The order type's wire value, as the ERP sent it.
    pub order_type: Option<String>,
    pub lines: Vec<Line>,
    pub status: WarehouseStatus,
}

/// What a new order is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrder {
    pub code: String,
    pub warehouse_code: String,
    pub order_type: Option<String>,
    pub lines: Vec<Line>,
}

/// The delivery and entry orders.
#[derive(Debug, Clone, Default)]
pub struct Warehouse {
    deliveries: BTreeMap<String, WarehouseOrder>,
    entries: BTreeMap<String, WarehouseOrder>,
    created: u32,
}

impl Warehouse {
    fn insert(
        orders: &mut BTreeMap<String, WarehouseOrder>,
        created: &mut u32,
        prefix: &str,
        order: NewOrder,
    ) -> WarehouseOrder {
        orders
            .entry(order.code)
            .or_insert_with(|| {
                *created += 1;
                WarehouseOrder {
                    wms_id: format!("{prefix}{:06}", *created),
                    warehouse_code: order.warehouse_code,
                    order_type: order.order_type,
                    lines: order.lines,
                    status: WarehouseStatus::Accepted,
                }
            })
            .clone()
    }

    /// Takes a delivery order; the same code again (a retry) gets the stored one back.
    pub fn create_delivery(&mut self, order: NewOrder) -> WarehouseOrder {
        Self::insert(&mut self.deliveries, &mut self.created, "FH", order)
    }

    /// Takes an entry order; the same code again gets the stored one back.
    pub fn create_entry(&mut self, order: NewOrder) -> WarehouseOrder {
        Self::insert(&mut self.entries, &mut self.created, "RK", order)
    }

    /// A delivery order by the ERP's code.
    pub fn delivery(&self, code: &str) -> Option<&WarehouseOrder> {
        self.deliveries.get(code)
    }

    /// An entry order by the ERP's code.
    pub fn entry(&self, code: &str) -> Option<&WarehouseOrder> {
        self.entries.get(code)
    }

    /// Confirms an entry order received: the quantities that arrived per item. A second
    /// confirmation of the same order is a success (a retry).
    pub fn confirm_entry(
        &mut self,
        code: &str,
        warehouse: &str,
        received: &[(String, Decimal)],
    ) -> Result<(), QimenRefusal> {
        let order = self.entries.get_mut(code).ok_or_else(not_found)?;
        check_warehouse(order, code, warehouse)?;
        if order.status == WarehouseStatus::Cancelled {
            return Err(wrong_status("STATUS_NOT_CONFIRMABLE", "已取消"));
        }
        for line in &mut order.lines {
            let arrived: Decimal = received
                .iter()
                .filter(|(item, _)| *item == line.item_code)
                .map(|(_, qty)| *qty)
                .sum();
            line.actual_qty = Some(arrived);
        }
        order.status = WarehouseStatus::Fulfilled;
        Ok(())
    }

    /// `order.cancel` of a warehouse order, or `None` when the code names none (the ERP's
    /// own documents are tried next).
    pub fn cancel(
        &mut self,
        code: &str,
        warehouse: &str,
    ) -> Option<Result<&'static str, QimenRefusal>> {
        let order = self
            .deliveries
            .get_mut(code)
            .or_else(|| self.entries.get_mut(code))?;
        Some(
            check_warehouse(order, code, warehouse).and_then(|()| match order.status {
                WarehouseStatus::Cancelled => Ok("单据已取消"),
                WarehouseStatus::Fulfilled => Err(wrong_status("STATUS_NOT_CANCELLABLE", "已完成")),
                WarehouseStatus::Accepted => {
                    order.status = WarehouseStatus::Cancelled;
                    Ok("取消成功")
                }
            }),
        )
    }
}

fn not_found() -> QimenRefusal {
    QimenRefusal {
        code: "NOT_FOUND",
        message: "单据不存在".to_owned(),
    }
}

fn wrong_status(code: &'static str, status: &str) -> QimenRefusal {
    QimenRefusal {
        code,
        message: format!("单据状态为{status}，不可操作"),
    }
}

fn check_warehouse(
    order: &WarehouseOrder,
    code: &str,
    warehouse: &str,
) -> Result<(), QimenRefusal> {
    if warehouse == ANY_WAREHOUSE || order.warehouse_code == warehouse {
        Ok(())
    } else {
        Err(QimenRefusal {
            code: "WAREHOUSE_MISMATCH",
            message: format!("单据{code}不属于仓库{warehouse}"),
        })
    }
}
