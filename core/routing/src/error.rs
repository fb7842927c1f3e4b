//! Typed errors naming the record and field at fault.

/// Why a routing problem or request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RoutingError {
    /// The problem has no travel-time matrix.
    #[error("the problem has no travel-time matrix")]
    NoMatrix,
    /// A matrix row (or a whole matrix, for `row` = its profile) has the wrong length.
    #[error("travel-time matrix row {row} has {found} entries, expected {expected}")]
    MatrixShape {
        /// The row (or profile).
        row: usize,
        /// Its length.
        found: usize,
        /// The number of locations.
        expected: usize,
    },
    /// A travel time is negative.
    #[error("travel time from location {from} to {to} is negative ({time})")]
    NegativeTravel {
        /// From.
        from: usize,
        /// To.
        to: usize,
        /// The time given.
        time: i64,
    },
    /// A field of a visit or vehicle is out of range.
    #[error("{record}: {field} {reason}")]
    Invalid {
        /// `visit 3`, `vehicle 1`.
        record: String,
        /// `windows[1]`, `shift`, …
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A warm start names a visit or vehicle the problem does not have, or a visit twice.
    #[error("warm start: {reason}")]
    WarmStart {
        /// What is wrong.
        reason: String,
    },
}

impl RoutingError {
    /// The stable code: `ROUTING_` and the variant.
    ///
    /// ```
    /// use huzhu_routing::RoutingError;
    /// assert_eq!(RoutingError::NoMatrix.code(), "ROUTING_NO_MATRIX");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoMatrix => "ROUTING_NO_MATRIX",
            Self::MatrixShape { .. } => "ROUTING_MATRIX_SHAPE",
            Self::NegativeTravel { .. } => "ROUTING_NEGATIVE_TRAVEL",
            Self::Invalid { .. } => "ROUTING_INVALID",
            Self::WarmStart { .. } => "ROUTING_WARM_START",
        }
    }

    /// The record at fault (`visit 3`, `vehicle 1`, `matrix row 2`).
    pub fn record(&self) -> Option<String> {
        match self {
            Self::Invalid { record, .. } => Some(record.clone()),
            Self::MatrixShape { row, .. } => Some(format!("matrix row {row}")),
            Self::NegativeTravel { from, .. } => Some(format!("matrix row {from}")),
            Self::NoMatrix | Self::WarmStart { .. } => None,
        }
    }

    /// The field at fault.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}
