//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test binary uses its own subset

use std::time::Duration;

use wdt::chrono::NaiveDateTime;
use wdt::{Error, RetryPolicy};
use wdt_sandbox::{Sandbox, SandboxConfig};

/// A sandbox with the demo configuration on a free port.
pub async fn sandbox() -> Sandbox {
    start(SandboxConfig::default()).await
}

/// A sandbox with this configuration on a free port.
pub async fn start(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).await.expect("the sandbox starts")
}

/// Retries with backoffs of a millisecond, so fault tests stay fast.
pub fn quick_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(2),
        rate_limit_backoff: Duration::from_millis(1),
    }
}

pub fn datetime(text: &str) -> NaiveDateTime {
    wdt::runtime::wire::parse_datetime(text).expect("a yyyy-MM-dd HH:mm:ss datetime")
}

/// The status and message of a 旗舰版 refusal.
pub fn api_error(error: &Error) -> (i64, &str) {
    match error {
        Error::Api {
            status, message, ..
        } => (*status, message.as_str()),
        other => panic!("expected a vendor error, got {other:?}"),
    }
}

/// Sends a raw POST and returns the HTTP status and body.
pub async fn post(url: &str, body: impl Into<reqwest::Body>) -> (u16, String) {
    let reply = reqwest::Client::new()
        .post(url)
        .body(body)
        .send()
        .await
        .expect("the sandbox answers");
    let status = reply.status().as_u16();
    (status, reply.text().await.expect("a text reply"))
}
