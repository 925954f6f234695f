//! `wdt completions SHELL`: clap's completion script, with the catalogue's method names as
//! the values of every method argument.

use std::io::Write as _;

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
    let mut out = std::io::stdout();
    clap_complete::generate(shell, &mut command, "wdt", &mut out);
    if shell == clap_complete::Shell::Fish {
        // clap's fish script completes flags only, not the values of positionals.
        let methods = methods.join(" ");
        for name in TAKES_A_METHOD {
            writeln!(
                out,
                "complete -c wdt -n \"__fish_wdt_using_subcommand {name}\" -f -a \"{methods}\""
            )
            .map_err(Failure::msg)?;
        }
    }
    Ok(())
}
