wdt::include_specs!("./bad_specs/toml_syntax_error");

fn main() {}
