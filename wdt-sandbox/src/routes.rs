//! Which path and HTTP method go where: the two gateways, the admin API, 404 and 405.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response};

use crate::admin;
use crate::gateway::{self, Outcome};
use crate::reply::{self, Reply};
use crate::state::Shared;

/// The 旗舰版 gateway's path.
pub const WDT_PATH: &str = "/openapi";
/// The Qimen router's path.
pub const QIMEN_PATH: &str = "/router/qimen/service";

/// Largest request body read; larger ones are refused with HTTP 413.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// A connection closed on purpose, without a reply (the `drop` fault).
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
pub(crate) struct DroppedOnPurpose;

/// Reads one request's body and answers it by its path and method.
pub(crate) async fn route(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DroppedOnPurpose> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            tracing::debug!(error = %e, "cannot read the request body");
            return Ok(
                Reply::json_status(413, &"request body too large or unreadable").into_response(),
            );
        }
    };
    let path = parts.uri.path();
    let query = parts.uri.query();
    let outcome = match (path, &parts.method) {
        (WDT_PATH, &Method::POST) => gateway::wdt(shared, query, body).await,
        (QIMEN_PATH, &Method::POST) => gateway::qimen(shared, query, body).await,
        (WDT_PATH | QIMEN_PATH, _) => Outcome::Reply(reply::html_page(405)),
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
