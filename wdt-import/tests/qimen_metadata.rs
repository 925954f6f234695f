//! The importer over the 63 Qimen metadata files of `shared/docs/qimen`: each must import
//! into a spec that loads, the specs must check together and generate Rust, and the seed
//! method's import must say what the committed spec says.
//!
//! Run with `--nocapture` for the figures and every warning.

mod shared;

use std::path::{Path, PathBuf};

use wdt_import::Imported;
use wdt_spec::model::{Field, Type};

fn metadata_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared::dir().join("docs/qimen"))
        .expect("the metadata is in shared/docs/qimen")
        .map(|e| e.expect("readable directory").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("taobao_qimen_"))
        })
        .collect();
    files.sort();
    files
}

fn import(path: &Path) -> Result<Imported, wdt_import::ImportError> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    wdt_import::import_page(&name, &std::fs::read_to_string(path).unwrap())
}

fn load(imported: &Imported) -> wdt_spec::Spec {
    wdt_spec::load_str(
        &Path::new("specs").join(&imported.relative_path),
        &imported.toml,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", imported.method))
}

#[test]
fn every_metadata_file_imports_into_a_valid_spec() {
    let files = metadata_files();
    assert_eq!(files.len(), 63, "the metadata has 63 methods");
    let mut imported = Vec::new();
    let mut failed = Vec::new();
    for file in &files {
        match import(file) {
            Ok(spec) => imported.push(spec),
            Err(error) => failed.push(error.to_string()),
        }
    }
    let partial: Vec<&Imported> = imported.iter().filter(|i| !i.is_clean()).collect();
    println!(
        "qimen metadata: {} clean, {} partial, {} failed, of {}",
        imported.len() - partial.len(),
        partial.len(),
        failed.len(),
        files.len()
    );
    for spec in &imported {
        for warning in &spec.warnings {
            println!("  {}: {warning}", spec.method);
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));

    // Each spec generates Rust that parses.
    let specs: Vec<wdt_spec::Spec> = imported.iter().map(load).collect();
    for spec in &specs {
        let catalog = wdt_spec::Catalog::new(vec![spec.clone()], Vec::new()).unwrap();
        let tokens = wdt_codegen::expand(&catalog, &wdt_codegen::Config::default());
        wdt_codegen::pretty(tokens, "specs").expect("generated code parses");
    }
    // Together they do not check yet: two methods are also the group of another
    // (`deliveryorder.batchcreate` and `deliveryorder.batchcreate.answer`), which the
    // module layout cannot hold. The catalogue needs a rule for these before it takes them.
    let together = wdt_spec::Catalog::new(specs, Vec::new())
        .unwrap_err()
        .to_string();
    let collisions: Vec<&str> = together.lines().collect();
    assert_eq!(collisions.len(), 2, "{together}");
    assert!(together.contains("'taobao.qimen.deliveryorder.batchcreate' and group 'batchcreate'"));
    assert!(together.contains("'taobao.qimen.inventory.synchronize' and group 'synchronize'"));
}

/// What a spec says apart from the names chosen by hand and the comments: every field by
/// wire name with its type shape, presence, XML item element and enum values.
fn outline(spec: &wdt_spec::Spec) -> Vec<String> {
    fn shape(spec: &wdt_spec::Spec, ty: &Type) -> String {
        match ty {
            Type::Struct(_) => "struct".into(),
            Type::Enum(name) => {
                let values = spec
                    .enum_named(name)
                    .map(|e| {
                        e.values
                            .iter()
                            .map(|v| v.wire.to_string())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                format!("enum{values:?}")
            }
            Type::List(t) => format!("list<{}>", shape(spec, t)),
            Type::Map(t) => format!("map<{}>", shape(spec, t)),
            other => other.to_string(),
        }
    }
    fn walk(spec: &wdt_spec::Spec, path: &str, fields: &[Field], out: &mut Vec<String>) {
        for f in fields {
            let here = format!("{path}{}", f.wire_name);
            out.push(format!(
                "{here}: {} required={} xml_item={:?}",
                shape(spec, &f.ty),
                f.required,
                f.xml_item
            ));
            if let Some(s) = f.ty.named().and_then(|n| spec.struct_named(n)) {
                walk(spec, &format!("{here}."), &s.fields, out);
            }
        }
    }
    let mut out = vec![spec.endpoint.method.clone()];
    walk(spec, "", &spec.args, &mut out);
    if let Some(response) = spec.response.as_ref() {
        out.push(format!("response: {}", shape(spec, &response.ty)));
        if let Some(s) = response.ty.named().and_then(|n| spec.struct_named(n)) {
            walk(spec, "response.", &s.fields, &mut out);
        }
    }
    out
}

#[test]
fn the_seed_method_imports_as_committed() {
    let file = shared::dir().join("docs/qimen/taobao_qimen_order_cancel.json");
    let imported = load(&import(&file).unwrap());
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let relative = Path::new("taobao/qimen/order.cancel.toml");
    let committed =
        wdt_spec::load_file(&specs.join(relative), &Path::new("specs").join(relative)).unwrap();
    assert_eq!(outline(&imported), outline(&committed));
}
