wdt::include_specs!("./bad_specs/enum_without_values");

fn main() {}
