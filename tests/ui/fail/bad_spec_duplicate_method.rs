wdt::include_specs!("./bad_specs/duplicate_method");

fn main() {}
