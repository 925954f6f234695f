//! Typed, validated, signed clients for the 旺店通 旗舰版 open API and the 淘宝 奇门
//! warehouse API.
//!
//! Every endpoint comes from a spec file under `specs/`, expanded at compile time by
//! [`include_specs!`]. Calls read like the method names:
//!
//! ```no_run
//! use wdt::Api;
//! use wdt::wms::outer::outer_out::create_order::{Order, OrderDetail};
//!
//! # async fn run() -> Result<(), wdt::Error> {
//! let client = wdt::WdtClient::builder()
//!     .sid("wdtapi3")
//!     .app_key("appkey")
//!     .app_secret("secret:salt")
//!     .environment(wdt::Environment::Test)
//!     .build()?;
//! let created = client
//!     .wms()
//!     .outer()
//!     .outer_out()
//!     .create_order(
//!         Order::new("pos"),
//!         vec![OrderDetail::new("DFAQT101", 2)],
//!         false,
//!     )
//!     .await?;
//! println!("{}", created.message.unwrap_or_default());
//! # Ok(())
//! # }
//! ```
//!
//! Requests are validated against their spec before they are sent; a request that breaks
//! it fails with [`Error::Invalid`] listing every violation.

// Generated code names this crate as `::wdt`, also from inside it.
extern crate self as wdt;

pub use wdt_macros::include_specs;
/// The runtime every call goes through (signing, transport, paging, validation).
pub use wdt_runtime as runtime;
pub use wdt_runtime::{
    AppSecret, BodyPagedEndpoint, CallOptions, Checked, Clock, Endpoint, EndpointInfo, Environment,
    Error, ExtraFields, FixedClock, Format, Page, PageSizeLimit, PagedEndpoint, Pager, PagingInfo,
    Prepared, Protocol, QimenClient, QimenClientBuilder, QimenRoute, Rejection, Reply, RetryPolicy,
    ScanOptions, Severity, SystemClock, TimeWindowInfo, Validate, ValidationError, Violation,
    WdtClient, WdtClientBuilder, WindowBatch, WindowEnds, WindowedEndpoint,
};

#[cfg(feature = "blocking")]
pub use wdt_runtime::blocking;

pub use chrono;
pub use rust_decimal::Decimal;

#[doc(hidden)]
pub use wdt_runtime::__private;

include_specs!("specs", area_features);
