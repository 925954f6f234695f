//! Synchronous clients for programs without an async runtime.
//!
//! Each wraps its async client and a private current-thread runtime. Do not call them from
//! inside an async runtime (use the async clients there).

use crate::endpoint::{Endpoint, Page, PagedEndpoint};
use crate::error::Error;

/// A blocking 旗舰版 client.
#[derive(Debug)]
pub struct WdtClient {
    inner: crate::wdt::WdtClient,
    runtime: tokio::runtime::Runtime,
}

impl WdtClient {
    /// Wraps an async client.
    pub fn new(inner: crate::wdt::WdtClient) -> Result<Self, Error> {
        Ok(WdtClient {
            inner,
            runtime: runtime()?,
        })
    }

    /// See [`crate::WdtClient::call`].
    pub fn call<E: Endpoint>(&self, request: &E) -> Result<E::Response, Error> {
        self.runtime.block_on(self.inner.call(request))
    }

    /// See [`crate::WdtClient::call_page`].
    pub fn call_page<E: PagedEndpoint>(
        &self,
        request: &E,
        page_no: u32,
        page_size: u32,
    ) -> Result<Page<E::Item>, Error> {
        self.runtime
            .block_on(self.inner.call_page(request, page_no, page_size))
    }

    /// See [`crate::WdtClient::collect_all`].
    pub fn collect_all<E: PagedEndpoint>(
        &self,
        request: &E,
        page_size: u32,
    ) -> Result<Vec<E::Item>, Error> {
        self.runtime
            .block_on(self.inner.collect_all(request, page_size))
    }
}

/// A blocking Qimen client.
#[derive(Debug)]
pub struct QimenClient {
    inner: crate::qimen::QimenClient,
    runtime: tokio::runtime::Runtime,
}

impl QimenClient {
    /// Wraps an async client.
    pub fn new(inner: crate::qimen::QimenClient) -> Result<Self, Error> {
        Ok(QimenClient {
            inner,
            runtime: runtime()?,
        })
    }

    /// See [`crate::QimenClient::call`].
    pub fn call<E: Endpoint>(&self, request: &E) -> Result<E::Response, Error> {
        self.runtime.block_on(self.inner.call(request))
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Config(format!("cannot start the blocking runtime: {e}")))
}
