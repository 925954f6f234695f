//! `[examples]`: the page's examples kept when they are JSON (repaired when the page's is
//! nearly JSON), then read against the tables by [`super::crosscheck`].

use serde_json::Value;
use wdt_spec::model::Protocol;

use super::crosscheck::{self, Seen};
use crate::doc::{Doc, Example};
use crate::draft::Draft;
use crate::examples::{parse_json, repair};
use crate::text::shorten;
use crate::warning::{Severity, Warnings};

/// Fills `[examples]` and records where they contradict the tables.
pub(super) fn examples(doc: &Doc, draft: &mut Draft, warnings: &mut Warnings) {
    if doc.protocol == Protocol::Qimen {
        // XML examples are kept as written; the request comes from the Java sample.
        draft.examples.response = doc.examples.response.as_ref().map(|e| e.text.clone());
        draft.examples.error = doc.examples.error.as_ref().map(|e| e.text.clone());
        crate::qimen::compose_request(doc, draft, warnings);
        return;
    }
    let mut request = None;
    if let Some(example) = &doc.examples.request
        && let Some((value, text)) =
            valid(example, "request", &mut draft.examples.comments, warnings)
    {
        match &value {
            Value::Array(items) => {
                if items.len() != draft.args.len() {
                    draft.examples.comments.push(format!(
                        "The request example passes {} argument(s); the table lists {}.",
                        items.len(),
                        draft.args.len()
                    ));
                    warnings.push(
                        Severity::Review,
                        Some(example.line),
                        &example.context,
                        format!(
                            "the example passes {} argument(s) but the table lists {}",
                            items.len(),
                            draft.args.len()
                        ),
                    );
                }
                let observations = crosscheck::request(draft, items);
                let seen = Seen {
                    which: "request",
                    line: example.line,
                };
                crosscheck::apply(draft, observations, seen, warnings);
            }
            _ => draft
                .examples
                .comments
                .push("The request example is not a JSON array of arguments.".to_owned()),
        }
        draft.examples.request = Some(text);
        request = Some(value);
    }
    if let Some(example) = &doc.examples.response
        && let Some((value, text)) =
            valid(example, "response", &mut draft.examples.comments, warnings)
    {
        if is_reply(&value) {
            if let Some(data) = value.get("data") {
                let observations = crosscheck::response(draft, data);
                let seen = Seen {
                    which: "response",
                    line: example.line,
                };
                crosscheck::apply(draft, observations, seen, warnings);
            }
            draft.examples.response = Some(text);
        } else {
            let repeats = request.as_ref() == Some(&value);
            not_a_reply(example, repeats, warnings, &mut draft.examples.comments);
        }
    }
    if let Some(example) = &doc.examples.error
        && let Some((value, text)) = valid(example, "error", &mut draft.examples.comments, warnings)
    {
        if is_reply(&value) {
            draft.examples.error = Some(text);
        } else {
            let repeats = request.as_ref() == Some(&value);
            not_a_reply(example, repeats, warnings, &mut draft.examples.comments);
        }
    }
    crosscheck::untyped_left(draft, warnings);
}

/// The example's JSON and the text to keep (repaired when the page's is not valid JSON),
/// or a warning that it is left out.
fn valid(
    example: &Example,
    which: &str,
    comments: &mut Vec<String>,
    warnings: &mut Warnings,
) -> Option<(Value, String)> {
    let error = match parse_json(&example.text) {
        Ok(value) => return Some((value, example.text.clone())),
        Err(error) => error,
    };
    match repair(&example.text) {
        Some(repaired) => {
            let value = parse_json(&repaired.text).ok()?;
            comments.push(format!(
                "The page's {which} example ({}) is not valid JSON ({error}); the spec keeps it repaired: {}.",
                example.context,
                repaired.fixes.join(", ")
            ));
            for note in &repaired.comments {
                comments.push(format!("The {which} example says: {note}"));
            }
            warnings.push(
                Severity::Review,
                Some(example.line),
                &example.context,
                format!(
                    "the {which} example is not valid JSON ({error}); kept repaired ({})",
                    repaired.fixes.join(", ")
                ),
            );
            Some((value, repaired.text))
        }
        None => {
            comments.push(format!(
                "The page's {which} example ({}) is not valid JSON ({error}) and is left out.",
                example.context
            ));
            warnings.push(
                Severity::Lost,
                Some(example.line),
                &example.context,
                format!(
                    "the {which} example is not valid JSON ({error}), so it is left out: {}",
                    shorten(&example.text, 60)
                ),
            );
            None
        }
    }
}

/// The `data` of the page's normal reply, when the example is (or can be made) JSON.
pub(super) fn response_data(doc: &Doc) -> Option<Value> {
    let text = &doc.examples.response.as_ref()?.text;
    crate::examples::parse_lenient(text)?.get("data").cloned()
}

/// A reply is an object with the envelope's `status`.
fn is_reply(value: &Value) -> bool {
    value.get("status").is_some()
}

/// An example that is no reply is left out; `repeats` says it is the request again.
fn not_a_reply(
    example: &Example,
    repeats: bool,
    warnings: &mut Warnings,
    comments: &mut Vec<String>,
) {
    let message = if repeats {
        format!(
            "{} repeats the request body instead of a reply",
            example.context
        )
    } else {
        format!(
            "{} shows no reply (no status): {}",
            example.context,
            shorten(&example.text, 60)
        )
    };
    comments.push(format!("The page's {message}; it is left out."));
    warnings.push(
        Severity::Review,
        Some(example.line),
        &example.context,
        format!("the example is not a reply, so it is left out (the page {message})"),
    );
}
