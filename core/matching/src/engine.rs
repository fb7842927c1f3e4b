//! The matcher: candidates → flow problem → exact solve → plan, with pins and incremental
//! changes re-solved warm.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::candidates::{candidates_for, check_pair};
use super::plan::{Assignment, MatchPlan, MatchStats, SolverKind, Unmatched, UnmatchedReason};
use super::solver::Residual;
use super::solver::{
    FlowProblem, NetworkSimplex, Solution, SuccessiveShortestPaths, Tier, VerifyError, verify,
};
use super::supply::Supply;
use super::{Candidate, MatchContext, MatchError, MatchPolicy, MatcherCommunity, NeedCandidates};
use huzhu_model::{
    Community, HelperId, Need, NeedId, NeedStatus, Service, SpecialGroups, Urgency, Volunteer,
};

/// Needs whose candidates are found between two progress reports and cancellation checks.
const CHUNK: usize = 4096;

/// A progress callback: phase name (`"candidates"` or `"solve"`), done, total.
pub type ProgressFn<'h> = &'h mut dyn FnMut(&str, u64, u64);

/// Optional callbacks for long runs: a monotonic clock (nanoseconds) for per-phase times,
/// a progress report `(phase, done, total)`, and a cancellation check. The core never reads a
/// clock itself.
#[derive(Default)]
pub struct Hooks<'h> {
    /// Monotonic clock in nanoseconds.
    pub clock: Option<&'h mut dyn FnMut() -> u64>,
    /// Progress: phase name (`"candidates"` or `"solve"`), done, total.
    pub progress: Option<ProgressFn<'h>>,
    /// Returns `true` to stop; checked every few thousand needs or pivots.
    pub cancel: Option<&'h mut dyn FnMut() -> bool>,
}

impl Hooks<'_> {
    fn now(&mut self) -> Option<u64> {
        self.clock.as_mut().map(|c| c())
    }
}

/// Who serves whom in the last solve, and its residual network with distances to the sink.
pub(crate) struct Duals {
    pub(crate) served: Vec<Vec<NeedId>>,
    pub(crate) residual: Option<Residual>,
    pub(crate) to_sink: Option<(Vec<i64>, Vec<u32>)>,
}

struct NeedSlot {
    cands: NeedCandidates,
    /// Arc index of each candidate, parallel to `cands.candidates` (the solver numbers arcs
    /// below 2²⁶, and a city's millions of arcs are listed here once more).
    arcs: Vec<u32>,
    penalty: i64,
}

/// Matches a community's open needs to its volunteers and services, exactly.
///
/// Open needs take part, and matched ones whose match the context confirms (pinned). The first
/// solve uses the network simplex; later solves, after pins or changes, re-solve warm with
/// successive shortest paths from the previous optimum, so the rest stays optimal without
/// reshuffling pinned needs.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
/// use huzhu::model::*;
/// let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
/// let at = |h| day.and_hms_opt(h, 0, 0).unwrap();
/// let home = GeoPoint { lat: 31.2300, lon: 121.4700 };
/// let mut c = Community::new("Demo");
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1944, 1, 1).unwrap(), home, GridId(1))).unwrap();
/// let mut v = Volunteer::new(VolunteerId(1), home.offset_m(400.0, 0.0));
/// v.availability = WeeklySchedule::weekdays(NaiveTime::from_hms_opt(9, 0, 0).unwrap(), NaiveTime::from_hms_opt(12, 0, 0).unwrap());
/// c.add_volunteer(v).unwrap();
/// let need = Need::new(NeedId(1), ResidentId(1), "elder.cleaning".into(), at(8), TimeWindow::new(at(10), at(12)).unwrap(), 60);
/// c.add_need(need).unwrap();
///
/// let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(at(8))).unwrap();
/// let plan = m.solve().unwrap();
/// m.verify().unwrap();
/// assert!(plan.optimal);
/// let a = plan.assignment(NeedId(1)).unwrap();
/// assert_eq!(a.helper, HelperId::Volunteer(VolunteerId(1)));
/// assert_eq!(a.cost.travel, 50); // 400 m is 5 walking minutes at 10 per minute
/// ```
pub struct Matcher<'a> {
    community: MatcherCommunity<'a>,
    policy: MatchPolicy,
    ctx: MatchContext,
    supply: Supply,
    /// Supplier index → helper (a changed helper gets a new index; the old one is retired).
    helpers: Vec<HelperId>,
    helper_index: FxHashMap<HelperId, usize>,
    slots: Vec<NeedSlot>,
    need_index: BTreeMap<NeedId, usize>,
    problem: FlowProblem,
    last: Option<Solution>,
    last_solver: Option<SolverKind>,
    pins: BTreeMap<NeedId, HelperId>,
    candidate_nanos: Option<u64>,
}

