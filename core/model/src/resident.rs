//! Residents: the people a community serves.

use chrono::{Datelike, NaiveDate};

use super::{GeoPoint, GridId, ResidentId, Skill};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// A special group served first (一人一档: each has a care record, 24 h response, 100% coverage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SpecialGroup {
    /// Elderly living alone (独居老人).
    ElderlyLivingAlone,
    /// Empty-nest elderly (空巢老人).
    EmptyNest,
    /// Disabled people (残疾人).
    Disabled,
    /// Children in difficulty (困境儿童).
    ChildInDifficulty,
    /// Households on minimum living allowance (低保).
    MinimumAllowance,
    /// People with special contributions (特殊贡献): model workers, veterans' families.
    SpecialContribution,
    /// People on extreme-poverty support (特困人员).
    ExtremePoverty,
    /// People with a severe disability (重度残疾人).
    SevereDisability,
}

impl SpecialGroup {
    /// Every group, in a fixed order.
    pub const ALL: [Self; 8] = [
        Self::ElderlyLivingAlone,
        Self::EmptyNest,
        Self::Disabled,
        Self::ChildInDifficulty,
        Self::MinimumAllowance,
        Self::SpecialContribution,
        Self::ExtremePoverty,
        Self::SevereDisability,
    ];

    /// Stable code.
    ///
    /// ```
    /// use huzhu::model::SpecialGroup;
    /// assert_eq!(SpecialGroup::MinimumAllowance.code(), "minimum_allowance");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Self::ElderlyLivingAlone => "elderly_living_alone",
            Self::EmptyNest => "empty_nest",
            Self::Disabled => "disabled",
            Self::ChildInDifficulty => "child_in_difficulty",
            Self::MinimumAllowance => "minimum_allowance",
            Self::SpecialContribution => "special_contribution",
            Self::ExtremePoverty => "extreme_poverty",
            Self::SevereDisability => "severe_disability",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::ElderlyLivingAlone => ("Elderly living alone", "独居老人"),
            Self::EmptyNest => ("Empty-nest elderly", "空巢老人"),
            Self::Disabled => ("Disabled", "残疾人"),
            Self::ChildInDifficulty => ("Child in difficulty", "困境儿童"),
            Self::MinimumAllowance => ("Minimum-allowance household", "低保家庭"),
            Self::SpecialContribution => ("Special contribution", "特殊贡献"),
            Self::ExtremePoverty => ("Extreme-poverty support", "特困人员"),
            Self::SevereDisability => ("Severe disability", "重度残疾人"),
        }
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of special groups.
///
/// ```
/// use huzhu::model::{SpecialGroup, SpecialGroups};
/// let g = SpecialGroups::from_iter([SpecialGroup::Disabled, SpecialGroup::EmptyNest]);
/// assert!(g.contains(SpecialGroup::Disabled));
/// assert_eq!(g.iter().collect::<Vec<_>>(), [SpecialGroup::EmptyNest, SpecialGroup::Disabled]);
/// assert!(!g.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(from = "Vec<SpecialGroup>", into = "Vec<SpecialGroup>")
)]
pub struct SpecialGroups(u8);

impl SpecialGroups {
    /// The empty set.
    pub const NONE: Self = Self(0);

    /// Whether the set holds `group`.
    pub fn contains(self, group: SpecialGroup) -> bool {
        self.0 & group.bit() != 0
    }

    /// Adds a group.
    pub fn insert(&mut self, group: SpecialGroup) {
        self.0 |= group.bit();
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the two sets share a group.
    pub fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    /// The groups in the set, in [`SpecialGroup::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = SpecialGroup> {
        SpecialGroup::ALL
            .into_iter()
            .filter(move |g| self.contains(*g))
    }
}

impl FromIterator<SpecialGroup> for SpecialGroups {
    fn from_iter<I: IntoIterator<Item = SpecialGroup>>(iter: I) -> Self {
        let mut s = Self::NONE;
        for g in iter {
            s.insert(g);
        }
        s
    }
}

