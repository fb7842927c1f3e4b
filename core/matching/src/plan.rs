//! The match plan: assignments, unmatched needs with reasons, objective, bound and statistics.

use chrono::NaiveDateTime;

use super::{CostBreakdown, Elimination};
use huzhu_model::{HelperId, NeedId};

/// One need served by one helper.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Assignment {
    /// The need.
    pub need: NeedId,
    /// The helper.
    pub helper: HelperId,
    /// When the service starts.
    pub start: NaiveDateTime,
    /// Distance between helper (or facility) and the place, metres.
    pub distance_m: u32,
    /// The cost of this pairing and its components.
    pub cost: CostBreakdown,
    /// Fairness load cost of this task at the helper (tasks attributed in need-id order).
    pub load_cost: i64,
    /// 0–100 match score from the cost breakdown.
    pub score: u8,
    /// Whether the assignment was pinned by the caller.
    pub pinned: bool,
}

/// Why a need is left unmatched.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum UnmatchedReason {
    /// No helper passes the hard constraints.
    NoCandidate {
        /// How many helpers each constraint ruled out.
        eliminated: Vec<Elimination>,
        /// The same as one line, e.g. "12 too far, 3 without skill `nursing`".
        summary: String,
    },
    /// Candidates exist, but serving this need would cost more than its penalty at the optimum:
    /// the capacity went to other needs.
    Outcompeted {
        /// The candidate closest to being chosen (smallest `shortfall`; ties by helper id).
        closest: HelperId,
        /// That pairing's cost.
        cost: i64,
        /// The pairing's reduced cost under the plan's dual potentials: a lower bound on
        /// `shortfall`.
        reduced_cost: i64,
        /// Exactly how much cheaper that pairing would have to be for serving the need to pay:
        /// the rise of the optimal objective if the pairing were required.
        shortfall: i64,
        /// The needs that hold that helper's capacity.
        taken_by: Vec<NeedId>,
        /// Needs that would move to another helper if the pairing were required.
        would_move: Vec<NeedId>,
        /// The need that would lose its helper if the pairing were required, if any.
        would_drop: Option<NeedId>,
        /// Number of candidates the need had.
        candidates: u32,
    },
    /// Hours-budget mode (no dual prices): candidates exist, but their weekly hours or
    /// capacity went to other needs.
    Unserved {
        /// The cheapest candidate.
        closest: HelperId,
        /// That pairing's cost.
        cost: i64,
        /// The needs that hold that helper's hours or capacity.
        taken_by: Vec<NeedId>,
        /// Number of candidates the need had.
        candidates: u32,
    },
}

impl std::fmt::Display for UnmatchedReason {
    /// One line for a table or a page, e.g. "no candidate: 12 too far", "outcompeted:
    /// volunteer#3 would have to be 40 cheaper (held by need#2)".
    ///
    /// ```
    /// use huzhu::matching::UnmatchedReason;
    /// use huzhu::model::{HelperId, NeedId, VolunteerId};
    /// let r = UnmatchedReason::Unserved { closest: HelperId::Volunteer(VolunteerId(3)), cost: 90, taken_by: vec![NeedId(2), NeedId(5)], candidates: 2 };
    /// assert_eq!(r.to_string(), "unserved: none of 2 candidates free; volunteer#3 held by need#2, need#5");
    /// let r = UnmatchedReason::Unserved { closest: HelperId::Volunteer(VolunteerId(3)), cost: 90, taken_by: vec![], candidates: 1 };
    /// assert_eq!(r.to_string(), "unserved: none of 1 candidates free in time (first volunteer#3)");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = |f: &mut std::fmt::Formatter<'_>, by: &[NeedId]| {
            for (i, n) in by.iter().enumerate() {
                write!(f, "{}{n}", if i == 0 { "" } else { ", " })?;
            }
            Ok(())
        };
        match self {
            Self::NoCandidate { summary, .. } => write!(f, "no candidate: {summary}"),
            Self::Outcompeted {
                closest,
                shortfall,
                taken_by,
                ..
            } => {
                write!(
                    f,
                    "outcompeted: {closest} would have to be {shortfall} cheaper"
                )?;
                if !taken_by.is_empty() {
                    f.write_str(" (held by ")?;
                    held(f, taken_by)?;
                    f.write_str(")")?;
                }
                Ok(())
            }
            Self::Unserved {
                closest,
                taken_by,
                candidates,
                ..
            } => {
                if taken_by.is_empty() {
                    write!(
                        f,
                        "unserved: none of {candidates} candidates free in time (first {closest})"
                    )
                } else {
                    write!(
                        f,
                        "unserved: none of {candidates} candidates free; {closest} held by "
                    )?;
                    held(f, taken_by)
                }
            }
        }
    }
}

/// A need left unmatched.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Unmatched {
    /// The need.
    pub need: NeedId,
    /// Its unassigned penalty (priority: higher is more important).
    pub penalty: i64,
    /// Why.
    pub reason: UnmatchedReason,
}

/// Which solver produced a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SolverKind {
    /// Primal network simplex (fresh solves).
    NetworkSimplex,
    /// Successive shortest paths, warm-started (incremental solves).
    SuccessiveShortestPaths,
    /// The generalized-assignment heuristic with a Lagrangian bound (hours budgets).
    Gap,
}

/// Counts and, when the caller passed a clock, times per phase.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MatchStats {
    /// Needs considered.
    pub needs: usize,
    /// Helpers (volunteers and services).
    pub helpers: usize,
    /// Candidate pairs after the cap.
    pub candidates: usize,
    /// Arcs in the flow network (candidates, penalty arcs and load tiers).
    pub arcs: usize,
    /// Pivots or augmentations.
    pub iterations: u64,
    /// Which solver ran.
    pub solver: Option<SolverKind>,
    /// Nanoseconds generating candidates (only with a caller clock).
    pub candidate_nanos: Option<u64>,
    /// Nanoseconds solving (only with a caller clock).
    pub solve_nanos: Option<u64>,
    /// Nanoseconds assembling the plan and explanations (only with a caller clock).
    pub explain_nanos: Option<u64>,
}

/// The result of matching: who serves which need, what is left and why, and proof of quality.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MatchPlan {
    /// Assignments in need-id order.
    pub assignments: Vec<Assignment>,
    /// Unmatched needs in need-id order.
    pub unmatched: Vec<Unmatched>,
    /// Total cost: assignment costs, load costs and penalties of unmatched needs.
    pub objective: i64,
    /// A proven lower bound on the optimum (equal to `objective` when optimal).
    pub lower_bound: Option<i64>,
    /// Whether `objective` is proven optimal.
    pub optimal: bool,
    /// Statistics.
    pub stats: MatchStats,
}

impl MatchPlan {
    /// The assignment of a need, if matched.
    pub fn assignment(&self, need: NeedId) -> Option<&Assignment> {
        self.assignments
            .binary_search_by_key(&need, |a| a.need)
            .ok()
            .map(|i| &self.assignments[i])
    }

    /// The unmatched entry of a need, if unmatched.
    pub fn unmatched_need(&self, need: NeedId) -> Option<&Unmatched> {
        self.unmatched
            .binary_search_by_key(&need, |u| u.need)
            .ok()
            .map(|i| &self.unmatched[i])
    }

    /// Share of considered needs that are matched (0 when there are none).
    pub fn match_rate(&self) -> f64 {
        let total = self.assignments.len() + self.unmatched.len();
        if total == 0 {
            0.0
        } else {
            self.assignments.len() as f64 / total as f64
        }
    }
}
