//! The community identity index (社区认同感, 0–100) from a Likert survey whose items users may
//! replace, with its internal consistency (Cronbach's alpha), and the neighbours-known rate.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::error::{InputRef, ScoringError};
use super::records::Period;
use super::stats::{cronbach_alpha, rate};
use crate::error::{FieldProblem, RecordRef};
use crate::model::{Community, ResidentId};

/// One item of the identity survey, answered on a 1–5 Likert scale (5: strongly agree).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct IdentityItem {
    /// Stable code, the key of the answers.
    pub code: String,
    /// The statement in English.
    pub en: String,
    /// The statement in Chinese.
    pub zh: String,
    /// Whether agreeing means *less* identity (scored 6 − answer).
    #[cfg_attr(feature = "serde", serde(default))]
    pub reverse: bool,
}

/// The codes of the default items, in order (tables hold one column per code).
pub const DEFAULT_IDENTITY_CODES: [&str; 6] = ["belong", "proud", "trust", "help", "care", "leave"];

/// The default items: six statements on belonging, pride, trust, help, care for community
/// affairs and wanting to stay, one of them reverse-worded. Our own choice, in the spirit of
/// the sense-of-community scales; replace them with your survey's.
pub fn default_identity_items() -> Vec<IdentityItem> {
    let item = |code: &str, en: &str, zh: &str, reverse| IdentityItem {
        code: code.into(),
        en: en.into(),
        zh: zh.into(),
        reverse,
    };
    vec![
        item(
            "belong",
            "I feel I belong to this community.",
            "我觉得自己属于这个社区。",
            false,
        ),
        item(
            "proud",
            "I am proud to live here.",
            "我为住在这里感到自豪。",
            false,
        ),
        item(
            "trust",
            "Most of my neighbours can be trusted.",
            "大多数邻居是可以信任的。",
            false,
        ),
        item(
            "help",
            "Neighbours here help each other.",
            "这里的邻居互相帮助。",
            false,
        ),
        item(
            "care",
            "What happens in the community matters to me.",
            "社区里的事与我有关。",
            false,
        ),
        item(
            "leave",
            "I would move away if I could.",
            "如果可以，我会搬走。",
            true,
        ),
    ]
}

/// One resident's answers to the identity survey.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct IdentityResponse {
    /// Who answered.
    pub respondent: ResidentId,
    /// When.
    pub date: NaiveDate,
    /// Answers 1–5 by item code; every item of the survey is answered.
    pub answers: BTreeMap<String, u8>,
    /// How many neighbours the respondent knows by name, if asked.
    #[cfg_attr(feature = "serde", serde(default))]
    pub neighbours_known: Option<u32>,
}

/// The identity index of a period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IdentityReport {
    /// Responses dated in the period (a resident's latest counts once).
    pub respondents: u32,
    /// The index, 0–100: each respondent's mean item score mapped from 1–5 to 0–100
    /// (reverse items scored 6 − answer), averaged over respondents (target 75).
    pub index: Option<f64>,
    /// Cronbach's alpha of the items over the respondents (internal consistency).
    pub alpha: Option<f64>,
    /// Mean answer per item, 1–5 as scored (reverse items already turned).
    pub item_means: BTreeMap<String, f64>,
    /// Respondents who said how many neighbours they know.
    pub neighbours_answered: u32,
    /// Of those, respondents who know at least `neighbours_threshold` by name.
    pub neighbours_known: u32,
    /// `neighbours_known / neighbours_answered` (target 78%).
    pub neighbours_known_share: Option<f64>,
    /// Neighbours a respondent must know to count as knowing their neighbours.
    pub neighbours_threshold: u32,
}

