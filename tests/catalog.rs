//! The catalogue as shipped: `specs/CATALOG.md` matches the specs and every area has its
//! Cargo feature (the doc pages' examples are `tests/examples.rs`).

use std::collections::BTreeSet;
use std::path::Path;

fn catalog() -> wdt_spec::Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    wdt_spec::load_catalog(&root.join("specs"), Path::new("specs"))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn catalog_md_is_in_sync() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/CATALOG.md");
    let expected = wdt_spec::catalog::markdown(&catalog());
    if std::env::var_os("WDT_UPDATE_CATALOG").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "specs/CATALOG.md is stale: run `cargo run -p wdt-cli -- spec catalog specs > specs/CATALOG.md` \
         (or WDT_UPDATE_CATALOG=1 cargo test --test catalog)"
    );
}

#[test]
fn every_area_has_a_feature() {
    let manifest: toml::Table =
        toml::from_str(include_str!("../Cargo.toml")).expect("Cargo.toml parses");
    let features: BTreeSet<String> = manifest["features"]
        .as_table()
        .expect("features")
        .keys()
        .cloned()
        .collect();
    let areas: BTreeSet<String> = catalog()
        .specs
        .iter()
        .map(|s| s.endpoint.area().to_owned())
        .collect();
    let missing: Vec<&String> = areas.difference(&features).collect();
    assert!(
        missing.is_empty(),
        "areas without a Cargo feature: {missing:?}"
    );
    let full: BTreeSet<String> = manifest["features"]["full"]
        .as_array()
        .expect("full")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    assert_eq!(full, areas, "`full` enables exactly every area");
}
