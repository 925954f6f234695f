//! Mutation fuzzing on the stable toolchain (cargo-fuzz needs nightly).
//!
//! Each [`Target`] takes a real input (a spec file, a doc page, a page's example reply or
//! request), mutates it with a seeded [`Mutator`] (structure-aware for JSON, line-aware for
//! text, byte-level for everything) and feeds it to one parser. [`run`] catches panics and
//! times every input. `tests/short.rs` runs a few hundred inputs per target in CI;
//! `benches/fuzz.rs` runs millions and reports inputs per second.

mod mutate;
mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};
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
    let mut report = Report::default();
    let started = Instant::now();
    for i in 0..inputs {
        if started.elapsed() >= budget {
            break;
        }
        let mut mutator = Mutator::new(seed.wrapping_add(i));
        let one = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| (target.feed)(&mut mutator)));
        report.slowest = report.slowest.max(one.elapsed());
        report.inputs += 1;
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
