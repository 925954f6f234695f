#!/usr/bin/env bash
# `cargo check` time of crates with 0, 50, 200 and 500 generated endpoints.
#
# Each crate depends on wdt and expands a synthetic spec folder (the seeds under new method
# names, written by the `expand` bench). Dependencies are checked once first; then each
# crate's own check is timed (best of 3, after touching src/lib.rs). The cost per endpoint
# is (time(N) - time(0)) / N.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/bench-check
rm -rf "$work"
mkdir -p "$work"
export CARGO_TARGET_DIR=$work/target

# The crates below build offline from the workspace lock file; fetch what it names first.
cargo fetch -q

WDT_BENCH_WRITE=$work/specs cargo bench -q -p wdt-codegen --bench expand

make_crate() {
    local n=$1 dir=$work/crate-$1
    mkdir -p "$dir/src" "$dir/specs"
    if [ "$n" != 0 ]; then cp -r "$work/specs/$n/specs/." "$dir/specs/"; fi
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "bench-check-$n"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
wdt = { path = "$root" }

[workspace]
TOML
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    if [ "$n" = 0 ]; then
        echo '//! No endpoints: the baseline.' > "$dir/src/lib.rs"
    else
        echo 'wdt::include_specs!("specs");' > "$dir/src/lib.rs"
    fi
}

best_of_3() {
    local dir=$1 best=""
    (cd "$dir" && cargo check -q --offline)
    for _ in 1 2 3; do
        touch "$dir/src/lib.rs"
        local start end ms
        start=$(date +%s%N)
        (cd "$dir" && cargo check -q --offline)
        end=$(date +%s%N)
        ms=$(( (end - start) / 1000000 ))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    echo "$best"
}

printf '%9s  %14s  %20s\n' endpoints "check (ms)" "added per endpoint"
for n in 0 50 200 500; do make_crate "$n"; done
base=$(best_of_3 "$work/crate-0")
printf '%9s  %14s  %20s\n' 0 "$base" "-"
for n in 50 200 500; do
    t=$(best_of_3 "$work/crate-$n")
    printf '%9s  %14s  %17s ms\n' "$n" "$t" "$(awk "BEGIN { printf \"%.1f\", ($t - $base) / $n }")"
done

# Macro expansion of the 500-endpoint crate in the default dev profile: include_specs! runs
# unoptimised, as in every user's dev build, and the figure includes expanding the code it
# generates. rustc's own -Z time-passes figure (RUSTC_BOOTSTRAP lets the stable toolchain
# print it).
touch "$work/crate-500/src/lib.rs"
expand=$(cd "$work/crate-500" && RUSTC_BOOTSTRAP=1 cargo rustc -q --offline --lib --profile check -- -Ztime-passes 2>&1 \
    | awk '$NF == "expand_crate" { gsub(";", "", $2); print $2 }')
echo "macro expansion, 500 endpoints (dev profile): ${expand} s"
