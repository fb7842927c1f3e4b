//! `MatchPolicy`: every weight of the match cost, with documented defaults.
//!
//! Costs are integers in *cost units*. The defaults are chosen so that one walking minute costs
//! 10 units, and every assignment costs at most [`MatchPolicy::arc_cost_cap`] (45,000), far below
//! the unassigned penalty of a general need (100,000). Because an exchange along an alternating
//! path adds at most one need to the plan and removes at most one, a penalty ratio of 3 between
//! priority tiers with `3·base − base > 2·cap` makes the optimum serve as many high-priority needs
//! as possible first, then as many of the next tier, and only then minimise cost.

use super::MatchError;
use super::solver::MAX_COST;
use huzhu_model::Urgency;

/// Weights and limits of the matcher. Construct with [`MatchPolicy::default`] and adjust fields,
/// or use the `with_*` helpers.
///
/// ```
/// use huzhu::matching::MatchPolicy;
/// let p = MatchPolicy::default().with_candidate_cap(Some(20));
/// assert_eq!(p.travel_per_minute, 10);
/// assert_eq!(p.candidate_cap, Some(20));
/// assert!(p.unassigned_penalty_general > 2 * p.arc_cost_cap);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct MatchPolicy {
    /// Cost per walking minute between helper and need (default 10).
    pub travel_per_minute: i64,
    /// Cost per hour a service starts after the need's earliest possible start, by urgency
    /// (defaults: emergency 400, special group 60, general 20, complex 5).
    pub delay_per_hour: [i64; 4],
    /// Extra cost per hour a service starts after the response deadline (default 500).
    pub late_per_hour: i64,
    /// Urgency classes for which starting before the deadline is a hard constraint
    /// (default: emergency only; the other deadlines are about answering, not serving).
    pub act_before_deadline: Vec<Urgency>,
    /// Cost per yuan the resident pays (default 20).
    pub fee_per_yuan: i64,
    /// Reliability assumed for helpers without a record, per mille (default 950).
    pub default_reliability_permille: u16,
    /// Cost per percentage point of unreliability (default 5: 95% reliable costs 25).
    pub unreliability_per_point: i64,
    /// Cost per certified skill the helper holds that the need does not use, up to three
    /// (default 30): keeps scarce skills free for the needs that require them.
    pub overqualification_per_skill: i64,
    /// Cost when a professional volunteer takes a task requiring no skill (default 50).
    pub professional_on_unskilled: i64,
    /// Cost per soft preference not met (default 200).
    pub soft_preference_unmet: i64,
    /// Discount when the helper served this resident before (default 150; costs never go
    /// below zero).
    pub continuity_discount: i64,
    /// Discount for a service of an organisation with priority: a self-governing or social
    /// organisation graded 3A or above (`Provider::has_priority`; the documents: "3A and above
    /// get resources first"). Default 30, three walking minutes: a preference among comparable
    /// services, not a rule.
    pub priority_discount: i64,
    /// Tasks a volunteer takes before the fairness load cost starts (default 2).
    pub fair_free_tasks: u32,
    /// Marginal load cost of each further task, rising linearly: the k-th task beyond the free
    /// ones costs `k × fairness_step` (default 40). Convex, so it spreads work.
    pub fairness_step: i64,
    /// Nominal minutes per task, turning a volunteer's weekly minutes into a task capacity in
    /// the flow model (default 60; at least one task).
    pub nominal_task_minutes: u32,
    /// Upper bound on one assignment's cost (default 45,000).
    pub arc_cost_cap: i64,
    /// Penalty for leaving a general or complex need unmatched (default 100,000).
    pub unassigned_penalty_general: i64,
    /// Penalty for a special-group need or a need of a special-group resident (default 300,000).
    pub unassigned_penalty_special: i64,
    /// Penalty for an emergency need (default 900,000).
    pub unassigned_penalty_emergency: i64,
    /// At most this many candidates per need, cheapest first (ties by helper id). `None` keeps
    /// all (default `None`).
    pub candidate_cap: Option<usize>,
    /// Cost at which the 0–100 match score reaches 0 (default 2,000).
    pub score_scale: i64,
}

impl Default for MatchPolicy {
    fn default() -> Self {
        Self {
            travel_per_minute: 10,
            delay_per_hour: [400, 60, 20, 5],
            late_per_hour: 500,
            act_before_deadline: vec![Urgency::Emergency],
            fee_per_yuan: 20,
            default_reliability_permille: 950,
            unreliability_per_point: 5,
            overqualification_per_skill: 30,
            professional_on_unskilled: 50,
            soft_preference_unmet: 200,
            continuity_discount: 150,
            priority_discount: 30,
            fair_free_tasks: 2,
            fairness_step: 40,
            nominal_task_minutes: 60,
            arc_cost_cap: 45_000,
            unassigned_penalty_general: 100_000,
            unassigned_penalty_special: 300_000,
            unassigned_penalty_emergency: 900_000,
            candidate_cap: None,
            score_scale: 2_000,
        }
    }
}

impl MatchPolicy {
    /// Sets the per-need candidate cap.
    #[must_use]
    pub fn with_candidate_cap(mut self, cap: Option<usize>) -> Self {
        self.candidate_cap = cap;
        self
    }

    /// Sets the fairness step.
    #[must_use]
    pub fn with_fairness_step(mut self, step: i64) -> Self {
        self.fairness_step = step;
        self
    }

    /// The delay weight of an urgency class.
    pub fn delay_weight(&self, urgency: Urgency) -> i64 {
        self.delay_per_hour[urgency as usize]
    }

