//! Simulated records of what happened after matching, for demos and tests: service records,
//! survey responses, care records, visit logs and a time-bank summary. Deterministic by seed.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use huzhu_synth::rng::StreamRng;
use rand::Rng;

use super::records::{
    Assignment, CareRecord, Dimension, Outcome, Period, ServiceRecord, ServiceRecordId, SurveyId,
    SurveyResponse, VisitKind, VisitLog,
};
use super::timebank::{AccountKind, AccountSummary, TimeBankPeriod};
use crate::model::{Community, HelperId, Household, ResidentId};

/// Knobs of the simulation, with plausible defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct SimulationParams {
    /// No-show probability of a perfectly reliable helper (default 0.02).
    pub base_no_show: f64,
    /// Cancellation probability (default 0.05).
    pub cancel: f64,
    /// Helper reliability is drawn in `[1 − spread, 1]`; unreliability adds to no-shows
    /// (default 0.2).
    pub reliability_spread: f64,
    /// Share of helpers that perform poorly in surveys (default 0.2), so alerts fire.
    pub poor_share: f64,
    /// Mean Likert answer of a good helper (default 4.4).
    pub good_mean: f64,
    /// Mean Likert answer of a poor helper (default 3.1).
    pub poor_mean: f64,
    /// Chance a delivered service gets a survey response (default 0.8).
    pub response_rate: f64,
    /// First id given to records and surveys (default 1); use distinct ranges when simulating
    /// several periods that will be scored together.
    pub first_id: u32,
    /// Chance that a resident served by a volunteer pays with time credits (default 0.3).
    pub redeem_share: f64,
    /// Storage cap of the simulated time bank in minutes (default 90,000 = 1,500 h, Nanjing).
    pub cap_minutes: i64,
}

#[cfg(feature = "serde")]
impl SimulationParams {
    /// Reads the knobs from JSON: the ones given, the defaults for the rest; unknown knobs and
    /// wrong types are refused, naming the knob (record `simulation`).
    ///
    /// ```
    /// use huzhu::scoring::SimulationParams;
    /// let p = SimulationParams::from_value(serde_json::json!({"cancel": 0.1}))?;
    /// assert_eq!((p.cancel, p.base_no_show), (0.1, 0.02));
    /// let e = SimulationParams::from_value(serde_json::json!({"cancels": 0.1})).unwrap_err();
    /// assert_eq!((e.record().as_deref(), e.field()), (Some("simulation"), Some("cancels")));
    /// # Ok::<(), huzhu::scoring::ScoringError>(())
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<Self, super::ScoringError> {
        crate::model::json::from_value(value, "").map_err(|e| match e {
            crate::error::ModelError::Json { message, path, .. } => {
                super::ScoringError::Model(crate::error::ModelError::invalid(
                    crate::error::RecordRef::Config("simulation".into()),
                    crate::model::json::setting_or(&path, "simulation"),
                    crate::error::FieldProblem::Invalid {
                        why: format!("cannot be read: {message}"),
                    },
                ))
            }
            other => super::ScoringError::Model(other),
        })
    }
}

impl Default for SimulationParams {
    fn default() -> Self {
        Self {
            base_no_show: 0.02,
            cancel: 0.05,
            reliability_spread: 0.2,
            poor_share: 0.2,
            good_mean: 4.4,
            poor_mean: 3.1,
            response_rate: 0.8,
            first_id: 1,
            redeem_share: 0.3,
            cap_minutes: 90_000,
        }
    }
}

/// Simulated records of one period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Simulated {
    /// One service record per assignment matched in the period.
    pub records: Vec<ServiceRecord>,
    /// Survey responses about delivered services.
    pub surveys: Vec<SurveyResponse>,
    /// Care records for most special-group residents.
    pub care_records: Vec<CareRecord>,
    /// Visits and calls to residents living alone.
    pub visits: Vec<VisitLog>,
    /// A time-bank summary: volunteers earn their delivered minutes.
    pub time_bank: TimeBankPeriod,
}

