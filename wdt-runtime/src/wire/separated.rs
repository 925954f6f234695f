//! Separated lists: a `Vec<T>` that travels as one string of its items joined by a
//! separator (`"5,10"`, `"T1,T2"`), as many 旗舰版 filters do.
//!
//! Each item is written in its own wire form (an enum as its code) and read leniently, like
//! any other field; blank items (`"5,,10"`, a trailing separator) are skipped when reading.
//! Generated fields name these functions with the separator as a const parameter:
//! `serialize_with = "…::separated::serialize::<',', _, _>"`, and read through [`joined`].

use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Error as _};
use serde::{Deserialize, Deserializer, Serializer};

use super::{AsWire, FromWire, Wire};

/// The items' wire texts joined by `separator`.
pub fn join<T: Wire>(items: &[T], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        match serde_json::to_value(AsWire(item)) {
            Ok(serde_json::Value::String(text)) => out.push_str(&text),
            Ok(other) => out.push_str(&other.to_string()),
            // An item whose wire form is not a scalar has no text; wdt-spec only allows
            // scalar items, so this cannot be reached from generated code.
            Err(_) => {}
        }
    }
    out
}

/// Splits `text` at `separator` and reads each non-blank item.
pub fn split<T: Wire>(text: &str, separator: char) -> Result<Vec<T>, String> {
    text.split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            serde_json::from_value::<FromWire<T>>(serde_json::Value::String(item.to_owned()))
                .map(|FromWire(value)| value)
                .map_err(|e| format!("item '{item}': {e}"))
        })
        .collect()
}

/// Writes a list as one joined string.
pub fn serialize<const SEP: char, T: Wire, S: Serializer>(
    items: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut buffer = [0u8; 4];
    serializer.serialize_str(&join(items, SEP.encode_utf8(&mut buffer)))
}

/// Writes an optional list as one joined string (absent stays absent).
pub fn serialize_opt<const SEP: char, T: Wire, S: Serializer>(
    items: &Option<Vec<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match items {
        Some(items) => serialize::<SEP, T, S>(items, serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a joined string into a list; an array of items is accepted too.
pub fn deserialize<'de, const SEP: char, T: Wire, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) => split(&text, SEP).map_err(D::Error::custom),
        serde_json::Value::Null => Ok(Vec::new()),
        other => serde_json::from_value::<FromWire<Vec<T>>>(other)
            .map(|FromWire(items)| items)
            .map_err(D::Error::custom),
    }
}

/// [`deserialize`] as a seed, for generated readers (`record::put_seed`); `OPTIONAL` reads
/// like [`deserialize_opt`].
pub struct Joined<const SEP: char, T, const OPTIONAL: bool>(PhantomData<T>);

/// The seed of a required (or reply) list.
pub fn joined<const SEP: char, T: Wire>() -> Joined<SEP, T, false> {
    Joined(PhantomData)
}

/// The seed of an optional list.
pub fn joined_opt<const SEP: char, T: Wire>() -> Joined<SEP, T, true> {
    Joined(PhantomData)
}

impl<'de, const SEP: char, T: Wire> DeserializeSeed<'de> for Joined<SEP, T, false> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        deserialize::<SEP, T, D>(d)
    }
}

impl<'de, const SEP: char, T: Wire> DeserializeSeed<'de> for Joined<SEP, T, true> {
    type Value = Option<Vec<T>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Vec<T>>, D::Error> {
        deserialize_opt::<SEP, T, D>(d)
    }
}

/// Reads an optional joined string; `""` and `null` read as absent.
pub fn deserialize_opt<'de, const SEP: char, T: Wire, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    let items = deserialize::<SEP, T, D>(deserializer)?;
    Ok((!items.is_empty()).then_some(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_splits_in_wire_form() {
        assert_eq!(join(&[5i32, 10], ","), "5,10");
        assert_eq!(join(&["T1".to_owned(), "T2".to_owned()], "，"), "T1，T2");
        assert_eq!(split::<i32>("5, 10,,", ',').unwrap(), vec![5, 10]);
        assert_eq!(
            split::<String>("a，b", '，').unwrap(),
            vec!["a".to_owned(), "b".to_owned()]
        );
        assert!(split::<i32>("5,x", ',').unwrap_err().contains("item 'x'"));
    }

    #[test]
    fn serde_round_trip() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Filter {
            #[serde(
                serialize_with = "serialize::<',', _, _>",
                deserialize_with = "deserialize::<',', _, _>"
            )]
            status: Vec<i32>,
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                serialize_with = "serialize_opt::<',', _, _>",
                deserialize_with = "deserialize_opt::<',', _, _>"
            )]
            src_tid: Option<Vec<String>>,
        }
        let filter = Filter {
            status: vec![5, 10],
            src_tid: Some(vec!["T1".into(), "T2".into()]),
        };
        let text = serde_json::to_string(&filter).unwrap();
        assert_eq!(text, r#"{"status":"5,10","src_tid":"T1,T2"}"#);
        assert_eq!(serde_json::from_str::<Filter>(&text).unwrap(), filter);
        let bare: Filter = serde_json::from_str(r#"{"status":"","src_tid":""}"#).unwrap();
        assert_eq!(
            bare,
            Filter {
                status: vec![],
                src_tid: None
            }
        );
    }
}
