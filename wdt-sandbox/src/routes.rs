//! Which path and HTTP method go where: the two gateways, the 奇门自定义 route, the admin
//! API, 404 and 405.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{Method, Request, Response};

use crate::admin;
use crate::gateway::{self, Outcome};
use crate::qimen_custom;
use crate::reply;
use crate::state::Shared;

/// The 旗舰版 gateway's path.
pub const WDT_PATH: &str = "/openapi";
/// The Qimen router's path.
pub const QIMEN_PATH: &str = "/router/qimen/service";
/// The path of the 奇门自定义 route (旗舰版 calls through the Qimen router).
pub const ROUTE_PATH: &str = "/router/qm";

/// A connection closed on purpose, without a reply (the `drop` fault).
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
pub(crate) struct DroppedOnPurpose;

/// Reads one request's body and answers it by its path and method (a connection's
/// `Incoming` body, or a whole body in process).
pub(crate) async fn route<B>(
    shared: Arc<Shared>,
    request: Request<B>,
) -> Result<Response<Full<Bytes>>, DroppedOnPurpose>
where
    B: hyper::body::Body<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (parts, body) = request.into_parts();
    let path = parts.uri.path();
    let query = parts.uri.query();
    let limited = Limited::new(body, shared.max_body_bytes).collect();
    let body = match tokio::time::timeout(shared.read_timeout, limited).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "cannot read the request body");
            let reason = format!(
                "request body larger than {} bytes, or unreadable",
                shared.max_body_bytes
            );
            return Ok(gateway::refused_body(path, query, &reason).into_response());
        }
        Err(_) => {
            let reason = format!(
                "request body not received within {} s",
                shared.read_timeout.as_secs_f64()
            );
            return Ok(gateway::refused_body(path, query, &reason).into_response());
        }
    };
    let outcome = match (path, &parts.method) {
        (WDT_PATH, &Method::POST) => gateway::wdt(shared, query, body).await,
        (QIMEN_PATH, &Method::POST) => gateway::qimen(shared, query, body).await,
        (ROUTE_PATH, &Method::POST) => qimen_custom::handle(shared, query, body).await,
        (WDT_PATH | QIMEN_PATH | ROUTE_PATH, _) => Outcome::Reply(reply::html_page(405)),
        (admin, method) if admin.starts_with("/admin/") => {
            Outcome::Reply(admin::handle(&shared, method, admin, &body))
        }
        _ => Outcome::Reply(reply::not_found()),
    };
    match outcome {
        Outcome::Reply(reply) => Ok(reply.into_response()),
        Outcome::Drop => Err(DroppedOnPurpose),
    }
}
