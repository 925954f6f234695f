//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// What each exit status means; `commands::Failure::exit_status` maps failures to them.
pub const EXIT_STATUSES: &str = "\
Exit status:
  0  success
  1  other failure (spec problems, an import that fails, a file that cannot be written)
  2  usage or configuration error (unknown method, bad flag, WDT_*/QIMEN_* not set)
  3  request refused by validation before sending (the arguments break the spec)
  4  the vendor's error reply (旗舰版 status ≠ 0, Qimen failure or gateway error)
  5  transport failure or timeout (no reply, or an HTTP status other than 200)
  6  unreadable reply (not what the spec describes)";

/// Typed, validated, signed calls to the 旺店通 旗舰版 and 奇门 APIs, from spec files.
#[derive(Debug, Parser)]
#[command(name = "wdt", version, about, after_help = EXIT_STATUSES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Work with spec files.
    #[command(subcommand)]
    Spec(SpecCommand),
    /// What a method takes: its arguments and fields, rules, paging and an example.
    Describe(DescribeArgs),
    /// Validate, sign and send one call; print the reply's data as JSON.
    ///
    /// 旗舰版 methods read WDT_URL, WDT_SID, WDT_KEY and WDT_SECRET (secret:salt); with
    /// `--route qimen` WDT_QIMEN_APP_KEY and WDT_QIMEN_SECRET instead of WDT_URL (and,
    /// optionally, WDT_QIMEN_URL and WDT_QIMEN_TARGET_APP_KEY). Qimen methods read
    /// QIMEN_URL, QIMEN_APP_KEY, QIMEN_SECRET and QIMEN_CUSTOMER_ID.
    Call(CallArgs),
    /// Every record of a windowed query over a time range: JSON lines on stdout, or a
    /// SQLite file (--into); resumable.
    Sync(SyncArgs),
    /// Serve the sandbox gateways on 127.0.0.1 until interrupted.
    Sandbox(SandboxArgs),
    /// Start a sandbox and run the five seed endpoints through the typed client.
    Demo,
    /// Print a shell completion script (commands, flags and the catalogue's method names).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum SpecCommand {
    /// Run every spec check; one line per problem, exit status 1 on any.
    Check {
        /// A spec directory or file.
        #[arg(default_value = "specs")]
        path: PathBuf,
    },
    /// Turn vendor doc pages (scraped markdown, Qimen metadata JSON) into spec files.
    ///
    /// Warnings name the page line and table row; review placeholder names before building.
    /// Exit status 1 when a page cannot be imported, or (with --strict) when an import is
    /// partial.
    Import {
        /// The doc pages: scraped markdown (旗舰版 or 奇门), Qimen metadata JSON, or folders of
        /// them (files there that are not doc pages are skipped).
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// Write the specs below this spec directory (laid out by method name) instead of
        /// printing them.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace spec files that exist.
        #[arg(long, requires = "out")]
        overwrite: bool,
        /// Fail when a page imports only partly (a guess or a lost row).
        #[arg(long)]
        strict: bool,
    },
    /// Print the catalogue of a spec directory as markdown (specs/CATALOG.md).
    Catalog {
        /// The spec directory.
        #[arg(default_value = "specs")]
        dir: PathBuf,
    },
    /// Print the Rust code a spec file expands to.
    Expand {
        /// The spec file.
        file: PathBuf,
    },
}

/// How `wdt describe` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DescribeFormat {
    /// For people.
    Text,
    /// The same, as JSON for tools.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DescribeArgs {
    /// A catalogue method (wms.stockout.Sales.searchCancel) or a spec file path.
    pub method: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DescribeFormat::Text)]
    pub format: DescribeFormat,
}

