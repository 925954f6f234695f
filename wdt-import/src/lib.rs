//! Vendor doc pages (scraped markdown) into wdt spec files.
