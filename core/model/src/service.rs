//! Institutional supply: provider organisations and the services they run.

use chrono::NaiveDate;

use super::{
    CategoryCode, GeoPoint, ProviderId, RecurringSchedule, Resident, ServiceId, SpecialGroups,
    SubsidyPolicy, WeeklySchedule,
};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// Kind of provider organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ProviderKind {
    /// Community service centre (社区服务中心).
    ServiceCentre,
    /// Community health station (卫生服务站).
    HealthStation,
    /// Elderly day-care centre (日间照料中心).
    DayCareCentre,
    /// Elder canteen (老年食堂).
    Canteen,
    /// Social organisation (社会组织).
    SocialOrganisation,
    /// Company.
    Company,
    /// School.
    School,
    /// Owners' committee (业主委员会): a self-governing organisation.
    OwnersCommittee,
    /// Residents' volunteer team (志愿服务队): a self-governing organisation.
    VolunteerTeam,
    /// Residents' interest group (兴趣小组): a self-governing organisation.
    InterestGroup,
    /// Anything else.
    Other,
}

impl ProviderKind {
    /// Whether residents run it themselves (居民自治组织): owners' committees, volunteer
    /// teams, interest groups.
    pub fn is_self_governing(self) -> bool {
        matches!(
            self,
            Self::OwnersCommittee | Self::VolunteerTeam | Self::InterestGroup
        )
    }

    /// Whether the documents grade it by stars (星级评定, 1A–5A): self-governing and social
    /// organisations. Other providers may carry a grade of their own, but the documents'
    /// priority rule is written for these.
    pub fn is_graded(self) -> bool {
        self.is_self_governing() || self == Self::SocialOrganisation
    }
}

/// A provider organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Provider {
    /// Id.
    pub id: ProviderId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ProviderKind,
    /// Star grade, 1–5 for 1A–5A (0: not graded). The documents grade self-governing and
    /// social organisations ([`ProviderKind::is_graded`]); 3A and above get resources first
    /// ([`Provider::has_priority`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub stars: u8,
}

/// The grade from which an organisation gets resources first: 3A (the documents' figure).
pub const PRIORITY_STARS: u8 = 3;

impl Provider {
    /// A provider without a star grade.
    ///
    /// ```
    /// use huzhu::model::{Provider, ProviderId, ProviderKind};
    /// let p = Provider::new(ProviderId(1), "Elder canteen", ProviderKind::Canteen);
    /// assert!(p.check().is_ok());
    /// ```
    pub fn new(id: ProviderId, name: impl Into<String>, kind: ProviderKind) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            stars: 0,
        }
    }

    /// Whether it gets resources first: a self-governing or social organisation graded 3A or
    /// above ([`PRIORITY_STARS`]).
    ///
    /// ```
    /// use huzhu::model::{Provider, ProviderId, ProviderKind};
    /// let team = Provider { stars: 3, ..Provider::new(ProviderId(1), "Silver volunteers", ProviderKind::VolunteerTeam) };
    /// let canteen = Provider { stars: 5, ..Provider::new(ProviderId(2), "Canteen", ProviderKind::Canteen) };
    /// assert!(team.has_priority() && !canteen.has_priority());
    /// ```
    pub fn has_priority(&self) -> bool {
        self.kind.is_graded() && self.stars >= PRIORITY_STARS
    }

    /// Checks the record's fields.
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Provider(self.id);
        if self.name.trim().is_empty() {
            return Err(ModelError::invalid(record, "name", FieldProblem::Empty));
        }
        super::taxonomy::check_text(&record, "name", &self.name, super::taxonomy::MAX_LABEL)?;
        if self.stars > 5 {
            return Err(ModelError::invalid(
                record,
                "stars",
                FieldProblem::OutOfRange {
                    value: self.stars.to_string(),
                    allowed: "0..=5".into(),
                },
            ));
        }
        Ok(())
    }
}

/// The order in which organisations asking for facility time (a room, a hall, a slot) are
/// served: those with priority first (self-governing and social organisations graded 3A or
/// above, [`Provider::has_priority`]), then by grade, highest first, then by id. The documents
/// say 3A and above get resources first; the rest of the order is ours.
///
/// ```
/// use huzhu::model::{Provider, ProviderId, ProviderKind, allocation_order};
/// let org = |id, kind, stars| Provider { stars, ..Provider::new(ProviderId(id), "Org", kind) };
/// let asking = [
///     org(1, ProviderKind::InterestGroup, 2),
///     org(2, ProviderKind::Company, 5),
///     org(3, ProviderKind::VolunteerTeam, 3),
///     org(4, ProviderKind::SocialOrganisation, 5),
/// ];
/// let order: Vec<u32> = allocation_order(&asking).iter().map(|p| p.0).collect();
/// // 3A+ graded organisations first (the 5A social organisation, then the 3A team), then the
/// // company's 5 stars (no priority: companies are not graded), then the 2A interest group.
/// assert_eq!(order, [4, 3, 2, 1]);
/// ```
pub fn allocation_order<'a>(asking: impl IntoIterator<Item = &'a Provider>) -> Vec<ProviderId> {
    let mut v: Vec<&Provider> = asking.into_iter().collect();
    v.sort_by_key(|p| (!p.has_priority(), std::cmp::Reverse(p.stars), p.id));
    v.dedup_by_key(|p| p.id);
    v.into_iter().map(|p| p.id).collect()
}

