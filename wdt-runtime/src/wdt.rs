//! The 旗舰版 client: envelope, signing, sending, and reading replies.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

pub use crate::client::CallOptions;
use crate::client::{Core, Gateway, Prepared, Settings, settings_methods};
use crate::endpoint::{Endpoint, Page, PagedEndpoint};
use crate::error::{Error, shorten, truncate};
use crate::retry;
use crate::route::{self, Account, QimenRoute, read_route_reply};
use crate::secret::AppSecret;
use crate::sign::{self, Pager, WDT_VERSION, WdtSignInput};
use crate::validate::{Violation, check::PageSizeLimit};

/// The vendor's gateways (section 3.1 of every doc page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// `http://wdt.wangdian.cn/openapi`
    Production,
    /// `http://47.92.239.46/openapi`
    Test,
}

impl Environment {
    /// The gateway's URL.
    pub fn url(self) -> &'static str {
        match self {
            Environment::Production => "http://wdt.wangdian.cn/openapi",
            Environment::Test => "http://47.92.239.46/openapi",
        }
    }
}

/// Builds a [`WdtClient`].
#[derive(Debug)]
pub struct WdtClientBuilder {
    sid: Option<String>,
    app_key: Option<String>,
    app_secret: Option<Result<AppSecret, String>>,
    route: Option<QimenRoute>,
    /// Whether `environment` or `base_url` chose the direct gateway.
    direct_url: bool,
    settings: Settings,
}

impl Default for WdtClientBuilder {
    fn default() -> Self {
        WdtClientBuilder {
            sid: None,
            app_key: None,
            app_secret: None,
            route: None,
            direct_url: false,
            settings: Settings::new(Environment::Production.url()),
        }
    }
}

/// The 旗舰版 gateway's path.
const GATEWAY: Gateway = Gateway {
    label: "gateway URL",
    default_path: "/openapi",
};

impl WdtClientBuilder {
    /// The seller account (卖家账号).
    pub fn sid(mut self, sid: impl Into<String>) -> Self {
        self.sid = Some(sid.into());
        self
    }

    /// The appkey (接口账号), sent as `key`.
    pub fn app_key(mut self, key: impl Into<String>) -> Self {
        self.app_key = Some(key.into());
        self
    }

    /// The appsecret in its `secret:salt` form. A malformed one fails [`Self::build`].
    pub fn app_secret(mut self, appsecret: &str) -> Self {
        self.app_secret = Some(AppSecret::parse(appsecret).map_err(|e| e.to_string()));
        self
    }

    /// One of the vendor's gateways.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.settings.url = environment.url().to_owned();
        self.direct_url = true;
        self
    }

    /// Any gateway URL; `/openapi` is added to a URL without a path.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.settings.url = url.into();
        self.direct_url = true;
        self
    }

    /// Sends every call through the 奇门自定义 route ([`crate::route`]) instead of the
    /// 旗舰版 gateway: the same calls, requests and replies, and the trade queries also
    /// return 淘系 and system 供销 orders. The sid, key and appsecret sign the inner part;
    /// the router URL is the route's ([`QimenRoute::router_url`]), so `environment` and
    /// `base_url` fail the build beside it.
    pub fn qimen_route(mut self, route: QimenRoute) -> Self {
        self.route = Some(route);
        self
    }

    settings_methods!();

    /// The client, or a [`Error::Config`] naming what is missing or malformed.
    pub fn build(self) -> Result<WdtClient, Error> {
        let missing = |what: &str| Error::Config(format!("{what} is not set"));
        let sid = self.sid.ok_or_else(|| missing("sid"))?;
        let key = self.app_key.ok_or_else(|| missing("app_key"))?;
        let secret = self
            .app_secret
            .ok_or_else(|| missing("app_secret"))?
            .map_err(Error::Config)?;
        let mut settings = self.settings;
        let core = match &self.route {
            None => settings.build(&GATEWAY)?,
            Some(_) if self.direct_url => {
                return Err(Error::Config(
                    "environment and base_url choose the 旗舰版 gateway; a route's URL is set with QimenRoute::router_url".to_owned(),
                ));
            }
            Some(route) => {
                route.check()?;
                settings.url = route.url.clone();
                settings.build(&route::ROUTER)?
            }
        };
        Ok(WdtClient {
            inner: Arc::new(Inner {
                core,
                sid,
                key,
                secret,
                route: self.route,
            }),
        })
    }
}

