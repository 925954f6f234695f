//! Creating an outer-out order: struct literals with `new` for the required fields.

use wdt::Api;
use wdt::wms::outer::outer_out::create_order::{
    CreateOrderData, CreateOrderStatus, Order, OrderDetail, SrcOrderType,
};

async fn create(client: &wdt::WdtClient) -> Result<bool, wdt::Error> {
    let order = Order {
        src_order_type: Some(SrcOrderType::Transfer),
        src_order_no: Some("DB2023001".into()),
        ..Order::new("pos")
    };
    let details = vec![OrderDetail::new("DFAQT101", 2)];
    let created: CreateOrderData = client
        .wms()
        .outer()
        .outer_out()
        .create_order(order, details, true)
        .await?;
    Ok(created.status == Some(CreateOrderStatus::Success))
}

fn main() {
    let _ = create;
}