impl<'a> Matcher<'a> {
    /// Builds the candidates and the flow problem for every open need recorded by `ctx.now`
    /// (a need created later does not exist yet at that moment), and every matched need whose
    /// match `ctx.confirmed` lists, pinned to its helper.
    pub fn new(
        community: &'a Community,
        policy: MatchPolicy,
        ctx: MatchContext,
    ) -> Result<Self, MatchError> {
        Self::with_hooks(community, policy, ctx, &mut Hooks::default())
    }

    /// As [`Matcher::new`], with hooks, taking the community borrowed, owned or shared (any
    /// [`MatcherCommunity`]: `&Community`, `Community`, `Arc<Community>`, `Cow<Community>`).
    pub fn with_hooks(
        community: impl Into<MatcherCommunity<'a>>,
        policy: MatchPolicy,
        ctx: MatchContext,
        hooks: &mut Hooks<'_>,
    ) -> Result<Self, MatchError> {
        policy.check()?;
        ctx.check()?;
        let t0 = hooks.now();
        let community = community.into();
        let supply = Supply::new(&community);
        let mut m = Self {
            supply,
            community,
            policy,
            ctx,
            helpers: Vec::new(),
            helper_index: FxHashMap::default(),
            slots: Vec::new(),
            need_index: BTreeMap::new(),
            problem: FlowProblem::new(),
            last: None,
            last_solver: None,
            pins: BTreeMap::new(),
            candidate_nanos: None,
        };
        for h in m.supply.helper_ids() {
            m.add_supplier(h)?;
        }
        let ids: Vec<NeedId> = m
            .community
            .needs()
            .filter(|n| is_matchable(n, &m.ctx))
            .map(|n| n.id)
            .collect();
        let total = ids.len() as u64;
        // Candidates are found in an order that keeps nearby needs together (their searches
        // read the same helpers, which then stay in the cache), and join the problem in id
        // order.
        let needs: Vec<&Need> = ids
            .iter()
            .map(|&id| {
                m.community
                    .need(id)
                    .ok_or(MatchError::UnknownNeed { need: id })
            })
            .collect::<Result<_, _>>()?;
        let mut order: Vec<(u64, usize)> = needs
            .iter()
            .enumerate()
            .map(|(k, n)| {
                let key = m
                    .community
                    .need_location(n)
                    .map_or(u64::MAX, |p| m.supply.locality_key(p));
                (key, k)
            })
            .collect();
        order.sort_unstable();
        let mut found: Vec<Option<NeedCandidates>> = vec![None; needs.len()];
        for (chunk_at, chunk) in order.chunks(CHUNK).enumerate() {
            if let Some(p) = hooks.progress.as_mut() {
                p("candidates", (chunk_at * CHUNK) as u64, total);
            }
            if hooks.cancel.as_mut().is_some_and(|c| c()) {
                return Err(super::solver::SolveError::Cancelled.into());
            }
            m.find_candidates(&needs, chunk, &mut found);
        }
        if let Some(p) = hooks.progress.as_mut() {
            p("candidates", total, total);
        }
        drop(needs);
        for (id, cands) in ids.into_iter().zip(found) {
            let cands = cands.ok_or(MatchError::UnknownNeed { need: id })?;
            m.add_slot_with(id, cands)?;
        }
        let confirmed: Vec<(NeedId, HelperId)> =
            m.ctx.confirmed.iter().map(|(n, h)| (*n, *h)).collect();
        for (need, helper) in confirmed {
            if m.need_index.contains_key(&need) {
                m.pin(need, helper)?;
            }
        }
        if let (Some(a), Some(b)) = (t0, hooks.now()) {
            m.candidate_nanos = Some(b.saturating_sub(a));
        }
        Ok(m)
    }

