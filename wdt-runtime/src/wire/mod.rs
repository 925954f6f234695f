//! How field values travel: the vendor's formats out, and lenient decoding in.
//!
//! Generated structs are read and written by [`record`]: every field is read through
//! [`Wire`], and fields whose wire form is not serde's own (decimals, dates) are written
//! through it too ([`AsWire`]); separated lists go through [`separated`], Qimen lists through
//! [`xml_list`], and positional arguments through [`args`]. Outgoing values use the
//! vendor's formats (datetimes as `yyyy-MM-dd HH:mm:ss`, decimals as JSON numbers). Incoming values are read leniently, because the gateway is loose about
//! types: numbers may arrive as strings, booleans as `0`/`1`, and absent values as `""`
//! (or `0000-00-00 00:00:00` for datetimes), which an `Option` field reads as `None`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub mod args;
pub mod enums;
pub mod json_text;
pub mod record;
pub mod separated;
pub mod xml_list;

/// The wire format of datetimes.
pub const DATETIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// The wire format of dates.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// A type with a wire format.
pub trait Wire: Sized {
    /// Writes the value in the vendor's format.
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads the value, accepting every spelling the gateway is known to use.
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Whether this text stands for "no value" (read as `None` by an `Option`).
    fn is_blank(text: &str) -> bool {
        text.is_empty()
    }
}

/// Generated structs and enums: they travel by their own `Serialize`/`Deserialize`.
pub trait Record: Serialize + DeserializeOwned {}

impl<T: Record> Wire for T {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer)
    }
}

/// For `#[serde(with = "wire")]`.
pub fn serialize<T: Wire, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize_wire(serializer)
}

/// For `#[serde(with = "wire")]`.
pub fn deserialize<'de, T: Wire, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::deserialize_wire(deserializer)
}

/// Serialises any [`Wire`] value with plain serde (used for positional arguments).
pub struct AsWire<'a, T>(pub &'a T);

impl<T: Wire> Serialize for AsWire<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_wire(serializer)
    }
}

/// Deserialises any [`Wire`] value with plain serde (used for positional arguments).
pub struct FromWire<T>(pub T);

impl<'de, T: Wire> Deserialize<'de> for FromWire<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_wire(deserializer).map(FromWire)
    }
}

/// A visitor for one scalar type, accepting numbers, strings and booleans as far as they
/// convert without loss.
struct Scalar<T>(PhantomData<T>, &'static str);

/// How each scalar converts from what arrived.
trait FromScalar: Sized {
    fn from_i64(v: i64) -> Option<Self>;
    fn from_u64(v: u64) -> Option<Self>;
    fn from_f64(v: f64) -> Option<Self>;
    fn from_bool(v: bool) -> Option<Self>;
    fn from_text(v: &str) -> Option<Self>;
}

impl<'de, T: FromScalar> Visitor<'de> for Scalar<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_u64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).ok_or_else(|| E::invalid_value(de::Unexpected::Bool(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_text(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
    /// XML elements read through `deserialize_any` arrive as `{"$text": "…"}`.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut text = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "$text" || key == "$value" {
                text = Some(map.next_value::<String>()?);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        self.visit_str(text.as_deref().unwrap_or(""))
    }
}

macro_rules! integer {
    ($ty:ty, $expecting:literal) => {
        impl FromScalar for $ty {
            fn from_i64(v: i64) -> Option<Self> {
                <$ty>::try_from(v).ok()
            }
            fn from_u64(v: u64) -> Option<Self> {
                <$ty>::try_from(v).ok()
            }
            fn from_f64(v: f64) -> Option<Self> {
                (v.fract() == 0.0 && v >= <$ty>::MIN as f64 && v <= <$ty>::MAX as f64)
                    .then_some(v as $ty)
            }
            /// PHP replies `true`/`false` in some integer flag columns.
            fn from_bool(v: bool) -> Option<Self> {
                Some(Self::from(v))
            }
            fn from_text(v: &str) -> Option<Self> {
                let v = v.trim();
                v.parse().ok().or_else(|| {
                    // "12.0" from a decimal column
                    v.parse::<f64>().ok().and_then(Self::from_f64)
                })
            }
        }

        impl Wire for $ty {
            fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize(serializer)
            }
            fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(Scalar::<$ty>(PhantomData, $expecting))
            }
        }
    };
}

integer!(i32, "a 32-bit integer (number or numeric string)");
integer!(i64, "a 64-bit integer (number or numeric string)");

impl FromScalar for bool {
    fn from_i64(v: i64) -> Option<Self> {
        match v {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn from_u64(v: u64) -> Option<Self> {
        Self::from_i64(i64::try_from(v).ok()?)
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
    fn from_text(v: &str) -> Option<Self> {
        match v.trim() {
            "1" | "true" | "TRUE" | "True" => Some(true),
            "0" | "false" | "FALSE" | "False" => Some(false),
            _ => None,
        }
    }
}

impl Wire for bool {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*self)
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar::<bool>(
            PhantomData,
            "a boolean (true/false, 1/0, \"1\"/\"0\")",
        ))
    }
}

