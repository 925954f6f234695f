//! The state every connection shares: the configuration, the ERP, the faults, the call counts.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDateTime;
use wdt_runtime::Clock;
use wdt_runtime::clock::beijing;

use crate::config::{QimenCredentials, SandboxConfig, WdtCredentials};
use crate::erp::Erp;
use crate::faults::Faults;
use crate::qimen_gateway;
use wdt_server::QimenServer;

/// The key the call counts ([`Sandbox::call_counts`](crate::Sandbox::call_counts)) use for
/// every method name the catalogue lacks.
pub const NOT_IN_CATALOGUE: &str = "(not in the catalogue)";

/// What every connection shares: the configuration, the ERP, the faults, the call counts.
pub(crate) struct Shared {
    pub wdt: WdtCredentials,
    pub qimen: QimenCredentials,
    pub tolerance_secs: i64,
    pub clock: Arc<dyn Clock>,
    pub examples_only: bool,
    pub max_body_bytes: usize,
    pub read_timeout: std::time::Duration,
    pub faults: Faults,
    /// `POST /router/qimen/service`.
    pub qimen_gateway: QimenServer,
    erp: Arc<Mutex<Erp>>,
    calls: Mutex<BTreeMap<String, u64>>,
}

/// Locks a mutex; its data stays consistent across a panicking holder because every update
/// of the ERP and the counts is completed before the guard is released.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// The state of a new sandbox: the ERP loaded (fixed data set, then the seed), the
    /// configured faults, no calls counted. The port is not used here.
    pub fn new(config: SandboxConfig) -> Self {
        let mut erp = Erp::new();
        if let Some(seed) = &config.seed {
            erp.seed(seed);
        }
        let erp = Arc::new(Mutex::new(erp));
        let qimen_gateway = qimen_gateway::server(qimen_gateway::Parts {
            credentials: config.qimen.clone(),
            tolerance_secs: config.timestamp_tolerance_secs,
            clock: Arc::clone(&config.clock),
            erp: Arc::clone(&erp),
            examples_only: config.examples_only,
        });
        Shared {
            wdt: config.wdt,
            qimen: config.qimen,
            tolerance_secs: config.timestamp_tolerance_secs,
            clock: config.clock,
            examples_only: config.examples_only,
            max_body_bytes: config.max_body_bytes,
            read_timeout: config.read_timeout,
            faults: Faults::new(config.faults),
            qimen_gateway,
            erp,
            calls: Mutex::new(BTreeMap::new()),
        }
    }

    /// The gateway's wall clock (Beijing time), for modification times.
    pub fn now(&self) -> NaiveDateTime {
        beijing(self.clock.unix_seconds())
    }

    pub fn erp(&self) -> MutexGuard<'_, Erp> {
        lock(&self.erp)
    }

    /// Counts a call under its method, or under [`NOT_IN_CATALOGUE`] for a name the
    /// catalogue lacks: the names callers send must not grow the counts without bound.
    pub fn count_call(&self, method: &str) {
        let known = wdt::ENDPOINTS.iter().find(|info| info.method == method);
        let key = known.map_or(NOT_IN_CATALOGUE, |info| info.method);
        *lock(&self.calls).entry(key.to_owned()).or_default() += 1;
    }

    pub fn call_counts(&self) -> BTreeMap<String, u64> {
        lock(&self.calls).clone()
    }

    pub fn reset_calls(&self) {
        lock(&self.calls).clear();
    }
}
