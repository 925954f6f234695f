//! Fields a request sends that its spec does not list: the escape hatch for a field the
//! vendor accepts before its doc page mentions it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Undocumented fields of one request object, sent beside its typed fields (in key order)
/// and filled, when a request is decoded, with every key its spec does not list.
///
/// Validation reports each one as a warning (`… not in the spec, sent as given`), so a
/// strict client refuses them; a key that is a documented field is an error (set the
/// typed field instead).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ExtraFields(BTreeMap<String, Value>);

impl<'de> Deserialize<'de> for ExtraFields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut fields = BTreeMap::<String, Value>::deserialize(deserializer)?;
        fields.values_mut().for_each(element_text);
        Ok(ExtraFields(fields))
    }
}

/// The XML reader hands an element holding only text over as `{"$text": …}`; keep the text,
/// as a JSON body would have it (writing it back gives the same element).
fn element_text(value: &mut Value) {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("$text") => {
            if let Some(text) = map.remove("$text") {
                *value = text;
            }
        }
        Value::Object(map) => map.values_mut().for_each(element_text),
        Value::Array(items) => items.iter_mut().for_each(element_text),
        _ => {}
    }
}

impl ExtraFields {
    /// No extra fields.
    pub fn new() -> Self {
        ExtraFields(BTreeMap::new())
    }

    /// Adds (or replaces) a field; the value is converted to JSON now, so a value that cannot
    /// be (a map with non-string keys) is an error here rather than when sending.
    pub fn insert(
        &mut self,
        wire_name: impl Into<String>,
        value: impl Serialize,
    ) -> Result<&mut Self, serde_json::Error> {
        self.0
            .insert(wire_name.into(), serde_json::to_value(value)?);
        Ok(self)
    }

    /// Keeps a key a received request object has beyond its spec (generated readers call
    /// this; element text is kept as text, as [`Deserialize`] does).
    #[doc(hidden)]
    pub fn insert_received(&mut self, wire_name: String, mut value: Value) {
        element_text(&mut value);
        self.0.insert(wire_name, value);
    }

    /// The value sent under `wire_name`, if any.
    pub fn get(&self, wire_name: &str) -> Option<&Value> {
        self.0.get(wire_name)
    }

    /// Removes a field and returns its value.
    pub fn remove(&mut self, wire_name: &str) -> Option<Value> {
        self.0.remove(wire_name)
    }

    /// Whether there are none (then nothing extra is sent).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The wire names and values, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl ExtraFields {
    /// A `Debug` view that shows the keys only, for structs that redact personal data.
    pub fn redacted(&self) -> impl std::fmt::Debug + '_ {
        RedactedValues(self)
    }
}

struct RedactedValues<'a>(&'a ExtraFields);

impl std::fmt::Debug for RedactedValues<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.0.0.keys().map(|k| (k, crate::support::Redacted)))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sent_in_key_order_and_redacted_on_request() {
        let mut extra = ExtraFields::new();
        extra
            .insert("z_flag", true)
            .unwrap()
            .insert("a_note", "x")
            .unwrap();
        assert_eq!(
            serde_json::to_string(&extra).unwrap(),
            r#"{"a_note":"x","z_flag":true}"#
        );
        assert_eq!(
            format!("{:?}", extra.redacted()),
            r#"{"a_note": <redacted>, "z_flag": <redacted>}"#
        );
        assert_eq!(extra.remove("a_note"), Some(Value::from("x")));
        assert!(!extra.is_empty());
    }
}
