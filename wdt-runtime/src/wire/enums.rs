//! Enums generated from specs travel as their wire value; these read it leniently.

use super::*;

/// Reads an integer code, also when sent as a string.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    i64::deserialize_wire(d)
}

/// Reads a string code, also when sent as a number.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize_wire(d)
}
