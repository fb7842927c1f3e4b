//! Typed errors of the matcher.

use thiserror::Error;

use super::Constraint;
use super::gap::GapError;
use super::solver::{ProblemError, SolveError};
use huzhu_model::error::ModelError;
use huzhu_model::{HelperId, NeedId};

/// Why a match could not be made or changed. Names the need and helper at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MatchError {
    /// The policy is inconsistent (a negative weight, penalties below the cost cap…).
    #[error("invalid match policy: {why}")]
    InvalidPolicy {
        /// What is wrong.
        why: String,
    },
    /// No such need in the matcher (unknown, final, or removed).
    #[error("{need}: not open for matching")]
    UnknownNeed {
        /// The need.
        need: NeedId,
    },
    /// No such helper in the matcher.
    #[error("{helper}: unknown helper")]
    UnknownHelper {
        /// The helper.
        helper: HelperId,
    },
    /// A pin names a helper that a hard constraint rules out for the need.
    #[error("cannot pin {need} to {helper}: {constraint}")]
    NotACandidate {
        /// The need.
        need: NeedId,
        /// The helper.
        helper: HelperId,
        /// The constraint that rules the pair out.
        constraint: Constraint,
    },
    /// More pins on a helper than it has capacity.
    #[error("cannot pin {need} to {helper}: the helper is pinned to its full capacity")]
    PinOverCapacity {
        /// The need.
        need: NeedId,
        /// The helper.
        helper: HelperId,
    },
    /// The change to the community was rejected by the model.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The flow problem could not be built (a cost out of range).
    #[error("building the flow problem: {0}")]
    Problem(#[from] ProblemError),
    /// The hours-budget problem could not be built or solved.
    #[error("hours-budget matching: {0}")]
    Gap(#[from] GapError),
    /// The solver stopped without a solution.
    #[error("solving: {0}")]
    Solve(#[from] SolveError),
}
