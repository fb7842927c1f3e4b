//! The import report: what could not be mapped, where and why.

use std::fmt;

/// How serious an import issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Severity {
    /// Information was dropped or a default applied; the record is imported.
    Warning,
    /// The record cannot be imported as it is: the import fails, or with
    /// [`skip_invalid`](super::HsdsImportOptions::skip_invalid) the record and those built
    /// from it are left out.
    Error,
}

/// One thing the importer could not map.
///
/// ```
/// use huzhu::formats::hsds::{ImportIssue, Severity};
/// let i = ImportIssue::new(Severity::Error, "location", "3a19", "latitude", "value 100 is outside -90..=90");
/// assert_eq!(i.to_string(), "error: location 3a19: field `latitude` value 100 is outside -90..=90");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ImportIssue {
    /// Error or warning.
    pub severity: Severity,
    /// The HSDS table of the record (`service`, `location`, `schedule`, …).
    pub table: String,
    /// The record's HSDS id (or `row N` when it has none).
    pub record: String,
    /// The field at fault.
    pub field: String,
    /// Why.
    pub why: String,
}

impl ImportIssue {
    /// An issue.
    pub fn new(
        severity: Severity,
        table: impl Into<String>,
        record: impl Into<String>,
        field: impl Into<String>,
        why: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            table: table.into(),
            record: record.into(),
            field: field.into(),
            why: why.into(),
        }
    }
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{sev}: {} {}: field `{}` {}",
            self.table, self.record, self.field, self.why
        )
    }
}

/// Every issue of one import, in the order the records were read (sorted by HSDS id), and the
/// records left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ImportReport {
    /// The issues.
    pub issues: Vec<ImportIssue>,
    /// HSDS ids of the records left out because of errors (only with `skip_invalid`).
    pub skipped: Vec<String>,
}

impl ImportReport {
    /// Whether there is no issue at all.
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &ImportIssue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &ImportIssue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }

    pub(crate) fn push(&mut self, issue: ImportIssue) {
        if !self.issues.contains(&issue) {
            self.issues.push(issue);
        }
    }
}
