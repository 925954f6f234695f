//! The 旗舰版 body as read by a gateway: a JSON array of positional arguments, where
//! optional arguments at the end may be left out (the vendor's own examples do).

use std::fmt;

use serde::de::{Error as _, IgnoredAny, SeqAccess};

use super::{FromWire, Wire};

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
pub fn end<'de, A: SeqAccess<'de>>(seq: &mut A, count: usize) -> Result<(), A::Error> {
    match seq.next_element::<IgnoredAny>()? {
        Some(_) => Err(A::Error::custom(format_args!(
            "more than the {count} positional argument(s) the endpoint takes"
        ))),
        None => Ok(()),
    }
}

/// What the visitor of a `Request` expects, for serde's messages.
pub struct Expecting(pub &'static [&'static str]);

impl fmt::Display for Expecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the positional arguments [{}]", self.0.join(", "))
    }
}
