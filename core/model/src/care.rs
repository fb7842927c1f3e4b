//! One person, one file (一人一档): the care file of a special-group resident, the workers who
//! keep them, and the log of visits and calls.
//!
//! A [`CareFile`] holds an [`Assessment`] (self-care, health and living risks), a [`RiskLevel`],
//! the responsible [`Worker`], a tailored service package ([`PackageItem`]s: meals daily,
//! cleaning weekly, …) and, when it differs from the documents' default, the contact plan
//! ([`ContactPlan`]). Every visit, call or needs survey is a [`Contact`]. What follows from them —
//! contacts due and overdue, the week's needs from the packages, risk flags, needs inferred from
//! the records — is computed by `huzhu::care`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::{CategoryCode, GridId, Household, Resident, ResidentId, SelfCare, SpecialGroup};
use super::{ContactId, WorkerId};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// What a worker does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum WorkerRole {
    /// Grid worker (网格员).
    GridWorker,
    /// Professional social worker (社工).
    SocialWorker,
    /// Community worker (社区工作者).
    CommunityWorker,
}

impl WorkerRole {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::GridWorker => "grid_worker",
            Self::SocialWorker => "social_worker",
            Self::CommunityWorker => "community_worker",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::GridWorker => ("Grid worker", "网格员"),
            Self::SocialWorker => ("Social worker", "社工"),
            Self::CommunityWorker => ("Community worker", "社区工作者"),
        }
    }
}

/// A member of staff who keeps care files and makes the rounds.
///
/// ```
/// use huzhu::model::{GridId, Worker, WorkerId, WorkerRole};
/// let w = Worker::new(WorkerId(1), "Li Hua", WorkerRole::GridWorker).with_grids([GridId(3)]);
/// assert!(w.check().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Worker {
    /// Id.
    pub id: WorkerId,
    /// Name.
    pub name: String,
    /// Role.
    pub role: WorkerRole,
    /// The grid cells the worker covers (片区), if assigned to any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub grids: Vec<GridId>,
    /// Whether the worker holds a professional qualification (a social-work certificate,
    /// 社会工作者职业资格). The documents count 12% of workers qualified.
    #[cfg_attr(feature = "serde", serde(default))]
    pub qualified: bool,
}

impl Worker {
    /// A worker covering no grid yet.
    pub fn new(id: WorkerId, name: impl Into<String>, role: WorkerRole) -> Self {
        Self {
            id,
            name: name.into(),
            role,
            grids: Vec::new(),
            qualified: false,
        }
    }

    /// Marks the worker professionally qualified (or not).
    #[must_use]
    pub fn with_qualified(mut self, qualified: bool) -> Self {
        self.qualified = qualified;
        self
    }

    /// Sets the grid cells covered.
    #[must_use]
    pub fn with_grids(mut self, grids: impl IntoIterator<Item = GridId>) -> Self {
        self.grids = grids.into_iter().collect();
        self
    }

    /// Checks the record's fields.
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Worker(self.id);
        if self.name.trim().is_empty() {
            return Err(ModelError::invalid(record, "name", FieldProblem::Empty));
        }
        super::taxonomy::check_text(&record, "name", &self.name, super::MAX_LABEL)
    }
}

/// How much attention a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RiskLevel {
    /// Low (低).
    #[default]
    Low,
    /// Medium (中).
    Medium,
    /// High (高).
    High,
}

impl RiskLevel {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

/// An assessment of the resident (评估).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Assessment {
    /// When.
    pub date: NaiveDate,
    /// Who assessed (a name or a worker's label).
    pub assessor: String,
    /// Self-care level found.
    pub self_care: SelfCare,
    /// Health risks found (free text, e.g. `falls`, `dementia`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub health_risks: Vec<String>,
    /// Living risks found (e.g. `no heating`, `stairs`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub living_risks: Vec<String>,
}