/// What a service charges the resident. Prices in fen (0.01 yuan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "tier", rename_all = "snake_case"))]
pub enum Fee {
    /// Free for everyone (无偿).
    Free,
    /// Low-cost (低偿): care-card holders pay a fixed card price (3 yuan a meal in one street)
    /// when there is one, or get a percentage off (10% off a 6-yuan meal in another).
    LowCost {
        /// Price in fen.
        price_fen: u32,
        /// Discount for care-card holders, percent (0–100).
        #[cfg_attr(feature = "serde", serde(default))]
        care_card_discount_pct: u8,
        /// Fixed price for care-card holders, in fen (takes the place of the discount).
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        care_card_price_fen: Option<u32>,
    },
    /// Paid (有偿).
    Paid {
        /// Price in fen.
        price_fen: u32,
    },
}

impl Fee {
    /// Price in fen for a resident with or without a care card: the card price when there is
    /// one, otherwise the price less the card discount (rounded down to whole fen). Residents
    /// in a subsidy class pay nothing where the service is `free_for_subsidised`
    /// ([`Service::price_for`]).
    ///
    /// ```
    /// use huzhu::model::Fee;
    /// // The 6-yuan canteen meal, 10% off with a care card: 5.40 yuan.
    /// let meal = Fee::LowCost { price_fen: 600, care_card_discount_pct: 10, care_card_price_fen: None };
    /// assert_eq!((meal.price_for(true), meal.price_for(false)), (540, 600));
    /// // Another street: 3 yuan a meal for card holders.
    /// let meal = Fee::LowCost { price_fen: 600, care_card_discount_pct: 0, care_card_price_fen: Some(300) };
    /// assert_eq!((meal.price_for(true), meal.price_for(false)), (300, 600));
    /// ```
    pub fn price_for(self, care_card: bool) -> u32 {
        match self {
            Self::Free => 0,
            Self::LowCost {
                price_fen,
                care_card_discount_pct,
                care_card_price_fen,
            } => match (care_card, care_card_price_fen) {
                (false, _) => price_fen,
                (true, Some(card)) => card.min(price_fen),
                (true, None) => {
                    let pct = u64::from(care_card_discount_pct.min(100));
                    (u64::from(price_fen) * (100 - pct) / 100) as u32
                }
            },
            Self::Paid { price_fen } => price_fen,
        }
    }

    /// Stable code of the tier.
    pub fn tier_code(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::LowCost { .. } => "low_cost",
            Self::Paid { .. } => "paid",
        }
    }
}

/// How a service is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ServiceMode {
    /// At the facility (定点): the resident comes.
    AtFacility,
    /// Door-to-door (上门): the provider goes to the resident.
    DoorToDoor,
    /// By device (call button, alarm).
    Device,
}

/// Whether a service is operating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ServiceStatus {
    /// Operating.
    #[default]
    Active,
    /// Temporarily closed.
    TemporarilyClosed,
    /// Inactive.
    Inactive,
    /// Closed for good.
    Defunct,
}

/// Who may use a service.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// let rule = Eligibility { min_age: Some(60), ..Eligibility::default() };
/// let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1970, 1, 1).unwrap(), GeoPoint { lat: 0.0, lon: 0.0 }, GridId(1));
/// assert!(!rule.admits(&r, today)); // 56 years old
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Eligibility {
    /// Minimum age in years, inclusive.
    pub min_age: Option<u32>,
    /// Maximum age in years, inclusive.
    pub max_age: Option<u32>,
    /// When not empty, the resident must belong to one of these groups.
    pub groups_any: SpecialGroups,
}

impl Eligibility {
    /// Whether `resident` is eligible on `date`.
    pub fn admits(&self, resident: &Resident, date: NaiveDate) -> bool {
        let age = resident.age_on(date);
        self.min_age.is_none_or(|m| age >= m)
            && self.max_age.is_none_or(|m| age <= m)
            && (self.groups_any.is_empty() || self.groups_any.intersects(resident.groups))
    }
}

