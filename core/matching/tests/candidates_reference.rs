//! The candidate search against a brute-force reference on synthetic districts: every helper of
//! every need is checked one pair at a time ([`Matcher::why_not`] on a matcher that keeps no
//! candidate, so each answer comes from the pair check, never from the search), the distance
//! and the start are recomputed here from the model's own functions, and the plan is solved
//! again from the reference candidates alone. The search must find the same candidates in the
//! same order (cheapest first, ties by helper id; the K cheapest with a cap), count the same
//! eliminations, and the matcher's plan must be the reference plan, objective and assignments.
//!
//! The districts are those of the scale bench (`huzhu-scale`), smaller, on several seeds, at
//! the start of the week and in its middle (where windows are cut or passed), with some helpers
//! unavailable, some history and some reliability.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use huzhu::matching::solver::{FlowProblem, NetworkSimplex};
use huzhu::matching::*;
use huzhu::model::*;
use huzhu::synth::{DistrictConfig, generate};

/// One feasible pair as the reference finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    helper: HelperId,
    start: NaiveDateTime,
    distance_m: u32,
    cost: CostBreakdown,
}

/// Every helper of the community: volunteers by id, then services by id (the solver's order).
fn helpers(c: &Community) -> Vec<(HelperId, GeoPoint)> {
    c.volunteers()
        .map(|v| (HelperId::Volunteer(v.id), v.home))
        .chain(c.services().map(|s| (HelperId::Service(s.id), s.location)))
        .collect()
}

/// The need's windows still open at `now` and long enough for it.
fn open_windows(need: &Need, now: NaiveDateTime) -> Vec<TimeWindow> {
    need.windows
        .iter()
        .filter(|w| w.end > now)
        .map(|w| TimeWindow {
            start: w.start.max(now),
            end: w.end,
        })
        .filter(|w| w.minutes() >= i64::from(need.duration_minutes))
        .collect()
}

/// The earliest start of the need with this helper, from the model's schedule functions.
fn earliest(c: &Community, helper: HelperId, need: &Need, now: NaiveDateTime) -> NaiveDateTime {
    let windows = open_windows(need, now);
    let minutes = need.duration_minutes;
    let (schedule, recurring, always_open) = match helper {
        HelperId::Volunteer(id) => {
            let v = c.volunteer(id).unwrap();
            (&v.availability, &v.recurring, false)
        }
        HelperId::Service(id) => {
            let s = c.service(id).unwrap();
            let open = s.mode == ServiceMode::Device
                && s.schedule.slots.is_empty()
                && s.recurring.rules.is_empty();
            (&s.schedule, &s.recurring, open)
        }
    };
    let found = if recurring.is_empty() {
        if always_open {
            Some(windows[0].start)
        } else {
            windows
                .iter()
                .filter_map(|w| schedule.earliest_start(w, minutes))
                .min()
        }
    } else {
        let base = (!always_open).then_some(schedule);
        windows
            .iter()
            .filter_map(|w| recurring.earliest_start(base, w, minutes))
            .min()
    };
    found.expect("a feasible pair has a start")
}

/// For each need: every feasible helper (cheapest first, ties by helper id) and how many
/// helpers each constraint ruled out, each pair asked on its own.
fn reference(
    c: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
) -> BTreeMap<NeedId, (Vec<Expected>, BTreeMap<String, u32>)> {
    let mut pairs = Matcher::new(c, policy.clone().with_candidate_cap(Some(0)), ctx.clone())
        .expect("the matcher builds");
    pairs.solve().expect("the empty plan solves");
    let all = helpers(c);
    let mut out = BTreeMap::new();
    for need in c.needs() {
        if pairs.candidates(need.id).is_none() {
            continue;
        }
        let place = c.need_location(need);
        let mut feasible = Vec::new();
        let mut eliminated: BTreeMap<String, u32> = BTreeMap::new();
        for &(helper, at) in &all {
            match pairs
                .why_not(need.id, helper)
                .expect("every pair has an answer")
            {
                WhyNot::Capped { cost } => feasible.push(Expected {
                    helper,
                    start: earliest(c, helper, need, ctx.now),
                    distance_m: at.distance_m(place.expect("a feasible need has a place")),
                    cost,
                }),
                WhyNot::RuledOut { constraint } => {
                    *eliminated.entry(format!("{constraint:?}")).or_default() += 1;
                }
                other => panic!("{} / {helper}: {other:?} with no candidates", need.id),
            }
        }
        feasible.sort_by_key(|e| (e.cost.total, e.helper));
        out.insert(need.id, (feasible, eliminated));
    }
    out
}

/// The plan the reference candidates give: the matcher's needs (their penalties) and helpers
/// (their tiers), with only the reference's arcs, solved from scratch.
fn reference_plan(
    m: &Matcher<'_>,
    expected: &BTreeMap<NeedId, Vec<Expected>>,
    helpers: &[HelperId],
) -> (i64, Vec<(NeedId, HelperId, i64)>) {
    let given = m.problem();
    assert_eq!(given.needs(), expected.len());
    assert_eq!(given.suppliers(), helpers.len());
    let mut p = FlowProblem::new();
    for (i, _) in expected.iter().enumerate() {
        p.add_need(given.penalty(i).expect("a need")).unwrap();
    }
    for s in 0..helpers.len() {
        p.add_supplier(given.tiers(s)).unwrap();
    }
    let supplier: BTreeMap<HelperId, usize> =
        helpers.iter().enumerate().map(|(s, &h)| (h, s)).collect();
    let mut arcs = Vec::new();
    for (i, (&need, list)) in expected.iter().enumerate() {
        for e in list {
            p.add_arc(i, supplier[&e.helper], e.cost.total).unwrap();
            arcs.push((need, e.helper, e.cost.total));
        }
    }
    let sol = NetworkSimplex::new().solve(&p).unwrap();
    assert!(sol.optimal);
    let assigned = sol.assignment.iter().flatten().map(|&a| arcs[a]).collect();
    (sol.objective, assigned)
}

