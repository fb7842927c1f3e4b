//! Every threshold and weight scoring uses, with the planning documents' figures as defaults.

use std::collections::BTreeMap;

use super::error::{InputRef, ScoringError};
use super::identity::IdentityItem;
use super::index::Indicator;
use super::records::Dimension;
use crate::error::FieldProblem;
use crate::model::ContactPolicy;

/// Quality-warning thresholds for satisfaction (质量预警), from the documents: below 60%
/// satisfied a service must be corrected (整改); below 60% in two consecutive years (连续两年,
/// annual evaluations by calendar year, the current year to date) it is retired (退出),
/// whatever period the scorecard is computed for. Too few answers never silence the line: a
/// service below it on few answers is flagged "below the line, few answers" with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct AlertPolicy {
    /// Share satisfied below which a service must be corrected (default 0.60).
    pub correct_below: f64,
    /// Consecutive calendar years below `correct_below` after which a service is retired
    /// (default 2; read also under its former name `retire_after_periods`, input only).
    #[cfg_attr(feature = "serde", serde(alias = "retire_after_periods"))]
    pub retire_after_years: u32,
    /// Fewer answers than this cannot give a firm verdict (default 30): below the line they
    /// are flagged "below the line, few answers", at or above it "insufficient data"; a year
    /// with fewer counts as neither below nor above for retirement.
    pub min_answers: u32,
}

impl Default for AlertPolicy {
    fn default() -> Self {
        Self {
            correct_below: 0.60,
            retire_after_years: 2,
            min_answers: 30,
        }
    }
}

/// Staffing norms (配备标准).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct StaffingNorms {
    /// Community workers per 10,000 residents (default 18).
    pub community_workers_per_10k: f64,
    /// Residents per professional social worker (default 500).
    pub residents_per_social_worker: f64,
    /// Registered volunteers as a share of residents (default 0.05).
    pub volunteer_share: f64,
    /// Fewest residents one worker serves (default 500: "a worker serves 500–800 residents").
    pub residents_per_worker_min: f64,
    /// Most residents one worker serves (default 800).
    pub residents_per_worker_max: f64,
    /// Share of workers professionally qualified (default 0.12).
    pub qualified_share: f64,
    /// Hours of training per worker a year (default 40).
    pub training_hours_per_year: f64,
    /// Service funding per resident a year, in yuan (default 50).
    pub funding_yuan_per_resident: f64,
}

impl Default for StaffingNorms {
    fn default() -> Self {
        Self {
            community_workers_per_10k: 18.0,
            residents_per_social_worker: 500.0,
            volunteer_share: 0.05,
            residents_per_worker_min: 500.0,
            residents_per_worker_max: 800.0,
            qualified_share: 0.12,
            training_hours_per_year: 40.0,
            funding_yuan_per_resident: 50.0,
        }
    }
}

/// The contact schedule of the rounds: the care loop's policy ([`ContactPolicy`]).
pub type VisitPolicy = ContactPolicy;

/// The default weights of the composite index (sum 100).
///
/// ```
/// let w = huzhu::scoring::default_index_weights();
/// assert_eq!(w.values().sum::<f64>(), 100.0);
/// ```
pub fn default_index_weights() -> BTreeMap<Indicator, f64> {
    use Indicator::{
        ActivityParticipation, CircleCoverage, CommunityAffairs, Completion, FeedbackAnswered,
        IdentificationAccuracy, Identity, MatchRate, NeighboursKnown, PersonalisedServices,
        ResponseCompliance, Satisfaction, SpecialGroupCoverage, Staffing, SuggestionsAdopted,
        SurveyCoverage, Utilisation, Visits, VolunteerParticipation,
    };
    BTreeMap::from([
        (Satisfaction, 12.0),
        (ResponseCompliance, 12.0),
        (MatchRate, 8.0),
        (Completion, 4.0),
        (CircleCoverage, 8.0),
        (SpecialGroupCoverage, 8.0),
        (Staffing, 4.0),
        (Visits, 4.0),
        (VolunteerParticipation, 4.0),
        (Utilisation, 4.0),
        (IdentificationAccuracy, 4.0),
        (PersonalisedServices, 4.0),
        (SurveyCoverage, 4.0),
        (CommunityAffairs, 4.0),
        (ActivityParticipation, 4.0),
        (Identity, 4.0),
        (NeighboursKnown, 2.0),
        (FeedbackAnswered, 4.0),
        (SuggestionsAdopted, 2.0),
    ])
}