/// A service run by a provider.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Service {
    /// Id.
    pub id: ServiceId,
    /// The provider.
    pub provider: ProviderId,
    /// Name.
    pub name: String,
    /// Categories of need it serves.
    pub categories: Vec<CategoryCode>,
    /// Location of the facility (or base for door-to-door).
    pub location: GeoPoint,
    /// Service radius in metres (default policy figure 500 m).
    pub radius_m: u32,
    /// Opening hours.
    pub schedule: WeeklySchedule,
    /// Recurrence-based opening hours and closures (holidays); when it has rules they replace
    /// `schedule`, and its exceptions apply either way.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "RecurringSchedule::is_empty")
    )]
    pub recurring: RecurringSchedule,
    /// Tasks it can take per week.
    pub capacity_per_week: u32,
    /// Who may use it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub eligibility: Eligibility,
    /// What it charges.
    pub fee: Fee,
    /// Residents in one of the documents' subsidy classes (economic hardship, special
    /// contribution, aged living alone without full self-care) pay nothing. Read also under its
    /// former name `free_for_priority` (input only).
    #[cfg_attr(feature = "serde", serde(default, alias = "free_for_priority"))]
    pub free_for_subsidised: bool,
    /// How it is delivered.
    pub mode: ServiceMode,
    /// Operating status.
    #[cfg_attr(feature = "serde", serde(default))]
    pub status: ServiceStatus,
}

impl Service {
    /// A service open nowhere yet (set [`schedule`](Self::schedule)), taking 40 tasks a week
    /// within the documents' 500 m service radius, free (and free for the subsidy classes
    /// whatever its fee), at the facility, active and open to everyone.
    ///
    /// ```
    /// use chrono::NaiveTime;
    /// use huzhu::model::*;
    /// let mut s = Service::new(ServiceId(1), ProviderId(1), "Lunch", vec!["elder.meals".into()],
    ///                          GeoPoint { lat: 31.2, lon: 121.5 });
    /// s.schedule = WeeklySchedule::daily(NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
    ///                                    NaiveTime::from_hms_opt(13, 0, 0).unwrap());
    /// assert_eq!((s.radius_m, s.capacity_per_week), (500, 40));
    /// assert!(s.check().is_ok());
    /// ```
    pub fn new(
        id: ServiceId,
        provider: ProviderId,
        name: impl Into<String>,
        categories: Vec<CategoryCode>,
        location: GeoPoint,
    ) -> Self {
        Self {
            id,
            provider,
            name: name.into(),
            categories,
            location,
            radius_m: 500,
            schedule: WeeklySchedule::default(),
            recurring: RecurringSchedule::default(),
            capacity_per_week: 40,
            eligibility: Eligibility::default(),
            fee: Fee::Free,
            free_for_subsidised: false,
            mode: ServiceMode::AtFacility,
            status: ServiceStatus::Active,
        }
    }

    /// Price in fen that `resident` pays on `date`: nothing when the service is free for the
    /// subsidy classes and the resident is in one, else the fee with any card price or discount.
    pub fn price_for(&self, resident: &Resident, date: NaiveDate, subsidy: &SubsidyPolicy) -> u32 {
        if self.free_for_subsidised && resident.subsidy_class(date, subsidy).is_some() {
            0
        } else {
            self.fee.price_for(resident.care_card)
        }
    }

    /// Checks the record's own fields (references are checked by the community).
    pub fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Service(self.id);
        if self.name.trim().is_empty() {
            return Err(ModelError::invalid(record, "name", FieldProblem::Empty));
        }
        super::taxonomy::check_text(&record, "name", &self.name, super::taxonomy::MAX_LABEL)?;
        if self.categories.is_empty() {
            return Err(ModelError::invalid(
                record,
                "categories",
                FieldProblem::Empty,
            ));
        }
        self.location.check(&record, "location")?;
        if self.radius_m == 0 {
            return Err(ModelError::invalid(
                record,
                "radius_m",
                FieldProblem::NotPositive,
            ));
        }
        self.schedule.check(&record, "schedule")?;
        self.recurring.check(&record, "recurring")?;
        if let (Some(lo), Some(hi)) = (self.eligibility.min_age, self.eligibility.max_age)
            && lo > hi
        {
            return Err(ModelError::invalid(
                record,
                "eligibility.max_age",
                FieldProblem::Invalid {
                    why: format!("{hi} is below min_age {lo}"),
                },
            ));
        }
        if let Fee::LowCost {
            care_card_discount_pct,
            ..
        } = self.fee
            && care_card_discount_pct > 100
        {
            return Err(ModelError::invalid(
                record,
                "fee.care_card_discount_pct",
                FieldProblem::OutOfRange {
                    value: care_card_discount_pct.to_string(),
                    allowed: "0..=100".into(),
                },
            ));
        }
        Ok(())
    }
}
