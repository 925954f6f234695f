//! Fault injection: what can go wrong in front of (or inside) a gateway, and when.
//!
//! A [`FaultRule`] names a method (or every method), a [`Fault`], and when it fires: with a
//! probability, for the next N matching calls, or both (each matching call fires with the
//! probability, at most N times). Rules are checked in order for every gateway call; every
//! firing [`Fault::Latency`] adds its delay, and the first other firing rule decides the
//! outcome. The random draws come from one RNG seeded by [`FaultPlan::seed`], so a run with
//! the same calls in the same order sees the same faults.

use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The answer the 旗舰版 gateway gives when a caller exceeds its quota (HTTP 200, status 100).
pub const RATE_LIMIT_MESSAGE: &str = "超过每分钟最大调用频率限制，请稍后重试";

/// One thing that can go wrong with a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Wait this long, then answer normally (or with the next firing fault).
    Latency {
        /// Milliseconds.
        ms: u64,
    },
    /// An HTTP error status (5xx in practice) with a proxy's HTML page, the call not handled.
    HttpStatus {
        /// 100 to 599.
        status: u16,
    },
    /// Close the connection without a reply, the call not handled.
    Drop,
    /// HTTP 200 with an HTML error page instead of the gateway's reply, the call not handled.
    HtmlPage,
    /// The call is handled, and only the first half of its reply is sent.
    TruncatedBody,
    /// A vendor error reply instead of handling the call: `{"status":…,"message":…}` for
    /// 旗舰版, `<flag>failure</flag>` with this code and message for Qimen.
    VendorError {
        /// The 旗舰版 status (the Qimen `code`).
        status: i64,
        /// The message.
        message: String,
    },
    /// The rate-limit answer: HTTP 200, status 100, [`RATE_LIMIT_MESSAGE`] (Qimen: the
    /// router's `App Call Limited` error).
    RateLimit,
}

/// When and where a [`Fault`] happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// The method it applies to; `None` for every method of both gateways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// What happens.
    pub fault: Fault,
    /// Chance (0 to 1) that a matching call gets it; `None` for every matching call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// How many more times it may fire; `None` for no limit. A rule is dropped once spent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

impl FaultRule {
    /// A fault for every call of every method, until changed.
    pub fn always(fault: Fault) -> Self {
        FaultRule {
            method: None,
            fault,
            probability: None,
            times: None,
        }
    }

    /// Restricts the rule to one method.
    pub fn for_method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    /// Fires for each matching call with this chance (0 to 1).
    pub fn with_probability(mut self, probability: f64) -> Self {
        self.probability = Some(probability);
        self
    }

    /// Fires at most `times` more times.
    pub fn times(mut self, times: u32) -> Self {
        self.times = Some(times);
        self
    }

    /// Why the rule cannot be used, if it cannot.
    pub fn check(&self) -> Result<(), FaultError> {
        if let Some(p) = self.probability
            && !(0.0..=1.0).contains(&p)
        {
            return Err(FaultError::Probability(p));
        }
        if let Fault::HttpStatus { status } = self.fault
            && !(100..=599).contains(&status)
        {
            return Err(FaultError::HttpStatus(status));
        }
        Ok(())
    }

    fn matches(&self, method: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
    }
}

/// A rule that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FaultError {
    /// The probability is outside 0 to 1.
    #[error("probability must be between 0 and 1, not {0}")]
    Probability(f64),
    /// The status is not an HTTP status.
    #[error("HTTP status must be between 100 and 599, not {0}")]
    HttpStatus(u16),
}

/// Every rule in force and the seed of the draws.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultPlan {
    /// Seed of the RNG that decides probabilistic faults.
    #[serde(default)]
    pub seed: u64,
    /// The rules, checked in order.
    #[serde(default)]
    pub rules: Vec<FaultRule>,
}

impl FaultPlan {
    /// Why the plan cannot be used, if it cannot.
    pub fn check(&self) -> Result<(), FaultError> {
        self.rules.iter().try_for_each(FaultRule::check)
    }
}

/// What the faults decided for one call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    /// Total delay of the firing latency rules.
    pub delay: Duration,
    /// The fault that replaces or corrupts the reply, if any.
    pub fault: Option<Fault>,
}

/// The live fault rules of a running sandbox.
#[derive(Debug)]
pub struct Faults {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    seed: u64,
    rules: Vec<FaultRule>,
    rng: fastrand::Rng,
}