/// A 旗舰版 client. Cheap to clone; clones share connections and the rate limit.
#[derive(Clone)]
pub struct WdtClient {
    inner: Arc<Inner>,
}

struct Inner {
    core: Core,
    sid: String,
    key: String,
    secret: AppSecret,
    route: Option<QimenRoute>,
}

/// A request encoded once per call: the JSON array for the 旗舰版 gateway, or the route's
/// argument fields.
enum Encoded<'a> {
    Direct(Bytes),
    Route(&'a QimenRoute, Vec<(&'static str, String)>),
}

impl fmt::Debug for WdtClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let mut f = f.debug_struct("WdtClient");
        f.field("sid", &inner.sid)
            .field("key", &inner.key)
            .field("app_secret", &inner.secret)
            .field("route", &inner.route);
        inner.core.debug_fields(&mut f);
        f.finish_non_exhaustive()
    }
}

/// How 旗舰版 bodies are sent.
const JSON_CONTENT_TYPE: &str = "application/json";

/// A decoded reply envelope; `data` stays raw until the status says it is worth decoding.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default, with = "crate::wire")]
    status: Option<i64>,
    #[serde(default)]
    message: Option<serde_json::Value>,
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
    #[serde(default, with = "crate::wire")]
    total: Option<i64>,
}

/// A successful reply: the typed payload, the envelope's `total` if any, and what
/// validation warned about in the request that was sent.
#[derive(Debug)]
pub struct Reply<T> {
    pub data: T,
    pub total: Option<u64>,
    pub warnings: Vec<Violation>,
}

