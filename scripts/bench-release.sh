#!/usr/bin/env bash
# Fresh `cargo build --release` of a binary that calls one endpoint, as a new user builds it:
# once with wdt's default features and once with only the `wms` area.
#
# Each build starts from an empty target directory (registry sources are already
# downloaded: it runs --offline). Prints, per feature set: the whole build's wall time, the
# `wdt` crate's own time and the `wdt-macros` time (from `cargo build --timings`), and the
# peak resident memory of the largest process (GNU time's maximum RSS).
# Pass feature sets to build only those: `scripts/bench-release.sh default wms`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/bench-release
mkdir -p "$work"

sets=("$@")
if [ ${#sets[@]} -eq 0 ]; then sets=(default wms); fi

make_crate() {
    local set=$1 dir=$work/$1 dep
    if [ "$set" = default ]; then
        dep="wdt = { path = \"$root\" }"
    else
        dep="wdt = { path = \"$root\", default-features = false, features = [\"$set\"] }"
    fi
    rm -rf "$dir"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "one-endpoint"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$dep
tokio = { version = "1", features = ["rt"] }

[workspace]
TOML
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    cat > "$dir/src/main.rs" <<'RUST'
use wdt::Api;
use wdt::wms::outer::outer_out::create_order::{Order, OrderDetail};

fn main() {
    let client = wdt::WdtClient::builder()
        .sid("wdtapi3")
        .app_key("appkey")
        .app_secret("secret:salt")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("client");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let created = runtime.block_on(client.wms().outer().outer_out().create_order(
        Order::new("pos"),
        vec![OrderDetail::new("DFAQT101", 2)],
        false,
    ));
    println!("{created:?}");
}
RUST
}

# Seconds a unit of `--timings` took, by crate name (the report embeds its unit data as JSON).
unit_secs() {
    python3 - "$1" "$2" <<'PY'
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
print("%.1f" % sum(u["duration"] for u in units if u["name"] == sys.argv[2]))
PY
}

printf '%-8s  %9s  %8s  %10s  %12s\n' features "build (s)" "wdt (s)" "macros (s)" "peak RSS (MB)"
for set in "${sets[@]}"; do
    make_crate "$set"
    dir=$work/$set
    (cd "$dir" && /usr/bin/time -o "$dir/time.txt" -f '%e %M' \
        cargo build -q --release --offline --timings >/dev/null 2>"$dir/build.log") \
        || { cat "$dir/build.log"; exit 1; }
    read -r wall rss_kb < "$dir/time.txt"
    report=$(ls "$dir"/target/cargo-timings/cargo-timing-*.html | head -1)
    printf '%-8s  %9s  %8s  %10s  %12s\n' "$set" "$wall" "$(unit_secs "$report" wdt)" \
        "$(unit_secs "$report" wdt-macros)" "$((rss_kb / 1024))"
done
