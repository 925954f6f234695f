//! Sales orders (订单) and `sales.TradeQuery.queryWithDetail`'s rules: which orders each
//! way of calling returns.
//!
//! The 旗舰版 gateway leaves out 淘系 (here: platform 1, 淘宝/天猫) and 拼多多 (39) orders,
//! as the endpoint's notes say; the 奇门自定义 route also returns the 淘系 ones (拼多多 must
//! be read from the platform itself).

use std::sync::OnceLock;

use chrono::{Duration as TimeDelta, NaiveDateTime};
use wdt::codes::Platform;
use wdt::sales::trade_query::query_with_detail::{self, Order, QueryWithDetailData};
use wdt_runtime::Endpoint;

/// How a call reached the ERP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The 旗舰版 gateway (`/openapi`).
    Direct,
    /// The 奇门自定义 route (`/router/qm`).
    QimenCustom,
}

/// Whether an order from `platform` is returned to calls arriving by `route`.
fn visible(platform: Option<&Platform>, route: Route) -> bool {
    match platform {
        Some(Platform::Pinduoduo) => false,
        Some(Platform::Taobao) => route == Route::QimenCustom,
        _ => true,
    }
}

/// The page's example order, as the typed reply reads it: every sandbox order is a copy
/// with its own numbers, platform, shop and time.
fn example_order() -> Option<&'static Order> {
    static EXAMPLE: OnceLock<Option<Order>> = OnceLock::new();
    EXAMPLE
        .get_or_init(|| {
            let info = wdt::ENDPOINTS
                .iter()
                .find(|info| info.method == query_with_detail::Request::METHOD)?;
            let envelope: serde_json::Value = serde_json::from_str(info.example_response?).ok()?;
            let data: QueryWithDetailData =
                serde_json::from_value(envelope.get("data")?.clone()).ok()?;
            data.order.into_iter().next()
        })
        .as_ref()
}

/// The orders, in `(modified, trade_id)` order.
#[derive(Debug, Clone, Default)]
pub(super) struct Trades {
    orders: Vec<Order>,
}

impl Trades {
    /// The fixed orders of [`super::Erp::new`]: 13 orders modified 4 minutes apart from
    /// 2026-11-23 10:00:00, `JY202611230001`…; 8 from 淘宝 (shop `tb001`), 4 from 京东
    /// (`jd001`), and the last from 拼多多 (`pdd001`).
    pub fn fixed() -> Self {
        let mut trades = Trades::default();
        let Some(example) = example_order() else {
            tracing::error!("the queryWithDetail spec's example order does not decode");
            return trades;
        };
        let first = super::at("2026-11-23 10:00:00");
        for i in 0..13u8 {
            let (platform, shop, tid) = match i {
                12 => (Platform::Pinduoduo, "pdd001", "PDD"),
                _ if i % 3 == 2 => (Platform::Jd, "jd001", "JD"),
                _ => (Platform::Taobao, "tb001", "TB"),
            };
            let mut order = example.clone();
            let id = 30_001 + i64::from(i);
            order.trade_id = Some(id);
            order.trade_no = Some(format!("JY2026112300{:02}", i + 1));
            order.src_tids = Some(format!("{tid}{id}"));
            order.platform_id = Some(platform);
            order.shop_no = Some(shop.to_owned());
            order.modified = Some(first + TimeDelta::minutes(4 * i64::from(i)));
            for detail in &mut order.detail_list {
                detail.trade_id = Some(id);
                detail.platform_id = Some(platform);
            }
            trades.orders.push(order);
        }
        trades
    }

    /// One page of the orders `route` may see that were modified in `start..=end` (both
    /// ends included, as the spec's `[[time_window]]` says), of `shop_no` and `trade_no`
    /// when given, and their number.
    pub fn query(
        &self,
        params: &query_with_detail::Params,
        route: Route,
        page_no: u32,
        page_size: u32,
    ) -> (Vec<Order>, usize) {
        let matching: Vec<&Order> = self
            .orders
            .iter()
            .filter(|order| visible(order.platform_id.as_ref(), route))
            .filter(|order| within(order.modified, params.start_time, params.end_time))
            .filter(|order| same(&params.shop_no, &order.shop_no))
            .filter(|order| same(&params.trade_no, &order.trade_no))
            .collect();
        let skip = usize::try_from(u64::from(page_no) * u64::from(page_size)).unwrap_or(usize::MAX);
        let page = matching
            .iter()
            .skip(skip)
            .take(page_size as usize)
            .map(|order| (*order).clone())
            .collect();
        (page, matching.len())
    }
}

fn within(
    modified: Option<NaiveDateTime>,
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
) -> bool {
    modified.is_some_and(|t| start.is_none_or(|s| s <= t) && end.is_none_or(|e| t <= e))
}

fn same(wanted: &Option<String>, actual: &Option<String>) -> bool {
    wanted.as_ref().is_none_or(|w| actual.as_ref() == Some(w))
}
