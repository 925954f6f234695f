//! An integrator's crate: endpoints the `wdt` crate does not ship, generated from this
//! crate's own `specs/` folder. `wdt` is its only dependency.

wdt::include_specs!("specs");
