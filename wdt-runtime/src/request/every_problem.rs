//! Every problem of a JSON request at once: serde stops at the first missing field or wrong
//! type, so when typed decoding fails the body is decoded again and again, each time with
//! the value serde refused replaced by a stand-in, until it decodes; then `validate()` runs
//! on the result. The stand-ins' own violations are dropped, so what is reported is what the
//! caller sent. Only the failing path pays for this: a body that decodes is decoded once.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::validate::{Path, Problem, Validate, Violations};

/// How many values may be replaced before giving up on a body (a body with more problems
/// than this reports the first ones).
const MAX_REPAIRS: usize = 64;

/// Values tried, in order, where serde refused or missed one: an object first, so that the
/// missing fields of a missing struct are found too, then one of each JSON kind, then the
/// vendor's datetime and date forms.
const STAND_INS: &[&str] = &[
    "{}",
    "[]",
    "\"\"",
    "0",
    "false",
    "\"2000-01-01 00:00:00\"",
    "\"2000-01-01\"",
];

/// One step into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Index(usize),
    Key(String),
}

/// A value replaced by a stand-in, and which stand-in it has now.
struct Repair {
    at: Vec<Step>,
    stand_in: usize,
    /// Whether the caller's own value was refused or missing here (and so reported), rather
    /// than a value inside another stand-in.
    reported: bool,
}

/// Every problem of a body serde refused as `T`: missing required fields and arguments,
/// values of the wrong type, then the spec's rules over the rest. `args` names the
/// positional arguments of a 旗舰版 body (empty for a Qimen request object). Empty when
/// `value` decodes after all.
pub(crate) fn problems<T: DeserializeOwned + Validate>(
    mut value: Value,
    args: &[&str],
) -> Violations {
    let mut found = Violations::default();
    let mut repairs: Vec<Repair> = Vec::new();
    for _ in 0..=MAX_REPAIRS {
        let Ok(bytes) = crate::format::to_json(&value) else {
            break;
        };
        let error = match decode_tracked::<T>(&bytes) {
            Ok(decoded) => {
                let mut checks = Violations::default();
                decoded.validate_into(&Path::ROOT, &mut checks);
                for violation in checks.into_vec() {
                    let stood_in = repairs
                        .iter()
                        .any(|r| violation.is_within(&render(&r.at, args)));
                    if !stood_in && !repairs.is_empty() {
                        found.push_violation(violation);
                    }
                }
                return found;
            }
            Err(error) => error,
        };
        let mut at = error.at;
        let message = without_position(error.error);
        let problem = if let Some(field) = quoted(&message, "missing field `") {
            at.push(Step::Key(field.to_owned()));
            Problem::Missing
        } else if let Some(arg) = quoted(&message, "missing argument `") {
            let index = args.iter().position(|a| *a == arg).unwrap_or(args.len());
            at.push(Step::Index(index));
            Problem::Missing
        } else if message.starts_with("more than the ") {
            // Arguments beyond the endpoint's: reported, then cut off.
            found.push_at(String::new(), Problem::Malformed(message));
            match &mut value {
                Value::Array(items) if items.len() > args.len() => {
                    items.truncate(args.len());
                    continue;
                }
                _ => break,
            }
        } else {
            Problem::Malformed(message)
        };
        let repair = if let Some(same) = repairs.iter_mut().find(|r| r.at == at) {
            // The stand-in is of the wrong kind: the next one.
            same.stand_in += 1;
            same
        } else {
            // Inside a stand-in the value is filled in silently: it is not the caller's.
            let inside = repairs.iter().any(|r| r.reported && at.starts_with(&r.at));
            if !inside {
                found.push_at(render(&at, args), problem);
            }
            repairs.push(Repair {
                at,
                stand_in: 0,
                reported: !inside,
            });
            repairs.last_mut().expect("just pushed")
        };
        let Some(stand_in) = STAND_INS.get(repair.stand_in) else {
            break;
        };
        let stand_in: Value = serde_json::from_str(stand_in).expect("stand-ins are JSON");
        if !set(&mut value, &repair.at, stand_in) {
            break;
        }
    }
    found
}

/// Decodes JSON, recording where serde refused it. The one decoder of request types:
/// [`super::decode_json`] tries it first, and the repairs here reuse it, so each request
/// type's `Deserialize` is instantiated once (docs/design/0011-compile-time.md).
pub(crate) fn decode_tracked<T: DeserializeOwned>(json: &[u8]) -> Result<T, Refused> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| Refused {
        at: steps(e.path()),
        error: e.into_inner(),
    })?;
    deserializer.end().map_err(|error| Refused {
        at: Vec::new(),
        error,
    })?;
    Ok(value)
}

/// Where and why serde refused a body.
pub(crate) struct Refused {
    at: Vec<Step>,
    pub(crate) error: serde_json::Error,
}

/// serde's message without the ` at line 1 column 23` of the re-encoded body, which is
/// not the caller's text.
fn without_position(error: serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(bare) => bare.to_owned(),
        None => message,
    }
}

/// The text between `prefix` and the next backquote of serde's message.
fn quoted<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    rest.split_once('`').map(|(name, _)| name)
}

fn steps(path: &serde_path_to_error::Path) -> Vec<Step> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// `order_details[0].spec_no`: a top-level index of a 旗舰版 body is its argument's name.
fn render(at: &[Step], args: &[&str]) -> String {
    let mut out = String::new();
    for (i, step) in at.iter().enumerate() {
        match step {
            Step::Index(index) if i == 0 && *index < args.len() => out.push_str(args[*index]),
            Step::Index(index) => out.push_str(&format!("[{index}]")),
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
        }
    }
    out
}

/// Puts `new` at `at`, growing an array by one where the index is its length; `false` when
/// the path does not lead into the value.
fn set(value: &mut Value, at: &[Step], new: Value) -> bool {
    let Some((last, parents)) = at.split_last() else {
        *value = new;
        return true;
    };
    let mut target = value;
    for step in parents {
        let next = match (step, target) {
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
            (Step::Key(k), Value::Object(map)) => map.get_mut(k),
            _ => None,
        };
        match next {
            Some(next) => target = next,
            None => return false,
        }
    }
    match (last, target) {
        (Step::Index(i), Value::Array(items)) if *i < items.len() => items[*i] = new,
        (Step::Index(i), Value::Array(items)) if *i == items.len() => items.push(new),
        (Step::Index(i), Value::Array(items)) if *i > items.len() => {
            items.resize(*i, Value::Null);
            items.push(new);
        }
        (Step::Key(k), Value::Object(map)) => {
            map.insert(k.clone(), new);
        }
        _ => return false,
    }
    true
}
