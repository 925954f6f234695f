//! The crate's own endpoint is generated, signed and validated like the ones `wdt` ships.

use std::str::FromStr;
use std::sync::Arc;

use custom_specs::wms::stockout::sales::weighing_ext;
use wdt::{Decimal, Endpoint, Validate};

#[test]
fn own_spec_becomes_a_typed_endpoint() {
    let request = weighing_ext::Request {
        logistics_or_trade_no: "xc109393939393939".into(),
        package_barcode: String::new(),
        weight: Decimal::from_str("1.2").unwrap(),
        packager_id: 0,
        force: false,
    };
    assert_eq!(
        weighing_ext::Request::METHOD,
        "wms.stockout.Sales.weighingExt"
    );
    assert_eq!(custom_specs::ENDPOINTS.len(), 1);

    // Known-answer vector W1 of PROTOCOL.md: the same body and signature.
    let client = wdt::WdtClient::builder()
        .sid("wdterp30")
        .app_key("czhc")
        .app_secret("693f9fed686bfe13441385da98b436b6:dd488d0802b1e431e4c72cd355847853")
        .base_url("http://gw.example")
        .clock(Arc::new(wdt::FixedClock::new(232_623_153 + 1_325_347_200)))
        .build()
        .unwrap();
    let prepared = client.prepare(&request, None).unwrap();
    assert_eq!(
        std::str::from_utf8(&prepared.body).unwrap(),
        r#"["xc109393939393939","",1.2,0,false]"#
    );
    assert!(
        prepared
            .url
            .ends_with("&sign=20f557aaf9190797c581bbceeb6d5a5c")
    );
}

#[test]
fn own_spec_validates() {
    let request = weighing_ext::Request {
        logistics_or_trade_no: String::new(),
        package_barcode: String::new(),
        weight: Decimal::ONE,
        packager_id: 0,
        force: false,
    };
    assert_eq!(
        request.validate().unwrap_err().to_string(),
        "logisticsOrTradeNo: required, must not be empty"
    );
}
