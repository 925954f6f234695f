//! [`QimenServer`]: the router's checks, then the method's typed handler, as an axum
//! [`Router`] a user mounts in their own server.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use serde::de::DeserializeOwned;
use wdt_runtime::{Clock, Endpoint, Format, Protocol, Rejection, SystemClock};

use crate::envelope::{self, GatewayError, Reply};
use crate::handler::{Erased, Refusal, ReplyFuture, Typed};
use crate::params::Params;
use crate::verify::{DEFAULT_TOLERANCE_SECS, QimenCredentials, VerifiedCall, Verifier, format_of};

/// The path the Qimen router posts to.
pub const QIMEN_PATH: &str = "/router/qimen/service";

/// The largest request body read by default: 8 MiB, well above the largest realistic
/// warehouse order (a few hundred order lines are tens of kilobytes).
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How long a request body may take to arrive by default.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// What answers a verified call no handler is registered for (see
/// [`QimenServerBuilder::fallback`]).
type Fallback = dyn Fn(VerifiedCall, Bytes) -> ReplyFuture + Send + Sync;

/// Builds a [`QimenServer`]: the account, the limits, and one handler per method.
pub struct QimenServerBuilder {
    inner: Inner,
}

impl QimenServerBuilder {
    /// How far a call's `timestamp` may be from the clock, in seconds
    /// ([`DEFAULT_TOLERANCE_SECS`] by default).
    pub fn timestamp_tolerance_secs(mut self, seconds: i64) -> Self {
        self.inner.tolerance_secs = seconds;
        self
    }

    /// The clock timestamps are checked against (the system clock by default).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.inner.clock = clock;
        self
    }

    /// The largest body read ([`DEFAULT_MAX_BODY_BYTES`] by default); a larger one is
    /// refused with `<error_response>` before it is decoded.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.inner.max_body_bytes = bytes;
        self
    }

    /// How long a body may take to arrive ([`DEFAULT_READ_TIMEOUT`] by default).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.inner.read_timeout = timeout;
        self
    }

    /// Registers the handler of one method, named by its generated request type `R`:
    /// a call of `R::METHOD` that passes the router's checks is decoded into `R`,
    /// validated by its spec, and handed to `handler`; its `Ok` is written as the
    /// method's `<response>`, its [`Refusal`] as `flag` failure.
    ///
    /// # Panics
    /// When `R` is not a Qimen method, or when the method has a handler already: both are
    /// mistakes in the program, not in a call.
    pub fn handle<R, H, F>(mut self, handler: H) -> Self
    where
        R: Endpoint + DeserializeOwned + 'static,
        H: Fn(R) -> F + Send + Sync + 'static,
        F: Future<Output = Result<R::Response, Refusal>> + Send + 'static,
    {
        assert!(
            R::PROTOCOL == Protocol::Qimen,
            "{} is a 旗舰版 method; a QimenServer serves Qimen methods",
            R::METHOD
        );
        let previous = self
            .inner
            .handlers
            .insert(R::METHOD, Box::new(Typed::<R, H>::new(handler)));
        assert!(previous.is_none(), "{} has a handler already", R::METHOD);
        self
    }

    /// What answers a verified call of a method without a handler (by default the
    /// router's `isv.method-not-exists`): for a server that serves some methods generically.
    pub fn fallback<H, F>(mut self, fallback: H) -> Self
    where
        H: Fn(VerifiedCall, Bytes) -> F + Send + Sync + 'static,
        F: Future<Output = Reply> + Send + 'static,
    {
        self.inner.fallback = Some(Box::new(move |call, body| Box::pin(fallback(call, body))));
        self
    }

    /// The server.
    pub fn build(self) -> QimenServer {
        QimenServer {
            inner: Arc::new(self.inner),
        }
    }
}

impl std::fmt::Debug for QimenServerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt("QimenServerBuilder", f)
    }
}

