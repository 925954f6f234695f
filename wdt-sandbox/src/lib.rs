//! A local stand-in for the 旗舰版 and Qimen gateways, driven by the specs.
//!
//! ```no_run
//! use wdt::Api;
//! use wdt::wms::outer::outer_out::create_order::{Order, OrderDetail};
//! use wdt_sandbox::{Sandbox, SandboxConfig};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::start(SandboxConfig::from_env()?).await?;
//! println!("旗舰版 at {}, 奇门 at {}", sandbox.wdt_url(), sandbox.qimen_url());
//! let client = sandbox.wdt_client().build()?;
//! let created = client
//!     .wms()
//!     .outer()
//!     .outer_out()
//!     .create_order(Order::new("pos"), vec![OrderDetail::new("DFAQT101", 2)], true)
//!     .await?;
//! println!("{}", created.message.unwrap_or_default()); // WC…0001
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # The gateways
//!
//! [`Sandbox::start`] serves HTTP/1.1 (keep-alive) on 127.0.0.1 with the port of the
//! [`SandboxConfig`] (0 picks a free one; [`Sandbox::addr`] tells which):
//!
//! - `POST /openapi`, the 旗舰版 gateway. It checks the query string (`sid`, `key`, `salt`,
//!   `method`, `v`, `timestamp`, `sign`, and `page_size`/`page_no`/`calc_total` together or
//!   not at all; anything else is refused), the version (status 8), the account (status 1),
//!   the signature recomputed with `wdt_runtime::sign::wdt_sign` (status 1, `验证失败: 签名错误`)
//!   and the timestamp against its clock (more than 120 s away: status 7). Every refusal is
//!   HTTP 200 `{"status":N,"message":"…"}`.
//! - `POST /router/qimen/service`, the Qimen router. It checks the parameters, `app_key`,
//!   `v` = `2.0`, `sign_method` = `md5`, the signature recomputed with
//!   `wdt_runtime::sign::qimen_sign`, the timestamp (120 s as well) and `customerId`, and
//!   refuses with `<error_response><code>…</code><msg>…</msg><sub_code>…</sub_code><sub_msg>…</sub_msg></error_response>`
//!   (codes 21/28/30/32/24/40 missing parameter, 29 app key, 33 version, 25 signature,
//!   31 timestamp, 41 other arguments, 22 unknown method). `format=json` is answered in JSON.
//!   These checks, the decoding and the envelopes are `wdt_server`'s: the gateway is a
//!   `wdt_server::QimenServer` with handlers for the methods below that act on the ERP.
//! - `POST /router/qm`, the 奇门自定义 route: 旗舰版 calls through the Qimen router
//!   ([`Sandbox::route_client`]). The router's checks are those above (the signature now
//!   over the query parameters and the form fields together, no `customerId`), plus
//!   `format` = `json` (code 23) and `target_app_key` = `21363512` (code 41); its refusals
//!   are `{"response":{"flag":"failure","code":…,"message":…,"sub_code":…,"sub_message":…}}`.
//!   The method is `wdt.` + the 旗舰版 name in lower case (unknown: code 22). The ERP then
//!   checks `wdt3_customer_id`, `wdt_appkey`, `wdt_salt` and `wdt_sign` (recomputed with
//!   `wdt_runtime::sign::route_wdt_sign`, status 1 `验证失败: 签名错误`), `datetime` (120 s,
//!   status 7) and `pager` (`page_no` from 1, status 1 otherwise; the total is always
//!   counted); its refusals are the 旗舰版 envelope inside `{"response":…}`. The form
//!   fields named after the method's positional arguments become the JSON array a direct
//!   call carries, and the call is answered as below, inside `{"response":…}`.
//!
//! Then the method is looked up in `wdt::ENDPOINTS`; an unknown one is status 1
//! `接口不存在: …` (Qimen: code 22). A paged method without a pager is status 100
//! `此方法仅支持分页查询`. The body is decoded by the spec (a field the spec lacks is kept
//! in the struct's `extra_fields` and accepted with a warning, where the real gateway answers
//! status 2 for a field it does not know) and validated by the spec's generated code — the code the
//! client runs before sending, so a request the client would refuse is refused with the same
//! messages (旗舰版: status 1 with the violations as the message; Qimen: code 50
//! `isv.invalid-parameter` with them as `sub_msg`). A page size of 0 or above the spec's
//! maximum is refused like the client does too.
//!
//! The five seed endpoints, the order query and the Qimen warehouse methods act on the ERP
//! below. A method with a spec but no handler (or every method with
//! [`SandboxConfig::examples_only`]) answers with the spec's example response after the same
//! checks; a Qimen method without an example answers its own response type with `flag`
//! success, code 0 and nothing else set.
//!
//! # The ERP and its rules
//!
//! An in-memory ERP ([`Erp`]) starts with the fixed data set of [`Erp::new`] (numbers from
//! the doc pages' examples) plus, with [`SandboxConfig::seed`], generated cancelled sales
//! stockouts ([`SeedOptions`]: deterministic for a seed, spread over a time range).
//! Modification times are the gateway clock's Beijing time.
//!
//! **`wms.outer.OuterOut.createOrder`** creates an outer-out order (外仓调整出库单):
//! - an unknown `warehouse_no` is status 100, code `right.required`, `无该仓库权限` (the
//!   page's error example); a detail with `num <= 0` and an `order_no` already used are
//!   status 100;
//! - the number is the given `order_no`, else `WC` + date + a 4-digit sequence;
//! - `is_check` false: the order is created 待审核 (stock untouched), `data.status` 0;
//! - `is_check` true: the check (审核) passes when every `spec_no` is stocked in the
//!   warehouse with at least the ordered quantity (lines of one `spec_no` added up): the
//!   order is 已审核 and the quantities leave stock, `data.status` 0 and `data.message` the
//!   order number. Otherwise the order is still created, 待审核, and the reply is
//!   `data.status` 20 (审核失败) with `data.message` naming the order and every failed line
//!   (`单据WC…已创建，审核失败: 商家编码X库存不足(可用3，需要4)；商家编码Y在仓库pos不存在`).
//!
//! **`wms.stockout.Other.cancelOtherOrder`** cancels an other-out order (其他出库单):
//! unknown → status 100 `单据不存在`; 未确认 → cancelled; 待审核 → with `is_force` true
//! returned to 未确认 then cancelled (both steps in its history), with `is_force` false
//! status 100; 已取消 → status 100 `单据已取消`; 已审核/已完成 → status 100. Success is
//! `{"status":0}`.
//!
//! **`purchase.PurchaseOrder.cancelByType`** applies `operate_type` to each order in
//! turn; orders that pass are changed, the others are reported, and the reply is always
//! status 0 with `data.code` 1 (0 when nothing failed), `data.error_count` and `data.message`
//! a JSON-encoded list `[{"error":"采购单编号:CG…,reason"},…]` in request order (`""` when
//! nothing failed), as on the page:
//! - 0 (取消): 编辑中 → 已取消; 待审核/已审核 → 已取消 only with
//!   `allow_cancel_checked_order` 1, else `待审核、已审核单据无法取消`; 已取消 →
//!   `采购单已取消`; 部分入库/全部入库/停止等待 → `采购单已入库，无法取消`;
//! - 1 (停止等待): 部分入库 → 停止等待, else `采购单非部分入库状态`;
//! - 2 (wms停止等待): only orders pushed to an outsourced warehouse (else
//!   `采购单未推送委外仓`) that are 已审核 or 部分入库 → 停止等待;
//! - an unknown number: `采购单不存在`.
//!
//! **`wms.stockout.Sales.searchCancel`** returns the cancelled (status 5) sales stockouts
//! with `start_time <= modified <= end_time` (both ends inclusive, as the spec's
//! `[time_window]` says), sorted by `modified` then `stockout_id`, page `page_no` (from 0)
//! of `page_size`, with `total_count` when `calc_total=1`. A window longer than an hour is
//! refused by the spec's validation.
//!
//! **`sales.TradeQuery.queryWithDetail`** returns the orders modified in
//! `start_time..=end_time` (and of `shop_no`/`trade_no` when given), page `page_no` of
//! `page_size`, with `total_count` when the total is asked for. As the endpoint's notes
//! say, the 旗舰版 gateway leaves out 淘系 orders (platform 1, 淘宝/天猫) and 拼多多 ones
//! (39); the 奇门自定义 route returns the 淘系 ones too. The fixed data set has 8 淘宝, 4
//! 京东 and one 拼多多 order on 2026-11-23 between 10:00 and 10:48.
//!
//! **The Qimen warehouse.** `taobao.qimen.deliveryorder.create` and
//! `taobao.qimen.entryorder.create` store the order (`FH…`/`RK…` ids; the same code again,
//! a retry, gets the stored order back); `deliveryorder.query` answers the order with its
//! status (`ACCEPT`, `CANCELED`) and one page of its lines (`page` from 1, `pageSize`,
//! `totalLines`); `entryorder.confirm` records the quantities received (`FULFILLED`). An
//! unknown order is `NOT_FOUND`, a cancelled entry order cannot be confirmed
//! (`STATUS_NOT_CONFIRMABLE`).
//!
//! **`taobao.qimen.order.cancel`** cancels a warehouse order by `orderCode` first (a
//! confirmed entry order is `STATUS_NOT_CANCELLABLE`); otherwise it looks among the ERP's
//! documents `orderType` names: JYCK/HHCK/BFCK sales stockouts; PTCK/QTCK/B2BCK other-out then
//! outer-out orders; CGRK purchase orders; no type: all of them. Other types are
//! `UNSUPPORTED_TYPE`; not found is `NOT_FOUND` `单据不存在`; a `warehouseCode` other than
//! the document's (and other than `OTHER`) is `WAREHOUSE_MISMATCH`. Sales stockouts not yet
//! completed, other-out orders 未确认/待审核, outer-out orders (a checked one gives its
//! stock back) and purchase orders up to 已审核 are cancelled (`<flag>success</flag>`,
//! code 0, `取消成功`); a cancelled stockout then shows up in searchCancel. Cancelling an
//! already cancelled document succeeds (`单据已取消`: a retry is harmless); any other
//! status is `STATUS_NOT_CANCELLABLE`.
//!
//! # Faults
//!
//! [`FaultRule`]s (latency, HTTP 5xx, dropped connections, HTML pages, truncated replies,
//! vendor error statuses, rate-limit answers), per method or for all, by seeded
//! probability and/or for the next N calls: from [`SandboxConfig::faults`] at start, through
//! [`Sandbox::faults`] in process, or through the admin API over HTTP ([`admin`]).
//!
//! # Demo
//!
//! [`demo::run`] starts a sandbox and runs the five seed endpoints through the typed
//! clients, printing each request, its validation and the reply.

pub mod admin;
pub mod config;
pub mod demo;
pub mod erp;
pub mod faults;

mod auth;
mod decode;
mod gateway;
mod handlers;
mod in_process;
mod qimen_custom;
mod qimen_gateway;
mod reply;
mod routes;
mod server;
mod state;

pub use config::{
    ConfigError, DEMO_APP_SECRET, DEMO_KEY, DEMO_QIMEN_APP_KEY, DEMO_QIMEN_CUSTOMER_ID,
    DEMO_QIMEN_SECRET, DEMO_SID, ENV_VARS, MAX_BODY_BYTES, QimenCredentials, READ_TIMEOUT,
    SandboxConfig, TIMESTAMP_TOLERANCE_SECS, WdtCredentials,
};
pub use erp::{Erp, SeedOptions};
pub use faults::{Fault, FaultPlan, FaultRule, Faults, RATE_LIMIT_MESSAGE};
pub use in_process::{Answer, Gateways};
pub use routes::{QIMEN_PATH, ROUTE_PATH, WDT_PATH};
pub use server::{Sandbox, StartError};
pub use state::NOT_IN_CATALOGUE;
