//! Cancelling purchase orders; the errors inside `data.message` arrive as a typed list.

use wdt::Api;
use wdt::purchase::purchase_order::cancel_by_type::{AllowCancelChecked, OperateType, Params};

async fn cancel(client: &wdt::WdtClient) -> Result<Vec<String>, wdt::Error> {
    let params = Params {
        allow_cancel_checked_order: Some(AllowCancelChecked::Yes),
        ..Params::new(OperateType::Cancel, vec!["CG2304260001".into()])
    };
    let data = client
        .purchase()
        .purchase_order()
        .cancel_by_type(params)
        .await?;
    Ok(data.message.into_iter().filter_map(|e| e.error).collect())
}

fn main() {
    let _ = cancel;
}
