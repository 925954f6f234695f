//! Finding and reading spec files: a directory tree of `*.toml`, one endpoint per file.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::check::{check, check_code_table};
use crate::error::{SpecError, SpecErrors};
use crate::file::{CodeTableFile, SpecFile};
use crate::model::{Catalog, Enum, Spec};

/// The folder of a spec directory that holds shared code tables.
pub const CODES_DIR: &str = "codes";

/// Every spec under `dir`, sorted by method name. `shown_as` is how `dir` is named in
/// messages (usually the path the user wrote, e.g. `specs`).
pub fn load_dir(dir: &Path, shown_as: &Path) -> Result<Vec<Spec>, SpecErrors> {
    load_catalog(dir, shown_as).map(|catalog| catalog.specs)
}

/// Every spec under `dir` and the code tables of `dir/codes/`.
///
/// Every file is checked even when an earlier one fails, and every error is returned.
pub fn load_catalog(dir: &Path, shown_as: &Path) -> Result<Catalog, SpecErrors> {
    load_catalog_where(dir, shown_as, |_| true)
}

/// Like [`load_catalog`], reading only the spec files (paths relative to `dir`) that `keep`
/// accepts; code tables are always read.
pub fn load_catalog_where(
    dir: &Path,
    shown_as: &Path,
    keep: impl Fn(&Path) -> bool,
) -> Result<Catalog, SpecErrors> {
    let files = spec_files(dir).map_err(|e| {
        SpecErrors::from(SpecError::file(
            shown_as,
            format!("cannot read spec directory: {e}"),
        ))
    })?;
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(dir).unwrap_or(file);
        if !relative.starts_with(CODES_DIR) && !keep(relative) {
            continue;
        }
        match read(file, &shown_as.join(relative)) {
            Ok(source) => sources.push((relative, source)),
            Err(e) => errors.extend(e.0),
        }
    }
    let loaded = load_catalog_sources(
        shown_as,
        sources
            .iter()
            .map(|(path, source)| (*path, source.as_str())),
    );
    match loaded {
        Ok(catalog) if errors.is_empty() => Ok(catalog),
        Ok(_) => Err(SpecErrors(errors)),
        Err(more) => {
            errors.extend(more.0);
            Err(SpecErrors(errors))
        }
    }
}

/// Reads and checks one code table file.
pub fn load_code_table(path: &Path, shown_as: &Path) -> Result<Enum, SpecErrors> {
    load_code_table_str(shown_as, &read(path, shown_as)?)
}

/// Parses and checks code table text; `shown_as` names it in messages.
pub fn load_code_table_str(shown_as: &Path, source: &str) -> Result<Enum, SpecErrors> {
    let file: CodeTableFile = toml::from_str(source).map_err(|e| syntax(shown_as, source, &e))?;
    check_code_table(shown_as, source, file)
}

/// A catalogue from spec texts held in memory (a binary that embeds its spec directory),
/// checked exactly as [`load_catalog`] checks a directory. Paths are relative to the spec
/// directory, which `shown_as` names; those under `codes/` are code tables.
pub fn load_catalog_sources<'a>(
    shown_as: &Path,
    sources: impl IntoIterator<Item = (&'a Path, &'a str)>,
) -> Result<Catalog, SpecErrors> {
    let (code_sources, spec_sources): (Vec<_>, Vec<_>) = sources
        .into_iter()
        .partition(|(path, _)| path.starts_with(CODES_DIR));
    let mut errors = Vec::new();
    let mut codes: Vec<Enum> = Vec::new();
    for (path, source) in code_sources {
        let shown = shown_as.join(path);
        match load_code_table_str(&shown, source) {
            Ok(table) if codes.iter().any(|c| c.name == table.name) => {
                errors.push(SpecError::file(
                    &shown,
                    format!("code table '{}' is defined twice", table.name),
                ))
            }
            Ok(table) => codes.push(table),
            Err(e) => errors.extend(e.0),
        }
    }
    let names: BTreeSet<String> = codes.iter().map(|c| c.name.clone()).collect();
    let mut specs = Vec::new();
    for (path, source) in spec_sources {
        match parse(&shown_as.join(path), source, Some(&names)) {
            Ok(spec) => specs.push(spec),
            Err(e) => errors.extend(e.0),
        }
    }
    if !errors.is_empty() {
        return Err(SpecErrors(errors));
    }
    Catalog::new(specs, codes)
}

/// Reads and checks one file on its own: `codes.X` types are not resolved.
pub fn load_file(path: &Path, shown_as: &Path) -> Result<Spec, SpecErrors> {
    parse(shown_as, &read(path, shown_as)?, None)
}

/// Parses and checks spec text; `shown_as` names it in messages and decides where the
/// method must live. `codes.X` types are not resolved (see [`load_catalog`]).
pub fn load_str(shown_as: &Path, source: &str) -> Result<Spec, SpecErrors> {
    parse(shown_as, source, None)
}

fn read(path: &Path, shown_as: &Path) -> Result<String, SpecErrors> {
    fs::read_to_string(path)
        .map_err(|e| SpecError::file(shown_as, format!("cannot read spec file: {e}")).into())
}

fn syntax(shown_as: &Path, source: &str, e: &toml::de::Error) -> SpecErrors {
    let span = e.span().unwrap_or(0..0);
    let mut message = e.message().trim_end().to_owned();
    // The single-table form of earlier specs: say what to write instead.
    if source
        .get(span.clone())
        .is_some_and(|text| text.starts_with("[time_window]"))
    {
        message.push_str(" (write [[time_window]]: an endpoint may have several windows)");
    }
    SpecError::at(shown_as, source, span, message).into()
}

fn parse(
    shown_as: &Path,
    source: &str,
    codes: Option<&BTreeSet<String>>,
) -> Result<Spec, SpecErrors> {
    let file: SpecFile = toml::from_str(source).map_err(|e| syntax(shown_as, source, &e))?;
    check(shown_as, source, file, codes)
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
