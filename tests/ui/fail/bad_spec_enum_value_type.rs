wdt::include_specs!("./bad_specs/enum_value_type");

fn main() {}