impl From<Vec<SpecialGroup>> for SpecialGroups {
    fn from(value: Vec<SpecialGroup>) -> Self {
        value.into_iter().collect()
    }
}

impl From<SpecialGroups> for Vec<SpecialGroup> {
    fn from(value: SpecialGroups) -> Self {
        value.iter().collect()
    }
}

/// The three classes the documents give free (subsidised, 无偿) service: economic hardship
/// (minimum allowance 低保 and extreme-poverty support 特困), special contribution, and the aged
/// living alone without full self-care (80+ by default, [`SubsidyPolicy`]). Everyone else pays
/// the low-cost (低偿) or paid (有偿) price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SubsidyClass {
    /// Economic hardship: minimum allowance or extreme-poverty support (经济困难).
    EconomicHardship,
    /// Special contribution (特殊贡献).
    SpecialContribution,
    /// Aged, living alone and not fully self-caring (高龄独居失能).
    AgedLivingAloneDependent,
}

impl SubsidyClass {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::EconomicHardship => "economic_hardship",
            Self::SpecialContribution => "special_contribution",
            Self::AgedLivingAloneDependent => "aged_living_alone_dependent",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::EconomicHardship => ("Economic hardship", "经济困难"),
            Self::SpecialContribution => ("Special contribution", "特殊贡献"),
            Self::AgedLivingAloneDependent => {
                ("Aged, living alone, not fully self-caring", "高龄独居失能")
            }
        }
    }
}

/// Who gets free service: the age from which a resident living alone without full self-care
/// is subsidised. The documents' figure, 80, is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct SubsidyPolicy {
    /// Age from which living alone without full self-care gives free service (default 80).
    pub aged_from: u32,
}

impl Default for SubsidyPolicy {
    fn default() -> Self {
        Self { aged_from: 80 }
    }
}

/// Who a resident lives with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Household {
    /// Lives alone.
    LivesAlone,
    /// Lives with family.
    WithFamily,
}

/// Ability to take care of oneself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SelfCare {
    /// Fully self-caring (自理).
    Full,
    /// Partly dependent (半失能).
    Partial,
    /// Dependent (失能).
    Dependent,
}

impl SelfCare {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Partial => "partial",
            Self::Dependent => "dependent",
        }
    }
}

/// Gender, used only for helper-gender preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Gender {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// A resident of the community.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// let r = Resident::new(
///     ResidentId(1),
///     NaiveDate::from_ymd_opt(1950, 3, 1).unwrap(),
///     GeoPoint { lat: 31.2, lon: 121.5 },
///     GridId(1),
/// );
/// assert_eq!(r.age_on(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()), 75);
/// assert_eq!(r.age_on(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()), 76);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Resident {
    /// Id.
    pub id: ResidentId,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Household.
    pub household: Household,
    /// Self-care level.
    pub self_care: SelfCare,
    /// Home location.
    pub home: GeoPoint,
    /// Grid cell / community.
    pub grid: GridId,
    /// Special groups the resident belongs to.
    #[cfg_attr(feature = "serde", serde(default))]
    pub groups: SpecialGroups,
    /// Consent to share personal data beyond the community office.
    #[cfg_attr(feature = "serde", serde(default))]
    pub consent_to_share: bool,
    /// Gender, if recorded.
    #[cfg_attr(feature = "serde", serde(default))]
    pub gender: Option<Gender>,
    /// Languages spoken (codes such as `zh`, `yue`, `en`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub languages: Vec<String>,
    /// Whether the resident holds a care card (discounts at low-cost services).
    #[cfg_attr(feature = "serde", serde(default))]
    pub care_card: bool,
    /// What the resident does, when known (participation is reported by it: the documents
    /// compare retirees with working people).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub occupation: Option<Occupation>,
}

