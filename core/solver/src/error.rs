//! Typed errors of problem construction, solving and verification.

use std::fmt;

use thiserror::Error;

/// Which cost field an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CostField {
    /// The cost of a need–supplier arc; the error's index is the arc's.
    ArcCost,
    /// The cost of one load tier of `supplier`; the error's index is the tier's.
    TierCost {
        /// Index of the supplier.
        supplier: usize,
    },
    /// The unassigned penalty of a need; the error's index is the need's.
    Penalty,
}

impl fmt::Display for CostField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ArcCost => f.write_str("arc cost"),
            Self::TierCost { supplier } => write!(f, "tier cost of supplier {supplier}"),
            Self::Penalty => f.write_str("unassigned penalty of need"),
        }
    }
}

/// A problem that cannot be built as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ProblemError {
    /// A cost was negative.
    #[error("{field} {index}: negative cost {value}")]
    NegativeCost {
        /// Which kind of cost.
        field: CostField,
        /// Index of the arc, tier or need.
        index: usize,
        /// The rejected value.
        value: i64,
    },
    /// A cost exceeded [`MAX_COST`](crate::MAX_COST) (so sums could overflow).
    #[error("{field} {index}: cost {value} exceeds the maximum 4294967295")]
    CostTooLarge {
        /// Which kind of cost.
        field: CostField,
        /// Index of the arc, tier or need.
        index: usize,
        /// The rejected value.
        value: i64,
    },
    /// A tier was cheaper than the one before it (the load curve must be convex).
    #[error("supplier {supplier} tier {tier}: cost {cost} is below the previous tier's {previous}")]
    NonConvexTiers {
        /// Index of the supplier.
        supplier: usize,
        /// Index of the offending tier within the supplier.
        tier: usize,
        /// Its cost.
        cost: i64,
        /// The previous tier's cost.
        previous: i64,
    },
    /// A need index was out of range.
    #[error("{}need {need} does not exist", arc.map(|a| format!("arc {a}: ")).unwrap_or_default())]
    UnknownNeed {
        /// The arc being added, when it named the need.
        arc: Option<usize>,
        /// The offending need index.
        need: usize,
    },
    /// A supplier index was out of range.
    #[error("arc {arc}: supplier {supplier} does not exist")]
    UnknownSupplier {
        /// The arc being added.
        arc: usize,
        /// The offending supplier index.
        supplier: usize,
    },
    /// An arc index was out of range.
    #[error("arc {arc} does not exist")]
    UnknownArc {
        /// The offending arc index.
        arc: usize,
    },
    /// An arc cannot be both pinned and excluded.
    #[error("arc {arc} cannot be both pinned and excluded")]
    PinnedArcExcluded {
        /// The arc.
        arc: usize,
    },
    /// More items than [`MAX_ITEMS`](crate::MAX_ITEMS).
    #[error("too many {what}")]
    TooMany {
        /// Which kind of item.
        what: &'static str,
    },
}

/// Why a solve produced no solution.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SolveError {
    /// A need that must be assigned has no usable arc at all.
    #[error("need {need} must be assigned but has no usable arc")]
    NoCandidate {
        /// The need.
        need: usize,
    },
    /// Not every need that must be assigned can be served within the suppliers' capacities;
    /// `need` is one that was left without a supplier.
    #[error("infeasible: need {need} cannot be served within the suppliers' capacities")]
    Infeasible {
        /// A need that could not be served.
        need: usize,
    },
    /// The caller's cancellation callback asked to stop before a feasible solution was found.
    #[error("cancelled before a feasible solution was found")]
    Cancelled,
    /// A warm start came from a problem with more needs, suppliers or arcs than this one.
    #[error("warm start does not fit the problem: {what}")]
    WarmStartMismatch {
        /// What did not fit.
        what: &'static str,
    },
}

/// The first way in which a solution fails to be feasible or optimal for a problem.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The solution's per-need or per-supplier vectors do not match the problem's sizes.
    #[error("solution has {got} {what}, problem has {expected}")]
    WrongSize {
        /// Which vector.
        what: &'static str,
        /// Length in the solution.
        got: usize,
        /// Size in the problem.
        expected: usize,
    },
    /// A need is assigned along an arc that is unknown, of another need, excluded, or not its
    /// pinned arc, or a removed need is assigned.
    #[error("need {need} uses arc {arc}, which it may not use")]
    UnusableArc {
        /// The need.
        need: usize,
        /// The arc it uses.
        arc: usize,
    },
    /// A need that must be assigned (no penalty, or pinned) is unassigned.
    #[error("need {need} must be assigned but is not")]
    Unassigned {
        /// The need.
        need: usize,
    },
    /// A supplier serves more needs than its tiers hold.
    #[error("supplier {supplier} serves {load} needs, capacity {capacity}")]
    OverCapacity {
        /// The supplier.
        supplier: usize,
        /// Needs assigned to it.
        load: u64,
        /// Its total tier capacity.
        capacity: u64,
    },
    /// The reported objective differs from the one recomputed from the assignment.
    #[error("objective {reported} differs from recomputed {recomputed}")]
    ObjectiveMismatch {
        /// Objective stored in the solution.
        reported: i64,
        /// Objective recomputed from the assignment.
        recomputed: i64,
    },
    /// A reduced cost violates complementary slackness, so the potentials do not prove the
    /// solution optimal (or it is not).
    #[error("{arc}: reduced cost {reduced_cost} violates optimality")]
    NotOptimal {
        /// The arc whose reduced cost has the wrong sign.
        arc: FlowArc,
        /// Its reduced cost.
        reduced_cost: i64,
    },
}

