//! `wdt sandbox` and `wdt demo`.

use std::io::Write as _;

use wdt_sandbox::{FaultRule, Sandbox, SandboxConfig, SeedOptions};

use super::{Failure, runtime};
use crate::cli::SandboxArgs;

pub fn serve(args: SandboxArgs) -> Result<(), Failure> {
    let mut config = SandboxConfig::from_env().map_err(Failure::usage)?;
    config.port = args.port;
    config.examples_only = args.examples_only;
    for rule in &args.faults {
        let rule: FaultRule = serde_json::from_str(rule)
            .map_err(|e| Failure::usage(format!("--fault {rule}: {e}")))?;
        config.faults.rules.push(rule);
    }
    if let Some(count) = args.seed_records {
        let time = |text: &str| {
            wdt::runtime::wire::parse_datetime(text).ok_or_else(|| {
                Failure::usage(format!("'{text}' is not a time as yyyy-MM-dd HH:mm:ss"))
            })
        };
        let from = match &args.seed_from {
            Some(text) => time(text)?,
            None => wdt::runtime::clock::beijing(wdt::Clock::unix_seconds(&wdt::SystemClock))
                .date()
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        };
        let to = match &args.seed_to {
            Some(text) => time(text)?,
            None => from + wdt::chrono::TimeDelta::days(1) - wdt::chrono::TimeDelta::seconds(1),
        };
        config.seed = Some(SeedOptions {
            seed: 1,
            cancelled_stockouts: count,
            from,
            to,
        });
    }
    runtime()?.block_on(async {
        let sandbox = Sandbox::start(config).await.map_err(Failure::msg)?;
        let banner = format!(
            "sandbox listening on {}\n  旗舰版 gateway: {}\n  奇门 gateway:   {}\n  奇门自定义:     {}\n  admin:          {}\n",
            sandbox.base_url(),
            sandbox.wdt_url(),
            sandbox.qimen_url(),
            sandbox.route_url(),
            sandbox.admin_url()
        );
        // The banner is for whoever watches; a reader that has closed stdout (a script
        // that took the first line) must not stop the sandbox.
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(banner.as_bytes()).and_then(|()| out.flush());
        drop(out);
        tokio::signal::ctrl_c().await.map_err(Failure::msg)?;
        sandbox.shutdown().await;
        Ok(())
    })
}

pub fn demo() -> Result<(), Failure> {
    let mut out = std::io::stdout();
    wdt_sandbox::demo::run(&mut out).map_err(Failure::msg)
}
