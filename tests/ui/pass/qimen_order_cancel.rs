//! The Qimen order cancel: one request struct, string enum codes.

use wdt::QimenApi;
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderType};

async fn cancel(client: &wdt::QimenClient) -> Result<Option<String>, wdt::Error> {
    let request = OrderCancelRequest {
        order_type: Some(OrderType::GeneralTradeOut),
        cancel_reason: Some("已经退货".into()),
        ..OrderCancelRequest::new("W1234", "O1234")
    };
    let reply = client.taobao().qimen().order().cancel(request).await?;
    Ok(reply.message)
}

fn main() {
    assert_eq!(OrderType::from_wire("CGTH"), OrderType::PurchaseReturnOut);
    let _ = cancel;
}
