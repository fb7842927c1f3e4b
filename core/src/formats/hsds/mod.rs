//! Open Referral HSDS 3.0 service directories in: organisations become [`Provider`]s and each
//! service-at-location becomes one [`Service`] (a huzhu service sits at one point, so a service
//! offered at three locations becomes three services, each with that location's schedules).
//!
//! # Mapping
//! | HSDS | huzhu |
//! | --- | --- |
//! | `organization.id`, `name` | [`Provider`] (dense id), `name`; `kind` from the options |
//! | `service_at_location.id` | [`Service`] (dense id, in HSDS id order) |
//! | `service.name`, `status` | `name`, `status` (`active`, `inactive`, `defunct`, `temporarily closed`) |
//! | `service.organization_id` | `provider` |
//! | `location.latitude`, `longitude` | `location` |
//! | `location.location_type` | `mode`: `physical` → at the facility, `virtual` → device |
//! | `service.minimum_age`, `maximum_age` | `eligibility.min_age`, `max_age` |
//! | taxonomy terms (through `attributes`) | `categories`, or `eligibility.groups_any`, through the mapping tables |
//! | `service_capacity.available` (else `maximum`) | `capacity_per_week` |
//! | `cost_options.amount` in the options' currency | `fee` (0 → free, else paid, the cheapest option) |
//! | `service_area.extent` (GeoJSON) | `radius_m`: the farthest extent vertex from the location |
//! | `schedule` (`freq` … `closes_at`, `timezone`) | `recurring.rules` ([`Recurrence`]); service-at-location schedules first, else the location's, else the service's |
//!
//! Descriptive fields (descriptions, contacts, phones, addresses, languages, funding,
//! programs, documents, metadata, accessibility) have no place in the matcher and are not read.
//! Everything that bears on matching and cannot be mapped is reported in an [`ImportReport`]
//! naming the table, record (HSDS id) and field. The import is all-or-nothing: any error
//! rejects it, unless [`HsdsImportOptions::skip_invalid`] leaves out the records at fault.

mod import;
mod options;
mod report;
mod tables;

use std::collections::BTreeMap;

use thiserror::Error;

use crate::error::ModelError;
use crate::model::{Community, Provider, ProviderId, Service, ServiceId};

pub use options::{HsdsImportOptions, default_category_map, default_group_map};
pub use report::{ImportIssue, ImportReport, Severity};
pub use tables::{HsdsTables, Row};

#[allow(unused_imports)]
use crate::model::Recurrence;

/// Why an HSDS import failed as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum HsdsError {
    /// The text is not JSON.
    #[error("HSDS JSON, line {line} column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The JSON is not one of the HSDS shapes read here.
    #[error("HSDS input: {why}")]
    Shape {
        /// What was expected.
        why: String,
    },
    /// Records have errors and `skip_invalid` is off: nothing is imported.
    #[error("HSDS import rejected: {errors} error(s), the first: {first}")]
    Rejected {
        /// How many errors.
        errors: usize,
        /// The first error, as text.
        first: String,
        /// The whole report.
        report: ImportReport,
    },
    /// More records than `u32` ids can number.
    #[error("HSDS import: too many {table} records for u32 ids")]
    TooMany {
        /// The table.
        table: String,
    },
}

impl HsdsError {
    pub(crate) fn from_json(e: &serde_json::Error) -> Self {
        Self::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }

    /// The stable code: `HSDS_JSON`, `HSDS_SHAPE`, `HSDS_REJECTED` or `HSDS_TOO_MANY`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Json { .. } => "HSDS_JSON",
            Self::Shape { .. } => "HSDS_SHAPE",
            Self::Rejected { .. } => "HSDS_REJECTED",
            Self::TooMany { .. } => "HSDS_TOO_MANY",
        }
    }

    /// The line of the JSON text at fault.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Json { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The first record in error, for a rejected import: `table:id` (`service:s-bad`).
    pub fn record(&self) -> Option<String> {
        self.first_issue()
            .map(|i| format!("{}:{}", i.table, i.record))
    }

    /// The field of the first record in error, for a rejected import.
    pub fn field(&self) -> Option<&str> {
        self.first_issue().map(|i| i.field.as_str())
    }

    fn first_issue(&self) -> Option<&ImportIssue> {
        self.report()?
            .issues
            .iter()
            .find(|i| i.severity == Severity::Error)
    }

    /// The import report, when the import was rejected for errors in records.
    pub fn report(&self) -> Option<&ImportReport> {
        match self {
            Self::Rejected { report, .. } => Some(report),
            _ => None,
        }
    }
}

/// Where a huzhu service came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServiceOrigin {
    /// The huzhu id.
    pub id: ServiceId,
    /// HSDS `service_at_location.id`.
    pub service_at_location: String,
    /// HSDS `service.id`.
    pub service: String,
    /// HSDS `location.id`.
    pub location: String,
}

