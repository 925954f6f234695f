//! What the 旗舰版 and Qimen clients share: the settings both builders take, how a build
//! checks them, the per-call request check, and a signed call ready to send ([`Prepared`]).
//!
//! The protocol modules keep only what differs (credentials, signing, bodies, replies), so a
//! setting added here reaches both clients alike.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::clock::{Clock, SystemClock};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::limits;
use crate::request;
use crate::retry::{RateLimiter, RetryPolicy};
use crate::validate::{Violation, check::PageSizeLimit};

/// Per-call choices that differ from the client's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// Send without validating against the spec (for when the vendor's docs are wrong).
    pub skip_validation: bool,
    /// Retry transient failures even though the endpoint is not retry-safe: the caller
    /// accepts that a create may happen twice.
    pub retry_unsafe: bool,
}

/// Settings every client builder takes, before they are checked.
#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) rate_limit: Option<f64>,
    pub(crate) max_in_flight: Option<usize>,
    pub(crate) max_reply_bytes: usize,
    pub(crate) max_depth: usize,
    pub(crate) validate: bool,
    pub(crate) strict: bool,
    pub(crate) clock: Arc<dyn Clock>,
}

/// Where a client sends calls and what a URL without a path is completed with.
pub(crate) struct Gateway {
    /// How errors name the URL ("gateway URL", "router URL").
    pub(crate) label: &'static str,
    /// The path added to a URL that has none (`/openapi`, `/router/qimen/service`).
    pub(crate) default_path: &'static str,
}

impl Settings {
    /// The defaults, sending to `url`.
    pub(crate) fn new(url: &str) -> Self {
        Settings {
            url: url.to_owned(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            user_agent: concat!("wdt-rust/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            rate_limit: None,
            max_in_flight: None,
            max_reply_bytes: limits::DEFAULT_MAX_REPLY_BYTES,
            max_depth: limits::DEFAULT_MAX_DEPTH,
            validate: true,
            strict: false,
            clock: Arc::new(SystemClock),
        }
    }

    /// Checks the URL and the rate limit and builds the HTTP client.
    pub(crate) fn build(self, gateway: &Gateway) -> Result<Core, Error> {
        let url = gateway_url(&self.url, gateway)?;
        if let Some(rate) = self.rate_limit
            && !(rate > 0.0 && rate.is_finite())
        {
            return Err(Error::Config(format!(
                "rate limit must be a positive number of calls per second, not {rate}"
            )));
        }
        if self.max_in_flight == Some(0) {
            return Err(Error::Config(
                "calls in flight must be at least 1".to_owned(),
            ));
        }
        Ok(Core {
            http: crate::http_client(&self.user_agent, self.connect_timeout)?,
            url,
            timeout: self.timeout,
            retry: self.retry,
            limiter: self.rate_limit.map(RateLimiter::new),
            in_flight: self.max_in_flight.map(Semaphore::new),
            paused_until: Mutex::new(None),
            sent: AtomicU64::new(0),
            max_reply_bytes: self.max_reply_bytes,
            max_depth: self.max_depth,
            validate: self.validate,
            strict: self.strict,
            clock: self.clock,
        })
    }
}

/// `http://host` → `http://host` + the default path; a URL with a path is kept as given.
/// Only http(s) URLs without a query string are taken: the clients append the query.
pub(crate) fn gateway_url(url: &str, gateway: &Gateway) -> Result<String, Error> {
    let label = gateway.label;
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::Config(format!("{label} '{url}' is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::Config(format!(
            "{label} '{url}' must be http or https"
        )));
    }
    if parsed.query().is_some() {
        return Err(Error::Config(format!(
            "{label} '{url}' must not have a query string"
        )));
    }
    let trimmed = url.trim_end_matches('/');
    Ok(if parsed.path() == "/" {
        format!("{trimmed}{}", gateway.default_path)
    } else {
        trimmed.to_owned()
    })
}

/// The checked settings a built client holds.
pub(crate) struct Core {
    pub(crate) http: reqwest::Client,
    pub(crate) url: String,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    limiter: Option<RateLimiter>,
    in_flight: Option<Semaphore>,
    /// Set by a rate-limit reply: every call of the client waits until then.
    paused_until: Mutex<Option<Instant>>,
    /// HTTP requests sent, retries included.
    sent: AtomicU64,
    max_reply_bytes: usize,
    max_depth: usize,
    validate: bool,
    strict: bool,
    pub(crate) clock: Arc<dyn Clock>,
}

impl Core {
    /// Validates (unless switched off, for the client or the call) a request and its page
    /// size; the warnings are logged and returned.
    pub(crate) fn check<E: Endpoint>(
        &self,
        request: &E,
        page_size: Option<(u32, PageSizeLimit)>,
        options: CallOptions,
    ) -> Result<Vec<Violation>, Error> {
        if !self.validate || options.skip_validation {
            return Ok(Vec::new());
        }
        let warnings = request::validate(request, page_size, self.strict).map_err(|source| {
            Error::Invalid {
                method: E::METHOD,
                source,
            }
        })?;
        for warning in &warnings {
            tracing::warn!(method = E::METHOD, %warning, "request sent despite a warning of its spec");
        }
        Ok(warnings)
    }