impl FromScalar for String {
    fn from_i64(v: i64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_text(v: &str) -> Option<Self> {
        Some(v.to_owned())
    }
}

impl Wire for String {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar::<String>(PhantomData, "a string"))
    }
}

impl FromScalar for Decimal {
    fn from_i64(v: i64) -> Option<Self> {
        Some(Decimal::from(v))
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(Decimal::from(v))
    }
    fn from_f64(v: f64) -> Option<Self> {
        // Through the shortest text that reads back as `v`: 1.2 stays 1.2, not 1.19999…
        Decimal::from_str(&v.to_string()).ok()
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_text(v: &str) -> Option<Self> {
        let v = v.trim();
        Decimal::from_str(v)
            .or_else(|_| Decimal::from_scientific(v))
            .ok()
    }
}

impl Wire for Decimal {
    /// As a JSON number, like the vendor's own SDKs send it.
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.scale(), self.to_i64()) {
            (0, Some(whole)) => serializer.serialize_i64(whole),
            _ => serializer.serialize_f64(self.to_f64().unwrap_or(f64::NAN)),
        }
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar::<Decimal>(
            PhantomData,
            "a decimal (number or numeric string)",
        ))
    }
}

/// Formats a datetime as `yyyy-MM-dd HH:mm:ss` without going through a format string.
pub fn format_datetime(t: &NaiveDateTime) -> DateTimeText {
    let mut buf = *b"0000-00-00 00:00:00";
    let year = t.year().clamp(0, 9999) as u32;
    put(&mut buf[0..4], year);
    put(&mut buf[5..7], t.month());
    put(&mut buf[8..10], t.day());
    put(&mut buf[11..13], t.hour());
    put(&mut buf[14..16], t.minute());
    put(&mut buf[17..19], t.second());
    DateTimeText(buf)
}

fn put(slot: &mut [u8], mut value: u32) {
    for byte in slot.iter_mut().rev() {
        *byte = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// A formatted datetime on the stack.
#[derive(Clone, Copy)]
pub struct DateTimeText([u8; 19]);

impl DateTimeText {
    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and separators are ever written.
        std::str::from_utf8(&self.0).unwrap_or("0000-00-00 00:00:00")
    }
}

/// Parses `yyyy-MM-dd HH:mm:ss`, the only datetime form the gateway accepts.
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), DATETIME_FORMAT).ok()
}

/// Parses `yyyy-MM-dd`, or the date part of a datetime (the gateway sends both forms).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), DATE_FORMAT).ok()
}

impl FromScalar for NaiveDateTime {
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_text(v: &str) -> Option<Self> {
        parse_datetime(v)
    }
}

impl Wire for NaiveDateTime {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(format_datetime(self).as_str())
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar::<NaiveDateTime>(
            PhantomData,
            "a datetime as yyyy-MM-dd HH:mm:ss",
        ))
    }
    fn is_blank(text: &str) -> bool {
        text.is_empty() || text.starts_with("0000-00-00")
    }
}

impl FromScalar for NaiveDate {
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_text(v: &str) -> Option<Self> {
        let v = v.trim();
        // Some replies put a full datetime in a date column.
        parse_date(v)
    }
}

impl Wire for NaiveDate {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.format(DATE_FORMAT))
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Scalar::<NaiveDate>(PhantomData, "a date as yyyy-MM-dd"))
    }
    fn is_blank(text: &str) -> bool {
        text.is_empty() || text.starts_with("0000-00-00")
    }
}

impl Wire for serde_json::Value {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(xml_text)
    }
}

/// An XML element holding only text reads as `{"$text": "…"}`; as an untyped value it is
/// that text, as the same value written to XML was.
fn xml_text(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(mut members) if members.len() == 1 => {
            match members.remove("$text") {
                Some(text) => text,
                None => serde_json::Value::Object(members),
            }
        }
        other => other,
    }
}

impl<T: Wire> Wire for Option<T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&AsWire(value)),
            None => serializer.serialize_none(),
        }
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_option(Optional::<T>(PhantomData))
    }
}

/// Reads `null`, a missing value and blank text as `None`, anything else as `T`.
struct Optional<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for Optional<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or nothing")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(Present::<T>(PhantomData))
    }
}

/// A value known to be there, which may still be blank text.
struct Present<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for Present<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or nothing")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::deserialize_wire(v.into_deserializer()).map(Some)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::deserialize_wire(v.into_deserializer()).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::deserialize_wire(v.into_deserializer()).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::deserialize_wire(v.into_deserializer()).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if T::is_blank(v) {
            return Ok(None);
        }
        T::deserialize_wire(v.into_deserializer()).map(Some)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize_wire(de::value::SeqAccessDeserializer::new(seq)).map(Some)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize_wire(de::value::MapAccessDeserializer::new(map)).map(Some)
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&AsWire(item))?;
        }
        seq.end()
    }
    /// A list; `null` and `""` read as empty.
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(List::<T>(PhantomData))
    }
}

