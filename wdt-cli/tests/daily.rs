//! The `wdt` command as a daily tool: describe, every violation at once, suggestions, exit
//! statuses, dry runs, arguments from files and stdin, completions.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use common::{Running, stderr, stdout, wdt};

const CREATE_ORDER: &str = "wms.outer.OuterOut.createOrder";

/// `wdt` configured for a gateway nobody listens on: anything that tries the network fails.
fn offline() -> assert_cmd::Command {
    let mut cmd = wdt();
    cmd.env_clear()
        .env("WDT_URL", "http://127.0.0.1:1")
        .env("WDT_SID", "wdtapi3")
        .env("WDT_KEY", "wdt_test")
        .env("WDT_SECRET", "hunter2:pepper")
        .env("QIMEN_URL", "http://127.0.0.1:1/router")
        .env("QIMEN_APP_KEY", "qm_app")
        .env("QIMEN_SECRET", "qm-hunter2")
        .env("QIMEN_CUSTOMER_ID", "c1");
    cmd
}

/// The `--json '…'` argument of a text description.
fn example_of(description: &str) -> String {
    let line = description
        .lines()
        .find_map(|l| l.trim().strip_prefix("--json '"))
        .expect("an example line");
    line.strip_suffix('\'').unwrap().replace("'\\''", "'")
}

#[test]
fn describe_shows_a_wdt_method_and_its_example_is_a_ready_argument() {
    let output = wdt()
        .args(["describe", "wms.stockout.Sales.searchCancel"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "wms.stockout.Sales.searchCancel — 已取消出库单查询",
        "旗舰版 (wdt), a call to the ERP; retry-safe: yes",
        "docs: https://open.wangdian.cn/qjb/open/apidoc/doc?path=wms.stockout.Sales.searchCancel",
        "Arguments (--json takes them as a JSON array, in this order):",
        "  params: Params, required",
        "    start_time: datetime, required",
        "params.start_time … params.end_time: at most 1h (both ends included)",
        "Paging: page size 50 by default, no maximum stated; records in order_list, identified by stockout_id",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let example = example_of(&text);
    let sent = offline()
        .args([
            "call",
            "wms.stockout.Sales.searchCancel",
            "--dry-run",
            "--json",
        ])
        .arg(&example)
        .output()
        .unwrap();
    assert!(sent.status.success(), "{}", stderr(&sent));
}

#[test]
fn describe_lists_alternatives_lists_and_enum_values() {
    let output = wdt()
        .args(["describe", "sales.TradeQuery.queryWithDetail"])
        .output()
        .unwrap();
    let text = stdout(&output);
    let alternatives = "give start_time and end_time, or trade_no, or src_tid, or logistics_no";
    assert!(
        text.contains(&format!("start_time: datetime, optional; {alternatives}")),
        "{text}"
    );
    assert!(
        text.contains("status: list<TradeStatus>, optional, sent joined by ','"),
        "{text}"
    );
    assert!(
        text.contains("values (TradeStatus): 4 线下退款, 5 已取消"),
        "{text}"
    );
    assert!(
        text.contains("23 values in all (--format json lists them)"),
        "{text}"
    );

    let json = wdt()
        .args([
            "describe",
            "sales.TradeQuery.queryWithDetail",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let fields = value["args"][0]["fields"].as_array().unwrap();
    let status = fields.iter().find(|f| f["name"] == "status").unwrap();
    assert_eq!(status["separator"], ",");
    assert_eq!(status["values"].as_array().unwrap().len(), 23);
    assert_eq!(status["values"][1]["wire"], 5);
    assert_eq!(status["values"][1]["label"], "已取消");
    let start = fields.iter().find(|f| f["name"] == "start_time").unwrap();
    assert_eq!(start["required"], false);
    assert_eq!(start["alternatives"], alternatives);
    assert_eq!(value["protocol"], "wdt");
    assert!(value["rules"][0].as_str().unwrap().contains(alternatives));
}

#[test]
fn describe_shows_a_qimen_method_with_its_direction_and_a_json_example() {
    let output = wdt()
        .args(["describe", "taobao.qimen.order.cancel"])
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(
        text.contains("奇门 (qimen), sent by the ERP, received by the WMS; retry-safe: no"),
        "{text}"
    );
    assert!(
        text.contains("values (OrderType): JYCK 一般交易出库单"),
        "{text}"
    );
    let example = example_of(&text);
    let request: serde_json::Value = serde_json::from_str(&example).unwrap();
    assert_eq!(request["warehouseCode"], "W1234");
    assert_eq!(
        request["subSourceOrders"]["subSourceOrder"][0]["subSourceOrderCode"],
        "21324234"
    );
    // The JSON form of the page's XML example is what `call` takes, and encodes back to it.
    let sent = offline()
        .args(["call", "taobao.qimen.order.cancel", "--dry-run", "--json"])
        .arg(&example)
        .output()
        .unwrap();
    assert!(sent.status.success(), "{}", stderr(&sent));
    assert!(
        stdout(&sent).contains("<subSourceOrders><subSourceOrder><subSourceOrderCode>21324234</subSourceOrderCode></subSourceOrder></subSourceOrders>"),
        "{}",
        stdout(&sent)
    );
}

#[test]
fn describe_reads_a_spec_file_and_suggests_methods() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../specs/wms/outer/OuterOut.createOrder.toml"
    );
    let output = wdt().args(["describe", path]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("warehouse_no: string, required, at most 40 characters"),
        "{text}"
    );

    let typo = wdt()
        .args(["describe", "wms.stockout.Sales.searchCanel"])
        .output()
        .unwrap();
    assert_eq!(typo.status.code(), Some(2));
    assert_eq!(
        stderr(&typo).trim_end(),
        "wdt: unknown method 'wms.stockout.Sales.searchCanel' (did you mean wms.stockout.Sales.searchCancel?)"
    );
}

#[test]
fn every_violation_of_a_call_comes_at_once_with_suggestions() {
    let body = format!(
        r#"[{{"warehouse_no":"{}"}},[{{"spec_n":"DFAQT101","num":2}}],false]"#,
        "W".repeat(42)
    );
    let output = offline()
        .args(["call", CREATE_ORDER, "--json", &body])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).trim_end(),
        "wdt: validation failed: order_details[0].spec_no: required; \
         order.warehouse_no: 42 characters, at most 40; \
         order_details[0].spec_n: not in the spec, sent as given (did you mean spec_no?) (warning)"
    );
}

