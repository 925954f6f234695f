wdt::include_specs!("./bad_specs/unused_struct");

fn main() {}