fn text_of(value: Option<serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// Reads a reply body: status 0 gives the typed `data`, anything else a typed error.
pub fn read_reply<T: DeserializeOwned>(
    method: &'static str,
    body: &[u8],
) -> Result<Reply<T>, Error> {
    let decode_error = |message: String| Error::Decode {
        method,
        message: shorten(&message, 160),
        raw: truncate(body),
    };
    let envelope: Envelope<'_> =
        serde_json::from_slice(body).map_err(|e| decode_error(format!("not a JSON reply: {e}")))?;
    let status = envelope
        .status
        .ok_or_else(|| decode_error("the reply has no status".to_owned()))?;
    if status != 0 {
        return Err(Error::Api {
            method,
            status,
            code: text_of(envelope.code),
            message: text_of(envelope.message).unwrap_or_default(),
        });
    }
    let data_text = envelope.data.map_or("null", RawValue::get);
    let data = crate::format::from_json(data_text.as_bytes())
        .map_err(|e| decode_error(format!("data does not match the spec: {e}")))?;
    Ok(Reply {
        data,
        total: envelope.total.and_then(|t| u64::try_from(t).ok()),
        warnings: Vec::new(),
    })
}

impl WdtClient {
    /// Starts a builder.
    pub fn builder() -> WdtClientBuilder {
        WdtClientBuilder::default()
    }

    /// HTTP requests this client (and its clones) sent so far, retries included: with the
    /// pages a job asked for, the number of retries it took.
    pub fn requests_sent(&self) -> u64 {
        self.inner.core.requests_sent()
    }

    /// The gateway URL calls go to.
    pub fn url(&self) -> &str {
        &self.inner.core.url
    }

    /// Calls an endpoint with the client's options.
    pub async fn call<E: Endpoint>(&self, request: &E) -> Result<E::Response, Error> {
        self.call_with(request, CallOptions::default()).await
    }

    /// Calls an endpoint with per-call options.
    pub async fn call_with<E: Endpoint>(
        &self,
        request: &E,
        options: CallOptions,
    ) -> Result<E::Response, Error> {
        self.call_reply(request, options)
            .await
            .map(|reply| reply.data)
    }

    /// Calls an endpoint and returns the whole reply: the payload, the envelope's total and
    /// the validation warnings of the request.
    pub async fn call_reply<E: Endpoint>(
        &self,
        request: &E,
        options: CallOptions,
    ) -> Result<Reply<E::Response>, Error> {
        let warnings = self.inner.core.check(request, None, options)?;
        let body = self.encoded(E::METHOD, E::ARGS, encode(request)?)?;
        let mut reply = self
            .send::<E::Response>(E::METHOD, body, None, E::RETRY_SAFE, options)
            .await?;
        reply.warnings = warnings;
        Ok(reply)
    }

    /// One page of a paged query (`page_no` from 0).
    pub async fn call_page<E: PagedEndpoint>(
        &self,
        request: &E,
        page_no: u32,
        page_size: u32,
    ) -> Result<Page<E::Item>, Error> {
        self.page_with(request, page_no, page_size, true, CallOptions::default())
            .await
    }

    pub(crate) async fn page_with<E: PagedEndpoint>(
        &self,
        request: &E,
        page_no: u32,
        page_size: u32,
        calc_total: bool,
        options: CallOptions,
    ) -> Result<Page<E::Item>, Error> {
        let pager = Pager {
            page_no,
            page_size,
            calc_total,
        };
        let warnings =
            self.inner
                .core
                .check(request, Some((page_size, E::PAGE_SIZE_LIMIT)), options)?;
        let body = self.encoded(E::METHOD, E::ARGS, encode(request)?)?;
        let reply = self
            .send::<E::Response>(E::METHOD, body, Some(pager), E::RETRY_SAFE, options)
            .await?;
        let (items, total) = E::into_page(reply.data, reply.total);
        Ok(Page {
            items,
            total,
            page_no,
            page_size,
            warnings,
        })
    }

    /// Validates, encodes and signs a call without sending it: the exact bytes a call
    /// would send. Used by benchmarks and to inspect what goes on the wire.
    pub fn prepare<E: Endpoint>(
        &self,
        request: &E,
        pager: Option<Pager>,
    ) -> Result<Prepared, Error> {
        self.inner.core.check(
            request,
            pager.map(|p| (p.page_size, PageSizeLimit::Unstated)),
            CallOptions::default(),
        )?;
        let body = self.encoded(E::METHOD, E::ARGS, encode(request)?)?;
        Ok(self.sign(
            E::METHOD,
            &body,
            pager,
            self.inner.core.clock.unix_seconds(),
        ))
    }

    /// Signs an already encoded body without sending it (the CLI's dry run; like
    /// [`WdtClient::call_raw`], the caller has validated it by the spec, and `args` are
    /// the positional arguments' names).
    pub fn prepare_raw(
        &self,
        method: &'static str,
        args: &'static [&'static str],
        body: Vec<u8>,
        pager: Option<Pager>,
    ) -> Result<Prepared, Error> {
        let body = self.encoded(method, args, Bytes::from(body))?;
        Ok(self.sign(method, &body, pager, self.inner.core.clock.unix_seconds()))
    }

    /// Sends an already encoded body (the CLI's path: it validates by the spec itself).
    /// `args` are the names of the body's positional arguments ([`crate::EndpointInfo`]'s
    /// `args`): the 奇门自定义 route sends each as a field of that name; the 旗舰版 gateway
    /// does not use them.
    pub async fn call_raw(
        &self,
        method: &'static str,
        args: &'static [&'static str],
        body: Vec<u8>,
        pager: Option<Pager>,
        retry_safe: bool,
    ) -> Result<Reply<Box<RawValue>>, Error> {
        let body = self.encoded(method, args, Bytes::from(body))?;
        self.send(method, body, pager, retry_safe, CallOptions::default())
            .await
    }

    /// Whether calls go through the 奇门自定义 route.
    pub fn is_qimen_route(&self) -> bool {
        self.inner.route.is_some()
    }

    /// The body in the form the client sends: as it is, or the route's fields.
    fn encoded(
        &self,
        method: &'static str,
        args: &'static [&'static str],
        body: Bytes,
    ) -> Result<Encoded<'_>, Error> {
        Ok(match &self.inner.route {
            None => Encoded::Direct(body),
            Some(route) => Encoded::Route(route, route::route_args(method, args, &body)?),
        })
    }

    /// One attempt, signed at `unix_seconds`.
    fn sign(
        &self,
        method: &str,
        body: &Encoded<'_>,
        pager: Option<Pager>,
        unix_seconds: i64,
    ) -> Prepared {
        let inner = &self.inner;
        match body {
            Encoded::Route(route, args) => {
                let account = Account {
                    sid: &inner.sid,
                    key: &inner.key,
                    secret: &inner.secret,
                };
                route::prepare(
                    route,
                    &inner.core.url,
                    &account,
                    method,
                    args,
                    pager,
                    unix_seconds,
                )
            }
            Encoded::Direct(body) => Prepared {
                url: self.signed_url(method, body, pager, unix_seconds),
                content_type: JSON_CONTENT_TYPE,
                body: body.clone(),
            },
        }
    }

    /// The URL of one attempt: every query parameter and the signature.
    fn signed_url(
        &self,
        method: &str,
        body: &[u8],
        pager: Option<Pager>,
        unix_seconds: i64,
    ) -> String {
        let inner = &self.inner;
        let timestamp = sign::wdt_timestamp(unix_seconds);
        let signature = sign::wdt_sign(&WdtSignInput {
            secret: inner.secret.secret.expose(),
            sid: &inner.sid,
            key: &inner.key,
            salt: inner.secret.salt.expose(),
            method,
            timestamp,
            pager,
            body,
        });
        let mut url = String::with_capacity(inner.core.url.len() + 160);
        url.push_str(&inner.core.url);
        let mut query = Query(&mut url, '?');
        query.push("sid", &inner.sid);
        query.push("key", &inner.key);
        query.push("salt", inner.secret.salt.expose());
        query.push("method", method);
        query.push("v", WDT_VERSION);
        query.push("timestamp", itoa::Buffer::new().format(timestamp));
        if let Some(pager) = pager {
            query.push("page_size", itoa::Buffer::new().format(pager.page_size));
            query.push("page_no", itoa::Buffer::new().format(pager.page_no));
            query.push("calc_total", if pager.calc_total { "1" } else { "0" });
        }
        query.push("sign", sign::as_str(&signature));
        url
    }

    /// Sends with retries; each attempt is signed afresh (the timestamp must be current).
    async fn send<T: DeserializeOwned>(
        &self,
        method: &'static str,
        body: Encoded<'_>,
        pager: Option<Pager>,
        retry_safe: bool,
        options: CallOptions,
    ) -> Result<Reply<T>, Error> {
        let core = &self.inner.core;
        retry::run(
            &core.retry,
            method,
            pager.map(|p| p.page_no),
            retry_safe,
            options.retry_unsafe,
            || async {
                let sign = |now| self.sign(method, &body, pager, now);
                let reply = core.exchange(method, sign, false).await?;
                let read = match body {
                    Encoded::Direct(_) => read_reply::<T>(method, &reply),
                    Encoded::Route(..) => read_route_reply::<T>(method, &reply),
                };
                core.observe(&read);
                read
            },
        )
        .await
    }
}

