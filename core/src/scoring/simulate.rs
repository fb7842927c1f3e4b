//! Simulated records of what happened after matching, for demos and tests: service records,
//! survey responses, care records, visit logs, confirmations of inferred needs and a time-bank
//! summary. Deterministic by seed.
//!
//! The default rates and where they come from:
//!
//! | knob | default | source |
//! |---|---|---|
//! | `base_no_show`, `cancel`, `reliability_spread` | 2%, 5%, up to 20% | our assumption; completion lands near 85–90% |
//! | `poor_share`, `good_mean`, `poor_mean` | 10%, 4.5, 3.1 | calibrated so that about 82% of answers are satisfied overall (the documents' national 82.3%), attitude lowest (73.2%), and a few services fall below the 60% line |
//! | `response_rate` | 80% | return calls after a service (回访); our assumption |
//! | `user_answers_per_place` | 2 a week | each service's own survey of its regular users (who hold 3–9 times the places left for matching), sized by its places: the larger services get the 30 answers a verdict needs; our assumption |
//! | `prior_year_answers`, `poor_last_year` | 60; 50% of poor services, 5% of others | last year's annual evaluation, which the retirement rule (two years in a row below 60%) reads; our assumption |
//! | `contact_made` | 85% | the share of visits and calls coming due that are made on the day, as in the generated contact log (overdue ones a third of it); our assumption |
//! | `inferred_confirmed` | 80% | inferred needs the worker confirms on the visit or the service; the documents' identification accuracy is 85%, rule-based inference a little below it |

use std::collections::BTreeMap;

use chrono::{Datelike, Duration};
use huzhu_synth::rng::StreamRng;
use rand::Rng;

use super::records::{
    Assignment, CareRecord, Dimension, Outcome, Period, ServiceRecord, ServiceRecordId, SurveyId,
    SurveyResponse, VisitKind, VisitLog,
};
use super::timebank::{AccountKind, AccountSummary, TimeBankPeriod};
use crate::model::{Community, HelperId, ResidentId};

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
    /// Share of helpers that perform poorly in surveys (default 0.1), so alerts fire.
    pub poor_share: f64,
    /// Mean Likert answer of a good helper (default 4.5).
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
    /// Answers from a service's regular users (outside the matched needs) per place of its
    /// weekly capacity, pro rata for the period's length (default 2.0): the service's own
    /// satisfaction survey.
    pub user_answers_per_place: f64,
    /// Answers per service in last year's annual evaluation (default 60), read by the
    /// retirement rule; 0 leaves last year out.
    pub prior_year_answers: u32,
    /// Chance that a poorly performing service was already poor last year (default 0.5); a
    /// good one was poor last year with a tenth of this chance (corrected since).
    pub poor_last_year: f64,
    /// Chance that a visit or call due (or overdue) on the rounds is made on a day of the
    /// period (default 0.85).
    pub contact_made: f64,
    /// Chance that the worker confirms an inferred need once it has been served or its
    /// resident contacted (default 0.8).
    pub inferred_confirmed: f64,
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
            poor_share: 0.1,
            good_mean: 4.5,
            poor_mean: 3.1,
            response_rate: 0.8,
            first_id: 1,
            redeem_share: 0.3,
            cap_minutes: 90_000,
            user_answers_per_place: 2.0,
            prior_year_answers: 60,
            poor_last_year: 0.5,
            contact_made: 0.85,
            inferred_confirmed: 0.8,
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
    /// Visits and calls on the rounds in the period: residents with a care file and residents
    /// living alone, contacted when due or overdue.
    pub visits: Vec<VisitLog>,
    /// Inferred needs of the period the worker decided on: confirmed (`true`) or not. Record
    /// them with [`Community::confirm_need`].
    pub confirmations: Vec<(crate::model::NeedId, bool)>,
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

/// A helper's lasting traits: (reliability, performs poorly, performed poorly last year). The
/// same for every period with the same seed, so a poor service stays poor and can be retired.
fn traits(seed: u64, helper: HelperId, p: &SimulationParams) -> (f64, bool, bool) {
    let mut rng = StreamRng::new(mix(seed, helper_key(helper)), 0);
    let reliability = 1.0 - rng.random::<f64>() * p.reliability_spread.clamp(0.0, 1.0);
    let poor = rng.random::<f64>() < p.poor_share;
    let before = rng.random::<f64>()
        < if poor {
            p.poor_last_year
        } else {
            p.poor_last_year / 10.0
        };
    (reliability, poor, before)
}

/// A survey response of `respondent` about `helper` with answers around `mean`.
fn answers(
    rng: &mut StreamRng,
    id: SurveyId,
    respondent: ResidentId,
    helper: HelperId,
    period: Period,
    mean: f64,
) -> SurveyResponse {
    let person = (rng.random::<f64>() - 0.5) * 1.2;
    let mut s = SurveyResponse::new(id, respondent, helper, period);
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
        s.answers.insert(d, likert(rng, mean + person + offset));
    }
    s
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
        confirmations: Vec::new(),
        time_bank: TimeBankPeriod {
            period,
            cap_minutes: Some(params.cap_minutes.max(1)),
            accounts: Vec::new(),
        },
    };
    let mut next_record = params.first_id;
    let mut next_survey = params.first_id;
    let mut earned: BTreeMap<u32, i64> = BTreeMap::new();
    let mut done: std::collections::BTreeSet<crate::model::NeedId> =
        std::collections::BTreeSet::new();
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
        let (reliability, poor, _) = traits(seed, a.helper, params);
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
        done.insert(need.id);
        if rng.random::<f64>() < params.response_rate {
            let mean = if poor {
                params.poor_mean
            } else {
                params.good_mean
            };
            let mut s = answers(
                &mut rng,
                SurveyId(next_survey),
                need.resident,
                a.helper,
                period,
                mean,
            );
            s.need = Some(need.id);
            out.surveys.push(s);
            next_survey = next_survey.wrapping_add(1);
        }
    }
    user_surveys(
        community,
        period,
        seed,
        params,
        &mut rng,
        next_survey,
        &mut out,
    );
    simulate_people(community, period, params, &mut rng, &mut out);
    confirm_inferred(community, period, params, &done, &mut rng, &mut out);
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

