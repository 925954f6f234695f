//! `wdt demo`: the five seed endpoints against an in-process sandbox, through the typed
//! clients.
//!
//! For each endpoint it prints the requests (as they travel), their validation and the
//! replies: successes, business-rule refusals from the ERP, and one invalid request that
//! the client refuses before sending (with the violations; the sandbox receives nothing).
//! It ends with the same order query sent directly and through the 奇门自定义 route, which
//! alone returns the 淘系 orders.

use std::io::Write;

use wdt::codes::Platform;
use wdt::purchase::purchase_order::cancel_by_type::{self, AllowCancelChecked, OperateType};
use wdt::sales::trade_query::query_with_detail;
use wdt::taobao::qimen::order::cancel::{self, OrderCancelRequest, OrderType};
use wdt::wms::outer::outer_out::create_order::{self, Order, OrderDetail, SrcOrderType};
use wdt::wms::stockout::other::cancel_other_order;
use wdt::wms::stockout::sales::search_cancel::{self, Params};
use wdt::{Api, Endpoint, Error, QimenApi, Validate, ValidationError, Violation};
use wdt_runtime::clock::beijing;
use wdt_runtime::{Clock, SystemClock};

use crate::config::SandboxConfig;
use crate::routes::{QIMEN_PATH, ROUTE_PATH, WDT_PATH};
use crate::server::{Sandbox, StartError};

/// Why the demo did not complete.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// [`run`] was called from within a Tokio runtime (use [`run_async`] there).
    #[error("demo::run cannot be called from within a Tokio runtime; await demo::run_async")]
    InsideRuntime,
    /// No runtime could be built.
    #[error("cannot start a Tokio runtime: {0}")]
    Runtime(std::io::Error),
    /// The sandbox did not start.
    #[error("cannot start the sandbox: {0}")]
    Start(#[from] StartError),
    /// A client could not be built.
    #[error("cannot build a client: {0}")]
    Client(Error),
    /// The output could not be written.
    #[error("cannot write the demo's output: {0}")]
    Output(#[from] std::io::Error),
    /// A call did not end the way the demo expects.
    #[error("{method}: {what}")]
    Unexpected {
        /// The method called.
        method: &'static str,
        /// What happened instead.
        what: String,
    },
}

/// Runs the demo on a runtime of its own, writing to `out`.
pub fn run(out: &mut impl Write) -> Result<(), DemoError> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(DemoError::InsideRuntime);
    }
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(DemoError::Runtime)?
        .block_on(run_async(out))
}

/// Runs the demo on the current Tokio runtime, writing to `out`.
pub async fn run_async(out: &mut impl Write) -> Result<(), DemoError> {
    let sandbox = Sandbox::start(SandboxConfig::default()).await?;
    let result = Demo {
        out,
        sandbox: &sandbox,
    }
    .all()
    .await;
    sandbox.shutdown().await;
    result
}

struct Demo<'a, W: Write> {
    out: &'a mut W,
    sandbox: &'a Sandbox,
}

/// The reply a call must get for the demo to go on.
fn unexpected(method: &'static str, what: impl std::fmt::Display) -> DemoError {
    DemoError::Unexpected {
        method,
        what: what.to_string(),
    }
}

fn expect_ok<T>(method: &'static str, result: Result<T, Error>) -> Result<T, DemoError> {
    result.map_err(|e| unexpected(method, format!("expected success, got: {e}")))
}

fn expect_refused<T>(method: &'static str, result: Result<T, Error>) -> Result<Error, DemoError> {
    match result {
        Err(e @ (Error::Api { .. } | Error::QimenFailure { .. })) => Ok(e),
        Err(e) => Err(unexpected(
            method,
            format!("expected a business error, got: {e}"),
        )),
        Ok(_) => Err(unexpected(method, "expected a business error, got success")),
    }
}

