//! `--route qimen`: `wdt call` and `wdt sync` through the 奇门自定义 route of a sandbox,
//! which also returns the 淘系 orders the 旗舰版 gateway leaves out.

mod common;

use common::{Running, stderr, stdout};

const TRADES: &str = "sales.TradeQuery.queryWithDetail";
const HOUR: &str = r#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 10:59:59"}]"#;

/// The platform ids of the orders `wdt call` printed.
fn platforms(output: &std::process::Output) -> Vec<i64> {
    let data: serde_json::Value = serde_json::from_str(&stdout(output)).unwrap();
    data["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|order| order["platform_id"].as_i64().unwrap())
        .collect()
}

#[test]
fn call_through_the_route_also_returns_taobao_orders() {
    let sandbox = Running::start(None);
    let call = |route: &str| {
        sandbox
            .wdt()
            .args([
                "call",
                TRADES,
                "--json",
                HOUR,
                "--page-size",
                "50",
                "--route",
                route,
            ])
            .output()
            .unwrap()
    };
    let direct = call("direct");
    assert!(direct.status.success(), "{}", stderr(&direct));
    assert_eq!(platforms(&direct), [3, 3, 3, 3]);
    let routed = call("qimen");
    assert!(routed.status.success(), "{}", stderr(&routed));
    let found = platforms(&routed);
    assert_eq!(found.len(), 12);
    assert_eq!(found.iter().filter(|&&p| p == 1).count(), 8, "淘宝 orders");

    let dry = sandbox
        .wdt()
        .args([
            "call",
            TRADES,
            "--json",
            HOUR,
            "--route",
            "qimen",
            "--dry-run",
        ])
        .output()
        .unwrap();
    let shown = stdout(&dry);
    assert!(dry.status.success(), "{}", stderr(&dry));
    for expected in [
        "/router/qm\n",
        "  method=wdt.sales.tradequery.querywithdetail\n",
        "  target_app_key=21363512\n",
        "  wdt_salt=***\n",
        "  wdt3_customer_id=wdtapi3\n",
        r#"  pager={"page_no":1,"page_size":50}"#,
        "Content-Type: application/x-www-form-urlencoded",
    ] {
        assert!(shown.contains(expected), "{expected} in:\n{shown}");
    }
    let salt = wdt_sandbox::DEMO_APP_SECRET.split_once(':').unwrap().1;
    assert!(!shown.contains(salt), "{shown}");
}

#[test]
fn sync_through_the_route_stores_taobao_orders() {
    let sandbox = Running::start(None);
    let scratch = tempfile::tempdir().unwrap();
    let sync = |route: &str| {
        let file = scratch.path().join(format!("{route}.db"));
        let output = sandbox
            .wdt()
            .args(["sync", TRADES, "--from", "2026-11-23 09:00:00"])
            .args(["--to", "2026-11-23 12:00:00", "--page-size", "5", "--quiet"])
            .args(["--route", route, "--into"])
            .arg(format!("sqlite:{}", file.display()))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let db = rusqlite::Connection::open(&file).unwrap();
        let mut statement = db
            .prepare(&format!("SELECT id FROM \"{TRADES}\" ORDER BY id"))
            .unwrap();
        statement
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .map(|id| id.unwrap().parse::<i64>().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(sync("direct"), [30_003, 30_006, 30_009, 30_012]);
    assert_eq!(sync("qimen"), (30_001..=30_012).collect::<Vec<_>>());
}

#[test]
fn the_route_needs_its_own_configuration() {
    let sandbox = Running::start(None);
    let missing = sandbox
        .wdt()
        .env_remove("WDT_QIMEN_SECRET")
        .args(["call", TRADES, "--json", HOUR, "--route", "qimen"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("WDT_QIMEN_SECRET is not set"),
        "{}",
        stderr(&missing)
    );
    let qimen = sandbox
        .wdt()
        .args(["call", "taobao.qimen.order.cancel", "--route", "qimen"])
        .output()
        .unwrap();
    assert_eq!(qimen.status.code(), Some(2));
    assert!(
        stderr(&qimen).contains("is a Qimen method already"),
        "{}",
        stderr(&qimen)
    );
}
