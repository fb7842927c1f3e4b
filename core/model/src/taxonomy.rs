//! Need categories with stable codes, English and Chinese labels, and the skills they require.

use std::collections::BTreeMap;

use crate::error::{FieldProblem, ModelError, RecordRef};

/// A skill or certification code, e.g. `nursing` or `first_aid`.
///
/// ```
/// use huzhu::model::Skill;
/// assert_eq!(Skill::from("nursing").as_str(), "nursing");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Skill(pub String);

impl Skill {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Skill {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl std::fmt::Display for Skill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A category code, e.g. `elder.meals`. Codes are stable across versions.
///
/// ```
/// use huzhu::model::CategoryCode;
/// assert_eq!(CategoryCode::from("elder.meals").to_string(), "elder.meals");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct CategoryCode(pub String);

impl CategoryCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for CategoryCode {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl std::fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a need is basic, dynamic or latent (基础 / 动态 / 潜在).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NeedKind {
    /// A basic need (基础需求).
    #[default]
    Basic,
    /// A dynamic need (动态需求).
    Dynamic,
    /// A latent need found by analysis (潜在需求).
    Latent,
}

/// The care areas in which a special-group resident's need is answered within 24 hours,
/// whatever its complexity (the documents: medical help, daily care, emotional support).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CareArea {
    /// Medical help (助医).
    MedicalHelp,
    /// Daily care (生活照料).
    DailyCare,
    /// Emotional support (精神慰藉).
    EmotionalSupport,
}

impl CareArea {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::MedicalHelp => "medical_help",
            Self::DailyCare => "daily_care",
            Self::EmotionalSupport => "emotional_support",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::MedicalHelp => ("Medical help", "助医"),
            Self::DailyCare => ("Daily care", "生活照料"),
            Self::EmotionalSupport => ("Emotional support", "精神慰藉"),
        }
    }
}

/// One category of need.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Category {
    /// Stable code, e.g. `elder.meals`.
    pub code: CategoryCode,
    /// English label.
    pub name_en: String,
    /// Chinese label.
    pub name_zh: String,
    /// The group the category belongs to, e.g. `elder`, `health`.
    pub group: String,
    /// Skills a helper must hold to serve this category.
    #[cfg_attr(feature = "serde", serde(default))]
    pub required_skills: Vec<Skill>,
    /// Whether the category is essential for the 15-minute living circle coverage indicator.
    #[cfg_attr(feature = "serde", serde(default))]
    pub essential: bool,
    /// The care area it belongs to, if any (special groups are answered within 24 hours there).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub care_area: Option<CareArea>,
}

impl Category {
    /// A category without required skills, not essential.
    pub fn new(code: &str, name_en: &str, name_zh: &str, group: &str) -> Self {
        Self {
            code: CategoryCode::from(code),
            name_en: name_en.to_owned(),
            name_zh: name_zh.to_owned(),
            group: group.to_owned(),
            required_skills: Vec::new(),
            essential: false,
            care_area: None,
        }
    }

    /// Puts the category in a care area.
    #[must_use]
    pub fn in_area(mut self, area: CareArea) -> Self {
        self.care_area = Some(area);
        self
    }

    /// Adds a required skill.
    #[must_use]
    pub fn requiring(mut self, skill: &str) -> Self {
        self.required_skills.push(Skill::from(skill));
        self
    }

    /// Marks the category essential.
    #[must_use]
    pub fn essential(mut self) -> Self {
        self.essential = true;
        self
    }

    fn check(&self) -> Result<(), ModelError> {
        let record = RecordRef::Category(self.code.0.clone());
        if self.code.0.trim().is_empty() {
            return Err(ModelError::invalid(record, "code", FieldProblem::Empty));
        }
        check_text(&record, "code", &self.code.0, 64)?;
        check_text(&record, "name_en", &self.name_en, MAX_LABEL)?;
        check_text(&record, "name_zh", &self.name_zh, MAX_LABEL)?;
        check_text(&record, "group", &self.group, MAX_LABEL)
    }
}

/// Longest label accepted, in characters.
pub const MAX_LABEL: usize = 200;

/// `field` is only written out for an error: pass `format_args!` for a computed path.
pub(crate) fn check_text(
    record: &RecordRef,
    field: impl std::fmt::Display,
    text: &str,
    max: usize,
) -> Result<(), ModelError> {
    if text.chars().count() > max {
        return Err(ModelError::invalid(
            record.clone(),
            field.to_string(),
            FieldProblem::TooLong { max },
        ));
    }
    Ok(())
}

/// The set of categories in use: the built-in default plus any the user adds.
///
/// ```
/// use huzhu::model::{Category, CategoryCode, Taxonomy};
/// let mut t = Taxonomy::default();
/// assert!(t.get(&CategoryCode::from("elder.meals")).is_some());
/// t.add(Category::new("local.tea", "Tea house", "茶馆", "culture")).unwrap();
/// assert!(t.add(Category::new("local.tea", "Tea", "茶", "culture")).is_err()); // duplicate
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    categories: BTreeMap<CategoryCode, Category>,
}

impl Default for Taxonomy {
    fn default() -> Self {
        let mut categories = BTreeMap::new();
        for c in default_categories() {
            categories.insert(c.code.clone(), c);
        }
        Self { categories }
    }
}

impl Taxonomy {
    /// A taxonomy with no categories at all.
    pub fn empty() -> Self {
        Self {
            categories: BTreeMap::new(),
        }
    }

