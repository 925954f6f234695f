//! 旗舰版 calls through the 奇门自定义 route (`/router/qm`) over loopback: the seed
//! endpoints with the typed client, 淘系 orders only this route returns (paged, and in a
//! window scan), and each kind of tampering refused by the router or by the ERP.

mod common;

use futures_util::StreamExt;
use wdt::codes::Platform;
use wdt::purchase::purchase_order::cancel_by_type::{self, OperateType};
use wdt::runtime::route::{WDT_TARGET_APP_KEY, route_method};
use wdt::runtime::sign::{as_str, qimen_sign, route_wdt_sign};
use wdt::sales::trade_query::query_with_detail::{self, Order};
use wdt::wms::outer::outer_out::create_order::{CreateOrderStatus, Order as OuterOut, OrderDetail};
use wdt::wms::stockout::sales::search_cancel;
use wdt::{Api, Endpoint, Error, FixedClock, QimenRoute};
use wdt_sandbox::erp::OtherOutStatus;
use wdt_sandbox::{DEMO_QIMEN_APP_KEY, DEMO_QIMEN_SECRET, SandboxConfig};

use common::{api_error, datetime, post, sandbox, start};

fn window(from: &str, to: &str) -> query_with_detail::Params {
    query_with_detail::Params {
        start_time: Some(datetime(from)),
        end_time: Some(datetime(to)),
        ..query_with_detail::Params::new()
    }
}

fn platforms(orders: &[Order]) -> (usize, usize) {
    let count = |p: Platform| orders.iter().filter(|o| o.platform_id == Some(p)).count();
    (count(Platform::Taobao), count(Platform::Jd))
}

#[tokio::test]
async fn the_seed_endpoints_answer_through_the_route_as_directly() {
    let sandbox = sandbox().await;
    let client = sandbox.route_client().build().unwrap();
    assert!(client.is_qimen_route());

    // Three positional arguments, each its own form field.
    let created = client
        .wms()
        .outer()
        .outer_out()
        .create_order(
            OuterOut::new("pos"),
            vec![OrderDetail::new("DFAQT101", 2)],
            true,
        )
        .await
        .unwrap();
    assert_eq!(created.status, Some(CreateOrderStatus::Success));
    sandbox.with_erp(|erp| assert_eq!(erp.stock("pos", "DFAQT101"), Some(98)));
    let unknown = client
        .wms()
        .outer()
        .outer_out()
        .create_order(
            OuterOut::new("nowhere"),
            vec![OrderDetail::new("DFAQT101", 1)],
            false,
        )
        .await
        .unwrap_err();
    assert_eq!(api_error(&unknown), (100, "无该仓库权限"));

    // A string and a boolean argument.
    client
        .wms()
        .stockout()
        .other()
        .cancel_other_order("CK2023082991".into(), true)
        .await
        .unwrap();
    sandbox.with_erp(|erp| {
        let order = erp.other_out_order("CK2023082991").unwrap();
        assert_eq!(order.status, OtherOutStatus::Cancelled);
    });

    let stopped = client
        .purchase()
        .purchase_order()
        .cancel_by_type(cancel_by_type::Params::new(
            OperateType::StopWaiting,
            vec!["CG2304260001".into(), "CG2212140002".into()],
        ))
        .await
        .unwrap();
    assert_eq!((stopped.code, stopped.error_count), (Some(1), Some(1)));

    // Paged: the direct page 1 is the route's page 2.
    let sales = client.wms().stockout().sales();
    let params = search_cancel::Params::new(
        datetime("2022-10-17 14:00:00"),
        datetime("2022-10-17 14:59:59"),
    );
    let first = sales.search_cancel(params.clone(), 0, 1).await.unwrap();
    let second = sales.search_cancel(params, 1, 1).await.unwrap();
    assert_eq!((first.total, first.page_no), (Some(2), 0));
    let numbers: Vec<_> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|s| s.stockout_no.clone().unwrap_or_default())
        .collect();
    assert_eq!(numbers, ["CH202210175", "CH202210176"]);

    let counts = sandbox.call_counts();
    assert_eq!(counts.get(search_cancel::Request::METHOD), Some(&2));
}

#[tokio::test]
async fn taobao_orders_come_only_through_the_route() {
    let sandbox = sandbox().await;
    let direct = sandbox.wdt_client().build().unwrap();
    let routed = sandbox.route_client().build().unwrap();
    let hour = window("2026-11-23 10:00:00", "2026-11-23 10:59:59");

    let direct_page = direct
        .sales()
        .trade_query()
        .query_with_detail(hour.clone(), 0, 50)
        .await
        .unwrap();
    assert_eq!(platforms(&direct_page.items), (0, 4));
    assert_eq!(direct_page.total, Some(4));

    // Page size 5: three pages, 1, 2 and 3 on the route.
    let mut orders = Vec::new();
    for page_no in 0..3 {
        let page = routed
            .sales()
            .trade_query()
            .query_with_detail(hour.clone(), page_no, 5)
            .await
            .unwrap();
        assert_eq!(page.total, Some(12));
        assert_eq!(page.is_last(), page_no == 2);
        orders.extend(page.items);
    }
    assert_eq!(platforms(&orders), (8, 4));
    let ids: Vec<i64> = orders.iter().filter_map(|o| o.trade_id).collect();
    assert_eq!(ids, (30_001..=30_012).collect::<Vec<_>>());
    // The 拼多多 order (30013) comes by neither.
    assert!(
        orders
            .iter()
            .all(|o| o.shop_no.as_deref() != Some("pdd001"))
    );
}

