//! What happened after matching: assignments, service records, survey responses, care records
//! and visit logs, with the reporting period. Every input is validated against the community.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};

use super::error::{InputRef, ScoringError};
use crate::error::{FieldProblem, RecordRef};
use crate::model::{Community, HelperId, NeedId, ResidentId};

/// A reporting period of whole days: from `start` (inclusive) to `end` (exclusive).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::scoring::Period;
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let nov = Period::new(d(11, 1), d(12, 1)).unwrap();
/// assert_eq!(nov.days(), 30);
/// assert!(nov.contains_date(d(11, 30)));
/// assert!(!nov.contains_date(d(12, 1)));
/// assert!(Period::new(d(12, 1), d(11, 1)).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Period {
    /// First day of the period.
    pub start: NaiveDate,
    /// First day after the period.
    pub end: NaiveDate,
}

impl Period {
    /// A period; `end` must be after `start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, ScoringError> {
        let p = Self { start, end };
        p.check(InputRef::Period, "period")?;
        Ok(p)
    }

    /// Checks that the period is not empty.
    pub fn check(self, record: InputRef, field: &str) -> Result<(), ScoringError> {
        if self.end <= self.start {
            return Err(ScoringError::invalid(
                record,
                format!("{field}.end"),
                FieldProblem::EndsBeforeStart,
            ));
        }
        Ok(())
    }

    /// Number of days in the period (0 for an invalid period).
    pub fn days(self) -> u32 {
        (self.end - self.start).num_days().max(0) as u32
    }

    /// Whether a date lies in the period.
    pub fn contains_date(self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end
    }

    /// Whether a moment lies in the period.
    pub fn contains(self, at: NaiveDateTime) -> bool {
        self.contains_date(at.date())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

macro_rules! input_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

input_id!(
    /// Identifies a [`ServiceRecord`].
    ///
    /// ```
    /// assert_eq!(huzhu::scoring::ServiceRecordId(2).to_string(), "service record#2");
    /// ```
    ServiceRecordId,
    "service record#"
);
input_id!(
    /// Identifies a [`SurveyResponse`].
    ///
    /// ```
    /// assert_eq!(huzhu::scoring::SurveyId(2).to_string(), "survey#2");
    /// ```
    SurveyId,
    "survey#"
);

/// A need matched to a helper at a moment: the part of the match plan scoring reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Assignment {
    /// The need.
    pub need: NeedId,
    /// Who serves it.
    pub helper: HelperId,
    /// When the match was made (must not be before the need was created).
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub matched_at: NaiveDateTime,
}

/// How a service visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Outcome {
    /// The service was delivered.
    Done,
    /// The helper did not turn up.
    NoShow,
    /// Called off before it happened.
    Cancelled,
}

impl Outcome {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::NoShow => "no_show",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A record of one service visit: what happened after matching.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::{HelperId, NeedId, VolunteerId};
/// use huzhu::scoring::{Outcome, ServiceRecord, ServiceRecordId};
/// let at = |h| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let r = ServiceRecord::new(ServiceRecordId(1), NeedId(1), HelperId::Volunteer(VolunteerId(1)), at(9), at(10), Outcome::Done);
/// assert!(r.check().is_ok());
/// let bad = ServiceRecord { finished: at(8), ..r };
/// assert_eq!(bad.check().unwrap_err().to_string(), "service record#1: field `finished` ends before (or when) it starts");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServiceRecord {
    /// Record id.
    pub id: ServiceRecordId,
    /// The need served.
    pub need: NeedId,
    /// The volunteer or service that served it.
    pub helper: HelperId,
    /// When the visit started (or was due to start).
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub started: NaiveDateTime,
    /// When it finished; equal to `started` for a no-show or cancellation.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub finished: NaiveDateTime,
    /// How it ended.
    pub outcome: Outcome,
}

impl ServiceRecord {
    /// A record with the given fields.
    pub fn new(
        id: ServiceRecordId,
        need: NeedId,
        helper: HelperId,
        started: NaiveDateTime,
        finished: NaiveDateTime,
        outcome: Outcome,
    ) -> Self {
        Self {
            id,
            need,
            helper,
            started,
            finished,
            outcome,
        }
    }

    /// Checks the record's own fields: a delivered visit takes time; no record ends before it
    /// starts.
    pub fn check(&self) -> Result<(), ScoringError> {
        let bad = match self.outcome {
            Outcome::Done => self.finished <= self.started,
            Outcome::NoShow | Outcome::Cancelled => self.finished < self.started,
        };
        if bad {
            return Err(ScoringError::invalid(
                InputRef::ServiceRecord(self.id),
                "finished",
                FieldProblem::EndsBeforeStart,
            ));
        }
        Ok(())
    }
}

