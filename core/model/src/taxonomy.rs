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
        }
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
    vec![
        Category::new("elder.meals", "Meals", "助餐", "elder").essential(),
        Category::new("elder.cleaning", "Cleaning", "助洁", "elder"),
        Category::new(
            "elder.medical_escort",
            "Medical help and escort",
            "助医",
            "elder",
        )
        .requiring("escort")
        .essential(),
        Category::new("elder.hardship_relief", "Hardship relief", "助困", "elder"),
        Category::new("elder.emergency", "Emergency help", "助急", "elder").requiring("first_aid"),
        Category::new(
            "elder.recreation",
            "Recreation and company",
            "助乐",
            "elder",
        ),
        Category::new("elder.day_care", "Day care", "日间照料", "elder").essential(),
        Category::new("elder.home_visit", "Home visit", "上门探访", "elder"),
        Category::new(
            "elder.emotional_support",
            "Emotional support",
            "精神慰藉",
            "elder",
        ),
        Category::new("elder.errands", "Errands and shopping", "代购跑腿", "elder"),
        Category::new(
            "elder.hospital_escort",
            "Escort to hospital",
            "陪诊",
            "elder",
        )
        .requiring("escort"),
        Category::new(
            "elder.medicine_delivery",
            "Medicine delivery",
            "送药上门",
            "elder",
        ),
        Category::new(
            "family.childcare",
            "Childcare and after-school care",
            "托育",
            "family",
        )
        .requiring("childcare")
        .essential(),
        Category::new(
            "family.parenting",
            "Parenting support",
            "育儿支持",
            "family",
        ),
        Category::new(
            "health.chronic_followup",
            "Chronic-disease follow-up",
            "慢病随访",
            "health",
        )
        .requiring("nursing")
        .essential(),
        Category::new(
            "health.family_doctor",
            "Family doctor visit",
            "家庭医生",
            "health",
        )
        .requiring("medical")
        .essential(),
        Category::new(
            "health.mental",
            "Mental-health counselling",
            "心理咨询",
            "health",
        )
        .requiring("counselling"),
        Category::new("health.rehabilitation", "Rehabilitation", "康复", "health")
            .requiring("rehabilitation"),
        Category::new(
            "education.skills",
            "Skills training",
            "技能培训",
            "education",
        ),
        Category::new(
            "education.digital",
            "Digital-skills help",
            "数字技能帮扶",
            "education",
        )
        .requiring("digital"),
        Category::new("culture.reading", "Reading group", "读书会", "culture"),
        Category::new("culture.sports", "Sports", "体育健身", "culture"),
        Category::new(
            "culture.activities",
            "Cultural activities",
            "文化活动",
            "culture",
        ),
        Category::new("legal.aid", "Legal aid", "法律援助", "legal").requiring("legal"),
        Category::new("work.employment", "Employment help", "就业帮扶", "work"),
        Category::new(
            "social.newcomer",
            "Newcomer integration",
            "新市民融入",
            "social",
        ),
    ]
}
