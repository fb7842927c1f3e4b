//! Staffing against the norms: community workers, social workers and volunteers per resident.

use super::error::{InputRef, ScoringError};
use super::policy::StaffingNorms;
use crate::error::FieldProblem;
use crate::model::Community;

/// Staff the community employs (the model does not hold staff records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StaffCounts {
    /// Community workers (社区工作者).
    pub community_workers: u32,
    /// Professional social workers (社会工作者).
    pub social_workers: u32,
}

/// One staffing norm: actual against required.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NormCheck {
    /// Headcount.
    pub actual: u32,
    /// Headcount the norm requires for the residents (fractional).
    pub required: f64,
    /// `actual / required` (`None` when nothing is required).
    pub ratio: Option<f64>,
    /// `actual ≥ required`; `None` when nothing is required (no residents: no data, not met).
    pub meets: Option<bool>,
}

impl NormCheck {
    fn new(actual: u32, required: f64) -> Self {
        Self {
            actual,
            required,
            ratio: (required > 0.0).then(|| f64::from(actual) / required),
            meets: (required > 0.0).then(|| f64::from(actual) >= required),
        }
    }

    /// The ratio capped at 1: how far the norm is met; `None` when nothing is required (no
    /// data, never counted as met).
    pub fn attainment(&self) -> Option<f64> {
        self.ratio.map(|r| r.min(1.0))
    }
}

/// Staffing against the norms.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StaffingReport {
    /// Residents.
    pub residents: u32,
    /// Community workers (default norm 18 per 10,000 residents).
    pub community_workers: NormCheck,
    /// Social workers (default norm 1 per 500 residents).
    pub social_workers: NormCheck,
    /// Registered volunteers (default norm 5% of residents).
    pub volunteers: NormCheck,
    /// Volunteers per resident.
    pub volunteer_share: Option<f64>,
}

impl StaffingReport {
    /// Mean attainment of the norms that require someone, in `[0, 1]`; `None` when none does
    /// (a community without residents has no staffing figure, not a perfect one).
    pub fn attainment(&self) -> Option<f64> {
        let known: Vec<f64> = [
            self.community_workers.attainment(),
            self.social_workers.attainment(),
            self.volunteers.attainment(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
    }
}

/// Staffing against the norms for the community's residents and registered volunteers.
///
/// ```
/// use huzhu::model::Community;
/// use huzhu::scoring::{staffing, StaffCounts, StaffingNorms};
/// let r = staffing(&Community::new("x"), StaffCounts::default(), &StaffingNorms::default()).unwrap();
/// assert_eq!(r.attainment(), None); // nobody to serve: no data, not "met"
/// assert_eq!(r.community_workers.meets, None);
/// ```
pub fn staffing(
    community: &Community,
    staff: StaffCounts,
    norms: &StaffingNorms,
) -> Result<StaffingReport, ScoringError> {
    let residents = community.residents().len();
    let residents = u32::try_from(residents).map_err(|_| {
        ScoringError::invalid(
            InputRef::Staff,
            "residents",
            FieldProblem::OutOfRange {
                value: residents.to_string(),
                allowed: format!("0..={}", u32::MAX),
            },
        )
    })?;
    let rf = f64::from(residents);
    let volunteers = community.volunteers().len() as u32;
    Ok(StaffingReport {
        residents,
        community_workers: NormCheck::new(
            staff.community_workers,
            rf * norms.community_workers_per_10k / 10_000.0,
        ),
        social_workers: NormCheck::new(
            staff.social_workers,
            if norms.residents_per_social_worker > 0.0 {
                rf / norms.residents_per_social_worker
            } else {
                0.0
            },
        ),
        volunteers: NormCheck::new(volunteers, rf * norms.volunteer_share),
        volunteer_share: (residents > 0).then(|| f64::from(volunteers) / rf),
    })
}
