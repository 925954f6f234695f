use wdt::purchase::purchase_order::cancel_by_type::{OperateType, Params};
use wdt::wms::outer::outer_out::create_order::SrcOrderType;

fn main() {
    let _ = Params::new(SrcOrderType::Transfer, vec![]);
    let _ = Params::new(0, vec![]);
    let _ = OperateType::Cancel;
}
