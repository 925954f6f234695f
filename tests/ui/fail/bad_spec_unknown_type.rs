wdt::include_specs!("./bad_specs/unknown_type");

fn main() {}
