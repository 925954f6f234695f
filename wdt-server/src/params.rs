//! Query strings and form bodies as the router reads them: decoded, in the order they came.

/// Decoded `key=value` pairs, in the order they arrived (repeats kept, so they can be
/// refused).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Decodes a query string `a=1&b=2` (percent-encoding and `+` for spaces); `None` is
    /// an empty query.
    pub fn parse(query: Option<&str>) -> Self {
        Params::parse_bytes(query.unwrap_or_default().as_bytes())
    }

    /// Decodes a form body (`application/x-www-form-urlencoded`) the same way.
    pub fn parse_bytes(encoded: &[u8]) -> Self {
        Params(
            form_urlencoded::parse(encoded)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// Every pair, in the order it arrived.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.0
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// The value of a key (its first occurrence).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A key sent more than once, if any.
    pub fn repeated(&self) -> Option<&str> {
        self.0.iter().enumerate().find_map(|(i, (k, _))| {
            self.0[..i]
                .iter()
                .any(|(earlier, _)| earlier == k)
                .then_some(k.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_in_order_and_finds_repeats() {
        let params = Params::parse(Some("b=2&a=x+y%3A1&b=3"));
        assert_eq!(params.pairs(), [("b", "2"), ("a", "x y:1"), ("b", "3")]);
        assert_eq!(params.get("a"), Some("x y:1"));
        assert_eq!(params.get("b"), Some("2"));
        assert_eq!(params.repeated(), Some("b"));
        assert_eq!(Params::parse(Some("a=1&b=2")).repeated(), None);
        assert_eq!(Params::parse(None).pairs(), []);
    }
}