impl<W: Write> Demo<'_, W> {
    async fn all(&mut self) -> Result<(), DemoError> {
        let wdt = self
            .sandbox
            .wdt_client()
            .build()
            .map_err(DemoError::Client)?;
        let qimen = self
            .sandbox
            .qimen_client()
            .build()
            .map_err(DemoError::Client)?;
        writeln!(
            self.out,
            "wdt demo: sandbox on {} (旗舰版 {}, 奇门 {}), demo credentials\n",
            self.sandbox.base_url(),
            WDT_PATH,
            QIMEN_PATH
        )?;
        self.create_order(&wdt).await?;
        self.cancel_other_order(&wdt).await?;
        self.cancel_by_type(&wdt).await?;
        self.qimen_cancel(&qimen).await?;
        self.search_cancel(&wdt).await?;
        let routed = self
            .sandbox
            .route_client()
            .build()
            .map_err(DemoError::Client)?;
        self.taobao_orders(&wdt, &routed).await?;
        writeln!(
            self.out,
            "all five endpoints behaved as specified; the sandbox received {} calls",
            self.sandbox.call_counts().values().sum::<u64>()
        )?;
        Ok(())
    }

    fn heading(&mut self, n: u32, method: &str, name: &str) -> Result<(), DemoError> {
        writeln!(self.out, "[{n}/5] {method} ({name})")?;
        Ok(())
    }

    /// Prints a request as it travels and what its spec says of it.
    fn request(
        &mut self,
        body: &str,
        validation: Result<Vec<Violation>, ValidationError>,
    ) -> Result<(), DemoError> {
        writeln!(self.out, "  -> {body}")?;
        match validation {
            Ok(warnings) if warnings.is_empty() => writeln!(self.out, "     validation: ok")?,
            Ok(warnings) => writeln!(
                self.out,
                "     validation: ok, {} warning(s)",
                warnings.len()
            )?,
            Err(e) => writeln!(
                self.out,
                "     validation: {} violation(s)",
                e.violations().len()
            )?,
        }
        Ok(())
    }

    fn reply(&mut self, text: impl std::fmt::Display) -> Result<(), DemoError> {
        writeln!(self.out, "  <- {text}")?;
        Ok(())
    }

    /// Sends a request the client must refuse, and shows the violations.
    async fn invalid<T>(
        &mut self,
        method: &'static str,
        body: &str,
        call: impl Future<Output = Result<T, Error>>,
    ) -> Result<(), DemoError> {
        let before = self.sandbox.calls(method);
        writeln!(self.out, "  -> {body}")?;
        let violations = match call.await {
            Err(Error::Invalid { source, .. }) => source,
            Err(e) => {
                return Err(unexpected(
                    method,
                    format!("expected a validation error, got: {e}"),
                ));
            }
            Ok(_) => return Err(unexpected(method, "an invalid request was accepted")),
        };
        if self.sandbox.calls(method) != before {
            return Err(unexpected(method, "an invalid request reached the sandbox"));
        }
        writeln!(self.out, "     rejected by validation, not sent:")?;
        for violation in violations.violations() {
            writeln!(self.out, "       - {violation}")?;
        }
        writeln!(self.out)?;
        Ok(())
    }

    async fn create_order(&mut self, client: &wdt::WdtClient) -> Result<(), DemoError> {
        const METHOD: &str = create_order::Request::METHOD;
        self.heading(1, METHOD, "外仓调整出库单创建")?;
        let calls = client.wms().outer().outer_out();
        for (spec_no, num, expected) in [
            ("DFAQT101", 2, create_order::CreateOrderStatus::Success),
            ("DFAQT102", 5, create_order::CreateOrderStatus::CheckFailed),
        ] {
            let request = create_order::Request {
                order: Order {
                    remark: Some("demo".into()),
                    ..Order::new("pos")
                },
                order_details: vec![OrderDetail::new(spec_no, num)],
                is_check: true,
            };
            self.request(&json(&request), request.validate())?;
            let data = expect_ok(
                METHOD,
                calls
                    .create_order(request.order, request.order_details, request.is_check)
                    .await,
            )?;
            self.reply(json(&data))?;
            if data.status != Some(expected) {
                return Err(unexpected(
                    METHOD,
                    format!("expected data.status {expected:?}"),
                ));
            }
        }
        let unknown_warehouse = create_order::Request {
            order: Order::new("nowhere"),
            order_details: vec![OrderDetail::new("DFAQT101", 1)],
            is_check: false,
        };
        self.request(&json(&unknown_warehouse), unknown_warehouse.validate())?;
        let refused = expect_refused(
            METHOD,
            calls
                .create_order(
                    unknown_warehouse.order,
                    unknown_warehouse.order_details,
                    unknown_warehouse.is_check,
                )
                .await,
        )?;
        self.reply(refused)?;
        let invalid = create_order::Request {
            order: Order {
                src_order_type: Some(SrcOrderType::Transfer),
                ..Order::new("W".repeat(41))
            },
            order_details: vec![OrderDetail::new("", 1)],
            is_check: true,
        };
        self.invalid(
            METHOD,
            &json(&invalid),
            calls.create_order(invalid.order.clone(), invalid.order_details.clone(), true),
        )
        .await
    }

    async fn cancel_other_order(&mut self, client: &wdt::WdtClient) -> Result<(), DemoError> {
        const METHOD: &str = cancel_other_order::Request::METHOD;
        self.heading(2, METHOD, "其他出库单取消")?;
        let calls = client.wms().stockout().other();
        let forced = cancel_other_order::Request {
            order_no: "CK2023082989".into(),
            is_force: true,
        };
        self.request(&json(&forced), forced.validate())?;
        expect_ok(
            METHOD,
            calls.cancel_other_order(forced.order_no, true).await,
        )?;
        self.reply(r#"{"status":0} (待审核: returned to editing, then cancelled)"#)?;
        for (order_no, is_force) in [("CK2023082991", false), ("CK0000000000", true)] {
            let request = cancel_other_order::Request {
                order_no: order_no.into(),
                is_force,
            };
            self.request(&json(&request), request.validate())?;
            let refused = expect_refused(
                METHOD,
                calls.cancel_other_order(order_no.into(), is_force).await,
            )?;
            self.reply(refused)?;
        }
        let invalid = cancel_other_order::Request {
            order_no: String::new(),
            is_force: false,
        };
        self.invalid(
            METHOD,
            &json(&invalid),
            calls.cancel_other_order(String::new(), false),
        )
        .await
    }

    async fn cancel_by_type(&mut self, client: &wdt::WdtClient) -> Result<(), DemoError> {
        const METHOD: &str = cancel_by_type::Request::METHOD;
        self.heading(3, METHOD, "采购单取消（新）")?;
        let calls = client.purchase().purchase_order();
        for (operate_type, numbers) in [
            (OperateType::Cancel, &["CG2212140002", "CG2212140004"][..]),
            (
                OperateType::StopWaiting,
                &["CG2304260001", "CG2212140007", "CG2212140009"][..],
            ),
        ] {
            let params = cancel_by_type::Params {
                allow_cancel_checked_order: Some(AllowCancelChecked::Yes),
                ..cancel_by_type::Params::new(
                    operate_type,
                    numbers.iter().map(|n| (*n).to_owned()).collect(),
                )
            };
            let request = cancel_by_type::Request {
                params: params.clone(),
            };
            self.request(&json(&request), request.validate())?;
            let data = expect_ok(METHOD, calls.cancel_by_type(params).await)?;
            self.reply(format!(
                "code {}, error_count {}",
                data.code.unwrap_or_default(),
                data.error_count.unwrap_or_default()
            ))?;
            for error in &data.message {
                writeln!(
                    self.out,
                    "       error: {}",
                    error.error.as_deref().unwrap_or_default()
                )?;
            }
        }
        // The page states no limit on these fields; a value it does not list is only a
        // warning (the vendor may have added it), which a strict client refuses.
        let invalid =
            cancel_by_type::Params::new(OperateType::Unknown(7), vec!["CG2212140003".into()]);
        let strict = self
            .sandbox
            .wdt_client()
            .strict(true)
            .build()
            .map_err(DemoError::Client)?;
        self.invalid(
            METHOD,
            &json(&cancel_by_type::Request {
                params: invalid.clone(),
            }),
            strict.purchase().purchase_order().cancel_by_type(invalid),
        )
        .await
    }

    async fn qimen_cancel(&mut self, client: &wdt::QimenClient) -> Result<(), DemoError> {
        const METHOD: &str = cancel::Request::METHOD;
        self.heading(4, METHOD, "单据取消接口 (奇门)")?;
        let calls = client.taobao().qimen().order();
        let request = OrderCancelRequest {
            order_type: Some(OrderType::GeneralTradeOut),
            cancel_reason: Some("已经退货".into()),
            ..OrderCancelRequest::new("W1234", "O1234")
        };
        self.request(&xml(&request), request.validate())?;
        let response = expect_ok(METHOD, calls.cancel(request).await)?;
        self.reply(format!(
            "flag {}, code {}, message {}",
            response.flag.as_deref().unwrap_or("-"),
            response.code.as_deref().unwrap_or("-"),
            response.message.as_deref().unwrap_or("-"),
        ))?;
        let completed = OrderCancelRequest::new("pos", "XS2023000003");
        self.request(&xml(&completed), completed.validate())?;
        let refused = expect_refused(METHOD, calls.cancel(completed).await)?;
        self.reply(refused)?;
        let invalid = OrderCancelRequest {
            order_type: Some(OrderType::Unknown("XXCK".into())),
            ..OrderCancelRequest::new("", "O1234")
        };
        self.invalid(METHOD, &xml(&invalid), calls.cancel(invalid.clone()))
            .await
    }

    async fn search_cancel(&mut self, client: &wdt::WdtClient) -> Result<(), DemoError> {
        const METHOD: &str = search_cancel::Request::METHOD;
        self.heading(5, METHOD, "已取消出库单查询")?;
        let calls = client.wms().stockout().sales();
        let now = beijing(SystemClock.unix_seconds());
        let window = Params::new(
            now - chrono::Duration::minutes(30),
            now + chrono::Duration::minutes(30),
        );
        let request = search_cancel::Request {
            params: window.clone(),
        };
        self.request(
            &format!("{} (page_no 0, page_size 10)", json(&request)),
            request.validate(),
        )?;
        let page = expect_ok(METHOD, calls.search_cancel(window, 0, 10).await)?;
        self.reply(format!(
            "total {}, {} record(s):",
            page.total.unwrap_or_default(),
            page.items.len()
        ))?;
        for record in &page.items {
            writeln!(
                self.out,
                "       {} {} status {} modified {}",
                record.stockout_id.unwrap_or_default(),
                record.stockout_no.as_deref().unwrap_or_default(),
                record.status.as_ref().map_or(0, |s| s.wire()),
                record.modified.map(|m| m.to_string()).unwrap_or_default()
            )?;
        }
        if !page
            .items
            .iter()
            .any(|r| r.stockout_no.as_deref() == Some("O1234"))
        {
            return Err(unexpected(
                METHOD,
                "the stockout cancelled through Qimen is missing",
            ));
        }
        writeln!(self.out)?;
        let too_long = Params::new(now - chrono::Duration::hours(2), now);
        self.invalid(
            METHOD,
            &json(&search_cancel::Request {
                params: too_long.clone(),
            }),
            calls.search_cancel(too_long, 0, 10),
        )
        .await
    }
}

