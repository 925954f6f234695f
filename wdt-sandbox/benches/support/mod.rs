//! What the sandbox benches share: this process's memory, from /proc/self/status.

/// A `kB` line of /proc/self/status (VmHWM: peak resident set; VmRSS: current), `None`
/// where there is no such file.
pub fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
