//! Likert satisfaction per service, provider, category and period, per dimension and overall.

use std::collections::BTreeMap;

use super::policy::ScoringPolicy;
use super::records::{Dimension, Period, SurveyResponse};
use super::stats;
use crate::model::{CategoryCode, Community, HelperId, ProviderId};

/// Summary of Likert answers (or weighted overall scores).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LikertSummary {
    /// Number of answers.
    pub n: u32,
    /// Mean answer.
    pub mean: f64,
    /// Sample standard deviation (n − 1; 0 for one answer).
    pub sd: f64,
    /// Answers at or above the policy's `satisfied_from` (default 4, i.e. 4 or 5).
    pub satisfied: u32,
    /// `satisfied / n`.
    pub share_satisfied: f64,
    /// Lower end of the Wilson interval of the share satisfied.
    pub ci_low: f64,
    /// Upper end of the Wilson interval of the share satisfied.
    pub ci_high: f64,
}

impl LikertSummary {
    /// Summarises values; `None` when there are none.
    ///
    /// ```
    /// use huzhu::scoring::LikertSummary;
    /// let s = LikertSummary::of(&[5.0, 4.0, 2.0, 3.0], 4.0, 1.96).unwrap();
    /// assert_eq!((s.n, s.satisfied, s.mean, s.share_satisfied), (4, 2, 3.5, 0.5));
    /// ```
    pub fn of(values: &[f64], satisfied_from: f64, z: f64) -> Option<Self> {
        let (mean, sd) = stats::mean_sd(values)?;
        let n = values.len() as u64;
        let satisfied = values.iter().filter(|v| **v >= satisfied_from).count() as u64;
        let (ci_low, ci_high) = stats::wilson_interval(satisfied, n, z)?;
        Some(Self {
            n: n as u32,
            mean,
            sd,
            satisfied: satisfied as u32,
            share_satisfied: satisfied as f64 / n as f64,
            ci_low,
            ci_high,
        })
    }
}

/// What a satisfaction row is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "id", rename_all = "snake_case")
)]
pub enum Scope {
    /// Every response of the period.
    All,
    /// One service or volunteer.
    Helper(HelperId),
    /// All services of one provider.
    Provider(ProviderId),
    /// One need category.
    Category(CategoryCode),
    /// Respondents in any special group (the documents' special-group satisfaction, 58% → 89%).
    SpecialGroups,
}

impl std::fmt::Display for Scope {
    /// `all`, the helper's or provider's label, `category:<code>` or `special_groups`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::All => f.write_str("all"),
            Self::Helper(h) => h.fmt(f),
            Self::Provider(p) => p.fmt(f),
            Self::Category(c) => write!(f, "category:{c}"),
            Self::SpecialGroups => f.write_str("special_groups"),
        }
    }
}

/// Satisfaction of one scope in one period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SatisfactionRow {
    /// What the row is about.
    pub scope: Scope,
    /// The period surveyed.
    pub period: Period,
    /// Per dimension answered at least once.
    pub dimensions: BTreeMap<Dimension, LikertSummary>,
    /// Per response, the weighted mean of its answered dimensions; `None` if no response had a
    /// dimension of positive weight.
    pub overall: Option<LikertSummary>,
}

/// Satisfaction for every scope and period, and the scale's internal consistency.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SatisfactionReport {
    /// Rows ordered by scope, then period.
    pub rows: Vec<SatisfactionRow>,
    /// Cronbach's alpha over the responses answering all five dimensions.
    pub cronbach_alpha: Option<f64>,
    /// How many responses answered all five dimensions.
    pub alpha_respondents: u32,
}

impl SatisfactionReport {
    /// The row of one scope and period.
    pub fn row(&self, scope: &Scope, period: Period) -> Option<&SatisfactionRow> {
        self.rows
            .iter()
            .find(|r| &r.scope == scope && r.period == period)
    }
}

/// The weighted overall score of one response: Σ wᵢ·xᵢ / Σ wᵢ over its answered dimensions.
/// `None` when no answered dimension has positive weight.
///
/// ```
/// use std::collections::BTreeMap;
/// use huzhu::scoring::{overall_score, Dimension};
/// let answers = BTreeMap::from([(Dimension::Content, 5), (Dimension::Attitude, 2)]);
/// let weights = BTreeMap::from([(Dimension::Content, 2.0), (Dimension::Attitude, 1.0)]);
/// assert_eq!(overall_score(&answers, &weights), Some(4.0)); // (2·5 + 1·2) / 3
/// ```
pub fn overall_score(
    answers: &BTreeMap<Dimension, u8>,
    weights: &BTreeMap<Dimension, f64>,
) -> Option<f64> {
    let mut sum = 0.0;
    let mut wsum = 0.0;
    for (d, v) in answers {
        let w = weights.get(d).copied().unwrap_or(0.0);
        if w > 0.0 && w.is_finite() {
            sum += w * f64::from(*v);
            wsum += w;
        }
    }
    (wsum > 0.0).then(|| sum / wsum)
}

