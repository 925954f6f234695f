//! The 旗舰版 body as read by a gateway: a JSON array of positional arguments, where
//! optional arguments at the end may be left out (the vendor's own examples do).

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Error as _, IgnoredAny, SeqAccess, Visitor};

use super::{FromWire, Wire};

/// A 旗舰版 `Request`: its arguments, read in wire order.
pub trait Arguments<'de>: Sized {
    /// The arguments' wire names, in order.
    const NAMES: &'static [&'static str];

    /// Reads every argument, in order ([`required`], [`optional`]).
    fn read<A: SeqAccess<'de>>(seq: &mut A) -> Result<Self, A::Error>;
}

/// Reads a `Request` from its array, refusing elements beyond its arguments.
pub fn deserialize<'de, T: Arguments<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_seq(ArgumentsVisitor::<T>(PhantomData))
}

struct ArgumentsVisitor<T>(PhantomData<T>);

impl<'de, T: Arguments<'de>> Visitor<'de> for ArgumentsVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the positional arguments [{}]", T::NAMES.join(", "))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let request = T::read(&mut seq)?;
        end(&mut seq, T::NAMES.len())?;
        Ok(request)
    }
}

/// The next argument, which must be there.
pub fn required<'de, T: Wire, A: SeqAccess<'de>>(
    seq: &mut A,
    name: &'static str,
) -> Result<T, A::Error> {
    seq.next_element::<FromWire<T>>()?
        .map(|FromWire(value)| value)
        .ok_or_else(|| A::Error::custom(format_args!("missing argument `{name}`")))
}

/// The next argument, absent when the array ends before it.
pub fn optional<'de, T: Wire, A: SeqAccess<'de>>(seq: &mut A) -> Result<Option<T>, A::Error> {
    Ok(seq
        .next_element::<FromWire<Option<T>>>()?
        .and_then(|FromWire(value)| value))
}

/// Refuses arguments beyond the `count` the endpoint takes.
fn end<'de, A: SeqAccess<'de>>(seq: &mut A, count: usize) -> Result<(), A::Error> {
    match seq.next_element::<IgnoredAny>()? {
        Some(_) => Err(A::Error::custom(format_args!(
            "more than the {count} positional argument(s) the endpoint takes"
        ))),
        None => Ok(()),
    }
}
