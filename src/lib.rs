//! wdt
