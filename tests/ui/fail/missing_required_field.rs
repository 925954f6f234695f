use wdt::wms::outer::outer_out::create_order::OrderDetail;

fn main() {
    let _ = OrderDetail {
        num: 2,
        aux_unit_name: None,
        remark: None,
        defect: None,
        batch_no: None,
        expire_date: None,
        is_enable_sn: None,
        sn_list: None,
        extra_fields: Default::default(),
    };
}