/// The services' own surveys of their regular users in `period` (about
/// `user_answers_per_place` answers per weekly place, pro rata), and last year's annual
/// evaluation of each service (`prior_year_answers` answers). Respondents are residents the
/// service admits. Ids follow `next_survey`.
fn user_surveys(
    community: &Community,
    period: Period,
    seed: u64,
    params: &SimulationParams,
    rng: &mut StreamRng,
    mut next_survey: u32,
    out: &mut Simulated,
) {
    let residents: Vec<&crate::model::Resident> = community.residents().collect();
    if residents.is_empty() {
        return;
    }
    let last_year = chrono::NaiveDate::from_ymd_opt(period.start.year() - 1, 1, 1)
        .zip(chrono::NaiveDate::from_ymd_opt(period.start.year(), 1, 1))
        .map(|(start, end)| Period { start, end });
    let weeks = f64::from(period.days()) / 7.0;
    for s in community
        .services()
        .filter(|s| s.status == crate::model::ServiceStatus::Active)
    {
        let helper = HelperId::Service(s.id);
        let (_, poor, before) = traits(seed, helper, params);
        let now_n =
            (f64::from(s.capacity_per_week) * params.user_answers_per_place.max(0.0) * weeks)
                .round() as u32;
        let mut batches = vec![(period, now_n, poor)];
        if let Some(y) = last_year {
            batches.push((y, params.prior_year_answers, before));
        }
        for (when, n, poor) in batches {
            let mean = if poor {
                params.poor_mean
            } else {
                params.good_mean
            };
            for _ in 0..n {
                // A resident the service admits (a few tries; a service nobody is admitted to
                // gets no answers).
                let who = (0..20)
                    .map(|_| residents[rng.random_range(0..residents.len())])
                    .find(|r| s.eligibility.admits(r, period.start));
                let Some(r) = who else { continue };
                out.surveys.push(answers(
                    rng,
                    SurveyId(next_survey),
                    r.id,
                    helper,
                    when,
                    mean,
                ));
                next_survey = next_survey.wrapping_add(1);
            }
        }
    }
}

/// Care records for most special-group residents, and the rounds through the period: each day,
/// every visit or call coming due is made with `contact_made` chance, an overdue one with a third
/// of it (catching up competes with the day's round).
fn simulate_people(
    community: &Community,
    period: Period,
    params: &SimulationParams,
    rng: &mut StreamRng,
    out: &mut Simulated,
) {
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
    }
    let policy = crate::model::ContactPolicy::default();
    let mut made: Vec<crate::care::Made> = Vec::new();
    for day in 0..i64::from(period.days()) {
        let Some(morning) = period
            .start
            .checked_add_signed(Duration::days(day))
            .and_then(|d| d.and_hms_opt(9, 0, 0))
        else {
            break;
        };
        let due = crate::care::contact_schedule(community, &made, morning, &policy);
        // A visit due and a call due on the same day: the visit does for both.
        let mut today: BTreeMap<ResidentId, (VisitKind, bool)> = BTreeMap::new();
        for d in &due.due {
            let kind = match d.kind {
                crate::model::ContactKind::Visit => VisitKind::Home,
                _ => VisitKind::Phone,
            };
            let late = d.status == crate::care::DueStatus::Overdue;
            let e = today.entry(d.resident).or_insert((kind, late));
            if kind == VisitKind::Home {
                e.0 = VisitKind::Home;
            }
            e.1 &= late;
        }
        for (resident, (kind, late)) in today {
            // Catching up on the overdue competes with the day's round: a third of the chance.
            let chance = if late {
                params.contact_made / 3.0
            } else {
                params.contact_made
            };
            if rng.random::<f64>() >= chance {
                continue;
            }
            let at = morning + Duration::minutes(rng.random_range(0..480));
            made.push(crate::care::Made {
                resident,
                at,
                kind: match kind {
                    VisitKind::Home => crate::model::ContactKind::Visit,
                    VisitKind::Phone => crate::model::ContactKind::Phone,
                },
            });
            out.visits.push(VisitLog { resident, at, kind });
        }
    }
    crate::cold::sort_by_key(&mut out.visits, |v| (v.at, v.resident));
}

/// The worker's verdict on the period's inferred needs that were served or whose resident was
/// contacted: confirmed with `inferred_confirmed` chance.
fn confirm_inferred(
    community: &Community,
    period: Period,
    params: &SimulationParams,
    done: &std::collections::BTreeSet<crate::model::NeedId>,
    rng: &mut StreamRng,
    out: &mut Simulated,
) {
    let contacted: std::collections::BTreeSet<ResidentId> =
        crate::cold::collect(out.visits.iter().map(|v| v.resident));
    for n in community
        .needs()
        .filter(|n| n.inferred_by.is_some() && period.contains(n.created_at))
    {
        if done.contains(&n.id) || contacted.contains(&n.resident) {
            let confirmed = rng.random::<f64>() < params.inferred_confirmed;
            out.confirmations.push((n.id, confirmed));
        }
    }
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
