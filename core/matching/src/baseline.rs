//! The baseline huzhu is measured against: a dispatcher who works as a residents' committee does
//! by phone.
//!
//! At each round the dispatcher takes the open needs in the order they came in (first come,
//! first served: recorded time, then need id; urgency is not looked at) and, for each, phones the
//! helpers nearest first and books the first one who can take it **now**: who passes every hard
//! constraint the matcher checks (skills, category, distance, eligibility, preferences,
//! availability), still has capacity this week, and can start before the next round. A need no
//! helper can start before the next round waits for a later round (the dispatcher does not book
//! ahead), and nothing booked is ever moved to make room for a later need (no look-ahead).
//!
//! The rule is deliberately simple and documented so that the comparison is honest: it is what
//! the documents describe before intelligent matching (demand met where the phone reaches, slow
//! to respond), not a strawman that refuses to work.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::engine::{service_tiers, skip_committed, volunteer_tiers};
use super::plan::{Assignment, MatchPlan, MatchStats, Unmatched, UnmatchedReason};
use super::{Candidate, MatchContext, MatchError, MatchPolicy, Matcher};
use huzhu_model::{Community, HelperId, NeedId};

/// One round of the phone dispatcher at `ctx.now`, booking only helpers who can start before
/// `next_round` (the dispatcher calls again then).
///
/// Every open need recorded by `ctx.now` is taken in order of arrival (ties by need id); each is
/// booked with the nearest helper (ties by helper id) that passes the matcher's hard constraints,
/// has task capacity left after `ctx.committed` and this round's bookings, and can start before
/// `next_round`. The helper list is not capped (a dispatcher phones down the whole list), whatever
/// `policy.candidate_cap` says. Needs left over are listed as unmatched: `NoCandidate` when no
/// helper passes the constraints, otherwise `Unserved` with the nearest candidate and the needs
/// booked on it this round (empty when that helper is free but cannot start before the next
/// round). Costs are the matcher's, so plans are comparable; the plan is never `optimal`.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use huzhu::matching::{MatchContext, MatchPolicy, dispatch_by_phone};
/// use huzhu::model::*;
/// let at = |d, h| NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let home = GeoPoint { lat: 31.2300, lon: 121.4700 };
/// let mut c = Community::new("x");
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(), home, GridId(1)))?;
/// let mut v = Volunteer::new(VolunteerId(1), GeoPoint { lat: 31.2310, lon: 121.4700 });
/// v.availability = WeeklySchedule::daily(NaiveTime::from_hms_opt(8, 0, 0).unwrap(), NaiveTime::from_hms_opt(20, 0, 0).unwrap());
/// c.add_volunteer(v)?;
/// let w = TimeWindow::new(at(23, 9), at(23, 12))?;
/// c.add_need(Need::new(NeedId(1), ResidentId(1), "elder.meals".into(), at(23, 8), w, 60))?;
/// let plan = dispatch_by_phone(&c, &MatchPolicy::default(), &MatchContext::new(at(23, 8)), at(23, 10))?;
/// assert_eq!(plan.assignments[0].helper, HelperId::Volunteer(VolunteerId(1)));
/// // With the next round at 09:00, nobody can start before it: the need waits for that round.
/// let early = dispatch_by_phone(&c, &MatchPolicy::default(), &MatchContext::new(at(23, 8)), at(23, 9))?;
/// assert!(early.assignments.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn dispatch_by_phone(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    next_round: NaiveDateTime,
) -> Result<MatchPlan, MatchError> {
    let uncapped = policy.clone().with_candidate_cap(None);
    let matcher = Matcher::new(community, uncapped.clone(), ctx.clone())?;
    let mut order: Vec<(NaiveDateTime, NeedId)> = community
        .needs()
        .filter(|n| matcher.candidates(n.id).is_some())
        .map(|n| (n.created_at, n.id))
        .collect();
    order.sort_unstable();
    let mut left: BTreeMap<HelperId, u64> = BTreeMap::new();
    let mut booked: BTreeMap<HelperId, Vec<NeedId>> = BTreeMap::new();
    let mut plan = MatchPlan {
        assignments: Vec::new(),
        unmatched: Vec::new(),
        objective: 0,
        lower_bound: None,
        optimal: false,
        stats: MatchStats {
            needs: order.len(),
            ..MatchStats::default()
        },
    };
    for (_, id) in order {
        let Some(cands) = matcher.candidates(id) else {
            continue;
        };
        plan.stats.candidates += cands.candidates.len();
        let mut by_distance: Vec<&Candidate> = cands.candidates.iter().collect();
        by_distance.sort_by_key(|c| (c.distance_m, c.helper));
        let mut chosen = None;
        for c in &by_distance {
            if c.start >= next_round {
                continue;
            }
            let cap = left
                .entry(c.helper)
                .or_insert_with(|| tasks_left(community, &uncapped, ctx, c.helper));
            if *cap > 0 {
                *cap -= 1;
                chosen = Some(**c);
                break;
            }
        }
        if let Some(c) = chosen {
            booked.entry(c.helper).or_default().push(id);
            plan.objective += c.cost.total;
            plan.assignments.push(Assignment {
                need: id,
                helper: c.helper,
                start: c.start,
                distance_m: c.distance_m,
                cost: c.cost,
                load_cost: 0,
                score: c.cost.score(&uncapped),
                pinned: false,
            });
        } else {
            let penalty = super::engine::penalty_for(community, &uncapped, need_of(community, id)?);
            plan.objective += penalty;
            let reason = match by_distance.first() {
                None => UnmatchedReason::NoCandidate {
                    eliminated: cands.eliminated.clone(),
                    summary: cands.elimination_summary(),
                },
                Some(nearest) => UnmatchedReason::Unserved {
                    closest: nearest.helper,
                    cost: nearest.cost.total,
                    taken_by: booked.get(&nearest.helper).cloned().unwrap_or_default(),
                    candidates: u32::try_from(cands.candidates.len()).unwrap_or(u32::MAX),
                },
            };
            plan.unmatched.push(Unmatched {
                need: id,
                penalty,
                reason,
            });
        }
    }
    plan.assignments.sort_by_key(|a| a.need);
    plan.unmatched.sort_by_key(|u| u.need);
    plan.stats.helpers = community.volunteers().len() + community.services().len();
    Ok(plan)
}