impl Faults {
    /// Starts with a plan (checked by the caller).
    pub(crate) fn new(plan: FaultPlan) -> Self {
        Faults {
            state: Mutex::new(State {
                seed: plan.seed,
                rng: fastrand::Rng::with_seed(plan.seed),
                rules: plan.rules,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere cannot leave the rules half-updated: every update is one assignment.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces every rule and reseeds the RNG.
    pub fn set(&self, plan: FaultPlan) -> Result<(), FaultError> {
        plan.check()?;
        let mut state = self.lock();
        state.rng = fastrand::Rng::with_seed(plan.seed);
        state.seed = plan.seed;
        state.rules = plan.rules;
        Ok(())
    }

    /// Adds a rule after the others.
    pub fn add(&self, rule: FaultRule) -> Result<(), FaultError> {
        rule.check()?;
        self.lock().rules.push(rule);
        Ok(())
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().rules.clear();
    }

    /// The rules in force (with what is left of their `times`) and the seed.
    pub fn plan(&self) -> FaultPlan {
        let state = self.lock();
        FaultPlan {
            seed: state.seed,
            rules: state.rules.clone(),
        }
    }

    /// Decides the faults of one call of `method`, spending the rules that fire.
    pub fn decide(&self, method: &str) -> Decision {
        let mut state = self.lock();
        let State { rules, rng, .. } = &mut *state;
        let mut decision = Decision::default();
        for rule in rules.iter_mut().filter(|r| r.matches(method)) {
            let fires = rule.times != Some(0) && rule.probability.is_none_or(|p| rng.f64() < p);
            if !fires {
                continue;
            }
            if let Some(times) = &mut rule.times {
                *times -= 1;
            }
            match &rule.fault {
                Fault::Latency { ms } => decision.delay += Duration::from_millis(*ms),
                other => {
                    decision.fault = Some(other.clone());
                    break;
                }
            }
        }
        rules.retain(|r| r.times != Some(0));
        decision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_n_calls_then_spent() {
        let faults = Faults::new(FaultPlan {
            seed: 1,
            rules: vec![
                FaultRule::always(Fault::HttpStatus { status: 503 })
                    .for_method("m")
                    .times(2),
            ],
        });
        assert_eq!(faults.decide("other").fault, None);
        assert_eq!(
            faults.decide("m").fault,
            Some(Fault::HttpStatus { status: 503 })
        );
        assert_eq!(faults.plan().rules[0].times, Some(1));
        assert!(faults.decide("m").fault.is_some());
        assert_eq!(faults.decide("m").fault, None);
        assert!(faults.plan().rules.is_empty(), "spent rules are dropped");
    }

    #[test]
    fn latency_adds_up_and_the_first_other_fault_wins() {
        let faults = Faults::new(FaultPlan {
            seed: 0,
            rules: vec![
                FaultRule::always(Fault::Latency { ms: 5 }),
                FaultRule::always(Fault::Latency { ms: 7 }),
                FaultRule::always(Fault::Drop),
                FaultRule::always(Fault::RateLimit).times(1),
            ],
        });
        let decision = faults.decide("x");
        assert_eq!(decision.delay, Duration::from_millis(12));
        assert_eq!(decision.fault, Some(Fault::Drop));
        assert_eq!(
            faults.plan().rules[3].times,
            Some(1),
            "not reached, not spent"
        );
    }

    #[test]
    fn probability_is_reproducible() {
        let plan = FaultPlan {
            seed: 42,
            rules: vec![FaultRule::always(Fault::Drop).with_probability(0.1)],
        };
        let draw = |faults: &Faults| -> Vec<bool> {
            (0..1000)
                .map(|_| faults.decide("m").fault.is_some())
                .collect()
        };
        let first = draw(&Faults::new(plan.clone()));
        assert_eq!(first, draw(&Faults::new(plan)));
        let hits = first.iter().filter(|&&hit| hit).count();
        assert!((60..140).contains(&hits), "about 10%: {hits}");
    }

    #[test]
    fn rules_read_from_json_and_are_checked() {
        let rule: FaultRule = serde_json::from_str(
            r#"{"method":"wms.stockout.Sales.searchCancel","fault":{"kind":"vendor_error","status":5,"message":"数据库错误"},"times":3}"#,
        )
        .unwrap();
        assert_eq!(
            rule.fault,
            Fault::VendorError {
                status: 5,
                message: "数据库错误".into()
            }
        );
        assert!(
            serde_json::from_str::<FaultRule>(r#"{"fault":{"kind":"drop"},"oops":1}"#).is_err()
        );
        let bad = FaultRule::always(Fault::Drop).with_probability(1.5);
        assert_eq!(bad.check(), Err(FaultError::Probability(1.5)));
        let faults = Faults::new(FaultPlan::default());
        assert!(
            faults
                .add(FaultRule::always(Fault::HttpStatus { status: 42 }))
                .is_err()
        );
        assert!(faults.plan().rules.is_empty());
    }
}
