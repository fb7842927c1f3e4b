//! Typed errors of the domain model.
//!
//! Every error names the record (kind and id) and the field at fault, so a user can find the bad
//! row in their own data. The ledger has its own error type in `huzhu::ledger`.

use std::fmt;

use thiserror::Error;

use crate::{
    ActivityId, ContactId, FeedbackId, NeedId, NeedStatus, ProviderId, ResidentId, ServiceId,
    VolunteerId, WorkerId,
};

/// Which record an error is about.
///
/// ```
/// use huzhu::error::RecordRef;
/// use huzhu::model::NeedId;
/// assert_eq!(RecordRef::Need(NeedId(4)).to_string(), "need#4");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "id", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RecordRef {
    /// A resident.
    Resident(ResidentId),
    /// A need.
    Need(NeedId),
    /// A volunteer.
    Volunteer(VolunteerId),
    /// A service.
    Service(ServiceId),
    /// A provider organisation.
    Provider(ProviderId),
    /// A taxonomy category, by code.
    Category(String),
    /// A worker.
    Worker(WorkerId),
    /// The care file of a resident.
    CareFile(ResidentId),
    /// A contact of the log.
    Contact(ContactId),
    /// An activity.
    Activity(ActivityId),
    /// A complaint or suggestion.
    Feedback(FeedbackId),
    /// The snapshot document itself (header fields).
    Snapshot,
    /// A configuration or policy, by name (`district config`).
    Config(String),
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Resident(id) => id.fmt(f),
            Self::Need(id) => id.fmt(f),
            Self::Volunteer(id) => id.fmt(f),
            Self::Service(id) => id.fmt(f),
            Self::Provider(id) => id.fmt(f),
            Self::Category(code) => write!(f, "category {code:?}"),
            Self::Worker(id) => id.fmt(f),
            Self::CareFile(id) => write!(f, "care file of {id}"),
            Self::Contact(id) => id.fmt(f),
            Self::Activity(id) => id.fmt(f),
            Self::Feedback(id) => id.fmt(f),
            Self::Snapshot => f.write_str("snapshot"),
            Self::Config(name) => f.write_str(name),
        }
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "problem", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FieldProblem {
    /// A number is NaN or infinite.
    NotFinite,
    /// A number lies outside its allowed range.
    OutOfRange {
        /// The value found, as text.
        value: String,
        /// The allowed range, as text (e.g. `-90..=90`).
        allowed: String,
    },
    /// A duration, amount or capacity that must be positive is zero or negative.
    NotPositive,
    /// An interval whose end is not after its start.
    EndsBeforeStart,
    /// A text or list that must not be empty is empty.
    Empty,
    /// A text longer than the allowed number of characters.
    TooLong {
        /// The maximum number of characters.
        max: usize,
    },
    /// The same value appears twice where values must be unique.
    Duplicate {
        /// The repeated value, as text.
        value: String,
    },
    /// Anything else, explained.
    Invalid {
        /// Why the value is rejected.
        why: String,
    },
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFinite => f.write_str("is NaN or infinite"),
            Self::OutOfRange { value, allowed } => {
                write!(f, "value {value} is outside {allowed}")
            }
            Self::NotPositive => f.write_str("must be positive"),
            Self::EndsBeforeStart => f.write_str("ends before (or when) it starts"),
            Self::Empty => f.write_str("must not be empty"),
            Self::TooLong { max } => write!(f, "is longer than {max} characters"),
            Self::Duplicate { value } => write!(f, "repeats {value}"),
            Self::Invalid { why } => f.write_str(why),
        }
    }
}