#[tokio::test]
async fn a_window_scan_of_taobao_orders_pages_through_the_route() {
    let sandbox = sandbox().await;
    let client = sandbox.route_client().build().unwrap();
    let request = query_with_detail::Request {
        params: query_with_detail::Params {
            shop_no: Some("tb001".into()),
            ..query_with_detail::Params::new()
        },
    };
    // Three windows of at most 60 minutes; the 淘宝 orders fall in the first two.
    let from = datetime("2026-11-23 09:30:00");
    let to = datetime("2026-11-23 12:00:00");
    let batches: Vec<_> = client
        .scan_windows(&request, from, to, 3)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(batches.len(), 3);
    let orders: Vec<&Order> = batches.iter().flat_map(|b| &b.items).collect();
    assert_eq!(orders.len(), 8);
    assert!(
        orders
            .iter()
            .all(|o| o.platform_id == Some(Platform::Taobao))
    );
    let mut ids: Vec<i64> = orders.iter().filter_map(|o| o.trade_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 8, "no order read twice");
}

/// A route call signed here, field by field, with `tamper` applied to the form fields
/// before the outer signature (so only the inner part is wrong) or after it.
struct Signed {
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
}

fn field<'a>(fields: &'a mut [(String, String)], key: &str) -> &'a mut String {
    &mut fields
        .iter_mut()
        .find(|(k, _)| k == key)
        .expect("the field")
        .1
}

