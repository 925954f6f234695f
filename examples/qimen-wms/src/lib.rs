//! A minimal WMS: the receiving side of `deliveryorder.create` and `order.cancel`, and the
//! sending side of `deliveryorder.confirm`.
//!
//! The ERP sends delivery orders; the WMS stores them, cancels the ones not yet shipped, and
//! when it ships one, reports it to the ERP with `deliveryorder.confirm`. Everything Qimen
//! about it (the router's checks, decoding, validation, envelopes, signing the report) is
//! `wdt-server` and the `wdt` client; what is left here is the warehouse.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use wdt::QimenClient;
use wdt::taobao::qimen::deliveryorder::confirm::{
    self, DeliveryOrderConfirmRequest, LogisticsCode, Package, PackageItem,
};
use wdt::taobao::qimen::deliveryorder::create::{
    DeliveryOrderCreateRequest, DeliveryOrderCreateResponse,
};
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderCancelResponse};
use wdt_server::{QimenCredentials, QimenServer, Refusal};

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Taken, not yet shipped.
    Accepted,
    /// Cancelled by the ERP before shipping.
    Cancelled,
    /// Shipped and reported.
    Shipped,
}

/// One stored delivery order.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOrder {
    /// The WMS's own id, returned to the ERP.
    pub wms_id: String,
    /// The warehouse it ships from.
    pub warehouse_code: String,
    /// The order type as the ERP sent it (`JYCK`, …), echoed in the report.
    pub order_type: String,
    /// `(item code, quantity)` per order line.
    pub lines: Vec<(String, wdt::Decimal)>,
    /// Where it is.
    pub status: Status,
}

/// Why the WMS could not report a shipment.
#[derive(Debug, thiserror::Error)]
pub enum ShipError {
    /// No such order, or it was cancelled or shipped already.
    #[error("order {0} cannot be shipped")]
    NotShippable(String),
    /// The ERP refused the report, or could not be reached.
    #[error("the ERP did not take the report: {0}")]
    Report(#[from] wdt::Error),
}

/// The warehouse: its orders, and the client it reports to the ERP with.
#[derive(Debug)]
pub struct Wms {
    orders: Mutex<BTreeMap<String, StoredOrder>>,
    erp: QimenClient,
}

impl Wms {
    /// A warehouse with no orders that reports through `erp`.
    pub fn new(erp: QimenClient) -> Arc<Self> {
        Arc::new(Wms {
            orders: Mutex::new(BTreeMap::new()),
            erp,
        })
    }

    fn orders(&self) -> MutexGuard<'_, BTreeMap<String, StoredOrder>> {
        // Every update below completes before the guard is released.
        self.orders.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// An order by the ERP's code.
    pub fn order(&self, code: &str) -> Option<StoredOrder> {
        self.orders().get(code).cloned()
    }

    /// The Qimen server side: `deliveryorder.create` and `order.cancel` for calls signed
    /// with `credentials`.
    pub fn server(self: &Arc<Self>, credentials: QimenCredentials) -> QimenServer {
        let (create, cancel) = (Arc::clone(self), Arc::clone(self));
        QimenServer::builder(credentials)
            .handle(move |request: DeliveryOrderCreateRequest| {
                std::future::ready(create.create(request))
            })
            .handle(move |request: OrderCancelRequest| std::future::ready(cancel.cancel(&request)))
            .build()
    }

    /// Stores a new order; the same code sent again (a retry) gets the same id.
    fn create(
        &self,
        request: DeliveryOrderCreateRequest,
    ) -> Result<DeliveryOrderCreateResponse, Refusal> {
        let Some(order) = request.delivery_order else {
            return Err(Refusal::new("MISSING_ORDER", "缺少deliveryOrder"));
        };
        let mut orders = self.orders();
        let next_id = format!("WMS{:06}", orders.len() + 1);
        let stored = orders
            .entry(order.delivery_order_code.clone())
            .or_insert_with(|| StoredOrder {
                wms_id: next_id,
                warehouse_code: order.warehouse_code.clone(),
                order_type: order.order_type.wire().to_owned(),
                lines: request
                    .order_lines
                    .unwrap_or_default()
                    .into_iter()
                    .map(|line| (line.item_code, line.plan_qty))
                    .collect(),
                status: Status::Accepted,
            });
        Ok(DeliveryOrderCreateResponse {
            flag: Some("success".to_owned()),
            code: Some("0".to_owned()),
            message: Some("创建成功".to_owned()),
            create_time: Some(order.create_time),
            delivery_order_id: Some(stored.wms_id.clone()),
            warehouse_code: Some(stored.warehouse_code.clone()),
            logistics_code: Some(order.logistics_code.wire().to_owned()),
            // One warehouse, no split: the order is not divided into several.
            delivery_orders: Vec::new(),
        })
    }

    /// Cancels an order not yet shipped.
    fn cancel(&self, request: &OrderCancelRequest) -> Result<OrderCancelResponse, Refusal> {
        let mut orders = self.orders();
        let Some(order) = orders.get_mut(&request.order_code) else {
            return Err(Refusal::new("ORDER_NOT_FOUND", "单据不存在"));
        };
        match order.status {
            Status::Shipped => Err(Refusal::new("ORDER_SHIPPED", "单据已发货，不能取消")),
            Status::Accepted | Status::Cancelled => {
                order.status = Status::Cancelled;
                Ok(OrderCancelResponse {
                    flag: Some("success".to_owned()),
                    code: Some("0".to_owned()),
                    message: Some("取消成功".to_owned()),
                })
            }
        }
    }

    /// Ships an accepted order in one package and reports it to the ERP with
    /// `deliveryorder.confirm`. The order counts as shipped only once the ERP took the
    /// report.
    pub async fn ship(&self, code: &str, express_code: &str) -> Result<(), ShipError> {
        let order = self
            .order(code)
            .filter(|order| order.status == Status::Accepted)
            .ok_or_else(|| ShipError::NotShippable(code.to_owned()))?;
        let mut delivery = confirm::DeliveryOrder::new(
            code,
            &order.warehouse_code,
            confirm::OrderType::from_wire(&order.order_type),
        );
        delivery.delivery_order_id = Some(order.wms_id.clone());
        let mut package = Package::new(LogisticsCode::Sf, express_code);
        package.items = Some(
            order
                .lines
                .iter()
                .map(|(item, quantity)| PackageItem::new(item, *quantity))
                .collect(),
        );
        let mut report = DeliveryOrderConfirmRequest::new();
        report.delivery_order = Some(delivery);
        report.packages = Some(vec![package]);
        self.erp.call(&report).await?;
        if let Some(stored) = self.orders().get_mut(code) {
            stored.status = Status::Shipped;
        }
        Ok(())
    }
}
