wdt::include_specs!("./bad_specs/misplaced_file");

fn main() {}
