//! Clients from the environment: WDT_* for 旗舰版, QIMEN_* for Qimen.

use super::Failure;

fn var(name: &str) -> Result<String, Failure> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Failure::usage(format!("{name} is not set")))
}

/// A 旗舰版 client from WDT_URL, WDT_SID, WDT_KEY and WDT_SECRET.
pub fn wdt_client() -> Result<wdt::WdtClient, Failure> {
    wdt_builder()?.build().map_err(Failure::from)
}

/// A 旗舰版 client builder with WDT_URL, WDT_SID, WDT_KEY and WDT_SECRET set.
pub fn wdt_builder() -> Result<wdt::WdtClientBuilder, Failure> {
    Ok(wdt::WdtClient::builder()
        .base_url(var("WDT_URL")?)
        .sid(var("WDT_SID")?)
        .app_key(var("WDT_KEY")?)
        .app_secret(&var("WDT_SECRET")?))
}

/// A Qimen client from QIMEN_URL, QIMEN_APP_KEY, QIMEN_SECRET and QIMEN_CUSTOMER_ID.
pub fn qimen_client() -> Result<wdt::QimenClient, Failure> {
    wdt::QimenClient::builder()
        .base_url(var("QIMEN_URL")?)
        .app_key(var("QIMEN_APP_KEY")?)
        .secret(var("QIMEN_SECRET")?)
        .customer_id(var("QIMEN_CUSTOMER_ID")?)
        .build()
        .map_err(Failure::from)
}
