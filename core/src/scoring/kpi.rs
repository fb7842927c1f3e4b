//! Key performance indicators over a work plan: a baseline, a target with a deadline or phase,
//! and progress each evaluation — on track or behind, and what is still needed per period.
//!
//! A work plan runs in three phases counted from its start: pilot (months 1–6), roll-out (7–18)
//! and consolidation (19–36), evaluated quarterly or half-yearly. [`default_kpis`] is the
//! documents' set of targets (match rate 55% → 82%, participation 31% → 60%, identity 52 → 75,
//! handling time 7 days → 2, special-group satisfaction 58% → 89%, the staffing and funding
//! norms, …) that users replace or edit.

use chrono::{Months, NaiveDate};

use super::error::{InputRef, ScoringError};
use super::measures::measure;
use super::scorecard::Scorecard;
use crate::error::FieldProblem;

/// Which way a KPI should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Direction {
    /// Higher is better: the target is reached at or above it.
    Increase,
    /// Lower is better: the target is reached at or below it.
    Decrease,
}

/// A phase of a work plan, counted in months from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Phase {
    /// Pilot (试点), months 1–6.
    Pilot,
    /// Roll-out (推广), months 7–18.
    RollOut,
    /// Consolidation (巩固), months 19–36.
    Consolidation,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Self; 3] = [Self::Pilot, Self::RollOut, Self::Consolidation];

    /// First and last month of the phase (1-based, inclusive).
    pub fn months(self) -> (u32, u32) {
        match self {
            Self::Pilot => (1, 6),
            Self::RollOut => (7, 18),
            Self::Consolidation => (19, 36),
        }
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pilot => "pilot",
            Self::RollOut => "roll_out",
            Self::Consolidation => "consolidation",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Pilot => ("Pilot, months 1–6", "试点期（第1–6月）"),
            Self::RollOut => ("Roll-out, months 7–18", "推广期（第7–18月）"),
            Self::Consolidation => ("Consolidation, months 19–36", "巩固期（第19–36月）"),
        }
    }

    /// The phase's days for a plan starting on `start`: first day and first day after.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::scoring::Phase;
    /// let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    /// let (from, to) = Phase::RollOut.range(start);
    /// assert_eq!((from.to_string(), to.to_string()), ("2026-07-01".into(), "2027-07-01".into()));
    /// ```
    pub fn range(self, start: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.months();
        let at = |m: u32| {
            start
                .checked_add_months(Months::new(m))
                .unwrap_or(NaiveDate::MAX)
        };
        (at(first - 1), at(last))
    }

    /// The phase `date` falls in, for a plan starting on `start` (`None` before the start or
    /// after month 36).
    pub fn of(start: NaiveDate, date: NaiveDate) -> Option<Self> {
        Self::ALL.into_iter().find(|p| {
            let (a, b) = p.range(start);
            a <= date && date < b
        })
    }
}

/// A key performance indicator: a measure of the scorecard, its baseline, its target and when
/// the target is due.
///
/// In JSON, `baseline` and `phase` may be left out; unknown fields are refused.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Kpi {
    /// Stable code of the KPI (unique in a set).
    pub code: String,
    /// The scorecard measure tracked (a code of [`MEASURES`](super::MEASURES)).
    pub measure: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Value at the baseline, in the measure's unit (shares as 0–1); `None` when not yet
    /// measured (progress is then only "met" or not).
    #[cfg_attr(feature = "serde", serde(default))]
    pub baseline: Option<f64>,
    /// When the baseline was measured (the plan's start).
    pub baseline_date: NaiveDate,
    /// The target, in the measure's unit.
    pub target: f64,
    /// The day by which the target is due.
    pub deadline: NaiveDate,
    /// The work-plan phase the target belongs to, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub phase: Option<Phase>,
    /// Which way the measure should move (must agree with the measure).
    pub direction: Direction,
}

