//! The five seed endpoints end to end through the typed clients: successes and the ERP's
//! business-rule refusals.

mod common;

use common::{api_error, datetime, sandbox, start};
use wdt::purchase::purchase_order::cancel_by_type::{self, AllowCancelChecked, OperateType};
use wdt::runtime::Format;
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderType};
use wdt::wms::outer::outer_out::create_order::{CreateOrderStatus, Order, OrderDetail};
use wdt::wms::stockout::sales::search_cancel::{self, Params, StockoutStatus};
use wdt::{Api, Endpoint, Error, QimenApi};
use wdt_sandbox::erp::{OtherOutStatus, OuterOutStatus, PurchaseStatus};
use wdt_sandbox::{SandboxConfig, SeedOptions};

#[tokio::test]
async fn create_order_checks_stock_and_reports_a_failed_check() {
    let sandbox = sandbox().await;
    let client = sandbox.wdt_client().build().unwrap();
    let outer_out = client.wms().outer().outer_out();

    let checked = outer_out
        .create_order(
            Order::new("pos"),
            vec![OrderDetail::new("DFAQT101", 2)],
            true,
        )
        .await
        .unwrap();
    assert_eq!(checked.status, Some(CreateOrderStatus::Success));
    let number = checked.message.unwrap_or_default();
    assert!(number.starts_with("WC") && number.ends_with("0001"));
    sandbox.with_erp(|erp| {
        assert_eq!(erp.stock("pos", "DFAQT101"), Some(98));
        let order = erp.outer_out_order(&number).unwrap();
        assert_eq!(order.status, OuterOutStatus::Checked);
    });

    let external = Order {
        order_no: Some("EXT-1".into()),
        ..Order::new("pos")
    };
    let unchecked = outer_out
        .create_order(
            external.clone(),
            vec![OrderDetail::new("DFAQT101", 500)],
            false,
        )
        .await
        .unwrap();
    assert_eq!(
        (unchecked.status, unchecked.message.as_deref()),
        (Some(CreateOrderStatus::Success), Some("EXT-1"))
    );
    let again = outer_out
        .create_order(external, vec![OrderDetail::new("DFAQT101", 1)], false)
        .await
        .unwrap_err();
    assert_eq!(api_error(&again), (100, "单号EXT-1已存在"));

    let failed = outer_out
        .create_order(
            Order::new("pos"),
            vec![
                OrderDetail::new("DFAQT102", 4),
                OrderDetail::new("GHOST", 1),
            ],
            true,
        )
        .await
        .unwrap();
    assert_eq!(failed.status, Some(CreateOrderStatus::CheckFailed));
    let message = failed.message.unwrap_or_default();
    assert!(message.contains("商家编码DFAQT102库存不足(可用3，需要4)"));
    assert!(message.contains("商家编码GHOST在仓库pos不存在"));
    sandbox.with_erp(|erp| {
        assert_eq!(erp.stock("pos", "DFAQT102"), Some(3), "stock untouched");
        assert_eq!(erp.stock("pos", "DFAQT101"), Some(98));
    });

    let no_right = outer_out
        .create_order(
            Order::new("elsewhere"),
            vec![OrderDetail::new("DFAQT101", 1)],
            true,
        )
        .await
        .unwrap_err();
    match no_right {
        Error::Api {
            status: 100,
            code: Some(code),
            message,
            ..
        } => assert_eq!(
            (code.as_str(), message.as_str()),
            ("right.required", "无该仓库权限")
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn cancel_other_order_follows_is_force() {
    let sandbox = sandbox().await;
    let client = sandbox.wdt_client().build().unwrap();
    let other = client.wms().stockout().other();

    other
        .cancel_other_order("CK2023082990".into(), false)
        .await
        .unwrap();
    let pending = other
        .cancel_other_order("CK2023082991".into(), false)
        .await
        .unwrap_err();
    assert_eq!(api_error(&pending).0, 100);
    other
        .cancel_other_order("CK2023082991".into(), true)
        .await
        .unwrap();
    sandbox.with_erp(|erp| {
        let order = erp.other_out_order("CK2023082991").unwrap();
        assert_eq!(
            order.history,
            [
                OtherOutStatus::PendingReview,
                OtherOutStatus::Unconfirmed,
                OtherOutStatus::Cancelled
            ],
            "returned to editing, then cancelled"
        );
        assert_eq!(
            erp.other_out_order("CK2023082990").unwrap().status,
            OtherOutStatus::Cancelled
        );
    });
    for (order_no, expected) in [
        ("CK2023082992", "单据状态为已审核，不可取消"),
        ("CK2023082993", "单据已取消"),
        ("CK404", "单据不存在"),
    ] {
        let error = other
            .cancel_other_order(order_no.into(), true)
            .await
            .unwrap_err();
        assert_eq!(api_error(&error), (100, expected));
    }
}

#[tokio::test]
async fn cancel_by_type_reports_each_failure_inside_data_message() {
    let sandbox = sandbox().await;
    let client = sandbox.wdt_client().build().unwrap();
    let purchase = client.purchase().purchase_order();
    let numbers = |list: &[&str]| list.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();

    // The page's own request: stop waiting on eight orders; two are partly arrived.
    let page_list = numbers(&[
        "CG2304260001",
        "CG2212140008",
        "CG2212140007",
        "CG2212140006",
        "CG2212140005",
        "CG2212140004",
        "CG2212140003",
        "CG2212140002",
    ]);
    let data = purchase
        .cancel_by_type(cancel_by_type::Params {
            allow_cancel_checked_order: Some(AllowCancelChecked::Yes),
            ..cancel_by_type::Params::new(OperateType::StopWaiting, page_list)
        })
        .await
        .unwrap();
    assert_eq!((data.code, data.error_count), (Some(1), Some(6)));
    let errors: Vec<&str> = data
        .message
        .iter()
        .filter_map(|e| e.error.as_deref())
        .collect();
    assert_eq!(errors[0], "采购单编号:CG2212140008,采购单非部分入库状态");
    assert_eq!(errors[5], "采购单编号:CG2212140002,采购单非部分入库状态");
    sandbox.with_erp(|erp| {
        for no in ["CG2304260001", "CG2212140006"] {
            assert_eq!(
                erp.purchase_order(no).unwrap().status,
                PurchaseStatus::StoppedWaiting
            );
        }
    });

    // On the wire, data.message is a string holding the JSON list, as on the page.
    let body = br#"[{"operate_type":0,"purchase_no_list":["CG2212140003","CG404"]}]"#;
    let raw = client
        .call_raw(
            cancel_by_type::Request::METHOD,
            &[],
            body.to_vec(),
            None,
            false,
        )
        .await
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(raw.data.get()).unwrap();
    assert_eq!(
        data,
        serde_json::json!({
            "code": 1,
            "message": "[{\"error\":\"采购单编号:CG2212140003,待审核、已审核单据无法取消\"},{\"error\":\"采购单编号:CG404,采购单不存在\"}]",
            "error_count": 2,
        })
    );

    let cancelled = purchase
        .cancel_by_type(cancel_by_type::Params {
            allow_cancel_checked_order: Some(AllowCancelChecked::Yes),
            ..cancel_by_type::Params::new(OperateType::Cancel, numbers(&["CG2212140003"]))
        })
        .await
        .unwrap();
    assert_eq!((cancelled.code, cancelled.error_count), (Some(0), Some(0)));
    let body = br#"[{"operate_type":2,"purchase_no_list":["CG2212140005"]}]"#;
    let raw = client
        .call_raw(
            cancel_by_type::Request::METHOD,
            &[],
            body.to_vec(),
            None,
            false,
        )
        .await
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(raw.data.get()).unwrap();
    assert_eq!(
        data,
        serde_json::json!({"code": 0, "message": "", "error_count": 0}),
        "nothing failed: an empty string, as on the page"
    );
    let not_pushed = purchase
        .cancel_by_type(cancel_by_type::Params::new(
            OperateType::WmsStopWaiting,
            numbers(&["CG2212140004"]),
        ))
        .await
        .unwrap();
    assert_eq!(
        not_pushed.message[0].error.as_deref(),
        Some("采购单编号:CG2212140004,采购单未推送委外仓")
    );
}

fn seeded(count: u32) -> SandboxConfig {
    SandboxConfig {
        seed: Some(SeedOptions {
            seed: 11,
            cancelled_stockouts: count,
            from: datetime("2026-11-22 10:00:00"),
            to: datetime("2026-11-22 10:59:59"),
        }),
        ..SandboxConfig::default()
    }
}

#[tokio::test]
async fn search_cancel_pages_in_order_with_totals() {
    let sandbox = start(seeded(250)).await;
    let client = sandbox.wdt_client().build().unwrap();
    let sales = client.wms().stockout().sales();
    let window = Params::new(
        datetime("2026-11-22 10:00:00"),
        datetime("2026-11-22 11:00:00"),
    );

    let first = sales.search_cancel(window.clone(), 0, 100).await.unwrap();
    assert_eq!((first.items.len(), first.total), (100, Some(250)));
    let last = sales.search_cancel(window.clone(), 2, 100).await.unwrap();
    assert_eq!(last.items.len(), 50);
    assert!(last.is_last());

    let all = client
        .collect_all(&search_cancel::Request { params: window }, 100)
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    assert!(
        all.windows(2)
            .all(|w| (w[0].modified, w[0].stockout_id) < (w[1].modified, w[1].stockout_id)),
        "sorted by modified, then id"
    );
    assert!(
        all.iter()
            .all(|s| s.status == Some(StockoutStatus::Cancelled))
    );

    // Both ends are inclusive: a window of one second finds the records of that second.
    let edge = all[17].modified.unwrap();
    let at_edge = sales
        .search_cancel(Params::new(edge, edge), 0, 100)
        .await
        .unwrap();
    let expected = all.iter().filter(|s| s.modified == Some(edge)).count();
    assert_eq!(at_edge.items.len(), expected);
    assert!(expected >= 1);

    // Without a pager the gateway refuses a paged method.
    let body = br#"[{"start_time":"2026-11-22 10:00:00","end_time":"2026-11-22 11:00:00"}]"#;
    let error = client
        .call_raw(
            search_cancel::Request::METHOD,
            &[],
            body.to_vec(),
            None,
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(api_error(&error), (100, "此方法仅支持分页查询"));
}

#[tokio::test]
async fn qimen_cancel_then_search_cancel_finds_the_stockout() {
    let sandbox = sandbox().await;
    let qimen = sandbox.qimen_client().build().unwrap();
    let order = qimen.taobao().qimen().order();

    let response = order
        .cancel(OrderCancelRequest {
            order_type: Some(OrderType::GeneralTradeOut),
            cancel_reason: Some("已经退货".into()),
            ..OrderCancelRequest::new("W1234", "O1234")
        })
        .await
        .unwrap();
    assert_eq!(response.flag.as_deref(), Some("success"));
    assert_eq!(response.message.as_deref(), Some("取消成功"));
    let cancelled_at = sandbox.with_erp(|erp| {
        let stockout = erp.sales_stockout("O1234").unwrap();
        assert_eq!(stockout.status, StockoutStatus::Cancelled);
        stockout.modified
    });

    let wdt = sandbox.wdt_client().build().unwrap();
    let page = wdt
        .wms()
        .stockout()
        .sales()
        .search_cancel(Params::new(cancelled_at, cancelled_at), 0, 10)
        .await
        .unwrap();
    assert_eq!(page.items[0].stockout_no.as_deref(), Some("O1234"));

    let again = order
        .cancel(OrderCancelRequest::new("W1234", "O1234"))
        .await
        .unwrap();
    assert_eq!(
        again.message.as_deref(),
        Some("单据已取消"),
        "a retry is harmless"
    );

    for (request, code) in [
        (OrderCancelRequest::new("W1234", "NOPE"), "NOT_FOUND"),
        (
            OrderCancelRequest::new("W1234", "XS2023000002"),
            "WAREHOUSE_MISMATCH",
        ),
        (
            OrderCancelRequest::new("OTHER", "XS2023000003"),
            "STATUS_NOT_CANCELLABLE",
        ),
        (
            OrderCancelRequest {
                order_type: Some(OrderType::TransferOut),
                ..OrderCancelRequest::new("pos", "XS2023000002")
            },
            "UNSUPPORTED_TYPE",
        ),
    ] {
        match order.cancel(request).await.unwrap_err() {
            Error::QimenFailure { code: got, .. } => assert_eq!(got, code),
            other => panic!("{other:?}"),
        }
    }

    // Other-out orders by QTCK, in JSON this time.
    let json = sandbox.qimen_client().format(Format::Json).build().unwrap();
    let response = json
        .taobao()
        .qimen()
        .order()
        .cancel(OrderCancelRequest {
            order_type: Some(OrderType::OtherOut),
            ..OrderCancelRequest::new("pos", "CK2023082990")
        })
        .await
        .unwrap();
    assert_eq!(response.code.as_deref(), Some("0"));
    sandbox.with_erp(|erp| {
        assert_eq!(
            erp.other_out_order("CK2023082990").unwrap().status,
            OtherOutStatus::Cancelled
        );
    });
}

#[tokio::test]
async fn examples_only_answers_from_the_specs() {
    let sandbox = start(SandboxConfig {
        examples_only: true,
        ..SandboxConfig::default()
    })
    .await;
    let client = sandbox.wdt_client().build().unwrap();
    let created = client
        .wms()
        .outer()
        .outer_out()
        .create_order(Order::new("anywhere"), vec![OrderDetail::new("X", 1)], true)
        .await
        .unwrap();
    assert_eq!(
        created.message.as_deref(),
        Some("WC202311230001"),
        "the spec's example response"
    );
    let page = client
        .wms()
        .stockout()
        .sales()
        .search_cancel(
            Params::new(
                datetime("2026-11-22 10:00:00"),
                datetime("2026-11-22 10:30:00"),
            ),
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(page.items[0].stockout_no.as_deref(), Some("CH202210175"));
    assert_eq!(page.total, Some(2));
    let qimen = sandbox.qimen_client().build().unwrap();
    let response = qimen
        .taobao()
        .qimen()
        .order()
        .cancel(OrderCancelRequest::new("W1", "O1"))
        .await
        .unwrap();
    assert_eq!(response.message.as_deref(), Some("invalid appkey"));
    sandbox.with_erp(|erp| assert!(erp.outer_out_order("WC202311230001").is_none()));
}
