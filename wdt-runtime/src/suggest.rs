//! "Did you mean …": the closest of some known names to one that is not among them, for a
//! misspelt field (a request's undocumented key) or method (the CLI).

/// How alike two names must be for one to be offered for the other: 1 less the edits
/// (insertions, deletions, substitutions, swaps) per character of the longer name. One typo
/// in a 7-character field name scores 0.86, `warehouse` for `warehouse_no` 0.75.
/// Jaro-Winkler would weigh the shared prefix of dotted method names so much that
/// `…Sales.searchCancel` and `…Sales.queryWithDetail` look alike (0.89; 0.65 here).
const LIKENESS: f64 = 0.7;

/// The known name most like `name`, when one is alike enough to be a likely misspelling.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .filter(|candidate| *candidate != name)
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(name, candidate),
                candidate,
            )
        })
        .filter(|(likeness, _)| *likeness >= LIKENESS)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn offers_the_name_a_typo_was_meant_to_be() {
        let methods = [
            "wms.stockout.Sales.searchCancel",
            "wms.stockout.Sales.queryWithDetail",
        ];
        assert_eq!(
            closest("wms.stockout.Sales.searchCanel", methods),
            Some("wms.stockout.Sales.searchCancel")
        );
        assert_eq!(
            closest("spec_n", ["spec_no", "num", "remark"]),
            Some("spec_no")
        );
        assert_eq!(
            closest("warehouse", ["warehouse_no", "status"]),
            Some("warehouse_no")
        );
    }

    #[test]
    fn offers_nothing_for_an_unrelated_name() {
        assert_eq!(closest("is_deleted", ["spec_no", "num", "remark"]), None);
        assert_eq!(closest("status", ["spec_no"]), None);
        assert_eq!(closest("spec_no", ["spec_no"]), None);
        assert_eq!(
            closest(
                "wms.stockout.Sales.searchCancel",
                ["wms.stockout.Sales.queryWithDetail"]
            ),
            None
        );
    }
}
