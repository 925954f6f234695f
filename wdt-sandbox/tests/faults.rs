//! Injected faults: retries of retry-safe endpoints, none for createOrder, and the admin API.

mod common;

use std::time::{Duration, Instant};

use common::{datetime, quick_retries, sandbox, start};
use wdt::wms::outer::outer_out::create_order::{self, Order, OrderDetail};
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{Api, Endpoint, Error, WdtClient};
use wdt_sandbox::{Fault, FaultPlan, FaultRule, RATE_LIMIT_MESSAGE, Sandbox, SandboxConfig};

const SEARCH: &str = search_cancel::Request::METHOD;
const CREATE: &str = create_order::Request::METHOD;

fn client(sandbox: &Sandbox) -> WdtClient {
    sandbox
        .wdt_client()
        .retry(quick_retries(4))
        .build()
        .unwrap()
}

async fn search(client: &WdtClient) -> Result<u64, Error> {
    let window = Params::new(
        datetime("2022-10-17 14:00:00"),
        datetime("2022-10-17 15:00:00"),
    );
    let page = client
        .wms()
        .stockout()
        .sales()
        .search_cancel(window, 0, 100)
        .await?;
    Ok(page.total.unwrap_or_default())
}

async fn create(client: &WdtClient) -> Result<String, Error> {
    client
        .wms()
        .outer()
        .outer_out()
        .create_order(
            Order::new("pos"),
            vec![OrderDetail::new("DFAQT101", 1)],
            true,
        )
        .await
        .map(|data| data.message.unwrap_or_default())
}

#[tokio::test]
async fn retry_safe_queries_survive_5xx_drops_rate_limits_and_database_errors() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let faults = [
        Fault::HttpStatus { status: 503 },
        Fault::Drop,
        Fault::RateLimit,
        Fault::VendorError {
            status: 5,
            message: "数据库错误".into(),
        },
    ];
    for (n, fault) in faults.into_iter().enumerate() {
        sandbox
            .faults()
            .add(FaultRule::always(fault.clone()).for_method(SEARCH).times(2))
            .unwrap();
        assert_eq!(search(&client).await.unwrap(), 2, "{fault:?}");
        assert_eq!(
            sandbox.calls(SEARCH),
            3 * (n as u64 + 1),
            "{fault:?}: 2 failures, 1 success"
        );
    }
    assert!(sandbox.faults().plan().rules.is_empty(), "every rule spent");
}

#[tokio::test]
async fn create_order_is_never_retried() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox
        .faults()
        .add(
            FaultRule::always(Fault::HttpStatus { status: 502 })
                .for_method(CREATE)
                .times(1),
        )
        .unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 502, .. }),
        "{error:?}"
    );
    assert_eq!(sandbox.calls(CREATE), 1);

    sandbox
        .faults()
        .add(FaultRule::always(Fault::Drop).for_method(CREATE).times(1))
        .unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(sandbox.calls(CREATE), 2);

    sandbox
        .faults()
        .add(
            FaultRule::always(Fault::RateLimit)
                .for_method(CREATE)
                .times(1),
        )
        .unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(error.is_rate_limited(), "{error:?}");
    assert_eq!(sandbox.calls(CREATE), 3, "a create is not sent twice");

    assert_eq!(create(&client).await.unwrap(), format!("WC{}0001", today()));
    assert_eq!(sandbox.calls(CREATE), 4);
}

fn today() -> String {
    use wdt::runtime::Clock;
    wdt::runtime::clock::beijing(wdt::SystemClock.unix_seconds())
        .format("%Y%m%d")
        .to_string()
}

#[tokio::test]
async fn malformed_replies_and_latency() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox
        .faults()
        .set(FaultPlan {
            seed: 0,
            rules: vec![
                FaultRule::always(Fault::HtmlPage).times(1),
                FaultRule::always(Fault::TruncatedBody).times(1),
            ],
        })
        .unwrap();
    for _ in 0..2 {
        let error = search(&client).await.unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    }
    assert_eq!(sandbox.calls(SEARCH), 2, "a malformed reply is not retried");

    sandbox
        .faults()
        .add(FaultRule::always(Fault::Latency { ms: 150 }).times(1))
        .unwrap();
    let started = Instant::now();
    assert_eq!(search(&client).await.unwrap(), 2);
    assert!(started.elapsed() >= Duration::from_millis(150));

    sandbox
        .faults()
        .add(FaultRule::always(Fault::VendorError {
            status: 100,
            message: "单据不存在".into(),
        }))
        .unwrap();
    let error = search(&client).await.unwrap_err();
    assert!(matches!(error, Error::Api { status: 100, .. }), "{error:?}");
    assert_eq!(sandbox.calls(SEARCH), 4, "business errors are final");
}

