//! When to send a failed call again, how long to wait, and how fast to send at all.

use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;
use tracing::Instrument;

use crate::error::Error;

/// Bounded exponential backoff with jitter.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// Wait before the second attempt; doubled for each further one.
    pub initial_backoff: Duration,
    /// Longest wait between attempts.
    pub max_backoff: Duration,
    /// Wait after a rate-limit answer (the vendor counts calls per minute).
    pub rate_limit_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            rate_limit_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before attempt `attempt + 1` after `error` (attempts count from 1), with
    /// jitter: a uniformly random duration in the upper half of the exponential step.
    pub fn backoff(&self, attempt: u32, error: &Error) -> Duration {
        let step = if error.is_rate_limited() {
            self.rate_limit_backoff
        } else {
            let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
            self.initial_backoff
                .saturating_mul(factor)
                .min(self.max_backoff)
        };
        step.mul_f64(0.5 + fastrand::f64() * 0.5)
    }
}

/// Whether a failed attempt may be sent again.
///
/// Only transient failures are retried, and only when sending twice is harmless: the
/// endpoint is retry-safe, the caller opted in, or the request never reached the server.
pub fn should_retry(error: &Error, retry_safe: bool, retry_unsafe_opt_in: bool) -> bool {
    error.is_transient() && (retry_safe || retry_unsafe_opt_in || !error.may_have_reached_server())
}

/// Runs `attempt` until it succeeds, fails for good, or the policy's attempts are spent,
/// inside one `wdt.call` span recording the method, the attempts made, the duration and
/// the outcome.
pub(crate) async fn run<T, F, Fut>(
    policy: &RetryPolicy,
    method: &'static str,
    page_no: Option<u32>,
    retry_safe: bool,
    retry_unsafe_opt_in: bool,
    mut attempt: F,
) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let span = tracing::info_span!(
        "wdt.call",
        method,
        page_no,
        attempt = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
        outcome = tracing::field::Empty,
    );
    let record = span.clone();
    async move {
        let started = std::time::Instant::now();
        let mut attempts = 1;
        let result = loop {
            match attempt().await {
                Err(error)
                    if attempts < policy.max_attempts
                        && should_retry(&error, retry_safe, retry_unsafe_opt_in) =>
                {
                    let wait = policy.backoff(attempts, &error);
                    tracing::warn!(attempt = attempts, ?wait, error = %error, "retrying");
                    tokio::time::sleep(wait).await;
                    attempts += 1;
                }
                other => break other,
            }
        };
        record.record("attempt", attempts);
        record.record("duration_ms", started.elapsed().as_millis() as u64);
        record.record("outcome", outcome(&result));
        result
    }
    .instrument(span)
    .await
}

/// A short word for how a call ended, for its span.
fn outcome<T>(result: &Result<T, Error>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(error @ Error::Api { .. }) if error.is_rate_limited() => "rate_limited",
        Err(Error::Api { .. } | Error::QimenFailure { .. } | Error::QimenGateway { .. }) => {
            "api_error"
        }
        Err(Error::Transport { .. }) => "transport_error",
        Err(Error::Http { .. }) => "http_error",
        Err(Error::Decode { .. }) => "decode_error",
        Err(Error::ReplyTooLarge { .. } | Error::ReplyRefused { .. }) => "reply_refused",
        Err(_) => "error",
    }
}

/// Spaces calls at least `1 / rate` seconds apart across every task using the client.
#[derive(Debug)]
pub struct RateLimiter {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// At most `per_second` calls per second.
    pub fn new(per_second: f64) -> Self {
        RateLimiter {
            interval: Duration::from_secs_f64(1.0 / per_second.max(f64::MIN_POSITIVE)),
            next: Mutex::new(None),
        }
    }

    /// Waits for this call's slot.
    pub async fn acquire(&self) {
        let slot = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::TransportKind;

    fn api(message: &str) -> Error {
        Error::Api {
            method: "m",
            status: 100,
            code: None,
            message: message.into(),
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default();
        let transport = Error::Transport {
            method: "m",
            kind: TransportKind::Timeout,
            message: String::new(),
        };
        for attempt in 1..10 {
            let wait = policy.backoff(attempt, &transport);
            let step = policy.initial_backoff * 2u32.pow(attempt - 1);
            assert!(wait <= step.min(policy.max_backoff), "{attempt}: {wait:?}");
            assert!(
                wait >= step.min(policy.max_backoff) / 2,
                "{attempt}: {wait:?}"
            );
        }
        let limited = policy.backoff(1, &api("超过每分钟最大调用频率限制，请稍后重试"));
        assert!(limited >= policy.rate_limit_backoff / 2);
    }

    #[test]
    fn creates_are_retried_only_when_not_sent_or_opted_in() {
        let timeout = Error::Transport {
            method: "m",
            kind: TransportKind::Timeout,
            message: String::new(),
        };
        let refused = Error::Transport {
            method: "m",
            kind: TransportKind::Connect,
            message: String::new(),
        };
        assert!(should_retry(&timeout, true, false));
        assert!(!should_retry(&timeout, false, false));
        assert!(should_retry(&timeout, false, true));
        assert!(
            should_retry(&refused, false, false),
            "never reached the server"
        );
        assert!(
            !should_retry(&api("单据不存在"), true, false),
            "business errors are final"
        );
        assert!(should_retry(
            &api("超过每分钟最大并发次数限制，请稍后重试"),
            true,
            false
        ));
    }
}