/// Checks identity responses against the community and the items: a known respondent, every
/// item answered 1–5 and no other. Errors name the response by position and the field.
pub fn check_identity(
    community: &Community,
    items: &[IdentityItem],
    responses: &[IdentityResponse],
) -> Result<(), ScoringError> {
    let codes: BTreeSet<&str> = items.iter().map(|i| i.code.as_str()).collect();
    if codes.is_empty() || codes.len() != items.len() {
        return Err(ScoringError::invalid(
            InputRef::Policy,
            "identity_items",
            FieldProblem::Invalid {
                why: "must list at least one item, each code once".into(),
            },
        ));
    }
    for (index, r) in responses.iter().enumerate() {
        let record = InputRef::Identity { index };
        if community.resident(r.respondent).is_none() {
            return Err(ScoringError::UnknownReference {
                record,
                field: "respondent".into(),
                target: RecordRef::Resident(r.respondent),
            });
        }
        for (code, v) in &r.answers {
            if !codes.contains(code.as_str()) {
                return Err(ScoringError::invalid(
                    record,
                    format!("answers.{code}"),
                    FieldProblem::Invalid {
                        why: "is not an item of the survey".into(),
                    },
                ));
            }
            if !(1..=5).contains(v) {
                return Err(ScoringError::invalid(
                    record,
                    format!("answers.{code}"),
                    FieldProblem::OutOfRange {
                        value: v.to_string(),
                        allowed: "1..=5".into(),
                    },
                ));
            }
        }
        if let Some(missing) = codes.iter().find(|c| !r.answers.contains_key(**c)) {
            return Err(ScoringError::invalid(
                record,
                format!("answers.{missing}"),
                FieldProblem::Empty,
            ));
        }
    }
    Ok(())
}

/// The identity index of `period` from checked responses ([`check_identity`]): a resident's
/// latest response in the period counts, once.
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use huzhu::model::ResidentId;
/// use huzhu::scoring::{IdentityResponse, Period, default_identity_items, identity_index};
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let items = default_identity_items();
/// // Agrees (4) with everything but wanting to leave (2, scored 6 − 2 = 4): 4 → 75 of 100.
/// let answers: BTreeMap<String, u8> = items.iter()
///     .map(|i| (i.code.clone(), if i.reverse { 2 } else { 4 })).collect();
/// let r = IdentityResponse { respondent: ResidentId(1), date: d(11, 3), answers, neighbours_known: Some(5) };
/// let report = identity_index(&[r], &items, Period::new(d(11, 1), d(12, 1)).unwrap(), 3);
/// assert_eq!(report.index, Some(75.0));
/// assert_eq!(report.neighbours_known_share, Some(1.0));
/// ```
pub fn identity_index(
    responses: &[IdentityResponse],
    items: &[IdentityItem],
    period: Period,
    neighbours_threshold: u32,
) -> IdentityReport {
    let mut latest: BTreeMap<ResidentId, &IdentityResponse> = BTreeMap::new();
    for r in responses
        .iter()
        .filter(|r| r.date >= period.start && r.date < period.end)
    {
        let e = latest.entry(r.respondent).or_insert(r);
        if r.date >= e.date {
            *e = r;
        }
    }
    let scored = |r: &IdentityResponse| -> Vec<f64> {
        items
            .iter()
            .map(|i| {
                let v = f64::from(r.answers.get(&i.code).copied().unwrap_or(3));
                if i.reverse { 6.0 - v } else { v }
            })
            .collect()
    };
    let rows: Vec<Vec<f64>> = latest.values().map(|r| scored(r)).collect();
    let n = rows.len();
    let index = (n > 0).then(|| {
        rows.iter()
            .map(|row| (row.iter().sum::<f64>() / row.len() as f64 - 1.0) / 4.0 * 100.0)
            .sum::<f64>()
            / n as f64
    });
    let item_means = items
        .iter()
        .enumerate()
        .filter(|_| n > 0)
        .map(|(k, i)| {
            (
                i.code.clone(),
                rows.iter().map(|row| row[k]).sum::<f64>() / n as f64,
            )
        })
        .collect();
    let answered: Vec<u32> = latest.values().filter_map(|r| r.neighbours_known).collect();
    let known = answered
        .iter()
        .filter(|k| **k >= neighbours_threshold)
        .count() as u32;
    IdentityReport {
        respondents: n as u32,
        index,
        alpha: cronbach_alpha(&rows),
        item_means,
        neighbours_answered: answered.len() as u32,
        neighbours_known: known,
        neighbours_known_share: rate(u64::from(known), answered.len() as u64),
        neighbours_threshold,
    }
}
