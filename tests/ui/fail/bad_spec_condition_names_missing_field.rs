wdt::include_specs!("./bad_specs/condition_names_missing_field");

fn main() {}
