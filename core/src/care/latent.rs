//! Latent needs (潜在需求): needs found by analysis of residents' profiles and records, before
//! anyone asks. Each rule is data — users replace the documented defaults — and every inferred
//! need says which rule and which facts produced it.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime, NaiveTime};

use crate::error::{FieldProblem, ModelError, RecordRef};
use crate::model::{
    CategoryCode, Community, Household, IntakeChannel, Need, NeedId, NeedKind, NeedStatus,
    Resident, ResidentId, SelfCare, SpecialGroup, TimeWindow, Urgency,
};

/// Who a rule looks at. Every condition given must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Who {
    /// At least this age.
    pub min_age: Option<u32>,
    /// This household.
    pub household: Option<Household>,
    /// Self-care at this level or worse.
    pub self_care_at_least: Option<SelfCare>,
    /// In one of these special groups (empty: any resident).
    pub groups_any: Vec<SpecialGroup>,
}

/// What a rule finds missing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Lacking {
    /// No visit, call or survey for this many days.
    Contact {
        /// Days.
        days: u32,
    },
    /// No need of this category recorded (and not cancelled or expired) for this many days.
    Need {
        /// The category.
        category: CategoryCode,
        /// Days.
        days: u32,
    },
}

/// One latent-need rule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LatentRule {
    /// Stable code, named by every need the rule infers.
    pub code: String,
    /// Who it looks at.
    #[cfg_attr(feature = "serde", serde(default))]
    pub who: Who,
    /// What it finds missing.
    pub lacking: Lacking,
    /// The category of the need it infers.
    pub infer: CategoryCode,
    /// Minutes the inferred need takes.
    pub duration_minutes: u32,
}

/// The default rules, from the documents' care loop. Replace them to suit your community.
///
/// | code | who | lacking | infers |
/// |---|---|---|---|
/// | `aged_alone_without_contact` | 80+, living alone | no contact for 14 days | a home visit |
/// | `dependent_without_cleaning` | not self-caring (dependent) | no cleaning for 30 days | cleaning |
/// | `hardship_elderly_without_meals` | 70+, minimum allowance or extreme poverty | no meals for 30 days | meals |
pub fn default_rules() -> Vec<LatentRule> {
    vec![
        LatentRule {
            code: "aged_alone_without_contact".into(),
            who: Who {
                min_age: Some(80),
                household: Some(Household::LivesAlone),
                ..Who::default()
            },
            lacking: Lacking::Contact { days: 14 },
            infer: "elder.home_visit".into(),
            duration_minutes: 60,
        },
        LatentRule {
            code: "dependent_without_cleaning".into(),
            who: Who {
                self_care_at_least: Some(SelfCare::Dependent),
                ..Who::default()
            },
            lacking: Lacking::Need {
                category: "elder.cleaning".into(),
                days: 30,
            },
            infer: "elder.cleaning".into(),
            duration_minutes: 90,
        },
        LatentRule {
            code: "hardship_elderly_without_meals".into(),
            who: Who {
                min_age: Some(70),
                groups_any: vec![SpecialGroup::MinimumAllowance, SpecialGroup::ExtremePoverty],
                ..Who::default()
            },
            lacking: Lacking::Need {
                category: "elder.meals".into(),
                days: 30,
            },
            infer: "elder.meals".into(),
            duration_minutes: 30,
        },
    ]
}

/// A need a rule inferred, with its reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InferredNeed {
    /// The resident.
    pub resident: ResidentId,
    /// The category inferred.
    pub category: CategoryCode,
    /// The rule's code.
    pub rule: String,
    /// The facts that made the rule fire (`age` = `84`, `last_contact` = `2026-11-01`, …).
    pub facts: BTreeMap<String, String>,
    /// Minutes it takes.
    pub duration_minutes: u32,
}

impl InferredNeed {
    /// The need to record: latent, inferred (intake channel `inferred`), created at `now`, with
    /// a window of the next `days` days from `now` (09:00 to 17:00 each day is left to the
    /// matcher's schedules; the window itself spans whole days).
    pub fn to_need(&self, id: NeedId, now: NaiveDateTime, days: u32) -> Need {
        let start = now;
        let end = (now.date() + Duration::days(i64::from(days.max(1)))).and_time(NaiveTime::MIN);
        let window = TimeWindow { start, end };
        let mut n = Need::new(
            id,
            self.resident,
            self.category.clone(),
            now,
            window,
            self.duration_minutes,
        );
        n.urgency = Urgency::General;
        n.kind = NeedKind::Latent;
        n.channel = Some(IntakeChannel::Inferred);
        n.inferred_by = Some(self.rule.clone());
        n
    }
}

impl std::fmt::Display for InferredNeed {
    /// `resident#3 needs elder.home_visit (aged_alone_without_contact: age 84, …)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} needs {} ({}",
            self.resident, self.category, self.rule
        )?;
        for (i, (k, v)) in self.facts.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { ", " })?;
            write!(f, "{k} {v}")?;
        }
        f.write_str(")")
    }
}

