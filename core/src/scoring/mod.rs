//! Scoring and indicators: how well a community is served, as the planning documents measure it.
//!
//! Pure functions over the model, the match plan ([`Assignment`]s) and the records of what
//! happened ([`ServiceRecord`], [`SurveyResponse`], [`CareRecord`], [`VisitLog`],
//! [`TimeBankPeriod`]). [`Scorecard::compute`] runs everything in one call; each indicator also
//! has its own function. Every threshold and weight lives in [`ScoringPolicy`] with the
//! documents' figures as defaults. No clock is read: callers pass the period and `now`.
//!
//! ```
//! use chrono::NaiveDate;
//! use huzhu::model::*;
//! use huzhu::scoring::*;
//! let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
//! let mut c = Community::new("Demo street");
//! c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1948, 5, 1).unwrap(), GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1))).unwrap();
//! let period = Period::new(d(11, 1), d(12, 1)).unwrap();
//! let inputs = ScoringInputs { staff: StaffCounts { community_workers: 1, social_workers: 1 },
//!     ..ScoringInputs::new(&c, period, d(12, 1).and_hms_opt(0, 0, 0).unwrap()) };
//! let card = Scorecard::compute(&inputs, &ScoringPolicy::default()).unwrap();
//! assert_eq!(card.staffing.community_workers.meets, Some(true));
//! println!("{card}");
//! ```

mod alerts;
mod care;
mod compare;
mod corrective;
pub(crate) mod coverage;
mod delivery;
mod engagement;
mod error;
mod evidence;
mod from_core;
mod identity;
mod index;
mod kpi;
mod levels;
mod measures;
mod organisations;
mod participation;
mod policy;
mod records;
mod response;
mod satisfaction;
mod scorecard;
mod simulate;
mod staffing;
pub mod stats;
mod supply;
mod timebank;
mod visits;
mod voice;
mod workforce;

pub use alerts::{QualityAlert, Verdict, quality_alerts};
pub use care::{GroupCoverage, SpecialGroupReport, special_group_coverage};
pub use compare::{Comparison, Count, RateChange, compare, difference_interval};
pub use corrective::{CorrectiveAction, corrective_actions};
pub use coverage::{CategoryCoverage, CoverageReport, Share, circle_coverage};
pub use delivery::{HelperDelivery, delivery};
pub use engagement::{Engagement, EngagementReport, Rate, age_band, engagement};
pub use error::{InputRef, ScoringError};
pub use evidence::{Evidence, ScoringRequest};
pub use from_core::{assignments_from_plan, time_bank_from_ledger};
pub use identity::{
    DEFAULT_IDENTITY_CODES, IdentityItem, IdentityReport, IdentityResponse, check_identity,
    default_identity_items, identity_index,
};
pub use index::{IndexComponent, Indicator, ServiceIndex, composite_index};
pub use kpi::{
    Direction, Kpi, KpiProgress, KpiStatus, Observation, Phase, check_kpis, default_kpis,
    evaluate_kpis, kpi_progress,
};
pub use levels::{Contribution, Hierarchy, Level, LevelNode, LevelRate, LevelRow, Tally, rollup};
pub use measures::{MEASURES, Measure, measure};
pub use organisations::{OrganisationReport, OrganisationRow, organisations};
pub use participation::{ParticipationReport, participation};
pub use policy::{AlertPolicy, ScoringPolicy, StaffingNorms, VisitPolicy, default_index_weights};
pub use records::{
    Assignment, CareRecord, Dimension, Outcome, Period, ServiceRecord, ServiceRecordId, SurveyId,
    SurveyResponse, VisitKind, VisitLog, check_assignments, check_care_records,
    check_service_records, check_surveys, check_visits,
};
pub use response::{NeedResponse, ResponseReport, ResponseStats, response_times};
pub use satisfaction::{
    LikertSummary, SatisfactionReport, SatisfactionRow, Scope, overall_score, satisfaction,
};
pub use scorecard::{Scorecard, ScoringInputs};
pub use simulate::{Simulated, SimulationParams, simulate, simulate_identity};
pub use staffing::{NormCheck, StaffCounts, StaffingReport, staffing};
pub use supply::{
    FacilityUse, SupplyReport, SupplyRow, facility_use, service_grids, supply_demand,
};
pub use timebank::{
    AccountKind, AccountSummary, NearCap, TimeBankHealth, TimeBankPeriod, check_time_bank,
    time_bank_health,
};
pub use visits::{VisitReport, visit_schedule};
pub use voice::{VoiceReport, voice};
pub use workforce::{
    Funding, FundingReport, FundingSource, Training, WorkerLoad, WorkforceReport, check_funding,
    check_training, funding, workforce,
};
