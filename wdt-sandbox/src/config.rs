//! What a sandbox is started with: credentials, clock, seed data and faults.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use wdt_runtime::secret::{AppSecret, Secret};
use wdt_runtime::{Clock, SystemClock};

use crate::erp::SeedOptions;
use crate::faults::FaultPlan;

/// The Qimen account the router accepts (the server side's type).
pub use wdt_server::QimenCredentials;

/// Demo 旗舰版 seller account (`WDT_SID`), the one the vendor's pages use.
pub const DEMO_SID: &str = "wdtapi3";
/// Demo 旗舰版 appkey (`WDT_KEY`).
pub const DEMO_KEY: &str = "wdt_test";
/// Demo 旗舰版 appsecret in its `secret:salt` form (`WDT_SECRET`), as on the doc pages.
pub const DEMO_APP_SECRET: &str = "testsecret:testsalt";
/// The two parts of [`DEMO_APP_SECRET`].
const DEMO_SECRET_AND_SALT: (&str, &str) = ("testsecret", "testsalt");
/// Demo Qimen app key (`QIMEN_APP_KEY`).
pub const DEMO_QIMEN_APP_KEY: &str = "testerp_appkey";
/// Demo Qimen secret (`QIMEN_SECRET`).
pub const DEMO_QIMEN_SECRET: &str = "sandboxsecret";
/// Demo Qimen `customerId` (`QIMEN_CUSTOMER_ID`), the one the Qimen page uses.
pub const DEMO_QIMEN_CUSTOMER_ID: &str = "stub-cust-code";

/// How far a request's timestamp may be from the gateway's clock (the doc pages: 120 s).
pub const TIMESTAMP_TOLERANCE_SECS: i64 = 120;

/// The environment variables [`SandboxConfig::from_env`] reads, in the order of the fields.
pub const ENV_VARS: [&str; 6] = [
    "WDT_SID",
    "WDT_KEY",
    "WDT_SECRET",
    "QIMEN_APP_KEY",
    "QIMEN_SECRET",
    "QIMEN_CUSTOMER_ID",
];

/// A configuration that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The 旗舰版 appsecret is not of the form `secret:salt`.
    #[error("WDT_SECRET must have the form secret:salt (both parts non-empty)")]
    AppSecret,
    /// A credential is empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// A part of the Qimen account is empty.
    #[error(transparent)]
    Qimen(#[from] wdt_server::verify::EmptyCredential),
}

/// The 旗舰版 account the gateway accepts.
#[derive(Clone)]
pub struct WdtCredentials {
    /// 卖家账号 (`sid`).
    pub sid: String,
    /// 接口账号 (`key`).
    pub key: String,
    secret: Secret,
    salt: Secret,
}

impl WdtCredentials {
    /// Checks and keeps an account; `app_secret` is the vendor's `secret:salt` form.
    pub fn new(
        sid: impl Into<String>,
        key: impl Into<String>,
        app_secret: &str,
    ) -> Result<Self, ConfigError> {
        let (sid, key) = (sid.into(), key.into());
        if sid.is_empty() {
            return Err(ConfigError::Empty("WDT_SID"));
        }
        if key.is_empty() {
            return Err(ConfigError::Empty("WDT_KEY"));
        }
        let app_secret = AppSecret::parse(app_secret).map_err(|_| ConfigError::AppSecret)?;
        Ok(WdtCredentials {
            sid,
            key,
            secret: app_secret.secret().clone(),
            salt: app_secret.salt().clone(),
        })
    }

    /// The secret part of the appsecret (signs, never travels).
    pub fn secret(&self) -> &str {
        self.secret.expose()
    }

    /// The salt part of the appsecret (travels in the query string).
    pub fn salt(&self) -> &str {
        self.salt.expose()
    }

    /// The appsecret in its `secret:salt` form, for building a client.
    pub fn app_secret(&self) -> String {
        format!("{}:{}", self.secret(), self.salt())
    }
}

impl fmt::Debug for WdtCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WdtCredentials")
            .field("sid", &self.sid)
            .field("key", &self.key)
            .field("secret", &self.secret)
            .field("salt", &self.salt)
            .finish()
    }
}

