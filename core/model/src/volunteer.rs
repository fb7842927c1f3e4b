//! Volunteers: people who give time, earning time-bank credit.

use chrono::NaiveDate;

use super::{Gender, GeoPoint, RecurringSchedule, ResidentId, Skill, VolunteerId, WeeklySchedule};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// Professional or ordinary volunteer tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VolunteerTier {
    /// A professional volunteer (doctor, lawyer, social worker…).
    Professional,
    /// An ordinary volunteer.
    #[default]
    Ordinary,
}

/// A certification that grants a skill, possibly until an expiry date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Certification {
    /// The skill the certificate grants.
    pub skill: Skill,
    /// Last day it is valid, if it expires.
    #[cfg_attr(feature = "serde", serde(default))]
    pub valid_until: Option<NaiveDate>,
}

/// A volunteer.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// let mut v = Volunteer::new(VolunteerId(1), GeoPoint { lat: 31.2, lon: 121.5 });
/// v.certifications.push(Certification { skill: "nursing".into(), valid_until: NaiveDate::from_ymd_opt(2026, 12, 31) });
/// assert!(v.has_skill(&"nursing".into(), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()));
/// assert!(!v.has_skill(&"nursing".into(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Volunteer {
    /// Id.
    pub id: VolunteerId,
    /// The resident record of the volunteer, if they live in the community.
    #[cfg_attr(feature = "serde", serde(default))]
    pub resident: Option<ResidentId>,
    /// Skills held without certificate.
    #[cfg_attr(feature = "serde", serde(default))]
    pub skills: Vec<Skill>,
    /// Certified skills.
    #[cfg_attr(feature = "serde", serde(default))]
    pub certifications: Vec<Certification>,
    /// When the volunteer is available.
    pub availability: WeeklySchedule,
    /// Recurrence-based availability and days off; when it has rules they replace
    /// `availability`, and its exceptions apply either way.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "RecurringSchedule::is_empty")
    )]
    pub recurring: RecurringSchedule,
    /// Budget of volunteering minutes per week.
    pub minutes_per_week: u32,
    /// Furthest the volunteer will travel, in metres.
    pub max_travel_m: u32,
    /// Languages spoken.
    #[cfg_attr(feature = "serde", serde(default))]
    pub languages: Vec<String>,
    /// Gender, if recorded.
    #[cfg_attr(feature = "serde", serde(default))]
    pub gender: Option<Gender>,
    /// Home location.
    pub home: GeoPoint,
    /// Tier.
    #[cfg_attr(feature = "serde", serde(default))]
    pub tier: VolunteerTier,
    /// Whether hours are earned as part of a group (group-earned hours are donate-only).
    #[cfg_attr(feature = "serde", serde(default))]
    pub group: bool,
}

impl Volunteer {
    /// A volunteer with no skills, available nowhere yet, 4 hours a week, travelling 1.2 km.
    pub fn new(id: VolunteerId, home: GeoPoint) -> Self {
        Self {
            id,
            resident: None,
            skills: Vec::new(),
            certifications: Vec::new(),
            availability: WeeklySchedule::default(),
            recurring: RecurringSchedule::default(),
            minutes_per_week: 240,
            max_travel_m: 1_200,
            languages: Vec::new(),
            gender: None,
            home,
            tier: VolunteerTier::Ordinary,
            group: false,
        }
    }

    /// Whether the volunteer holds `skill` on `date` (plain skill or a valid certificate).
    pub fn has_skill(&self, skill: &Skill, date: NaiveDate) -> bool {
        self.skills.contains(skill)
            || self
                .certifications
                .iter()
                .any(|c| &c.skill == skill && c.valid_until.is_none_or(|d| date <= d))
    }

    /// Whether the volunteer speaks `language`.
    pub fn speaks(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }

    /// Checks the record's own fields (references are checked by the community).
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Volunteer(self.id);
        self.home.check(&record, "home")?;
        self.availability.check(&record, "availability")?;
        self.recurring.check(&record, "recurring")?;
        if self.minutes_per_week == 0 {
            return Err(ModelError::invalid(
                record,
                "minutes_per_week",
                FieldProblem::NotPositive,
            ));
        }
        if self.minutes_per_week > 7 * 24 * 60 {
            return Err(ModelError::invalid(
                record,
                "minutes_per_week",
                FieldProblem::OutOfRange {
                    value: self.minutes_per_week.to_string(),
                    allowed: "1..=10080".into(),
                },
            ));
        }
        super::resident::check_skills(&record, "skills", &self.skills)?;
        let certified: Vec<Skill> = self
            .certifications
            .iter()
            .map(|c| c.skill.clone())
            .collect();
        super::resident::check_skills(&record, "certifications", &certified)?;
        super::resident::check_languages(&record, &self.languages)
    }
}

impl std::fmt::Display for Certification {
    /// `skill@YYYY-MM-DD`, or the skill alone when it does not expire.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.valid_until {
            Some(d) => write!(f, "{}@{d}", self.skill),
            None => write!(f, "{}", self.skill),
        }
    }
}

impl std::str::FromStr for Certification {
    type Err = crate::text::ParseError;

    /// Reads `skill@YYYY-MM-DD` or `skill`.
    ///
    /// ```
    /// use huzhu::model::Certification;
    /// let c: Certification = "first_aid@2027-06-30".parse()?;
    /// assert_eq!(c.to_string(), "first_aid@2027-06-30");
    /// assert_eq!("nursing".parse::<Certification>()?.valid_until, None);
    /// assert!("first_aid@2027-02-30".parse::<Certification>().is_err());
    /// assert!("@2027-06-30".parse::<Certification>().is_err());
    /// # Ok::<(), huzhu::model::text::ParseError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || crate::text::ParseError::form("a certification", "first_aid@2027-06-30", text);
        let (skill, until) = match text.trim().split_once('@') {
            Some((s, d)) => (
                s.trim(),
                Some(crate::text::parse_date(d).map_err(|_| bad())?),
            ),
            None => (text.trim(), None),
        };
        if skill.is_empty() {
            return Err(bad());
        }
        Ok(Self {
            skill: Skill::from(skill),
            valid_until: until,
        })
    }
}
