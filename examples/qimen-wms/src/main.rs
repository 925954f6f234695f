//! Runs the WMS: serves the Qimen methods it receives on `WMS_ADDR`
//! (`127.0.0.1:8090` by default) and reports shipments to `ERP_URL`.
//!
//! Configuration from the environment: `QIMEN_APP_KEY`, `QIMEN_SECRET`,
//! `QIMEN_CUSTOMER_ID` (the account calls to this WMS are signed with, and the one its
//! reports are signed with), `ERP_URL`, `WMS_ADDR`.

use qimen_wms::Wms;
use wdt_server::QimenCredentials;

fn var(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (app_key, secret, customer_id) = (
        var("QIMEN_APP_KEY")?,
        var("QIMEN_SECRET")?,
        var("QIMEN_CUSTOMER_ID")?,
    );
    let erp = wdt::QimenClient::builder()
        .app_key(&app_key)
        .secret(&secret)
        .customer_id(&customer_id)
        .base_url(var("ERP_URL")?)
        .build()?;
    let wms = Wms::new(erp);
    let server = wms.server(QimenCredentials::new(app_key, secret, customer_id)?);
    let address = std::env::var("WMS_ADDR").unwrap_or_else(|_| "127.0.0.1:8090".to_owned());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!(
        "WMS listening on http://{address}{}",
        wdt_server::QIMEN_PATH
    );
    axum::serve(listener, server.router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
