//! Separated lists: a `Vec<T>` that travels as one string of its items joined by a
//! separator (`"5,10"`, `"T1,T2"`), as many 旗舰版 filters do.
//!
//! Each item is written in its own wire form (an enum as its code) and read leniently, like
//! any other field; blank items (`"5,,10"`, a trailing separator) are skipped when reading.
//! Generated fields name the separator as a const parameter; they are
//! written through [`AsJoined`] and read through [`joined`].

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

/// A list written as one joined string (a generated writer's field).
pub struct AsJoined<'a, const SEP: char, T>(pub &'a [T]);

impl<const SEP: char, T: Wire> serde::Serialize for AsJoined<'_, SEP, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize::<SEP, T, S>(self.0, serializer)
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
    fn written_joined_and_read_from_joined_text_or_an_array() {
        let text = serde_json::to_string(&AsJoined::<',', _>(&[5, 10])).unwrap();
        assert_eq!(text, r#""5,10""#);
        let read = |json: &str| {
            joined::<',', i32>().deserialize(&mut serde_json::Deserializer::from_str(json))
        };
        assert_eq!(read(&text).unwrap(), vec![5, 10]);
        assert_eq!(read("[5, \"10\"]").unwrap(), vec![5, 10]);
        assert_eq!(read("\"\"").unwrap(), Vec::<i32>::new());
        let read_opt = |json: &str| {
            joined_opt::<',', String>().deserialize(&mut serde_json::Deserializer::from_str(json))
        };
        assert_eq!(
            read_opt("\"T1,T2\"").unwrap(),
            Some(vec!["T1".to_owned(), "T2".to_owned()])
        );
        assert_eq!(read_opt("\"\"").unwrap(), None);
    }
}