impl Signed {
    fn new(unix_seconds: i64, wdt_secret: &str, target: &str) -> Self {
        let timestamp =
            wdt::runtime::wire::format_datetime(&wdt::runtime::clock::beijing(unix_seconds))
                .as_str()
                .to_owned();
        let method = route_method(search_cancel::Request::METHOD);
        let mut form: Vec<(String, String)> = [
            (
                "params",
                r#"{"start_time":"2022-10-17 14:00:00","end_time":"2022-10-17 14:59:59"}"#,
            ),
            ("pager", r#"{"page_no":1,"page_size":10}"#),
            ("datetime", timestamp.as_str()),
            ("wdt_appkey", wdt_sandbox::DEMO_KEY),
            (
                "wdt_salt",
                wdt_sandbox::DEMO_APP_SECRET.split_once(':').unwrap().1,
            ),
            ("wdt3_customer_id", wdt_sandbox::DEMO_SID),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let inner = route_wdt_sign(wdt_secret, &method, &pairs);
        form.push(("wdt_sign".into(), as_str(&inner).to_owned()));
        let query = [
            ("app_key", DEMO_QIMEN_APP_KEY),
            ("v", "2.0"),
            ("format", "json"),
            ("sign_method", "md5"),
            ("method", method.as_str()),
            ("timestamp", timestamp.as_str()),
            ("target_app_key", target),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        Signed { query, form }
    }

    fn outer_sign(mut self) -> Self {
        let mut pairs: Vec<(&str, &str)> = self
            .query
            .iter()
            .chain(&self.form)
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let sign = as_str(&qimen_sign(DEMO_QIMEN_SECRET, &mut pairs, b"")).to_owned();
        self.query.push(("sign".into(), sign));
        self
    }

    async fn send(&self, url: &str) -> serde_json::Value {
        let encode = |pairs: &[(String, String)]| {
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish()
        };
        let (status, body) = post(
            &format!("{url}?{}", encode(&self.query)),
            encode(&self.form),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).expect("a JSON reply")
    }
}

#[tokio::test]
async fn independently_signed_calls_pass_and_tampering_is_refused() {
    let now = 1_795_428_000;
    let config = SandboxConfig {
        clock: std::sync::Arc::new(FixedClock::new(now)),
        ..SandboxConfig::default()
    };
    let sandbox = start(config).await;
    let url = sandbox.route_url();
    let secret = wdt_sandbox::DEMO_APP_SECRET.split_once(':').unwrap().0;

    let good = Signed::new(now, secret, WDT_TARGET_APP_KEY)
        .outer_sign()
        .send(&url)
        .await;
    assert_eq!(good["response"]["status"], 0, "{good}");
    assert_eq!(good["response"]["data"]["total_count"], 2, "{good}");

    // The inner part signed with another secret, the outer one valid: the ERP refuses.
    let inner = Signed::new(now, "not-the-secret", WDT_TARGET_APP_KEY)
        .outer_sign()
        .send(&url)
        .await;
    assert_eq!(inner["response"]["status"], 1, "{inner}");
    assert_eq!(inner["response"]["message"], "验证失败: 签名错误");

    // A field changed after both signatures: the router refuses first.
    let mut changed = Signed::new(now, secret, WDT_TARGET_APP_KEY).outer_sign();
    *field(&mut changed.form, "params") = r#"{"start_time":"2022-10-17 14:00:00"}"#.into();
    let outer = changed.send(&url).await;
    assert_eq!(outer["response"]["flag"], "failure", "{outer}");
    assert_eq!(outer["response"]["code"], "25");

    // The inner part changed and re-signed outside only: still the ERP's refusal.
    let mut resigned = Signed::new(now, secret, WDT_TARGET_APP_KEY);
    *field(&mut resigned.form, "pager") = r#"{"page_no":2,"page_size":10}"#.into();
    let resigned = resigned.outer_sign().send(&url).await;
    assert_eq!(
        resigned["response"]["message"], "验证失败: 签名错误",
        "{resigned}"
    );

    let target = Signed::new(now, secret, "12345678")
        .outer_sign()
        .send(&url)
        .await;
    assert_eq!(target["response"]["code"], "41", "{target}");
    let stale = Signed::new(now - 600, secret, WDT_TARGET_APP_KEY)
        .outer_sign()
        .send(&url)
        .await;
    assert_eq!(stale["response"]["code"], "31", "{stale}");

    let mut page_zero = Signed::new(now, secret, WDT_TARGET_APP_KEY);
    *field(&mut page_zero.form, "pager") = r#"{"page_no":0,"page_size":10}"#.into();
    let pairs: Vec<(&str, &str)> = page_zero
        .form
        .iter()
        .filter(|(k, _)| k != "wdt_sign")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let method = route_method(search_cancel::Request::METHOD);
    let resign = as_str(&route_wdt_sign(secret, &method, &pairs)).to_owned();
    *field(&mut page_zero.form, "wdt_sign") = resign;
    let zero = page_zero.outer_sign().send(&url).await;
    assert_eq!(
        zero["response"]["message"], "参数错误: pager.page_no从1开始",
        "{zero}"
    );
}

#[tokio::test]
async fn the_typed_client_maps_each_refusal_to_its_error() {
    let sandbox = sandbox().await;
    let params = || {
        search_cancel::Params::new(
            datetime("2022-10-17 14:00:00"),
            datetime("2022-10-17 14:59:59"),
        )
    };
    let wrong_qimen = wdt::WdtClient::builder()
        .sid(wdt_sandbox::DEMO_SID)
        .app_key(wdt_sandbox::DEMO_KEY)
        .app_secret(wdt_sandbox::DEMO_APP_SECRET)
        .qimen_route(QimenRoute::new(DEMO_QIMEN_APP_KEY, "wrong").router_url(sandbox.route_url()))
        .build()
        .unwrap();
    let error = wrong_qimen
        .wms()
        .stockout()
        .sales()
        .search_cancel(params(), 0, 10)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::QimenGateway { code, sub_code: Some(sub), .. } if code == "25" && sub == "isv.invalid-signature"),
        "{error}"
    );
    let salt = wdt_sandbox::DEMO_APP_SECRET.split_once(':').unwrap().1;
    let wrong_wdt = sandbox
        .route_client()
        .app_secret(&format!("other{salt}:{salt}"))
        .build()
        .unwrap();
    let error = wrong_wdt
        .wms()
        .stockout()
        .sales()
        .search_cancel(params(), 0, 10)
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (1, "验证失败: 签名错误"));
}

/// A clock that reads each of its instants once, then stays on the last.
#[derive(Debug)]
struct Steps(std::sync::Mutex<Vec<i64>>);

impl wdt::Clock for Steps {
    fn unix_seconds(&self) -> i64 {
        let mut steps = self.0.lock().unwrap();
        if steps.len() > 1 {
            steps.remove(0)
        } else {
            steps[0]
        }
    }
}

#[tokio::test]
async fn a_retry_signs_both_layers_again() {
    let now = 1_795_428_000;
    let sandbox = start(SandboxConfig {
        clock: std::sync::Arc::new(FixedClock::new(now)),
        ..SandboxConfig::default()
    })
    .await;
    sandbox
        .faults()
        .add(
            wdt_sandbox::FaultRule::always(wdt_sandbox::Fault::HttpStatus { status: 503 })
                .for_method(search_cancel::Request::METHOD)
                .times(1),
        )
        .unwrap();
    // The first attempt is stamped ten minutes early (the router would refuse it, but the
    // fault answers first); the retry must carry the current time in both layers.
    let clock = Steps(std::sync::Mutex::new(vec![now - 600, now]));
    let client = sandbox
        .route_client()
        .clock(std::sync::Arc::new(clock))
        .retry(common::quick_retries(2))
        .build()
        .unwrap();
    let page = client
        .wms()
        .stockout()
        .sales()
        .search_cancel(
            search_cancel::Params::new(
                datetime("2022-10-17 14:00:00"),
                datetime("2022-10-17 14:59:59"),
            ),
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(page.total, Some(2));
    assert_eq!(client.requests_sent(), 2);
}