/// An arc of the flow network, as named by [`VerifyError::NotOptimal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowArc {
    /// A need–supplier arc.
    Candidate {
        /// Index of the arc.
        arc: usize,
    },
    /// The unassigned (penalty) arc of a need.
    Penalty {
        /// Index of the need.
        need: usize,
    },
    /// A load tier of a supplier.
    Tier {
        /// Index of the supplier.
        supplier: usize,
        /// Index of the tier within the supplier.
        tier: usize,
    },
}

impl fmt::Display for FlowArc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Candidate { arc } => write!(f, "arc {arc}"),
            Self::Penalty { need } => write!(f, "penalty arc of need {need}"),
            Self::Tier { supplier, tier } => write!(f, "tier {tier} of supplier {supplier}"),
        }
    }
}

impl ProblemError {
    /// The stable code: `SOLVER_NEGATIVE_COST`, `SOLVER_COST_TOO_LARGE`,
    /// `SOLVER_NON_CONVEX_TIERS`, `SOLVER_UNKNOWN_NEED`, `SOLVER_UNKNOWN_SUPPLIER`,
    /// `SOLVER_UNKNOWN_ARC`, `SOLVER_PINNED_ARC_EXCLUDED` or `SOLVER_TOO_MANY`.
    ///
    /// ```
    /// use huzhu_solver::{CostField, ProblemError};
    /// let e = ProblemError::NegativeCost { field: CostField::ArcCost, index: 3, value: -1 };
    /// assert_eq!((e.code(), e.index()), ("SOLVER_NEGATIVE_COST", Some(3)));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::NegativeCost { .. } => "SOLVER_NEGATIVE_COST",
            Self::CostTooLarge { .. } => "SOLVER_COST_TOO_LARGE",
            Self::NonConvexTiers { .. } => "SOLVER_NON_CONVEX_TIERS",
            Self::UnknownNeed { .. } => "SOLVER_UNKNOWN_NEED",
            Self::UnknownSupplier { .. } => "SOLVER_UNKNOWN_SUPPLIER",
            Self::UnknownArc { .. } => "SOLVER_UNKNOWN_ARC",
            Self::PinnedArcExcluded { .. } => "SOLVER_PINNED_ARC_EXCLUDED",
            Self::TooMany { .. } => "SOLVER_TOO_MANY",
        }
    }

    /// The index of the arc, tier, need or supplier at fault.
    pub fn index(&self) -> Option<usize> {
        match self {
            Self::NegativeCost { index, .. } | Self::CostTooLarge { index, .. } => Some(*index),
            Self::NonConvexTiers { tier, .. } => Some(*tier),
            Self::UnknownNeed { need, .. } => Some(*need),
            Self::UnknownSupplier { supplier, .. } => Some(*supplier),
            Self::UnknownArc { arc } | Self::PinnedArcExcluded { arc } => Some(*arc),
            Self::TooMany { .. } => None,
        }
    }
}

impl SolveError {
    /// The stable code: `SOLVER_NO_CANDIDATE`, `SOLVER_INFEASIBLE`, `SOLVER_CANCELLED` or
    /// `SOLVER_WARM_START_MISMATCH`.
    ///
    /// ```
    /// use huzhu_solver::SolveError;
    /// let e = SolveError::Infeasible { need: 2 };
    /// assert_eq!((e.code(), e.index(), e.is_infeasible()), ("SOLVER_INFEASIBLE", Some(2), true));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoCandidate { .. } => "SOLVER_NO_CANDIDATE",
            Self::Infeasible { .. } => "SOLVER_INFEASIBLE",
            Self::Cancelled => "SOLVER_CANCELLED",
            Self::WarmStartMismatch { .. } => "SOLVER_WARM_START_MISMATCH",
        }
    }

    /// The need at fault, by index.
    pub fn index(&self) -> Option<usize> {
        match self {
            Self::NoCandidate { need } | Self::Infeasible { need } => Some(*need),
            Self::Cancelled | Self::WarmStartMismatch { .. } => None,
        }
    }

    /// Whether the problem has no feasible solution (as opposed to a stopped search).
    pub fn is_infeasible(&self) -> bool {
        matches!(self, Self::NoCandidate { .. } | Self::Infeasible { .. })
    }
}

impl VerifyError {
    /// The stable code: `VERIFY_WRONG_SIZE`, `VERIFY_UNUSABLE_ARC`, `VERIFY_UNASSIGNED`,
    /// `VERIFY_OVER_CAPACITY`, `VERIFY_OBJECTIVE_MISMATCH` or `VERIFY_NOT_OPTIMAL`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WrongSize { .. } => "VERIFY_WRONG_SIZE",
            Self::UnusableArc { .. } => "VERIFY_UNUSABLE_ARC",
            Self::Unassigned { .. } => "VERIFY_UNASSIGNED",
            Self::OverCapacity { .. } => "VERIFY_OVER_CAPACITY",
            Self::ObjectiveMismatch { .. } => "VERIFY_OBJECTIVE_MISMATCH",
            Self::NotOptimal { .. } => "VERIFY_NOT_OPTIMAL",
        }
    }
}