    /// One attempt's exchange under the client's limits: waits out a pause after a
    /// rate-limit reply, takes a slot among the calls in flight and one under the rate,
    /// signs with `sign(now)` and posts. Returns the reply body of an HTTP 200, after
    /// checking its size and nesting (as JSON or XML, by `xml`).
    pub(crate) async fn exchange(
        &self,
        method: &'static str,
        sign: impl FnOnce(i64) -> Prepared,
        xml: bool,
    ) -> Result<Bytes, Error> {
        self.wait_out_pause().await;
        let _slot = match &self.in_flight {
            Some(slots) => slots.acquire().await.ok(),
            None => None,
        };
        if let Some(limiter) = &self.limiter {
            limiter.acquire().await;
        }
        let Prepared {
            url,
            content_type,
            body,
        } = sign(self.clock.unix_seconds());
        self.sent.fetch_add(1, Ordering::Relaxed);
        let reply = crate::transport::post(
            &self.http,
            method,
            &url,
            content_type,
            body,
            Some(self.timeout),
            self.max_reply_bytes,
        )
        .await?;
        if reply.status != 200 {
            return Err(crate::transport::http_status(method, &reply));
        }
        let shape = if xml {
            limits::check_xml(&reply.body, self.max_depth)
        } else {
            limits::check_json(&reply.body, self.max_depth)
        };
        shape.map_err(|reason| Error::ReplyRefused { method, reason })?;
        Ok(reply.body)
    }

    /// Pauses every call of the client after a rate-limit reply: the vendor counts calls
    /// per client, so the calls of other windows and pages would only be refused too.
    pub(crate) fn observe<T>(&self, result: &Result<T, Error>) {
        if let Err(error) = result
            && error.is_rate_limited()
        {
            let until = Instant::now() + self.retry.rate_limit_backoff;
            let mut paused = self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
            *paused = Some(paused.map_or(until, |p| p.max(until)));
            tracing::warn!(
                wait = ?self.retry.rate_limit_backoff,
                "rate-limit reply: the whole client pauses"
            );
        }
    }

    /// HTTP requests sent so far, retries included.
    pub(crate) fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    async fn wait_out_pause(&self) {
        let until = *self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = until {
            tokio::time::sleep_until(until).await;
        }
    }

    /// The settings, for a client's `Debug`.
    pub(crate) fn debug_fields(&self, f: &mut fmt::DebugStruct<'_, '_>) {
        f.field("url", &self.url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("rate_limit", &self.limiter)
            .field("max_in_flight", &self.in_flight.as_ref().map(|_| "limited"))
            .field("validate", &self.validate)
            .field("strict", &self.strict);
    }
}

/// The builder methods for [`Settings`], written once for both builders (each has a
/// `settings: Settings` field).
macro_rules! settings_methods {
    () => {
        /// Limit for a whole attempt, reply included (30 s by default).
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.timeout = timeout;
            self
        }

        /// Limit for opening a connection (10 s by default).
        pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.connect_timeout = timeout;
            self
        }

        /// The `User-Agent` header.
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.settings.user_agent = user_agent.into();
            self
        }

        /// How transient failures of retry-safe endpoints are retried.
        pub fn retry(mut self, policy: $crate::RetryPolicy) -> Self {
            self.settings.retry = policy;
            self
        }

        /// At most this many calls per second from this client and its clones (no limit by
        /// default); a value that is not a positive number fails `build`.
        pub fn rate_limit(mut self, per_second: f64) -> Self {
            self.settings.rate_limit = Some(per_second);
            self
        }

        /// At most this many calls per minute (the vendor's unit), spaced evenly:
        /// `rate_limit(per_minute / 60)`.
        pub fn rate_limit_per_minute(self, per_minute: u32) -> Self {
            self.rate_limit(f64::from(per_minute) / 60.0)
        }

        /// At most this many calls of this client and its clones in flight at once (no limit
        /// by default); 0 fails `build`. Concurrent window scans share it.
        pub fn max_in_flight(mut self, calls: usize) -> Self {
            self.settings.max_in_flight = Some(calls);
            self
        }

        /// The largest reply read, in bytes (64 MiB by default); a larger one fails with
        /// `Error::ReplyTooLarge` without being read whole.
        pub fn max_reply_bytes(mut self, bytes: usize) -> Self {
            self.settings.max_reply_bytes = bytes;
            self
        }

        /// The deepest nesting of objects, arrays or elements a reply may have (64 by
        /// default, which is also the most the XML decoder takes); a deeper one fails with
        /// `Error::ReplyRefused` before it is decoded.
        pub fn max_reply_depth(mut self, depth: usize) -> Self {
            self.settings.max_depth = depth;
            self
        }

        /// Whether requests are validated before sending (on by default).
        pub fn validation(mut self, enabled: bool) -> Self {
            self.settings.validate = enabled;
            self
        }

        /// Strict mode: rules the specs mark `severity = "warning"` refuse requests too (off
        /// by default: such requests are sent, and the warnings logged and returned).
        pub fn strict(mut self, strict: bool) -> Self {
            self.settings.strict = strict;
            self
        }

        /// The clock timestamps come from.
        pub fn clock(mut self, clock: ::std::sync::Arc<dyn $crate::Clock>) -> Self {
            self.settings.clock = clock;
            self
        }
    };
}

