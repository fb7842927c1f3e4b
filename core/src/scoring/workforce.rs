//! Staffing beyond head counts: residents per worker, the qualified share and training hours
//! against the documents' norms (a worker serves 500–800 residents, 12% professionally
//! qualified, 40 h of training a year), and service funding per resident against 50 yuan a year,
//! by source.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::error::{InputRef, ScoringError};
use super::policy::StaffingNorms;
use super::records::Period;
use crate::error::{FieldProblem, RecordRef};
use crate::model::{Community, GridId, WorkerId, WorkerRole};

/// Training a worker received (continuing education, 继续教育), dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Training {
    /// The worker trained.
    pub worker: WorkerId,
    /// The day of the training.
    pub date: NaiveDate,
    /// Length in minutes (positive).
    pub minutes: u32,
}

/// Where service funding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FundingSource {
    /// Government budget (财政拨款).
    Government,
    /// Welfare-lottery public-welfare funds (福彩公益金).
    WelfareLottery,
    /// Charitable donations (慈善捐赠).
    Charity,
    /// Enterprise sponsorship (企业资助).
    Enterprise,
    /// Fees paid for low-cost and paid services (服务收费).
    ServiceFees,
    /// Anything else (其他).
    Other,
}

impl FundingSource {
    /// Every source, in order.
    pub const ALL: [Self; 6] = [
        Self::Government,
        Self::WelfareLottery,
        Self::Charity,
        Self::Enterprise,
        Self::ServiceFees,
        Self::Other,
    ];

    /// Stable code (`government`, `welfare_lottery`, …).
    pub fn code(self) -> &'static str {
        match self {
            Self::Government => "government",
            Self::WelfareLottery => "welfare_lottery",
            Self::Charity => "charity",
            Self::Enterprise => "enterprise",
            Self::ServiceFees => "service_fees",
            Self::Other => "other",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Government => ("Government budget", "财政拨款"),
            Self::WelfareLottery => ("Welfare lottery", "福彩公益金"),
            Self::Charity => ("Charity", "慈善捐赠"),
            Self::Enterprise => ("Enterprise", "企业资助"),
            Self::ServiceFees => ("Service fees", "服务收费"),
            Self::Other => ("Other", "其他"),
        }
    }
}

impl std::fmt::Display for FundingSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for FundingSource {
    type Err = FieldProblem;

    /// Reads a stable code.
    ///
    /// ```
    /// use huzhu::scoring::FundingSource;
    /// assert_eq!("charity".parse(), Ok(FundingSource::Charity));
    /// assert!("Charity".parse::<FundingSource>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|x| x.code() == s)
            .ok_or_else(|| FieldProblem::Invalid {
                why: format!(
                    "unknown funding source {s:?}; expected one of {}",
                    Self::ALL.map(Self::code).join(", ")
                ),
            })
    }
}

/// Money received for community services, in fen (分, 1/100 yuan), dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Funding {
    /// Where it came from.
    pub source: FundingSource,
    /// The day received.
    pub date: NaiveDate,
    /// Amount in fen (positive).
    pub amount_fen: u64,
}

/// Checks training records: positive minutes, known workers.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::{Community, WorkerId};
/// use huzhu::scoring::{Training, check_training};
/// let t = Training { worker: WorkerId(9), date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), minutes: 120 };
/// let e = check_training(&Community::new("x"), &[t]).unwrap_err();
/// assert_eq!((e.record().as_deref(), e.field()), (Some("training[0]"), Some("worker")));
/// ```
pub fn check_training(community: &Community, training: &[Training]) -> Result<(), ScoringError> {
    for (index, t) in training.iter().enumerate() {
        let record = InputRef::Training { index };
        if t.minutes == 0 {
            return Err(ScoringError::invalid(
                record,
                "minutes",
                FieldProblem::NotPositive,
            ));
        }
        if community.worker(t.worker).is_none() {
            return Err(ScoringError::UnknownReference {
                record,
                field: "worker".into(),
                target: RecordRef::Worker(t.worker),
            });
        }
    }
    Ok(())
}

/// Checks funding records: positive amounts.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::scoring::{Funding, FundingSource, check_funding};
/// let f = Funding { source: FundingSource::Government, date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), amount_fen: 0 };
/// let e = check_funding(&[f]).unwrap_err();
/// assert_eq!((e.record().as_deref(), e.field()), (Some("funding[0]"), Some("amount_fen")));
/// ```
pub fn check_funding(funding: &[Funding]) -> Result<(), ScoringError> {
    for (index, f) in funding.iter().enumerate() {
        if f.amount_fen == 0 {
            return Err(ScoringError::invalid(
                InputRef::Funding { index },
                "amount_fen",
                FieldProblem::NotPositive,
            ));
        }
    }
    Ok(())
}