fn matches(
    who: &Who,
    r: &Resident,
    now: NaiveDateTime,
    facts: &mut BTreeMap<String, String>,
) -> bool {
    let age = r.age_on(now.date());
    if let Some(min) = who.min_age {
        if age < min {
            return false;
        }
        facts.insert("age".into(), age.to_string());
    }
    if let Some(h) = who.household {
        if r.household != h {
            return false;
        }
        facts.insert(
            "household".into(),
            match h {
                Household::LivesAlone => "lives_alone",
                Household::WithFamily => "with_family",
            }
            .into(),
        );
    }
    if let Some(s) = who.self_care_at_least {
        if r.self_care < s {
            return false;
        }
        facts.insert("self_care".into(), r.self_care.code().into());
    }
    if !who.groups_any.is_empty() {
        let Some(g) = who.groups_any.iter().find(|g| r.groups.contains(**g)) else {
            return false;
        };
        facts.insert("group".into(), g.code().into());
    }
    true
}

/// Checks rules against a community before [`infer_needs`]: a code, a category in the
/// taxonomy, at least a day without, and a duration of 1 minute to a week. Errors name the
/// rule (`latent rule[1]`) and the field.
///
/// ```
/// use huzhu::care::{check_rules, default_rules};
/// use huzhu::model::Community;
/// let c = Community::new("x");
/// assert!(check_rules(&c, &default_rules()).is_ok());
/// let mut rules = default_rules();
/// rules[1].infer = "elder.juggling".into();
/// let e = check_rules(&c, &rules).unwrap_err();
/// assert_eq!((e.record().unwrap().to_string(), e.field()), ("latent rule[1]".into(), Some("infer")));
/// ```
pub fn check_rules(community: &Community, rules: &[LatentRule]) -> Result<(), ModelError> {
    for (i, rule) in rules.iter().enumerate() {
        let record = || RecordRef::Config(format!("latent rule[{i}]"));
        if rule.code.trim().is_empty() {
            return Err(ModelError::invalid(record(), "code", FieldProblem::Empty));
        }
        let known = |c: &CategoryCode| community.taxonomy().contains(c);
        if !known(&rule.infer) {
            return Err(ModelError::invalid(
                record(),
                "infer",
                FieldProblem::Invalid {
                    why: format!("names unknown category {:?}", rule.infer.as_str()),
                },
            ));
        }
        let days = match &rule.lacking {
            Lacking::Contact { days } => *days,
            Lacking::Need { category, days } => {
                if !known(category) {
                    return Err(ModelError::invalid(
                        record(),
                        "lacking.category",
                        FieldProblem::Invalid {
                            why: format!("names unknown category {:?}", category.as_str()),
                        },
                    ));
                }
                *days
            }
        };
        if days == 0 {
            return Err(ModelError::invalid(
                record(),
                "lacking.days",
                FieldProblem::NotPositive,
            ));
        }
        if !(1..=7 * 24 * 60).contains(&rule.duration_minutes) {
            return Err(ModelError::invalid(
                record(),
                "duration_minutes",
                FieldProblem::OutOfRange {
                    value: rule.duration_minutes.to_string(),
                    allowed: "1..=10080".into(),
                },
            ));
        }
    }
    Ok(())
}

/// The needs the rules infer at `now`, by resident then rule. A rule does not fire for a
/// resident who already has an open need of the category it infers.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::care::{default_rules, infer_needs};
/// use huzhu::model::*;
/// let mut c = Community::new("x");
/// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1942, 1, 1).unwrap(),
///                           GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1));
/// r.household = Household::LivesAlone;
/// c.add_resident(r).unwrap();
/// let now = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let found = infer_needs(&c, now, &default_rules());
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].to_string(),
///            "resident#1 needs elder.home_visit (aged_alone_without_contact: age 84, household lives_alone, last_contact never)");
/// ```
pub fn infer_needs(
    community: &Community,
    now: NaiveDateTime,
    rules: &[LatentRule],
) -> Vec<InferredNeed> {
    let mut last_contact: BTreeMap<ResidentId, NaiveDateTime> = BTreeMap::new();
    for c in community.contacts().filter(|c| c.at <= now) {
        let e = last_contact.entry(c.resident).or_insert(c.at);
        *e = (*e).max(c.at);
    }
    let mut out = Vec::new();
    for r in community.residents() {
        for rule in rules {
            let open_already = community
                .needs_of(r.id)
                .any(|n| n.category == rule.infer && !n.status.is_final());
            if open_already {
                continue;
            }
            let mut facts = BTreeMap::new();
            if !matches(&rule.who, r, now, &mut facts) {
                continue;
            }
            let lacking = match &rule.lacking {
                Lacking::Contact { days } => {
                    let last = last_contact.get(&r.id).copied();
                    let since = now - Duration::days(i64::from(*days));
                    facts.insert(
                        "last_contact".into(),
                        last.map_or_else(|| "never".into(), |t| t.date().to_string()),
                    );
                    last.is_none_or(|t| t < since)
                }
                Lacking::Need { category, days } => {
                    let since = now - Duration::days(i64::from(*days));
                    let last = community
                        .needs_of(r.id)
                        .filter(|n| &n.category == category && n.created_at <= now)
                        .filter(|n| {
                            !matches!(n.status, NeedStatus::Cancelled | NeedStatus::Expired)
                        })
                        .map(|n| n.created_at)
                        .max();
                    facts.insert(
                        format!("last_{category}"),
                        last.map_or_else(|| "never".into(), |t| t.date().to_string()),
                    );
                    last.is_none_or(|t| t < since)
                }
            };
            if lacking {
                out.push(InferredNeed {
                    resident: r.id,
                    category: rule.infer.clone(),
                    rule: rule.code.clone(),
                    facts,
                    duration_minutes: rule.duration_minutes,
                });
            }
        }
    }
    out
}
