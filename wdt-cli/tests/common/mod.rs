//! What the command tests share: a sandbox to call, and `wdt` as users run it.

use assert_cmd::Command;
use wdt_sandbox::{Sandbox, SandboxConfig, SeedOptions};

/// A sandbox on its own runtime thread, stopped when dropped.
pub struct Running {
    sandbox: Option<Sandbox>,
    runtime: tokio::runtime::Runtime,
}

impl Running {
    pub fn start(seed: Option<SeedOptions>) -> Running {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let config = SandboxConfig {
            seed,
            ..SandboxConfig::default()
        };
        let sandbox = runtime.block_on(Sandbox::start(config)).unwrap();
        Running {
            sandbox: Some(sandbox),
            runtime,
        }
    }

    /// The sandbox's root URL.
    #[allow(
        dead_code,
        reason = "each test crate compiles this module; not all use it"
    )]
    pub fn base_url(&self) -> String {
        self.sandbox.as_ref().unwrap().base_url()
    }

    /// `wdt` with the sandbox's demo credentials in its environment.
    pub fn wdt(&self) -> Command {
        let sandbox = self.sandbox.as_ref().unwrap();
        let mut cmd = Command::cargo_bin("wdt").unwrap();
        cmd.env_clear()
            .env("WDT_URL", sandbox.wdt_url())
            .env("WDT_SID", wdt_sandbox::DEMO_SID)
            .env("WDT_KEY", wdt_sandbox::DEMO_KEY)
            .env("WDT_SECRET", wdt_sandbox::DEMO_APP_SECRET)
            .env("QIMEN_URL", sandbox.qimen_url())
            .env("QIMEN_APP_KEY", wdt_sandbox::DEMO_QIMEN_APP_KEY)
            .env("QIMEN_SECRET", wdt_sandbox::DEMO_QIMEN_SECRET)
            .env("QIMEN_CUSTOMER_ID", wdt_sandbox::DEMO_QIMEN_CUSTOMER_ID);
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