/// One worker's load: the residents of the grids they cover (a grid covered by several workers
/// is shared equally), their care files and their training in the period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WorkerLoad {
    /// The worker.
    pub worker: WorkerId,
    /// Their role.
    pub role: WorkerRole,
    /// Whether professionally qualified.
    pub qualified: bool,
    /// Grid cells covered.
    pub grids: Vec<GridId>,
    /// Residents served: Σ over covered grids of residents ÷ workers covering that grid.
    pub residents: f64,
    /// Care files the worker is responsible for, open on the period's last day.
    pub care_files: u32,
    /// Training in the period, minutes.
    pub training_minutes: u64,
    /// More residents than the norm's maximum.
    pub over_caseload: bool,
}

/// Staffing beyond head counts.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WorkforceReport {
    /// Residents.
    pub residents: u32,
    /// Workers on record.
    pub workers: u32,
    /// Residents per worker (`None` without workers).
    pub residents_per_worker: Option<f64>,
    /// The norm's range of residents per worker.
    pub caseload_norm: (f64, f64),
    /// Whether residents per worker lie within the range (`None` without workers and residents).
    pub within_caseload: Option<bool>,
    /// Residents not in any worker's grid.
    pub uncovered_residents: u32,
    /// Professionally qualified workers.
    pub qualified: u32,
    /// `qualified / workers`.
    pub qualified_share: Option<f64>,
    /// Whether the qualified share reaches the norm.
    pub meets_qualified: Option<bool>,
    /// Training hours per worker, scaled to a year (`hours ÷ workers × 365 ÷ period days`).
    pub training_hours_per_year: Option<f64>,
    /// Whether that reaches the norm.
    pub meets_training: Option<bool>,
    /// Each worker, by id.
    pub loads: Vec<WorkerLoad>,
}

/// Service funding against the norm.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FundingReport {
    /// Residents.
    pub residents: u32,
    /// Days in the period.
    pub days: u32,
    /// Funding dated in the period, fen.
    pub total_fen: u64,
    /// Per source, fen (sources with funding only).
    pub by_source: BTreeMap<FundingSource, u64>,
    /// Yuan per resident, scaled to a year (`yuan ÷ residents × 365 ÷ days`).
    pub per_resident_year: Option<f64>,
    /// The norm, yuan per resident a year.
    pub norm: f64,
    /// Whether the norm is met (`None` without residents).
    pub meets: Option<bool>,
}

