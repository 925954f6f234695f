//! Paged queries: streams of pages, collecting every page, and walking a long time range
//! in windows no longer than the endpoint allows.
//!
//! # Windows and their ends
//!
//! [`plan_windows`] cuts `[from, to]` into consecutive windows of at most the endpoint's
//! span. For endpoints whose server includes both ends (`WindowEnds::Inclusive`, the
//! vendor's default) a window is `[start, start + span - 1s]` and the next starts one
//! second later: datetimes have whole seconds, so every instant of the range is in exactly
//! one window, `to` included, and a day from midnight splits into `[00:00:00, 00:59:59]`,
//! `[01:00:00, 01:59:59]`, …. For `HalfOpen` endpoints a window is `[start, start + span)`,
//! the next starts at the previous end, and `to` itself is excluded.
//!
//! # Paging a window
//!
//! Rows whose modification time changes while a window is scanned move: they leave their
//! place and the rows after them shift one place forward. Read front to back, a row that
//! shifts into an already read page is lost. So, as the vendor recommends, each window is
//! read from its last page back to the first (the first page is read once more at the end,
//! since its first read only served to learn the total). A shift then only makes a row
//! appear twice, never disappear; when the spec names a record id, such repeats within a
//! window are dropped. Records of a window are yielded in the server's order.
//!
//! # Several windows at once
//!
//! [`WdtClient::scan_windows_with`] (and [`scan_windows_by`], for callers without typed
//! requests) reads up to [`ScanOptions::concurrency`] windows at once, and still yields
//! them in time order: a window that finishes early waits for the ones before it. So a
//! consumer that records "done through the end of this window" after each batch only ever
//! records a contiguous prefix of the range, and a resume neither skips nor repeats a
//! window. The stream ends after the first failed window; windows still in flight are
//! dropped. Calls of all windows share the client's limits (rate, calls in flight, and the
//! pause after a rate-limit reply).
//!
//! # Qimen queries
//!
//! A Qimen query pages in its body (`page` from 1, `pageSize`, a total such as
//! `totalLines` in the reply): [`QimenClient::call_page`], [`QimenClient::pages`] and
//! [`QimenClient::collect_all`] take the same 0-based page numbers as the 旗舰版 helpers and
//! set the body's fields on a copy of the request.

use std::collections::HashSet;
use std::future::Future;
use std::hash::Hash;

use chrono::{Duration as TimeDelta, NaiveDateTime};
use futures_util::stream;
use futures_util::{Stream, StreamExt};

use crate::endpoint::{BodyPagedEndpoint, Page, PagedEndpoint, WindowEnds, WindowedEndpoint};
use crate::error::Error;
use crate::qimen::QimenClient;
use crate::wdt::{CallOptions, WdtClient};

/// The records of one window of a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowBatch<T> {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub items: Vec<T>,
    /// Pages requested for this window.
    pub calls: u32,
}

/// Windows read at once when the caller does not choose: enough to hide most of a round
/// trip, few enough to stay well inside the vendor's per-minute concurrency limit.
pub const DEFAULT_WINDOW_CONCURRENCY: usize = 4;

/// How a window scan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions {
    /// Records per page.
    pub page_size: u32,
    /// Windows read at once (at least 1); batches still come out in time order.
    pub concurrency: usize,
}

impl ScanOptions {
    /// `page_size` per page, [`DEFAULT_WINDOW_CONCURRENCY`] windows at once.
    pub fn new(page_size: u32) -> Self {
        ScanOptions {
            page_size,
            concurrency: DEFAULT_WINDOW_CONCURRENCY,
        }
    }

    /// Reads this many windows at once (0 is taken as 1).
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }
}

/// Scans `windows` with `scan(start, end)` (a window's records and the pages it took), up
/// to `concurrency` at once, yielding batches in window order and ending after the first
/// failure (see the module docs).
pub fn scan_windows_by<'a, T, F, Fut>(
    windows: Vec<(NaiveDateTime, NaiveDateTime)>,
    concurrency: usize,
    mut scan: F,
) -> impl Stream<Item = Result<WindowBatch<T>, Error>> + 'a
where
    T: 'a,
    F: FnMut(NaiveDateTime, NaiveDateTime) -> Fut + 'a,
    Fut: Future<Output = Result<(Vec<T>, u32), Error>> + 'a,
{
    stream::iter(windows)
        .map(move |(start, end)| {
            let scanned = scan(start, end);
            async move {
                let (items, calls) = scanned.await?;
                Ok(WindowBatch {
                    start,
                    end,
                    items,
                    calls,
                })
            }
        })
        .buffered(concurrency.max(1))
        .scan(false, |failed, batch: Result<WindowBatch<T>, Error>| {
            let next = (!*failed).then(|| {
                *failed = batch.is_err();
                batch
            });
            std::future::ready(next)
        })
}