    /// The community being matched (with any changes made through the matcher).
    pub fn community(&self) -> &Community {
        &self.community
    }

    /// The policy.
    pub fn policy(&self) -> &MatchPolicy {
        &self.policy
    }

    /// The candidates of a need, cheapest first.
    pub fn candidates(&self, need: NeedId) -> Option<&NeedCandidates> {
        self.need_index.get(&need).map(|&i| &self.slots[i].cands)
    }

    /// The flow problem behind the matcher (for inspection and outside checks).
    pub fn problem(&self) -> &FlowProblem {
        &self.problem
    }

    /// The last solution, if solved.
    pub fn solution(&self) -> Option<&Solution> {
        self.last.as_ref()
    }

    fn tiers_for(&self, helper: HelperId) -> Vec<Tier> {
        let tiers = match helper {
            HelperId::Volunteer(id) => self
                .supply
                .volunteer(id)
                .map(|v| volunteer_tiers(v, &self.policy))
                .unwrap_or_default(),
            HelperId::Service(id) => self
                .supply
                .service(id)
                .map(service_tiers)
                .unwrap_or_default(),
        };
        skip_committed(tiers, self.ctx.committed.get(&helper).copied().unwrap_or(0))
    }

    fn add_supplier(&mut self, helper: HelperId) -> Result<usize, MatchError> {
        let tiers = self.tiers_for(helper);
        let s = self.problem.add_supplier(&tiers)?;
        self.helpers.push(helper);
        self.helper_index.insert(helper, s);
        Ok(s)
    }

    fn add_slot(&mut self, id: NeedId) -> Result<(), MatchError> {
        let need = self
            .community
            .need(id)
            .ok_or(MatchError::UnknownNeed { need: id })?;
        let cands = candidates_for(&self.community, &self.supply, &self.policy, &self.ctx, need);
        self.add_slot_with(id, cands)
    }

    /// Finds the candidates of `needs[k]` for every `(_, k)` in `chunk`, into `found[k]`.
    #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
    fn find_candidates(
        &self,
        needs: &[&Need],
        chunk: &[(u64, usize)],
        found: &mut [Option<NeedCandidates>],
    ) {
        for &(_, k) in chunk {
            found[k] = Some(candidates_for(
                &self.community,
                &self.supply,
                &self.policy,
                &self.ctx,
                needs[k],
            ));
        }
    }

    /// Finds the candidates of `needs[k]` for every `(_, k)` in `chunk`, into `found[k]`, on
    /// all of rayon's threads (each need's candidates depend on nothing but the need, so the
    /// result is the same).
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    fn find_candidates(
        &self,
        needs: &[&Need],
        chunk: &[(u64, usize)],
        found: &mut [Option<NeedCandidates>],
    ) {
        use rayon::prelude::*;
        let (community, supply, policy, ctx) =
            (&*self.community, &self.supply, &self.policy, &self.ctx);
        let done: Vec<(usize, NeedCandidates)> = chunk
            .par_iter()
            .map(|&(_, k)| (k, candidates_for(community, supply, policy, ctx, needs[k])))
            .collect();
        for (k, c) in done {
            found[k] = Some(c);
        }
    }

