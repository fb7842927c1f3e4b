//! Needs: what a resident asks for, when, where, and with which preferences.

use std::fmt;

use chrono::NaiveDateTime;

use super::{
    CategoryCode, Gender, GeoPoint, NeedId, NeedKind, ResidentId, Skill, TimeWindow, Urgency,
    VolunteerId,
};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// Longest task accepted, in minutes (one week).
pub const MAX_DURATION_MINUTES: u32 = 7 * 24 * 60;

/// Where a need is served.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum NeedPlace {
    /// At the resident's home.
    Home,
    /// Somewhere else (a hospital, a market).
    At {
        /// The location.
        point: GeoPoint,
    },
}

/// Whether a preference must be met or only counts in the cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Strength {
    /// A hard constraint: helpers who do not meet it are not candidates.
    Hard,
    /// A soft wish: not meeting it adds to the match cost.
    Soft,
}

/// What a preference asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "value", rename_all = "snake_case")
)]
pub enum PreferenceKind {
    /// The helper speaks this language.
    Language(String),
    /// The helper has this gender.
    HelperGender(Gender),
    /// This particular volunteer.
    PreferredVolunteer(VolunteerId),
}

/// A preference of the resident for this need.
///
/// ```
/// use huzhu::model::{Preference, PreferenceKind, Strength, Gender};
/// let p = Preference::hard(PreferenceKind::HelperGender(Gender::Female));
/// assert_eq!(p.strength, Strength::Hard);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Preference {
    /// What is asked for.
    pub kind: PreferenceKind,
    /// Hard or soft.
    pub strength: Strength,
}

impl Preference {
    /// A hard preference.
    pub fn hard(kind: PreferenceKind) -> Self {
        Self {
            kind,
            strength: Strength::Hard,
        }
    }

    /// A soft preference.
    pub fn soft(kind: PreferenceKind) -> Self {
        Self {
            kind,
            strength: Strength::Soft,
        }
    }
}

/// Lifecycle of a need: open → matched → in progress → done, or cancelled / expired.
///
/// ```
/// use huzhu::model::NeedStatus::*;
/// assert!(Open.can_become(Matched));
/// assert!(Matched.can_become(Open)); // a match can be released
/// assert!(!Done.can_become(Open));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NeedStatus {
    /// Waiting for a helper.
    #[default]
    Open,
    /// A helper is assigned.
    Matched,
    /// The service is under way.
    InProgress,
    /// Served.
    Done,
    /// Withdrawn.
    Cancelled,
    /// Its time passed without service.
    Expired,
}

impl NeedStatus {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Matched => "matched",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }

    /// Whether the lifecycle allows going from `self` to `to`.
    pub fn can_become(self, to: Self) -> bool {
        use NeedStatus::{Cancelled, Done, Expired, InProgress, Matched, Open};
        matches!(
            (self, to),
            (Open, Matched | Cancelled | Expired)
                | (Matched, Open | InProgress | Cancelled | Expired)
                | (InProgress, Done | Cancelled)
        )
    }

    /// Whether the need is finished (done, cancelled or expired).
    pub fn is_final(self) -> bool {
        matches!(self, Self::Done | Self::Cancelled | Self::Expired)
    }
}

