//! The residents' part in their community: activities and deliberation (meetings, hearings,
//! interest groups, volunteer events) with their attendees, and the residents' voice
//! (complaints and suggestions) with their handling times and outcomes.

use chrono::NaiveDateTime;

use crate::error::{FieldProblem, ModelError, RecordRef};
use crate::{
    ActivityId, CategoryCode, FeedbackId, GridId, IntakeChannel, ProviderId, ResidentId, ServiceId,
};

/// What kind of activity it was. Meetings, hearings and consultations are community affairs
/// (居民议事); the rest are activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ActivityKind {
    /// A residents' meeting (居民会议).
    Meeting,
    /// A public hearing (听证会).
    Hearing,
    /// A consultation or deliberation session (议事协商).
    Consultation,
    /// An interest group's session (兴趣小组).
    InterestGroup,
    /// A volunteer event (志愿活动).
    VolunteerEvent,
    /// A cultural or sports event (文体活动).
    Cultural,
    /// A class or training (培训).
    Training,
}

impl ActivityKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Meeting => "meeting",
            Self::Hearing => "hearing",
            Self::Consultation => "consultation",
            Self::InterestGroup => "interest_group",
            Self::VolunteerEvent => "volunteer_event",
            Self::Cultural => "cultural",
            Self::Training => "training",
        }
    }

    /// Whether taking part counts as participation in community affairs (meetings, hearings,
    /// consultations), not only in activities.
    ///
    /// ```
    /// use huzhu::model::ActivityKind;
    /// assert!(ActivityKind::Hearing.is_community_affairs());
    /// assert!(!ActivityKind::Cultural.is_community_affairs());
    /// ```
    pub fn is_community_affairs(self) -> bool {
        matches!(self, Self::Meeting | Self::Hearing | Self::Consultation)
    }
}

/// An activity or deliberation and who came.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// let at = |h| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let a = Activity::new(ActivityId(1), ActivityKind::Meeting, at(19), at(21))
///     .with_attendees([ResidentId(1), ResidentId(2)]);
/// assert!(a.check().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Activity {
    /// Id.
    pub id: ActivityId,
    /// What kind.
    pub kind: ActivityKind,
    /// The organisation that ran it (a provider: an owners' committee, a volunteer team, a
    /// social organisation…); none when the residents' committee ran it itself.
    #[cfg_attr(feature = "serde", serde(default))]
    pub organiser: Option<ProviderId>,
    /// The category, when it serves one of the taxonomy's (e.g. `culture.reading`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub category: Option<CategoryCode>,
    /// Start (community local time).
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub start: NaiveDateTime,
    /// End.
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub end: NaiveDateTime,
    /// Where (a name: the community centre, a courtyard).
    #[cfg_attr(feature = "serde", serde(default))]
    pub place: String,
    /// The grid cell it was held in, if one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub grid: Option<GridId>,
    /// Residents who attended (each once).
    #[cfg_attr(feature = "serde", serde(default))]
    pub attendees: Vec<ResidentId>,
}

impl Activity {
    /// An activity with no organiser, category, place or attendees.
    pub fn new(
        id: ActivityId,
        kind: ActivityKind,
        start: NaiveDateTime,
        end: NaiveDateTime,
    ) -> Self {
        Self {
            id,
            kind,
            organiser: None,
            category: None,
            start,
            end,
            place: String::new(),
            grid: None,
            attendees: Vec::new(),
        }
    }

    /// The same activity with these attendees.
    #[must_use]
    pub fn with_attendees(mut self, attendees: impl IntoIterator<Item = ResidentId>) -> Self {
        self.attendees = attendees.into_iter().collect();
        self
    }

    /// Checks the record's own fields (references are checked by the community).
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Activity(self.id);
        if self.end <= self.start {
            return Err(ModelError::invalid(
                record,
                "end",
                FieldProblem::EndsBeforeStart,
            ));
        }
        crate::taxonomy::check_text(&record, "place", &self.place, crate::MAX_LABEL)?;
        let mut seen = std::collections::BTreeSet::new();
        for (i, r) in self.attendees.iter().enumerate() {
            if !seen.insert(*r) {
                return Err(ModelError::invalid(
                    record,
                    format!("attendees[{i}]"),
                    FieldProblem::Invalid {
                        why: format!("lists {r} twice"),
                    },
                ));
            }
        }
        Ok(())
    }
}

/// A complaint or a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FeedbackKind {
    /// A complaint (投诉).
    Complaint,
    /// A suggestion (建议).
    Suggestion,
}

impl FeedbackKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Complaint => "complaint",
            Self::Suggestion => "suggestion",
        }
    }
}

