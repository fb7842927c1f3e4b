//! Soft scoring: the integer cost of serving a need with a helper, broken into components.

use super::MatchPolicy;

/// The components of one (need, helper) cost, in cost units. `total` is their sum, less the
/// continuity discount, clamped to `0..=arc_cost_cap`.
///
/// ```
/// use huzhu::matching::{CostBreakdown, MatchPolicy};
/// let b = CostBreakdown { travel: 100, delay: 20, fee: 0, reliability: 25, ..CostBreakdown::default() };
/// let b = b.finish(&MatchPolicy::default());
/// assert_eq!(b.total, 145);
/// assert_eq!(b.score(&MatchPolicy::default()), 93); // 100 × (1 − 145/2000), rounded
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CostBreakdown {
    /// Walking time between helper and place.
    pub travel: i64,
    /// Start later than the earliest possible, weighted by urgency.
    pub delay: i64,
    /// Start after the response deadline.
    pub late: i64,
    /// Fee to the resident.
    pub fee: i64,
    /// Helper's unreliability (no-shows).
    pub reliability: i64,
    /// Skills the helper holds but the need does not use; professional on an unskilled task.
    pub skill_fit: i64,
    /// Soft preferences not met.
    pub preferences: i64,
    /// Discount for a helper who served this resident before (a non-negative amount that is
    /// subtracted).
    pub continuity: i64,
    /// Discount for a service of an organisation graded 3A or above (a non-negative amount
    /// that is subtracted).
    #[cfg_attr(feature = "serde", serde(default))]
    pub priority: i64,
    /// The cost the solver uses.
    pub total: i64,
}

impl CostBreakdown {
    /// Computes `total` from the components under `policy`.
    #[must_use]
    pub fn finish(mut self, policy: &MatchPolicy) -> Self {
        let sum = [
            self.travel,
            self.delay,
            self.late,
            self.fee,
            self.reliability,
            self.skill_fit,
            self.preferences,
        ]
        .iter()
        .fold(0i64, |a, b| a.saturating_add(*b));
        self.total = sum
            .saturating_sub(self.continuity)
            .saturating_sub(self.priority)
            .clamp(0, policy.arc_cost_cap);
        self
    }

    /// The 0–100 match score people read: 100 for a cost of zero, falling linearly to 0 at
    /// `policy.score_scale`.
    pub fn score(&self, policy: &MatchPolicy) -> u8 {
        let scale = policy.score_scale.max(1);
        let left = (scale - self.total.clamp(0, scale)) * 100;
        ((left + scale / 2) / scale) as u8
    }

    /// The components as (code, value) pairs, in a fixed order.
    pub fn components(&self) -> [(&'static str, i64); 9] {
        [
            ("travel", self.travel),
            ("delay", self.delay),
            ("late", self.late),
            ("fee", self.fee),
            ("reliability", self.reliability),
            ("skill_fit", self.skill_fit),
            ("preferences", self.preferences),
            ("continuity", -self.continuity),
            ("priority", -self.priority),
        ]
    }
}
