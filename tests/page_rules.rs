//! The rules of issue 10 through the typed client, against a scripted gateway on 127.0.0.1:
//! what a page allows is sent, what it states is refused before the network, and what it
//! leaves uncertain is sent with a warning (refused in strict mode).

mod support;

use support::{Gateway, Reply};
use wdt::runtime::wire::parse_datetime;
use wdt::sales::logistics_sync::update;
use wdt::sales::trade_query::query_with_detail::{self, Params, TradeStatus};
use wdt::wms::stock_spec::query_change_history;
use wdt::{CallOptions, Error, Severity};

fn t(text: &str) -> wdt::chrono::NaiveDateTime {
    parse_datetime(text).unwrap()
}

fn ok_page() -> Reply {
    Reply::Json(r#"{"status":0,"data":{"total_count":0,"order":[]}}"#.into())
}

fn refusal(error: Error) -> String {
    match error {
        Error::Invalid { source, .. } => source.to_string(),
        other => panic!("expected a refusal before sending, got {other}"),
    }
}

#[tokio::test]
async fn an_order_is_looked_up_by_its_number_without_a_time_range() {
    let gateway = Gateway::start(|_, _| ok_page()).await;
    let client = gateway.client().build().unwrap();
    let by_number = query_with_detail::Request {
        params: Params {
            logistics_no: Some("2022301110001".into()),
            ..Params::new()
        },
    };
    client.call_page(&by_number, 0, 10).await.unwrap();
    assert_eq!(
        gateway.received()[0].body,
        r#"[{"logistics_no":"2022301110001"}]"#
    );

    let neither = query_with_detail::Request {
        params: Params::new(),
    };
    let error = client.call_page(&neither, 0, 10).await.unwrap_err();
    assert_eq!(
        refusal(error),
        "params: give start_time and end_time, or trade_no, or src_tid, or logistics_no"
    );
    assert_eq!(gateway.received().len(), 1, "the refused call was not sent");
}

#[tokio::test]
async fn a_real_sync_id_is_accepted() {
    let gateway = Gateway::start(|_, _| Reply::Json(r#"{"status":0,"data":[]}"#.into())).await;
    let client = gateway.client().build().unwrap();
    let example = update::INFO.example_request.unwrap();
    let request: update::Request = serde_json::from_str(example).unwrap();
    client.call(&request).await.unwrap();
    assert!(gateway.received()[0].body.contains(r#""sync_id":88950"#));
}

#[tokio::test]
async fn a_separated_list_is_joined_and_every_item_checked() {
    let gateway = Gateway::start(|_, _| ok_page()).await;
    let client = gateway.client().build().unwrap();
    let params = Params {
        status: Some(vec![TradeStatus::Cancelled, TradeStatus::Completed]),
        src_tid: Some(vec!["T1".into(), "T2".into()]),
        ..Params::new()
    };
    let request = query_with_detail::Request { params };
    client.call_page(&request, 0, 10).await.unwrap();
    let body: serde_json::Value = serde_json::from_str(&gateway.received()[0].body).unwrap();
    assert_eq!(body[0]["status"], "5,110");
    assert_eq!(body[0]["src_tid"], "T1,T2");

    let too_long = query_with_detail::Request {
        params: Params {
            src_tid: Some(vec!["T1".into(), "x".repeat(41)]),
            ..Params::new()
        },
    };
    let error = client.call_page(&too_long, 0, 10).await.unwrap_err();
    assert_eq!(
        refusal(error),
        "params.src_tid[1]: 41 characters, at most 40"
    );
}

#[tokio::test]
async fn a_conditional_window_picks_its_span() {
    let gateway = Gateway::start(|_, _| {
        Reply::Json(r#"{"status":0,"data":{"total_count":0,"data":[]}}"#.into())
    })
    .await;
    let client = gateway.client().build().unwrap();
    let two_days =
        query_change_history::Params::new(t("2026-11-01 00:00:00"), t("2026-11-03 00:00:00"));
    let with_spec_no = query_change_history::Request {
        params: query_change_history::Params {
            spec_no: Some("DFAQT101".into()),
            ..two_days.clone()
        },
    };
    client.call_page(&with_spec_no, 0, 10).await.unwrap();
    assert_eq!(gateway.received().len(), 1, "30 days with spec_no");

    let without = query_change_history::Request { params: two_days };
    let error = client.call_page(&without, 0, 10).await.unwrap_err();
    assert_eq!(
        refusal(error),
        "params.end_date: 48h00m after start_date, at most 60m"
    );
}

#[tokio::test]
async fn warnings_reach_the_caller_and_strict_mode_refuses_them() {
    let gateway = Gateway::start(|_, _| ok_page()).await;
    let request = query_with_detail::Request {
        params: Params {
            trade_no: Some("JY1".into()),
            status: Some(vec![TradeStatus::Unknown(77)]),
            ..Params::new()
        },
    };
    // 500 is above the page's advice (建议200以下), and 77 is not a listed status.
    let client = gateway.client().build().unwrap();
    let page = client.call_page(&request, 0, 500).await.unwrap();
    let warnings: Vec<String> = page.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "params.status[0]: 77 is not one of 4 (线下退款), 5 (已取消), 6 (待转预订单(待审核)), 7 (待转已完成), 10 (未付款), 12 (待尾款), 15 (等未付), 16 (延时审核), 19 (预订单前处理), 20 (审核前处理), 21 (自流转待发货), 23 (异常订单), 24 (换货预订单), 25 (待处理预订单), 27 (待分配预订单), 30 (待客审), 35 (待财审), 40 (审核中), 55 (已审核), 95 (已发货), 96 (成本确认（待录入计划成本，订单结算时有货品无计划成本）), 101 (已过账), 110 (已完成) (warning)",
            "page_size: 500, above 200, a maximum the page does not state as a limit (warning)",
        ]
    );
    assert!(
        page.warnings
            .iter()
            .all(|w| w.severity == Severity::Warning)
    );
    assert_eq!(gateway.received().len(), 1, "sent despite the warnings");

    let strict = gateway.client().strict(true).build().unwrap();
    let error = strict.call_page(&request, 0, 500).await.unwrap_err();
    assert!(refusal(error).contains("page_size: 500"));
    let unchecked = CallOptions {
        skip_validation: true,
        ..CallOptions::default()
    };
    strict.call_reply(&request, unchecked).await.unwrap();
    assert_eq!(gateway.received().len(), 2, "skip_validation still sends");
}

#[tokio::test]
async fn extra_fields_are_sent_with_a_warning_and_documented_ones_refused() {
    let gateway = Gateway::start(|_, _| ok_page()).await;
    let client = gateway.client().build().unwrap();
    let mut params = Params {
        trade_no: Some("JY1".into()),
        ..Params::new()
    };
    params
        .extra_fields
        .insert("is_deleted", 0)
        .unwrap()
        .insert("shop_nos", ["S1", "S2"])
        .unwrap();
    let request = query_with_detail::Request { params };
    let page = client.call_page(&request, 0, 10).await.unwrap();
    assert_eq!(
        gateway.received()[0].body,
        r#"[{"trade_no":"JY1","is_deleted":0,"shop_nos":["S1","S2"]}]"#
    );
    let warnings: Vec<String> = page.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "params.is_deleted: not in the spec, sent as given (warning)",
            "params.shop_nos: not in the spec, sent as given (did you mean shop_no?) (warning)",
        ]
    );

    let mut documented = request.clone();
    documented
        .params
        .extra_fields
        .insert("logistics_no", "SF1")
        .unwrap();
    let error = client.call_page(&documented, 0, 10).await.unwrap_err();
    assert!(
        refusal(error).contains(
            "params.logistics_no: a documented field: set it on the typed field, not in extra_fields"
        ),
        "a documented key in extra_fields would send the field twice"
    );

    // A body with a key the spec lacks decodes, keeping the key.
    let decoded: query_with_detail::Request =
        serde_json::from_str(r#"[{"trade_no":"JY1","colour":"red"}]"#).unwrap();
    assert_eq!(
        decoded.params.extra_fields.get("colour"),
        Some(&serde_json::Value::from("red"))
    );
    assert_eq!(gateway.received().len(), 1);
}
