//! Typed errors of the matcher.

use thiserror::Error;

use super::Constraint;
use super::gap::GapError;
use super::solver::{ProblemError, SolveError};
use huzhu_model::error::{FieldProblem, ModelError, RecordRef};
use huzhu_model::{HelperId, NeedId};

/// Why a match could not be made or changed. Names the need and helper at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MatchError {
    /// A policy setting is out of range or inconsistent with another (a negative weight,
    /// penalties below the cost cap…), or cannot be read.
    #[error("invalid match policy: {setting} {reason}")]
    InvalidPolicy {
        /// The setting at fault.
        setting: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A field of the match context is out of range (a reliability above 1000 ‰) or cannot be
    /// read.
    #[error("match context: field `{field}` {problem}")]
    InvalidContext {
        /// The field path, e.g. `reliability.volunteer#3`.
        field: String,
        /// What is wrong.
        problem: FieldProblem,
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

impl MatchError {
    /// The stable code of the error, the same on every surface: `MATCH_INVALID_POLICY`,
    /// `MATCH_INVALID_CONTEXT`, `MATCH_UNKNOWN_NEED`, `MATCH_UNKNOWN_HELPER`,
    /// `MATCH_NOT_A_CANDIDATE`, `MATCH_PIN_OVER_CAPACITY`; a wrapped error's own code
    /// (`MODEL_…`, `SOLVER_…`, `GAP_…`).
    ///
    /// ```
    /// use huzhu::matching::MatchError;
    /// use huzhu::model::NeedId;
    /// let e = MatchError::UnknownNeed { need: NeedId(4) };
    /// assert_eq!((e.code(), e.record().as_deref()), ("MATCH_UNKNOWN_NEED", Some("need#4")));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidPolicy { .. } => "MATCH_INVALID_POLICY",
            Self::InvalidContext { .. } => "MATCH_INVALID_CONTEXT",
            Self::UnknownNeed { .. } => "MATCH_UNKNOWN_NEED",
            Self::UnknownHelper { .. } => "MATCH_UNKNOWN_HELPER",
            Self::NotACandidate { .. } => "MATCH_NOT_A_CANDIDATE",
            Self::PinOverCapacity { .. } => "MATCH_PIN_OVER_CAPACITY",
            Self::Model(e) => e.code(),
            Self::Problem(e) => e.code(),
            Self::Gap(e) => e.code(),
            Self::Solve(e) => e.code(),
        }
    }

    /// The record the error is about, as its label: the need or helper (`need#4`,
    /// `volunteer#2`), `match policy`, `match context`, or the model record.
    pub fn record(&self) -> Option<String> {
        match self {
            Self::InvalidPolicy { .. } => Some("match policy".into()),
            Self::InvalidContext { .. } => Some("match context".into()),
            Self::UnknownNeed { need }
            | Self::NotACandidate { need, .. }
            | Self::PinOverCapacity { need, .. } => Some(need.to_string()),
            Self::UnknownHelper { helper } => Some(helper.to_string()),
            Self::Model(e) => e.record().as_ref().map(RecordRef::to_string),
            Self::Problem(_) | Self::Gap(_) | Self::Solve(_) => None,
        }
    }

    /// The field the error is about: the policy setting, the context field, `helper` for a pin
    /// that cannot be made, or the model error's field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidPolicy { setting, .. } => Some(setting),
            Self::InvalidContext { field, .. } => Some(field),
            Self::NotACandidate { .. } | Self::PinOverCapacity { .. } => Some("helper"),
            Self::Model(e) => e.field(),
            _ => None,
        }
    }

    /// The policy setting at fault, for [`MatchError::InvalidPolicy`].
    pub fn setting(&self) -> Option<&str> {
        match self {
            Self::InvalidPolicy { setting, .. } => Some(setting),
            _ => None,
        }
    }

    /// The line of JSON text at fault, for a model error read from text.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Model(e) => e.line(),
            _ => None,
        }
    }

    /// An index the wrapped solver error names (a need, arc, agent or job, from 0).
    pub fn index(&self) -> Option<usize> {
        match self {
            Self::Problem(e) => e.index(),
            Self::Solve(e) => e.index(),
            Self::Gap(e) => e.index(),
            _ => None,
        }
    }

    /// Whether the error says that the problem has no feasible solution (a pin or a
    /// constraint that cannot be met), as opposed to bad input.
    pub fn is_infeasible(&self) -> bool {
        match self {
            Self::NotACandidate { .. } | Self::PinOverCapacity { .. } => true,
            Self::Solve(e) => e.is_infeasible(),
            Self::Gap(e) => e.is_infeasible(),
            _ => false,
        }
    }

    /// A policy that JSON could not be read into: the setting is the first part of the path.
    #[cfg(feature = "serde")]
    pub(crate) fn policy_json(e: &ModelError) -> Self {
        let (setting, reason) = json_setting(e, "policy");
        Self::InvalidPolicy { setting, reason }
    }

    /// A context that JSON could not be read into.
    #[cfg(feature = "serde")]
    pub(crate) fn context_json(e: &ModelError) -> Self {
        let (field, reason) = json_setting(e, "context");
        Self::InvalidContext {
            field,
            problem: FieldProblem::Invalid { why: reason },
        }
    }
}

/// The setting (the JSON path) and the reason of a JSON error.
#[cfg(feature = "serde")]
fn json_setting(e: &ModelError, whole: &str) -> (String, String) {
    match e {
        ModelError::Json { message, path, .. } => (
            huzhu_model::json::setting_or(path, whole),
            format!("cannot be read: {message}"),
        ),
        other => (whole.to_owned(), other.to_string()),
    }
}