/// The HSDS id ↔ huzhu id maps of one import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HsdsIds {
    /// HSDS organisation id → provider id.
    pub providers: BTreeMap<String, ProviderId>,
    /// One entry per imported service, in id order.
    pub services: Vec<ServiceOrigin>,
}

impl HsdsIds {
    /// The huzhu service id of an HSDS service-at-location.
    pub fn service(&self, service_at_location: &str) -> Option<ServiceId> {
        self.services
            .iter()
            .find(|o| o.service_at_location == service_at_location)
            .map(|o| o.id)
    }

    /// The origin of a huzhu service.
    pub fn origin(&self, id: ServiceId) -> Option<&ServiceOrigin> {
        self.services.iter().find(|o| o.id == id)
    }
}

/// The result of an import: records ready for a [`Community`], the id maps and the report.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HsdsImport {
    /// Providers, in id order.
    pub providers: Vec<Provider>,
    /// Services, in id order.
    pub services: Vec<Service>,
    /// HSDS ids ↔ huzhu ids.
    pub ids: HsdsIds,
    /// Warnings, and with `skip_invalid` the errors of the records left out.
    pub report: ImportReport,
}

impl HsdsImport {
    /// Adds the providers and services to `community`, all or nothing: ids must be free and
    /// categories known to its taxonomy, else nothing is added and the error names the record.
    pub fn add_to(&self, community: &mut Community) -> Result<(), ModelError> {
        use crate::error::RecordRef;
        for p in &self.providers {
            p.check()?;
            if community.provider(p.id).is_some() {
                return Err(ModelError::DuplicateId {
                    record: RecordRef::Provider(p.id),
                });
            }
        }
        for s in &self.services {
            s.check()?;
            let record = RecordRef::Service(s.id);
            if community.service(s.id).is_some() {
                return Err(ModelError::DuplicateId { record });
            }
            for (i, c) in s.categories.iter().enumerate() {
                if !community.taxonomy().contains(c) {
                    return Err(ModelError::UnknownCategory {
                        record,
                        field: format!("categories[{i}]"),
                        code: c.0.clone(),
                    });
                }
            }
            if community.provider(s.provider).is_none()
                && !self.providers.iter().any(|p| p.id == s.provider)
            {
                return Err(ModelError::UnknownReference {
                    record,
                    field: "provider".into(),
                    target: RecordRef::Provider(s.provider),
                });
            }
        }
        for p in &self.providers {
            community.add_provider(p.clone())?;
        }
        for s in &self.services {
            community.add_service(s.clone())?;
        }
        Ok(())
    }
}

/// Imports HSDS 3.0 JSON (see [`HsdsTables::from_json`] for the shapes read).
///
/// ```
/// use huzhu::formats::hsds::{import_json, HsdsImportOptions};
/// let json = r#"{
///   "id": "svc-1", "name": "Lunch club", "status": "active", "minimum_age": 60,
///   "organization": {"id": "org-1", "name": "Street office"},
///   "attributes": [{"id": "a1", "taxonomy_term": {"id": "t1", "code": "meals", "name": "Meals"}}],
///   "service_at_locations": [{"id": "sal-1",
///     "location": {"id": "loc-1", "location_type": "physical", "latitude": 31.23, "longitude": 121.47},
///     "schedules": [{"id": "sch-1", "freq": "WEEKLY", "byday": "MO,WE,FR", "dtstart": "2026-01-01",
///                    "opens_at": "11:00", "closes_at": "13:00"}]}]
/// }"#;
/// let import = import_json(json, &HsdsImportOptions::default()).unwrap();
/// assert!(import.report.is_clean());
/// let s = &import.services[0];
/// assert_eq!(s.categories[0].0, "elder.meals");
/// assert_eq!(s.eligibility.min_age, Some(60));
/// assert_eq!(s.recurring.rules[0].to_rrule(), "FREQ=WEEKLY;BYDAY=MO,WE,FR;WKST=MO");
/// assert_eq!(import.ids.service("sal-1"), Some(s.id));
/// let mut c = huzhu::model::Community::new("Demo");
/// import.add_to(&mut c).unwrap();
/// assert_eq!(c.services().count(), 1);
/// ```
pub fn import_json(json: &str, options: &HsdsImportOptions) -> Result<HsdsImport, HsdsError> {
    import_tables(&HsdsTables::from_json(json)?, options)
}

/// Imports the tabular form given as a JSON object of tables (`tabular.json`).
pub fn import_tabular_json(
    json: &str,
    options: &HsdsImportOptions,
) -> Result<HsdsImport, HsdsError> {
    import_tables(&HsdsTables::from_tabular_json(json)?, options)
}

/// Imports HSDS tables (from CSV files, or flattened JSON).
pub fn import_tables(
    tables: &HsdsTables,
    options: &HsdsImportOptions,
) -> Result<HsdsImport, HsdsError> {
    import::run(tables, options)
}
