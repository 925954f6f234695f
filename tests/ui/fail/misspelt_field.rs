use wdt::wms::outer::outer_out::create_order::Order;

fn main() {
    let _ = Order {
        warehouse_number: "pos".into(),
        ..Order::new("pos")
    };
}
