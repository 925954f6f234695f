//! `POST /router/qimen/service`, built on the Qimen server side ([`wdt_server::QimenServer`]):
//! the router's checks, the typed decoding and validation and the envelopes come from
//! there. Here: the methods that act on the ERP and its warehouse (`order.cancel`,
//! `deliveryorder.create`/`query`, `entryorder.create`/`confirm`), and every other
//! catalogue method checked by its spec and answered with its page's example reply.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use wdt::taobao::qimen::deliveryorder::{create as delivery_create, query as delivery_query};
use wdt::taobao::qimen::entryorder::{confirm as entry_confirm, create as entry_create};
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderCancelResponse};
use wdt_runtime::clock::beijing;
use wdt_runtime::{Clock, Endpoint, Format, Protocol};
use wdt_server::envelope::{self, GatewayError, Reply};
use wdt_server::{QimenCredentials, QimenServer, QimenServerBuilder, Refusal, VerifiedCall};

use crate::decode::log_warnings;
use crate::erp::{Erp, Line, NewOrder, QimenRefusal};
use crate::state::lock;

/// What the gateway is built from.
pub(crate) struct Parts {
    pub credentials: QimenCredentials,
    pub tolerance_secs: i64,
    pub clock: Arc<dyn Clock>,
    pub erp: Arc<Mutex<Erp>>,
    /// Answer every method from its spec, the ones on the ERP too.
    pub examples_only: bool,
}

/// The gateway's server: the ERP's handlers unless `examples_only`, the spec for the rest.
pub(crate) fn server(parts: Parts) -> QimenServer {
    let builder = QimenServer::builder(parts.credentials)
        .timestamp_tolerance_secs(parts.tolerance_secs)
        .clock(Arc::clone(&parts.clock))
        .fallback(|call, body| std::future::ready(by_spec(&call, &body)));
    if parts.examples_only {
        return builder.build();
    }
    let on_erp = OnErp {
        erp: parts.erp,
        clock: parts.clock,
    };
    let builder = on_erp.handle(builder, cancel);
    let builder = on_erp.handle(builder, create_delivery);
    let builder = on_erp.handle(builder, query_delivery);
    let builder = on_erp.handle(builder, create_entry);
    on_erp.handle(builder, confirm_entry).build()
}

/// Handlers that act on the ERP under its lock, at the gateway's time.
struct OnErp {
    erp: Arc<Mutex<Erp>>,
    clock: Arc<dyn Clock>,
}

impl OnErp {
    fn handle<R>(
        &self,
        builder: QimenServerBuilder,
        answer: fn(&mut Erp, R, NaiveDateTime) -> Result<R::Response, QimenRefusal>,
    ) -> QimenServerBuilder
    where
        R: Endpoint + DeserializeOwned + 'static,
    {
        let (erp, clock) = (Arc::clone(&self.erp), Arc::clone(&self.clock));
        builder.handle(move |request: R| {
            let now = beijing(clock.unix_seconds());
            let answer = answer(&mut lock(&erp), request, now);
            std::future::ready(answer.map_err(|r| Refusal::new(r.code, r.message)))
        })
    }
}

fn success() -> (Option<String>, Option<String>) {
    (Some("success".to_owned()), Some("0".to_owned()))
}

fn missing(element: &str) -> QimenRefusal {
    QimenRefusal {
        code: "MISSING_ELEMENT",
        message: format!("缺少{element}"),
    }
}

fn cancel(
    erp: &mut Erp,
    request: OrderCancelRequest,
    now: NaiveDateTime,
) -> Result<OrderCancelResponse, QimenRefusal> {
    let message = erp.qimen_cancel(&request, now)?;
    let (flag, code) = success();
    Ok(OrderCancelResponse {
        flag,
        code,
        message: Some(message.to_owned()),
    })
}

fn create_delivery(
    erp: &mut Erp,
    request: delivery_create::DeliveryOrderCreateRequest,
    _: NaiveDateTime,
) -> Result<delivery_create::DeliveryOrderCreateResponse, QimenRefusal> {
    let order = request
        .delivery_order
        .ok_or_else(|| missing("deliveryOrder"))?;
    let lines = request.order_lines.unwrap_or_default();
    let stored = erp.warehouse().create_delivery(NewOrder {
        code: order.delivery_order_code,
        warehouse_code: order.warehouse_code,
        order_type: Some(order.order_type.wire().to_owned()),
        lines: lines
            .into_iter()
            .map(|line| Line::planned(line.item_code, line.owner_code, line.plan_qty))
            .collect(),
    });
    let (flag, code) = success();
    Ok(delivery_create::DeliveryOrderCreateResponse {
        flag,
        code,
        message: Some("创建成功".to_owned()),
        create_time: Some(order.create_time),
        delivery_order_id: Some(stored.wms_id),
        warehouse_code: Some(stored.warehouse_code),
        logistics_code: Some(order.logistics_code.wire().to_owned()),
        ..Default::default()
    })
}

