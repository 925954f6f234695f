//! The admin API, for tests and the CLI (JSON in and out, no authentication: the sandbox
//! listens on 127.0.0.1 only).
//!
//! | request | effect |
//! | --- | --- |
//! | `GET /admin/faults` | the [`FaultPlan`] in force (rules with what is left of `times`) |
//! | `PUT /admin/faults` | replaces the plan: `{"seed": 7, "rules": [rule, …]}` |
//! | `POST /admin/faults` | adds one [`FaultRule`] (an object) or several (an array) |
//! | `DELETE /admin/faults` | removes every rule |
//! | `GET /admin/calls` | gateway calls received per method: `{"method": count, …}` (names the catalogue lacks counted together, under [`crate::NOT_IN_CATALOGUE`]) |
//! | `DELETE /admin/calls` | resets the counts |
//!
//! A rule: `{"method": "wms.stockout.Sales.searchCancel", "fault": {"kind": "http_status",
//! "status": 503}, "probability": 0.1, "times": 3}` (`method`, `probability` and `times`
//! optional; see [`crate::faults::Fault`] for the kinds). Errors answer HTTP 400 with
//! `{"error": "…"}`.

use hyper::Method;
use serde::Serialize;

use crate::faults::{FaultPlan, FaultRule};
use crate::reply::{self, Reply};
use crate::state::Shared;

#[derive(Serialize)]
struct Problem {
    error: String,
}

fn problem(status: u16, error: impl Into<String>) -> Reply {
    Reply::json_status(
        status,
        &Problem {
            error: error.into(),
        },
    )
}

#[derive(Serialize)]
struct Done {
    ok: bool,
}

const DONE: Done = Done { ok: true };

/// Answers one admin request.
pub(crate) fn handle(shared: &Shared, method: &Method, path: &str, body: &[u8]) -> Reply {
    match (path.trim_end_matches('/'), method) {
        ("/admin/faults", &Method::GET) => Reply::json(&shared.faults.plan()),
        ("/admin/faults", &Method::PUT) => match serde_json::from_slice::<FaultPlan>(body) {
            Ok(plan) => match shared.faults.set(plan) {
                Ok(()) => Reply::json(&DONE),
                Err(e) => problem(400, e.to_string()),
            },
            Err(e) => problem(400, format!("not a fault plan: {e}")),
        },
        ("/admin/faults", &Method::POST) => add_rules(shared, body),
        ("/admin/faults", &Method::DELETE) => {
            shared.faults.clear();
            Reply::json(&DONE)
        }
        ("/admin/calls", &Method::GET) => Reply::json(&shared.call_counts()),
        ("/admin/calls", &Method::DELETE) => {
            shared.reset_calls();
            Reply::json(&DONE)
        }
        ("/admin/faults" | "/admin/calls", _) => problem(405, "method not allowed"),
        _ => reply::not_found(),
    }
}

/// One rule (an object) or several (an array); all are checked before any is added.
fn add_rules(shared: &Shared, body: &[u8]) -> Reply {
    let is_array = body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'[');
    let rules = if is_array {
        serde_json::from_slice::<Vec<FaultRule>>(body)
    } else {
        serde_json::from_slice::<FaultRule>(body).map(|rule| vec![rule])
    };
    let rules = match rules {
        Ok(rules) => rules,
        Err(e) => return problem(400, format!("not a fault rule: {e}")),
    };
    if let Err(e) = rules.iter().try_for_each(FaultRule::check) {
        return problem(400, e.to_string());
    }
    for rule in rules {
        // Checked above, so adding cannot fail.
        if let Err(e) = shared.faults.add(rule) {
            return problem(400, e.to_string());
        }
    }
    Reply::json(&DONE)
}
