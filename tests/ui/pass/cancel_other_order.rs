//! Two positional scalar arguments; per-call options skip validation.

use wdt::Api;
use wdt::wms::stockout::other::cancel_other_order::Request;

async fn cancel(client: &wdt::WdtClient) -> Result<(), wdt::Error> {
    client.wms().stockout().other().cancel_other_order("CK2023082989".into(), true).await?;
    let request = Request { order_no: "CK2023082990".into(), is_force: false };
    let options = wdt::CallOptions { skip_validation: true, ..Default::default() };
    client.call_with(&request, options).await?;
    Ok(())
}

fn main() {
    let _ = cancel;
}
