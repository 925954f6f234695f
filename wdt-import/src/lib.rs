//! Vendor doc pages (scraped markdown) into wdt spec files.
//!
//! [`import_page`] reads one page of the 旺店通 旗舰版 or 淘宝 奇门 documentation and returns
//! the spec file's text, where it belongs (`purchase/PurchaseOrder.cancelByType.toml`) and
//! what a person should look at ([`Warning`]s that name the page's line, section and row).
//! The text always passes `wdt_spec::load_str`. [`write_all`] puts a batch into a spec tree.
//!
//! The pipeline reads in module order: `page` (markdown → blocks, the only place markdown
//! is parsed) → `qjb` / `qimen` (a layout's blocks → what the page says) → `build` (what
//! the page says → the spec to write, with every decision and warning) → `emit` (TOML text)
//! → `verify` (the page's request example against the loaded spec, with the runtime's checks).

#![warn(missing_docs)]

mod build;
mod doc;
mod draft;
mod emit;
mod enums;
mod examples;
mod names;
mod page;
mod qimen;
mod qimen_json;
mod qjb;
mod span;
mod text;
mod titles;
mod types;
mod verify;
mod warning;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use warning::{Severity, Warning};

/// One imported page.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The method, e.g. `purchase.PurchaseOrder.cancelByType`.
    pub method: String,
    /// Where the spec lives below a spec directory: `purchase/PurchaseOrder.cancelByType.toml`.
    pub relative_path: PathBuf,
    /// The spec file's text.
    pub toml: String,
    /// What the importer could not transcribe for certain, in page order.
    pub warnings: Vec<Warning>,
}

impl Imported {
    /// Whether the spec holds everything the page says, without guesses: no warning is
    /// [`Severity::Guessed`] or [`Severity::Lost`].
    pub fn is_clean(&self) -> bool {
        !self.warnings.iter().any(|w| w.severity.is_partial())
    }

    /// The warnings that make the import partial.
    pub fn partial_reasons(&self) -> impl Iterator<Item = &Warning> {
        self.warnings.iter().filter(|w| w.severity.is_partial())
    }
}

/// Why a page could not be imported, or a batch not written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The text is not a doc page of either layout.
    #[error("{source_name}: not a vendor doc page ({reason})")]
    NotADocPage {
        /// The page as the caller named it.
        source_name: String,
        /// What is missing.
        reason: String,
    },
    /// The importer wrote a spec that fails the spec checks: a bug in wdt-import.
    #[error(
        "{source_name}: the imported spec fails its checks (a bug in wdt-import; please report it with the page):\n{errors}"
    )]
    Rejected {
        /// The page as the caller named it.
        source_name: String,
        /// What `wdt_spec` reports about the written spec.
        errors: wdt_spec::SpecErrors,
    },
    /// Two pages of a batch describe the same method.
    #[error("{method} is imported twice, from {first} and {second}")]
    Duplicate {
        /// The method both pages describe.
        method: String,
        /// Where the first page's spec would go.
        first: String,
        /// Where the second page's spec would go.
        second: String,
    },
    /// A spec file exists already and the batch was not to overwrite it.
    #[error("{}: already exists (overwrite it with WriteMode::Overwrite)", path.display())]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// Writing failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or directory being written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
}

/// Imports one page. `source_name` names it in warnings and in the spec's header comment
/// (usually the file name).
pub fn import_page(source_name: &str, text: &str) -> Result<Imported, ImportError> {
    let page = page::parse(text);
    let mut warnings = warning::Warnings::default();
    let not_a_page = |reason: &str| ImportError::NotADocPage {
        source_name: source_name.to_owned(),
        reason: reason.to_owned(),
    };
    let mut doc = if qimen_json::recognises(text) {
        qimen_json::read(text, &mut warnings)
    } else if qimen::recognises(&page) {
        qimen::read(&page, &mut warnings)
    } else if qjb::recognises(&page) {
        qjb::read(&page, &mut warnings)
    } else {
        return Err(not_a_page(
            "neither a 旗舰版 page (no 1.接口说明 section), a 奇门 page (no taobao.qimen title) nor Qimen metadata (JSON with a taobao.qimen name and requestParams)",
        ));
    }
    .ok_or_else(|| {
        not_a_page(
            "no method title such as **wms.stockout.Other.cancelOtherOrder（其他出库单取消）**",
        )
    })?;
    // The pager is in the PHP and Java samples, which the readers do not keep.
    doc.example_page_size = examples::pager_size(text);
    let draft = build::build(&doc, source_name, &mut warnings);
    let toml = emit::emit(&draft);
    let relative_path = relative_path(&doc.method);
    let spec =
        wdt_spec::load_str(&Path::new("specs").join(&relative_path), &toml).map_err(|errors| {
            ImportError::Rejected {
                source_name: source_name.to_owned(),
                errors,
            }
        })?;
    verify::request_example(&spec, doc.examples.request.as_ref(), &mut warnings);
    let mut warnings = warnings.0;
    warnings.sort_by_key(|w| w.line.unwrap_or(usize::MAX));
    Ok(Imported {
        method: doc.method,
        relative_path,
        toml,
        warnings,
    })
}

