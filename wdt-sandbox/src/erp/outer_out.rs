//! Outer-out orders (外仓调整出库单) and `wms.outer.OuterOut.createOrder`'s rules: creating
//! one, and its check (审核) against the stock.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use wdt::wms::outer::outer_out::create_order::{self, CreateOrderData, CreateOrderStatus};
use wdt_runtime::validate::Path;

use super::refusal::BusinessError;
use super::stock::Stock;

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

/// Every outer-out order by number, and the sequence of the generated numbers.
#[derive(Debug, Clone, Default)]
pub(super) struct OuterOutOrders {
    orders: BTreeMap<String, OuterOutOrder>,
    sequence: u32,
}

impl OuterOutOrders {
    /// An order by number.
    pub fn get(&self, order_no: &str) -> Option<&OuterOutOrder> {
        self.orders.get(order_no)
    }

    /// An order by number, to change.
    pub fn get_mut(&mut self, order_no: &str) -> Option<&mut OuterOutOrder> {
        self.orders.get_mut(order_no)
    }

    /// `wms.outer.OuterOut.createOrder`: see the crate documentation for the rules.
    pub fn create(
        &mut self,
        stock: &mut Stock,
        request: &create_order::Request,
        now: NaiveDateTime,
    ) -> Result<CreateOrderData, BusinessError> {
        let order = &request.order;
        if !stock.has_warehouse(&order.warehouse_no) {
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
            // The ERP's business rule, not the spec's (it states no minimum for `num`),
            // reported at the path a violation of the request would name.
            let details = Path::ROOT.field("order_details");
            let line = details.index(i);
            let num = line.field("num");
            return Err(BusinessError::new(format!("{num}: 数量必须大于0")));
        }
        let order_no = match &order.order_no {
            Some(no) if self.orders.contains_key(no) => {
                return Err(BusinessError::new(format!("单号{no}已存在")));
            }
            Some(no) => no.clone(),
            None => self.next_no(now),
        };
        let mut details: Vec<(String, i64)> = Vec::new();
        for detail in &request.order_details {
            match details.iter_mut().find(|(spec, _)| *spec == detail.spec_no) {
                Some((_, num)) => *num += i64::from(detail.num),
                None => details.push((detail.spec_no.clone(), i64::from(detail.num))),
            }
        }
        let check_failures = if request.is_check {
            check_stock(stock, &order.warehouse_no, &details)
        } else {
            Vec::new()
        };
        let checked = request.is_check && check_failures.is_empty();
        if checked {
            for (spec, num) in &details {
                stock.take(&order.warehouse_no, spec, *num);
            }
        }
        self.orders.insert(
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

    fn next_no(&mut self, now: NaiveDateTime) -> String {
        loop {
            self.sequence += 1;
            let no = format!("WC{}{:04}", now.format("%Y%m%d"), self.sequence);
            if !self.orders.contains_key(&no) {
                return no;
            }
        }
    }
}

/// Why the lines cannot leave the warehouse: unknown goods, or not enough stock.
fn check_stock(stock: &Stock, warehouse_no: &str, details: &[(String, i64)]) -> Vec<String> {
    details
        .iter()
        .filter_map(|(spec, num)| match stock.get(warehouse_no, spec) {
            None => Some(format!("商家编码{spec}在仓库{warehouse_no}不存在")),
            Some(available) if available < *num => Some(format!(
                "商家编码{spec}库存不足(可用{available}，需要{num})"
            )),
            Some(_) => None,
        })
        .collect()
}
