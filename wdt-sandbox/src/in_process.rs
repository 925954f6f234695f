//! The gateways without a socket: a request answered in process exactly as the server
//! answers it (same routing, limits, checks, ERP and faults), for fuzzing and for tests that
//! need no port.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};

use crate::config::SandboxConfig;
use crate::faults::FaultError;
use crate::routes::route;
use crate::state::Shared;

/// The sandbox's gateways, answering requests in process. Cheap to clone; clones share the
/// ERP, the faults and the call counts.
#[derive(Clone)]
pub struct Gateways {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Gateways {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateways").finish_non_exhaustive()
    }
}

/// What the server sends back for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A reply: HTTP status, `Content-Type` and body.
    Reply {
        status: u16,
        content_type: String,
        body: Bytes,
    },
    /// The connection is closed without a reply (a `drop` fault).
    Dropped,
    /// The method or the path and query is not valid HTTP: the server's HTTP parser
    /// refuses such a request before any gateway sees it.
    NotHttp,
}

impl Gateways {
    /// Gateways with this configuration (the port is not used); the ERP is loaded as
    /// [`crate::Sandbox::start`] loads it.
    pub fn new(config: SandboxConfig) -> Result<Self, FaultError> {
        config.faults.check()?;
        Ok(Gateways {
            shared: Arc::new(Shared::new(config)),
        })
    }

    /// Runs `f` on the ERP (to inspect it, or to set it up or back).
    pub fn with_erp<R>(&self, f: impl FnOnce(&mut crate::Erp) -> R) -> R {
        f(&mut self.shared.erp())
    }

    /// Gateway calls received per method, as `GET /admin/calls` shows them.
    pub fn call_counts(&self) -> std::collections::BTreeMap<String, u64> {
        self.shared.call_counts()
    }

    /// Answers one request. Must be awaited within a Tokio runtime with time enabled (the
    /// read timeout and latency faults use its timer).
    pub async fn answer(&self, method: &str, path_and_query: &str, body: Bytes) -> Answer {
        let Ok(request) = hyper::Request::builder()
            .method(method)
            .uri(path_and_query)
            .body(Full::new(body))
        else {
            return Answer::NotHttp;
        };
        let Ok(response) = route(Arc::clone(&self.shared), request).await else {
            return Answer::Dropped;
        };
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(hyper::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        // A `Full` body yields its bytes at once and cannot fail.
        let body = match response.into_body().collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(never) => match never {},
        };
        Answer::Reply {
            status,
            content_type,
            body,
        }
    }
}
