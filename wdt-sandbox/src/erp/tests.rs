use super::*;
use wdt::taobao::qimen::order::cancel::OrderType;
use wdt::wms::outer::outer_out::create_order::{CreateOrderStatus, Order, OrderDetail};

fn now() -> NaiveDateTime {
    at("2026-11-23 10:00:00")
}

fn create(erp: &mut Erp, details: Vec<OrderDetail>, is_check: bool) -> CreateOrderData {
    let request = create_order::Request {
        order: Order::new("pos"),
        order_details: details,
        is_check,
    };
    erp.create_outer_out_order(&request, now()).unwrap()
}

#[test]
fn checked_create_takes_stock_and_a_failed_check_keeps_the_order() {
    let mut erp = Erp::new();
    let ok = create(&mut erp, vec![OrderDetail::new("DFAQT101", 2)], true);
    assert_eq!(ok.status, Some(CreateOrderStatus::Success));
    assert_eq!(ok.message.as_deref(), Some("WC202611230001"));
    assert_eq!(erp.stock("pos", "DFAQT101"), Some(98));
    let failed = create(
        &mut erp,
        vec![
            OrderDetail::new("DFAQT102", 2),
            OrderDetail::new("DFAQT102", 2),
            OrderDetail::new("NOPE", 1),
        ],
        true,
    );
    assert_eq!(failed.status, Some(CreateOrderStatus::CheckFailed));
    assert_eq!(
        failed.message.as_deref(),
        Some(
            "单据WC202611230002已创建，审核失败: 商家编码DFAQT102库存不足(可用3，需要4)；商家编码NOPE在仓库pos不存在"
        )
    );
    let order = erp.outer_out_order("WC202611230002").unwrap();
    assert_eq!(order.status, OuterOutStatus::PendingReview);
    assert_eq!(erp.stock("pos", "DFAQT102"), Some(3));
    let unchecked = create(&mut erp, vec![OrderDetail::new("NOPE", 1)], false);
    assert_eq!(unchecked.status, Some(CreateOrderStatus::Success));
}

#[test]
fn cancel_other_out_follows_is_force() {
    let mut erp = Erp::new();
    let err = erp
        .cancel_other_out_order("CK2023082991", false, now())
        .unwrap_err();
    assert!(err.message.contains("待审核"), "{err}");
    erp.cancel_other_out_order("CK2023082991", true, now())
        .unwrap();
    let order = erp.other_out_order("CK2023082991").unwrap();
    assert_eq!(
        order.history,
        [
            OtherOutStatus::PendingReview,
            OtherOutStatus::Unconfirmed,
            OtherOutStatus::Cancelled
        ]
    );
    erp.cancel_other_out_order("CK2023082990", false, now())
        .unwrap();
    assert_eq!(
        erp.cancel_other_out_order("NOPE", true, now())
            .unwrap_err()
            .message,
        "单据不存在"
    );
}

#[test]
fn cancelled_stockouts_are_paged_in_order_with_inclusive_ends() {
    let mut erp = Erp::new();
    erp.seed(&SeedOptions {
        seed: 7,
        cancelled_stockouts: 500,
        from: at("2026-11-23 00:00:00"),
        to: at("2026-11-23 00:09:59"),
    });
    assert_eq!(erp.cancelled_stockout_count(), 502);
    let (start, end) = (at("2026-11-23 00:00:00"), at("2026-11-23 00:09:59"));
    let (first, total) = erp.cancelled_stockouts(start, end, 0, 300);
    let (second, _) = erp.cancelled_stockouts(start, end, 1, 300);
    assert_eq!((first.len(), second.len(), total), (300, 200, 500));
    let all: Vec<_> = first.iter().chain(&second).collect();
    assert!(
        all.windows(2)
            .all(|w| (w[0].modified, w[0].stockout_id) < (w[1].modified, w[1].stockout_id))
    );
    let edge = all[0].modified.unwrap();
    let (at_edge, n) = erp.cancelled_stockouts(edge, edge, 0, 1000);
    assert!(n >= 1 && at_edge.iter().all(|s| s.modified == Some(edge)));
    let mut again = Erp::new();
    again.seed(&SeedOptions {
        seed: 7,
        cancelled_stockouts: 500,
        from: start,
        to: end,
    });
    assert_eq!(
        again.cancelled_stockouts(start, end, 0, 300).0,
        first,
        "deterministic"
    );
}

#[test]
fn qimen_cancel_moves_a_stockout_into_search_cancel() {
    let mut erp = Erp::new();
    let mut request = OrderCancelRequest::new("W1234", "O1234");
    request.order_type = Some(OrderType::GeneralTradeOut);
    assert_eq!(erp.qimen_cancel(&request, now()), Ok("取消成功"));
    assert_eq!(erp.qimen_cancel(&request, now()), Ok("单据已取消"));
    let (found, _) = erp.cancelled_stockouts(now(), now(), 0, 10);
    assert_eq!(found[0].stockout_no.as_deref(), Some("O1234"));
    let wrong = OrderCancelRequest::new("pos", "XS2023000002");
    assert_eq!(
        erp.qimen_cancel(&wrong, now()).unwrap().to_owned(),
        "取消成功"
    );
    let mismatch = OrderCancelRequest::new("W1234", "XS2023000003");
    assert_eq!(
        erp.qimen_cancel(&mismatch, now()).unwrap_err().code,
        "WAREHOUSE_MISMATCH"
    );
    let done = OrderCancelRequest::new(ANY_WAREHOUSE, "XS2023000003");
    assert_eq!(
        erp.qimen_cancel(&done, now()).unwrap_err().code,
        "STATUS_NOT_CANCELLABLE"
    );
}

#[test]
fn a_line_without_quantity_is_refused_at_its_path() {
    let mut erp = Erp::new();
    let request = create_order::Request {
        order: Order::new("pos"),
        order_details: vec![
            OrderDetail::new("DFAQT101", 1),
            OrderDetail::new("DFAQT102", 0),
        ],
        is_check: false,
    };
    let err = erp.create_outer_out_order(&request, now()).unwrap_err();
    assert_eq!(err.code, None);
    assert_eq!(err.message, "order_details[1].num: 数量必须大于0");
    assert_eq!(erp.outer_out_order("WC202611230001"), None);
}