/// What a server is built from, and then shares between connections.
struct Inner {
    credentials: QimenCredentials,
    tolerance_secs: i64,
    clock: Arc<dyn Clock>,
    max_body_bytes: usize,
    read_timeout: Duration,
    handlers: HashMap<&'static str, Box<dyn Erased>>,
    fallback: Option<Box<Fallback>>,
}

/// The receiving side of Qimen methods: verifies each call as the router does (app key,
/// `customerId`, timestamp window, signature), decodes and validates its body by the
/// method's spec, calls the method's handler and writes its typed reply. Every failure
/// gets the gateway's own envelope. Cheap to clone.
#[derive(Clone)]
pub struct QimenServer {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for QimenServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt("QimenServer", f)
    }
}

impl Inner {
    /// The account (its secret hidden) and the methods served.
    fn fmt(&self, name: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct(name)
            .field("credentials", &self.credentials)
            .field("methods", &self.handlers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl QimenServer {
    /// A builder for the account calls must be signed with.
    pub fn builder(credentials: QimenCredentials) -> QimenServerBuilder {
        QimenServerBuilder {
            inner: Inner {
                credentials,
                tolerance_secs: DEFAULT_TOLERANCE_SECS,
                clock: Arc::new(SystemClock),
                max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                read_timeout: DEFAULT_READ_TIMEOUT,
                handlers: HashMap::new(),
                fallback: None,
            },
        }
    }

    /// Answers one call from its query string and its whole body.
    pub async fn answer(&self, query: Option<&str>, body: Bytes) -> Reply {
        let inner = &self.inner;
        let query = Params::parse(query);
        let verifier = Verifier {
            credentials: &inner.credentials,
            tolerance_secs: inner.tolerance_secs,
            now_unix: inner.clock.unix_seconds(),
        };
        let call = match verifier.check_call(&query, &body) {
            Ok(call) => call,
            Err(error) => {
                tracing::debug!(code = %error.code, sub_msg = %error.sub_msg, "call refused");
                let format = format_of(&query).unwrap_or(Format::Xml);
                return envelope::error_response(format, &error);
            }
        };
        match (inner.handlers.get(call.method.as_str()), &inner.fallback) {
            (Some(handler), _) => handler.call(call.format, body).await,
            (None, Some(fallback)) => fallback(call, body).await,
            (None, None) => {
                envelope::error_response(call.format, &GatewayError::unknown_method(&call.method))
            }
        }
    }

    /// An axum [`Router`] serving [`QimenServer::answer`] at `POST /router/qimen/service`.
    pub fn router(&self) -> Router {
        self.router_at(QIMEN_PATH)
    }

    /// The same at another path (`Router::nest` or `merge` it into your own).
    pub fn router_at(&self, path: &str) -> Router {
        Router::new()
            .route(path, post(serve))
            .with_state(self.clone())
    }

    /// Reads a body within the size limit and the read timeout.
    async fn read_body(&self, body: Body) -> Result<Bytes, String> {
        let inner = &self.inner;
        let limited = Limited::new(body, inner.max_body_bytes);
        match tokio::time::timeout(inner.read_timeout, limited.collect()).await {
            Ok(Ok(collected)) => Ok(collected.to_bytes()),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
                Err(format!("请求体超过{}字节", inner.max_body_bytes))
            }
            Ok(Err(e)) => Err(format!("请求体读取失败: {e}")),
            Err(_) => Err(format!(
                "请求体{}秒内未读完",
                inner.read_timeout.as_secs_f64()
            )),
        }
    }
}

async fn serve(State(server): State<QimenServer>, uri: Uri, body: Body) -> Response {
    let reply = match server.read_body(body).await {
        Ok(body) => server.answer(uri.query(), body).await,
        Err(reason) => {
            tracing::debug!(%reason, "body refused");
            let format = format_of(&Params::parse(uri.query())).unwrap_or(Format::Xml);
            envelope::error_response(format, &GatewayError::rejected(Rejection::Decode(reason)))
        }
    };
    into_response(reply)
}

fn into_response(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    let mut response = (status, reply.body).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    response
}
