//! One module per command; each returns a one-line error that says which exit status it
//! ends the process with.

mod call;
mod completions;
mod config;
mod describe;
mod sandbox;
mod spec;
mod sync;

use std::io::Read as _;

use wdt::runtime::suggest;

use crate::cli::{Cli, Command, SpecCommand};

/// Why a command failed, as one line for the user; the variant decides the exit status
/// (listed in `wdt --help`, see `cli::EXIT_STATUSES`).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Spec files have problems (already printed, one per line).
    #[error("{0} problem(s) found in the specs")]
    Specs(usize),
    /// A wrong command line or missing configuration: nothing was sent.
    #[error("{0}")]
    Usage(String),
    /// The request breaks its spec: nothing was sent.
    #[error("{0}")]
    Refused(String),
    /// The vendor answered with an error.
    #[error("{0}")]
    Vendor(String),
    /// No reply: the connection failed, timed out, or the gateway answered a non-200 HTTP
    /// status.
    #[error("{0}")]
    Transport(String),
    /// A reply that is not what the spec describes.
    #[error("{0}")]
    Unreadable(String),
    /// Anything else (a file that cannot be written, an import that fails).
    #[error("{0}")]
    Other(String),
}

impl Failure {
    pub fn msg(message: impl std::fmt::Display) -> Self {
        Failure::Other(message.to_string())
    }

    pub fn usage(message: impl std::fmt::Display) -> Self {
        Failure::Usage(message.to_string())
    }

    /// The same failure, its message prefixed with where it happened.
    pub fn within(self, context: &str) -> Failure {
        let with = |text: String| format!("{context}: {text}");
        match self {
            Failure::Specs(n) => Failure::Specs(n),
            Failure::Usage(t) => Failure::Usage(with(t)),
            Failure::Refused(t) => Failure::Refused(with(t)),
            Failure::Vendor(t) => Failure::Vendor(with(t)),
            Failure::Transport(t) => Failure::Transport(with(t)),
            Failure::Unreadable(t) => Failure::Unreadable(with(t)),
            Failure::Other(t) => Failure::Other(with(t)),
        }
    }

    /// The process exit status.
    pub fn exit_status(&self) -> u8 {
        match self {
            Failure::Specs(_) | Failure::Other(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Refused(_) => 3,
            Failure::Vendor(_) => 4,
            Failure::Transport(_) => 5,
            Failure::Unreadable(_) => 6,
        }
    }
}

impl From<wdt::Error> for Failure {
    fn from(error: wdt::Error) -> Self {
        let text = error.to_string();
        match error {
            wdt::Error::Config(_) => Failure::Usage(text),
            wdt::Error::Invalid { .. } => Failure::Refused(text),
            wdt::Error::Api { .. }
            | wdt::Error::QimenFailure { .. }
            | wdt::Error::QimenGateway { .. } => Failure::Vendor(text),
            wdt::Error::Transport { .. } | wdt::Error::Http { .. } => Failure::Transport(text),
            wdt::Error::Decode { .. }
            | wdt::Error::ReplyTooLarge { .. }
            | wdt::Error::ReplyRefused { .. } => Failure::Unreadable(text),
            _ => Failure::Other(text),
        }
    }
}

/// The endpoint `method` of the catalogue compiled into this binary.
pub fn endpoint(method: &str) -> Result<&'static wdt::EndpointInfo, Failure> {
    wdt::ENDPOINTS
        .iter()
        .find(|e| e.method == method)
        .ok_or_else(|| unknown_method(method))
}

/// "unknown method", with the closest method name when one is close enough.
pub fn unknown_method(method: &str) -> Failure {
    let known = wdt::ENDPOINTS.iter().map(|e| e.method);
    let hint = match suggest::closest(method, known) {
        Some(closest) => format!("did you mean {closest}?"),
        None => format!(
            "{} methods are known; `wdt completions` lists them for your shell",
            wdt::ENDPOINTS.len()
        ),
    };
    Failure::usage(format!("unknown method '{method}' ({hint})"))
}

/// The `--json` argument: the text itself, `@FILE` for a file's contents, `-` for stdin.
pub fn json_arg(arg: &str) -> Result<String, Failure> {
    if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::usage(format!("cannot read --json from stdin: {e}")))?;
        Ok(text)
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read --json file {path}: {e}")))
    } else {
        Ok(arg.to_owned())
    }
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
        Command::Describe(args) => describe::run(args),
        Command::Call(args) => call::run(args),
        Command::Sync(args) => sync::run(args),
        Command::Sandbox(args) => sandbox::serve(args),
        Command::Demo => sandbox::demo(),
        Command::Completions { shell } => completions::run(shell),
    }
}
