wdt::include_specs!("./bad_specs/unknown_protocol");

fn main() {}
