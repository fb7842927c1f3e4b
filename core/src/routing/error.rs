//! Errors of a rounds plan.

use huzhu_routing::RoutingError;

/// Why a rounds plan was refused: a record's field (`visit 3`, `windows[0]`), or the
/// engine's own check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RoundsError {
    /// A visit's or a server's field is out of range.
    #[error("{record}: {field} {reason}")]
    Invalid {
        /// `visit 3`, `worker#2`.
        record: String,
        /// `windows[0]`, `place.lat`, …
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The engine refused the problem built from the records.
    #[error(transparent)]
    Routing(#[from] RoutingError),
}

impl RoundsError {
    pub(crate) fn invalid(record: impl Into<String>, field: &str, reason: &str) -> Self {
        Self::Invalid {
            record: record.into(),
            field: field.to_owned(),
            reason: reason.to_owned(),
        }
    }

    /// The stable code: `ROUNDS_INVALID`, or the engine's (`ROUTING_…`).
    ///
    /// ```
    /// use huzhu::routing::RoundsError;
    /// assert_eq!(RoundsError::Routing(huzhu::routing::RoutingError::NoMatrix).code(), "ROUTING_NO_MATRIX");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid { .. } => "ROUNDS_INVALID",
            Self::Routing(e) => e.code(),
        }
    }

    /// The record at fault.
    pub fn record(&self) -> Option<String> {
        match self {
            Self::Invalid { record, .. } => Some(record.clone()),
            Self::Routing(e) => e.record(),
        }
    }

    /// The field at fault.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            Self::Routing(e) => e.field(),
        }
    }
}
