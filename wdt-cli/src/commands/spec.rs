//! `wdt spec check` and `wdt spec expand`.

use std::path::{Path, PathBuf};

use super::Failure;

pub fn check(path: &Path) -> Result<(), Failure> {
    let result = if path.is_dir() {
        wdt_spec::load_catalog(path, path).map(|c| (c.specs.len(), c.codes.len()))
    } else {
        wdt_spec::load_file(path, path).map(|_| (1, 0))
    };
    match result {
        Ok((specs, codes)) => {
            println!(
                "{specs} spec(s) and {codes} code table(s) OK in {}",
                path.display()
            );
            Ok(())
        }
        Err(errors) => {
            for error in errors.iter() {
                eprintln!("{error}");
            }
            Err(Failure::Specs(errors.0.len()))
        }
    }
}

pub fn import(
    pages: &[PathBuf],
    out: Option<&Path>,
    overwrite: bool,
    strict: bool,
) -> Result<(), Failure> {
    let mut imported = Vec::new();
    let mut failed = 0;
    let mut partial = 0;
    let mut skipped = 0;
    let sources = sources(pages)?;
    for (page, in_folder) in &sources {
        let name = page.display().to_string();
        let text = std::fs::read_to_string(page)
            .map_err(|e| Failure::msg(format!("cannot read {name}: {e}")))?;
        match wdt_import::import_page(&name, &text) {
            // A folder may hold other files (a README, an index); only pages are imported.
            Err(wdt_import::ImportError::NotADocPage { .. }) if *in_folder => skipped += 1,
            Ok(item) => {
                for warning in &item.warnings {
                    eprintln!("{name}: {warning}");
                }
                if !item.is_clean() {
                    partial += 1;
                }
                imported.push(item);
            }
            Err(error) => {
                eprintln!("{error}");
                failed += 1;
            }
        }
    }
    match out {
        Some(dir) => {
            let mode = if overwrite {
                wdt_import::WriteMode::Overwrite
            } else {
                wdt_import::WriteMode::KeepExisting
            };
            for path in wdt_import::write_all(dir, &imported, mode).map_err(Failure::msg)? {
                println!("wrote {}", path.display());
            }
        }
        None => {
            for item in &imported {
                println!(
                    "# {}
{}",
                    item.relative_path.display(),
                    item.toml
                );
            }
        }
    }
    let skipped_note = if skipped > 0 {
        format!(" ({skipped} file(s) of the folders are not doc pages and were skipped)")
    } else {
        String::new()
    };
    eprintln!(
        "{} page(s): {} imported cleanly, {partial} partly, {failed} failed{skipped_note}",
        sources.len() - skipped,
        imported.len() - partial
    );
    if failed > 0 {
        Err(Failure::msg(format!(
            "{failed} page(s) could not be imported"
        )))
    } else if strict && partial > 0 {
        Err(Failure::msg(format!(
            "{partial} page(s) imported only partly (see the warnings)"
        )))
    } else {
        Ok(())
    }
}

/// The files to import: each file given, and the `.md`, `.txt` and `.json` files of each
/// folder given (marked, so that a file there that is not a doc page is skipped).
fn sources(paths: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>, Failure> {
    let mut sources = Vec::new();
    for path in paths {
        if !path.is_dir() {
            sources.push((path.clone(), false));
            continue;
        }
        let entries = std::fs::read_dir(path)
            .map_err(|e| Failure::msg(format!("cannot read {}: {e}", path.display())))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|file| {
                file.extension()
                    .is_some_and(|x| x == "md" || x == "txt" || x == "json")
            })
            .collect();
        files.sort();
        sources.extend(files.into_iter().map(|file| (file, true)));
    }
    Ok(sources)
}

pub fn catalog(dir: &Path) -> Result<(), Failure> {
    let catalog = wdt_spec::load_catalog(dir, dir).map_err(Failure::msg)?;
    print!("{}", wdt_spec::catalog::markdown(&catalog));
    Ok(())
}

pub fn expand(file: &Path) -> Result<(), Failure> {
    let spec = wdt_spec::load_file(file, file).map_err(Failure::msg)?;
    let catalog = wdt_spec::Catalog::new(vec![spec], Vec::new()).map_err(Failure::msg)?;
    let tokens = wdt_codegen::expand(&catalog, &wdt_codegen::Config::default());
    let text = wdt_codegen::pretty(tokens, &file.display().to_string()).map_err(Failure::msg)?;
    print!("{text}");
    Ok(())
}