/// A dimension of a satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Dimension {
    /// Service content (服务内容).
    Content,
    /// Efficiency (服务效率).
    Efficiency,
    /// Attitude (服务态度).
    Attitude,
    /// Sustainability (可持续性).
    Sustainability,
    /// Innovation (创新性).
    Innovation,
}

impl Dimension {
    /// Every dimension, in order.
    pub const ALL: [Self; 5] = [
        Self::Content,
        Self::Efficiency,
        Self::Attitude,
        Self::Sustainability,
        Self::Innovation,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Content => "content",
            Self::Efficiency => "efficiency",
            Self::Attitude => "attitude",
            Self::Sustainability => "sustainability",
            Self::Innovation => "innovation",
        }
    }

    /// English and Chinese labels.
    ///
    /// ```
    /// use huzhu::scoring::Dimension;
    /// assert_eq!(Dimension::Attitude.labels(), ("Attitude", "服务态度"));
    /// ```
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Content => ("Content", "服务内容"),
            Self::Efficiency => ("Efficiency", "服务效率"),
            Self::Attitude => ("Attitude", "服务态度"),
            Self::Sustainability => ("Sustainability", "可持续性"),
            Self::Innovation => ("Innovation", "创新性"),
        }
    }
}

/// One resident's answers about one helper in one period, on a Likert 1–5 scale per dimension.
///
/// The category of the answer is that of `need` when given, otherwise the first category of the
/// service (a volunteer answered about without a need has no category).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::{HelperId, ResidentId, ServiceId};
/// use huzhu::scoring::{Dimension, Period, SurveyId, SurveyResponse};
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let mut s = SurveyResponse::new(SurveyId(1), ResidentId(1), HelperId::Service(ServiceId(1)), Period::new(d(1), d(2)).unwrap());
/// s.answers.insert(Dimension::Content, 4);
/// assert!(s.check().is_ok());
/// s.answers.insert(Dimension::Attitude, 6);
/// assert!(s.check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SurveyResponse {
    /// Response id.
    pub id: SurveyId,
    /// Who answered.
    pub respondent: ResidentId,
    /// The service or volunteer the answers are about.
    pub helper: HelperId,
    /// The need the answers are about, if known (gives the category).
    #[cfg_attr(feature = "serde", serde(default))]
    pub need: Option<NeedId>,
    /// The period surveyed.
    pub period: Period,
    /// Likert answers, 1 (very dissatisfied) to 5 (very satisfied); unanswered dimensions absent.
    pub answers: BTreeMap<Dimension, u8>,
}

impl SurveyResponse {
    /// A response with no answers yet.
    pub fn new(id: SurveyId, respondent: ResidentId, helper: HelperId, period: Period) -> Self {
        Self {
            id,
            respondent,
            helper,
            need: None,
            period,
            answers: BTreeMap::new(),
        }
    }

    /// Checks the response's own fields: a valid period, at least one answer, answers in 1..=5.
    pub fn check(&self) -> Result<(), ScoringError> {
        let record = InputRef::Survey(self.id);
        self.period.check(record.clone(), "period")?;
        if self.answers.is_empty() {
            return Err(ScoringError::invalid(
                record,
                "answers",
                FieldProblem::Empty,
            ));
        }
        for (d, v) in &self.answers {
            if !(1..=5).contains(v) {
                return Err(ScoringError::invalid(
                    record,
                    format!("answers.{}", d.code()),
                    FieldProblem::OutOfRange {
                        value: v.to_string(),
                        allowed: "1..=5".into(),
                    },
                ));
            }
        }
        Ok(())
    }
}

/// A special-group resident's care record (一人一档): open from `opened`, until `closed` if set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CareRecord {
    /// The resident.
    pub resident: ResidentId,
    /// Day the record was opened.
    pub opened: NaiveDate,
    /// Day it was closed (inclusive), if it was.
    #[cfg_attr(feature = "serde", serde(default))]
    pub closed: Option<NaiveDate>,
}

impl CareRecord {
    /// Whether the record is open on some day of the period.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::ResidentId;
    /// use huzhu::scoring::{CareRecord, Period};
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let nov = Period::new(d(11, 1), d(12, 1)).unwrap();
    /// let r = CareRecord { resident: ResidentId(1), opened: d(3, 1), closed: Some(d(11, 1)) };
    /// assert!(r.active_in(nov));
    /// assert!(!CareRecord { closed: Some(d(10, 31)), ..r }.active_in(nov));
    /// ```
    pub fn active_in(&self, period: Period) -> bool {
        self.opened < period.end && self.closed.is_none_or(|c| c >= period.start)
    }
}