/// Consecutive windows covering `[from, to]` (see the module docs for the ends).
pub fn plan_windows(
    from: NaiveDateTime,
    to: NaiveDateTime,
    max_span_secs: i64,
    ends: WindowEnds,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let span = TimeDelta::seconds(max_span_secs.max(1));
    let mut windows = Vec::new();
    let mut start = from;
    match ends {
        WindowEnds::Inclusive => {
            let last_second = span - TimeDelta::seconds(1);
            while start <= to {
                let end = (start + last_second).min(to);
                windows.push((start, end));
                start = end + TimeDelta::seconds(1);
            }
        }
        WindowEnds::HalfOpen => {
            while start < to {
                let end = (start + span).min(to);
                windows.push((start, end));
                start = end;
            }
        }
    }
    windows
}

/// Pages front to back through `fetch(page_no)` (0-based) until a short page or the
/// stated total; the stream ends after the first error.
fn front_to_back<'a, T, F, Fut>(fetch: F) -> impl Stream<Item = Result<Page<T>, Error>> + 'a
where
    T: 'a,
    F: Fn(u32) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T>, Error>> + 'a,
{
    stream::unfold((Some(0u32), fetch), |(next, fetch)| async move {
        let page_no = next?;
        match fetch(page_no).await {
            Ok(page) => {
                let next = (!page.is_last()).then_some(page_no + 1);
                Some((Ok(page), (next, fetch)))
            }
            Err(e) => Some((Err(e), (None, fetch))),
        }
    })
}

/// Every record of a stream of pages, or its first error.
async fn collect_pages<T>(
    pages: impl Stream<Item = Result<Page<T>, Error>>,
) -> Result<Vec<T>, Error> {
    let mut items = Vec::new();
    let mut pages = std::pin::pin!(pages);
    while let Some(page) = pages.next().await {
        items.extend(page?.items);
    }
    Ok(items)
}

impl WdtClient {
    /// Every page of a query, front to back, until a short page or the stated total.
    pub fn pages<'a, E: PagedEndpoint>(
        &'a self,
        request: &'a E,
        page_size: u32,
    ) -> impl Stream<Item = Result<Page<E::Item>, Error>> + 'a {
        front_to_back(move |page_no| {
            self.page_with(
                request,
                page_no,
                page_size,
                page_no == 0,
                CallOptions::default(),
            )
        })
    }

    /// Every record of a query, all pages collected.
    pub async fn collect_all<E: PagedEndpoint>(
        &self,
        request: &E,
        page_size: u32,
    ) -> Result<Vec<E::Item>, Error> {
        collect_pages(self.pages(request, page_size)).await
    }

    /// Every record of one window, read from the last page back (see the module docs);
    /// also the number of pages requested.
    pub async fn scan_window<E: PagedEndpoint>(
        &self,
        request: &E,
        page_size: u32,
    ) -> Result<(Vec<E::Item>, u32), Error> {
        let options = CallOptions::default();
        scan_pages(
            page_size,
            |page_no, calc_total| async move {
                let page = self
                    .page_with(request, page_no, page_size, calc_total, options)
                    .await?;
                Ok((page.items, page.total))
            },
            E::key,
        )
        .await
    }

    /// Walks `[from, to]` in windows no longer than the endpoint's span, paging each, one
    /// window at a time; one batch per window, in time order. `request` supplies every
    /// other parameter. [`WdtClient::scan_windows_with`] reads several windows at once.
    pub fn scan_windows<'a, E: WindowedEndpoint>(
        &'a self,
        request: &'a E,
        from: NaiveDateTime,
        to: NaiveDateTime,
        page_size: u32,
    ) -> impl Stream<Item = Result<WindowBatch<E::Item>, Error>> + 'a {
        self.scan_windows_with(
            request,
            from,
            to,
            ScanOptions::new(page_size).concurrency(1),
        )
    }

    /// [`WdtClient::scan_windows`] reading up to `options.concurrency` windows at once; the
    /// batches still come out in time order (see the module docs).
    pub fn scan_windows_with<'a, E: WindowedEndpoint>(
        &'a self,
        request: &'a E,
        from: NaiveDateTime,
        to: NaiveDateTime,
        options: ScanOptions,
    ) -> impl Stream<Item = Result<WindowBatch<E::Item>, Error>> + 'a {
        let windows = plan_windows(from, to, E::MAX_SPAN_SECS, E::ENDS);
        scan_windows_by(windows, options.concurrency, move |start, end| {
            let mut window = request.clone();
            window.set_window(start, end);
            async move { self.scan_window(&window, options.page_size).await }
        })
    }
}

impl QimenClient {
    /// One page of a query that pages in its body. `page_no` counts from 0 as in every
    /// paging helper; the body carries `page` = `page_no + 1`, and `page_size`, set on a
    /// copy of `request`.
    pub async fn call_page<E: BodyPagedEndpoint>(
        &self,
        request: &E,
        page_no: u32,
        page_size: u32,
    ) -> Result<Page<E::Item>, Error> {
        let mut paged = request.clone();
        paged.set_page(page_no.saturating_add(1), page_size);
        let (response, warnings) = self
            .call_checked(
                &paged,
                Some((page_size, E::PAGE_SIZE_LIMIT)),
                CallOptions::default(),
            )
            .await?;
        // Qimen replies carry their total inside the response, never beside it.
        let (items, total) = E::into_page(response, None);
        Ok(Page {
            items,
            total,
            page_no,
            page_size,
            warnings,
        })
    }