    /// Adds a need with its candidates to the problem.
    fn add_slot_with(&mut self, id: NeedId, cands: NeedCandidates) -> Result<(), MatchError> {
        let need = self
            .community
            .need(id)
            .ok_or(MatchError::UnknownNeed { need: id })?;
        let penalty = penalty_for(&self.community, &self.policy, need);
        let index = self.problem.add_need(Some(penalty))?;
        let mut arcs = Vec::with_capacity(cands.candidates.len());
        for c in &cands.candidates {
            let s = self.helper_index[&c.helper];
            arcs.push(self.problem.add_arc(index, s, c.cost.total)? as u32);
        }
        debug_assert_eq!(index, self.slots.len());
        self.slots.push(NeedSlot {
            cands,
            arcs,
            penalty,
        });
        self.need_index.insert(id, index);
        Ok(())
    }

    /// Solves (or re-solves warm after changes) and returns the plan.
    pub fn solve(&mut self) -> Result<MatchPlan, MatchError> {
        self.solve_with(&mut Hooks::default())
    }

    /// As [`Matcher::solve`], with hooks for timing, progress and cancellation. A cancelled
    /// solve returns the best feasible plan so far with `optimal == false`, or an error if it
    /// had none.
    pub fn solve_with(&mut self, hooks: &mut Hooks<'_>) -> Result<MatchPlan, MatchError> {
        let t0 = hooks.now();
        if let Some(p) = hooks.progress.as_mut() {
            p("solve", 0, 1);
        }
        let mut never = || false;
        let cancel: &mut dyn FnMut() -> bool = match hooks.cancel.as_mut() {
            Some(c) => &mut **c,
            None => &mut never,
        };
        let (solution, kind) = match &self.last {
            Some(prev) => (
                SuccessiveShortestPaths::new()
                    .warm_start(prev)
                    .with_cancel(cancel, 64)
                    .solve(&self.problem)?,
                SolverKind::SuccessiveShortestPaths,
            ),
            None => (
                NetworkSimplex::new()
                    .with_cancel(cancel, 4096)
                    .solve(&self.problem)?,
                SolverKind::NetworkSimplex,
            ),
        };
        self.last = Some(solution);
        self.last_solver = Some(kind);
        if let Some(p) = hooks.progress.as_mut() {
            p("solve", 1, 1);
        }
        let t1 = hooks.now();
        let mut plan = self.plan();
        let t2 = hooks.now();
        plan.stats.candidate_nanos = self.candidate_nanos;
        if let (Some(a), Some(b), Some(c)) = (t0, t1, t2) {
            plan.stats.solve_nanos = Some(b.saturating_sub(a));
            plan.stats.explain_nanos = Some(c.saturating_sub(b));
        }
        Ok(plan)
    }

    /// Checks the last solution's feasibility and optimality conditions (reduced costs and
    /// complementary slackness under its dual potentials).
    pub fn verify(&self) -> Result<(), VerifyError> {
        match &self.last {
            Some(s) => verify(&self.problem, s),
            None => Ok(()),
        }
    }

    /// Which candidate index of a slot uses `arc`.
    fn candidate_of(slot: &NeedSlot, arc: usize) -> Option<&Candidate> {
        slot.arcs
            .iter()
            .position(|&a| a as usize == arc)
            .map(|i| &slot.cands.candidates[i])
    }

    /// Needs assigned to each supplier index, in need-id order.
    pub(crate) fn served_by(&self) -> Vec<Vec<NeedId>> {
        let mut out = vec![Vec::new(); self.helpers.len()];
        if let Some(sol) = &self.last {
            for (&id, &i) in &self.need_index {
                if let Some(arc) = sol.assignment.get(i).copied().flatten()
                    && let Some(c) = self.problem.arc(arc)
                {
                    out[c.supplier].push(id);
                }
            }
        }
        out
    }

    pub(crate) fn slot(&self, need: NeedId) -> Option<(usize, &NeedCandidates, i64)> {
        self.need_index
            .get(&need)
            .map(|&i| (i, &self.slots[i].cands, self.slots[i].penalty))
    }

