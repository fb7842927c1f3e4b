//! Instance file formats read by the solve tool: OR-Library `assign` and `gap`, and `bmatch`.
//!
//! Each format module offers `parse(text) -> Result<Instance, FormatError>` and
//! `solve(&Instance, time_limit) -> SolveReport`, timing only the solve.

pub mod assign;
pub mod bmatch;
pub mod gap;

use thiserror::Error;

/// A malformed instance file. Names the line (1-based) and what was wrong.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatError {
    /// The file ended before all expected numbers were read.
    #[error("unexpected end of file: expected {expected}")]
    UnexpectedEof {
        /// What the parser was looking for.
        expected: String,
    },
    /// A token was not a valid number of the expected kind, or out of range.
    #[error("line {line}: invalid {field}: {token:?} ({why})")]
    InvalidNumber {
        /// 1-based line number.
        line: usize,
        /// The field being read.
        field: String,
        /// The offending token.
        token: String,
        /// Why it was rejected.
        why: String,
    },
    /// The instance is well formed but has no feasible solution.
    #[error("infeasible: {0}")]
    Infeasible(String),
    /// Trailing data or an inconsistent header.
    #[error("line {line}: {why}")]
    Malformed {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        why: String,
    },
}
