//! The committed specs load and check cleanly.

use std::path::Path;

#[test]
fn every_committed_spec_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let specs = wdt_spec::load_dir(&root, Path::new("specs")).unwrap_or_else(|e| panic!("{e}"));
    let methods: Vec<&str> = specs.iter().map(|s| s.endpoint.method.as_str()).collect();
    for seed in [
        "purchase.PurchaseOrder.cancelByType",
        "taobao.qimen.order.cancel",
        "wms.outer.OuterOut.createOrder",
        "wms.stockout.Other.cancelOtherOrder",
        "wms.stockout.Sales.searchCancel",
    ] {
        assert!(methods.contains(&seed), "{seed} missing from {methods:?}");
    }
}
