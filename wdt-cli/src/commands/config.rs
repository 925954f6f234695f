//! Clients from the environment: WDT_* for 旗舰版, QIMEN_* for Qimen, and WDT_QIMEN_* for
//! 旗舰版 calls through the 奇门自定义 route.

use super::Failure;
use crate::cli::Route;

fn var(name: &str) -> Result<String, Failure> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Failure::usage(format!("{name} is not set")))
}

/// A 旗舰版 client for the route ([`wdt_builder`]).
pub fn wdt_client(route: Route) -> Result<wdt::WdtClient, Failure> {
    wdt_builder(route)?.build().map_err(Failure::from)
}

/// A 旗舰版 client builder with WDT_SID, WDT_KEY and WDT_SECRET set, and the way calls go:
/// `direct` to WDT_URL; `qimen` through the 奇门自定义 route with WDT_QIMEN_APP_KEY and
/// WDT_QIMEN_SECRET, to WDT_QIMEN_URL (default: the production router) and
/// WDT_QIMEN_TARGET_APP_KEY (default: 旺店通's, 21363512).
pub fn wdt_builder(route: Route) -> Result<wdt::WdtClientBuilder, Failure> {
    let direct_url = match route {
        Route::Direct => Some(var("WDT_URL")?),
        Route::Qimen => None,
    };
    let builder = wdt::WdtClient::builder()
        .sid(var("WDT_SID")?)
        .app_key(var("WDT_KEY")?)
        .app_secret(&var("WDT_SECRET")?);
    if let Some(url) = direct_url {
        return Ok(builder.base_url(url));
    }
    let mut qimen = wdt::QimenRoute::new(var("WDT_QIMEN_APP_KEY")?, var("WDT_QIMEN_SECRET")?);
    if let Ok(url) = var("WDT_QIMEN_URL") {
        qimen = qimen.router_url(url);
    }
    if let Ok(target) = var("WDT_QIMEN_TARGET_APP_KEY") {
        qimen = qimen.target_app_key(target);
    }
    Ok(builder.qimen_route(qimen))
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
