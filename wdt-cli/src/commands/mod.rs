//! One module per command; each returns a one-line error.

mod call;
mod config;
mod sandbox;
mod spec;
mod sync;

use crate::cli::{Cli, Command, SpecCommand};

/// Why a command failed, as one line for the user.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Spec files have problems (already printed, one per line).
    #[error("{0} problem(s) found in the specs")]
    Specs(usize),
    #[error("{0}")]
    Message(String),
}

impl Failure {
    pub fn msg(message: impl std::fmt::Display) -> Self {
        Failure::Message(message.to_string())
    }
}

/// The endpoint `method` of the catalogue compiled into this binary.
pub fn endpoint(method: &str) -> Result<&'static wdt::EndpointInfo, Failure> {
    wdt::ENDPOINTS
        .iter()
        .find(|e| e.method == method)
        .ok_or_else(|| {
            Failure::msg(format!(
                "unknown method '{method}' ({} methods are known; `wdt spec check` lists specs)",
                wdt::ENDPOINTS.len()
            ))
        })
}

/// A tokio runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Runtime::new()
        .map_err(|e| Failure::msg(format!("cannot start the async runtime: {e}")))
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Spec(SpecCommand::Check { path }) => spec::check(&path),
        Command::Spec(SpecCommand::Expand { file }) => spec::expand(&file),
        Command::Spec(SpecCommand::Catalog { dir }) => spec::catalog(&dir),
        Command::Spec(SpecCommand::Import {
            pages,
            out,
            overwrite,
            strict,
        }) => spec::import(&pages, out.as_deref(), overwrite, strict),
        Command::Call(args) => call::run(args),
        Command::Sync(args) => sync::run(args),
        Command::Sandbox(args) => sandbox::serve(args),
        Command::Demo => sandbox::demo(),
    }
}
