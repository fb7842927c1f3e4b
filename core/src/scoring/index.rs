//! The composite community service index (0–100) with each indicator's contribution.

use std::collections::BTreeMap;

use super::ScoringError;
use crate::model::error::{FieldProblem, ModelError, RecordRef};

/// An indicator of the composite index; each is a share in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Indicator {
    /// Overall share satisfied in the period.
    Satisfaction,
    /// Needs matched by their deadline, of those decided.
    ResponseCompliance,
    /// Needs matched, of those created.
    MatchRate,
    /// Service records delivered, of those started.
    Completion,
    /// Mean living-circle coverage of the essential categories.
    CircleCoverage,
    /// Special-group coverage against its target.
    SpecialGroupCoverage,
    /// Mean attainment of the three staffing norms.
    Staffing,
    /// Residents on the visit schedule with nothing overdue.
    Visits,
    /// Volunteering and time-bank participation against its target (read also under its
    /// former code `participation`, input only). Not the documents' "resident participation in
    /// community affairs", which is fed by activity records.
    #[cfg_attr(feature = "serde", serde(alias = "participation"))]
    VolunteerParticipation,
    /// Mean facility utilisation against its target.
    Utilisation,
    /// Needs-identification accuracy (inferred needs later confirmed) against its target.
    IdentificationAccuracy,
    /// Share of needs served from personalised (care-file) packages against its target.
    PersonalisedServices,
    /// Residents reached by a needs survey in the period against its target.
    SurveyCoverage,
    /// Residents who took part in community affairs (meetings, hearings, consultations)
    /// against its target (the documents: 31% → 60%).
    CommunityAffairs,
    /// Residents who took part in any activity against its target (25% → 60%).
    ActivityParticipation,
    /// The community identity index against its target (52 → 75 of 100).
    Identity,
    /// Residents who know their neighbours against its target (35% → 78%).
    NeighboursKnown,
    /// Complaints and suggestions answered by the deadline.
    FeedbackAnswered,
    /// Suggestions adopted against its target (70%).
    SuggestionsAdopted,
}

impl Indicator {
    /// Every indicator.
    pub const ALL: [Self; 19] = [
        Self::Satisfaction,
        Self::ResponseCompliance,
        Self::MatchRate,
        Self::Completion,
        Self::CircleCoverage,
        Self::SpecialGroupCoverage,
        Self::Staffing,
        Self::Visits,
        Self::VolunteerParticipation,
        Self::Utilisation,
        Self::IdentificationAccuracy,
        Self::PersonalisedServices,
        Self::SurveyCoverage,
        Self::CommunityAffairs,
        Self::ActivityParticipation,
        Self::Identity,
        Self::NeighboursKnown,
        Self::FeedbackAnswered,
        Self::SuggestionsAdopted,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Satisfaction => "satisfaction",
            Self::ResponseCompliance => "response_compliance",
            Self::MatchRate => "match_rate",
            Self::Completion => "completion",
            Self::CircleCoverage => "circle_coverage",
            Self::SpecialGroupCoverage => "special_group_coverage",
            Self::Staffing => "staffing",
            Self::Visits => "visits",
            Self::VolunteerParticipation => "volunteer_participation",
            Self::Utilisation => "utilisation",
            Self::IdentificationAccuracy => "identification_accuracy",
            Self::PersonalisedServices => "personalised_services",
            Self::SurveyCoverage => "survey_coverage",
            Self::CommunityAffairs => "community_affairs",
            Self::ActivityParticipation => "activity_participation",
            Self::Identity => "identity",
            Self::NeighboursKnown => "neighbours_known",
            Self::FeedbackAnswered => "feedback_answered",
            Self::SuggestionsAdopted => "suggestions_adopted",
        }
    }

    /// English and Chinese labels.
    ///
    /// ```
    /// assert_eq!(huzhu::scoring::Indicator::MatchRate.labels().1, "供需匹配率");
    /// ```
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Satisfaction => ("Satisfaction", "满意度"),
            Self::ResponseCompliance => ("Response on time", "响应及时率"),
            Self::MatchRate => ("Match rate", "供需匹配率"),
            Self::Completion => ("Completion", "服务完成率"),
            Self::CircleCoverage => ("15-min circle coverage", "15分钟生活圈覆盖率"),
            Self::SpecialGroupCoverage => ("Special-group coverage", "特殊群体覆盖率"),
            Self::Staffing => ("Staffing", "人员配备"),
            Self::Visits => ("Visits on schedule", "探访按时率"),
            Self::VolunteerParticipation => ("Volunteer participation", "志愿服务参与率"),
            Self::Utilisation => ("Facility utilisation", "设施利用率"),
            Self::IdentificationAccuracy => ("Needs identified accurately", "需求识别准确率"),
            Self::PersonalisedServices => ("Personalised services", "个性化服务占比"),
            Self::SurveyCoverage => ("Needs-survey coverage", "需求调查覆盖率"),
            Self::CommunityAffairs => ("Community affairs participation", "社区事务参与率"),
            Self::ActivityParticipation => ("Activity participation", "活动参与率"),
            Self::Identity => ("Community identity index", "社区认同感指数"),
            Self::NeighboursKnown => ("Neighbours known", "邻里熟识率"),
            Self::FeedbackAnswered => ("Complaints and suggestions answered", "诉求按时答复率"),
            Self::SuggestionsAdopted => ("Suggestions adopted", "建议采纳率"),
        }
    }
}