/// What a complaint or suggestion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "id", rename_all = "snake_case")
)]
pub enum Subject {
    /// A service.
    Service(ServiceId),
    /// A provider organisation.
    Provider(ProviderId),
    /// A facility (the service that runs at it).
    Facility(ServiceId),
}

/// How a complaint or suggestion ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FeedbackOutcome {
    /// A complaint found justified and acted on.
    Upheld,
    /// A complaint found unjustified.
    Dismissed,
    /// A suggestion adopted (采纳).
    Adopted,
    /// A suggestion not adopted.
    NotAdopted,
    /// Withdrawn by the resident.
    Withdrawn,
}

impl FeedbackOutcome {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Upheld => "upheld",
            Self::Dismissed => "dismissed",
            Self::Adopted => "adopted",
            Self::NotAdopted => "not_adopted",
            Self::Withdrawn => "withdrawn",
        }
    }

    fn fits(self, kind: FeedbackKind) -> bool {
        match self {
            Self::Upheld | Self::Dismissed => kind == FeedbackKind::Complaint,
            Self::Adopted | Self::NotAdopted => kind == FeedbackKind::Suggestion,
            Self::Withdrawn => true,
        }
    }
}

/// A complaint or suggestion: who, by which channel, about what, and when it was received,
/// answered and closed.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// let at = |d, h| NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let mut f = Feedback::new(FeedbackId(1), FeedbackKind::Complaint, at(2, 9));
/// f.subject = Some(Subject::Service(ServiceId(3)));
/// f.answered = Some(at(2, 15));
/// f.closed = Some(at(4, 9));
/// f.outcome = Some(FeedbackOutcome::Upheld);
/// assert!(f.check().is_ok());
/// f.outcome = Some(FeedbackOutcome::Adopted); // a complaint is not adopted
/// assert_eq!(f.check().unwrap_err().field(), Some("outcome"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Feedback {
    /// Id.
    pub id: FeedbackId,
    /// Complaint or suggestion.
    pub kind: FeedbackKind,
    /// Who gave it (none when anonymous).
    #[cfg_attr(feature = "serde", serde(default))]
    pub resident: Option<ResidentId>,
    /// How it came in.
    #[cfg_attr(feature = "serde", serde(default))]
    pub channel: Option<IntakeChannel>,
    /// The category it concerns, if one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub category: Option<CategoryCode>,
    /// What it is about, if a service, provider or facility.
    #[cfg_attr(feature = "serde", serde(default))]
    pub subject: Option<Subject>,
    /// Received (community local time).
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub received: NaiveDateTime,
    /// First answered.
    #[cfg_attr(feature = "serde", serde(default, with = "crate::text::local::option"))]
    pub answered: Option<NaiveDateTime>,
    /// Closed.
    #[cfg_attr(feature = "serde", serde(default, with = "crate::text::local::option"))]
    pub closed: Option<NaiveDateTime>,
    /// How it ended (once closed).
    #[cfg_attr(feature = "serde", serde(default))]
    pub outcome: Option<FeedbackOutcome>,
    /// What it says.
    #[cfg_attr(feature = "serde", serde(default))]
    pub text: String,
}

impl Feedback {
    /// Feedback received at `received`, open, with nothing else known.
    pub fn new(id: FeedbackId, kind: FeedbackKind, received: NaiveDateTime) -> Self {
        Self {
            id,
            kind,
            resident: None,
            channel: None,
            category: None,
            subject: None,
            received,
            answered: None,
            closed: None,
            outcome: None,
            text: String::new(),
        }
    }

    /// Checks the record's own fields: answered and closed not before received (closed not
    /// before answered), an outcome only once closed and one that fits the kind.
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Feedback(self.id);
        for (name, t) in [("answered", self.answered), ("closed", self.closed)] {
            if t.is_some_and(|t| t < self.received) {
                return Err(ModelError::invalid(
                    record,
                    name,
                    FieldProblem::Invalid {
                        why: "is before it was received".into(),
                    },
                ));
            }
        }
        if let (Some(a), Some(c)) = (self.answered, self.closed)
            && c < a
        {
            return Err(ModelError::invalid(
                record,
                "closed",
                FieldProblem::Invalid {
                    why: "is before it was answered".into(),
                },
            ));
        }
        if let Some(o) = self.outcome {
            if self.closed.is_none() {
                return Err(ModelError::invalid(
                    record,
                    "outcome",
                    FieldProblem::Invalid {
                        why: "is given but the feedback is not closed".into(),
                    },
                ));
            }
            if !o.fits(self.kind) {
                return Err(ModelError::invalid(
                    record,
                    "outcome",
                    FieldProblem::Invalid {
                        why: format!("`{}` is not an outcome of a {}", o.code(), self.kind.code()),
                    },
                ));
            }
        }
        crate::taxonomy::check_text(&record, "text", &self.text, 10_000)
    }
}