fn mix(seed: u64, key: u64) -> u64 {
    // splitmix64 finaliser: spreads nearby keys over the whole seed space.
    let mut z = seed ^ key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn helper_key(h: HelperId) -> u64 {
    match h {
        HelperId::Volunteer(v) => u64::from(v.0) << 1,
        HelperId::Service(s) => (u64::from(s.0) << 1) | 1,
    }
}

/// A helper's lasting traits: (reliability, performs poorly). The same for every period with
/// the same seed, so a poor service stays poor and can be retired.
fn traits(seed: u64, helper: HelperId, p: &SimulationParams) -> (f64, bool) {
    let mut rng = StreamRng::new(mix(seed, helper_key(helper)), 0);
    let reliability = 1.0 - rng.random::<f64>() * p.reliability_spread.clamp(0.0, 1.0);
    let poor = rng.random::<f64>() < p.poor_share;
    (reliability, poor)
}

fn likert(rng: &mut StreamRng, mean: f64) -> u8 {
    let v = mean + (rng.random::<f64>() - 0.5) * 1.6;
    v.round().clamp(1.0, 5.0) as u8
}

/// Simulates what happened to the assignments matched in `period`: service records (mostly
/// done; no-shows more likely for less reliable helpers; some cancellations), survey responses
/// (poor helpers answer lower), care records, visit logs and a time-bank summary.
///
/// Deterministic: the same inputs and seed give the same output. Assignments whose need or
/// helper is unknown are skipped.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::Community;
/// use huzhu::scoring::{simulate, Period, SimulationParams};
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let c = Community::new("x");
/// let p = Period::new(d(11), d(12)).unwrap();
/// let a = simulate(&c, &[], p, 7, &SimulationParams::default());
/// assert_eq!(a, simulate(&c, &[], p, 7, &SimulationParams::default()));
/// assert!(a.records.is_empty());
/// ```
pub fn simulate(
    community: &Community,
    assignments: &[Assignment],
    period: Period,
    seed: u64,
    params: &SimulationParams,
) -> Simulated {
    let period_key = u64::from(period.start.to_epoch_days().unsigned_abs());
    let mut rng = StreamRng::new(mix(seed, period_key), 0);
    let mut sorted: Vec<&Assignment> = assignments
        .iter()
        .filter(|a| period.contains(a.matched_at))
        .collect();
    crate::cold::sort(&mut sorted);
    let mut out = Simulated {
        records: Vec::new(),
        surveys: Vec::new(),
        care_records: Vec::new(),
        visits: Vec::new(),
        time_bank: TimeBankPeriod {
            period,
            cap_minutes: Some(params.cap_minutes.max(1)),
            accounts: Vec::new(),
        },
    };
    let mut next_record = params.first_id;
    let mut next_survey = params.first_id;
    let mut earned: BTreeMap<u32, i64> = BTreeMap::new();
    let mut redeemed: BTreeMap<ResidentId, i64> = BTreeMap::new();
    for a in sorted {
        let Some(need) = community.need(a.need) else {
            continue;
        };
        let known = match a.helper {
            HelperId::Volunteer(v) => community.volunteer(v).is_some(),
            HelperId::Service(s) => community.service(s).is_some(),
        };
        if !known {
            continue;
        }
        let (reliability, poor) = traits(seed, a.helper, params);
        let started = need
            .windows
            .iter()
            .find(|w| w.end > a.matched_at)
            .map_or(a.matched_at, |w| w.start.max(a.matched_at));
        let u = rng.random::<f64>();
        let no_show = params.base_no_show + (1.0 - reliability);
        let outcome = if u < no_show {
            Outcome::NoShow
        } else if u < no_show + params.cancel {
            Outcome::Cancelled
        } else {
            Outcome::Done
        };
        let finished = if outcome == Outcome::Done {
            started
                .checked_add_signed(Duration::minutes(i64::from(need.duration_minutes)))
                .unwrap_or(started)
        } else {
            started
        };
        if outcome == Outcome::Done && finished == started {
            continue;
        }
        out.records.push(ServiceRecord::new(
            ServiceRecordId(next_record),
            need.id,
            a.helper,
            started,
            finished,
            outcome,
        ));
        next_record = next_record.wrapping_add(1);
        if outcome != Outcome::Done {
            continue;
        }
        if let HelperId::Volunteer(v) = a.helper {
            *earned.entry(v.0).or_default() += i64::from(need.duration_minutes);
            if rng.random::<f64>() < params.redeem_share {
                *redeemed.entry(need.resident).or_default() += i64::from(need.duration_minutes);
            }
        }
        if rng.random::<f64>() < params.response_rate {
            let mean = if poor {
                params.poor_mean
            } else {
                params.good_mean
            };
            let person = (rng.random::<f64>() - 0.5) * 1.2;
            let mut s = SurveyResponse::new(SurveyId(next_survey), need.resident, a.helper, period);
            s.need = Some(need.id);
            for d in Dimension::ALL {
                let offset = match d {
                    Dimension::Attitude => -0.2,
                    Dimension::Innovation => -0.3,
                    _ => 0.0,
                };
                // Innovation and sustainability are skipped now and then.
                if matches!(d, Dimension::Innovation | Dimension::Sustainability)
                    && rng.random::<f64>() < 0.1
                {
                    continue;
                }
                s.answers
                    .insert(d, likert(&mut rng, mean + person + offset));
            }
            out.surveys.push(s);
            next_survey = next_survey.wrapping_add(1);
        }
    }
    simulate_people(community, period, &mut rng, &mut out);
    for v in community.volunteers() {
        let e = earned.get(&v.id.0).copied().unwrap_or(0);
        // A few long-standing members sit near the cap.
        let cap = params.cap_minutes.max(1);
        let prior = if rng.random::<f64>() < 0.05 {
            cap - rng.random_range(0..=cap / 10)
        } else {
            rng.random_range(0..=cap / 15)
        };
        out.time_bank.accounts.push(AccountSummary {
            account: v.id.0,
            kind: AccountKind::Member,
            holder: v.resident,
            earned: e,
            redeemed: 0,
            transferred: 0,
            donated: if e > 0 && rng.random::<f64>() < 0.1 {
                60
            } else {
                0
            },
            balance: prior.saturating_add(e).min(cap),
        });
    }
    let base = community
        .volunteers()
        .map(|v| v.id.0)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    for (i, (r, m)) in redeemed.into_iter().enumerate() {
        out.time_bank.accounts.push(AccountSummary {
            account: base.saturating_add(i as u32),
            kind: AccountKind::Member,
            holder: Some(r),
            earned: 0,
            redeemed: m,
            transferred: 0,
            donated: 0,
            balance: rng.random_range(0..600),
        });
    }
    out
}

fn simulate_people(
    community: &Community,
    period: Period,
    rng: &mut StreamRng,
    out: &mut Simulated,
) {
    let days = i64::from(period.days().max(1));
    let end: NaiveDateTime = period.end.and_hms_opt(0, 0, 0).unwrap_or_default();
    for r in community.residents() {
        if r.is_priority() && rng.random::<f64>() < 0.9 {
            let back = Duration::days(rng.random_range(30..700));
            out.care_records.push(CareRecord {
                resident: r.id,
                opened: period
                    .start
                    .checked_sub_signed(back)
                    .unwrap_or(period.start),
                closed: None,
            });
        }
        if r.household == Household::LivesAlone {
            // Most are visited every 4–9 days, some are forgotten.
            let step = if rng.random::<f64>() < 0.1 {
                days + 1
            } else {
                rng.random_range(4..10)
            };
            let mut back = rng.random_range(0..step);
            while back < days {
                let Some(at) = end
                    .checked_sub_signed(Duration::days(back + 1))
                    .and_then(|t| t.checked_add_signed(Duration::hours(10)))
                else {
                    break;
                };
                let kind = if rng.random::<f64>() < 0.7 {
                    VisitKind::Home
                } else {
                    VisitKind::Phone
                };
                out.visits.push(VisitLog {
                    resident: r.id,
                    at,
                    kind,
                });
                back += step;
            }
        }
    }
    crate::cold::sort_by_key(&mut out.visits, |v| (v.at, v.resident));
}

/// Identity-survey answers for `period`, simulated: about one adult in ten answers the
/// default items on a day of the period, calibrated to the documents' "before" figures (an
/// identity index near 52 of 100, about 35% knowing three or more neighbours by name).
/// Deterministic for a seed; drawn from a stream of its own, so the other simulated evidence
/// is unchanged.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::scoring::{Period, default_identity_items, identity_index, simulate_identity};
/// use huzhu::synth::{DistrictConfig, generate};
/// let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let d = generate(&DistrictConfig::new(5_000, monday).with_seed(1)).unwrap();
/// let week = Period::new(monday, d.now.date()).unwrap();
/// let answers = simulate_identity(&d.community, week, 1);
/// let r = identity_index(&answers, &default_identity_items(), week, 3);
/// assert!((45.0..60.0).contains(&r.index.unwrap()));
/// ```
pub fn simulate_identity(
    community: &Community,
    period: Period,
    seed: u64,
) -> Vec<super::identity::IdentityResponse> {
    let period_key = u64::from(period.start.to_epoch_days().unsigned_abs());
    let mut rng = StreamRng::new(mix(seed, period_key), 1);
    let items = super::identity::default_identity_items();
    let days = (period.end - period.start).num_days().max(1);
    let mut out = Vec::new();
    for r in community.residents() {
        if r.age_on(period.start) < 18 || rng.random_range(0..1_000) >= 100 {
            continue;
        }
        // A resident's attachment (about 3.1 on the 1–5 scale), each item near it.
        let base = 2.1 + f64::from(rng.random_range(0..=20_u32)) / 10.0;
        let answers = items
            .iter()
            .map(|i| {
                let noise = f64::from(rng.random_range(0..=14_u32)) / 10.0 - 0.7;
                let v = (base + noise).round().clamp(1.0, 5.0) as u8;
                (i.code.clone(), if i.reverse { 6 - v } else { v })
            })
            .collect();
        let knows = if rng.random_range(0..1_000) < 350 {
            rng.random_range(3..=12)
        } else {
            rng.random_range(0..3)
        };
        out.push(super::identity::IdentityResponse {
            respondent: r.id,
            date: period.start + chrono::Duration::days(rng.random_range(0..days)),
            answers,
            neighbours_known: Some(knows),
        });
    }
    out
}