    pub(crate) fn slot_arcs(&self, index: usize) -> &[u32] {
        &self.slots[index].arcs
    }

    pub(crate) fn context(&self) -> &MatchContext {
        &self.ctx
    }

    pub(crate) fn supply(&self) -> &Supply {
        &self.supply
    }

    pub(crate) fn supplier_of(&self, helper: HelperId) -> Option<usize> {
        self.helper_index.get(&helper).copied()
    }

    /// Assembles the plan from the last solution.
    fn plan(&self) -> MatchPlan {
        let Some(sol) = &self.last else {
            return MatchPlan {
                assignments: Vec::new(),
                unmatched: Vec::new(),
                objective: 0,
                lower_bound: None,
                optimal: false,
                stats: MatchStats::default(),
            };
        };
        let duals = self.duals();
        let served = &duals.served;
        let mut load_rank: FxHashMap<NeedId, usize> = FxHashMap::default();
        for list in served {
            for (k, id) in list.iter().enumerate() {
                load_rank.insert(*id, k);
            }
        }
        let mut assignments = Vec::new();
        let mut unmatched = Vec::new();
        let mut candidates = 0;
        for (&id, &i) in &self.need_index {
            let slot = &self.slots[i];
            candidates += slot.cands.candidates.len();
            match sol.assignment.get(i).copied().flatten() {
                Some(arc) => {
                    let Some(c) = Self::candidate_of(slot, arc) else {
                        continue;
                    };
                    let s = self.helper_index[&c.helper];
                    let k = load_rank.get(&id).copied().unwrap_or(0) as u64;
                    let load_cost = marginal_tier_cost(self.problem.tiers(s), k);
                    assignments.push(Assignment {
                        need: id,
                        helper: c.helper,
                        start: c.start,
                        distance_m: c.distance_m,
                        cost: c.cost,
                        load_cost,
                        score: c.cost.score(&self.policy),
                        pinned: self.pins.contains_key(&id),
                    });
                }
                None => unmatched.push(Unmatched {
                    need: id,
                    penalty: slot.penalty,
                    reason: self.unmatched_reason(i, sol, &duals),
                }),
            }
        }
        MatchPlan {
            assignments,
            unmatched,
            objective: sol.objective,
            lower_bound: sol.optimal.then_some(sol.objective),
            optimal: sol.optimal,
            stats: MatchStats {
                needs: self.need_index.len(),
                helpers: self.helper_index.len(),
                candidates,
                arcs: self.problem.arcs()
                    + self.need_index.len()
                    + (0..self.problem.suppliers())
                        .map(|s| self.problem.tiers(s).len())
                        .sum::<usize>(),
                iterations: sol.iterations,
                solver: self.last_solver,
                ..MatchStats::default()
            },
        }
    }

    /// What explanations need from the last solve: who serves whom and the residual network.
    pub(crate) fn duals(&self) -> Duals {
        let residual = self
            .last
            .as_ref()
            .and_then(|sol| Residual::build(&self.problem, sol));
        let to_sink = residual.as_ref().map(Residual::to_sink);
        Duals {
            served: self.served_by(),
            residual,
            to_sink,
        }
    }

    /// The need id of a solver index.
    pub(crate) fn need_at(&self, index: usize) -> NeedId {
        self.slots[index].cands.need
    }