/// Every threshold and weight of scoring. `Default` gives the planning documents' figures;
/// change any field to use your own.
///
/// ```
/// use huzhu::scoring::ScoringPolicy;
/// let mut p = ScoringPolicy::default();
/// assert_eq!(p.alerts.min_answers, 30);
/// assert_eq!(p.circle_minutes, 15);
/// p.alerts.correct_below = 1.5;
/// assert_eq!(p.check().unwrap_err().to_string(),
///     "scoring policy: field `alerts.correct_below` value 1.5 is outside 0..=1");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ScoringPolicy {
    /// Normal quantile of the Wilson interval (default 1.96, 95%).
    pub z: f64,
    /// Lowest Likert answer (or weighted overall score) counted as satisfied (default 4.0).
    pub satisfied_from: f64,
    /// Weights of the dimensions in the overall score (default 1 each: equal weights).
    pub dimension_weights: BTreeMap<Dimension, f64>,
    /// Quality-warning thresholds.
    pub alerts: AlertPolicy,
    /// Walking minutes of the living circle (default 15).
    pub circle_minutes: u32,
    /// The service radius in metres within which a facility covers a resident, as the
    /// documents measure coverage (default 500).
    pub service_radius_m: u32,
    /// A facility idle for more than this share of its capacity is flagged for reallocation
    /// (default 0.30).
    pub idle_share_flag: f64,
    /// Target utilisation of a facility (default 0.80); the index scores utilisation against it.
    pub target_utilisation: f64,
    /// Staffing norms.
    pub staffing: StaffingNorms,
    /// Target share of special-group residents covered (default 1.0).
    pub special_group_target: f64,
    /// Visit schedule.
    pub visits: VisitPolicy,
    /// Target share of residents who volunteered or used the time bank in the period (default
    /// 0.60; read also under its former name `participation_target`, input only).
    #[cfg_attr(feature = "serde", serde(alias = "participation_target"))]
    pub volunteer_participation_target: f64,
    /// Target needs-identification accuracy: inferred needs later confirmed (default 0.85,
    /// the documents' figure).
    pub identification_target: f64,
    /// Target share of needs served from personalised care-file packages (default 0.40, the
    /// documents' figure).
    pub personalised_target: f64,
    /// Target share of residents reached by a needs survey in the period (default 1.0, the
    /// documents' "full coverage").
    pub survey_coverage_target: f64,
    /// Days a needs survey counts for in survey coverage (default 365: the documents survey
    /// every household once a year).
    pub survey_window_days: u32,
    /// Residents counted for participation from this age (default 18, our choice).
    pub participation_min_age: u32,
    /// Target share taking part in community affairs (default 0.60, the documents').
    pub community_affairs_target: f64,
    /// Target share taking part in any activity (default 0.60, the documents').
    pub activity_target: f64,
    /// The identity survey's items (default [`default_identity_items`](super::default_identity_items)); replace with yours.
    pub identity_items: Vec<IdentityItem>,
    /// Target identity index, 0–100 (default 75, the documents').
    pub identity_target: f64,
    /// Neighbours a respondent must know by name to count as knowing their neighbours
    /// (default 3, our choice).
    pub neighbours_threshold: u32,
    /// Target share knowing their neighbours (default 0.78, the documents').
    pub neighbours_known_target: f64,
    /// Target share of suggestions adopted (default 0.70, the documents').
    pub suggestions_adopted_target: f64,
    /// A complaint repeats one by the same resident on the same matter within this many days
    /// (default 90, our choice).
    pub repeat_complaint_days: u32,
    /// An organisation that organised no activity in this many days is dormant (default 90,
    /// our choice).
    pub dormant_after_days: u32,
    /// A time-bank account is "near its cap" from this share of the cap (default 0.90).
    pub near_cap_share: f64,
    /// Weights of the composite index (default [`default_index_weights`]); an indicator absent
    /// here has weight 0.
    pub index_weights: BTreeMap<Indicator, f64>,
}