fn need_of(community: &Community, id: NeedId) -> Result<&huzhu_model::Need, MatchError> {
    community
        .need(id)
        .ok_or(MatchError::UnknownNeed { need: id })
}

/// Tasks a helper can still take this week: the matcher's capacity (a volunteer's
/// `minutes_per_week` over `policy.nominal_task_minutes`, at least one; a service's
/// `capacity_per_week`) less `ctx.committed`; zero for an unknown helper.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::matching::{MatchContext, MatchPolicy, tasks_left};
/// use huzhu::model::*;
/// let mut c = Community::new("x");
/// let mut v = Volunteer::new(VolunteerId(1), GeoPoint { lat: 31.2, lon: 121.5 });
/// v.minutes_per_week = 180;
/// c.add_volunteer(v)?;
/// let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let h = HelperId::Volunteer(VolunteerId(1));
/// assert_eq!(tasks_left(&c, &MatchPolicy::default(), &MatchContext::new(now), h), 3);
/// assert_eq!(tasks_left(&c, &MatchPolicy::default(), &MatchContext::new(now).with_committed(h, 2), h), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tasks_left(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    helper: HelperId,
) -> u64 {
    let tiers = match helper {
        HelperId::Volunteer(id) => community
            .volunteer(id)
            .map(|v| volunteer_tiers(v, policy))
            .unwrap_or_default(),
        HelperId::Service(id) => community.service(id).map(service_tiers).unwrap_or_default(),
    };
    skip_committed(tiers, ctx.committed.get(&helper).copied().unwrap_or(0))
        .iter()
        .map(|t| u64::from(t.capacity))
        .sum()
}