/// What a resident does, for reporting participation by occupation group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Occupation {
    /// Retired.
    Retired,
    /// Working (employed or self-employed).
    Working,
    /// In school or university.
    Student,
    /// Looking for work.
    Unemployed,
    /// At home, caring, or otherwise.
    Other,
}

impl Occupation {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Retired => "retired",
            Self::Working => "working",
            Self::Student => "student",
            Self::Unemployed => "unemployed",
            Self::Other => "other",
        }
    }
}

impl Resident {
    /// A resident living with family, fully self-caring, with no special group.
    pub fn new(id: ResidentId, birth_date: NaiveDate, home: GeoPoint, grid: GridId) -> Self {
        Self {
            id,
            birth_date,
            household: Household::WithFamily,
            self_care: SelfCare::Full,
            home,
            grid,
            groups: SpecialGroups::NONE,
            consent_to_share: false,
            gender: None,
            languages: Vec::new(),
            care_card: false,
            occupation: None,
        }
    }

    /// Age in whole years on `date` (0 before the birth date).
    #[inline]
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        let years = date.year() - self.birth_date.year();
        let before_birthday =
            (date.month(), date.day()) < (self.birth_date.month(), self.birth_date.day());
        (years - i32::from(before_birthday)).max(0) as u32
    }

    /// Whether the resident belongs to any special group.
    #[inline]
    pub fn is_priority(&self) -> bool {
        !self.groups.is_empty()
    }

    /// The subsidy class that gives the resident free service on `date`, if any (economic
    /// hardship first, then special contribution, then age).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::*;
    /// let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1945, 1, 1).unwrap(),
    ///                           GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1));
    /// assert_eq!(r.subsidy_class(day, &SubsidyPolicy::default()), None); // 81, with family
    /// r.household = Household::LivesAlone;
    /// r.self_care = SelfCare::Partial;
    /// assert_eq!(r.subsidy_class(day, &SubsidyPolicy::default()), Some(SubsidyClass::AgedLivingAloneDependent));
    /// r.groups = SpecialGroups::from_iter([SpecialGroup::ExtremePoverty]);
    /// assert_eq!(r.subsidy_class(day, &SubsidyPolicy::default()), Some(SubsidyClass::EconomicHardship));
    /// ```
    pub fn subsidy_class(&self, date: NaiveDate, policy: &SubsidyPolicy) -> Option<SubsidyClass> {
        let g = self.groups;
        if g.contains(SpecialGroup::MinimumAllowance) || g.contains(SpecialGroup::ExtremePoverty) {
            Some(SubsidyClass::EconomicHardship)
        } else if g.contains(SpecialGroup::SpecialContribution) {
            Some(SubsidyClass::SpecialContribution)
        } else if self.household == Household::LivesAlone
            && self.self_care != SelfCare::Full
            && self.age_on(date) >= policy.aged_from
        {
            Some(SubsidyClass::AgedLivingAloneDependent)
        } else {
            None
        }
    }

    /// Checks the record's fields.
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Resident(self.id);
        self.home.check(&record, "home")?;
        check_languages(&record, &self.languages)
    }
}

pub(crate) fn check_languages(record: &RecordRef, languages: &[String]) -> Result<(), ModelError> {
    for (i, l) in languages.iter().enumerate() {
        if l.trim().is_empty() {
            return Err(ModelError::invalid(
                record.clone(),
                format!("languages[{i}]"),
                FieldProblem::Empty,
            ));
        }
        super::taxonomy::check_text(record, format_args!("languages[{i}]"), l, 35)?;
    }
    Ok(())
}

pub(crate) fn check_skills(
    record: &RecordRef,
    field: &str,
    skills: &[Skill],
) -> Result<(), ModelError> {
    for (i, s) in skills.iter().enumerate() {
        if s.0.trim().is_empty() {
            return Err(ModelError::invalid(
                record.clone(),
                format!("{field}[{i}]"),
                FieldProblem::Empty,
            ));
        }
        super::taxonomy::check_text(record, format_args!("{field}[{i}]"), &s.0, 64)?;
    }
    Ok(())
}
