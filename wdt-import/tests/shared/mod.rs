//! Where the vendor pages are: `$WDT_SHARED_DIR`, else the `shared` folder beside the
//! checkout, else `/work/shared` (the same search as the CLI's tests).

use std::path::{Path, PathBuf};

/// The folder holding `seeds/` and `docs/qjb/`.
pub fn dir() -> PathBuf {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        std::env::var_os("WDT_SHARED_DIR").map(PathBuf::from),
        Some(checkout.join("../shared")),
        Some(PathBuf::from("/work/shared")),
    ]
    .into_iter()
    .flatten()
    .find(|dir| dir.join("seeds").is_dir())
    .expect("the vendor pages (shared/seeds, shared/docs/qjb) are beside the checkout or in WDT_SHARED_DIR")
}
