//! `wdt describe METHOD|FILE`: what a method takes, from its spec.
//!
//! Catalogue methods are described from the spec files embedded at build time (the same
//! files the `wdt` crate generated its code from); a path describes that spec file.

mod text;
mod view;

use std::path::Path;

use wdt::Protocol;
use wdt_spec::{Catalog, Spec};

use super::{Failure, unknown_method};
use crate::cli::{DescribeArgs, DescribeFormat};

include!(concat!(env!("OUT_DIR"), "/spec_sources.rs"));

pub fn run(args: DescribeArgs) -> Result<(), Failure> {
    let description = if looks_like_a_path(&args.method) {
        let path = Path::new(&args.method);
        let spec = wdt_spec::load_file(path, path).map_err(|errors| {
            for error in errors.iter() {
                eprintln!("{error}");
            }
            Failure::Specs(errors.0.len())
        })?;
        view::describe(&spec, &[], example_args(&spec))
    } else {
        let catalog = catalog()?;
        let spec = catalog
            .specs
            .iter()
            .find(|s| s.endpoint.method == args.method)
            .ok_or_else(|| unknown_method(&args.method))?;
        view::describe(spec, &catalog.codes, example_args(spec))
    };
    match args.format {
        DescribeFormat::Text => print!("{}", text::render(&description)),
        DescribeFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&description).map_err(Failure::msg)?
        ),
    }
    Ok(())
}

fn looks_like_a_path(target: &str) -> bool {
    target.ends_with(".toml") || target.contains('/') || target.contains('\\')
}

/// The embedded catalogue, checked as `wdt spec check` checks a directory.
fn catalog() -> Result<Catalog, Failure> {
    wdt_spec::load_catalog_sources(
        Path::new("specs"),
        SPEC_SOURCES
            .iter()
            .map(|(path, text)| (Path::new(*path), *text)),
    )
    .map_err(|e| Failure::msg(format!("the embedded catalogue does not load: {e}")))
}

/// The page's request example as a `--json` argument: 旗舰版 examples already are one;
/// a Qimen XML example is read by the method's typed request and written as JSON (only
/// for catalogue methods, which have typed code in this binary).
fn example_args(spec: &Spec) -> Option<String> {
    let example = spec.examples.request.as_deref()?.trim();
    match spec.endpoint.protocol {
        wdt_spec::model::Protocol::Wdt => Some(example.to_owned()),
        wdt_spec::model::Protocol::Qimen => {
            let info = wdt::ENDPOINTS
                .iter()
                .find(|e| e.method == spec.endpoint.method && e.protocol == Protocol::Qimen)?;
            let to_json = info.request_json?;
            to_json(example.as_bytes())
                .ok()
                .map(|json| json.to_string())
        }
    }
}