    pub(crate) fn unmatched_reason(
        &self,
        index: usize,
        sol: &Solution,
        duals: &Duals,
    ) -> UnmatchedReason {
        let slot = &self.slots[index];
        let back = self
            .problem
            .penalty(index)
            .flatten()
            .map_or(0, |pen| (sol.need_potential[index] - pen).max(0));
        let best = slot
            .arcs
            .iter()
            .map(|&a| a as usize)
            .zip(&slot.cands.candidates)
            .filter(|(a, _)| self.problem.is_usable(*a))
            .filter_map(|(a, c)| {
                let rc = sol.reduced_cost(&self.problem, a)?;
                let s = self.helper_index[&c.helper];
                let exact = match (&duals.residual, &duals.to_sink) {
                    (Some(r), Some((dist, _))) => {
                        let d = dist[r.supplier_node(s)];
                        if d == i64::MAX {
                            return None;
                        }
                        rc.max(0) + d + back
                    }
                    _ => rc.max(0),
                };
                Some((exact, rc, s, c))
            })
            .min_by(|x, y| x.0.cmp(&y.0).then(x.3.helper.cmp(&y.3.helper)));
        match best {
            None => UnmatchedReason::NoCandidate {
                summary: slot.cands.elimination_summary(),
                eliminated: slot.cands.eliminated.clone(),
            },
            Some((exact, rc, s, c)) => {
                let path = match (&duals.residual, &duals.to_sink) {
                    (Some(r), Some((dist, next))) => r.path_to_sink(r.supplier_node(s), dist, next),
                    _ => None,
                };
                let (would_move, would_drop) = path.map_or((Vec::new(), None), |p| {
                    (
                        p.moved.iter().map(|&i| self.need_at(i)).collect(),
                        p.dropped.map(|i| self.need_at(i)),
                    )
                });
                UnmatchedReason::Outcompeted {
                    closest: c.helper,
                    cost: c.cost.total,
                    reduced_cost: rc,
                    shortfall: exact,
                    taken_by: duals.served[s].clone(),
                    would_move,
                    would_drop,
                    candidates: slot.cands.candidates.len() as u32,
                }
            }
        }
    }

    /// Keeps `need` with `helper` in every later solve. The helper must be a candidate
    /// (a helper dropped only by the candidate cap is added back).
    pub fn pin(&mut self, need: NeedId, helper: HelperId) -> Result<(), MatchError> {
        let index = *self
            .need_index
            .get(&need)
            .ok_or(MatchError::UnknownNeed { need })?;
        let s = self
            .supplier_of(helper)
            .ok_or(MatchError::UnknownHelper { helper })?;
        let pos = self.slots[index]
            .cands
            .candidates
            .iter()
            .position(|c| c.helper == helper);
        let arc = if let Some(p) = pos {
            self.slots[index].arcs[p] as usize
        } else {
            let n = self
                .community
                .need(need)
                .ok_or(MatchError::UnknownNeed { need })?;
            match check_pair(
                &self.community,
                &self.supply,
                &self.policy,
                &self.ctx,
                n,
                helper,
            ) {
                None => return Err(MatchError::UnknownHelper { helper }),
                Some(Err(constraint)) => {
                    return Err(MatchError::NotACandidate {
                        need,
                        helper,
                        constraint,
                    });
                }
                Some(Ok(c)) => {
                    let arc = self.problem.add_arc(index, s, c.cost.total)?;
                    let slot = &mut self.slots[index];
                    slot.cands.candidates.push(c);
                    slot.cands.capped = slot.cands.capped.saturating_sub(1);
                    slot.arcs.push(arc as u32);
                    arc
                }
            }
        };
        let capacity: u64 = self
            .problem
            .tiers(s)
            .iter()
            .map(|t| u64::from(t.capacity))
            .sum();
        let already = self
            .pins
            .iter()
            .filter(|(n, h)| **h == helper && **n != need)
            .count() as u64;
        if already >= capacity {
            return Err(MatchError::PinOverCapacity { need, helper });
        }
        self.problem.pin(arc)?;
        self.pins.insert(need, helper);
        Ok(())
    }

    /// Releases a pin.
    pub fn unpin(&mut self, need: NeedId) -> Result<(), MatchError> {
        let index = *self
            .need_index
            .get(&need)
            .ok_or(MatchError::UnknownNeed { need })?;
        if self.pins.remove(&need).is_some() {
            self.problem.unpin(index)?;
        }
        Ok(())
    }

    /// The current pins.
    pub fn pins(&self) -> &BTreeMap<NeedId, HelperId> {
        &self.pins
    }

