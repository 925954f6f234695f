//! A user's crate rebuilds when a spec is edited, added or removed.
//!
//! Runs `cargo check` on a copy of `examples/custom-specs` and reads cargo's JSON messages
//! to see whether the crate was compiled again or reused.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Check {
    success: bool,
    /// Whether cargo reused the crate's last build.
    fresh: Option<bool>,
    messages: String,
}

fn cargo_check(crate_dir: &Path, target_dir: &Path) -> Check {
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--message-format=json"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json: Vec<serde_json::Value> = stdout
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let fresh = json
        .iter()
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| m["target"]["name"] == "custom_specs")
        .find_map(|m| m["fresh"].as_bool());
    let rendered: String = json
        .iter()
        .filter_map(|m| m["message"]["rendered"].as_str())
        .collect();
    Check {
        success: output.status.success(),
        fresh,
        messages: rendered + &String::from_utf8_lossy(&output.stderr),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn editing_adding_and_removing_specs_rebuilds() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().unwrap();
    let crate_dir: PathBuf = scratch.path().join("custom-specs");
    copy_dir(&workspace.join("examples/custom-specs"), &crate_dir);
    // A standalone package depending on this checkout of wdt, with the workspace's lockfile.
    let manifest = fs::read_to_string(crate_dir.join("Cargo.toml"))
        .unwrap()
        .replace(
            r#"path = "../..""#,
            &format!("path = {:?}", workspace.display().to_string()),
        );
    fs::write(crate_dir.join("Cargo.toml"), manifest + "\n[workspace]\n").unwrap();
    fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    let target_dir = workspace.join("target/rebuild-test");

    let first = cargo_check(&crate_dir, &target_dir);
    assert!(first.success, "{}", first.messages);

    let unchanged = cargo_check(&crate_dir, &target_dir);
    assert_eq!(
        unchanged.fresh,
        Some(true),
        "nothing changed: {}",
        unchanged.messages
    );

    let spec = crate_dir.join("specs/wms/stockout/Sales.weighingExt.toml");
    let text = fs::read_to_string(&spec).unwrap();
    fs::write(
        &spec,
        text.replace("将重量回传写入ERP销售订单出库单", "重量回传"),
    )
    .unwrap();
    let edited = cargo_check(&crate_dir, &target_dir);
    assert!(edited.success, "{}", edited.messages);
    assert_eq!(edited.fresh, Some(false), "an edited spec rebuilds");

    let added = crate_dir.join("specs/wms/stockout/Sales.weighingCheck.toml");
    fs::write(
        &added,
        text.replace("weighingExt", "weighingCheck")
            .replace(r#"type = "decimal""#, r#"type = "decimall""#),
    )
    .unwrap();
    let broken = cargo_check(&crate_dir, &target_dir);
    assert!(
        !broken.success,
        "a new, broken spec is read and fails the build"
    );
    assert!(
        broken.messages.contains(
            "specs/wms/stockout/Sales.weighingCheck.toml:31:8: arg 'weight': unknown type 'decimall', did you mean 'decimal'?"
        ),
        "{}",
        broken.messages
    );

    fs::remove_file(&added).unwrap();
    let removed = cargo_check(&crate_dir, &target_dir);
    assert!(removed.success, "{}", removed.messages);
    assert_eq!(removed.fresh, Some(false), "a removed spec rebuilds");
}