impl Kpi {
    /// Checks the KPI: a known measure, finite numbers, a deadline after the baseline, a
    /// direction that agrees with the measure and a target on the right side of the baseline.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::scoring::default_kpis;
    /// let mut k = default_kpis(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).remove(0);
    /// k.target = 0.40; // below the 55% baseline of a KPI that should rise
    /// let e = k.check().unwrap_err();
    /// assert_eq!((e.record().as_deref(), e.field()), (Some("kpi match_rate"), Some("target")));
    /// ```
    pub fn check(&self) -> Result<(), ScoringError> {
        let record = || InputRef::Kpi {
            code: self.code.clone(),
        };
        let bad = |field: &str, problem| Err(ScoringError::invalid(record(), field, problem));
        if self.code.trim().is_empty() {
            return bad("code", FieldProblem::Empty);
        }
        let Some(m) = measure(&self.measure) else {
            return bad(
                "measure",
                FieldProblem::Invalid {
                    why: format!("unknown measure {:?}", self.measure),
                },
            );
        };
        if !self.target.is_finite() {
            return bad("target", FieldProblem::NotFinite);
        }
        if self.baseline.is_some_and(|b| !b.is_finite()) {
            return bad("baseline", FieldProblem::NotFinite);
        }
        if self.deadline <= self.baseline_date {
            return bad("deadline", FieldProblem::EndsBeforeStart);
        }
        let wanted = if m.higher_is_better {
            Direction::Increase
        } else {
            Direction::Decrease
        };
        if self.direction != wanted {
            return bad(
                "direction",
                FieldProblem::Invalid {
                    why: format!("{} should {}", m.code, direction_word(wanted)),
                },
            );
        }
        if let Some(b) = self.baseline {
            let ahead = match self.direction {
                Direction::Increase => self.target > b,
                Direction::Decrease => self.target < b,
            };
            if !ahead {
                return bad(
                    "target",
                    FieldProblem::Invalid {
                        why: format!(
                            "target {} does not {} from baseline {b}",
                            self.target,
                            direction_word(self.direction)
                        ),
                    },
                );
            }
        }
        Ok(())
    }

    /// Whether `value` reaches the target.
    pub fn reached(&self, value: f64) -> bool {
        match self.direction {
            Direction::Increase => value >= self.target,
            Direction::Decrease => value <= self.target,
        }
    }
}

fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "increase",
        Direction::Decrease => "decrease",
    }
}

/// Checks a KPI set: every KPI, and codes unique.
pub fn check_kpis(kpis: &[Kpi]) -> Result<(), ScoringError> {
    let mut seen = std::collections::BTreeSet::new();
    for k in kpis {
        k.check()?;
        if !seen.insert(k.code.as_str()) {
            return Err(ScoringError::DuplicateId {
                record: InputRef::Kpi {
                    code: k.code.clone(),
                },
            });
        }
    }
    Ok(())
}

/// The documents' KPIs for a work plan starting on `start`, each due at the end of
/// consolidation (month 36). Baselines the documents give are filled (match rate 55%,
/// participation in community affairs 31%, activities 25%, identity 52, neighbours known 35%,
/// handling time 7 days, special-group satisfaction 58%); the norms (staffing, funding,
/// facility idle share, coverage) have no baseline until your first evaluation sets one.
/// Coverage targets: 95% within the 500 m service radius (the documents' facility coverage
/// rate), and 95% within the 15-minute circle (our reading: the documents give no figure for
/// the circle).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::scoring::{check_kpis, default_kpis};
/// let kpis = default_kpis(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
/// check_kpis(&kpis).unwrap();
/// let handling = kpis.iter().find(|k| k.code == "handling_days").unwrap();
/// assert_eq!((handling.baseline, handling.target), (Some(7.0), 2.0));
/// assert_eq!(handling.deadline, NaiveDate::from_ymd_opt(2029, 1, 1).unwrap());
/// ```
pub fn default_kpis(start: NaiveDate) -> Vec<Kpi> {
    let deadline = Phase::Consolidation.range(start).1;
    let rows: [(&str, Option<f64>, f64); 19] = [
        ("match_rate", Some(0.55), 0.82),
        ("community_affairs", Some(0.31), 0.60),
        ("activity_participation", Some(0.25), 0.60),
        ("identity_index", Some(52.0), 75.0),
        ("neighbours_known", Some(0.35), 0.78),
        ("handling_days", Some(7.0), 2.0),
        ("special_group_satisfaction", Some(0.58), 0.89),
        ("special_group_coverage", None, 1.0),
        ("suggestions_adopted", None, 0.70),
        ("facility_idle_share", None, 0.30),
        ("radius_coverage", None, 0.95),
        ("circle_coverage", None, 0.95),
        ("community_workers_per_10k", None, 18.0),
        ("residents_per_social_worker", None, 500.0),
        ("volunteer_share", None, 0.05),
        ("residents_per_worker", None, 800.0),
        ("qualified_share", None, 0.12),
        ("training_hours", None, 40.0),
        ("funding_per_resident", None, 50.0),
    ];
    rows.into_iter()
        .filter_map(|(code, baseline, target)| {
            let m = measure(code)?;
            Some(Kpi {
                code: code.to_owned(),
                measure: code.to_owned(),
                name_en: m.name_en.to_owned(),
                name_zh: m.name_zh.to_owned(),
                baseline,
                baseline_date: start,
                target,
                deadline,
                phase: Some(Phase::Consolidation),
                direction: if m.higher_is_better {
                    Direction::Increase
                } else {
                    Direction::Decrease
                },
            })
        })
        .collect()
}

