//! `POST /router/qimen/service`, built on the Qimen server side ([`wdt_server::QimenServer`]):
//! the router's checks, the typed decoding and validation and the envelopes come from
//! there. Here: the seed's stateful `order.cancel` on the ERP, and every other catalogue
//! method checked by its spec and answered with its page's example reply.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use wdt::taobao::qimen::order::cancel::{OrderCancelRequest, OrderCancelResponse};
use wdt_runtime::clock::beijing;
use wdt_runtime::{Clock, Format, Protocol};
use wdt_server::envelope::{self, GatewayError, Reply};
use wdt_server::{QimenCredentials, QimenServer, Refusal, VerifiedCall};

use crate::decode::log_warnings;
use crate::erp::Erp;
use crate::state::lock;

/// What the gateway is built from.
pub(crate) struct Parts {
    pub credentials: QimenCredentials,
    pub tolerance_secs: i64,
    pub clock: Arc<dyn Clock>,
    pub erp: Arc<Mutex<Erp>>,
    /// Answer every method from its spec, the seed's `order.cancel` too.
    pub examples_only: bool,
}

/// The gateway's server: the ERP's handlers unless `examples_only`, the spec for the rest.
pub(crate) fn server(parts: Parts) -> QimenServer {
    let mut builder = QimenServer::builder(parts.credentials)
        .timestamp_tolerance_secs(parts.tolerance_secs)
        .clock(Arc::clone(&parts.clock))
        .fallback(|call, body| std::future::ready(by_spec(&call, &body)));
    if !parts.examples_only {
        let (erp, clock) = (parts.erp, parts.clock);
        builder = builder.handle(move |request: OrderCancelRequest| {
            let now = beijing(clock.unix_seconds());
            let answer = lock(&erp).qimen_cancel(&request, now);
            std::future::ready(match answer {
                Ok(message) => Ok(OrderCancelResponse {
                    flag: Some("success".to_owned()),
                    code: Some("0".to_owned()),
                    message: Some(message.to_owned()),
                }),
                Err(refusal) => Err(Refusal::new(refusal.code, refusal.message)),
            })
        });
    }
    builder.build()
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
            info.example_response.map_or_else(
                || envelope::success(format, "0", "success"),
                |text| Reply::ok("text/xml;charset=utf-8", text),
            )
        }
        Err(rejection) => envelope::error_response(format, &GatewayError::rejected(rejection)),
    }
}
