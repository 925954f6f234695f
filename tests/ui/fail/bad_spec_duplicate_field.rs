wdt::include_specs!("./bad_specs/duplicate_field");

fn main() {}
