//! `include_specs!`: a thin shim over `wdt-codegen`.
//!
//! It finds the spec directory, reads the specs of the enabled area features (that choice
//! is the macro's own: it depends on the calling crate's features), hands the catalogue to
//! `wdt-codegen` and turns spec errors into `compile_error!`s. What a spec means is
//! `wdt-spec`'s, what it becomes is `wdt-codegen`'s.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// Expands every spec file under a directory into typed endpoints.
///
/// ```ignore
/// wdt::include_specs!("specs");
/// ```
///
/// The directory is relative to the calling crate's `Cargo.toml`; a path starting with `./`
/// or `../` is relative to the calling file instead, like `include_str!`.
///
/// With `, area_features`, only the specs of areas (`wms`, `purchase`, …) whose Cargo
/// feature is enabled are read and expanded: the crate's build script must pass the
/// enabled features as `cargo::rustc-env=WDT_FEATURES=<comma-separated names>` (see the
/// `wdt` crate's `build.rs`). Code tables are always expanded.
///
/// Editing a spec rebuilds the crate. Cargo only notices *new* files in the directory
/// when the crate's build script says so: `println!("cargo::rerun-if-changed=specs");`.
#[proc_macro]
pub fn include_specs(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let args = syn::parse_macro_input!(input as Args);
    expand(&args).into()
}

struct Args {
    dir: LitStr,
    area_features: bool,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let dir: LitStr = input.parse()?;
        let mut area_features = false;
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let option: Ident = input.parse()?;
            match option.to_string().as_str() {
                "area_features" => area_features = true,
                other => {
                    return Err(syn::Error::new(
                        option.span(),
                        format!("unknown option '{other}' (expected 'area_features')"),
                    ));
                }
            }
        }
        Ok(Args { dir, area_features })
    }
}

/// The variable `area_features` reads the enabled Cargo features from.
const FEATURES_ENV: &str = "WDT_FEATURES";

fn expand(args: &Args) -> TokenStream {
    let written = args.dir.value();
    let dir = match resolve(&written, args.dir.span()) {
        Ok(dir) => dir,
        Err(message) => return error(args.dir.span(), &message),
    };
    let areas = if args.area_features {
        match std::env::var(FEATURES_ENV) {
            Ok(list) => Some(list.split(',').map(str::to_owned).collect::<Vec<_>>()),
            Err(_) => {
                return error(
                    args.dir.span(),
                    &format!(
                        "area_features needs the crate's build script to print \
                         cargo::rustc-env={FEATURES_ENV}=<enabled features, comma-separated>"
                    ),
                );
            }
        }
    } else {
        None
    };
    let tracked = track(&dir);
    let enabled = |area: &str| areas.as_ref().is_none_or(|a| a.iter().any(|f| f == area));
    // A spec of area `wms` lives in `wms/` (possibly below extra folders): skip the others
    // unread, which is what makes a one-area build cheap.
    let keep = |relative: &Path| {
        relative
            .parent()
            .into_iter()
            .flat_map(Path::iter)
            .any(|folder| folder.to_str().is_some_and(enabled))
    };
    let expanded =
        wdt_spec::load_catalog_where(&dir, Path::new(&written), keep).map(|mut catalog| {
            catalog.specs.retain(|s| enabled(s.endpoint.area()));
            wdt_codegen::expand(&catalog, &wdt_codegen::Config::default())
        });
    match expanded {
        Ok(tokens) => quote!(#tracked #tokens),
        Err(errors) => {
            let errors = errors
                .iter()
                .map(|e| error(args.dir.span(), &e.to_string()));
            quote!(#tracked #(#errors)*)
        }
    }
}

/// The spec directory: relative to the manifest, or to the calling file for `./` and `../`.
fn resolve(written: &str, span: Span) -> Result<PathBuf, String> {
    if written.starts_with("./") || written.starts_with("../") {
        let file = span
            .unwrap()
            .local_file()
            .ok_or_else(|| format!("cannot tell which file '{written}' is relative to"))?;
        let base = file.parent().unwrap_or(Path::new("."));
        return Ok(base.join(written));
    }
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .ok_or_else(|| "CARGO_MANIFEST_DIR is not set (is this built by cargo?)".to_owned())?;
    Ok(Path::new(&manifest).join(written))
}

/// `include_bytes!` of every spec file, so editing one rebuilds the calling crate.
fn track(dir: &Path) -> TokenStream {
    let files = wdt_spec::load::spec_files(dir).unwrap_or_default();
    let includes = files.iter().filter_map(|f| {
        let path = f.canonicalize().ok()?;
        let path = path.to_str()?.to_owned();
        Some(quote!(
            const _: &[u8] = include_bytes!(#path);
        ))
    });
    quote!(#(#includes)*)
}

fn error(span: Span, message: &str) -> TokenStream {
    quote_spanned!(span=> compile_error!(#message);)
}
