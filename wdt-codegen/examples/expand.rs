fn main() {
    let path = std::env::args().nth(1).expect("spec file");
    let spec = wdt_spec::load_file(path.as_ref(), path.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let tokens = wdt_codegen::expand(&[spec], &Default::default()).unwrap();
    println!("{}", wdt_codegen::pretty(tokens, &path).unwrap());
}
