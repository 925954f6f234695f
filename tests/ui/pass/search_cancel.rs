//! Paging a query and walking a day in one-hour windows.

use wdt::Api;
use wdt::wms::stockout::sales::search_cancel::{self, Params};

async fn sync(client: &wdt::WdtClient) -> Result<usize, wdt::Error> {
    let start = wdt::chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let end = start + wdt::chrono::TimeDelta::hours(1);
    let page = client
        .wms()
        .stockout()
        .sales()
        .search_cancel(Params::new(start, end), 0, 100)
        .await?;
    let request = search_cancel::Request { params: Params::new(start, end) };
    let all = client.collect_all(&request, 100).await?;
    let _day = client.scan_windows(&request, start, start + wdt::chrono::TimeDelta::days(1), 500);
    Ok(page.items.len() + all.len())
}

fn main() {
    let _ = sync;
}
