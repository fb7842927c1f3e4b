//! Typed errors of the scoring inputs and policy.

use std::fmt;

use thiserror::Error;

use super::records::{ServiceRecordId, SurveyId};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// Which scoring input an error is about.
///
/// Inputs without an id of their own (assignments, care records, visit logs) are named by their
/// position in the slice the caller passed.
///
/// ```
/// use huzhu::scoring::{InputRef, ServiceRecordId};
/// assert_eq!(InputRef::ServiceRecord(ServiceRecordId(3)).to_string(), "service record#3");
/// assert_eq!(InputRef::Assignment { index: 2 }.to_string(), "assignment[2]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InputRef {
    /// A service record.
    ServiceRecord(ServiceRecordId),
    /// A survey response.
    Survey(SurveyId),
    /// An assignment, by position.
    Assignment {
        /// Position in the assignments slice.
        index: usize,
    },
    /// A care record, by position.
    CareRecord {
        /// Position in the care-records slice.
        index: usize,
    },
    /// A visit log entry, by position.
    Visit {
        /// Position in the visits slice.
        index: usize,
    },
    /// One account of one time-bank period summary.
    Account {
        /// Position of the period summary in its slice.
        period: usize,
        /// The account number.
        account: u32,
    },
    /// A time-bank period summary as a whole, by position.
    TimeBankPeriod {
        /// Position in the time-bank slice.
        index: usize,
    },
    /// An identity-survey response, by position.
    Identity {
        /// Position in the identity-responses slice.
        index: usize,
    },
    /// A training record, by position.
    Training {
        /// Position in the training slice.
        index: usize,
    },
    /// A funding record, by position.
    Funding {
        /// Position in the funding slice.
        index: usize,
    },
    /// A key performance indicator, by code.
    Kpi {
        /// The KPI's code.
        code: String,
    },
    /// An observation of a KPI's series, by position.
    Observation {
        /// The KPI's code.
        code: String,
        /// Position in the series.
        index: usize,
    },
    /// A node of the grid → community → street → district hierarchy, by id.
    LevelNode {
        /// The node's id.
        id: String,
    },
    /// The reporting period.
    Period,
    /// The staff counts.
    Staff,
    /// The scoring policy.
    Policy,
}

impl fmt::Display for InputRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ServiceRecord(id) => id.fmt(f),
            Self::Survey(id) => id.fmt(f),
            Self::Assignment { index } => write!(f, "assignment[{index}]"),
            Self::CareRecord { index } => write!(f, "care record[{index}]"),
            Self::Visit { index } => write!(f, "visit[{index}]"),
            Self::Account { period, account } => {
                write!(f, "time bank period[{period}] account#{account}")
            }
            Self::TimeBankPeriod { index } => write!(f, "time bank period[{index}]"),
            Self::Identity { index } => write!(f, "identity response[{index}]"),
            Self::Training { index } => write!(f, "training[{index}]"),
            Self::Funding { index } => write!(f, "funding[{index}]"),
            Self::Kpi { code } => write!(f, "kpi {code}"),
            Self::Observation { code, index } => write!(f, "kpi {code} observation[{index}]"),
            Self::LevelNode { id } => write!(f, "level node {id}"),
            Self::Period => f.write_str("period"),
            Self::Staff => f.write_str("staff counts"),
            Self::Policy => f.write_str("scoring policy"),
        }
    }
}

/// An error in the inputs of scoring: a bad field, a duplicate id or a dangling reference.
///
/// ```
/// use huzhu::error::FieldProblem;
/// use huzhu::scoring::{InputRef, ScoringError, SurveyId};
/// let e = ScoringError::invalid(
///     InputRef::Survey(SurveyId(5)),
///     "answers.content",
///     FieldProblem::OutOfRange { value: "7".into(), allowed: "1..=5".into() },
/// );
/// assert_eq!(e.to_string(), "survey#5: field `answers.content` value 7 is outside 1..=5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ScoringError {
    /// An error of the domain model itself.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A field has a bad value.
    #[error("{record}: field `{field}` {problem}")]
    InvalidField {
        /// The input at fault.
        record: InputRef,
        /// The field path.
        field: String,
        /// What is wrong.
        problem: FieldProblem,
    },
    /// Two inputs of the same kind share an id.
    #[error("{record}: duplicate id")]
    DuplicateId {
        /// The input whose id is repeated.
        record: InputRef,
    },
    /// A field refers to a model record that does not exist.
    #[error("{record}: field `{field}` refers to unknown {target}")]
    UnknownReference {
        /// The input holding the reference.
        record: InputRef,
        /// The referencing field.
        field: String,
        /// The missing record.
        target: RecordRef,
    },
}

impl ScoringError {
    /// Shorthand for [`ScoringError::InvalidField`].
    pub fn invalid(record: InputRef, field: impl Into<String>, problem: FieldProblem) -> Self {
        Self::InvalidField {
            record,
            field: field.into(),
            problem,
        }
    }

    /// The stable code, the same on every surface: `SCORING_INVALID_FIELD`,
    /// `SCORING_DUPLICATE_ID`, `SCORING_UNKNOWN_REFERENCE`, or the model error's own code.
    ///
    /// ```
    /// use huzhu::error::FieldProblem;
    /// use huzhu::scoring::{InputRef, ScoringError, SurveyId};
    /// let e = ScoringError::invalid(InputRef::Survey(SurveyId(5)), "answers.content", FieldProblem::NotFinite);
    /// assert_eq!((e.code(), e.record().as_deref(), e.field()),
    ///            ("SCORING_INVALID_FIELD", Some("survey#5"), Some("answers.content")));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::Model(m) => m.code(),
            Self::InvalidField { .. } => "SCORING_INVALID_FIELD",
            Self::DuplicateId { .. } => "SCORING_DUPLICATE_ID",
            Self::UnknownReference { .. } => "SCORING_UNKNOWN_REFERENCE",
        }
    }

    /// The input at fault, as its label (`survey#5`, `assignment[2]`, `scoring policy`), or
    /// the model record.
    pub fn record(&self) -> Option<String> {
        match self {
            Self::Model(m) => m.record().as_ref().map(ToString::to_string),
            Self::InvalidField { record, .. }
            | Self::DuplicateId { record }
            | Self::UnknownReference { record, .. } => Some(record.to_string()),
        }
    }

    /// The scoring-policy setting at fault, when the error is about the policy.
    pub fn setting(&self) -> Option<&str> {
        match self {
            Self::InvalidField {
                record: InputRef::Policy,
                field,
                ..
            } => Some(field),
            _ => None,
        }
    }

    /// The line of JSON text at fault, for a model error read from text.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Model(m) => m.line(),
            _ => None,
        }
    }

    /// The field path the error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidField { field, .. } | Self::UnknownReference { field, .. } => Some(field),
            Self::Model(m) => m.field(),
            Self::DuplicateId { .. } => None,
        }
    }
}
