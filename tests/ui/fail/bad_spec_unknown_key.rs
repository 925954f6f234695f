wdt::include_specs!("./bad_specs/unknown_key");

fn main() {}