    /// Every page of a query, front to back, until a short page or the stated total.
    pub fn pages<'a, E: BodyPagedEndpoint>(
        &'a self,
        request: &'a E,
        page_size: u32,
    ) -> impl Stream<Item = Result<Page<E::Item>, Error>> + 'a {
        front_to_back(move |page_no| self.call_page(request, page_no, page_size))
    }

    /// Every record of a query, all pages collected.
    pub async fn collect_all<E: BodyPagedEndpoint>(
        &self,
        request: &E,
        page_size: u32,
    ) -> Result<Vec<E::Item>, Error> {
        collect_pages(self.pages(request, page_size)).await
    }
}

/// Reads every page of one window, last page first, through `fetch(page_no, calc_total)`
/// (which returns a page's records and the total it states); drops later copies of a record
/// with the same `key`. Returns the records in page order and the number of pages fetched.
pub async fn scan_pages<T, K, F, Fut>(
    page_size: u32,
    mut fetch: F,
    key: impl Fn(&T) -> Option<K>,
) -> Result<(Vec<T>, u32), Error>
where
    K: Eq + Hash,
    F: FnMut(u32, bool) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Option<u64>), Error>>,
{
    let dedup = |items: Vec<T>| {
        let mut seen = HashSet::new();
        items
            .into_iter()
            .filter(|item| key(item).is_none_or(|k| seen.insert(k)))
            .collect::<Vec<T>>()
    };
    let (first, total) = fetch(0, true).await?;
    let mut calls = 1;
    let Some(total) = total else {
        // No total to page backwards from: read forwards until a short page.
        let mut items = first;
        let mut last_len = items.len();
        let mut page_no = 1;
        while last_len == page_size as usize {
            let (page, _) = fetch(page_no, false).await?;
            calls += 1;
            last_len = page.len();
            items.extend(page);
            page_no += 1;
        }
        return Ok((dedup(items), calls));
    };
    if total <= u64::from(page_size) {
        return Ok((dedup(first), calls));
    }
    let last = u32::try_from((total - 1) / u64::from(page_size)).unwrap_or(u32::MAX);
    let mut pages: Vec<Vec<T>> = Vec::with_capacity(last as usize + 1);
    for page_no in (0..=last).rev() {
        let (page, _) = fetch(page_no, false).await?;
        calls += 1;
        pages.push(page);
    }
    pages.reverse();
    Ok((dedup(pages.into_iter().flatten().collect()), calls))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::parse_datetime;

    fn t(s: &str) -> NaiveDateTime {
        parse_datetime(s).unwrap()
    }

    #[test]
    fn inclusive_windows_cover_every_second_once() {
        let windows = plan_windows(
            t("2026-11-23 00:00:00"),
            t("2026-11-23 23:59:59"),
            3600,
            WindowEnds::Inclusive,
        );
        assert_eq!(windows.len(), 24);
        assert_eq!(
            windows[0],
            (t("2026-11-23 00:00:00"), t("2026-11-23 00:59:59"))
        );
        assert_eq!(windows[1].0, t("2026-11-23 01:00:00"));
        assert_eq!(
            windows[23],
            (t("2026-11-23 23:00:00"), t("2026-11-23 23:59:59"))
        );
        for pair in windows.windows(2) {
            assert_eq!(
                pair[1].0,
                pair[0].1 + TimeDelta::seconds(1),
                "no gap, no overlap"
            );
            assert!(pair[0].1 - pair[0].0 <= TimeDelta::hours(1));
        }
    }

    #[test]
    fn half_open_windows_share_their_edges() {
        let windows = plan_windows(
            t("2026-11-23 00:00:00"),
            t("2026-11-24 00:00:00"),
            3600,
            WindowEnds::HalfOpen,
        );
        assert_eq!(windows.len(), 24);
        assert_eq!(
            windows[23],
            (t("2026-11-23 23:00:00"), t("2026-11-24 00:00:00"))
        );
        for pair in windows.windows(2) {
            assert_eq!(pair[1].0, pair[0].1);
        }
    }

    #[test]
    fn edge_cases() {
        let at = t("2026-11-23 10:00:00");
        assert_eq!(
            plan_windows(at, at, 3600, WindowEnds::Inclusive),
            vec![(at, at)]
        );
        assert!(plan_windows(at, at, 3600, WindowEnds::HalfOpen).is_empty());
        let before = t("2026-11-23 09:00:00");
        assert!(plan_windows(at, before, 3600, WindowEnds::Inclusive).is_empty());
        let last = t("2026-11-23 10:59:59");
        assert_eq!(
            plan_windows(at, last, 3600, WindowEnds::Inclusive),
            vec![(at, last)]
        );
        let next = t("2026-11-23 11:00:00");
        assert_eq!(
            plan_windows(at, next, 3600, WindowEnds::Inclusive),
            vec![(at, last), (next, next)]
        );
    }
}