/// An error in the domain model: bad input, a dangling reference or a forbidden transition.
///
/// ```
/// use huzhu::error::{FieldProblem, ModelError, RecordRef};
/// use huzhu::model::ResidentId;
/// let e = ModelError::invalid(RecordRef::Resident(ResidentId(1)), "home.lat", FieldProblem::NotFinite);
/// assert_eq!(e.to_string(), "resident#1: field `home.lat` is NaN or infinite");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A field has a bad value.
    #[error("{record}: field `{field}` {problem}")]
    InvalidField {
        /// The record at fault.
        record: RecordRef,
        /// The field path, e.g. `windows[1].end`.
        field: String,
        /// What is wrong.
        problem: FieldProblem,
    },
    /// Two records of the same kind share an id.
    #[error("{record}: duplicate id")]
    DuplicateId {
        /// The record whose id is repeated.
        record: RecordRef,
    },
    /// A field refers to a record that does not exist.
    #[error("{record}: field `{field}` refers to unknown {target}")]
    UnknownReference {
        /// The record holding the reference.
        record: RecordRef,
        /// The referencing field.
        field: String,
        /// The missing record.
        target: RecordRef,
    },
    /// A field names a category code the taxonomy does not know.
    #[error("{record}: field `{field}` names unknown category {code:?}")]
    UnknownCategory {
        /// The record holding the code.
        record: RecordRef,
        /// The field.
        field: String,
        /// The unknown code.
        code: String,
    },
    /// A record was looked up or removed by an id that does not exist.
    #[error("{record}: no such record")]
    NotFound {
        /// The missing record.
        record: RecordRef,
    },
    /// A need status change that the lifecycle forbids.
    #[error("{need}: cannot go from {from} to {to}")]
    InvalidTransition {
        /// The need.
        need: NeedId,
        /// Its current status.
        from: NeedStatus,
        /// The requested status.
        to: NeedStatus,
    },
    /// JSON text (a snapshot, a record, a policy) could not be read into its type.
    #[error("JSON{}: {message}", position(*line, *column))]
    Json {
        /// 1-based line (0 when read from an already parsed value).
        line: usize,
        /// 1-based column (0 when read from an already parsed value).
        column: usize,
        /// The parser's message.
        message: String,
        /// The path of the value that could not be read (`residents[0].home.lat`), under the
        /// argument's name when there is one; empty for the document itself.
        path: String,
    },
    /// The snapshot's format version is not one this library reads.
    #[error("snapshot format version {found} is not supported (expected {expected})")]
    UnsupportedVersion {
        /// The version found.
        found: u32,
        /// The version this library reads.
        expected: u32,
    },
}

impl ModelError {
    /// Shorthand for [`ModelError::InvalidField`].
    pub fn invalid(record: RecordRef, field: impl Into<String>, problem: FieldProblem) -> Self {
        Self::InvalidField {
            record,
            field: field.into(),
            problem,
        }
    }

    /// The stable code of the error, the same on every surface: `MODEL_INVALID_FIELD`,
    /// `MODEL_DUPLICATE_ID`, `MODEL_UNKNOWN_REFERENCE`, `MODEL_UNKNOWN_CATEGORY`,
    /// `MODEL_NOT_FOUND`, `MODEL_INVALID_TRANSITION`, `MODEL_JSON` or
    /// `MODEL_UNSUPPORTED_VERSION`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidField { .. } => "MODEL_INVALID_FIELD",
            Self::DuplicateId { .. } => "MODEL_DUPLICATE_ID",
            Self::UnknownReference { .. } => "MODEL_UNKNOWN_REFERENCE",
            Self::UnknownCategory { .. } => "MODEL_UNKNOWN_CATEGORY",
            Self::NotFound { .. } => "MODEL_NOT_FOUND",
            Self::InvalidTransition { .. } => "MODEL_INVALID_TRANSITION",
            Self::Json { .. } => "MODEL_JSON",
            Self::UnsupportedVersion { .. } => "MODEL_UNSUPPORTED_VERSION",
        }
    }

    /// The record the error is about, when there is one.
    ///
    /// ```
    /// use huzhu::error::{ModelError, RecordRef};
    /// use huzhu::model::NeedId;
    /// let e = ModelError::DuplicateId { record: RecordRef::Need(NeedId(2)) };
    /// assert_eq!(e.record(), Some(RecordRef::Need(NeedId(2))));
    /// assert_eq!(e.code(), "MODEL_DUPLICATE_ID");
    /// ```
    pub fn record(&self) -> Option<RecordRef> {
        match self {
            Self::InvalidField { record, .. }
            | Self::DuplicateId { record }
            | Self::UnknownReference { record, .. }
            | Self::UnknownCategory { record, .. }
            | Self::NotFound { record } => Some(record.clone()),
            Self::InvalidTransition { need, .. } => Some(RecordRef::Need(*need)),
            Self::UnsupportedVersion { .. } => Some(RecordRef::Snapshot),
            Self::Json { .. } => None,
        }
    }

    /// The field path the error is about, when there is one: a record's field, or the JSON
    /// path of a value that could not be read.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidField { field, .. }
            | Self::UnknownReference { field, .. }
            | Self::UnknownCategory { field, .. } => Some(field),
            Self::Json { path, .. } if !path.is_empty() => Some(path),
            Self::InvalidTransition { .. } => Some("status"),
            Self::UnsupportedVersion { .. } => Some("version"),
            _ => None,
        }
    }

    /// The 1-based line of JSON text the error is about, when it is about text.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Json { line, .. } if *line > 0 => Some(*line),
            _ => None,
        }
    }
}

/// `, line L column C` for an error in text (line 0 is a parsed value: no position).
fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(", line {line} column {column}")
    }
}

/// Result alias for model operations.
pub type ModelResult<T> = Result<T, ModelError>;
