#!/usr/bin/env bash
# `cargo check` time of the `wdt` crate alone with the whole catalogue and with each area.
#
# Dependencies are checked first for each feature set; then `wdt` itself is timed (best of 3,
# after touching src/lib.rs so only the macro expansion and the generated code are rechecked).
# Pass area names to time only those (e.g. `scripts/bench-catalog.sh wms purchase`).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=$PWD/target/bench-catalog

areas=("$@")
if [ ${#areas[@]} -eq 0 ]; then
    areas=(full aftersales finance goods process purchase sales setting statistic taobao wms)
fi

best_of_3() {
    local features=$1 best=""
    cargo check -q --offline -p wdt --no-default-features --features "$features"
    for _ in 1 2 3; do
        touch src/lib.rs
        local start end ms
        start=$(date +%s%N)
        cargo check -q --offline -p wdt --no-default-features --features "$features"
        end=$(date +%s%N)
        ms=$(( (end - start) / 1000000 ))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    echo "$best"
}

printf '%-12s  %9s  %10s\n' features endpoints "check (ms)"
for area in "${areas[@]}"; do
    if [ "$area" = full ]; then
        count=$(find specs -name '*.toml' -not -path 'specs/codes/*' | wc -l)
    else
        count=$(find "specs/$area" -name '*.toml' | wc -l)
    fi
    printf '%-12s  %9s  %10s\n' "$area" "$count" "$(best_of_3 "$area")"
done
