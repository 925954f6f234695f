wdt::include_specs!("./bad_specs/span_on_non_datetime");

fn main() {}
