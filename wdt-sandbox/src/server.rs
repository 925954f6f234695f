//! The HTTP server: binding, accepting connections (HTTP/1.1 with keep-alive) and graceful
//! shutdown; what each request gets is [`crate::routes`]'s business.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use wdt_runtime::{QimenClientBuilder, WdtClientBuilder};

use crate::config::SandboxConfig;
use crate::erp::Erp;
use crate::faults::{FaultError, Faults};
use crate::routes::{QIMEN_PATH, ROUTE_PATH, WDT_PATH, route};
use crate::state::Shared;

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
        let shared = Arc::new(Shared::new(config));
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

    /// The 奇门自定义 route: `http://127.0.0.1:PORT/router/qm`.
    pub fn route_url(&self) -> String {
        format!("http://{}{ROUTE_PATH}", self.addr)
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

    /// A 旗舰版 client builder sending through this sandbox's 奇门自定义 route: its 旗舰版
    /// credentials sign the inner part, its Qimen app key and secret the outer one.
    pub fn route_client(&self) -> WdtClientBuilder {
        let route = wdt::QimenRoute::new(&self.shared.qimen.app_key, self.shared.qimen.secret())
            .router_url(self.route_url());
        wdt::WdtClient::builder()
            .sid(&self.shared.wdt.sid)
            .app_key(&self.shared.wdt.key)
            .app_secret(&self.shared.wdt.app_secret())
            .qimen_route(route)
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
                    .timer(TokioTimer::new())
                    .header_read_timeout(crate::config::HEADER_TIMEOUT)
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
