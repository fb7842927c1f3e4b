//! Hours-budget matching: when needs use different amounts of a volunteer's weekly hours and a
//! volunteer cannot do two overlapping needs, matching is a Generalized Assignment Problem.
//!
//! The same candidates as the exact matcher become GAP pairs: a volunteer's capacity is its
//! weekly minutes and a need weighs its duration plus the walk there and back; a service's
//! capacity is its weekly tasks and a need weighs one task. Two needs whose times (with travel)
//! overlap for a volunteer conflict at that volunteer only. The GAP solver returns a plan with a
//! Lagrangian lower bound, so every answer states its gap. Fairness tiers do not apply here:
//! the hours budget itself limits each volunteer's load.

use std::collections::BTreeMap;

use chrono::Duration;

use super::candidates::candidates_for;
use super::engine::penalty_for;
use super::gap::{GapBuilder, GapOptions, solve};
use super::plan::{Assignment, MatchPlan, MatchStats, SolverKind, Unmatched, UnmatchedReason};
use super::supply::Supply;
use super::{MatchContext, MatchError, MatchPolicy, NeedCandidates};
use huzhu_model::{Community, HelperId, NeedId};

/// Matches open or matched needs under volunteers' weekly hour budgets and time conflicts.
///
/// `should_stop` is the time limit: the caller's clock decides (the core reads none). The plan's
/// `lower_bound` is valid for the hours-budget problem, and `optimal` says whether the
/// objective meets it.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use huzhu::matching::{match_with_hours, gap::GapOptions, MatchContext, MatchPolicy};
/// use huzhu::model::*;
/// let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
/// let at = |h| day.and_hms_opt(h, 0, 0).unwrap();
/// let home = GeoPoint { lat: 31.23, lon: 121.47 };
/// let mut c = Community::new("Demo");
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1944, 1, 1).unwrap(), home, GridId(1))).unwrap();
/// let mut v = Volunteer::new(VolunteerId(1), home); // 240 minutes a week
/// v.availability = WeeklySchedule::daily(NaiveTime::from_hms_opt(8, 0, 0).unwrap(), NaiveTime::from_hms_opt(20, 0, 0).unwrap());
/// c.add_volunteer(v).unwrap();
/// for (id, h) in [(1, 9), (2, 9), (3, 14)] {
///     c.add_need(Need::new(NeedId(id), ResidentId(1), "elder.cleaning".into(), at(8), TimeWindow::new(at(h), at(h + 2)).unwrap(), 120)).unwrap();
/// }
/// let plan = match_with_hours(&c, &MatchPolicy::default(), &MatchContext::new(at(8)), &GapOptions::default().with_max_iterations(50), &mut || false).unwrap();
/// // Needs 1 and 2 overlap: the volunteer takes one of them and need 3 (240 minutes in all).
/// assert_eq!(plan.assignments.len(), 2);
/// assert!(plan.assignment(NeedId(3)).is_some());
/// assert!(plan.lower_bound.unwrap() <= plan.objective);
/// ```
pub fn match_with_hours(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    options: &GapOptions,
    should_stop: &mut dyn FnMut() -> bool,
) -> Result<MatchPlan, MatchError> {
    policy.check()?;
    ctx.check()?;
    let supply = Supply::new(community);
    let helpers = supply.helper_ids();
    let agent_of: BTreeMap<HelperId, usize> =
        huzhu_model::cold::collect(helpers.iter().enumerate().map(|(i, h)| (*h, i)));
    let mut b = GapBuilder::new();
    // Capacity already committed this period is taken off: a nominal task's minutes for a
    // volunteer, one task for a service.
    let committed = |h: HelperId| i64::from(ctx.committed.get(&h).copied().unwrap_or(0));
    for v in &supply.volunteers {
        let used = committed(HelperId::Volunteer(v.id)) * i64::from(policy.nominal_task_minutes);
        b.add_agent((i64::from(v.minutes_per_week) - used).max(0));
    }
    for s in &supply.services {
        b.add_agent((i64::from(s.capacity_per_week) - committed(HelperId::Service(s.id))).max(0));
    }
    let needs: Vec<&huzhu_model::Need> = community
        .needs()
        .filter(|n| super::engine::is_matchable(n, ctx))
        .collect();
    let mut all: Vec<(NeedCandidates, i64)> = Vec::with_capacity(needs.len());
    // Per volunteer agent: (start, end, job) of each candidate task, for conflicts.
    let mut busy: BTreeMap<usize, Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime, usize)>> =
        BTreeMap::new();
    for need in &needs {
        let cands = candidates_for(community, &supply, policy, ctx, need);
        let penalty = penalty_for(community, policy, need);
        let job = b.add_job(Some(penalty));
        for c in &cands.candidates {
            let agent = agent_of[&c.helper];
            let weight = match c.helper {
                HelperId::Volunteer(_) => {
                    let walk = community.walking().minutes_for(c.distance_m);
                    let weight = i64::from(need.duration_minutes) + 2 * i64::from(walk);
                    let end = c.start + Duration::minutes(weight - i64::from(walk));
                    let begin = c.start - Duration::minutes(i64::from(walk));
                    busy.entry(agent).or_default().push((begin, end, job));
                    weight
                }
                HelperId::Service(_) => 1,
            };
            b.add_pair(agent, job, c.cost.total, weight);
        }
        all.push((cands, penalty));
    }
    for (agent, mut tasks) in busy {
        huzhu_model::cold::sort(&mut tasks);
        for i in 0..tasks.len() {
            for t in &tasks[i + 1..] {
                if t.0 >= tasks[i].1 {
                    break;
                }
                b.add_conflict_at(agent, tasks[i].2, t.2);
            }
        }
    }
    let problem = b.build()?;
    let solution = solve(&problem, options, should_stop)?;

    let mut served: BTreeMap<HelperId, Vec<NeedId>> = BTreeMap::new();
    for (job, a) in solution.assignment.iter().enumerate() {
        if let Some(a) = a {
            served.entry(helpers[*a]).or_default().push(needs[job].id);
        }
    }
    let mut assignments = Vec::new();
    let mut unmatched = Vec::new();
    let mut candidates = 0;
    for (job, (cands, penalty)) in all.iter().enumerate() {
        candidates += cands.candidates.len();
        let chosen = solution.assignment[job]
            .and_then(|a| cands.candidates.iter().find(|c| c.helper == helpers[a]));
        if let Some(c) = chosen {
            assignments.push(Assignment {
                need: cands.need,
                helper: c.helper,
                start: c.start,
                distance_m: c.distance_m,
                cost: c.cost,
                load_cost: 0,
                score: c.cost.score(policy),
                pinned: false,
            });
            continue;
        }
        let reason = match cands.candidates.first() {
            None => UnmatchedReason::NoCandidate {
                summary: cands.elimination_summary(),
                eliminated: cands.eliminated.clone(),
            },
            Some(c) => UnmatchedReason::Unserved {
                closest: c.helper,
                cost: c.cost.total,
                taken_by: served.get(&c.helper).cloned().unwrap_or_default(),
                candidates: cands.candidates.len() as u32,
            },
        };
        unmatched.push(Unmatched {
            need: cands.need,
            penalty: *penalty,
            reason,
        });
    }
    Ok(MatchPlan {
        assignments,
        unmatched,
        objective: solution.objective,
        lower_bound: Some(solution.lower_bound),
        optimal: solution.proven_optimal,
        stats: MatchStats {
            needs: needs.len(),
            helpers: helpers.len(),
            candidates,
            arcs: problem.pairs().len(),
            iterations: solution.iterations,
            solver: Some(SolverKind::Gap),
            ..MatchStats::default()
        },
    })
}