impl Default for ScoringPolicy {
    fn default() -> Self {
        Self {
            z: 1.96,
            satisfied_from: 4.0,
            dimension_weights: crate::cold::collect(Dimension::ALL.into_iter().map(|d| (d, 1.0))),
            alerts: AlertPolicy::default(),
            circle_minutes: 15,
            service_radius_m: 500,
            idle_share_flag: 0.30,
            target_utilisation: 0.80,
            staffing: StaffingNorms::default(),
            special_group_target: 1.0,
            visits: VisitPolicy::default(),
            volunteer_participation_target: 0.60,
            identification_target: 0.85,
            personalised_target: 0.40,
            survey_coverage_target: 1.0,
            survey_window_days: crate::care::SURVEY_WINDOW_DAYS,
            participation_min_age: 18,
            community_affairs_target: 0.60,
            activity_target: 0.60,
            identity_items: super::identity::default_identity_items(),
            identity_target: 75.0,
            neighbours_threshold: 3,
            neighbours_known_target: 0.78,
            suggestions_adopted_target: 0.70,
            repeat_complaint_days: 90,
            dormant_after_days: 90,
            near_cap_share: 0.90,
            index_weights: default_index_weights(),
        }
    }
}

fn in_range(field: &str, v: f64, lo: f64, hi: f64, open_low: bool) -> Result<(), ScoringError> {
    if !v.is_finite() {
        return Err(ScoringError::invalid(
            InputRef::Policy,
            field,
            FieldProblem::NotFinite,
        ));
    }
    if v < lo || v > hi || (open_low && v <= lo) {
        let allowed = if hi.is_finite() {
            format!("{lo}..={hi}")
        } else {
            format!("{lo}..")
        };
        return Err(ScoringError::invalid(
            InputRef::Policy,
            field,
            FieldProblem::OutOfRange {
                value: v.to_string(),
                allowed: match (open_low, hi.is_finite()) {
                    (true, true) => format!("({lo}, {hi}]"),
                    (true, false) => format!("({lo}, inf)"),
                    (false, _) => allowed,
                },
            },
        ));
    }
    Ok(())
}

