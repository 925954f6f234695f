//! `wdt`: the integrator's everyday tool.
//!
//! Every failure ends the process with a non-zero status that says what kind of failure it
//! was (`cli::EXIT_STATUSES`, shown in `wdt --help`) and one line naming the problem (a
//! spec check may print one line per problem).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wdt: {error}");
            ExitCode::from(error.exit_status())
        }
    }
}
