// Cargo reruns this (and so rebuilds the crate) when a file under specs/ is added,
// removed or changed; include_specs! alone only tracks files that already exist. It also
// tells include_specs! which area features are on, so a one-area build reads one area.
fn main() {
    println!("cargo::rerun-if-changed=specs");
    let features: Vec<String> = std::env::vars()
        .filter_map(|(key, _)| {
            key.strip_prefix("CARGO_FEATURE_")
                .map(|f| f.to_lowercase().replace('_', "-"))
        })
        .collect();
    println!("cargo::rustc-env=WDT_FEATURES={}", features.join(","));
}
