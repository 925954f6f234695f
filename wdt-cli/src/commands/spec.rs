//! `wdt spec check` and `wdt spec expand`.

use std::path::Path;

use super::Failure;

pub fn check(path: &Path) -> Result<(), Failure> {
    let result = if path.is_dir() {
        wdt_spec::load_catalog(path, path).map(|c| (c.specs.len(), c.codes.len()))
    } else {
        wdt_spec::load_file(path, path).map(|_| (1, 0))
    };
    match result {
        Ok((specs, codes)) => {
            println!(
                "{specs} spec(s) and {codes} code table(s) OK in {}",
                path.display()
            );
            Ok(())
        }
        Err(errors) => {
            for error in errors.iter() {
                eprintln!("{error}");
            }
            Err(Failure::Specs(errors.0.len()))
        }
    }
}

pub fn catalog(dir: &Path) -> Result<(), Failure> {
    let catalog = wdt_spec::load_catalog(dir, dir).map_err(Failure::msg)?;
    print!("{}", wdt_spec::catalog::markdown(&catalog));
    Ok(())
}

pub fn expand(file: &Path) -> Result<(), Failure> {
    let spec = wdt_spec::load_file(file, file).map_err(Failure::msg)?;
    let tokens =
        wdt_codegen::expand(&[spec], &wdt_codegen::Config::default()).map_err(Failure::msg)?;
    let text = wdt_codegen::pretty(tokens, &file.display().to_string()).map_err(Failure::msg)?;
    print!("{text}");
    Ok(())
}
