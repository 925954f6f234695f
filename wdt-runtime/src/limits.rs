//! What a reply (or a received body) may be before it is decoded whole: how large, and
//! how deeply it nests. Both are checked with a cheap scan, so a hostile 100 MB reply or one
//! nested 100,000 levels deep becomes a typed error instead of memory or stack exhaustion.
//! XML entities are never expanded: the decoder resolves only the predefined ones and
//! character references, and a document type declaration (where entities are declared) is
//! refused outright.

/// Largest reply a client reads by default (a page of 1,000 orders with their details is a
/// few MB).
pub const DEFAULT_MAX_REPLY_BYTES: usize = 64 * 1024 * 1024;

/// Deepest nesting accepted by default: vendor replies nest a handful of levels.
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// Why a body is refused before decoding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("nested deeper than {0} levels")]
    TooDeep(usize),
    #[error("declares a document type; entities are not accepted")]
    DocumentType,
}

/// Checks that a JSON text nests objects and arrays at most `max_depth` deep (brackets inside
/// strings do not count). Stops at the first level too deep; malformed JSON is left to the
/// decoder.
pub fn check_json(bytes: &[u8], max_depth: usize) -> Result<(), LimitError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in bytes {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max_depth {
                    return Err(LimitError::TooDeep(max_depth));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Checks that an XML text nests elements at most `max_depth` deep and declares no document
/// type. Malformed XML is left to the decoder.
pub fn check_xml(bytes: &[u8], max_depth: usize) -> Result<(), LimitError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buffer = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > max_depth {
                    return Err(LimitError::TooDeep(max_depth));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::DocType(_)) => return Err(LimitError::DocumentType),
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buffer.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_depth_counts_brackets_outside_strings() {
        assert_eq!(check_json(br#"{"a":[{"b":1}]}"#, 3), Ok(()));
        assert_eq!(
            check_json(br#"{"a":[{"b":1}]}"#, 2),
            Err(LimitError::TooDeep(2))
        );
        assert_eq!(check_json(br#"{"a":"[[[[[[\"[[["}"#, 1), Ok(()));
        let deep = "[".repeat(100_000);
        assert_eq!(
            check_json(deep.as_bytes(), DEFAULT_MAX_DEPTH),
            Err(LimitError::TooDeep(DEFAULT_MAX_DEPTH))
        );
    }

    #[test]
    fn xml_depth_and_document_types() {
        let ok = b"<response><flag>success</flag><items><item><a>1</a></item></items></response>";
        assert_eq!(check_xml(ok, 4), Ok(()));
        assert_eq!(check_xml(ok, 3), Err(LimitError::TooDeep(3)));
        let deep = "<a>".repeat(100_000);
        assert_eq!(
            check_xml(deep.as_bytes(), DEFAULT_MAX_DEPTH),
            Err(LimitError::TooDeep(DEFAULT_MAX_DEPTH))
        );
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><response><flag>&b;</flag></response>"#;
        assert_eq!(check_xml(bomb, 64), Err(LimitError::DocumentType));
    }
}