impl ScoringPolicy {
    /// Reads a policy from JSON: the settings given, the documented defaults for the rest
    /// (nested settings too); unknown settings and wrong types are refused, and the result is
    /// checked. Errors name the setting.
    ///
    /// ```
    /// use huzhu::scoring::ScoringPolicy;
    /// let p = ScoringPolicy::from_json(r#"{"alerts": {"correct_below": 0.5}}"#)?;
    /// assert_eq!((p.alerts.correct_below, p.circle_minutes), (0.5, 15));
    /// let e = ScoringPolicy::from_json(r#"{"alerts": {"correct_below": 2}}"#).unwrap_err();
    /// assert_eq!((e.code(), e.setting()), ("SCORING_INVALID_FIELD", Some("alerts.correct_below")));
    /// let e = ScoringPolicy::from_json(r#"{"circle_minute": 10}"#).unwrap_err();
    /// assert_eq!(e.setting(), Some("circle_minute"));
    /// # Ok::<(), huzhu::scoring::ScoringError>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_json(text: &str) -> Result<Self, ScoringError> {
        Self::read(crate::model::json::from_str(text, ""))
    }

    /// As [`from_json`](Self::from_json), from an already parsed JSON value.
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, ScoringError> {
        Self::read(crate::model::json::from_value(value, ""))
    }

    #[cfg(feature = "serde")]
    fn read(read: Result<Self, crate::error::ModelError>) -> Result<Self, ScoringError> {
        let policy: Self = read.map_err(|e| match e {
            crate::error::ModelError::Json { message, path, .. } => ScoringError::invalid(
                InputRef::Policy,
                crate::model::json::setting_or(&path, "policy"),
                FieldProblem::Invalid {
                    why: format!("cannot be read: {message}"),
                },
            ),
            other => ScoringError::Model(other),
        })?;
        policy.check()?;
        Ok(policy)
    }

    /// Checks every field: finite numbers, shares in `0..=1`, positive norms and targets,
    /// non-negative weights with a positive sum.
    pub fn check(&self) -> Result<(), ScoringError> {
        const INF: f64 = f64::INFINITY;
        in_range("z", self.z, 0.0, INF, false)?;
        in_range("satisfied_from", self.satisfied_from, 1.0, 5.0, false)?;
        for (d, w) in &self.dimension_weights {
            in_range(
                &format!("dimension_weights.{}", d.code()),
                *w,
                0.0,
                INF,
                false,
            )?;
        }
        if self.dimension_weights.values().sum::<f64>() <= 0.0 {
            return Err(ScoringError::invalid(
                InputRef::Policy,
                "dimension_weights",
                FieldProblem::NotPositive,
            ));
        }
        in_range(
            "alerts.correct_below",
            self.alerts.correct_below,
            0.0,
            1.0,
            false,
        )?;
        if self.alerts.retire_after_years == 0 {
            return Err(ScoringError::invalid(
                InputRef::Policy,
                "alerts.retire_after_years",
                FieldProblem::NotPositive,
            ));
        }
        in_range("idle_share_flag", self.idle_share_flag, 0.0, 1.0, false)?;
        in_range(
            "target_utilisation",
            self.target_utilisation,
            0.0,
            1.0,
            true,
        )?;
        let s = &self.staffing;
        in_range(
            "staffing.community_workers_per_10k",
            s.community_workers_per_10k,
            0.0,
            INF,
            true,
        )?;
        in_range(
            "staffing.residents_per_social_worker",
            s.residents_per_social_worker,
            0.0,
            INF,
            true,
        )?;
        in_range(
            "staffing.volunteer_share",
            s.volunteer_share,
            0.0,
            1.0,
            true,
        )?;
        in_range(
            "staffing.residents_per_worker_min",
            s.residents_per_worker_min,
            0.0,
            INF,
            true,
        )?;
        in_range(
            "staffing.residents_per_worker_max",
            s.residents_per_worker_max,
            s.residents_per_worker_min,
            INF,
            false,
        )?;
        in_range(
            "staffing.qualified_share",
            s.qualified_share,
            0.0,
            1.0,
            true,
        )?;
        in_range(
            "staffing.training_hours_per_year",
            s.training_hours_per_year,
            0.0,
            INF,
            true,
        )?;
        in_range(
            "staffing.funding_yuan_per_resident",
            s.funding_yuan_per_resident,
            0.0,
            INF,
            true,
        )?;
        in_range(
            "special_group_target",
            self.special_group_target,
            0.0,
            1.0,
            true,
        )?;
        for (name, v) in [
            (
                "volunteer_participation_target",
                self.volunteer_participation_target,
            ),
            ("identification_target", self.identification_target),
            ("personalised_target", self.personalised_target),
            ("survey_coverage_target", self.survey_coverage_target),
            ("community_affairs_target", self.community_affairs_target),
            ("activity_target", self.activity_target),
            ("neighbours_known_target", self.neighbours_known_target),
            (
                "suggestions_adopted_target",
                self.suggestions_adopted_target,
            ),
        ] {
            in_range(name, v, 0.0, 1.0, true)?;
        }
        in_range("near_cap_share", self.near_cap_share, 0.0, 1.0, false)?;
        in_range("identity_target", self.identity_target, 0.0, 100.0, true)?;
        let v = &self.visits;
        for (name, days) in [
            ("visits.older_visit_days", v.older_visit_days),
            ("visits.younger_visit_days", v.younger_visit_days),
            ("visits.high_risk_visit_days", v.high_risk_visit_days),
        ] {
            if days == 0 {
                return Err(ScoringError::invalid(
                    InputRef::Policy,
                    name,
                    FieldProblem::NotPositive,
                ));
            }
        }
        for (i, w) in &self.index_weights {
            in_range(&format!("index_weights.{}", i.code()), *w, 0.0, INF, false)?;
        }
        if self.index_weights.values().sum::<f64>() <= 0.0 {
            return Err(ScoringError::invalid(
                InputRef::Policy,
                "index_weights",
                FieldProblem::NotPositive,
            ));
        }
        Ok(())
    }
}
