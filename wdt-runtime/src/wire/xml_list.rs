//! Qimen lists: a wrapper element holding one element per item
//! (`<subSourceOrders><subSourceOrder>…</subSourceOrder></subSourceOrders>`).

use super::*;

/// Writes `items` as `{ item: [ … ] }`, which XML renders as repeated `<item>` elements.
pub fn serialize<T: Wire, S: Serializer>(
    items: &[T],
    item: &'static str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut wrapper = serializer.serialize_struct("list", 1)?;
    wrapper.serialize_field(item, &Items(items))?;
    wrapper.end()
}

/// A list written as its wrapper element of `item` elements (a generated writer's field).
pub struct AsItems<'a, T>(pub &'a [T], pub &'static str);

impl<T: Wire> Serialize for AsItems<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, self.1, serializer)
    }
}

struct Items<'a, T>(&'a [T]);

impl<T: Wire> Serialize for Items<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&AsWire(item))?;
        }
        seq.end()
    }
}

/// Reads the wrapper element back; `items` names the item element (a one-element slice).
pub fn deserialize<'de, T: Wire, D: Deserializer<'de>>(
    d: D,
    items: &'static [&'static str],
) -> Result<Vec<T>, D::Error> {
    d.deserialize_struct("list", items, Wrapper::<T>(PhantomData, items[0]))
}

/// [`deserialize`] as a seed, for generated readers (`record::put_seed`); `OPTIONAL` reads
/// the list as `Some`.
pub struct ItemSeed<T, const OPTIONAL: bool>(PhantomData<T>, &'static [&'static str]);

/// The seed of a required (or reply) list of `items` elements.
pub fn items<T: Wire>(items: &'static [&'static str]) -> ItemSeed<T, false> {
    ItemSeed(PhantomData, items)
}

/// The seed of an optional list.
pub fn items_opt<T: Wire>(items: &'static [&'static str]) -> ItemSeed<T, true> {
    ItemSeed(PhantomData, items)
}

impl<'de, T: Wire> de::DeserializeSeed<'de> for ItemSeed<T, false> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        deserialize(d, self.1)
    }
}

impl<'de, T: Wire> de::DeserializeSeed<'de> for ItemSeed<T, true> {
    type Value = Option<Vec<T>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Vec<T>>, D::Error> {
        deserialize(d, self.1).map(Some)
    }
}

struct Wrapper<T>(PhantomData<T>, &'static str);

impl<'de, T: Wire> Visitor<'de> for Wrapper<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of <{}> elements", self.1)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::invalid_type(de::Unexpected::Str(v), &self))
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    /// JSON callers may write the items as a plain array instead of `{ item: [ … ] }`.
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(FromWire(item)) = seq.next_element::<FromWire<T>>()? {
            items.push(item);
        }
        Ok(items)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == self.1 {
                // One element reads as a single item, several as a sequence.
                let FromWire(more) = map.next_value::<FromWire<OneOrMany<T>>>()?;
                items.extend(more.0);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(items)
    }
}

struct OneOrMany<T>(Vec<T>);

impl<T: Wire> Wire for OneOrMany<T> {
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_wire(serializer)
    }
    fn deserialize_wire<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(ManyVisitor::<T>(PhantomData))
    }
}

struct ManyVisitor<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for ManyVisitor<T> {
    type Value = OneOrMany<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("list items")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(FromWire(item)) = seq.next_element::<FromWire<T>>()? {
            items.push(item);
        }
        Ok(OneOrMany(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize_wire(de::value::MapAccessDeserializer::new(map))
            .map(|one| OneOrMany(vec![one]))
    }
}