/// Where a method's spec lives below the spec directory: `a.b.Class.op` → `a/b/Class.op.toml`.
pub fn relative_path(method: &str) -> PathBuf {
    let segments: Vec<&str> = method.split('.').collect();
    let n = segments.len();
    if n < 2 {
        return PathBuf::from(format!("{method}.toml"));
    }
    let mut path: PathBuf = segments[..n - 2].iter().collect();
    path.push(format!("{}.{}.toml", segments[n - 2], segments[n - 1]));
    path
}

/// Whether [`write_all`] may replace existing files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Refuse to touch a spec that exists (a hand-reviewed spec is worth more than an import).
    KeepExisting,
    /// Replace existing specs.
    Overwrite,
}

/// Writes a batch into a spec directory, creating subdirectories; returns the paths written.
/// Nothing is written when two pages name the same method or (with
/// [`WriteMode::KeepExisting`]) a file exists.
pub fn write_all(
    dir: &Path,
    imported: &[Imported],
    mode: WriteMode,
) -> Result<Vec<PathBuf>, ImportError> {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for item in imported {
        if let Some(first) = seen.insert(&item.method, &item.relative_path) {
            return Err(ImportError::Duplicate {
                method: item.method.clone(),
                first: first.display().to_string(),
                second: item.relative_path.display().to_string(),
            });
        }
        let path = dir.join(&item.relative_path);
        if mode == WriteMode::KeepExisting && path.exists() {
            return Err(ImportError::Exists { path });
        }
    }
    let mut written = Vec::new();
    for item in imported {
        let path = dir.join(&item.relative_path);
        let io_error = |source| ImportError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error)?;
        }
        fs::write(&path, &item.toml).map_err(io_error)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_the_method() {
        assert_eq!(
            relative_path("purchase.PurchaseOrder.cancelByType"),
            PathBuf::from("purchase/PurchaseOrder.cancelByType.toml")
        );
        assert_eq!(
            relative_path("taobao.qimen.order.cancel"),
            PathBuf::from("taobao/qimen/order.cancel.toml")
        );
    }

    #[test]
    fn writes_a_batch_into_the_spec_tree() {
        let page = "**wms.demo.Thing.cancel（示例取消）**\n\n**1.接口说明**\n\n3.3 业务请求参数\n\n| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |\n| --- | --- | --- | --- | --- | --- |\n| 单号 | thing_no | String | 40 | 是 | 单号 |\n";
        let imported = import_page("demo.md", page).unwrap();
        assert!(imported.is_clean(), "{:?}", imported.warnings);
        let dir = std::env::temp_dir().join(format!("wdt-import-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let batch = [imported.clone()];
        let written = write_all(&dir, &batch, WriteMode::KeepExisting).unwrap();
        assert_eq!(written, [dir.join("wms/demo/Thing.cancel.toml")]);
        assert!(matches!(
            write_all(&dir, &batch, WriteMode::KeepExisting),
            Err(ImportError::Exists { .. })
        ));
        assert!(write_all(&dir, &batch, WriteMode::Overwrite).is_ok());
        let twice = [imported.clone(), imported];
        assert!(matches!(
            write_all(&dir, &twice, WriteMode::Overwrite),
            Err(ImportError::Duplicate { .. })
        ));
        let specs = wdt_spec::load_dir(&dir, Path::new("specs")).unwrap();
        assert_eq!(specs[0].endpoint.method, "wms.demo.Thing.cancel");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_what_is_not_a_page() {
        let err = import_page("notes.md", "# Shopping list\n\n- milk\n").unwrap_err();
        assert!(matches!(err, ImportError::NotADocPage { .. }), "{err}");
    }
}
