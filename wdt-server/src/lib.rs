//! The receiving side of the Qimen warehouse methods.
//!
//! Qimen is how ERPs and warehouses talk: the ERP sends the WMS `deliveryorder.create`, the
//! WMS calls the ERP back with `deliveryorder.confirm`. Whichever end you are, the `wdt`
//! crate's generated types are your client for what you send; [`QimenServer`] is your
//! server for what you receive. It checks each call as the router does, with the same
//! signing code the client uses, decodes and validates the body by the method's spec,
//! hands the typed request to your handler and writes its typed reply:
//!
//! ```no_run
//! use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderCancelResponse};
//! use wdt_server::{QimenCredentials, QimenServer, Refusal};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let credentials = QimenCredentials::new("your-app-key", "your-secret", "your-customer-id")?;
//! let server = QimenServer::builder(credentials)
//!     .handle(|request: OrderCancelRequest| async move {
//!         if request.order_code.is_empty() {
//!             return Err(Refusal::new("NOT_FOUND", "单据不存在"));
//!         }
//!         Ok(OrderCancelResponse {
//!             flag: Some("success".into()),
//!             code: Some("0".into()),
//!             message: Some("取消成功".into()),
//!         })
//!     })
//!     .build();
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, server.router()).await?;
//! # Ok(()) }
//! ```
//!
//! Every failure gets the gateway's own envelope: `<error_response>` for signature,
//! timestamp, key and parameter problems (code 50 with every violation for a body its
//! spec refuses), `<flag>failure</flag>` with your code and message for a [`Refusal`].
//! Bodies over [`DEFAULT_MAX_BODY_BYTES`] or slower than [`DEFAULT_READ_TIMEOUT`] are
//! refused before they are decoded. Design: `docs/design/0010-qimen-server-side.md`.

pub mod envelope;
mod handler;
mod params;
mod server;
pub mod verify;

pub use envelope::{GatewayError, Reply};
pub use handler::Refusal;
pub use params::Params;
pub use server::{
    DEFAULT_MAX_BODY_BYTES, DEFAULT_READ_TIMEOUT, QIMEN_PATH, QimenServer, QimenServerBuilder,
};
pub use verify::{DEFAULT_TOLERANCE_SECS, QimenCredentials, VerifiedCall, Verifier};