pub(crate) use settings_methods;

/// A signed call ready to send: the exact URL and body bytes.
///
/// `Debug` shows neither: the URL carries the salt and the signature.
pub struct Prepared {
    pub url: String,
    /// The `Content-Type` the body is sent with.
    pub content_type: &'static str,
    pub body: Bytes,
}

impl Prepared {
    /// How [`Prepared::shown_query`] shows the salt.
    pub const HIDDEN: &'static str = "***";

    /// The URL up to its query string.
    pub fn address(&self) -> &str {
        self.url
            .split_once('?')
            .map_or(&self.url, |(address, _)| address)
    }

    /// The URL's query parameters, decoded and in order, with the `salt` (half of the
    /// appsecret) shown as [`Prepared::HIDDEN`]: what a dry run may print.
    pub fn shown_query(&self) -> Vec<(String, String)> {
        let query = self.url.split_once('?').map_or("", |(_, query)| query);
        shown_pairs(query.as_bytes())
    }

    /// The fields of a form body (the 奇门自定义 route's), decoded and in order, with
    /// `wdt_salt` shown as [`Prepared::HIDDEN`]; `None` for a JSON or XML body, which
    /// holds no credential and is shown as it is.
    pub fn shown_form(&self) -> Option<Vec<(String, String)>> {
        self.content_type
            .starts_with("application/x-www-form-urlencoded")
            .then(|| shown_pairs(&self.body))
    }
}

/// Decoded `k=v` pairs with the salts hidden.
fn shown_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded)
        .map(|(key, value)| {
            let value = if key == "salt" || key == "wdt_salt" {
                Prepared::HIDDEN.to_owned()
            } else {
                value.into_owned()
            };
            (key.into_owned(), value)
        })
        .collect()
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prepared")
            .field("url", &"<signed, not shown>")
            .field("content_type", &self.content_type)
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENAPI: Gateway = Gateway {
        label: "gateway URL",
        default_path: "/openapi",
    };

    #[test]
    fn urls_get_the_default_path_and_keep_their_own() {
        assert_eq!(
            gateway_url("http://127.0.0.1:8080", &OPENAPI).unwrap(),
            "http://127.0.0.1:8080/openapi"
        );
        assert_eq!(
            gateway_url("http://127.0.0.1:8080/", &OPENAPI).unwrap(),
            "http://127.0.0.1:8080/openapi"
        );
        assert_eq!(
            gateway_url("https://h/x/openapi/", &OPENAPI).unwrap(),
            "https://h/x/openapi"
        );
    }

    #[test]
    fn bad_urls_and_rates_fail_the_build() {
        for (url, expected) in [
            ("not a url", "gateway URL 'not a url' is not a URL"),
            ("ftp://h", "gateway URL 'ftp://h' must be http or https"),
            (
                "http://h/?a=1",
                "gateway URL 'http://h/?a=1' must not have a query string",
            ),
        ] {
            let error = gateway_url(url, &OPENAPI).unwrap_err().to_string();
            assert!(error.contains(expected), "{error}");
        }
        for rate in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let mut settings = Settings::new("http://h");
            settings.rate_limit = Some(rate);
            let error = settings.build(&OPENAPI).err().expect("refused").to_string();
            assert!(
                error.contains("rate limit must be a positive number"),
                "{error}"
            );
        }
        let mut settings = Settings::new("http://h");
        settings.max_in_flight = Some(0);
        let error = settings.build(&OPENAPI).err().expect("refused").to_string();
        assert!(
            error.contains("calls in flight must be at least 1"),
            "{error}"
        );
    }

    #[test]
    fn a_rate_per_minute_is_spaced_like_the_same_rate_per_second() {
        let client = crate::WdtClient::builder()
            .sid("s")
            .app_key("k")
            .app_secret("secret:salt")
            .rate_limit_per_minute(120)
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        assert!(shown.contains("interval: 500ms"), "{shown}");
        let refused = crate::WdtClient::builder()
            .sid("s")
            .app_key("k")
            .app_secret("secret:salt")
            .rate_limit_per_minute(0)
            .build()
            .unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("rate limit must be a positive number")
        );
    }
}
