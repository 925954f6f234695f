//! The five seed endpoints as a user builds them: wire bytes, signatures, validation
//! messages and the doc pages' examples.

use std::sync::Arc;

use wdt::__private::check_request;
use wdt::purchase::purchase_order::cancel_by_type;
use wdt::taobao::qimen::order::cancel;
use wdt::wms::outer::outer_out::create_order::{self, Order, OrderDetail, SnSwitch, SrcOrderType};
use wdt::wms::stockout::other::cancel_other_order;
use wdt::wms::stockout::sales::search_cancel;
use wdt::{Endpoint, FixedClock, Pager, Validate, WdtClient};

/// A client whose clock stands at the W3/W4 vectors' timestamp.
fn vector_client() -> WdtClient {
    WdtClient::builder()
        .sid("wdtapi3")
        .app_key("wdt_test")
        .app_secret("testsecret:testsalt")
        .base_url("http://gw.example")
        .clock(Arc::new(FixedClock::new(469_411_200 + 1_325_347_200)))
        .build()
        .unwrap()
}

fn datetime(s: &str) -> wdt::chrono::NaiveDateTime {
    wdt::runtime::wire::parse_datetime(s).unwrap()
}

fn query_param<'a>(url: &'a str, key: &str) -> Option<&'a str> {
    url.split_once('?')?
        .1
        .split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

#[test]
fn create_order_matches_vector_w4() {
    let request = create_order::Request {
        order: Order {
            remark: Some("破损出库".into()),
            ..Order::new("pos")
        },
        order_details: vec![OrderDetail::new("DFAQT101", 2)],
        is_check: false,
    };
    let prepared = vector_client().prepare(&request, None).unwrap();
    assert_eq!(
        std::str::from_utf8(&prepared.body).unwrap(),
        r#"[{"warehouse_no":"pos","remark":"破损出库"},[{"spec_no":"DFAQT101","num":2}],false]"#
    );
    assert_eq!(
        query_param(&prepared.url, "sign"),
        Some("b96d8d6fa70c431493104ee2595ff70f")
    );
    assert!(
        !format!("{prepared:?}").contains("sign="),
        "the signed URL is never printed"
    );
}

#[test]
fn search_cancel_matches_vector_w3() {
    let request = search_cancel::Request {
        params: search_cancel::Params::new(
            datetime("2026-11-23 10:00:00"),
            datetime("2026-11-23 11:00:00"),
        ),
    };
    let pager = Pager {
        page_no: 0,
        page_size: 100,
        calc_total: true,
    };
    let prepared = vector_client().prepare(&request, Some(pager)).unwrap();
    assert_eq!(
        std::str::from_utf8(&prepared.body).unwrap(),
        r#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#
    );
    assert_eq!(
        query_param(&prepared.url, "sign"),
        Some("6907a52ca213ff8e6aba7df472d6f450")
    );
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let request = create_order::Request {
        order: Order {
            warehouse_no: "W".repeat(41),
            src_order_type: Some(SrcOrderType::Transfer),
            ..Order::new("")
        },
        order_details: vec![
            OrderDetail::new("ok", 1),
            OrderDetail {
                is_enable_sn: Some(SnSwitch::Enabled),
                sn_list: Some(vec!["SN1".into(), "SN2".into(), "SN3".into()]),
                ..OrderDetail::new("X".repeat(52), 2)
            },
        ],
        is_check: true,
    };
    let messages: Vec<String> = request
        .validate()
        .unwrap_err()
        .violations()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            "order.warehouse_no: 41 characters, at most 40",
            "order.src_order_no: required when src_order_type is 2 or 14",
            "order_details[1].spec_no: 52 characters, at most 40",
            "order_details[1].sn_list: 3 items, but num is 2 (开启序列号后序列号数量要与出库数量保持一致)",
        ]
    );
}

#[test]
fn time_span_and_enums_are_checked() {
    let too_long = search_cancel::Request {
        params: search_cancel::Params::new(
            datetime("2026-11-23 10:00:00"),
            datetime("2026-11-23 11:00:01"),
        ),
    };
    assert_eq!(
        too_long.validate().unwrap_err().to_string(),
        "params.end_time: 1h00m01s after start_time, at most 1h"
    );
    let unknown = cancel_by_type::Request {
        params: cancel_by_type::Params::new(
            cancel_by_type::OperateType::Unknown(7),
            vec!["CG1".into()],
        ),
    };
    // A value the caller built as `Unknown` may be one the vendor added: sent, with a warning.
    let warnings = unknown.validate().unwrap();
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "params.operate_type: 7 is not one of 0 (采购单取消), 1 (采购单停止等待), 2 (wms停止等待) (warning)"
        ]
    );
}

