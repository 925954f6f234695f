//! The sandbox agrees with the client on the page rules of `tests/page_rules.rs` (the root
//! crate's loopback tests): each case is sent raw, with the client's validation off, and the
//! sandbox must accept exactly what the client sends and refuse with the client's words.

mod common;

use common::{api_error, sandbox};
use wdt::runtime::Pager;

/// Stands for the page's own request example.
const EXAMPLE: &str = "";

/// (method, body, page size, the refusal the client gives, or `None` when it sends).
const CASES: &[(&str, &str, Option<u32>, Option<&str>)] = &[
    (
        "sales.TradeQuery.queryWithDetail",
        r#"[{"logistics_no":"2022301110001"}]"#,
        Some(10),
        None,
    ),
    (
        "sales.TradeQuery.queryWithDetail",
        r#"[{}]"#,
        Some(10),
        Some("params: give start_time and end_time, or trade_no, or src_tid, or logistics_no"),
    ),
    (
        "sales.TradeQuery.queryWithDetail",
        r#"[{"status":"5,110","src_tid":"T1,T2"}]"#,
        Some(10),
        None,
    ),
    (
        "sales.TradeQuery.queryWithDetail",
        r#"[{"src_tid":"T1,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}]"#,
        Some(10),
        Some("params.src_tid[1]: 41 characters, at most 40"),
    ),
    // Warnings only: an unlisted status and a page size above the page's advice.
    (
        "sales.TradeQuery.queryWithDetail",
        r#"[{"trade_no":"JY1","status":"77"}]"#,
        Some(500),
        None,
    ),
    // A field the spec lacks: sent by the client's extra_fields, accepted with a warning.
    (
        "sales.TradeQuery.queryWithDetail",
        r#"[{"trade_no":"JY1","is_deleted":0}]"#,
        Some(10),
        None,
    ),
    (
        "sales.LogisticsSync.update",
        // The page's own example: sync_id 88950 under a 长度 of 1.
        EXAMPLE,
        None,
        None,
    ),
    (
        "wms.StockSpec.queryChangeHistory",
        r#"[{"start_date":"2026-11-01 00:00:00","end_date":"2026-11-03 00:00:00","spec_no":"DFAQT101"}]"#,
        Some(10),
        None,
    ),
    (
        "wms.StockSpec.queryChangeHistory",
        r#"[{"start_date":"2026-11-01 00:00:00","end_date":"2026-11-03 00:00:00"}]"#,
        Some(10),
        Some("params.end_date: 48h00m after start_date, at most 60m"),
    ),
];

#[tokio::test]
async fn the_sandbox_sends_back_what_the_client_decides() {
    let sandbox = sandbox().await;
    let client = sandbox.wdt_client().validation(false).build().unwrap();
    for (method, body, page_size, refusal) in CASES {
        let info = wdt::ENDPOINTS.iter().find(|i| i.method == *method).unwrap();
        let body = if body.is_empty() {
            info.example_request.unwrap()
        } else {
            body
        };
        let pager = page_size.map(|page_size| Pager {
            page_no: 0,
            page_size,
            calc_total: true,
        });
        let reply = client
            .call_raw(
                info.method,
                info.args,
                body.as_bytes().to_vec(),
                pager,
                true,
            )
            .await;
        match (refusal, reply) {
            (None, Ok(_)) => {}
            (Some(words), Err(error)) => {
                assert_eq!(api_error(&error), (1, *words), "{method} {body}");
            }
            (expected, got) => panic!("{method} {body}: expected {expected:?}, got {got:?}"),
        }
    }
}
