//! The `gap` format — minimal compiling stand-in for the `solver` branch; the real parser and
//! solver come from the `gap` branch and replace this file on merge.

use std::time::Duration;

use super::FormatError;
use crate::report::SolveReport;

/// A parsed GAP instance (stand-in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapInstance {
    _private: (),
}

/// Parses a `gap` file (stand-in: always fails).
pub fn parse(_text: &str) -> Result<GapInstance, FormatError> {
    Err(FormatError::Malformed {
        line: 1,
        why: "the gap format is not available in this build".to_owned(),
    })
}

/// Solves a GAP instance (stand-in: unreachable since `parse` always fails).
pub fn solve(_instance: &GapInstance, _time_limit: Option<Duration>) -> SolveReport {
    SolveReport {
        objective: 0,
        assigned: 0,
        unassigned: 0,
        seconds: 0.0,
        optimal: false,
        lower_bound: None,
    }
}
