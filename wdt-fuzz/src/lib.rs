//! Mutation fuzzing on the stable toolchain (cargo-fuzz needs nightly).
//!
//! Each [`Target`] takes a real input (a spec file, a doc page, a page's example reply or
//! request, a signed request to the sandbox), mutates it with a seeded [`Mutator`] (structure-aware for JSON, line-aware for
//! text, byte-level for everything) and feeds it to one parser. [`run`] catches panics and
//! times every input. `tests/short.rs` runs a few hundred inputs per target in CI;
//! `benches/fuzz.rs` runs millions and reports inputs per second.

mod mutate;
mod sandbox;
mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub use mutate::Mutator;
pub use targets::{Target, targets};

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    pub inputs: u64,
    /// The panic messages, with the seed of the input that caused each.
    pub panics: Vec<String>,
    pub slowest: Duration,
    /// The seed of the slowest input, to replay it.
    pub slowest_seed: u64,
    pub elapsed: Duration,
}

impl Report {
    /// Inputs per second.
    pub fn rate(&self) -> f64 {
        self.inputs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Feeds `inputs` mutated inputs (or as many as fit in `budget`) to `target`, input `i`
/// mutated with seed `seed + i`, so any finding can be replayed.
pub fn run(target: &Target, seed: u64, inputs: u64, budget: Duration) -> Report {
    run_counted(target, seed, inputs, budget, &AtomicU64::new(0))
}

/// [`run`], adding one to `done` after each input (what a watchdog looks at).
fn run_counted(
    target: &Target,
    seed: u64,
    inputs: u64,
    budget: Duration,
    done: &AtomicU64,
) -> Report {
    let mut report = Report::default();
    let started = Instant::now();
    for i in 0..inputs {
        if started.elapsed() >= budget {
            break;
        }
        let mut mutator = Mutator::new(seed.wrapping_add(i));
        let one = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| (target.feed)(&mut mutator)));
        if one.elapsed() > report.slowest {
            report.slowest = one.elapsed();
            report.slowest_seed = seed.wrapping_add(i);
        }
        report.inputs += 1;
        done.fetch_add(1, Ordering::Relaxed);
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic without a message".to_owned());
            report
                .panics
                .push(format!("seed {}: {message}", seed.wrapping_add(i)));
        }
    }
    report.elapsed = started.elapsed();
    report
}

/// [`run`] on `threads` threads, each taking an equal share of the inputs (thread `t` the
/// seeds from `seed + t * share`, so every finding still replays by its seed), while a
/// watchdog calls `on_hang` if no input finishes for `hang_after`.
pub fn run_parallel(
    target: &Target,
    seed: u64,
    inputs: u64,
    budget: Duration,
    threads: u64,
    hang_after: Duration,
    on_hang: fn(&str),
) -> Report {
    let threads = threads.max(1);
    let share = inputs.div_ceil(threads);
    let done = AtomicU64::new(0);
    let finished = std::sync::atomic::AtomicBool::new(false);
    let started = Instant::now();
    let mut report = std::thread::scope(|scope| {
        scope.spawn(|| {
            let (mut seen, mut since) = (0, Instant::now());
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let now = done.load(Ordering::Relaxed);
                if now != seen {
                    (seen, since) = (now, Instant::now());
                } else if since.elapsed() >= hang_after {
                    on_hang(target.name);
                    since = Instant::now();
                }
            }
        });
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (done, first) = (&done, seed.wrapping_add(t * share));
                let count = share.min(inputs.saturating_sub(t * share));
                scope.spawn(move || run_counted(target, first, count, budget, done))
            })
            .collect();
        let mut total = Report::default();
        for worker in workers {
            // A worker catches every panic of the target, so joining cannot fail.
            if let Ok(part) = worker.join() {
                total.inputs += part.inputs;
                total.panics.extend(part.panics);
                if part.slowest > total.slowest {
                    total.slowest = part.slowest;
                    total.slowest_seed = part.slowest_seed;
                }
            }
        }
        finished.store(true, Ordering::Relaxed);
        total
    });
    report.elapsed = started.elapsed();
    report
}
