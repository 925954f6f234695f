//! Struct and enum names: UpperCamelCase from wire names, never clashing with each other or
//! with the names generated code relies on.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;

/// The UpperCamelCase form of a wire name or title (`order_details` → `OrderDetails`).
pub(crate) fn upper_camel(text: &str) -> String {
    let name = text.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{name}")
    } else {
        name
    }
}

/// Whether a name can be given to a struct or enum as it is: wdt-spec's rule, and not
/// `Unknown`, which reads as the enum fallback variant in generated docs.
fn usable(name: &str) -> bool {
    wdt_spec::names::is_type_name(name)
        && !wdt_spec::names::is_reserved_type_name(name)
        && name != "Unknown"
}

/// Hands out struct and enum names, each once per file.
#[derive(Debug, Default)]
pub(crate) struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    /// The first usable, free candidate; when all are taken, the first one with a number.
    pub fn claim(&mut self, candidates: &[String]) -> String {
        let chosen = candidates
            .iter()
            .find(|c| usable(c) && !self.taken.contains(*c))
            .cloned()
            .unwrap_or_else(|| {
                let base = candidates
                    .iter()
                    .find(|c| wdt_spec::names::is_type_name(c))
                    .cloned()
                    .unwrap_or_else(|| "Item".to_owned());
                (2..)
                    .map(|n| format!("{base}{n}"))
                    .find(|c| usable(c) && !self.taken.contains(c))
                    .expect("some numbered name is free")
            });
        self.taken.insert(chosen.clone());
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_never_reserved() {
        let mut namer = Namer::default();
        assert_eq!(upper_camel("order_details"), "OrderDetails");
        assert_eq!(upper_camel("detailList"), "DetailList");
        assert_eq!(namer.claim(&["DetailList".into()]), "DetailList");
        assert_eq!(
            namer.claim(&["DetailList".into(), "OrderDetailList".into()]),
            "OrderDetailList"
        );
        assert_eq!(namer.claim(&["DetailList".into()]), "DetailList2");
        assert_eq!(
            namer.claim(&["Result".into(), "SearchResult".into()]),
            "SearchResult"
        );
        assert_eq!(namer.claim(&["Request".into()]), "Request2");
    }
}
