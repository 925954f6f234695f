//! What the command tests share: a sandbox to call, and `wdt` as users run it.

// Each test crate compiles this module and uses part of it.
#![allow(dead_code)]

use assert_cmd::Command;
use wdt_sandbox::{Sandbox, SandboxConfig, SeedOptions};

/// A sandbox on its own runtime thread, stopped when dropped.
pub struct Running {
    sandbox: Option<Sandbox>,
    runtime: tokio::runtime::Runtime,
}

impl Running {
    pub fn start(seed: Option<SeedOptions>) -> Running {
        Running::start_with(SandboxConfig {
            seed,
            ..SandboxConfig::default()
        })
    }

    /// A sandbox with this configuration.
    pub fn start_with(config: SandboxConfig) -> Running {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let sandbox = runtime.block_on(Sandbox::start(config)).unwrap();
        Running {
            sandbox: Some(sandbox),
            runtime,
        }
    }

    /// The sandbox's root URL.
    pub fn base_url(&self) -> String {
        self.sandbox.as_ref().unwrap().base_url()
    }

    /// The environment `wdt` reads: the sandbox's URLs and demo credentials.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let sandbox = self.sandbox.as_ref().unwrap();
        vec![
            ("WDT_URL", sandbox.wdt_url()),
            ("WDT_SID", wdt_sandbox::DEMO_SID.to_owned()),
            ("WDT_KEY", wdt_sandbox::DEMO_KEY.to_owned()),
            ("WDT_SECRET", wdt_sandbox::DEMO_APP_SECRET.to_owned()),
            ("WDT_QIMEN_URL", sandbox.route_url()),
            (
                "WDT_QIMEN_APP_KEY",
                wdt_sandbox::DEMO_QIMEN_APP_KEY.to_owned(),
            ),
            (
                "WDT_QIMEN_SECRET",
                wdt_sandbox::DEMO_QIMEN_SECRET.to_owned(),
            ),
            ("QIMEN_URL", sandbox.qimen_url()),
            ("QIMEN_APP_KEY", wdt_sandbox::DEMO_QIMEN_APP_KEY.to_owned()),
            ("QIMEN_SECRET", wdt_sandbox::DEMO_QIMEN_SECRET.to_owned()),
            (
                "QIMEN_CUSTOMER_ID",
                wdt_sandbox::DEMO_QIMEN_CUSTOMER_ID.to_owned(),
            ),
        ]
    }

    /// `wdt` with the sandbox's demo credentials in its environment.
    pub fn wdt(&self) -> Command {
        let mut cmd = Command::cargo_bin("wdt").unwrap();
        cmd.env_clear().envs(self.env());
        cmd
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.runtime.block_on(sandbox.shutdown());
        }
    }
}

pub fn wdt() -> Command {
    Command::cargo_bin("wdt").unwrap()
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