/// One indicator's part in the index.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IndexComponent {
    /// The indicator.
    pub indicator: Indicator,
    /// Its value in `[0, 1]`, `None` when there was no data.
    pub value: Option<f64>,
    /// Its weight in the policy.
    pub weight: f64,
    /// Its weight after leaving out indicators without data, summing to 1.
    pub effective_weight: f64,
    /// Points it adds to the index: `100 × effective_weight × value`.
    pub contribution: f64,
}

/// The composite index and how it is made up.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServiceIndex {
    /// The index, 0–100; `None` when no weighted indicator had data.
    pub score: Option<f64>,
    /// One per indicator with a weight, in indicator order.
    pub components: Vec<IndexComponent>,
    /// Weighted indicators left out for lack of data.
    pub missing: Vec<Indicator>,
}

/// The weighted mean of the indicator values, scaled to 0–100. Indicators without data
/// (`None`) are left out, the remaining weights renormalised, and listed in `missing`; the score
/// is `None` when no weighted indicator had data (never a number computed from nothing).
///
/// A value must be a share in `[0, 1]` and a weight finite and not negative: anything else is
/// refused, naming the indicator (record `index values` or `index weights`), rather than clamped
/// or counted as missing. A weight of 0 leaves its indicator out.
///
/// ```
/// use std::collections::BTreeMap;
/// use huzhu::scoring::{composite_index, Indicator};
/// let values = BTreeMap::from([(Indicator::Satisfaction, Some(0.8)), (Indicator::MatchRate, Some(0.5)), (Indicator::Visits, None)]);
/// let weights = BTreeMap::from([(Indicator::Satisfaction, 3.0), (Indicator::MatchRate, 1.0), (Indicator::Visits, 1.0)]);
/// let idx = composite_index(&values, &weights)?;
/// assert!((idx.score.unwrap() - 72.5).abs() < 1e-9); // 100 × (0.75·0.8 + 0.25·0.5)
/// assert_eq!(idx.missing, vec![Indicator::Visits]);
/// let nothing = BTreeMap::from([(Indicator::Visits, None)]);
/// assert_eq!(composite_index(&nothing, &weights)?.score, None);
/// let e = composite_index(&BTreeMap::from([(Indicator::MatchRate, Some(2.0))]), &weights).unwrap_err();
/// assert_eq!((e.record().as_deref(), e.field()), (Some("index values"), Some("match_rate")));
/// let e = composite_index(&values, &BTreeMap::from([(Indicator::MatchRate, f64::NAN)])).unwrap_err();
/// assert_eq!((e.record().as_deref(), e.field()), (Some("index weights"), Some("match_rate")));
/// # Ok::<(), huzhu::scoring::ScoringError>(())
/// ```
pub fn composite_index(
    values: &BTreeMap<Indicator, Option<f64>>,
    weights: &BTreeMap<Indicator, f64>,
) -> Result<ServiceIndex, ScoringError> {
    let refuse = |record: &str, i: Indicator, problem: FieldProblem| {
        ScoringError::Model(ModelError::invalid(
            RecordRef::Config(record.into()),
            i.code(),
            problem,
        ))
    };
    for (i, v) in values {
        match v {
            Some(v) if !v.is_finite() => {
                return Err(refuse("index values", *i, FieldProblem::NotFinite));
            }
            Some(v) if !(0.0..=1.0).contains(v) => {
                return Err(refuse(
                    "index values",
                    *i,
                    FieldProblem::OutOfRange {
                        value: v.to_string(),
                        allowed: "0..=1".into(),
                    },
                ));
            }
            _ => {}
        }
    }
    for (i, w) in weights {
        if !w.is_finite() {
            return Err(refuse("index weights", *i, FieldProblem::NotFinite));
        }
        if *w < 0.0 {
            return Err(refuse(
                "index weights",
                *i,
                FieldProblem::OutOfRange {
                    value: w.to_string(),
                    allowed: "0 or more".into(),
                },
            ));
        }
    }
    let value_of = |i: &Indicator| values.get(i).copied().flatten();
    let total: f64 = weights
        .iter()
        .filter(|(i, _)| value_of(i).is_some())
        .map(|(_, w)| *w)
        .sum();
    let mut components = Vec::new();
    let mut missing = Vec::new();
    let mut score = 0.0;
    for (i, &w) in weights {
        if w == 0.0 {
            continue;
        }
        let value = value_of(i);
        let effective_weight = if value.is_some() && total > 0.0 {
            w / total
        } else {
            0.0
        };
        let contribution = 100.0 * effective_weight * value.unwrap_or(0.0);
        if value.is_none() {
            missing.push(*i);
        }
        score += contribution;
        components.push(IndexComponent {
            indicator: *i,
            value,
            weight: w,
            effective_weight,
            contribution,
        });
    }
    Ok(ServiceIndex {
        score: (total > 0.0).then_some(score),
        components,
        missing,
    })
}
