//! Reading instance files: whitespace-separated integers with line numbers, and the typed error
//! that names the line and field. The [`bmatch`](crate::bmatch) reader is built on it, and so
//! are the benchmark tool's OR-Library readers.

use thiserror::Error;

/// A malformed instance file. Names the line (1-based) and what was wrong.
///
/// ```
/// use huzhu_solver::text::{FormatError, Tokens};
/// let mut t = Tokens::new("3\n-1\n");
/// assert_eq!(t.int("n", 0, 9)?.1, 3);
/// let e = t.int("cost", 0, 9).unwrap_err();
/// assert_eq!((e.code(), e.line(), e.field()), ("FORMAT_INVALID_NUMBER", Some(2), Some("cost")));
/// # Ok::<(), FormatError>(())
/// ```
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatError {
    /// The file ended before all expected numbers were read.
    #[error("unexpected end of file: expected {expected}")]
    UnexpectedEof {
        /// What the reader was looking for.
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
    /// Trailing data, an inconsistent header, or numbers the problem cannot hold.
    #[error("line {line}: {why}")]
    Malformed {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        why: String,
    },
}

impl FormatError {
    /// The stable code: `FORMAT_UNEXPECTED_EOF`, `FORMAT_INVALID_NUMBER` or `FORMAT_MALFORMED`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnexpectedEof { .. } => "FORMAT_UNEXPECTED_EOF",
            Self::InvalidNumber { .. } => "FORMAT_INVALID_NUMBER",
            Self::Malformed { .. } => "FORMAT_MALFORMED",
        }
    }

    /// The 1-based line at fault, when there is one (none at the end of the file).
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::InvalidNumber { line, .. } | Self::Malformed { line, .. } => Some(*line),
            Self::UnexpectedEof { .. } => None,
        }
    }

    /// The field being read, when the error is about one number.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidNumber { field, .. } => Some(field),
            Self::UnexpectedEof { expected } => Some(expected),
            Self::Malformed { .. } => None,
        }
    }
}

/// Whitespace-separated tokens with their 1-based line numbers, read in order.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    tokens: Vec<(usize, &'a str)>,
    next: usize,
}

impl<'a> Tokens<'a> {
    /// Splits `text` into tokens.
    pub fn new(text: &'a str) -> Self {
        let tokens = text
            .lines()
            .enumerate()
            .flat_map(|(i, line)| line.split_whitespace().map(move |t| (i + 1, t)))
            .collect();
        Self { tokens, next: 0 }
    }

    /// The tokens of the next line that has any, consumed, with their line number.
    pub fn first_line(&mut self) -> Vec<(usize, &'a str)> {
        let Some(&(line, _)) = self.tokens.get(self.next) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while let Some(&(l, t)) = self.tokens.get(self.next) {
            if l != line {
                break;
            }
            out.push((l, t));
            self.next += 1;
        }
        out
    }

    /// The next token read as an integer in `lo..=hi`, with its line.
    pub fn int(&mut self, field: &str, lo: i64, hi: i64) -> Result<(usize, i64), FormatError> {
        let Some(&(line, token)) = self.tokens.get(self.next) else {
            return Err(FormatError::UnexpectedEof {
                expected: field.to_owned(),
            });
        };
        self.next += 1;
        parse_int(line, token, field, lo, hi).map(|v| (line, v))
    }

    /// The line of the next token (or of the last one, at the end; 1 for an empty text).
    pub fn line(&self) -> usize {
        self.tokens
            .get(self.next)
            .or_else(|| self.tokens.last())
            .map_or(1, |t| t.0)
    }

    /// Whether every token was read.
    pub fn done(&self) -> bool {
        self.next >= self.tokens.len()
    }

    /// Fails, naming the line, if tokens remain.
    pub fn finish(&self) -> Result<(), FormatError> {
        match self.tokens.get(self.next) {
            Some(&(line, token)) => Err(FormatError::Malformed {
                line,
                why: format!("unexpected trailing data {token:?}"),
            }),
            None => Ok(()),
        }
    }
}

/// Reads one integer token in `lo..=hi`; the error names the line, field and token.
pub fn parse_int(
    line: usize,
    token: &str,
    field: &str,
    lo: i64,
    hi: i64,
) -> Result<i64, FormatError> {
    let bad = |why: String| FormatError::InvalidNumber {
        line,
        field: field.to_owned(),
        token: token.to_owned(),
        why,
    };
    let v: i64 = token.parse().map_err(|e| bad(format!("{e}")))?;
    if v < lo || v > hi {
        return Err(bad(format!("must be between {lo} and {hi}")));
    }
    Ok(v)
}
