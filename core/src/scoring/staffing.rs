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
    /// `actual ≥ required`.
    pub meets: bool,
}

impl NormCheck {
    fn new(actual: u32, required: f64) -> Self {
        Self {
            actual,
            required,
            ratio: (required > 0.0).then(|| f64::from(actual) / required),
            meets: f64::from(actual) >= required,
        }
    }

    /// The ratio capped at 1 (1 when nothing is required): how far the norm is met.
    pub fn attainment(&self) -> f64 {
        self.ratio.map_or(1.0, |r| r.min(1.0))
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
    /// Mean attainment of the three norms, in `[0, 1]`.
    pub fn attainment(&self) -> f64 {
        (self.community_workers.attainment()
            + self.social_workers.attainment()
            + self.volunteers.attainment())
            / 3.0
    }
}

/// Staffing against the norms for the community's residents and registered volunteers.
///
/// ```
/// use huzhu::model::Community;
/// use huzhu::scoring::{staffing, StaffCounts, StaffingNorms};
/// let r = staffing(&Community::new("x"), StaffCounts::default(), &StaffingNorms::default()).unwrap();
/// assert_eq!(r.attainment(), 1.0); // nobody to serve, nothing required
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
