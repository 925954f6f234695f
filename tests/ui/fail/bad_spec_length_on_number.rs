wdt::include_specs!("./bad_specs/length_on_number");

fn main() {}
