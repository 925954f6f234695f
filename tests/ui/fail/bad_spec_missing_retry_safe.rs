wdt::include_specs!("./bad_specs/missing_retry_safe");

fn main() {}
