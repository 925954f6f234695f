//! A page with parts the importer cannot read: the rest is imported, the spec still passes
//! its checks, and every part that did not make it is named with its line, section and row.

use wdt_import::Severity;

const PAGE: &str = r#"---
url: "https://open.wangdian.cn/qjb/open/apidoc/doc?path=wms.demo.Thing.queryList"
---
**wms.demo.Thing.queryList（示例查询）**

**1.接口说明**

|     |
| --- |
| **1.1 接口描述：** 示例 |
| **1.2 适用版本：** 客户端 V1.0.0.1及以上版本 |

**3.请求参数说明**

3.3 业务请求参数

| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |
| --- | --- | --- | --- | --- | --- |
| 单号 | thing_no | String | 40 | 是 | 单号 |
| 状态 | 状态值 | Int |  | 否 | 0：正常<br>1：停用 |
| 模式 | mode | Int |  | 视情况 | 模式 |

**ghost\_list**

| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |
| --- | --- | --- | --- | --- | --- |
| 编号 | ghost\_no | String |  | 是 | 编号 |

**4.响应参数**

| 名称 | 字段 | 类型 | 长度 | 必须 | 描述 |
| --- | --- | --- | --- | --- | --- |
| 状态码 | status | Int |  | 是 | 返回0为正常 |

**5.请求示例**

|     |     |
| --- | --- |
| JSON | ```<br>["T001", 0,<br>``` |
"#;

#[test]
fn what_cannot_be_read_is_reported_where_it_is() {
    let imported = wdt_import::import_page("demo.md", PAGE).unwrap();
    assert!(!imported.is_clean());
    let shown: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    let has = |needle: &str| shown.iter().any(|w| w.contains(needle));

    // A row whose 字段 is not an identifier is left out, and says so.
    assert!(
        has(
            "line 20: 3.3 业务请求参数 › row '状态值': the field name '状态值' is not an ASCII identifier, so the row is left out (lost)"
        ),
        "{shown:#?}"
    );
    // 必须 that is neither yes nor no.
    assert!(
        has(
            "line 21: 3.3 业务请求参数 › row 'mode': 必须 '视情况' is neither yes nor no; read as optional (guessed)"
        ),
        "{shown:#?}"
    );
    // A sub-table whose title names no row.
    assert!(
        has(
            "line 23: 3.3 业务请求参数 › ghost_list: no row of the page is named 'ghost_list', so its table (1 rows: ghost_no) was left out (lost)"
        ),
        "{shown:#?}"
    );
    // An example that is not JSON even after cleaning.
    assert!(
        has("5.请求示例: the request example is not valid JSON"),
        "{shown:#?}"
    );

    let lost = imported
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::Lost)
        .count();
    assert_eq!(lost, 3, "{shown:#?}");

    // What could be read is there, and the file passes the spec checks.
    assert!(imported.toml.contains("name = \"thing_no\""));
    assert!(!imported.toml.contains("状态值"));
    wdt_spec::load_str(
        &std::path::Path::new("specs").join(&imported.relative_path),
        &imported.toml,
    )
    .unwrap();
}