fn check(c: &Community, policy: &MatchPolicy, ctx: &MatchContext, label: &str) {
    let reference = reference(c, policy, ctx);
    let cap = policy.candidate_cap;
    let total = helpers(c).len() as u32;
    let m = Matcher::new(c, policy.clone(), ctx.clone()).expect("the matcher builds");
    let mut kept = BTreeMap::new();
    for (&id, (feasible, eliminated)) in &reference {
        let got = m.candidates(id).expect("the need takes part");
        let want: Vec<Expected> = feasible
            .iter()
            .take(cap.unwrap_or(usize::MAX))
            .cloned()
            .collect();
        let found: Vec<Expected> = got
            .candidates
            .iter()
            .map(|x| Expected {
                helper: x.helper,
                start: x.start,
                distance_m: x.distance_m,
                cost: x.cost,
            })
            .collect();
        assert_eq!(found, want, "{label}: candidates of {id}");
        let counted: u32 = got.eliminated.iter().map(|e| e.count).sum();
        assert_eq!(
            got.candidates.len() as u32 + got.capped + counted,
            total,
            "{label}: every helper of {id} counted once"
        );
        let mut by_constraint: BTreeMap<String, u32> = BTreeMap::new();
        for e in &got.eliminated {
            *by_constraint
                .entry(format!("{:?}", e.constraint))
                .or_default() += e.count;
        }
        // With a cap, the search may leave far helpers unexamined; the others are counted
        // as checking every pair counts them.
        let unexamined = by_constraint.remove("NotExamined").unwrap_or(0);
        let dropped = (feasible.len() - want.len()) as u32;
        if unexamined == 0 {
            assert_eq!(got.capped, dropped, "{label}: capped of {id}");
            assert_eq!(&by_constraint, eliminated, "{label}: eliminations of {id}");
        } else {
            assert!(cap.is_some(), "{label}: {id} unexamined without a cap");
            assert!(got.capped <= dropped, "{label}: capped of {id}");
            for (constraint, &n) in &by_constraint {
                assert!(
                    n <= eliminated.get(constraint).copied().unwrap_or(0),
                    "{label}: {constraint} of {id}"
                );
            }
        }
        kept.insert(id, want);
    }
    let mut m = m;
    let plan = m.solve().expect("the plan solves");
    let (objective, assigned) = reference_plan(&m, &kept, &helpers_in_order(c));
    assert_eq!(plan.objective, objective, "{label}: objective");
    let got: Vec<(NeedId, HelperId, i64)> = plan
        .assignments
        .iter()
        .map(|a| (a.need, a.helper, a.cost.total))
        .collect();
    let mut assigned = assigned;
    assigned.sort_unstable();
    let mut got = got;
    got.sort_unstable();
    assert_eq!(got, assigned, "{label}: assignments");
}

fn helpers_in_order(c: &Community) -> Vec<HelperId> {
    helpers(c).into_iter().map(|(h, _)| h).collect()
}

fn district(residents: u32, seed: u64) -> (Community, NaiveDateTime) {
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let d = generate(
        &DistrictConfig::new(residents, week)
            .with_seed(seed)
            .with_needs_recorded_in_advance(true),
    )
    .expect("the district generates");
    (d.community, week.and_hms_opt(0, 0, 0).unwrap())
}

#[test]
fn search_finds_what_every_pair_check_finds_on_synthetic_districts() {
    for (residents, seed) in [(2_000, 2026), (3_000, 7), (4_000, 11), (2_500, 99)] {
        let (c, start) = district(residents, seed);
        for cap in [None, Some(40), Some(3), Some(1)] {
            let policy = MatchPolicy::default().with_candidate_cap(cap);
            let ctx = MatchContext::new(start);
            check(&c, &policy, &ctx, &format!("{residents}/{seed}/{cap:?}"));
        }
    }
}

#[test]
fn search_agrees_mid_week_with_history_reliability_and_absences() {
    for (residents, seed) in [(3_000, 5), (2_000, 2026)] {
        let (c, start) = district(residents, seed);
        let now = start + Duration::hours(62) + Duration::minutes(17);
        let mut ctx = MatchContext::new(now);
        for (k, v) in c.volunteers().enumerate() {
            if k % 7 == 0 {
                ctx.unavailable.insert(HelperId::Volunteer(v.id));
            }
            if k % 5 == 1 {
                ctx = ctx.with_reliability(HelperId::Volunteer(v.id), 1000);
            }
        }
        for (k, s) in c.services().enumerate() {
            if k % 4 == 0 {
                ctx.unavailable.insert(HelperId::Service(s.id));
            }
        }
        for (k, n) in c.needs().enumerate() {
            if k % 3 == 0
                && let Some(v) = c.volunteers().nth(k % c.volunteers().len().max(1))
            {
                ctx = ctx.with_history(n.resident, HelperId::Volunteer(v.id));
            }
        }
        for cap in [None, Some(40), Some(2)] {
            let policy = MatchPolicy::default().with_candidate_cap(cap);
            check(
                &c,
                &policy,
                &ctx,
                &format!("mid-week {residents}/{seed}/{cap:?}"),
            );
        }
    }
}
