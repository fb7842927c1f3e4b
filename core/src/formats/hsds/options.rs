//! Import options and the default taxonomy mapping tables.

use std::collections::BTreeMap;

use crate::model::{CategoryCode, ProviderKind, SpecialGroup};

/// How to import: mapping tables, defaults for what HSDS does not say, and whether to skip bad
/// records. Defaults are documented on each field.
///
/// ```
/// use huzhu::formats::hsds::HsdsImportOptions;
/// let o = HsdsImportOptions::default()
///     .map_term("code", "health.mental")
///     .with_utc_offset_minutes(8 * 60)
///     .skipping_invalid();
/// assert_eq!(o.categories["code"].0, "health.mental");
/// assert!(o.skip_invalid);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct HsdsImportOptions {
    /// Leave out records with errors (reported) instead of rejecting the import. Default off.
    pub skip_invalid: bool,
    /// Taxonomy term (its `code` or `name`, compared lower-case) → huzhu category. Default:
    /// [`default_category_map`].
    pub categories: BTreeMap<String, CategoryCode>,
    /// Taxonomy term → eligibility group (`groups_any`). Default: [`default_group_map`].
    pub groups: BTreeMap<String, SpecialGroup>,
    /// Category for services none of whose terms maps (reported as a warning). Default none:
    /// such a service is an error.
    pub default_category: Option<CategoryCode>,
    /// Kind given to every provider (HSDS has no such field). Default `other`.
    pub provider_kind: ProviderKind,
    /// Radius when no service-area extent gives one, metres. Default 500 (the policy figure).
    pub radius_m: u32,
    /// Capacity when no `service_capacity` gives one, tasks per week. Default 20.
    pub capacity_per_week: u32,
    /// Currency whose `cost_options` amounts become fees (amount × 100 = fen). Default `CNY`.
    pub currency: String,
    /// The community's UTC offset in minutes; schedules with a `timezone` are shifted into it.
    /// Default none: schedule times are taken as community local time.
    pub utc_offset_minutes: Option<i32>,
    /// First provider id. Default 1.
    pub first_provider_id: u32,
    /// First service id. Default 1.
    pub first_service_id: u32,
}

impl Default for HsdsImportOptions {
    fn default() -> Self {
        Self {
            skip_invalid: false,
            categories: default_category_map(),
            groups: default_group_map(),
            default_category: None,
            provider_kind: ProviderKind::Other,
            radius_m: 500,
            capacity_per_week: 20,
            currency: "CNY".into(),
            utc_offset_minutes: None,
            first_provider_id: 1,
            first_service_id: 1,
        }
    }
}

impl HsdsImportOptions {
    /// Maps a taxonomy term (code or name) to a category.
    #[must_use]
    pub fn map_term(mut self, term: &str, category: &str) -> Self {
        self.categories
            .insert(term.trim().to_lowercase(), CategoryCode::from(category));
        self
    }

    /// Maps a taxonomy term (code or name) to an eligibility group.
    #[must_use]
    pub fn map_group(mut self, term: &str, group: SpecialGroup) -> Self {
        self.groups.insert(term.trim().to_lowercase(), group);
        self
    }

    /// Sets the community's UTC offset.
    #[must_use]
    pub fn with_utc_offset_minutes(mut self, minutes: i32) -> Self {
        self.utc_offset_minutes = Some(minutes);
        self
    }

    /// Leaves out bad records instead of rejecting the import.
    #[must_use]
    pub fn skipping_invalid(mut self) -> Self {
        self.skip_invalid = true;
        self
    }
}

/// Common service terms (Open Eligibility and 211/AIRS names, lower-case) → huzhu categories.
///
/// ```
/// let m = huzhu::formats::hsds::default_category_map();
/// assert_eq!(m["home delivered meals"].0, "elder.meals");
/// assert_eq!(m["counseling"].0, "health.mental");
/// ```
pub fn default_category_map() -> BTreeMap<String, CategoryCode> {
    crate::cold::collect(
        [
            ("meals", "elder.meals"),
            ("food", "elder.meals"),
            ("congregate meals", "elder.meals"),
            ("home delivered meals", "elder.meals"),
            ("housekeeping", "elder.cleaning"),
            ("homemaker services", "elder.cleaning"),
            ("cleaning", "elder.cleaning"),
            ("medical escort", "elder.medical_escort"),
            ("medical transportation", "elder.medical_escort"),
            ("escort services", "elder.hospital_escort"),
            ("financial assistance", "elder.hardship_relief"),
            ("emergency assistance", "elder.emergency"),
            ("personal emergency response systems", "elder.emergency"),
            ("recreation", "elder.recreation"),
            ("recreational activities", "elder.recreation"),
            ("adult day care", "elder.day_care"),
            ("adult day programs", "elder.day_care"),
            ("friendly visiting", "elder.home_visit"),
            ("home visits", "elder.home_visit"),
            ("companionship", "elder.emotional_support"),
            ("emotional support", "elder.emotional_support"),
            ("shopping assistance", "elder.errands"),
            ("errands", "elder.errands"),
            ("medication delivery", "elder.medicine_delivery"),
            ("prescription delivery", "elder.medicine_delivery"),
            ("child care", "family.childcare"),
            ("childcare", "family.childcare"),
            ("after school programs", "family.childcare"),
            ("parenting education", "family.parenting"),
            ("chronic disease management", "health.chronic_followup"),
            ("primary care", "health.family_doctor"),
            ("counseling", "health.mental"),
            ("counselling", "health.mental"),
            ("mental health care", "health.mental"),
            ("mental health", "health.mental"),
            ("physical therapy", "health.rehabilitation"),
            ("rehabilitation", "health.rehabilitation"),
            ("skills training", "education.skills"),
            ("computer classes", "education.digital"),
            ("digital literacy", "education.digital"),
            ("reading groups", "culture.reading"),
            ("sports", "culture.sports"),
            ("cultural activities", "culture.activities"),
            ("legal aid", "legal.aid"),
            ("legal services", "legal.aid"),
            ("employment", "work.employment"),
            ("job search", "work.employment"),
            ("immigrant services", "social.newcomer"),
            ("newcomer services", "social.newcomer"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), CategoryCode::from(v))),
    )
}

/// Common eligibility terms (lower-case) → huzhu special groups.
pub fn default_group_map() -> BTreeMap<String, SpecialGroup> {
    crate::cold::collect(
        [
            ("disabilities", SpecialGroup::Disabled),
            ("people with disabilities", SpecialGroup::Disabled),
            ("disabled", SpecialGroup::Disabled),
            ("veterans", SpecialGroup::SpecialContribution),
            ("low income", SpecialGroup::MinimumAllowance),
            ("low-income", SpecialGroup::MinimumAllowance),
            ("at-risk youth", SpecialGroup::ChildInDifficulty),
            ("seniors living alone", SpecialGroup::ElderlyLivingAlone),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v)),
    )
}