/// One page of a delivery order's lines (`page` from 1, as the body carries it).
fn query_delivery(
    erp: &mut Erp,
    request: delivery_query::DeliveryOrderQueryRequest,
    _: NaiveDateTime,
) -> Result<delivery_query::DeliveryOrderQueryResponse, QimenRefusal> {
    let code = request.order_code;
    let order = erp
        .warehouse()
        .delivery(&code)
        .cloned()
        .ok_or(QimenRefusal {
            code: "NOT_FOUND",
            message: "单据不存在".to_owned(),
        })?;
    let size = usize::try_from(request.page_size).unwrap_or(0);
    let first = usize::try_from(request.page)
        .unwrap_or(1)
        .saturating_sub(1)
        .saturating_mul(size);
    let lines = order
        .lines
        .iter()
        .skip(first)
        .take(size)
        .map(|line| delivery_query::OrderLine {
            item_code: Some(line.item_code.clone()),
            owner_code: Some(line.owner_code.clone()),
            plan_qty: Some(line.plan_qty),
            ..Default::default()
        })
        .collect();
    let (flag, code_field) = success();
    Ok(delivery_query::DeliveryOrderQueryResponse {
        flag,
        code: code_field,
        message: Some("查询成功".to_owned()),
        total_lines: Some(order.lines.len().into()),
        delivery_order: Some(delivery_query::DeliveryOrder {
            delivery_order_code: Some(code),
            delivery_order_id: Some(order.wms_id),
            warehouse_code: Some(order.warehouse_code),
            order_type: order
                .order_type
                .as_deref()
                .map(delivery_query::OrderType::from_wire),
            status: Some(order.status.code().to_owned()),
            ..Default::default()
        }),
        order_lines: lines,
        ..Default::default()
    })
}

fn create_entry(
    erp: &mut Erp,
    request: entry_create::EntryOrderCreateRequest,
    _: NaiveDateTime,
) -> Result<entry_create::Response, QimenRefusal> {
    let order = request.entry_order.ok_or_else(|| missing("entryOrder"))?;
    let stored = erp.warehouse().create_entry(NewOrder {
        code: order.entry_order_code,
        warehouse_code: order.warehouse_code,
        order_type: order.order_type.map(|t| t.wire().to_owned()),
        lines: request
            .order_lines
            .unwrap_or_default()
            .into_iter()
            .map(|line| Line::planned(line.item_code, line.owner_code, line.plan_qty))
            .collect(),
    });
    let (flag, code) = success();
    Ok(entry_create::Response {
        flag,
        code,
        message: Some("创建成功".to_owned()),
        entry_order_id: Some(stored.wms_id),
    })
}

fn confirm_entry(
    erp: &mut Erp,
    request: entry_confirm::EntryOrderConfirmRequest,
    _: NaiveDateTime,
) -> Result<entry_confirm::Response, QimenRefusal> {
    let order = request.entry_order.ok_or_else(|| missing("entryOrder"))?;
    let received: Vec<_> = request
        .order_lines
        .unwrap_or_default()
        .into_iter()
        .map(|line| (line.item_code, line.actual_qty))
        .collect();
    erp.warehouse()
        .confirm_entry(&order.entry_order_code, &order.warehouse_code, &received)?;
    let (flag, code) = success();
    Ok(entry_confirm::Response {
        flag,
        code,
        message: Some("确认成功".to_owned()),
    })
}

/// A method without a handler: its spec's checks, then its page's example reply.
fn by_spec(call: &VerifiedCall, body: &Bytes) -> Reply {
    let format = call.format;
    let Some(info) = wdt::ENDPOINTS
        .iter()
        .find(|info| info.method == call.method && info.protocol == Protocol::Qimen)
    else {
        return envelope::error_response(format, &GatewayError::unknown_method(&call.method));
    };
    if format == Format::Json {
        // The pages' examples, and so this answer, are XML only.
        return envelope::error_response(
            format,
            &GatewayError::new("23", "Invalid format", "isv.invalid-format")
                .detail("此接口仅支持format=xml"),
        );
    }
    match info.check(body, None) {
        Ok(warnings) => {
            log_warnings(info.method, &warnings);
            match (info.example_response, info.response_xml) {
                (Some(text), _) => Reply::ok(XML, text),
                // No example (the metadata pages have none): the method's own response
                // type, written with only its status fields set.
                (None, Some(write)) => match write(DEFAULT_REPLY.as_bytes()) {
                    Ok(xml) => Reply::ok(XML, xml),
                    Err(detail) => {
                        envelope::error_response(format, &GatewayError::internal(detail))
                    }
                },
                (None, None) => envelope::success(format, "0", "success"),
            }
        }
        Err(rejection) => envelope::error_response(format, &GatewayError::rejected(rejection)),
    }
}

const XML: &str = "text/xml;charset=utf-8";

/// The status fields every Qimen response has, as the reply of a method the sandbox only
/// validates.
const DEFAULT_REPLY: &str = r#"{"flag":"success","code":"0","message":"success"}"#;