#[test]
fn a_dry_run_prints_the_signed_request_without_the_secret() {
    let output = offline()
        .args([
            "call",
            "wms.stockout.Sales.searchCancel",
            "--dry-run",
            "--page-size",
            "20",
            "--json",
            r#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#,
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "POST http://127.0.0.1:1/openapi");
    let query: Vec<&str> = lines[1..11].iter().map(|l| l.trim()).collect();
    let keys: Vec<&str> = query.iter().map(|l| l.split('=').next().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "sid",
            "key",
            "salt",
            "method",
            "v",
            "timestamp",
            "page_size",
            "page_no",
            "calc_total",
            "sign"
        ]
    );
    assert!(query.contains(&"salt=***"), "{text}");
    assert!(query.contains(&"page_size=20"), "{text}");
    let sign = query[9].strip_prefix("sign=").unwrap();
    assert_eq!(sign.len(), 32);
    assert!(sign.chars().all(|c| c.is_ascii_hexdigit()), "{sign}");
    assert_eq!(lines[11], "Content-Type: application/json");
    assert_eq!(
        lines[13],
        r#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#
    );
    assert!(
        !text.contains("hunter2") && !text.contains("pepper"),
        "{text}"
    );
}

#[test]
fn arguments_come_from_a_file_or_stdin() {
    let args = r#"[{"start_time":"2026-11-23 10:00:00","end_time":"2026-11-23 11:00:00"}]"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("args.json");
    std::fs::write(&file, args).unwrap();
    let from_file = offline()
        .args([
            "call",
            "wms.stockout.Sales.searchCancel",
            "--dry-run",
            "--json",
        ])
        .arg(format!("@{}", file.display()))
        .output()
        .unwrap();
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    assert!(stdout(&from_file).ends_with(&format!("{args}\n")));

    let from_stdin = offline()
        .args([
            "call",
            "wms.stockout.Sales.searchCancel",
            "--dry-run",
            "--json",
            "-",
        ])
        .write_stdin(args)
        .output()
        .unwrap();
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert!(stdout(&from_stdin).ends_with(&format!("{args}\n")));

    let missing = offline()
        .args([
            "call",
            "wms.stockout.Sales.searchCancel",
            "--json",
            "@/no/such/file.json",
        ])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).starts_with("wdt: cannot read --json file /no/such/file.json:"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn help_documents_the_exit_statuses() {
    let help = wdt().arg("--help").output().unwrap();
    let text = stdout(&help);
    for line in [
        "2  usage or configuration error",
        "3  request refused by validation",
        "4  the vendor's error reply",
        "5  transport failure or timeout",
        "6  unreadable reply",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
}

#[test]
fn an_http_error_status_exits_5() {
    let sandbox = Running::start(None);
    let output = sandbox
        .wdt()
        .env("WDT_URL", format!("{}/nowhere", sandbox.base_url()))
        .args([
            "call",
            "wms.stockout.Other.cancelOtherOrder",
            "--json",
            r#"["CK1",true]"#,
        ])
        .output()
        .unwrap();
    // The sandbox answers an unknown path with 404: no reply from the gateway.
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
}

#[test]
fn completions_include_method_names() {
    for shell in ["bash", "zsh", "fish"] {
        let output = wdt().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        assert!(
            script.contains("wms.stockout.Sales.searchCancel")
                && script.contains("taobao.qimen.order.cancel"),
            "{shell}"
        );
        assert!(script.contains("describe"), "{shell}");
    }
}

/// `wdt sandbox` as a child process, killed when dropped.
struct SandboxProcess {
    child: Child,
    wdt_url: String,
}

impl SandboxProcess {
    fn start(args: &[&str]) -> SandboxProcess {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wdt"))
            .arg("sandbox")
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let wdt_url = lines
            .find_map(|line| {
                line.unwrap()
                    .trim()
                    .strip_prefix("旗舰版 gateway:")
                    .map(|url| url.trim().to_owned())
            })
            .expect("the sandbox prints its gateway URL");
        SandboxProcess { child, wdt_url }
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_sandbox_command_answers_a_foreign_client_with_every_violation() {
    let sandbox = SandboxProcess::start(&[
        "--fault",
        r#"{"method":"wms.stockout.Other.cancelOtherOrder","fault":{"kind":"html_page"}}"#,
    ]);
    // A client that is not ours: it signs correctly but does not validate its body.
    let client = wdt::WdtClient::builder()
        .base_url(&sandbox.wdt_url)
        .sid(wdt_sandbox::DEMO_SID)
        .app_key(wdt_sandbox::DEMO_KEY)
        .app_secret(wdt_sandbox::DEMO_APP_SECRET)
        .build()
        .unwrap();
    let body = format!(
        r#"[{{"warehouse_no":"{}"}},[{{"num":2}}],false]"#,
        "W".repeat(42)
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let refused = runtime
        .block_on(client.call_raw(CREATE_ORDER, &[], body.into_bytes(), None, false))
        .unwrap_err();
    let wdt::Error::Api {
        status, message, ..
    } = refused
    else {
        panic!("expected the gateway's refusal, got {refused}");
    };
    assert_eq!(status, 1);
    assert_eq!(
        message,
        "order_details[0].spec_no: required; order.warehouse_no: 42 characters, at most 40"
    );

    // The same gateway's HTML page for another method: an unreadable reply.
    let output = wdt()
        .env_clear()
        .env("WDT_URL", &sandbox.wdt_url)
        .env("WDT_SID", wdt_sandbox::DEMO_SID)
        .env("WDT_KEY", wdt_sandbox::DEMO_KEY)
        .env("WDT_SECRET", wdt_sandbox::DEMO_APP_SECRET)
        .args([
            "call",
            "wms.stockout.Other.cancelOtherOrder",
            "--json",
            r#"["CK1",true]"#,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
}