/// How a resident was checked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VisitKind {
    /// A home visit (上门探访).
    Home,
    /// A phone call.
    Phone,
}

impl VisitKind {
    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Home => ("Home visit", "上门探访"),
            Self::Phone => ("Phone call", "电话问候"),
        }
    }
}

/// A logged visit or call to a resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VisitLog {
    /// The resident visited.
    pub resident: ResidentId,
    /// When.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub at: NaiveDateTime,
    /// Visit or call.
    pub kind: VisitKind,
}

fn helper_exists(community: &Community, helper: HelperId) -> Option<RecordRef> {
    match helper {
        HelperId::Volunteer(v) => community
            .volunteer(v)
            .is_none()
            .then_some(RecordRef::Volunteer(v)),
        HelperId::Service(s) => community
            .service(s)
            .is_none()
            .then_some(RecordRef::Service(s)),
    }
}

fn unknown(record: InputRef, field: &str, target: RecordRef) -> ScoringError {
    ScoringError::UnknownReference {
        record,
        field: field.into(),
        target,
    }
}

/// Checks assignments against the community: the need and helper exist, and the match is not
/// made before the need was created.
pub fn check_assignments(
    community: &Community,
    assignments: &[Assignment],
) -> Result<(), ScoringError> {
    for (index, a) in assignments.iter().enumerate() {
        let record = InputRef::Assignment { index };
        let Some(need) = community.need(a.need) else {
            return Err(unknown(record, "need", RecordRef::Need(a.need)));
        };
        if let Some(target) = helper_exists(community, a.helper) {
            return Err(unknown(record, "helper", target));
        }
        if a.matched_at < need.created_at {
            return Err(ScoringError::invalid(
                record,
                "matched_at",
                FieldProblem::Invalid {
                    why: format!("is before {} was created", a.need),
                },
            ));
        }
    }
    Ok(())
}

/// Checks service records: own fields, unique ids, need and helper exist, not started before the
/// need was created.
pub fn check_service_records(
    community: &Community,
    records: &[ServiceRecord],
) -> Result<(), ScoringError> {
    let mut seen = BTreeSet::new();
    for r in records {
        r.check()?;
        let record = InputRef::ServiceRecord(r.id);
        if !seen.insert(r.id) {
            return Err(ScoringError::DuplicateId { record });
        }
        let Some(need) = community.need(r.need) else {
            return Err(unknown(record, "need", RecordRef::Need(r.need)));
        };
        if let Some(target) = helper_exists(community, r.helper) {
            return Err(unknown(record, "helper", target));
        }
        if r.started < need.created_at {
            return Err(ScoringError::invalid(
                record,
                "started",
                FieldProblem::Invalid {
                    why: format!("is before {} was created", r.need),
                },
            ));
        }
    }
    Ok(())
}

/// Checks survey responses: own fields, unique ids, respondent, helper and need exist.
pub fn check_surveys(
    community: &Community,
    surveys: &[SurveyResponse],
) -> Result<(), ScoringError> {
    let mut seen = BTreeSet::new();
    for s in surveys {
        s.check()?;
        let record = InputRef::Survey(s.id);
        if !seen.insert(s.id) {
            return Err(ScoringError::DuplicateId { record });
        }
        if community.resident(s.respondent).is_none() {
            return Err(unknown(
                record,
                "respondent",
                RecordRef::Resident(s.respondent),
            ));
        }
        if let Some(target) = helper_exists(community, s.helper) {
            return Err(unknown(record, "helper", target));
        }
        if let Some(n) = s.need
            && community.need(n).is_none()
        {
            return Err(unknown(record, "need", RecordRef::Need(n)));
        }
    }
    Ok(())
}

/// Checks care records: the resident exists and the record does not close before it opens.
pub fn check_care_records(community: &Community, care: &[CareRecord]) -> Result<(), ScoringError> {
    for (index, c) in care.iter().enumerate() {
        let record = InputRef::CareRecord { index };
        if community.resident(c.resident).is_none() {
            return Err(unknown(record, "resident", RecordRef::Resident(c.resident)));
        }
        if c.closed.is_some_and(|d| d < c.opened) {
            return Err(ScoringError::invalid(
                record,
                "closed",
                FieldProblem::EndsBeforeStart,
            ));
        }
    }
    Ok(())
}

/// Checks visit logs: the resident exists.
pub fn check_visits(community: &Community, visits: &[VisitLog]) -> Result<(), ScoringError> {
    for (index, v) in visits.iter().enumerate() {
        if community.resident(v.resident).is_none() {
            return Err(unknown(
                InputRef::Visit { index },
                "resident",
                RecordRef::Resident(v.resident),
            ));
        }
    }
    Ok(())
}
