//! `wdt completions SHELL`: clap's completion script, with the catalogue's method names as
//! the values of every method argument.

use clap::CommandFactory;
use clap::builder::PossibleValuesParser;

use super::Failure;
use crate::cli::Cli;

/// The subcommands whose `method` argument names a catalogue method.
const TAKES_A_METHOD: &[&str] = &["call", "sync", "describe"];

pub fn run(shell: clap_complete::Shell) -> Result<(), Failure> {
    let methods: Vec<&'static str> = wdt::ENDPOINTS.iter().map(|e| e.method).collect();
    let mut command = Cli::command();
    for name in TAKES_A_METHOD {
        let methods = methods.clone();
        command = command.mut_subcommand(name, |sub| {
            sub.mut_arg("method", |arg| {
                arg.value_parser(PossibleValuesParser::new(methods))
            })
        });
    }
    clap_complete::generate(shell, &mut command, "wdt", &mut std::io::stdout());
    Ok(())
}
