// Cargo reruns this (and so rebuilds the crate) when a file under specs/ is added,
// removed or changed; include_specs! alone only tracks files that already exist.
fn main() {
    println!("cargo::rerun-if-changed=specs");
}
