//! Embeds the spec directory the `wdt` crate is built from, so `wdt describe` can show a
//! catalogue method's spec without the source tree.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut files = Vec::new();
    collect(&specs, &mut files);
    files.sort();
    let mut out = String::from(
        "/// The spec files of the catalogue: path below `specs/`, text.\n\
         pub static SPEC_SOURCES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let relative = file.strip_prefix(&specs).expect("below the spec directory");
        let relative = relative.to_string_lossy().replace('\\', "/");
        let absolute = file.canonicalize().expect("spec file path");
        writeln!(
            out,
            "    ({relative:?}, include_str!({:?})),",
            absolute.display()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("spec_sources.rs");
    std::fs::write(target, out).expect("write spec_sources.rs");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read the spec directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}