impl fmt::Display for NeedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A resident's need.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// let at = |h| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let mut n = Need::new(NeedId(1), ResidentId(1), "elder.meals".into(), at(8), TimeWindow::new(at(11), at(13)).unwrap(), 30);
/// n.set_status(NeedStatus::Matched).unwrap();
/// assert!(n.set_status(NeedStatus::Done).is_err()); // must be in progress first
/// assert_eq!(n.status, NeedStatus::Matched);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Need {
    /// Id.
    pub id: NeedId,
    /// The resident in need.
    pub resident: ResidentId,
    /// Category code from the taxonomy.
    pub category: CategoryCode,
    /// Urgency class.
    pub urgency: Urgency,
    /// When the need was recorded.
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub created_at: NaiveDateTime,
    /// When the service may take place (any one of them).
    pub windows: Vec<TimeWindow>,
    /// Duration of the service in minutes.
    pub duration_minutes: u32,
    /// Where the service takes place.
    pub place: NeedPlace,
    /// Skills required beyond the category's own.
    #[cfg_attr(feature = "serde", serde(default))]
    pub required_skills: Vec<Skill>,
    /// Preferences.
    #[cfg_attr(feature = "serde", serde(default))]
    pub preferences: Vec<Preference>,
    /// Volunteers who must not serve this need.
    #[cfg_attr(feature = "serde", serde(default))]
    pub excluded_volunteers: Vec<VolunteerId>,
    /// Lifecycle status.
    #[cfg_attr(feature = "serde", serde(default))]
    pub status: NeedStatus,
    /// Basic, dynamic or latent (基础 / 动态 / 潜在).
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: NeedKind,
    /// How the need reached the community, when recorded.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub channel: Option<IntakeChannel>,
    /// The rule that inferred it, for a latent need found by analysis (`huzhu::care`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub inferred_by: Option<String>,
    /// For an inferred need: whether the resident or worker confirmed it (`None` while
    /// undecided). The identification accuracy counts these.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub confirmed: Option<bool>,
    /// Every status change with its time, oldest first (for publishing progress).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub history: Vec<StatusChange>,
}

/// How a need reached the community (受理渠道).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IntakeChannel {
    /// A grid worker's routine visit (网格员走访).
    GridVisit,
    /// The hotline (热线).
    Hotline,
    /// Online: app, mini-program, website (线上).
    Online,
    /// A needs survey (需求调查).
    Survey,
    /// Inferred from residents' records (潜在需求分析).
    Inferred,
    /// A care file's service package (服务包).
    CarePackage,
}

impl IntakeChannel {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::GridVisit => "grid_visit",
            Self::Hotline => "hotline",
            Self::Online => "online",
            Self::Survey => "survey",
            Self::Inferred => "inferred",
            Self::CarePackage => "care_package",
        }
    }
}

/// One step of a need's status history.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct StatusChange {
    /// When.
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub at: NaiveDateTime,
    /// The status it moved to.
    pub status: NeedStatus,
    /// Who moved it (a worker's label, a system), when recorded.
    #[cfg_attr(feature = "serde", serde(default))]
    pub by: String,
}

impl Need {
    /// An open, general need at the resident's home with one window.
    pub fn new(
        id: NeedId,
        resident: ResidentId,
        category: CategoryCode,
        created_at: NaiveDateTime,
        window: TimeWindow,
        duration_minutes: u32,
    ) -> Self {
        Self {
            id,
            resident,
            category,
            urgency: Urgency::General,
            created_at,
            windows: vec![window],
            duration_minutes,
            place: NeedPlace::Home,
            required_skills: Vec::new(),
            preferences: Vec::new(),
            excluded_volunteers: Vec::new(),
            status: NeedStatus::Open,
            kind: NeedKind::Basic,
            channel: None,
            inferred_by: None,
            confirmed: None,
            history: Vec::new(),
        }
    }

    /// Moves the need to `to` at `at`, by `by`, and records the step in its history, if the
    /// lifecycle allows it and `at` is not earlier than the last step; otherwise changes nothing.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::*;
    /// let at = |h| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
    /// let mut n = Need::new(NeedId(1), ResidentId(1), "elder.meals".into(), at(8), TimeWindow::new(at(11), at(13)).unwrap(), 30);
    /// n.record_status(NeedStatus::Matched, at(9), "matcher").unwrap();
    /// n.record_status(NeedStatus::InProgress, at(11), "volunteer#3").unwrap();
    /// assert!(n.record_status(NeedStatus::Done, at(10), "volunteer#3").is_err()); // earlier
    /// assert_eq!(n.history.len(), 2);
    /// ```
    pub fn record_status(
        &mut self,
        to: NeedStatus,
        at: NaiveDateTime,
        by: impl Into<String>,
    ) -> Result<(), ModelError> {
        let last = self.history.last().map_or(self.created_at, |s| s.at);
        if at < last {
            return Err(ModelError::invalid(
                RecordRef::Need(self.id),
                format!("history[{}].at", self.history.len()),
                FieldProblem::Invalid {
                    why: format!(
                        "{} is earlier than the step before it ({})",
                        crate::text::format_local_datetime(at),
                        crate::text::format_local_datetime(last)
                    ),
                },
            ));
        }
        self.set_status(to)?;
        self.history.push(StatusChange {
            at,
            status: to,
            by: by.into(),
        });
        Ok(())
    }

