//! Expansion time of N synthetic endpoints (the seeds under new method names).
//!
//! `cargo bench -p wdt-codegen --bench expand` prints the figures. With
//! `WDT_BENCH_WRITE=DIR` it also writes each set of specs to `DIR/<N>/specs` for
//! `scripts/bench-check.sh`, which measures `cargo check` time of crates built from them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [50, 200, 500];
const RUNS: usize = 7;

/// A seed's text and its method name.
struct Seed {
    method: &'static str,
    text: String,
}

fn seeds() -> Vec<Seed> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    [
        (
            "wms.stockout.Other.cancelOtherOrder",
            "wms/stockout/Other.cancelOtherOrder.toml",
        ),
        (
            "purchase.PurchaseOrder.cancelByType",
            "purchase/PurchaseOrder.cancelByType.toml",
        ),
        (
            "wms.stockout.Sales.searchCancel",
            "wms/stockout/Sales.searchCancel.toml",
        ),
        (
            "wms.outer.OuterOut.createOrder",
            "wms/outer/OuterOut.createOrder.toml",
        ),
        (
            "taobao.qimen.order.cancel",
            "taobao/qimen/order.cancel.toml",
        ),
    ]
    .into_iter()
    .map(|(method, file)| Seed {
        method,
        text: std::fs::read_to_string(root.join(file)).expect("seed spec"),
    })
    .collect()
}

/// `n` specs: seed `i % 5` renamed to a method of its own, ten endpoints per group.
fn synthetic(seeds: &[Seed], n: usize) -> Vec<(PathBuf, String)> {
    (0..n)
        .map(|i| {
            let seed = &seeds[i % seeds.len()];
            let operation = seed.method.rsplit('.').next().unwrap_or("op");
            let area = if seed.method.starts_with("taobao") {
                "qbench"
            } else {
                "bench"
            };
            let method = format!("{area}.g{}.Class{i}.{operation}", i / 10);
            let path = PathBuf::from(format!("{area}/g{}/Class{i}.{operation}.toml", i / 10));
            (path, seed.text.replace(seed.method, &method))
        })
        .collect()
}

/// What `include_specs!` does with a directory: check every file, then generate.
fn expand(specs: &[(PathBuf, String)]) -> usize {
    let loaded: Vec<wdt_spec::Spec> = specs
        .iter()
        .map(|(path, text)| {
            wdt_spec::load_str(&Path::new("specs").join(path), text)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    let catalog = wdt_spec::Catalog::new(loaded, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let tokens = wdt_codegen::expand(&catalog, &wdt_codegen::Config::default());
    tokens.to_string().len()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let seeds = seeds();
    let write_to = std::env::var_os("WDT_BENCH_WRITE").map(PathBuf::from);
    println!("endpoints  expansion (median of {RUNS})  per endpoint  generated text");
    for n in SIZES {
        let specs = synthetic(&seeds, n);
        let mut size = 0;
        let times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                size = expand(&specs);
                started.elapsed()
            })
            .collect();
        let time = median(times);
        println!(
            "{n:>9}  {:>24.1} ms  {:>9.3} ms  {:>9} KiB",
            time.as_secs_f64() * 1e3,
            time.as_secs_f64() * 1e3 / n as f64,
            size / 1024
        );
        if let Some(dir) = &write_to {
            for (path, text) in &specs {
                let file = dir.join(n.to_string()).join("specs").join(path);
                std::fs::create_dir_all(file.parent().expect("has a parent")).expect("mkdir");
                std::fs::write(file, text).expect("write spec");
            }
        }
    }
}
