//! Items only generated code uses, re-exported by the facade as `__private`.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::endpoint::Endpoint;
use crate::format::{self, Json, WireFormat};

/// The payload of an endpoint whose reply carries no data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoData;

impl<'de> Deserialize<'de> for NoData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| NoData)
    }
}

impl Serialize for NoData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_none()
    }
}

/// A point in time for `[time_window]` checks: dates count from midnight.
pub trait Instant {
    /// The value as a datetime.
    fn instant(&self) -> NaiveDateTime;
}

impl Instant for NaiveDateTime {
    fn instant(&self) -> NaiveDateTime {
        *self
    }
}

impl Instant for NaiveDate {
    fn instant(&self) -> NaiveDateTime {
        self.and_time(NaiveTime::MIN)
    }
}

/// Stands in for personal data in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Decodes a reply payload (`data`, or the `<response>` element) by the endpoint's spec.
pub fn check_response<E: Endpoint>(payload: &[u8]) -> Result<(), String> {
    E::Format::decode::<E::Response>(payload).map(|_| ())
}

/// Decodes a reply payload by the spec and renders the typed value as JSON.
pub fn response_json<E: Endpoint>(payload: &[u8]) -> Result<serde_json::Value, String> {
    let response: E::Response = E::Format::decode(payload)?;
    format::to_json_value(&response)
}

/// Reads a reply payload as JSON by the spec and writes it as the endpoint's `<response>`
/// element (Qimen: what the receiving side answers).
pub fn response_xml<E: Endpoint>(json: &[u8]) -> Result<Vec<u8>, String> {
    let response: E::Response = Json::decode(json)?;
    crate::qimen::response_to_xml(&response).map(String::into_bytes)
}
