//! The short fuzz run CI does: a few hundred mutated inputs per target, no panic, no input
//! slower than a second. `cargo bench -p wdt-fuzz` runs millions.

use std::time::Duration;

#[test]
fn no_target_panics_or_hangs_on_mutated_inputs() {
    // Panics are caught and reported below; their default message would only add noise.
    std::panic::set_hook(Box::new(|_| {}));
    let reports: Vec<_> = wdt_fuzz::targets()
        .into_iter()
        .map(|target| {
            let report = wdt_fuzz::run(&target, 2026, 300, Duration::from_secs(60));
            (target.name, report)
        })
        .collect();
    // The default hook again, so this test's own failures are shown.
    drop(std::panic::take_hook());
    for (name, report) in reports {
        assert!(report.inputs > 0, "{name}: no input run");
        assert!(
            report.panics.is_empty(),
            "{name}: {} panic(s) in {} inputs: {:?}",
            report.panics.len(),
            report.inputs,
            &report.panics[..report.panics.len().min(3)]
        );
        assert!(
            report.slowest < Duration::from_secs(1),
            "{name}: an input took {:?} (seed {})",
            report.slowest,
            report.slowest_seed
        );
    }
}