struct List<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for List<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(v), &self))
        }
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(FromWire(item)) = seq.next_element::<FromWire<T>>()? {
            items.push(item);
        }
        Ok(items)
    }
}

impl<T: Wire> Wire for BTreeMap<String, T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(key, &AsWire(value))?;
        }
        map.end()
    }
    /// A map; `null`, `""` and `[]` (PHP's empty array) read as empty.
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Map::<T>(PhantomData))
    }
}

struct Map<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for Map<T> {
    type Value = BTreeMap<String, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(BTreeMap::new())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            Ok(BTreeMap::new())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(v), &self))
        }
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(BTreeMap::new()),
            Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
        }
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((key, FromWire(value))) = map.next_entry::<String, FromWire<T>>()? {
            out.insert(key, value);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read<T: Wire>(v: serde_json::Value) -> Result<T, serde_json::Error> {
        T::deserialize_wire(v)
    }

    fn read_text<T: Wire>(text: &str) -> Result<T, serde_json::Error> {
        let mut d = serde_json::Deserializer::from_str(text);
        T::deserialize_wire(&mut d)
    }

    #[test]
    fn numbers_arrive_as_numbers_or_strings() {
        assert_eq!(read::<i32>(json!(7)).unwrap(), 7);
        assert_eq!(read::<i32>(json!("7")).unwrap(), 7);
        assert_eq!(read::<i64>(json!(" 12 ")).unwrap(), 12);
        assert_eq!(read::<i64>(json!("12.0")).unwrap(), 12);
        assert!(read::<i32>(json!(4_000_000_000u64)).is_err());
        assert!(
            read::<i32>(json!("")).is_err(),
            "a required number cannot be blank"
        );
        assert_eq!(read::<i64>(json!(true)).unwrap(), 1);
        assert_eq!(read_text::<Option<i32>>(r#""""#).unwrap(), None);
        assert_eq!(read_text::<Option<i32>>("null").unwrap(), None);
        assert_eq!(read_text::<Option<i32>>(r#""5""#).unwrap(), Some(5));
    }

    #[test]
    fn booleans_and_strings() {
        assert!(read::<bool>(json!(1)).unwrap());
        assert!(!read::<bool>(json!("0")).unwrap());
        assert!(read::<bool>(json!("yes")).is_err());
        assert_eq!(read::<String>(json!(1630025)).unwrap(), "1630025");
    }

    #[test]
    fn decimals_keep_their_digits() {
        assert_eq!(read::<Decimal>(json!(1.2)).unwrap().to_string(), "1.2");
        assert_eq!(
            read::<Decimal>(json!("12.3400")).unwrap().to_string(),
            "12.3400"
        );
        let text = serde_json::to_string(&AsWire(&Decimal::from_str("1.2").unwrap())).unwrap();
        assert_eq!(text, "1.2");
        let whole = serde_json::to_string(&AsWire(&Decimal::from(3))).unwrap();
        assert_eq!(whole, "3");
    }

    #[test]
    fn datetimes_use_the_vendor_format() {
        let t = parse_datetime("2026-11-23 10:00:05").unwrap();
        assert_eq!(format_datetime(&t).as_str(), "2026-11-23 10:00:05");
        assert_eq!(
            serde_json::to_string(&AsWire(&t)).unwrap(),
            r#""2026-11-23 10:00:05""#
        );
        assert!(read::<NaiveDateTime>(json!("2023/02/06 17:59:19")).is_err());
        assert_eq!(
            read_text::<Option<NaiveDateTime>>(r#""0000-00-00 00:00:00""#).unwrap(),
            None
        );
        assert_eq!(
            read::<NaiveDate>(json!("2026-11-23 00:00:00")).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }

    #[test]
    fn lists_and_maps_tolerate_empty_spellings() {
        assert_eq!(read_text::<Vec<i32>>("null").unwrap(), Vec::<i32>::new());
        assert_eq!(read_text::<Vec<i32>>(r#"["1",2]"#).unwrap(), vec![1, 2]);
        assert!(
            read_text::<BTreeMap<String, String>>("[]")
                .unwrap()
                .is_empty()
        );
        let m = read_text::<BTreeMap<String, i32>>(r#"{"a":"1"}"#).unwrap();
        assert_eq!(m["a"], 1);
    }

    #[test]
    fn json_text_decodes_the_inner_document() {
        #[derive(Deserialize)]
        struct Data {
            #[serde(with = "json_text")]
            message: Vec<BTreeMap<String, String>>,
        }
        let d: Data = serde_json::from_str(r#"{"message":"[{\"error\":\"x\"}]"}"#).unwrap();
        assert_eq!(d.message[0]["error"], "x");
        let d: Data = serde_json::from_str(r#"{"message":""}"#).unwrap();
        assert!(d.message.is_empty());
    }
}