/// How often a package item is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Cadence {
    /// Every day.
    Daily,
    /// Monday to Friday.
    Weekdays,
    /// Once a week, on the item's `weekday`.
    Weekly,
    /// Every other week (half-monthly), on the item's `weekday`, in the weeks of the same
    /// parity as the week the file was opened in.
    Fortnightly,
}

/// One item of a tailored service package (定制化服务包): a category served at a cadence, in a
/// window of the day, for a duration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PackageItem {
    /// The category of the need it creates.
    pub category: CategoryCode,
    /// How often.
    pub every: Cadence,
    /// The day, for a weekly or fortnightly item.
    #[cfg_attr(feature = "serde", serde(default))]
    pub weekday: Option<Weekday>,
    /// The window of the day it may take place in.
    pub from: NaiveTime,
    /// The end of that window.
    pub until: NaiveTime,
    /// Minutes it takes.
    pub duration_minutes: u32,
}

/// How often the responsible worker must visit and call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ContactPlan {
    /// Days between home visits.
    pub visit_every_days: u32,
    /// Days between phone calls (a visit counts as a call); `None` for no calls.
    #[cfg_attr(feature = "serde", serde(default))]
    pub call_every_days: Option<u32>,
}

/// How often residents on the rounds are contacted by default, from the documents: the
/// elderly living alone aged 70+ visited weekly; under 70 visited every half month and phoned
/// weekly. Other care files default to the under-70 plan, and a high-risk file to weekly visits
/// at least (our choices, not the documents').
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ContactPolicy {
    /// A resident living alone is on the rounds from this age (default 60), or at any age when
    /// in the elderly-living-alone special group, care file or not.
    pub elderly_age: u32,
    /// From this age, home visits are weekly (default 70).
    pub older_age: u32,
    /// Days between home visits for the older residents (default 7).
    pub older_visit_days: u32,
    /// Days between home visits for the others (default 15, half a month).
    pub younger_visit_days: u32,
    /// Days between phone calls for the others (default 7; 0 turns phone calls off).
    pub younger_call_days: u32,
    /// Longest interval between visits for a high-risk file (default 7).
    pub high_risk_visit_days: u32,
    /// A contact is "due" this many days before it becomes overdue (default 1).
    pub due_soon_days: u32,
}

impl Default for ContactPolicy {
    fn default() -> Self {
        Self {
            elderly_age: 60,
            older_age: 70,
            older_visit_days: 7,
            younger_visit_days: 15,
            younger_call_days: 7,
            high_risk_visit_days: 7,
            due_soon_days: 1,
        }
    }
}