    /// Adds a user category; rejects empty, over-long or duplicate codes.
    pub fn add(&mut self, category: Category) -> Result<(), ModelError> {
        category.check()?;
        if self.categories.contains_key(&category.code) {
            return Err(ModelError::DuplicateId {
                record: RecordRef::Category(category.code.0),
            });
        }
        self.categories.insert(category.code.clone(), category);
        Ok(())
    }

    /// Looks a category up by code.
    pub fn get(&self, code: &CategoryCode) -> Option<&Category> {
        self.categories.get(code)
    }

    /// Whether the code is known.
    pub fn contains(&self, code: &CategoryCode) -> bool {
        self.categories.contains_key(code)
    }

    /// All categories, ordered by code.
    pub fn iter(&self) -> impl Iterator<Item = &Category> {
        self.categories.values()
    }

    /// Number of categories.
    pub fn len(&self) -> usize {
        self.categories.len()
    }

    /// Whether there are no categories.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// The categories that are not part of the built-in default (saved in snapshots).
    pub fn user_categories(&self) -> Vec<Category> {
        let builtin = Self::default();
        self.categories
            .values()
            .filter(|c| builtin.get(&c.code) != Some(*c))
            .cloned()
            .collect()
    }
}

/// The built-in categories (stable codes). Covers the elderly "six helps" (六助) and the other
/// needs the planning documents name.
#[allow(clippy::too_many_lines)]
fn default_categories() -> Vec<Category> {
    use CareArea::{DailyCare, EmotionalSupport, MedicalHelp};
    let c = Category::new;
    vec![
        c("elder.meals", "Meals", "助餐", "elder")
            .essential()
            .in_area(DailyCare),
        c("elder.cleaning", "Cleaning", "助洁", "elder").in_area(DailyCare),
        c("elder.bathing", "Bathing help", "助浴", "elder")
            .requiring("personal_care")
            .in_area(DailyCare),
        c(
            "elder.medical_escort",
            "Medical help and escort",
            "助医",
            "elder",
        )
        .requiring("escort")
        .essential()
        .in_area(MedicalHelp),
        c("elder.hardship_relief", "Hardship relief", "助困", "elder"),
        c("elder.emergency", "Emergency help", "助急", "elder").requiring("first_aid"),
        c(
            "elder.recreation",
            "Recreation and company",
            "助乐",
            "elder",
        )
        .in_area(EmotionalSupport),
        c("elder.day_care", "Day care", "日间照料", "elder")
            .essential()
            .in_area(DailyCare),
        c(
            "elder.respite",
            "Temporary relief care",
            "喘息服务",
            "elder",
        )
        .requiring("personal_care")
        .in_area(DailyCare),
        c("elder.home_visit", "Home visit", "上门探访", "elder").in_area(EmotionalSupport),
        c(
            "elder.emotional_support",
            "Emotional support",
            "精神慰藉",
            "elder",
        )
        .in_area(EmotionalSupport),
        c("elder.errands", "Errands and shopping", "代购跑腿", "elder").in_area(DailyCare),
        c("elder.bill_payment", "Bill payment", "代缴费", "elder").in_area(DailyCare),
        c(
            "elder.hospital_escort",
            "Escort to hospital",
            "陪诊",
            "elder",
        )
        .requiring("escort")
        .in_area(MedicalHelp),
        c(
            "elder.medicine_delivery",
            "Medicine delivery",
            "送药上门",
            "elder",
        )
        .in_area(MedicalHelp),
        c(
            "elder.home_adaptation",
            "Home adaptation for the elderly",
            "适老化改造",
            "elder",
        )
        .requiring("repairs"),
        c(
            "elder.assistive_devices",
            "Assistive-device rental",
            "辅具租赁",
            "elder",
        ),
        c("home.repairs", "Repairs", "维修", "home").requiring("repairs"),
        c(
            "family.childcare",
            "Childcare and after-school care",
            "托育",
            "family",
        )
        .requiring("childcare")
        .essential(),
        c(
            "family.parenting",
            "Parenting support",
            "育儿支持",
            "family",
        ),
        c(
            "health.chronic_followup",
            "Chronic-disease follow-up",
            "慢病随访",
            "health",
        )
        .requiring("nursing")
        .essential()
        .in_area(MedicalHelp),
        c(
            "health.family_doctor",
            "Family doctor visit",
            "家庭医生",
            "health",
        )
        .requiring("medical")
        .essential()
        .in_area(MedicalHelp),
        c("health.checkup", "Health check", "健康体检", "health")
            .requiring("medical")
            .in_area(MedicalHelp),
        c(
            "health.mental",
            "Mental-health counselling",
            "心理咨询",
            "health",
        )
        .requiring("counselling")
        .in_area(EmotionalSupport),
        c("health.rehabilitation", "Rehabilitation", "康复", "health")
            .requiring("rehabilitation")
            .in_area(MedicalHelp),
        c(
            "education.skills",
            "Skills training",
            "技能培训",
            "education",
        ),
        c(
            "education.digital",
            "Digital-skills help",
            "数字技能帮扶",
            "education",
        )
        .requiring("digital"),
        c("culture.reading", "Reading group", "读书会", "culture"),
        c("culture.sports", "Sports", "体育健身", "culture"),
        c(
            "culture.activities",
            "Cultural activities",
            "文化活动",
            "culture",
        ),
        c("legal.aid", "Legal aid", "法律援助", "legal").requiring("legal"),
        c("legal.policy_advice", "Policy advice", "政策咨询", "legal"),
        c("work.employment", "Employment help", "就业帮扶", "work"),
        c(
            "social.newcomer",
            "Newcomer integration",
            "新市民融入",
            "social",
        ),
    ]
}