/// Serialises a request once; these bytes are signed and sent.
pub(crate) fn encode<E: Endpoint>(request: &E) -> Result<Bytes, Error> {
    let body = crate::format::to_json(request).map_err(|message| Error::Encode {
        method: E::METHOD,
        message,
    })?;
    Ok(Bytes::from(body))
}

/// Appends `k=v` pairs, percent-encoding values.
struct Query<'a>(&'a mut String, char);

impl Query<'_> {
    fn push(&mut self, key: &str, value: &str) {
        self.0.push(self.1);
        self.1 = '&';
        self.0.push_str(key);
        self.0.push('=');
        self.0
            .extend(form_urlencoded::byte_serialize(value.as_bytes()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

    /// The client, body and pager of PROTOCOL.md's vector W3.
    fn vector_w3() -> (WdtClient, &'static [u8], Pager) {
        let client = WdtClient::builder()
            .sid("wdtapi3")
            .app_key("wdt_test")
            .app_secret("testsecret:testsalt")
            .base_url("http://gw.example")
            .clock(Arc::new(FixedClock::new(469_411_200 + 1_325_347_200)))
            .build()
            .unwrap();
        let body = br#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#;
        let pager = Pager {
            page_no: 0,
            page_size: 100,
            calc_total: true,
        };
        (client, body, pager)
    }

    #[test]
    fn url_matches_vector_w3() {
        let (client, body, pager) = vector_w3();
        let url = client.signed_url(
            "wms.stockout.Sales.searchCancel",
            body,
            Some(pager),
            469_411_200 + 1_325_347_200,
        );
        assert_eq!(
            url,
            "http://gw.example/openapi?sid=wdtapi3&key=wdt_test&salt=testsalt&method=wms.stockout.Sales.searchCancel&v=1.0&timestamp=469411200&page_size=100&page_no=0&calc_total=1&sign=6907a52ca213ff8e6aba7df472d6f450"
        );
        let debug = format!("{client:?}");
        assert!(
            !debug.contains("testsecret") && !debug.contains("testsalt"),
            "{debug}"
        );
    }

    #[test]
    fn a_dry_run_shows_the_signed_query_without_the_salt() {
        let (client, body, pager) = vector_w3();
        let prepared = client
            .prepare_raw(
                "wms.stockout.Sales.searchCancel",
                &["params"],
                body.to_vec(),
                Some(pager),
            )
            .unwrap();
        assert_eq!(prepared.address(), "http://gw.example/openapi");
        assert_eq!(&prepared.body[..], body);
        let shown = prepared.shown_query();
        let value = |key: &str| {
            shown
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        // W3's signature, computed with the real salt; only the display hides it.
        assert_eq!(value("sign"), Some("6907a52ca213ff8e6aba7df472d6f450"));
        assert_eq!(value("salt"), Some(Prepared::HIDDEN));
        assert_eq!(value("timestamp"), Some("469411200"));
        assert_eq!(shown.len(), 10, "{shown:?}");
        assert!(!format!("{shown:?}{prepared:?}").contains("testsalt"));
    }

    #[test]
    fn replies_become_data_or_typed_errors() {
        let ok: Reply<Vec<i32>> =
            read_reply("m", br#"{"status":0,"total":"7","data":[1,2]}"#).unwrap();
        assert_eq!((ok.data, ok.total), (vec![1, 2], Some(7)));
        let err = read_reply::<()>(
            "m",
            r#"{"status":100,"code":"right.required","message":"无该仓库权限"}"#.as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "m: status 100 (right.required): 无该仓库权限"
        );
        let html = read_reply::<()>("m", b"<html>502 Bad Gateway</html>").unwrap_err();
        assert!(
            matches!(html, Error::Decode { ref raw, .. } if raw.contains("502")),
            "{html}"
        );
        let shape = read_reply::<Vec<i32>>("m", br#"{"status":0,"data":{"x":1}}"#).unwrap_err();
        assert!(
            shape.to_string().contains("data does not match the spec"),
            "{shape}"
        );
        let none = read_reply::<()>("m", br#"{"data":1}"#).unwrap_err();
        assert!(none.to_string().contains("no status"), "{none}");
        let long = format!(r#"{{"status":"x{}"}}"#, "y".repeat(2000));
        let cut = read_reply::<()>("m", long.as_bytes()).unwrap_err();
        assert!(
            cut.to_string().chars().count() < 800,
            "raw text is truncated"
        );
    }
}
