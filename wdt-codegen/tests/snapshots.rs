//! What each seed spec expands to, as users see it with `wdt spec expand`.
//!
//! The same specs are compiled by the `wdt` crate, so a snapshot here is always code that
//! builds.

use std::path::Path;

fn expand(relative: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let shown = Path::new("specs").join(relative);
    let spec = wdt_spec::load_file(&root.join(relative), &shown).unwrap_or_else(|e| panic!("{e}"));
    let catalog = wdt_spec::Catalog::new(vec![spec], Vec::new()).unwrap();
    let tokens = wdt_codegen::expand(&catalog, &wdt_codegen::Config::default());
    wdt_codegen::pretty(tokens, &shown.display().to_string()).unwrap()
}

#[test]
fn cancel_other_order() {
    insta::assert_snapshot!(expand("wms/stockout/Other.cancelOtherOrder.toml"));
}

#[test]
fn cancel_by_type() {
    insta::assert_snapshot!(expand("purchase/PurchaseOrder.cancelByType.toml"));
}

#[test]
fn search_cancel() {
    insta::assert_snapshot!(expand("wms/stockout/Sales.searchCancel.toml"));
}

#[test]
fn order_cancel() {
    insta::assert_snapshot!(expand("taobao/qimen/order.cancel.toml"));
}

#[test]
fn create_order() {
    insta::assert_snapshot!(expand("wms/outer/OuterOut.createOrder.toml"));
}

/// A Qimen query that pages in its body (`BodyPagedEndpoint`).
#[test]
fn stock_query() {
    insta::assert_snapshot!(expand("taobao/qimen/stock.query.toml"));
}
