//! What generated code tells the runtime about each endpoint.

use std::hash::Hash;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Rejection;
use crate::format::WireFormat;
use crate::request::Checked;
use crate::validate::Validate;
pub use crate::validate::check::PageSizeLimit;

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
    /// How the bodies travel: [`crate::format::Json`] (旗舰版) or [`crate::format::Xml`]
    /// (Qimen).
    type Format: WireFormat;
    /// The gateway, which the format decides.
    const PROTOCOL: Protocol = <Self::Format as WireFormat>::PROTOCOL;
    /// Whether an attempt that may have reached the server can be sent again.
    const RETRY_SAFE: bool;
    /// The positional arguments of a 旗舰版 body, in order (empty for Qimen, whose body is
    /// one object); refusals name an argument by it.
    const ARGS: &'static [&'static str] = &[];
    /// The decoded payload: `data` for 旗舰版, the `<response>` element for Qimen.
    type Response: DeserializeOwned + Serialize + std::fmt::Debug + Send + 'static;
}

/// A paged query: where its records and total are, and its page sizes. The 旗舰版 pager
/// travels in the query string; a Qimen query is also a [`BodyPagedEndpoint`].
pub trait PagedEndpoint: Endpoint {
    /// One record of a page.
    type Item: Send + 'static;
    /// What identifies a record (`()` when the spec names no id).
    type Key: Eq + Hash + Send + 'static;
    /// Page size used when the caller does not choose one: a size the vendor's docs show
    /// in use.
    const DEFAULT_PAGE_SIZE: u32;
    /// How large a page may be: a maximum the page states, an assumed one, or none.
    const PAGE_SIZE_LIMIT: PageSizeLimit;

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

/// A paged query over a time range no longer than a maximum span: its first
/// `[[time_window]]`, which window scans walk.
pub trait WindowedEndpoint: PagedEndpoint + Clone {
    /// The longest allowed `end - start`, in seconds, whatever else the request holds (a
    /// wider `span_when` span is not assumed).
    const MAX_SPAN_SECS: i64;
    /// Whether the server includes the end instant.
    const ENDS: WindowEnds;

    /// Sets `(start, end)`. A window of dates takes the dates of both instants (windows are
    /// planned in whole days for it).
    fn set_window(&mut self, start: NaiveDateTime, end: NaiveDateTime);
}

/// A Qimen query that pages in its body: `page` (from 1) and `pageSize` are fields of
/// the request.
pub trait BodyPagedEndpoint: PagedEndpoint + Clone {
    /// Sets the page number (counted from 1) and the page size in the request.
    fn set_page(&mut self, page: u32, page_size: u32);
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
    /// What validation warned about in the request (sent anyway).
    pub warnings: Vec<crate::Violation>,
}

impl<T> Page<T> {
    /// Whether no page follows this one: it is short, or the total is reached.
    pub fn is_last(&self) -> bool {
        let seen = u64::from(self.page_no + 1) * u64::from(self.page_size);
        self.items.len() < self.page_size as usize || self.total.is_some_and(|t| seen >= t)
    }
}

/// A page size to check, with the endpoint's limit (`None` for a call that does not page).
pub type PageSizeCheck = Option<(u32, PageSizeLimit)>;

/// Decodes a wire body and validates it (`true`: strict); `Ok` holds the warnings.
pub type CheckRequest = fn(&[u8], PageSizeCheck, bool) -> Result<Vec<crate::Violation>, Rejection>;

/// Reads JSON arguments, validates them (`true`: strict) and writes the wire body.
pub type EncodeRequest = fn(&[u8], PageSizeCheck, bool) -> Result<Checked<Vec<u8>>, Rejection>;

/// Decodes a body by the spec and renders it as JSON.
pub type ToJson = fn(&[u8]) -> Result<serde_json::Value, String>;

/// Reads JSON by the spec and writes the wire form.
pub type FromJson = fn(&[u8]) -> Result<Vec<u8>, String>;

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
    /// The `[[time_window]]`s; the first is the one window scans walk.
    pub time_windows: &'static [TimeWindowInfo],
    /// Decodes a request body by the spec and validates it with the page size (`Some` for
    /// a paged call); `true` makes warnings refusals. `Ok` holds the warnings.
    pub check_request: CheckRequest,
    /// Reads the arguments as JSON (an array of positional arguments; Qimen: the request
    /// object), validates them like `check_request` and writes the wire body (JSON array;
    /// Qimen: XML).
    pub encode_request: EncodeRequest,
    /// Decodes a reply payload (`data`, or the `<response>` element) by the spec.
    pub check_response: fn(&[u8]) -> Result<(), String>,
    /// Decodes a reply payload by the spec and renders it as JSON.
    pub response_json: ToJson,
    /// Decodes a Qimen XML request body by the spec and renders it as the JSON request
    /// object `encode_request` reads (`wdt describe` shows the page's example this way).
    /// `None` for 旗舰版, whose wire body already is the JSON `encode_request` reads.
    pub request_json: Option<ToJson>,
    /// Reads a reply payload as JSON by the spec and writes the Qimen `<response>`
    /// element (`response_json` read backwards). `None` for 旗舰版.
    pub response_xml: Option<FromJson>,
    pub example_request: Option<&'static str>,
    pub example_response: Option<&'static str>,
}

impl EndpointInfo {
    /// The page-size check of a paged call, `None` when the endpoint does not page.
    pub fn page_size(&self, page_size: u32) -> Option<(u32, PageSizeLimit)> {
        self.paging.map(|paging| (page_size, paging.limit))
    }

    /// What a gateway checks in a received call: the body by the spec, and the page size
    /// (`Some` for a paged call), all violations together. `Ok` holds the warnings.
    pub fn check(
        &self,
        body: &[u8],
        page_size: Option<u32>,
    ) -> Result<Vec<crate::Violation>, Rejection> {
        (self.check_request)(body, page_size.and_then(|size| self.page_size(size)), false)
    }

    /// The scan window (the first `[[time_window]]`), if the endpoint has one.
    pub fn scan_window(&self) -> Option<&'static TimeWindowInfo> {
        self.paging.and(self.time_windows.first())
    }
}

/// The `[paging]` of a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingInfo {
    pub default_page_size: u32,
    /// How large a page may be.
    pub limit: PageSizeLimit,
    /// The field of `data` holding the records; `None` when `data` is the list.
    pub list: Option<&'static str>,
    /// The field of `data` holding the total; `None` when the envelope's `total` does.
    pub total: Option<&'static str>,
    /// The field identifying a record.
    pub id: Option<&'static str>,
    /// The field holding a record's modification time.
    pub modified: Option<&'static str>,
}

/// A `[[time_window]]` of a spec.
#[derive(Debug, Clone, Copy)]
pub struct TimeWindowInfo {
    /// `params.start_time`
    pub start: &'static str,
    /// `params.end_time`
    pub end: &'static str,
    /// The span when no `span_when` applies, in seconds.
    pub max_span_secs: i64,
    pub ends: WindowEnds,
    /// Whether the ends are dates (`yyyy-MM-dd`) rather than datetimes.
    pub dates: bool,
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
            warnings: Vec::new(),
        };
        assert!(page(3, 0, None).is_last());
        assert!(!page(10, 0, None).is_last());
        assert!(page(10, 1, Some(20)).is_last());
        assert!(!page(10, 0, Some(20)).is_last());
    }
}
