//! What generated code tells the runtime about each endpoint.

use std::hash::Hash;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Rejection;
use crate::validate::{Validate, Violations, check};

/// Which gateway an endpoint belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// 旺店通 旗舰版: a JSON array of positional arguments, lowercase md5 signature.
    Wdt,
    /// 淘宝 奇门: an XML `<request>` element, uppercase md5 signature.
    Qimen,
}

/// A request to one endpoint: its arguments, and what the runtime needs to send it.
///
/// For 旗舰版 endpoints `Serialize` writes the JSON array of positional arguments; for Qimen
/// endpoints it writes the fields of the `<request>` element.
pub trait Endpoint: Validate + Serialize + Send + Sync {
    /// The method name, e.g. `wms.outer.OuterOut.createOrder`.
    const METHOD: &'static str;
    /// The gateway.
    const PROTOCOL: Protocol;
    /// Whether an attempt that may have reached the server can be sent again.
    const RETRY_SAFE: bool;
    /// The decoded payload: `data` for 旗舰版, the `<response>` element for Qimen.
    type Response: DeserializeOwned + Serialize + std::fmt::Debug + Send + 'static;
}

/// A paged 旗舰版 query: the pager travels in the query string.
pub trait PagedEndpoint: Endpoint {
    /// One record of a page.
    type Item: Send + 'static;
    /// What identifies a record (`()` when the spec names no id).
    type Key: Eq + Hash + Send + 'static;
    /// Page size used when the caller does not choose one.
    const DEFAULT_PAGE_SIZE: u32;
    /// Largest page size the endpoint accepts.
    const MAX_PAGE_SIZE: u32;

    /// The page's records and the total the reply states, if any. `envelope_total` is the
    /// `total` beside `data`, which some endpoints use instead of a field of `data`.
    fn into_page(
        response: Self::Response,
        envelope_total: Option<u64>,
    ) -> (Vec<Self::Item>, Option<u64>);

    /// The record's identity, used to drop a record seen twice within one window.
    fn key(item: &Self::Item) -> Option<Self::Key>;
}

/// Whether a window's end instant belongs to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowEnds {
    /// `start <= t <= end`.
    Inclusive,
    /// `start <= t < end`.
    HalfOpen,
}

/// A paged query over a time range no longer than a maximum span.
pub trait WindowedEndpoint: PagedEndpoint + Clone {
    /// The longest allowed `end - start`, in seconds.
    const MAX_SPAN_SECS: i64;
    /// Whether the server includes the end instant.
    const ENDS: WindowEnds;

    /// The request's current `(start, end)`.
    fn window(&self) -> (NaiveDateTime, NaiveDateTime);

    /// Sets `(start, end)`.
    fn set_window(&mut self, start: NaiveDateTime, end: NaiveDateTime);
}

/// One page of records.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The total number of records of the query, when the reply states it.
    pub total: Option<u64>,
    /// 0-based.
    pub page_no: u32,
    pub page_size: u32,
}

impl<T> Page<T> {
    /// Whether no page follows this one: it is short, or the total is reached.
    pub fn is_last(&self) -> bool {
        let seen = u64::from(self.page_no + 1) * u64::from(self.page_size);
        self.items.len() < self.page_size as usize || self.total.is_some_and(|t| seen >= t)
    }
}

/// What a spec says about an endpoint, for tools that pick endpoints by name at run time
/// (the sandbox and the CLI).
#[derive(Debug, Clone, Copy)]
pub struct EndpointInfo {
    pub method: &'static str,
    pub protocol: Protocol,
    /// The Chinese name from the doc page.
    pub name: &'static str,
    pub retry_safe: bool,
    /// The positional arguments' names, in wire order (Qimen: `request`).
    pub args: &'static [&'static str],
    pub paging: Option<PagingInfo>,
    /// The maximum time span, in seconds, with the field paths it applies to.
    pub time_window: Option<TimeWindowInfo>,
    /// Decodes a request body by the spec and validates it.
    pub check_request: fn(&[u8]) -> Result<(), Rejection>,
    /// Reads the arguments as JSON (an array of positional arguments; Qimen: the request
    /// object), validates them and writes the wire body (JSON array; Qimen: XML).
    pub encode_request: fn(&[u8]) -> Result<Vec<u8>, Rejection>,
    /// Decodes a reply payload (`data`, or the `<response>` element) by the spec.
    pub check_response: fn(&[u8]) -> Result<(), String>,
    /// Decodes a reply payload by the spec and renders it as JSON.
    pub response_json: fn(&[u8]) -> Result<serde_json::Value, String>,
    pub example_request: Option<&'static str>,
    pub example_response: Option<&'static str>,
}

impl EndpointInfo {
    /// What a gateway checks in a received call: the body by the spec, and the page size
    /// (`Some` for a paged call), all violations together.
    pub fn check(&self, body: &[u8], page_size: Option<u32>) -> Result<(), Rejection> {
        let mut extra = Violations::default();
        if let (Some(paging), Some(size)) = (self.paging, page_size) {
            check::page_size(&mut extra, size, paging.max_page_size);
        }
        match ((self.check_request)(body), extra.into_result()) {
            (Err(Rejection::Invalid(mut error)), Err(more)) => {
                error.0.extend(more.0);
                Err(Rejection::Invalid(error))
            }
            (Err(rejection), _) => Err(rejection),
            (Ok(()), more) => more.map_err(Rejection::Invalid),
        }
    }
}

/// The `[paging]` of a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingInfo {
    pub default_page_size: u32,
    pub max_page_size: u32,
    /// The field of `data` holding the records; `None` when `data` is the list.
    pub list: Option<&'static str>,
    /// The field of `data` holding the total; `None` when the envelope's `total` does.
    pub total: Option<&'static str>,
    /// The field identifying a record.
    pub id: Option<&'static str>,
}

/// The `[time_window]` of a spec.
#[derive(Debug, Clone, Copy)]
pub struct TimeWindowInfo {
    /// `params.start_time`
    pub start: &'static str,
    /// `params.end_time`
    pub end: &'static str,
    pub max_span_secs: i64,
    pub ends: WindowEnds,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_page_by_size_or_total() {
        let page = |n: usize, page_no, total| Page {
            items: vec![(); n],
            total,
            page_no,
            page_size: 10,
        };
        assert!(page(3, 0, None).is_last());
        assert!(!page(10, 0, None).is_last());
        assert!(page(10, 1, Some(20)).is_last());
        assert!(!page(10, 0, Some(20)).is_last());
    }
}