/// One evaluation's value of a KPI (the end of the period evaluated, and the value then;
/// `None` when that period gave no data).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Observation {
    /// The day the value stands for (the evaluated period's end).
    pub date: NaiveDate,
    /// The value, in the measure's unit.
    pub value: Option<f64>,
}

/// Where a KPI stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum KpiStatus {
    /// The latest value reaches the target.
    Met,
    /// Not yet met, but at least as far along as the time elapsed.
    OnTrack,
    /// Less far along than the time elapsed.
    Behind,
    /// Not met, and no baseline to judge the pace by (a norm such as funding per resident).
    BelowTarget,
    /// The deadline has passed without the target being met.
    Missed,
    /// No value measured yet.
    NoData,
}

/// Progress of one KPI.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct KpiProgress {
    /// The KPI.
    pub kpi: Kpi,
    /// The series, in date order.
    pub series: Vec<Observation>,
    /// The latest observation with a value (on or before `today`).
    pub latest: Option<Observation>,
    /// `latest − baseline`.
    pub change: Option<f64>,
    /// Share of the way from baseline to target, `(latest − baseline) ÷ (target − baseline)`.
    pub progress: Option<f64>,
    /// Share of the time from baseline to deadline elapsed at the latest value, in `[0, 1]`.
    pub expected: Option<f64>,
    /// Met, or at least as far along as the time elapsed (`None` without a value, or not met
    /// without a baseline to judge the pace by).
    pub on_track: Option<bool>,
    /// Where the KPI stands.
    pub status: KpiStatus,
    /// Evaluation periods left from `today` to the deadline (rounded up).
    pub remaining_periods: u32,
    /// The change still needed per remaining period, `(target − latest) ÷ remaining` (signed,
    /// in the measure's unit); `None` once met, or with no value or no period left.
    pub needed_per_period: Option<f64>,
    /// The work-plan phase `today` falls in (counted from the baseline date).
    pub phase_now: Option<Phase>,
}