/// Staffing beyond head counts for `period`: residents per worker, each worker's load,
/// the qualified share and training hours a year.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// use huzhu::scoring::{Period, StaffingNorms, Training, workforce};
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let mut c = Community::new("x");
/// for i in 1..=1200 {
///     c.add_resident(Resident::new(ResidentId(i), d(1), GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1 + i % 2))).unwrap();
/// }
/// c.add_worker(Worker::new(WorkerId(1), "Li", WorkerRole::GridWorker).with_grids([GridId(1)]).with_qualified(true)).unwrap();
/// c.add_worker(Worker::new(WorkerId(2), "Wang", WorkerRole::GridWorker).with_grids([GridId(2)])).unwrap();
/// let training = [Training { worker: WorkerId(1), date: d(2), minutes: 600 }];
/// // A quarter of 90 days: 10 h ÷ 2 workers × 365 ÷ 90 = 20.3 h a year, below 40.
/// let r = workforce(&c, &training, Period::new(d(1), d(4)).unwrap(), &StaffingNorms::default());
/// assert_eq!(r.residents_per_worker, Some(600.0));
/// assert_eq!(r.qualified_share, Some(0.5));
/// assert_eq!(r.meets_training, Some(false));
/// ```
pub fn workforce(
    community: &Community,
    training: &[Training],
    period: Period,
    norms: &StaffingNorms,
) -> WorkforceReport {
    let mut per_grid: BTreeMap<GridId, u32> = BTreeMap::new();
    for r in community.residents() {
        *per_grid.entry(r.grid).or_default() += 1;
    }
    let mut coverers: BTreeMap<GridId, u32> = BTreeMap::new();
    for w in community.workers() {
        let mut grids = w.grids.clone();
        grids.sort_unstable();
        grids.dedup();
        for g in grids {
            *coverers.entry(g).or_default() += 1;
        }
    }
    let mut files: BTreeMap<WorkerId, u32> = BTreeMap::new();
    let last_day = period.end.pred_opt().unwrap_or(period.end);
    for f in community.care_files().filter(|f| f.is_open_on(last_day)) {
        *files.entry(f.worker).or_default() += 1;
    }
    let mut trained: BTreeMap<WorkerId, u64> = BTreeMap::new();
    for t in training.iter().filter(|t| period.contains_date(t.date)) {
        *trained.entry(t.worker).or_default() += u64::from(t.minutes);
    }
    let mut loads: Vec<WorkerLoad> = community
        .workers()
        .map(|w| {
            let mut grids = w.grids.clone();
            grids.sort_unstable();
            grids.dedup();
            let residents = grids
                .iter()
                .map(|g| {
                    f64::from(per_grid.get(g).copied().unwrap_or(0)) / f64::from(coverers[g].max(1))
                })
                .sum::<f64>();
            WorkerLoad {
                worker: w.id,
                role: w.role,
                qualified: w.qualified,
                grids,
                residents,
                care_files: files.get(&w.id).copied().unwrap_or(0),
                training_minutes: trained.get(&w.id).copied().unwrap_or(0),
                over_caseload: residents > norms.residents_per_worker_max,
            }
        })
        .collect();
    loads.sort_by_key(|l| l.worker);
    let residents = u32::try_from(community.residents().len()).unwrap_or(u32::MAX);
    let workers = u32::try_from(loads.len()).unwrap_or(u32::MAX);
    let uncovered_residents = per_grid
        .iter()
        .filter(|(g, _)| !coverers.contains_key(g))
        .map(|(_, n)| *n)
        .sum();
    let qualified = u32::try_from(loads.iter().filter(|l| l.qualified).count()).unwrap_or(0);
    let per_worker = (workers > 0).then(|| f64::from(residents) / f64::from(workers));
    let qualified_share = (workers > 0).then(|| f64::from(qualified) / f64::from(workers));
    let minutes: u64 = loads.iter().map(|l| l.training_minutes).sum();
    let days = period.days();
    let training_hours_per_year = (workers > 0 && days > 0)
        .then(|| minutes as f64 / 60.0 / f64::from(workers) * 365.0 / f64::from(days));
    WorkforceReport {
        residents,
        workers,
        residents_per_worker: per_worker,
        caseload_norm: (
            norms.residents_per_worker_min,
            norms.residents_per_worker_max,
        ),
        within_caseload: per_worker
            .filter(|_| residents > 0)
            .map(|p| p >= norms.residents_per_worker_min && p <= norms.residents_per_worker_max),
        uncovered_residents,
        qualified,
        qualified_share,
        meets_qualified: qualified_share.map(|s| s >= norms.qualified_share),
        training_hours_per_year,
        meets_training: training_hours_per_year.map(|h| h >= norms.training_hours_per_year),
        loads,
    }
}

/// Service funding dated in `period`, per resident scaled to a year, against the norm, by
/// source.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// use huzhu::scoring::{Funding, FundingSource, Period, StaffingNorms, funding};
/// let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
/// let mut c = Community::new("x");
/// for i in 1..=100 {
///     c.add_resident(Resident::new(ResidentId(i), d(1960, 1), GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1))).unwrap();
/// }
/// let money = [
///     Funding { source: FundingSource::Government, date: d(2026, 2), amount_fen: 400_000 },
///     Funding { source: FundingSource::Charity, date: d(2026, 3), amount_fen: 50_000 },
/// ];
/// // 4,500 yuan for 100 residents over 365 days: 45 yuan a resident a year, below 50.
/// let r = funding(&c, &money, Period::new(d(2026, 1), d(2027, 1)).unwrap(), &StaffingNorms::default());
/// assert_eq!(r.per_resident_year, Some(45.0));
/// assert_eq!(r.meets, Some(false));
/// assert_eq!(r.by_source[&FundingSource::Charity], 50_000);
/// ```
pub fn funding(
    community: &Community,
    funding: &[Funding],
    period: Period,
    norms: &StaffingNorms,
) -> FundingReport {
    let mut by_source: BTreeMap<FundingSource, u64> = BTreeMap::new();
    for f in funding.iter().filter(|f| period.contains_date(f.date)) {
        let e = by_source.entry(f.source).or_default();
        *e = e.saturating_add(f.amount_fen);
    }
    let total_fen = by_source.values().fold(0u64, |a, b| a.saturating_add(*b));
    let residents = u32::try_from(community.residents().len()).unwrap_or(u32::MAX);
    let days = period.days();
    let per_resident_year = (residents > 0 && days > 0)
        .then(|| total_fen as f64 / 100.0 / f64::from(residents) * 365.0 / f64::from(days));
    FundingReport {
        residents,
        days,
        total_fen,
        by_source,
        per_resident_year,
        norm: norms.funding_yuan_per_resident,
        meets: per_resident_year.map(|y| y >= norms.funding_yuan_per_resident),
    }
}
