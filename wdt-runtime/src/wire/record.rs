//! Reading and writing generated structs: one generic reader and one writer, driven by
//! small generated code.
//!
//! serde's derives write a key matcher, a visitor and a wrapper type per field into every
//! struct, and that was most of the code the catalogue expands to. A generated struct
//! instead names its fields ([`Fields::FIELDS`]), stores each value as it arrives
//! ([`Fields::field`], one `put` per field) and assembles itself ([`Fields::finish`]); the
//! loop over the keys, finding a key's field, duplicate and missing fields, unknown keys and
//! the error messages live here once (docs/design/0011-compile-time.md). A reply, whose
//! fields all have defaults, is read straight into itself; a request keeps its required
//! fields in `Option` slots until the end. Messages read like serde's own
//! (`missing field `…``, `duplicate field `…``), which `request::every_problem` relies on.
//! Writing is one [`Writer::field`] or [`Writer::optional`] call per field.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserializer, Serialize, Serializer};

use super::{FromWire, Wire};
use crate::extra::ExtraFields;

/// A generated request struct's reading state (`Option` slots for its required fields), or
/// a reply's ([`ReplyFields`]).
pub trait Fields<'de>: Sized {
    /// The struct read.
    type Record;
    /// Its Rust name (errors say `expected struct Order`).
    const NAME: &'static str;
    /// The fields' wire names, in the page's order; [`Fields::field`]'s `index` counts in
    /// this list.
    const FIELDS: &'static [&'static str];
    /// Whether keys the spec does not list are kept (a request's `extra_fields`) rather than
    /// skipped (a reply's).
    const KEEPS_OTHERS: bool;

    /// Every slot empty.
    fn empty() -> Self;

    /// Reads the value of field `index` (read for the first time) into its slot.
    fn field<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;

    /// Keeps a key the spec does not list (only called when [`Self::KEEPS_OTHERS`]).
    fn other(&mut self, key: String, value: serde_json::Value) {
        let _ = (key, value);
    }

    /// The struct from its slots: a missing required field is an error, a missing optional
    /// field or reply list its default.
    fn finish<E: de::Error>(self) -> Result<Self::Record, E>;
}

/// A reply struct, read into itself: each of its fields is optional or a list, so it
/// starts as its `Default` and every key read fills one field.
pub trait ReplyFields<'de>: Default {
    /// Its Rust name (errors say `expected struct Order`).
    const NAME: &'static str;
    /// The fields' wire names, in the page's order; [`ReplyFields::field`]'s `index` counts
    /// in this list.
    const FIELDS: &'static [&'static str];

    /// Reads the value of field `index` (read for the first time) into it.
    fn field<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

/// Reads a reply struct.
pub fn reply<'de, R: ReplyFields<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<R, D::Error> {
    deserialize::<ReplySlots<R>, D>(deserializer)
}

/// A reply as the reader's state: the reply itself.
struct ReplySlots<R>(R);

impl<'de, R: ReplyFields<'de>> Fields<'de> for ReplySlots<R> {
    type Record = R;
    const NAME: &'static str = R::NAME;
    const FIELDS: &'static [&'static str] = R::FIELDS;
    const KEEPS_OTHERS: bool = false;

    fn empty() -> Self {
        ReplySlots(R::default())
    }

    fn field<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        self.0.field(index, map)
    }

    fn finish<E: de::Error>(self) -> Result<R, E> {
        Ok(self.0)
    }
}

/// Reads a generated struct: a map for one that keeps unknown keys (serde's own choice for a
/// struct with a flattened field), a struct otherwise.
pub fn deserialize<'de, F: Fields<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<F::Record, D::Error> {
    if F::KEEPS_OTHERS {
        deserializer.deserialize_map(RecordVisitor::<F>(PhantomData))
    } else {
        deserializer.deserialize_struct(F::NAME, F::FIELDS, RecordVisitor::<F>(PhantomData))
    }
}

/// Reads a field's value in its lenient wire form (an optional one: `None` for null or
/// blank).
pub fn put<'de, A: MapAccess<'de>, T: Wire>(map: &mut A, slot: &mut T) -> Result<(), A::Error> {
    *slot = map.next_value::<FromWire<T>>()?.0;
    Ok(())
}

/// Reads a required field's value into its slot; [`required`] takes it out.
pub fn put_required<'de, A: MapAccess<'de>, T: Wire>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value::<FromWire<T>>()?.0);
    Ok(())
}

/// [`put`] through a reader of its own (separated lists, Qimen lists, JSON in a string).
pub fn put_seed<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    slot: &mut S::Value,
    seed: S,
) -> Result<(), A::Error> {
    *slot = map.next_value_seed(seed)?;
    Ok(())
}

