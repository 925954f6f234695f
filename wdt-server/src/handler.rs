//! Typed handlers, stored behind one object-safe trait so methods of different request
//! types share one table.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use wdt_runtime::request::{decode_checked, decode_json, validate};
use wdt_runtime::{Endpoint, Format, Rejection, Violation};

use crate::envelope::{self, GatewayError, Reply};

/// A handler's business refusal: answered as `<response>` with `flag` failure and this
/// code and message (the client reads it as `Error::Vendor`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct Refusal {
    /// The receiver's own code (`ORDER_SHIPPED`).
    pub code: String,
    /// Why, for the caller.
    pub message: String,
}

impl Refusal {
    /// A refusal with its code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Refusal {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// The future a stored handler returns.
pub(crate) type ReplyFuture = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// One method's handler with its request type erased: decode, validate, call, encode.
pub(crate) trait Erased: Send + Sync {
    fn call(&self, format: Format, body: Bytes) -> ReplyFuture;
}

/// A handler of requests `R`.
pub(crate) struct Typed<R, H> {
    handler: H,
    request: PhantomData<fn(R)>,
}

impl<R, H> Typed<R, H> {
    pub(crate) fn new(handler: H) -> Self {
        Typed {
            handler,
            request: PhantomData,
        }
    }
}

impl<R, H, F> Erased for Typed<R, H>
where
    R: Endpoint + DeserializeOwned + 'static,
    H: Fn(R) -> F + Send + Sync + 'static,
    F: Future<Output = Result<R::Response, Refusal>> + Send + 'static,
{
    fn call(&self, format: Format, body: Bytes) -> ReplyFuture {
        let request = match decode::<R>(format, &body) {
            Ok(request) => request,
            Err(rejection) => {
                tracing::debug!(method = R::METHOD, %rejection, "request refused");
                let reply = envelope::error_response(format, &GatewayError::rejected(rejection));
                return Box::pin(std::future::ready(reply));
            }
        };
        let answer = (self.handler)(request);
        Box::pin(async move {
            match answer.await {
                Ok(response) => envelope::response(format, &response),
                Err(refusal) => {
                    tracing::debug!(method = R::METHOD, %refusal, "handler refused the call");
                    envelope::failure(format, &refusal.code, &refusal.message)
                }
            }
        })
    }
}

/// Decodes a body in the call's format into `R` and runs its generated validation: what
/// the client checks before it sends.
fn decode<R: Endpoint + DeserializeOwned>(format: Format, body: &[u8]) -> Result<R, Rejection> {
    let (request, warnings) = match format {
        Format::Xml => {
            let checked = decode_checked::<R>(body, None, false)?;
            (checked.value, checked.warnings)
        }
        Format::Json => {
            let request: R = decode_json(body, None)?;
            let warnings = validate(&request, None, false).map_err(Rejection::Invalid)?;
            (request, warnings)
        }
    };
    log_warnings(R::METHOD, &warnings);
    Ok(request)
}

/// A request accepted although it breaks a rule its spec marks uncertain: answered, and
/// said so in the log.
pub(crate) fn log_warnings(method: &str, warnings: &[Violation]) {
    for warning in warnings {
        tracing::warn!(method, %warning, "accepted despite a warning of the spec");
    }
}
