//! The long fuzz run: `cargo bench -p wdt-fuzz --profile fuzz -- [TARGET|all] [INPUTS]
//! [SECONDS] [THREADS]` (defaults: every target, 10,000,000 inputs each, at most 3,600 s
//! each, one thread per core). The `fuzz` profile is optimised with overflow checks and
//! debug assertions on, so an arithmetic overflow is a finding rather than a wrap. Prints
//! inputs per second, panics (with the seed that replays each), the slowest input and peak
//! memory; exits 1 on any panic, and at once when no input finishes for 60 s (a hang).

use std::time::Duration;

fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// No input of `target` finished for a minute: report it and stop.
fn hang(target: &str) {
    println!("| {target} | hang: no input finished for 60 s |");
    std::process::exit(1);
}

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let only = args.first().cloned().filter(|name| name != "all");
    let inputs: u64 = args
        .get(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000_000);
    let seconds: u64 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(3_600);
    let threads: u64 = args
        .get(3)
        .and_then(|n| n.parse().ok())
        .or_else(|| {
            std::thread::available_parallelism()
                .ok()
                .map(|n| n.get() as u64)
        })
        .unwrap_or(1);
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    println!("{threads} thread(s) per target");
    println!("| target | inputs | inputs/s | panics | slowest input |");
    println!("| --- | --- | --- | --- | --- |");
    for target in wdt_fuzz::targets() {
        if only.as_deref().is_some_and(|name| name != target.name) {
            continue;
        }
        let report = wdt_fuzz::run_parallel(
            &target,
            1,
            inputs,
            Duration::from_secs(seconds),
            threads,
            Duration::from_secs(60),
            hang,
        );
        println!(
            "| {} | {} | {:.0} | {} | {:.1} ms |",
            target.name,
            report.inputs,
            report.rate(),
            report.panics.len(),
            report.slowest.as_secs_f64() * 1000.0
        );
        for panic in report.panics.iter().take(5) {
            println!("  {panic}");
        }
        failed |= !report.panics.is_empty();
    }
    if let Some(mb) = peak_mb() {
        println!("\npeak resident memory (VmHWM): {mb:.1} MB");
    }
    if failed {
        std::process::exit(1);
    }
}