    /// Adds a new need to the community and the problem.
    pub fn add_need(&mut self, need: Need) -> Result<(), MatchError> {
        let id = need.id;
        self.community.to_mut().add_need(need)?;
        self.add_slot(id)
    }

    /// Removes a need from the community and the problem (and its pin).
    pub fn remove_need(&mut self, need: NeedId) -> Result<(), MatchError> {
        let index = *self
            .need_index
            .get(&need)
            .ok_or(MatchError::UnknownNeed { need })?;
        if self.pins.remove(&need).is_some() {
            self.problem.unpin(index)?;
        }
        self.problem.set_active(index, false)?;
        self.need_index.remove(&need);
        self.community.to_mut().remove_need(need)?;
        Ok(())
    }

    /// Replaces a need (same id) with a changed version; its pin is released.
    pub fn update_need(&mut self, need: Need) -> Result<(), MatchError> {
        let id = need.id;
        if !self.need_index.contains_key(&id) {
            return Err(MatchError::UnknownNeed { need: id });
        }
        need.check()?;
        let old = self
            .community
            .need(id)
            .cloned()
            .ok_or(MatchError::UnknownNeed { need: id })?;
        self.remove_need(id)?;
        if let Err(e) = self.add_need(need) {
            // Put the old version back so a rejected change changes nothing.
            self.add_need(old)?;
            return Err(e);
        }
        Ok(())
    }

    /// Adds a volunteer and its arcs to every need it may serve.
    pub fn add_volunteer(&mut self, volunteer: Volunteer) -> Result<(), MatchError> {
        let helper = HelperId::Volunteer(volunteer.id);
        self.community.to_mut().add_volunteer(volunteer.clone())?;
        self.supply.push_volunteer(volunteer);
        self.connect_new_helper(helper)
    }

    /// Adds a service and its arcs to every need it may serve.
    pub fn add_service(&mut self, service: Service) -> Result<(), MatchError> {
        let helper = HelperId::Service(service.id);
        self.community.to_mut().add_service(service.clone())?;
        self.supply.push_service(service);
        self.connect_new_helper(helper)
    }

    fn connect_new_helper(&mut self, helper: HelperId) -> Result<(), MatchError> {
        let s = self.add_supplier(helper)?;
        let entries: Vec<(NeedId, usize)> = self.need_index.iter().map(|(a, b)| (*a, *b)).collect();
        for (id, index) in entries {
            let Some(need) = self.community.need(id) else {
                continue;
            };
            if let Some(Ok(c)) = check_pair(
                &self.community,
                &self.supply,
                &self.policy,
                &self.ctx,
                need,
                helper,
            ) {
                let arc = self.problem.add_arc(index, s, c.cost.total)?;
                let slot = &mut self.slots[index];
                let at = slot
                    .cands
                    .candidates
                    .partition_point(|x| (x.cost.total, x.helper) < (c.cost.total, c.helper));
                slot.cands.candidates.insert(at, c);
                slot.arcs.insert(at, arc as u32);
            }
        }
        Ok(())
    }

    /// Takes a helper out of this run (ill, on leave, closed): its arcs are excluded and its
    /// pins released. The community record stays.
    pub fn remove_helper(&mut self, helper: HelperId) -> Result<(), MatchError> {
        let s = self
            .supplier_of(helper)
            .ok_or(MatchError::UnknownHelper { helper })?;
        let pinned: Vec<NeedId> = self
            .pins
            .iter()
            .filter(|(_, h)| **h == helper)
            .map(|(n, _)| *n)
            .collect();
        for n in pinned {
            self.unpin(n)?;
        }
        for slot in &self.slots {
            for a in slot.arcs.iter().map(|&a| a as usize) {
                if self.problem.arc(a).is_some_and(|c| c.supplier == s) {
                    self.problem.set_excluded(a, true)?;
                }
            }
        }
        self.ctx.unavailable.insert(helper);
        self.helper_index.remove(&helper);
        for slot in &mut self.slots {
            let keep: Vec<bool> = slot
                .cands
                .candidates
                .iter()
                .map(|c| c.helper != helper)
                .collect();
            let mut k = keep.iter();
            slot.cands.candidates.retain(|_| *k.next().unwrap_or(&true));
            let mut k = keep.iter();
            slot.arcs.retain(|_| *k.next().unwrap_or(&true));
        }
        Ok(())
    }
}

