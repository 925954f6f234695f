//! Time as the gateways see it, injectable so signatures are testable.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDateTime};

/// A source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Seconds since the Unix epoch.
    fn unix_seconds(&self) -> i64;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn unix_seconds(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

/// A clock that says what it is told (tests, replays).
#[derive(Debug, Default)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock stopped at `unix_seconds`.
    pub fn new(unix_seconds: i64) -> Self {
        FixedClock(AtomicI64::new(unix_seconds))
    }

    /// Moves the clock.
    pub fn set(&self, unix_seconds: i64) {
        self.0.store(unix_seconds, Ordering::Relaxed);
    }
}

impl Clock for FixedClock {
    fn unix_seconds(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Beijing time (UTC+8, no daylight saving) for a Unix time: the gateways' wall clock.
pub fn beijing(unix_seconds: i64) -> NaiveDateTime {
    DateTime::from_timestamp(unix_seconds + 8 * 3600, 0)
        .unwrap_or_default()
        .naive_utc()
}

/// The Unix time of a Beijing wall-clock time.
pub fn unix_of_beijing(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp() - 8 * 3600
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_is_utc_plus_eight() {
        // 2026-11-23 10:00:00 UTC
        let t = beijing(1_795_428_000);
        assert_eq!(t.to_string(), "2026-11-23 18:00:00");
        assert_eq!(unix_of_beijing(t), 1_795_428_000);
    }
}
