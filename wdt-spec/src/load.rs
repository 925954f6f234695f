//! Finding and reading spec files: a directory tree of `*.toml`, one endpoint per file.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::check::check;
use crate::error::{SpecError, SpecErrors};
use crate::file::SpecFile;
use crate::model::Spec;

/// Every spec under `dir`, sorted by method name. `shown_as` is how `dir` is named in
/// messages (usually the path the user wrote, e.g. `specs`).
///
/// Every file is checked even when an earlier one fails, and every error is returned.
pub fn load_dir(dir: &Path, shown_as: &Path) -> Result<Vec<Spec>, SpecErrors> {
    let files = spec_files(dir).map_err(|e| {
        SpecErrors::from(SpecError::file(
            shown_as,
            format!("cannot read spec directory: {e}"),
        ))
    })?;
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(dir).unwrap_or(file);
        match load_file(file, &shown_as.join(relative)) {
            Ok(spec) => specs.push(spec),
            Err(e) => errors.extend(e.0),
        }
    }
    let mut first_file: HashMap<String, PathBuf> = HashMap::new();
    for spec in &specs {
        if let Some(first) = first_file.insert(spec.endpoint.method.clone(), spec.path.clone()) {
            errors.push(SpecError::file(
                &spec.path,
                format!(
                    "endpoint: method '{}' is also defined in {}",
                    spec.endpoint.method,
                    first.display()
                ),
            ));
        }
    }
    if errors.is_empty() {
        specs.sort_by(|a, b| a.endpoint.method.cmp(&b.endpoint.method));
        Ok(specs)
    } else {
        Err(SpecErrors(errors))
    }
}

/// Reads and checks one file.
pub fn load_file(path: &Path, shown_as: &Path) -> Result<Spec, SpecErrors> {
    let source = fs::read_to_string(path)
        .map_err(|e| SpecError::file(shown_as, format!("cannot read spec file: {e}")))?;
    load_str(shown_as, &source)
}

/// Parses and checks spec text; `shown_as` names it in messages and decides where the
/// method must live.
pub fn load_str(shown_as: &Path, source: &str) -> Result<Spec, SpecErrors> {
    let file: SpecFile = toml::from_str(source).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        SpecError::at(shown_as, source, span, e.message().trim_end().to_owned())
    })?;
    check(shown_as, source, file)
}

/// Every `*.toml` below `dir`, in a stable order.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