#[test]
fn cancel_by_type_decodes_the_error_list_inside_message() {
    let reply = r#"{"status":0,"data":{"code":1,"message":"[{\"error\":\"采购单编号:CG2212140009,采购单非部分入库状态\"},{\"error\":\"采购单编号:CG2212140008,采购单非部分入库状态\"}]","error_count":2}}"#;
    let data: cancel_by_type::CancelByTypeData =
        wdt::runtime::wdt::read_reply("m", reply.as_bytes())
            .unwrap()
            .data;
    assert_eq!(data.error_count, Some(2));
    assert_eq!(data.message.len(), 2);
    assert_eq!(
        data.message[0].error.as_deref(),
        Some("采购单编号:CG2212140009,采购单非部分入库状态")
    );
}

#[test]
fn responses_decode_leniently_and_keep_unknown_enum_values() {
    let reply = r#"{"status":"0","data":{"total_count":"1","extra":true,"order_list":[{"stockout_id":"7","stockout_no":"CK1","status":999,"modified":"2026-11-23 10:00:00","new_field":1}]}}"#;
    let data: search_cancel::SearchCancelData =
        wdt::runtime::wdt::read_reply("m", reply.as_bytes())
            .unwrap()
            .data;
    assert_eq!(data.total_count, Some(1));
    let order = &data.order_list[0];
    assert_eq!(order.stockout_id, Some(7));
    assert_eq!(
        order.status,
        Some(search_cancel::StockoutStatus::Unknown(999))
    );
}

#[test]
fn positional_arguments_travel_as_an_array() {
    let request = cancel_other_order::Request {
        order_no: "CK2023082989".into(),
        is_force: true,
    };
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"["CK2023082989",true]"#
    );
    let short =
        check_request::<cancel_other_order::Request>(br#"["CK1"]"#, None, false).unwrap_err();
    assert_eq!(short.to_string(), "is_force: required");
}

#[test]
fn qimen_request_is_xml_with_wrapped_lists() {
    let request = cancel::OrderCancelRequest {
        order_type: Some(cancel::OrderType::GeneralTradeOut),
        cancel_reason: Some("已经退货".into()),
        extend_props: Some([("k1".to_owned(), "v1".to_owned())].into()),
        sub_source_orders: Some(vec![cancel::SubSourceOrder {
            sub_source_order_code: Some("21324234".into()),
            ..cancel::SubSourceOrder::new()
        }]),
        ..cancel::OrderCancelRequest::new("W1234", "O1234")
    };
    assert_eq!(
        <cancel::Request as Endpoint>::METHOD,
        "taobao.qimen.order.cancel"
    );
    let xml = wdt::runtime::qimen::to_xml(&request).unwrap();
    assert_eq!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><warehouseCode>W1234</warehouseCode><orderCode>O1234</orderCode><orderType>JYCK</orderType><cancelReason>已经退货</cancelReason><extendProps><k1>v1</k1></extendProps><subSourceOrders><subSourceOrder><subSourceOrderCode>21324234</subSourceOrderCode></subSourceOrder></subSourceOrders></request>"
    );
    let back: cancel::OrderCancelRequest = wdt::runtime::qimen::from_xml(&xml).unwrap();
    assert_eq!(back, request);
}

#[test]
fn qimen_extra_fields_are_elements_after_the_typed_ones() {
    let mut request = cancel::OrderCancelRequest::new("W1234", "O1234");
    request.extra_fields.insert("batchSendFlag", "Y").unwrap();
    let xml = wdt::runtime::qimen::to_xml(&request).unwrap();
    assert_eq!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><warehouseCode>W1234</warehouseCode><orderCode>O1234</orderCode><batchSendFlag>Y</batchSendFlag></request>"
    );
    let back: cancel::OrderCancelRequest = wdt::runtime::qimen::from_xml(&xml).unwrap();
    assert_eq!(back.extra_fields.get("batchSendFlag"), Some(&"Y".into()));
    assert_eq!(wdt::runtime::qimen::to_xml(&back).unwrap(), xml);
    let warnings = wdt::Validate::validate(&back).unwrap();
    assert_eq!(
        warnings[0].to_string(),
        "batchSendFlag: not in the spec, sent as given (warning)"
    );
    assert_eq!(warnings.len(), 1);
}
