//! Shared code tables: `codes/*.toml`, named from specs as `codes.Name`.

use std::fs;
use std::path::Path;

const PLATFORM: &str = r#"
[code_table]
name = "Platform"
type = "int"
description = "平台代码表"
source = "https://open.wangdian.cn/qjb/open/guide?path=guide_ptdmb"
values = [
  { wire = 0, name = "Offline", label = "线下" },
  { wire = 1, name = "Taobao", label = "淘宝", note = "0:淘宝集市；1:天猫商城" },
]
"#;

fn spec(field_type: &str) -> String {
    format!(
        r#"[endpoint]
method = "demo.Shop.search"
protocol = "wdt"
name = "店铺查询"
retry_safe = true

[[arg]]
name = "platform_id"
type = "{field_type}"
"#
    )
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

#[test]
fn specs_name_code_tables() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("codes/platform.toml", PLATFORM),
            ("demo/Shop.search.toml", &spec("codes.Platform")),
        ],
    );
    let catalog = wdt_spec::load_catalog(dir.path(), Path::new("specs")).unwrap();
    assert_eq!(catalog.codes.len(), 1);
    assert_eq!(
        catalog.codes[0].values[1].note.as_deref(),
        Some("0:淘宝集市；1:天猫商城")
    );
    assert_eq!(
        catalog.specs[0].args[0].ty,
        wdt_spec::model::Type::Code("Platform".into())
    );
}

#[test]
fn unknown_and_duplicate_code_tables_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("codes/platform.toml", PLATFORM),
            ("codes/platform_again.toml", PLATFORM),
            ("demo/Shop.search.toml", &spec("codes.Logistics")),
        ],
    );
    let errors = wdt_spec::load_catalog(dir.path(), Path::new("specs")).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "specs/codes/platform_again.toml:1:1: code table 'Platform' is defined twice",
            "specs/demo/Shop.search.toml:9:8: arg 'platform_id': unknown code table 'codes.Logistics' (code tables: Platform)",
        ]
    );
}