impl<W: Write> Demo<'_, W> {
    /// One hour of orders, through the 旗舰版 gateway and through the 奇门自定义 route.
    async fn taobao_orders(
        &mut self,
        direct: &wdt::WdtClient,
        routed: &wdt::WdtClient,
    ) -> Result<(), DemoError> {
        const METHOD: &str = query_with_detail::Request::METHOD;
        writeln!(self.out, "[why the 奇门自定义 route] {METHOD} (订单查询)")?;
        let hour = query_with_detail::Params {
            start_time: wdt_runtime::wire::parse_datetime("2026-11-23 10:00:00"),
            end_time: wdt_runtime::wire::parse_datetime("2026-11-23 10:59:59"),
            ..query_with_detail::Params::new()
        };
        writeln!(self.out, "  -> {} (page_no 0, page_size 50)", json(&hour))?;
        for (via, client) in [(WDT_PATH, direct), (ROUTE_PATH, routed)] {
            let page = expect_ok(
                METHOD,
                client
                    .sales()
                    .trade_query()
                    .query_with_detail(hour.clone(), 0, 50)
                    .await,
            )?;
            let taobao = page
                .items
                .iter()
                .filter(|order| order.platform_id == Some(Platform::Taobao))
                .count();
            self.reply(format!(
                "via {via}: {} orders, {taobao} of them from 淘宝",
                page.items.len()
            ))?;
        }
        writeln!(self.out)?;
        Ok(())
    }
}

/// A 旗舰版 request or reply as it travels.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("<cannot encode: {e}>"))
}

/// A Qimen request as it travels.
fn xml(request: &OrderCancelRequest) -> String {
    wdt_runtime::qimen::to_xml(request).unwrap_or_else(|e| format!("<cannot encode: {e}>"))
}