    /// Moves the need to `to` if the lifecycle allows it; otherwise changes nothing. Use
    /// [`record_status`](Self::record_status) to keep the history.
    pub fn set_status(&mut self, to: NeedStatus) -> Result<(), ModelError> {
        if !self.status.can_become(to) {
            return Err(ModelError::InvalidTransition {
                need: self.id,
                from: self.status,
                to,
            });
        }
        self.status = to;
        Ok(())
    }

    /// Checks the record's own fields (references are checked by the community).
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Need(self.id);
        if self.duration_minutes == 0 {
            return Err(ModelError::invalid(
                record,
                "duration_minutes",
                FieldProblem::NotPositive,
            ));
        }
        if self.duration_minutes > MAX_DURATION_MINUTES {
            return Err(ModelError::invalid(
                record,
                "duration_minutes",
                FieldProblem::OutOfRange {
                    value: self.duration_minutes.to_string(),
                    allowed: format!("1..={MAX_DURATION_MINUTES}"),
                },
            ));
        }
        if self.windows.is_empty() {
            return Err(ModelError::invalid(record, "windows", FieldProblem::Empty));
        }
        for (i, w) in self.windows.iter().enumerate() {
            w.check(&record, &format!("windows[{i}]"))?;
            if w.minutes() < i64::from(self.duration_minutes) {
                return Err(ModelError::invalid(
                    record,
                    format!("windows[{i}]"),
                    FieldProblem::Invalid {
                        why: format!(
                            "is {} minutes long, shorter than the duration of {} minutes",
                            w.minutes(),
                            self.duration_minutes
                        ),
                    },
                ));
            }
        }
        if let NeedPlace::At { point } = &self.place {
            point.check(&record, "place.point")?;
        }
        super::resident::check_skills(&record, "required_skills", &self.required_skills)?;
        let mut last = self.created_at;
        for (i, step) in self.history.iter().enumerate() {
            if step.at < last {
                return Err(ModelError::invalid(
                    record,
                    format!("history[{i}].at"),
                    FieldProblem::Invalid {
                        why: "is earlier than the step before it (or the need's creation)".into(),
                    },
                ));
            }
            last = step.at;
        }
        if let Some(step) = self.history.last()
            && step.status != self.status
        {
            return Err(ModelError::invalid(
                record,
                "status",
                FieldProblem::Invalid {
                    why: format!(
                        "is {}, but the history ends in {}",
                        self.status, step.status
                    ),
                },
            ));
        }
        for (i, p) in self.preferences.iter().enumerate() {
            if let PreferenceKind::Language(l) = &p.kind {
                super::resident::check_languages(&record, std::slice::from_ref(l)).map_err(
                    |_| {
                        ModelError::invalid(
                            record.clone(),
                            format!("preferences[{i}].value"),
                            FieldProblem::Invalid {
                                why: "language code must be 1 to 35 characters".into(),
                            },
                        )
                    },
                )?;
            }
        }
        Ok(())
    }

    /// The hard preferences.
    pub fn hard_preferences(&self) -> impl Iterator<Item = &PreferenceKind> {
        self.preferences
            .iter()
            .filter(|p| p.strength == Strength::Hard)
            .map(|p| &p.kind)
    }

    /// The soft preferences.
    pub fn soft_preferences(&self) -> impl Iterator<Item = &PreferenceKind> {
        self.preferences
            .iter()
            .filter(|p| p.strength == Strength::Soft)
            .map(|p| &p.kind)
    }
}