#[derive(Debug, clap::Args)]
pub struct CallArgs {
    /// The method, e.g. wms.stockout.Sales.searchCancel.
    pub method: String,
    /// The arguments: a JSON array of the positional arguments (Qimen: the request object);
    /// @FILE reads them from a file, - from stdin.
    #[arg(long = "json", value_name = "ARGS")]
    pub args: Option<String>,
    /// Validate and sign, then print the request as it would be sent (the salt hidden)
    /// instead of sending it.
    #[arg(long, conflicts_with = "all")]
    pub dry_run: bool,
    /// Page size of a paged 旗舰版 query (default: the spec's). A Qimen query takes its
    /// page and pageSize in --json.
    #[arg(long, conflicts_with = "all")]
    pub page_size: Option<u32>,
    /// Page number of a paged 旗舰版 query, from 0.
    #[arg(long, conflicts_with = "all")]
    pub page_no: Option<u32>,
    /// Fetch every page of a 旗舰版 query and print all records as one JSON array.
    #[arg(long)]
    pub all: bool,
    /// How a 旗舰版 call goes.
    #[arg(long, value_enum, default_value_t = Route::Direct)]
    pub route: Route,
}

/// How 旗舰版 calls go: to the 旗舰版 gateway, or through Taobao's Qimen router.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Route {
    /// The 旗舰版 gateway (WDT_URL).
    Direct,
    /// The 奇门自定义 route (WDT_QIMEN_*): the trade queries also return 淘系 and system
    /// 供销 orders.
    Qimen,
}

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// A paged method with a time window, e.g. wms.stockout.Sales.searchCancel.
    pub method: String,
    /// Start of the range, `yyyy-MM-dd HH:mm:ss` (Beijing time).
    #[arg(long, value_name = "TIME")]
    pub from: String,
    /// End of the range, `yyyy-MM-dd HH:mm:ss` (included when the method's window includes its end).
    #[arg(long, value_name = "TIME")]
    pub to: String,
    /// Other arguments as JSON (the window's fields are set for each window); @FILE reads
    /// them from a file, - from stdin.
    #[arg(long = "json", value_name = "ARGS")]
    pub args: Option<String>,
    /// Page size (default: the spec's default page size).
    #[arg(long)]
    pub page_size: Option<u32>,
    /// Windows read at once; their records are still stored in time order.
    #[arg(
        long,
        default_value_t = wdt::runtime::paging::DEFAULT_WINDOW_CONCURRENCY as u32,
        value_parser = clap::value_parser!(u32).range(1..=64)
    )]
    pub concurrency: u32,
    /// Store the records in a SQLite file (`sqlite:FILE`): one table per method, rows
    /// upserted by the record's id, the checkpoint in the same transaction as its window.
    #[arg(long, value_name = "sqlite:FILE", conflicts_with = "checkpoint")]
    pub into: Option<String>,
    /// With JSON lines on stdout: remember finished windows here and resume after them.
    #[arg(long, value_name = "FILE")]
    pub checkpoint: Option<PathBuf>,
    /// Seconds every call waits after the vendor's rate-limit reply (it counts calls per
    /// minute).
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0, value_parser = pause_seconds)]
    pub rate_limit_pause: f64,
    /// No progress bar and no summary line.
    #[arg(long)]
    pub quiet: bool,
    /// How the calls go (see `wdt call --help`).
    #[arg(long, value_enum, default_value_t = Route::Direct)]
    pub route: Route,
}

/// A pause of 0 to 600 seconds.
fn pause_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if (0.0..=600.0).contains(&seconds) => Ok(seconds),
        _ => Err(format!("'{text}' is not a number of seconds from 0 to 600")),
    }
}

#[derive(Debug, clap::Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Generate this many cancelled sales stockouts (what searchCancel finds).
    #[arg(long, value_name = "N")]
    pub seed_records: Option<u32>,
    /// Start of their modification times (`yyyy-MM-dd HH:mm:ss`); default: today 00:00:00.
    #[arg(long, value_name = "TIME", requires = "seed_records")]
    pub seed_from: Option<String>,
    /// End of their modification times; default: `seed_from` plus one day, less a second.
    #[arg(long, value_name = "TIME", requires = "seed_records")]
    pub seed_to: Option<String>,
    /// A fault rule as JSON, e.g. `{"fault":{"kind":"http_status","status":503},"probability":0.1}`;
    /// repeatable. Faults can also be changed at run time through POST /admin/faults.
    #[arg(long = "fault", value_name = "JSON")]
    pub faults: Vec<String>,
    /// Answer every method with its spec's example response (no ERP state).
    #[arg(long)]
    pub examples_only: bool,
}