/// Everything a sandbox starts with. [`Default`] is the demo setup: demo credentials, any
/// free port, the system clock, the fixed ERP data set, no faults.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Port on 127.0.0.1; 0 picks a free one (see [`crate::Sandbox::addr`]).
    pub port: u16,
    /// The 旗舰版 account.
    pub wdt: WdtCredentials,
    /// The Qimen account.
    pub qimen: QimenCredentials,
    /// Largest accepted distance between a request's timestamp and the clock, in seconds.
    pub timestamp_tolerance_secs: i64,
    /// The gateway's clock: checks timestamps and stamps modification times.
    pub clock: Arc<dyn Clock>,
    /// Generated records added to the fixed data set.
    pub seed: Option<SeedOptions>,
    /// Faults in force from the start (the admin API changes them later).
    pub faults: FaultPlan,
    /// Answer every method with its spec's example response (after the same checks),
    /// leaving the ERP untouched.
    pub examples_only: bool,
    /// Largest request body read; a larger one is refused with the gateway's envelope.
    pub max_body_bytes: usize,
    /// How long a request's body may take to arrive once its headers have; a slower
    /// sender is refused with the gateway's envelope. (Headers, and idle keep-alive
    /// connections, get [`HEADER_TIMEOUT`]; then the connection is closed.)
    pub read_timeout: Duration,
}

/// How long a connection may take to send a request's headers, idle keep-alive time
/// included, before it is closed. Longer than the clients' pool idle timeout (20 s), so a
/// client never sends on a connection the sandbox is closing.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// Default of [`SandboxConfig::max_body_bytes`].
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Default of [`SandboxConfig::read_timeout`].
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            port: 0,
            wdt: demo_wdt(),
            qimen: demo_qimen(),
            timestamp_tolerance_secs: TIMESTAMP_TOLERANCE_SECS,
            clock: Arc::new(SystemClock),
            seed: None,
            faults: FaultPlan::default(),
            examples_only: false,
            max_body_bytes: MAX_BODY_BYTES,
            read_timeout: READ_TIMEOUT,
        }
    }
}

fn demo_wdt() -> WdtCredentials {
    WdtCredentials {
        sid: DEMO_SID.to_owned(),
        key: DEMO_KEY.to_owned(),
        secret: Secret::new(DEMO_SECRET_AND_SALT.0),
        salt: Secret::new(DEMO_SECRET_AND_SALT.1),
    }
}

fn demo_qimen() -> QimenCredentials {
    QimenCredentials::new(
        DEMO_QIMEN_APP_KEY,
        DEMO_QIMEN_SECRET,
        DEMO_QIMEN_CUSTOMER_ID,
    )
    .expect("the demo Qimen account has no empty part")
}

impl SandboxConfig {
    /// The default configuration with credentials from [`ENV_VARS`]; an unset or empty
    /// variable keeps its demo value.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Self::from_env`], reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str, default: &str| {
            lookup(name)
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        Ok(SandboxConfig {
            wdt: WdtCredentials::new(
                var("WDT_SID", DEMO_SID),
                var("WDT_KEY", DEMO_KEY),
                &var("WDT_SECRET", DEMO_APP_SECRET),
            )?,
            qimen: QimenCredentials::new(
                var("QIMEN_APP_KEY", DEMO_QIMEN_APP_KEY),
                var("QIMEN_SECRET", DEMO_QIMEN_SECRET),
                var("QIMEN_CUSTOMER_ID", DEMO_QIMEN_CUSTOMER_ID),
            )?,
            ..SandboxConfig::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_and_defaults() {
        let config = SandboxConfig::from_lookup(|name| match name {
            "WDT_SID" => Some("mysid".into()),
            "WDT_SECRET" => Some("s3:salty".into()),
            "QIMEN_CUSTOMER_ID" => Some(String::new()),
            _ => None,
        })
        .unwrap();
        assert_eq!(config.wdt.sid, "mysid");
        assert_eq!(config.wdt.key, DEMO_KEY);
        assert_eq!((config.wdt.secret(), config.wdt.salt()), ("s3", "salty"));
        assert_eq!(config.qimen.customer_id, DEMO_QIMEN_CUSTOMER_ID);
        assert_eq!(config.qimen.secret(), DEMO_QIMEN_SECRET);
        let debug = format!("{config:?}");
        assert!(
            !debug.contains("s3:") && !debug.contains("salty"),
            "{debug}"
        );
        assert!(!debug.contains(DEMO_QIMEN_SECRET), "{debug}");
    }

    #[test]
    fn malformed_secret_is_a_config_error() {
        let error = SandboxConfig::from_lookup(|name| {
            (name == "WDT_SECRET").then(|| "no-colon".to_owned())
        })
        .unwrap_err();
        assert_eq!(error, ConfigError::AppSecret);
        assert!(!error.to_string().contains("no-colon"));
    }

    #[test]
    fn demo_constants_are_valid() {
        let demo = SandboxConfig::default();
        assert_eq!(demo.wdt.app_secret(), DEMO_APP_SECRET);
        assert_eq!(demo.port, 0);
    }
}
