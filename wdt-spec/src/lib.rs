//! Spec files for wdt endpoints.
//!
//! A spec is a TOML file transcribing one vendor doc page: the endpoint, its positional
//! arguments, the structs and enums of its tables, its response, paging and time-window rules.
//! The pipeline reads in module order: [`file`](mod@file) (the tables as written, with spans) →
//! [`check`] (every rule, all errors collected) → [`model`] (what code generation consumes).
//! The format is documented key by key in `specs/README.md`.

pub mod catalog;
pub mod check;
pub mod error;
pub mod file;
pub mod load;
pub mod model;
pub mod names;
pub mod types;

pub use error::{SpecError, SpecErrors};
pub use load::{
    load_catalog, load_catalog_sources, load_catalog_where, load_dir, load_file, load_str,
};
pub use model::{Catalog, Spec};
