//! The HTTP server: binding, connections (HTTP/1.1 with keep-alive), routing, shutdown.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use chrono::NaiveDateTime;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use wdt_runtime::clock::beijing;
use wdt_runtime::{Clock, QimenClientBuilder, WdtClientBuilder};

use crate::admin;
use crate::config::{QimenCredentials, SandboxConfig, WdtCredentials};
use crate::erp::Erp;
use crate::faults::{FaultError, Faults};
use crate::gateway::{self, Outcome};
use crate::reply::{self, Reply};

/// The 旗舰版 gateway's path.
pub const WDT_PATH: &str = "/openapi";
/// The Qimen router's path.
pub const QIMEN_PATH: &str = "/router/qimen/service";

/// Largest request body read; larger ones are refused with HTTP 413.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How long shutdown waits for calls in progress before closing their connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The port could not be bound.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for.
        port: u16,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The initial fault plan is not usable.
    #[error("invalid fault plan: {0}")]
    Faults(#[from] FaultError),
}

/// What every connection shares: the configuration, the ERP, the faults, the call counts.
pub(crate) struct Shared {
    pub wdt: WdtCredentials,
    pub qimen: QimenCredentials,
    pub tolerance_secs: i64,
    pub clock: Arc<dyn Clock>,
    pub examples_only: bool,
    pub faults: Faults,
    erp: Mutex<Erp>,
    calls: Mutex<BTreeMap<String, u64>>,
}

/// Locks a mutex; its data stays consistent across a panicking holder because every update
/// of the ERP and the counts is completed before the guard is released.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// The gateway's wall clock (Beijing time), for modification times.
    pub fn now(&self) -> NaiveDateTime {
        beijing(self.clock.unix_seconds())
    }

    pub fn erp(&self) -> MutexGuard<'_, Erp> {
        lock(&self.erp)
    }

    pub fn count_call(&self, method: &str) {
        *lock(&self.calls).entry(method.to_owned()).or_default() += 1;
    }

    pub fn call_counts(&self) -> BTreeMap<String, u64> {
        lock(&self.calls).clone()
    }

    pub fn reset_calls(&self) {
        lock(&self.calls).clear();
    }
}

/// A running sandbox. Dropping it stops the server; [`Sandbox::shutdown`] also waits for it.
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Binds 127.0.0.1 on the configured port (0: any free port), loads the ERP (fixed data
    /// set, then the seed) and serves until shut down. Must be called within a Tokio runtime.
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, StartError> {
        config.faults.check()?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))
            .await
            .map_err(|source| StartError::Bind {
                port: config.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            port: config.port,
            source,
        })?;
        let mut erp = Erp::new();
        if let Some(seed) = &config.seed {
            erp.seed(seed);
        }
        let shared = Arc::new(Shared {
            wdt: config.wdt,
            qimen: config.qimen,
            tolerance_secs: config.timestamp_tolerance_secs,
            clock: config.clock,
            examples_only: config.examples_only,
            faults: Faults::new(config.faults),
            erp: Mutex::new(erp),
            calls: Mutex::new(BTreeMap::new()),
        });
        let (stop, stopped) = watch::channel(false);
        let server = tokio::spawn(serve(listener, Arc::clone(&shared), stopped));
        tracing::info!(%addr, "sandbox listening");
        Ok(Sandbox {
            addr,
            shared,
            stop,
            server: Some(server),
        })
    }

    /// The bound address (127.0.0.1 and the actual port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The 旗舰版 gateway: `http://127.0.0.1:PORT/openapi`.
    pub fn wdt_url(&self) -> String {
        format!("http://{}{WDT_PATH}", self.addr)
    }

    /// The Qimen router: `http://127.0.0.1:PORT/router/qimen/service`.
    pub fn qimen_url(&self) -> String {
        format!("http://{}{QIMEN_PATH}", self.addr)
    }

    /// The admin API's root: `http://127.0.0.1:PORT/admin` (see [`crate::admin`]).
    pub fn admin_url(&self) -> String {
        format!("http://{}/admin", self.addr)
    }

    /// A 旗舰版 client builder aimed at this sandbox with its credentials.
    pub fn wdt_client(&self) -> WdtClientBuilder {
        wdt::WdtClient::builder()
            .sid(&self.shared.wdt.sid)
            .app_key(&self.shared.wdt.key)
            .app_secret(&self.shared.wdt.app_secret())
            .base_url(self.wdt_url())
    }

    /// A Qimen client builder aimed at this sandbox with its credentials.
    pub fn qimen_client(&self) -> QimenClientBuilder {
        wdt::QimenClient::builder()
            .app_key(&self.shared.qimen.app_key)
            .secret(self.shared.qimen.secret())
            .customer_id(&self.shared.qimen.customer_id)
            .base_url(self.qimen_url())
    }

    /// The live fault rules (the admin API changes the same rules).
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// Gateway calls received per method, faulty ones included.
    pub fn call_counts(&self) -> BTreeMap<String, u64> {
        self.shared.call_counts()
    }

    /// Gateway calls received for one method.
    pub fn calls(&self, method: &str) -> u64 {
        self.shared.call_counts().get(method).copied().unwrap_or(0)
    }

    /// Reads or changes the ERP (calls wait meanwhile: keep `f` short).
    pub fn with_erp<R>(&self, f: impl FnOnce(&mut Erp) -> R) -> R {
        f(&mut self.shared.erp())
    }

    /// Stops accepting, lets calls in progress finish (for up to a second), and waits for
    /// the server to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take()
            && let Err(e) = server.await
        {
            tracing::warn!(error = %e, "sandbox server task ended abnormally");
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // The server task sees this and stops; a dropped runtime stops it as well.
        let _ = self.stop.send(true);
    }
}

/// Accepts connections until told to stop.
async fn serve(listener: TcpListener, shared: Arc<Shared>, stopped: watch::Receiver<bool>) {
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let stop = stop_requested(stopped);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors and the like: wait instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                if let Err(e) = stream.set_nodelay(true) {
                    tracing::debug!(error = %e, "cannot set TCP_NODELAY");
                }
                let shared = Arc::clone(&shared);
                let service = service_fn(move |request| route(Arc::clone(&shared), request));
                let connection = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                connections.spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(%peer, error = %e, "connection ended");
                    }
                });
                // Forget connections that have ended.
                while connections.try_join_next().is_some() {}
            }
        }
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::debug!("calls still running at shutdown are cut off");
    }
    connections.shutdown().await;
    tracing::info!("sandbox stopped");
}

/// Resolves once a stop is requested, or once the [`Sandbox`] is gone.
async fn stop_requested(mut stopped: watch::Receiver<bool>) {
    // An error means the sender is dropped: nobody can ask any more, so stop as well.
    let _ = stopped.wait_for(|stop| *stop).await;
}

/// A connection closed on purpose, without a reply (the `drop` fault).
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
struct DroppedOnPurpose;

async fn route(
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