    /// Checks the policy: weights non-negative, penalties above twice the cost cap and
    /// non-decreasing by tier and at most [`MAX_COST`] (the solver's limit), load tiers within
    /// that limit, positive nominal task length and score scale, reliability at most 1000 ‰.
    /// The error names the setting ([`MatchError::setting`]).
    ///
    /// ```
    /// use huzhu::matching::MatchPolicy;
    /// let p = MatchPolicy { travel_per_minute: -1, ..MatchPolicy::default() };
    /// let e = p.check().unwrap_err();
    /// assert_eq!((e.code(), e.setting()), ("MATCH_INVALID_POLICY", Some("travel_per_minute")));
    /// assert_eq!(e.to_string(), "invalid match policy: travel_per_minute must be in 0..=1000000000, found -1");
    /// ```
    pub fn check(&self) -> Result<(), MatchError> {
        let bad = |setting: &str, reason: String| {
            Err(MatchError::InvalidPolicy {
                setting: setting.to_owned(),
                reason,
            })
        };
        let weights = [
            ("travel_per_minute", self.travel_per_minute),
            ("late_per_hour", self.late_per_hour),
            ("fee_per_yuan", self.fee_per_yuan),
            ("unreliability_per_point", self.unreliability_per_point),
            (
                "overqualification_per_skill",
                self.overqualification_per_skill,
            ),
            ("professional_on_unskilled", self.professional_on_unskilled),
            ("soft_preference_unmet", self.soft_preference_unmet),
            ("continuity_discount", self.continuity_discount),
            ("priority_discount", self.priority_discount),
            ("fairness_step", self.fairness_step),
            ("arc_cost_cap", self.arc_cost_cap),
        ];
        for (name, w) in weights {
            if !(0..=1_000_000_000).contains(&w) {
                return bad(name, format!("must be in 0..=1000000000, found {w}"));
            }
        }
        if let Some(w) = self
            .delay_per_hour
            .iter()
            .find(|w| !(0..=1_000_000_000).contains(*w))
        {
            return bad(
                "delay_per_hour",
                format!("must be in 0..=1000000000, found {w}"),
            );
        }
        if self.unassigned_penalty_general <= 2 * self.arc_cost_cap {
            return bad(
                "unassigned_penalty_general",
                "must exceed twice arc_cost_cap".into(),
            );
        }
        if self.unassigned_penalty_special < self.unassigned_penalty_general {
            return bad(
                "unassigned_penalty_special",
                format!(
                    "must be at least unassigned_penalty_general ({}), found {}",
                    self.unassigned_penalty_general, self.unassigned_penalty_special
                ),
            );
        }
        if self.unassigned_penalty_emergency < self.unassigned_penalty_special {
            return bad(
                "unassigned_penalty_emergency",
                format!(
                    "must be at least unassigned_penalty_special ({}), found {}",
                    self.unassigned_penalty_special, self.unassigned_penalty_emergency
                ),
            );
        }
        if self.unassigned_penalty_emergency > MAX_COST {
            return bad(
                "unassigned_penalty_emergency",
                format!(
                    "must be at most {MAX_COST}, found {}",
                    self.unassigned_penalty_emergency
                ),
            );
        }
        if self.nominal_task_minutes == 0 {
            return bad("nominal_task_minutes", "must be positive".into());
        }
        // The dearest load tier: the last task of a volunteer free all week.
        let max_tasks = i64::from(7 * 24 * 60 / self.nominal_task_minutes);
        if self.fairness_step.saturating_mul(max_tasks) > MAX_COST {
            return bad(
                "fairness_step",
                format!("× {max_tasks} (tasks in a full week) must stay at most {MAX_COST}"),
            );
        }
        if self.score_scale <= 0 {
            return bad("score_scale", "must be positive".into());
        }
        if self.default_reliability_permille > 1000 {
            return bad(
                "default_reliability_permille",
                format!(
                    "must be at most 1000, found {}",
                    self.default_reliability_permille
                ),
            );
        }
        Ok(())
    }

    /// Reads a policy from JSON: the settings given, the documented defaults for the rest;
    /// unknown settings and wrong types are refused, and the result is checked. Errors name the
    /// setting.
    ///
    /// ```
    /// use huzhu::matching::MatchPolicy;
    /// let p = MatchPolicy::from_json(r#"{"travel_per_minute": 12}"#)?;
    /// assert_eq!((p.travel_per_minute, p.late_per_hour), (12, 500));
    /// let e = MatchPolicy::from_json(r#"{"travel_per_minut": 12}"#).unwrap_err();
    /// assert_eq!(e.setting(), Some("travel_per_minut"));
    /// let e = MatchPolicy::from_json(r#"{"score_scale": 0}"#).unwrap_err();
    /// assert_eq!(e.setting(), Some("score_scale"));
    /// # Ok::<(), huzhu::matching::MatchError>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_json(text: &str) -> Result<Self, MatchError> {
        let policy: Self =
            huzhu_model::json::from_str(text, "").map_err(|e| MatchError::policy_json(&e))?;
        policy.check()?;
        Ok(policy)
    }

    /// As [`from_json`](Self::from_json), from an already parsed JSON value (the bindings pass
    /// keyword arguments and option objects this way).
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, MatchError> {
        let policy: Self =
            huzhu_model::json::from_value(value, "").map_err(|e| MatchError::policy_json(&e))?;
        policy.check()?;
        Ok(policy)
    }
}