#[tokio::test]
async fn faults_from_the_start_by_seeded_probability_are_reproducible() {
    let outcomes = |seed| async move {
        let sandbox = start(SandboxConfig {
            faults: FaultPlan {
                seed,
                rules: vec![
                    FaultRule::always(Fault::HttpStatus { status: 500 }).with_probability(0.3),
                ],
            },
            ..SandboxConfig::default()
        })
        .await;
        let client = sandbox
            .wdt_client()
            .retry(wdt::RetryPolicy::none())
            .build()
            .unwrap();
        let mut outcomes = Vec::new();
        for _ in 0..40 {
            outcomes.push(search(&client).await.is_ok());
        }
        outcomes
    };
    let first = outcomes(7).await;
    assert_eq!(first, outcomes(7).await);
    let failures = first.iter().filter(|ok| !**ok).count();
    assert!((4..=20).contains(&failures), "about 30% of 40: {failures}");
}

async fn admin(sandbox: &Sandbox, verb: reqwest::Method, path: &str, body: &str) -> (u16, String) {
    let reply = reqwest::Client::new()
        .request(verb, format!("{}{path}", sandbox.admin_url()))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = reply.status().as_u16();
    (status, reply.text().await.unwrap())
}

#[tokio::test]
async fn the_admin_api_drives_the_same_rules() {
    use reqwest::Method;
    let sandbox = sandbox().await;
    let client = client(&sandbox);

    // Three failures, then the fourth attempt gets through.
    let rule = format!(
        r#"{{"method":"{SEARCH}","fault":{{"kind":"http_status","status":503}},"times":3}}"#
    );
    assert_eq!(admin(&sandbox, Method::POST, "/faults", &rule).await.0, 200);
    let (_, plan) = admin(&sandbox, Method::GET, "/faults", "").await;
    let plan: FaultPlan = serde_json::from_str(&plan).unwrap();
    assert_eq!(plan.rules[0].times, Some(3));
    assert_eq!(search(&client).await.unwrap(), 2);
    let (_, calls) = admin(&sandbox, Method::GET, "/calls", "").await;
    assert_eq!(calls, format!(r#"{{"{SEARCH}":4}}"#));

    // A whole plan: every call of every method rate-limited.
    let plan = r#"{"seed":3,"rules":[{"fault":{"kind":"rate_limit"}}]}"#;
    assert_eq!(admin(&sandbox, Method::PUT, "/faults", plan).await.0, 200);
    let error = search(&client).await.unwrap_err();
    match &error {
        Error::Api {
            status: 100,
            message,
            ..
        } => assert_eq!(message, RATE_LIMIT_MESSAGE),
        other => panic!("{other:?}"),
    }
    assert_eq!(admin(&sandbox, Method::DELETE, "/faults", "").await.0, 200);
    assert_eq!(search(&client).await.unwrap(), 2);

    // Several rules at once; bad ones are refused with a reason and change nothing.
    let rules =
        r#"[{"fault":{"kind":"latency","ms":1}},{"fault":{"kind":"drop"},"probability":0.5}]"#;
    assert_eq!(admin(&sandbox, Method::POST, "/faults", rules).await.0, 200);
    assert_eq!(sandbox.faults().plan().rules.len(), 2);
    let (status, body) = admin(
        &sandbox,
        Method::POST,
        "/faults",
        r#"{"fault":{"kind":"drop"},"probability":2}"#,
    )
    .await;
    assert_eq!(
        (status, body.as_str()),
        (
            400,
            r#"{"error":"probability must be between 0 and 1, not 2"}"#
        )
    );
    let (status, _) = admin(
        &sandbox,
        Method::POST,
        "/faults",
        r#"{"fault":{"kind":"meteor"}}"#,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(sandbox.faults().plan().rules.len(), 2);
    assert_eq!(admin(&sandbox, Method::PATCH, "/faults", "").await.0, 405);
    assert_eq!(admin(&sandbox, Method::GET, "/nothing", "").await.0, 404);
    assert_eq!(admin(&sandbox, Method::DELETE, "/calls", "").await.0, 200);
    assert_eq!(admin(&sandbox, Method::GET, "/calls", "").await.1, "{}");
}