/// [`put_required`] through a reader of its own.
pub fn put_seed_required<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    slot: &mut Option<S::Value>,
    seed: S,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// The value of a required field, or serde's `missing field` error.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

struct RecordVisitor<F>(PhantomData<F>);

impl<'de, F: Fields<'de>> Visitor<'de> for RecordVisitor<F> {
    type Value = F::Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", F::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<F::Record, A::Error> {
        let mut slots = F::empty();
        let mut seen = Seen::new(F::FIELDS.len());
        while let Some(key) = map.next_key_seed(KeySeed::<F>(PhantomData))? {
            match key {
                Key::Field(index) => {
                    if !seen.mark(index) {
                        return Err(de::Error::duplicate_field(F::FIELDS[index]));
                    }
                    slots.field(index, &mut map)?;
                }
                Key::Other(name) if F::KEEPS_OTHERS => {
                    let value = map.next_value::<serde_json::Value>()?;
                    slots.other(name, value);
                }
                Key::Other(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        slots.finish()
    }
}

/// Which fields have been read, so that a key sent twice is an error: a bit each, in a
/// `u128` for the first 128 fields (every page so far) and a list beyond.
struct Seen {
    first: u128,
    rest: Vec<bool>,
}

impl Seen {
    const INLINE: usize = u128::BITS as usize;

    fn new(fields: usize) -> Self {
        Seen {
            first: 0,
            rest: vec![false; fields.saturating_sub(Self::INLINE)],
        }
    }

    /// Marks field `index` read; `false` when it already was.
    fn mark(&mut self, index: usize) -> bool {
        if index < Self::INLINE {
            let bit = 1u128 << index;
            let fresh = self.first & bit == 0;
            self.first |= bit;
            fresh
        } else {
            !std::mem::replace(&mut self.rest[index - Self::INLINE], true)
        }
    }
}

/// A key: a listed field's position, or a key the spec does not list (its text kept only
/// when the struct keeps such keys).
enum Key {
    Field(usize),
    Other(String),
}

struct KeySeed<F>(PhantomData<F>);

impl<'de, F: Fields<'de>> DeserializeSeed<'de> for KeySeed<F> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, F: Fields<'de>> Visitor<'de> for KeySeed<F> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        // A linear search, as a `match` on strings would be: few fields, mostly told apart
        // by their length.
        Ok(match F::FIELDS.iter().position(|name| *name == key) {
            Some(index) => Key::Field(index),
            None if F::KEEPS_OTHERS => Key::Other(key.to_owned()),
            None => Key::Other(String::new()),
        })
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Key, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(key), &self)),
        }
    }
}

/// Writes a generated struct: a struct of its set fields, or, for a request object with
/// extra fields, a map (its fields, then the extra ones: serde's own shape for a struct
/// with a flattened field).
pub enum Writer<S: Serializer> {
    Struct(S::SerializeStruct),
    Map(S::SerializeMap),
}

impl<S: Serializer> Writer<S> {
    /// A struct of `len` set fields (a reply).
    pub fn begin_struct(serializer: S, name: &'static str, len: usize) -> Result<Self, S::Error> {
        serializer.serialize_struct(name, len).map(Writer::Struct)
    }

    /// A request object, which may have extra fields.
    pub fn begin_map(serializer: S) -> Result<Self, S::Error> {
        serializer.serialize_map(None).map(Writer::Map)
    }

    /// Writes one field.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        match self {
            Writer::Struct(fields) => fields.serialize_field(key, value),
            Writer::Map(entries) => entries.serialize_entry(key, value),
        }
    }

    /// Writes an optional field when it is set; an unset one is left out.
    pub fn optional<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(value) => self.field(key, value),
            None => Ok(()),
        }
    }

    /// Writes the extra fields of a request object and ends it.
    pub fn end(self, extra: Option<&ExtraFields>) -> Result<S::Ok, S::Error> {
        match self {
            Writer::Struct(fields) => fields.end(),
            Writer::Map(mut entries) => {
                for (key, value) in extra.into_iter().flat_map(ExtraFields::iter) {
                    entries.serialize_entry(key, value)?;
                }
                entries.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Seen;

    #[test]
    fn seen_marks_each_field_once_past_the_inline_bits() {
        let mut seen = Seen::new(200);
        for index in [0, 1, 127, 128, 129, 199] {
            assert!(seen.mark(index), "first read of field {index}");
            assert!(!seen.mark(index), "second read of field {index}");
        }
        assert!(seen.mark(2) && seen.mark(150));
    }
}