impl ContactPolicy {
    /// Checks the settings: visit intervals of at least a day, ages up to 150. (A call interval
    /// of 0 turns calls off; a `due_soon_days` of 0 shows contacts only when overdue.)
    ///
    /// ```
    /// use huzhu::model::ContactPolicy;
    /// let p = ContactPolicy { high_risk_visit_days: 0, ..ContactPolicy::default() };
    /// let e = p.check().unwrap_err();
    /// assert_eq!(e.to_string(), "contact policy: field `high_risk_visit_days` must be positive");
    /// ```
    pub fn check(&self) -> Result<(), ModelError> {
        let record = || RecordRef::Config("contact policy".into());
        for (name, days) in [
            ("older_visit_days", self.older_visit_days),
            ("younger_visit_days", self.younger_visit_days),
            ("high_risk_visit_days", self.high_risk_visit_days),
        ] {
            if days == 0 {
                return Err(ModelError::invalid(
                    record(),
                    name,
                    FieldProblem::NotPositive,
                ));
            }
        }
        for (name, age) in [
            ("elderly_age", self.elderly_age),
            ("older_age", self.older_age),
        ] {
            if age > 150 {
                return Err(ModelError::invalid(
                    record(),
                    name,
                    FieldProblem::OutOfRange {
                        value: age.to_string(),
                        allowed: "0..=150".into(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// Reads a policy from JSON: the settings given, the defaults for the rest; unknown
    /// settings are refused and the result is checked. Errors name the setting.
    ///
    /// ```
    /// use huzhu::model::ContactPolicy;
    /// let p = ContactPolicy::from_json(r#"{"older_age": 75}"#)?;
    /// assert_eq!((p.older_age, p.older_visit_days), (75, 7));
    /// let e = ContactPolicy::from_json(r#"{"older_visit_day": 7}"#).unwrap_err();
    /// assert_eq!((e.record().unwrap().to_string(), e.field()), ("contact policy".into(), Some("older_visit_day")));
    /// # Ok::<(), huzhu::error::ModelError>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        Self::read(crate::json::from_str(text, ""))
    }

    /// As [`from_json`](Self::from_json), from an already parsed JSON value.
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, ModelError> {
        Self::read(crate::json::from_value(value, ""))
    }

    #[cfg(feature = "serde")]
    fn read(read: Result<Self, ModelError>) -> Result<Self, ModelError> {
        let policy = read.map_err(|e| match e {
            ModelError::Json { message, path, .. } => ModelError::invalid(
                RecordRef::Config("contact policy".into()),
                crate::json::setting_or(&path, "policy"),
                FieldProblem::Invalid {
                    why: format!("cannot be read: {message}"),
                },
            ),
            other => other,
        })?;
        policy.check()?;
        Ok(policy)
    }

    /// Whether the documents put a resident on the rounds without a file: living alone and
    /// aged `elderly_age`+ (or in the elderly-living-alone group).
    pub fn on_rounds(&self, resident: &Resident, date: NaiveDate) -> bool {
        resident.household == Household::LivesAlone
            && (resident.age_on(date) >= self.elderly_age
                || resident.groups.contains(SpecialGroup::ElderlyLivingAlone))
    }

    /// The default plan for a resident on `date`, tightened for a high-risk file.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::*;
    /// let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
    ///                           GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1));
    /// r.household = Household::LivesAlone;
    /// let p = ContactPolicy::default();
    /// let plan = p.plan_for(&r, day, RiskLevel::Low);
    /// assert_eq!((plan.visit_every_days, plan.call_every_days), (7, None)); // 76: weekly visits
    /// r.birth_date = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap(); // 66
    /// let plan = p.plan_for(&r, day, RiskLevel::Low);
    /// assert_eq!((plan.visit_every_days, plan.call_every_days), (15, Some(7)));
    /// assert_eq!(p.plan_for(&r, day, RiskLevel::High).visit_every_days, 7);
    /// ```
    pub fn plan_for(&self, resident: &Resident, date: NaiveDate, risk: RiskLevel) -> ContactPlan {
        let older =
            resident.household == Household::LivesAlone && resident.age_on(date) >= self.older_age;
        let mut plan = if older {
            ContactPlan {
                visit_every_days: self.older_visit_days,
                call_every_days: None,
            }
        } else {
            ContactPlan {
                visit_every_days: self.younger_visit_days,
                call_every_days: (self.younger_call_days > 0).then_some(self.younger_call_days),
            }
        };
        if risk == RiskLevel::High {
            plan.visit_every_days = plan.visit_every_days.min(self.high_risk_visit_days);
        }
        plan
    }
}

/// The care file of one special-group resident (一人一档).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CareFile {
    /// The resident (one file per resident).
    pub resident: ResidentId,
    /// When the file was opened.
    pub opened: NaiveDate,
    /// When it was closed (moved away, passed away, no longer in need), if it was.
    #[cfg_attr(feature = "serde", serde(default))]
    pub closed: Option<NaiveDate>,
    /// The responsible worker.
    pub worker: WorkerId,
    /// The latest assessment.
    pub assessment: Assessment,
    /// The risk level given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub risk: RiskLevel,
    /// The tailored service package.
    #[cfg_attr(feature = "serde", serde(default))]
    pub package: Vec<PackageItem>,
    /// The contact plan when it differs from the policy's default for the resident.
    #[cfg_attr(feature = "serde", serde(default))]
    pub contact: Option<ContactPlan>,
}

impl CareFile {
    /// A file opened on `opened` with an assessment, low risk, no package, the default plan.
    pub fn new(
        resident: ResidentId,
        opened: NaiveDate,
        worker: WorkerId,
        assessment: Assessment,
    ) -> Self {
        Self {
            resident,
            opened,
            closed: None,
            worker,
            assessment,
            risk: RiskLevel::Low,
            package: Vec::new(),
            contact: None,
        }
    }

    /// Whether the file is open on `date`.
    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        self.opened <= date && self.closed.is_none_or(|c| date < c)
    }

    /// Whether the file is open at some time in `[start, end)`.
    pub fn is_open_during(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.opened < end && self.closed.is_none_or(|c| start < c)
    }

    /// Checks the record's own fields (references are checked by the community).
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::CareFile(self.resident);
        if let Some(c) = self.closed
            && c <= self.opened
        {
            return Err(ModelError::invalid(
                record,
                "closed",
                FieldProblem::EndsBeforeStart,
            ));
        }
        if self.assessment.assessor.trim().is_empty() {
            return Err(ModelError::invalid(
                record,
                "assessment.assessor",
                FieldProblem::Empty,
            ));
        }
        for (i, item) in self.package.iter().enumerate() {
            let weekly = matches!(item.every, Cadence::Weekly | Cadence::Fortnightly);
            if weekly != item.weekday.is_some() {
                return Err(ModelError::invalid(
                    record,
                    format!("package[{i}].weekday"),
                    FieldProblem::Invalid {
                        why: if weekly {
                            "is required for a weekly or fortnightly item".into()
                        } else {
                            "is only for a weekly or fortnightly item".into()
                        },
                    },
                ));
            }
            if item.duration_minutes == 0 {
                return Err(ModelError::invalid(
                    record,
                    format!("package[{i}].duration_minutes"),
                    FieldProblem::NotPositive,
                ));
            }
            let window = (item.until - item.from).num_minutes();
            if window < i64::from(item.duration_minutes) {
                return Err(ModelError::invalid(
                    record,
                    format!("package[{i}].until"),
                    FieldProblem::Invalid {
                        why: format!(
                            "leaves {window} minutes, shorter than the duration of {} minutes",
                            item.duration_minutes
                        ),
                    },
                ));
            }
        }
        if let Some(plan) = self.contact {
            if plan.visit_every_days == 0 {
                return Err(ModelError::invalid(
                    record,
                    "contact.visit_every_days",
                    FieldProblem::NotPositive,
                ));
            }
            if plan.call_every_days == Some(0) {
                return Err(ModelError::invalid(
                    record,
                    "contact.call_every_days",
                    FieldProblem::NotPositive,
                ));
            }
        }
        Ok(())
    }
}

/// How a contact was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ContactKind {
    /// A home visit (走访, 上门).
    Visit,
    /// A phone call (电话).
    Phone,
    /// A needs survey (需求调查), at home or by phone; it also counts as a call.
    Survey,
}

impl ContactKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Visit => "visit",
            Self::Phone => "phone",
            Self::Survey => "survey",
        }
    }
}

/// One visit, call or needs survey in the contact log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Contact {
    /// Id.
    pub id: ContactId,
    /// The resident contacted.
    pub resident: ResidentId,
    /// The worker who made it, if a worker did.
    #[cfg_attr(feature = "serde", serde(default))]
    pub worker: Option<WorkerId>,
    /// When (community local time).
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub at: NaiveDateTime,
    /// Visit, call or survey.
    pub kind: ContactKind,
    /// Notes.
    #[cfg_attr(feature = "serde", serde(default))]
    pub notes: String,
}

impl Contact {
    /// Checks the record's own fields.
    pub fn check(&self) -> Result<(), ModelError> {
        super::taxonomy::check_text(&RecordRef::Contact(self.id), "notes", &self.notes, 2_000)
    }
}