/// Progress of one KPI from its series of evaluations, judged on `today`, with evaluations
/// every `period_days` days (91 for quarterly).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::scoring::{KpiStatus, Observation, default_kpis, kpi_progress};
/// let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
/// let kpi = default_kpis(d(2026, 1)).remove(0); // match rate 55% → 82% by 2029-01-01
/// let series = [Observation { date: d(2026, 7), value: Some(0.64) }];
/// let p = kpi_progress(&kpi, &series, d(2026, 7), 91).unwrap();
/// // A third of the way (0.09 of 0.27) after 181 of 1,096 days: on track.
/// assert!((p.progress.unwrap() - 1.0 / 3.0).abs() < 1e-12);
/// assert_eq!(p.status, KpiStatus::OnTrack);
/// // 915 days left: 11 quarters, 0.18 still to gain, 0.0164 a quarter.
/// assert_eq!(p.remaining_periods, 11);
/// assert!((p.needed_per_period.unwrap() - 0.18 / 11.0).abs() < 1e-12);
/// ```
pub fn kpi_progress(
    kpi: &Kpi,
    series: &[Observation],
    today: NaiveDate,
    period_days: u32,
) -> Result<KpiProgress, ScoringError> {
    kpi.check()?;
    if period_days == 0 {
        return Err(ScoringError::invalid(
            InputRef::Kpi {
                code: kpi.code.clone(),
            },
            "period_days",
            FieldProblem::NotPositive,
        ));
    }
    for (index, o) in series.iter().enumerate() {
        if o.value.is_some_and(|v| !v.is_finite()) {
            return Err(ScoringError::invalid(
                InputRef::Observation {
                    code: kpi.code.clone(),
                    index,
                },
                "value",
                FieldProblem::NotFinite,
            ));
        }
        if index > 0 && series[index - 1].date >= o.date {
            return Err(ScoringError::invalid(
                InputRef::Observation {
                    code: kpi.code.clone(),
                    index,
                },
                "date",
                FieldProblem::Invalid {
                    why: format!(
                        "{} is not after the previous observation's {}",
                        o.date,
                        series[index - 1].date
                    ),
                },
            ));
        }
    }
    let latest = series
        .iter()
        .rev()
        .find(|o| o.date <= today && o.value.is_some())
        .copied();
    let value = latest.and_then(|o| o.value);
    let change = value.zip(kpi.baseline).map(|(v, b)| v - b);
    let progress = change.zip(kpi.baseline).map(|(c, b)| c / (kpi.target - b));
    let span = (kpi.deadline - kpi.baseline_date).num_days() as f64;
    let expected =
        latest.map(|o| ((o.date - kpi.baseline_date).num_days() as f64 / span).clamp(0.0, 1.0));
    let met = value.is_some_and(|v| kpi.reached(v));
    let on_track = value.and_then(|_| {
        if met {
            return Some(true);
        }
        progress.zip(expected).map(|(p, e)| p + 1e-9 >= e)
    });
    let left = (kpi.deadline - today).num_days().max(0);
    let remaining_periods =
        u32::try_from((left + i64::from(period_days) - 1) / i64::from(period_days))
            .unwrap_or(u32::MAX);
    let needed_per_period = value
        .filter(|_| !met && remaining_periods > 0)
        .map(|v| (kpi.target - v) / f64::from(remaining_periods));
    let status = match (value, on_track) {
        (None, _) => KpiStatus::NoData,
        _ if met => KpiStatus::Met,
        _ if today >= kpi.deadline => KpiStatus::Missed,
        (_, Some(true)) => KpiStatus::OnTrack,
        (_, Some(false)) => KpiStatus::Behind,
        (_, None) => KpiStatus::BelowTarget,
    };
    Ok(KpiProgress {
        kpi: kpi.clone(),
        series: series.to_vec(),
        latest,
        change,
        progress,
        expected,
        on_track,
        status,
        remaining_periods,
        needed_per_period,
        phase_now: Phase::of(kpi.baseline_date, today),
    })
}

/// Progress of every KPI from a run of scorecards (one per evaluation period, in date order):
/// each card's [`Scorecard::measure`] at its period's end is an observation; periods are as
/// long as the last card's.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::Community;
/// use huzhu::scoring::{KpiStatus, Period, Scorecard, ScoringInputs, ScoringPolicy, default_kpis, evaluate_kpis};
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let c = Community::new("x");
/// let card = Scorecard::compute(&ScoringInputs::new(&c, Period::new(d(1), d(4)).unwrap(),
///     d(4).and_hms_opt(0, 0, 0).unwrap()), &ScoringPolicy::default()).unwrap();
/// let kpis = default_kpis(d(1));
/// let rows = evaluate_kpis(&kpis, &[card], d(4)).unwrap();
/// let rate = rows.iter().find(|r| r.kpi.code == "match_rate").unwrap();
/// assert_eq!(rate.status, KpiStatus::NoData); // an empty community has no rate to judge
/// ```
pub fn evaluate_kpis(
    kpis: &[Kpi],
    cards: &[Scorecard],
    today: NaiveDate,
) -> Result<Vec<KpiProgress>, ScoringError> {
    check_kpis(kpis)?;
    let period_days = cards.last().map_or(91, |c| c.period.days().max(1));
    kpis.iter()
        .map(|k| {
            let series: Vec<Observation> = cards
                .iter()
                .map(|c| Observation {
                    date: c.period.end,
                    value: c.measure(&k.measure),
                })
                .collect();
            kpi_progress(k, &series, today, period_days)
        })
        .collect()
}
