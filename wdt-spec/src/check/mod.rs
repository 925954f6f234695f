//! Every semantic check of a spec file, turning its tables into the [`crate::model`].
//!
//! Checks collect errors instead of stopping at the first, so a user fixing a spec sees
//! every problem of the file in one build. One submodule per concern: `fields` (field
//! rows and their keys), `enums` (type names and value sets), `rules` (structs and
//! their cross-field rules), `shape` (the endpoint, protocol shape, roles, file
//! location), `paging`, `windows` (time windows and spans) and `catalog` (checks
//! across files, such as Rust name collisions).

mod catalog;
mod enums;
mod fields;
mod paging;
mod rules;
mod shape;
mod windows;

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

pub use catalog::check_catalog;
pub use windows::parse_span;

use crate::error::{SpecError, SpecErrors};
use crate::file::{CodeTableFile, SpecFile};
use crate::model::{Enum, EnumRepr, Examples, Number, Response, Severity, Spec};
use crate::names;
use crate::types::{self, Names};

/// Checks a parsed spec file. `path` is how the file is named in messages; `codes` are the
/// code tables `codes.X` types may name (`None` when they are not known: any name passes).
pub fn check(
    path: &Path,
    source: &str,
    file: SpecFile,
    codes: Option<&BTreeSet<String>>,
) -> Result<Spec, SpecErrors> {
    let mut cx = Ctxt::new(path, source);
    let spec = cx.spec(file, codes);
    cx.finish(spec)
}

/// Checks a code table file (`codes/*.toml`): one enum shared by every spec.
pub fn check_code_table(
    path: &Path,
    source: &str,
    file: CodeTableFile,
) -> Result<Enum, SpecErrors> {
    let mut cx = Ctxt::new(path, source);
    let table = cx.enum_(&file.code_table);
    match table {
        Some(table) => cx.finish(table),
        None => cx.finish(Enum {
            name: String::new(),
            repr: EnumRepr::Int,
            description: None,
            source: None,
            values: Vec::new(),
        }),
    }
}

/// The file being checked and the errors found so far.
struct Ctxt<'a> {
    path: &'a Path,
    source: &'a str,
    errors: Vec<SpecError>,
}

/// The struct and enum names of the file, for resolving type expressions.
struct Defined<'a> {
    structs: BTreeSet<String>,
    enums: BTreeSet<String>,
    codes: Option<&'a BTreeSet<String>>,
}

impl Names for Defined<'_> {
    fn is_struct(&self, name: &str) -> bool {
        self.structs.contains(name)
    }
    fn is_enum(&self, name: &str) -> bool {
        self.enums.contains(name)
    }
    fn all(&self) -> Vec<&str> {
        self.structs
            .iter()
            .chain(&self.enums)
            .map(String::as_str)
            .collect()
    }
    fn is_code(&self, name: &str) -> bool {
        self.codes
            .map_or_else(|| names::is_type_name(name), |codes| codes.contains(name))
    }
    fn codes(&self) -> Vec<&str> {
        self.codes
            .map(|codes| codes.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

impl<'a> Ctxt<'a> {
    fn new(path: &'a Path, source: &'a str) -> Self {
        Ctxt {
            path,
            source,
            errors: Vec::new(),
        }
    }

    /// The checked value, or every error found, in file order.
    fn finish<T>(mut self, value: T) -> Result<T, SpecErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            self.errors.sort_by_key(|e| (e.line, e.column));
            Err(SpecErrors(self.errors))
        }
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors
            .push(SpecError::at(self.path, self.source, span, message));
    }

    /// `severity = "error" | "warning"`; absent means error.
    fn severity(&mut self, who: &str, value: Option<&Spanned<String>>) -> Severity {
        match value.map(|v| (v.get_ref().as_str(), v)) {
            None | Some(("error", _)) => Severity::Error,
            Some(("warning", _)) => Severity::Warning,
            Some((other, v)) => {
                self.error(
                    v.span(),
                    format!("{who}: severity '{other}' (expected 'error' or 'warning')"),
                );
                Severity::Error
            }
        }
    }

    fn spec(&mut self, file: SpecFile, codes: Option<&BTreeSet<String>>) -> Spec {
        let endpoint = self.endpoint(&file.endpoint);
        let mut defined = self.names(&file.structs, &file.enums);
        defined.codes = codes;
        let enums: Vec<Enum> = file.enums.iter().filter_map(|e| self.enum_(e)).collect();

        let args = self.fields("arg", &file.args, &defined, &enums, endpoint.protocol);
        self.positional_args(&file.args, &args, endpoint.protocol);
        let mut structs: Vec<_> = file
            .structs
            .iter()
            .map(|s| self.struct_(s, &defined, &enums, endpoint.protocol))
            .collect();
        let response = file.response.as_ref().and_then(|r| {
            match types::parse(r.get_ref().ty.get_ref(), &defined) {
                Ok(ty) => Some(Response {
                    ty,
                    description: r.get_ref().description.clone(),
                }),
                Err(message) => {
                    self.error(r.get_ref().ty.span(), format!("response: {message}"));
                    None
                }
            }
        });

        self.protocol_shape(&file, &args, endpoint.protocol);
        self.roles(&file, &args, response.as_ref(), &mut structs, &enums);
        self.recursion(&file.structs, &structs);
        self.request_only_keys(&file, &structs);
        let paging = file
            .paging
            .as_ref()
            .and_then(|p| self.paging(p, response.as_ref(), &args, &structs, endpoint.protocol));
        let time_windows = file
            .time_windows
            .iter()
            .filter_map(|w| self.time_window(w, &args, &structs, &enums))
            .collect();
        self.location(&file.endpoint.get_ref().method, &endpoint.method);
        let method_at =
            crate::error::line_column(self.source, file.endpoint.get_ref().method.span().start);

        Spec {
            path: self.path.to_path_buf(),
            method_at,
            endpoint,
            args,
            structs,
            enums,
            response,
            paging,
            time_windows,
            examples: Examples {
                request: file.examples.request,
                response: file.examples.response,
                error: file.examples.error,
            },
        }
    }
}

fn number(n: &Number) -> f64 {
    match *n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    }
}
