// Rebuild when a spec is added or removed, not only when an existing one changes.
fn main() {
    println!("cargo::rerun-if-changed=specs");
}