/// The unassigned penalty of a need: emergency, special group (by urgency or by the
/// resident's groups), or general.
pub(crate) fn penalty_for(community: &Community, policy: &MatchPolicy, need: &Need) -> i64 {
    let special = need.urgency == Urgency::SpecialGroup
        || community
            .resident(need.resident)
            .is_some_and(|r| r.groups != SpecialGroups::NONE);
    if need.urgency == Urgency::Emergency {
        policy.unassigned_penalty_emergency
    } else if special {
        policy.unassigned_penalty_special
    } else {
        policy.unassigned_penalty_general
    }
}

/// Convex load tiers of a volunteer: `fair_free_tasks` at no cost, then each further task
/// `k × fairness_step` (k = 1, 2, …), up to the task capacity
/// `max(1, minutes_per_week / nominal_task_minutes)`.
pub(crate) fn volunteer_tiers(v: &Volunteer, policy: &MatchPolicy) -> Vec<Tier> {
    let capacity = (v.minutes_per_week / policy.nominal_task_minutes.max(1)).max(1);
    let free = capacity.min(policy.fair_free_tasks);
    let mut tiers = Vec::new();
    if free > 0 {
        tiers.push(Tier::new(free, 0));
    }
    for k in 1..=i64::from(capacity - free) {
        tiers.push(Tier::new(1, k * policy.fairness_step));
    }
    tiers
}

/// Whether a need takes part in a run at `ctx.now`: already recorded, and open or matched
/// with its match confirmed in the context.
pub(crate) fn is_matchable(need: &Need, ctx: &MatchContext) -> bool {
    need.created_at <= ctx.now
        && match need.status {
            NeedStatus::Open => true,
            NeedStatus::Matched => ctx.confirmed.contains_key(&need.id),
            _ => false,
        }
}

/// Removes the first `committed` task slots from a load curve: the helper has already taken
/// that many tasks this period, so the next task costs what the next slot costs.
pub(crate) fn skip_committed(tiers: Vec<Tier>, committed: u32) -> Vec<Tier> {
    let mut left = committed;
    let mut out = Vec::with_capacity(tiers.len());
    for t in tiers {
        if left >= t.capacity {
            left -= t.capacity;
        } else {
            out.push(Tier::new(t.capacity - left, t.cost));
            left = 0;
        }
    }
    out
}

/// A service's single tier: its weekly capacity at no load cost.
pub(crate) fn service_tiers(s: &Service) -> Vec<Tier> {
    if s.capacity_per_week == 0 {
        Vec::new()
    } else {
        vec![Tier::new(s.capacity_per_week, 0)]
    }
}

fn marginal_tier_cost(tiers: &[Tier], k: u64) -> i64 {
    let mut left = k;
    for t in tiers {
        if left < u64::from(t.capacity) {
            return t.cost;
        }
        left -= u64::from(t.capacity);
    }
    tiers.last().map_or(0, |t| t.cost)
}

/// Matches every open or matched need of `community` in one call.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::matching::{match_needs, MatchContext, MatchPolicy};
/// use huzhu::model::Community;
/// let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let plan = match_needs(&Community::new("Empty"), &MatchPolicy::default(), &MatchContext::new(now)).unwrap();
/// assert!(plan.assignments.is_empty() && plan.optimal);
/// ```
pub fn match_needs(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
) -> Result<MatchPlan, MatchError> {
    Matcher::new(community, policy.clone(), ctx.clone())?.solve()
}