/// The category a response counts under: its need's, else its service's first category.
pub(crate) fn response_category(community: &Community, s: &SurveyResponse) -> Option<CategoryCode> {
    if let Some(n) = s.need.and_then(|n| community.need(n)) {
        return Some(n.category.clone());
    }
    match s.helper {
        HelperId::Service(id) => community.service(id)?.categories.first().cloned(),
        HelperId::Volunteer(_) => None,
    }
}

#[derive(Default)]
struct Acc {
    dims: BTreeMap<Dimension, Vec<f64>>,
    overall: Vec<f64>,
}

/// Aggregates survey responses per scope ([`Scope::All`], each helper, each provider of a
/// service, each category) and period, after checking them as the scorecard does
/// ([`check_surveys`](super::check_surveys): answers on the 5-point scale, known respondents
/// and helpers, unique ids), so a bad answer is refused here as everywhere else.
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use huzhu::model::{Community, GeoPoint, GridId, HelperId, Resident, ResidentId, Volunteer, VolunteerId};
/// use huzhu::scoring::*;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let p = Period::new(d(1), d(2)).unwrap();
/// let answer = |id, v| SurveyResponse {
///     answers: BTreeMap::from([(Dimension::Content, v)]),
///     ..SurveyResponse::new(SurveyId(id), ResidentId(1), HelperId::Volunteer(VolunteerId(1)), p)
/// };
/// let mut c = Community::new("x");
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(), GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1)))?;
/// c.add_volunteer(Volunteer::new(VolunteerId(1), GeoPoint { lat: 31.2, lon: 121.5 }))?;
/// let report = satisfaction(&c, &[answer(1, 5), answer(2, 3)], &ScoringPolicy::default())?;
/// let all = report.row(&Scope::All, p).unwrap();
/// assert_eq!(all.dimensions[&Dimension::Content].share_satisfied, 0.5);
/// // An answer outside the 5-point scale is refused, whichever function reads it.
/// let e = satisfaction(&c, &[answer(3, 0)], &ScoringPolicy::default()).unwrap_err();
/// assert_eq!((e.record().as_deref(), e.field()), (Some("survey#3"), Some("answers.content")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn satisfaction(
    community: &Community,
    surveys: &[SurveyResponse],
    policy: &ScoringPolicy,
) -> Result<SatisfactionReport, super::ScoringError> {
    super::records::check_surveys(community, surveys)?;
    Ok(satisfaction_of(community, surveys, policy))
}

/// [`satisfaction`] of surveys already checked (the scorecard checks its inputs once).
pub(crate) fn satisfaction_of(
    community: &Community,
    surveys: &[SurveyResponse],
    policy: &ScoringPolicy,
) -> SatisfactionReport {
    let mut acc: BTreeMap<(Scope, Period), Acc> = BTreeMap::new();
    let mut alpha_rows = Vec::new();
    for s in surveys {
        let mut scopes = vec![Scope::All, Scope::Helper(s.helper)];
        if let HelperId::Service(id) = s.helper
            && let Some(svc) = community.service(id)
        {
            scopes.push(Scope::Provider(svc.provider));
        }
        if let Some(c) = response_category(community, s) {
            scopes.push(Scope::Category(c));
        }
        if community
            .resident(s.respondent)
            .is_some_and(|r| !r.groups.is_empty())
        {
            scopes.push(Scope::SpecialGroups);
        }
        let overall = overall_score(&s.answers, &policy.dimension_weights);
        for scope in scopes {
            let a = acc.entry((scope, s.period)).or_default();
            for (d, v) in &s.answers {
                a.dims.entry(*d).or_default().push(f64::from(*v));
            }
            if let Some(o) = overall {
                a.overall.push(o);
            }
        }
        if Dimension::ALL.iter().all(|d| s.answers.contains_key(d)) {
            alpha_rows.push(
                Dimension::ALL
                    .iter()
                    .map(|d| f64::from(s.answers[d]))
                    .collect::<Vec<_>>(),
            );
        }
    }
    let rows = acc
        .into_iter()
        .map(|((scope, period), a)| SatisfactionRow {
            scope,
            period,
            dimensions: crate::cold::collect(a.dims.iter().filter_map(|(d, v)| {
                LikertSummary::of(v, policy.satisfied_from, policy.z).map(|s| (*d, s))
            })),
            overall: LikertSummary::of(&a.overall, policy.satisfied_from, policy.z),
        })
        .collect();
    SatisfactionReport {
        rows,
        cronbach_alpha: stats::cronbach_alpha(&alpha_rows),
        alpha_respondents: alpha_rows.len() as u32,
    }
}
