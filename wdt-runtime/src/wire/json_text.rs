//! Fields whose text carries a JSON document (written through [`AsText`], read through
//! [`document`]): the value is the decoded document; on the wire it is a string.

use super::*;

/// Writes the value as a JSON document inside a string.
pub fn serialize<T: Wire, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(&AsWire(value)).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

/// Reads a string holding JSON (blank text reads as the empty value); a document sent
/// without the string around it is accepted as well.
pub fn deserialize<'de, T: Wire, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    let decoded = match value {
        serde_json::Value::String(text) if text.trim().is_empty() => serde_json::Value::Null,
        serde_json::Value::String(text) => {
            serde_json::from_str(&text).map_err(de::Error::custom)?
        }
        other => other,
    };
    T::deserialize_wire(decoded).map_err(de::Error::custom)
}

/// A value written as a JSON document in a string (a generated writer's field).
pub struct AsText<'a, T>(pub &'a T);

impl<T: Wire> Serialize for AsText<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

/// [`deserialize`] as a seed, for generated readers (`record::put_seed`).
pub struct Document<T>(PhantomData<T>);

/// The seed of a JSON-in-a-string field.
pub fn document<T: Wire>() -> Document<T> {
    Document(PhantomData)
}

impl<'de, T: Wire> de::DeserializeSeed<'de> for Document<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        deserialize(d)
    }
}
