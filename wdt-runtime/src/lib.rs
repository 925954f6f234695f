//! The runtime every generated wdt call goes through.
//!
//! Generated code describes each endpoint through the traits of [`endpoint`], checks
//! requests with [`validate`] and moves values with [`wire`]. [`WdtClient`] and
//! [`QimenClient`] sign ([`sign`]), send ([`transport`]), retry ([`retry`]) and page
//! ([`paging`]); every failure is one [`Error`].

mod client;
pub mod clock;
pub mod endpoint;
pub mod error;
pub mod extra;
pub mod format;
pub mod limits;
pub mod paging;
pub mod qimen;
pub mod request;
pub mod retry;
pub mod route;
pub mod secret;
pub mod sign;
pub mod suggest;
pub mod support;
pub mod transport;
pub mod validate;
pub mod wdt;
pub mod wire;

#[cfg(feature = "blocking")]
pub mod blocking;

pub use client::Prepared;
pub use clock::{Clock, FixedClock, SystemClock};
pub use endpoint::{
    BodyPagedEndpoint, Endpoint, EndpointInfo, Page, PageSizeLimit, PagedEndpoint, PagingInfo,
    Protocol, TimeWindowInfo, WindowEnds, WindowedEndpoint,
};
pub use error::{Error, Rejection};
pub use extra::ExtraFields;
pub use paging::{ScanOptions, WindowBatch};
pub use qimen::{Format, QimenClient, QimenClientBuilder};
pub use request::Checked;
pub use retry::RetryPolicy;
pub use route::QimenRoute;
pub use secret::{AppSecret, Secret};
pub use sign::Pager;
pub use validate::{Severity, Validate, ValidationError, Violation};
pub use wdt::{CallOptions, Environment, Reply, WdtClient, WdtClientBuilder};

/// Everything generated code names, under one path (`::wdt::__private`).
#[doc(hidden)]
pub mod __private {
    pub use crate::endpoint::{
        BodyPagedEndpoint, Endpoint, EndpointInfo, Page, PagedEndpoint, PagingInfo, Protocol,
        TimeWindowInfo, WindowEnds, WindowedEndpoint,
    };
    pub use crate::error::Error;
    pub use crate::extra::ExtraFields;
    pub use crate::format::{Json, Xml};
    pub use crate::qimen::QimenClient;
    pub use crate::request::{check_request, encode_request, request_json};
    pub use crate::support::{
        Instant, NoData, Redacted, check_response, response_json, response_xml,
    };
    pub use crate::validate::check::{self, Given, PageSizeLimit};
    pub use crate::validate::{KnownValues, Path, Validate, Violations};
    pub use crate::wdt::WdtClient;
    pub use crate::wire::{self, AsWire, FromWire, Record};
    pub use chrono::{NaiveDate, NaiveDateTime};
    pub use rust_decimal::Decimal;
    pub use serde;
    pub use serde_json::Value as JsonValue;
}

/// The HTTP client both gateways use: keep-alive, no proxy lookup, rustls when enabled.
/// How long an idle pooled connection is kept for reuse.
const POOL_IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

pub(crate) fn http_client(
    user_agent: &str,
    connect_timeout: std::time::Duration,
) -> Result<reqwest::Client, Error> {
    #[cfg(feature = "rustls")]
    {
        // Several clients may race to install it; any installed provider will do.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
        .user_agent(user_agent)
        .connect_timeout(connect_timeout)
        .no_proxy()
        .tcp_nodelay(true)
        // A pooled connection idle this long is not reused: servers close idle keep-alive
        // connections (the sandbox after 30 s), and a request sent on one being closed
        // fails with a reset that a create could not safely retry.
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .build()
        .map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", e.without_url())))
}
