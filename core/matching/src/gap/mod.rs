//! Generalized Assignment Problem (GAP) solver for hours budgets: construction, local search
//! and a Lagrangian lower bound.
//!
//! When needs take different amounts of a volunteer's weekly minutes, and a volunteer cannot
//! take two needs whose time windows overlap, matching becomes a generalized assignment
//! problem, which is NP-hard. [`solve`] finds a good assignment and proves how far from
//! optimal it can be at most:
//!
//! 1. **Construction**: regret-greedy (Martello–Toth MTHG style) under four desirability
//!    measures (cost, weight, relative weight, cost × relative weight); the best is kept.
//! 2. **Lower bound**: Lagrangian relaxation of the assignment constraints; the relaxed
//!    problem is one 0-1 knapsack per agent, solved exactly by dynamic programming, with
//!    subgradient optimisation of fixed-point integer multipliers.
//! 3. **Repair**: if the start is infeasible, descents at the largest penalty weight (with a
//!    few random kicks) make it feasible first, so large instances have an answer early.
//! 4. **Improvement**: iterated local search on `cost + Σ_a w_a · violation_a` with shift,
//!    swap and two-level ejection-chain moves, random kicks and per-agent penalty weights
//!    adapted at every local optimum (strategic oscillation), so the search crosses
//!    infeasible regions; the bound's capacity prices rank each job's candidate agents. It
//!    runs until the iteration budget is spent, the caller's `should_stop` callback returns
//!    `true`, or the objective meets the bound.
//!
//! Everything is integer arithmetic and deterministic: given the same problem, seed and
//! iteration budget the answer is the same; a time limit (through `should_stop`) only
//! truncates the search.
//!
//! ```
//! use huzhu::matching::gap::{solve, GapBuilder, GapOptions};
//! let mut b = GapBuilder::new();
//! let (ana, bo) = (b.add_agent(120), b.add_agent(60));
//! let jobs: Vec<usize> = (0..3).map(|_| b.add_job(None)).collect();
//! b.add_pair(ana, jobs[0], 4, 60).add_pair(ana, jobs[1], 5, 60).add_pair(ana, jobs[2], 1, 60);
//! b.add_pair(bo, jobs[0], 6, 60).add_pair(bo, jobs[1], 9, 60);
//! let problem = b.build()?;
//! let s = solve(&problem, &GapOptions::default(), &mut || false)?;
//! // Ana can take two of the three; job 2 only fits Ana, so Bo takes job 0.
//! assert_eq!(s.assignment, vec![Some(bo), Some(ana), Some(ana)]);
//! assert_eq!((s.objective, s.lower_bound, s.proven_optimal), (12, 12, true));
//! # Ok::<(), huzhu::matching::gap::GapError>(())
//! ```

#![allow(
    clippy::many_single_char_names,
    reason = "the usual GAP notation: agents a, jobs j, sizes m and n, problem p, state s"
)]

mod bound;
mod construct;
mod error;
mod problem;
mod search;
mod state;

pub use error::GapError;
pub use problem::{Conflict, GapBuilder, GapProblem, MAX_MAGNITUDE, MAX_PAIRS, Pair};

use construct::{MEASURES, UNSET, greedy};
use search::{Budget, Cands, Rng, descend, perturb};
use state::{ALPHA_SCALE, State};

/// Oscillation: weights shrink by `1/2^DECAY_SHIFT` at a feasible local optimum, grow by
/// `1/2^GROW_SHIFT` on overloaded agents at an infeasible one.
const DECAY_SHIFT: u32 = 3;
const GROW_SHIFT: u32 = 2;
/// Local optima without a move before a random kick.
const IDLE_KICK: u32 = 3;

/// Random kicks of the first repair (at the largest penalty weight) before giving up on it.
const REPAIR_KICKS: u32 = 50;

/// Subgradient steps of the capacity prices.
const PRICE_ITERATIONS: u32 = 200;

/// Largest agents × jobs for which every regret-greedy measure is tried (each is about
/// quadratic in the jobs).
const GREEDY_PAIRS: usize = 20_000;

/// Candidate agents per job for swaps, ejection chains and perturbations (its cheapest).
const CANDIDATES: usize = 10;

/// Knapsack cells of the bound that count as one unit of search work when sharing the time.
const BOUND_WORK_DISCOUNT: u64 = 8;

/// The bound gets about one unit of work for every `BOUND_SHARE` of the search's.
const BOUND_SHARE: u64 = 2;

/// Local optima without improvement (per job, plus a base) before going back to the best.
const RESTART_PER_JOB: u64 = 20;
const RESTART_BASE: u64 = 1000;

/// Subgradient iteration at which the Lagrangian heuristic first runs (then ×4 each time).
const LAGRANGIAN_HEURISTIC_FIRST: u32 = 25;

/// Search settings. The defaults suit instances of a few hundred jobs within about a second.
///
/// ```
/// use huzhu::matching::gap::GapOptions;
/// let o = GapOptions::default().with_seed(7).with_max_iterations(1_000);
/// assert_eq!((o.seed, o.max_iterations), (7, 1_000));
/// ```
///
/// In JSON every option may be left out: `{"seed": 7, "max_iterations": 1000}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
#[non_exhaustive]
pub struct GapOptions {
    /// Seed of the perturbations. Default 0.
    pub seed: u64,
    /// Iterated-local-search rounds (perturbation + descent). Default `u64::MAX`: run until
    /// `should_stop` or the bound is met.
    pub max_iterations: u64,
    /// Subgradient iterations of the Lagrangian bound. Default 300; 0 gives the trivial bound
    /// (every job at its cheapest usable option).
    pub bound_iterations: u32,
}

impl Default for GapOptions {
    fn default() -> Self {
        GapOptions {
            seed: 0,
            max_iterations: u64::MAX,
            bound_iterations: 300,
        }
    }
}

impl GapOptions {
    /// Sets the seed.
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of local-search rounds.
    #[must_use]
    pub fn with_max_iterations(mut self, max_iterations: u64) -> Self {
        self.max_iterations = max_iterations;
        self
    }

    /// Sets the number of subgradient iterations.
    #[must_use]
    pub fn with_bound_iterations(mut self, bound_iterations: u32) -> Self {
        self.bound_iterations = bound_iterations;
        self
    }
}

/// A feasible assignment with its objective and a proven lower bound on the optimum.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GapSolution {
    /// For each job, the agent it goes to, or `None` if left unassigned (at its penalty).
    pub assignment: Vec<Option<usize>>,
    /// Total cost plus penalties of the unassigned jobs.
    pub objective: i64,
    /// A valid lower bound on the optimal objective (`lower_bound <= optimum <= objective`).
    pub lower_bound: i64,
    /// Local-search rounds performed.
    pub iterations: u64,
    /// `true` when `objective == lower_bound`, i.e. the assignment is proven optimal.
    pub proven_optimal: bool,
}

impl GapSolution {
    /// Relative gap `(objective - lower_bound) / max(|objective|, 1)`; 0 when proven optimal.
    ///
    /// ```
    /// # use huzhu::matching::gap::{solve, GapOptions, GapProblem};
    /// let p = GapProblem::dense(&[vec![1, 2], vec![3, 1]], &[vec![2, 2], vec![2, 2]], &[2, 2])?;
    /// let s = solve(&p, &GapOptions::default(), &mut || false)?;
    /// assert_eq!(s.gap(), 0.0);
    /// # Ok::<(), huzhu::matching::gap::GapError>(())
    /// ```
    pub fn gap(&self) -> f64 {
        (self.objective - self.lower_bound) as f64 / (self.objective.unsigned_abs().max(1) as f64)
    }
}

/// Solves `problem`: the best feasible assignment found and a proven lower bound.
///
/// `should_stop` is polled every few thousand move evaluations; once it returns `true` the
/// search ends and the best assignment so far is returned (pass `&mut || false` to rely on
/// [`GapOptions::max_iterations`] alone — with the default of `u64::MAX` the search then
/// only ends when the bound is met, so give one of the two).
///
/// # Errors
/// [`GapError::JobCannotBeAssigned`] when a job without penalty fits no agent (proven
/// infeasible); [`GapError::NoFeasibleSolution`] when the search ended without a feasible
/// assignment.
///
/// ```
/// use huzhu::matching::gap::{solve, GapBuilder, GapError, GapOptions};
/// let mut b = GapBuilder::new();
/// let a = b.add_agent(10);
/// let j = b.add_job(None);
/// b.add_pair(a, j, 1, 11); // needs 11 minutes, only 10 available
/// let err = solve(&b.build()?, &GapOptions::default(), &mut || false).unwrap_err();
/// assert_eq!(err, GapError::JobCannotBeAssigned { job: 0 });
/// # Ok::<(), GapError>(())
/// ```
pub fn solve(
    problem: &GapProblem,
    options: &GapOptions,
    should_stop: &mut dyn FnMut() -> bool,
) -> Result<GapSolution, GapError> {
    let p = problem;
    let n = p.num_jobs();
    for j in 0..n {
        let usable = p.penalties()[j].is_some()
            || p.job_pairs(j)
                .iter()
                .any(|q| q.weight <= p.capacities()[q.agent]);
        if !usable {
            return Err(GapError::JobCannotBeAssigned { job: j });
        }
    }
    let mut budget = Budget::new(should_stop);
    let m = p.num_agents();
    let min_cost = p.pairs().iter().map(|q| q.cost).min().unwrap_or(0);
    // Capacity prices (a quick relaxation of the capacities) rank each job's candidate agents
    // by cost plus the price of the capacity they use, and give a first assignment.
    let (prices, priced) = {
        let mut tick = |w: u64| budget.tick(w);
        bound::capacity_prices(p, PRICE_ITERATIONS, &mut tick)
    };
    let mut cands = Cands::new(p, CANDIDATES, Some(&prices), bound::PRICE_SHIFT);

    // 1. Construction: the priced assignment, and on smaller instances the regret-greedy
    // measures too (each is about quadratic in the jobs); the best by (violation, cost).
    let mut cur = State::new(p, priced);
    if n.saturating_mul(m) <= GREEDY_PAIRS {
        for measure in MEASURES {
            let mut assign = vec![UNSET; n];
            greedy(p, measure, &mut assign, min_cost);
            let s = State::new(p, assign);
            if (s.violation(), s.cost) < (cur.violation(), cur.cost) {
                cur = s;
            }
            if budget.tick((n * n) as u64) {
                break;
            }
        }
    }
    let max_cost = p.pairs().iter().map(|q| q.cost).max().unwrap_or(0);
    let max_pen = p.penalties().iter().flatten().copied().max().unwrap_or(0);
    let spread = (max_cost.max(max_pen) - min_cost.min(0)).max(1);
    // No weight above one that makes every unit of violation dearer than any cost change.
    let alpha_max = i64::try_from(i128::from(spread) * ALPHA_SCALE * 4).unwrap_or(i64::MAX / 2);
    let alpha_min = (ALPHA_SCALE as i64 / 4).max(1);
    // Each agent's penalty weight starts at twice its capacity price: an overload costs more
    // than the capacity it takes, not more than anything (which would buy feasibility at any
    // cost); the oscillation below adapts it.
    let mut weights: Vec<i64> = prices
        .iter()
        .map(|&v| {
            let w = (i128::from(v) * ALPHA_SCALE * 2) >> bound::PRICE_SHIFT;
            i64::try_from(w)
                .unwrap_or(alpha_max)
                .clamp(alpha_min.max(ALPHA_SCALE as i64), alpha_max)
        })
        .collect();
    let mut rng = Rng::new(options.seed);
    descend(&mut cur, &weights, &cands, 0, &mut budget);
    let mut best: Option<(i64, Vec<u32>)> = cur.feasible().then(|| (cur.cost, cur.assign.clone()));
    let mut least_violation = (cur.violation(), cur.excess, cur.conflicts);
    // Feasibility first: at the largest weight a unit of violation outweighs any change of
    // cost, so the descent repairs; a few random kicks when it sticks. The search below then
    // starts from a feasible assignment and always has one to return.
    if best.is_none() {
        let hard = vec![alpha_max; m];
        cur.touched.fill(true);
        cur.freed.fill(true);
        for _ in 0..REPAIR_KICKS {
            descend(&mut cur, &hard, &cands, 0, &mut budget);
            least_violation = least_violation.min((cur.violation(), cur.excess, cur.conflicts));
            if cur.feasible() {
                best = Some((cur.cost, cur.assign.clone()));
                break;
            }
            if budget.stopped {
                break;
            }
            perturb(&mut cur, 2 + rng.below(3), &cands, &mut rng);
        }
        cur.touched.fill(true);
        cur.freed.fill(true);
    }

    // 2. Lower bound, interleaved with the search below: a subgradient iteration whenever the
    // bound's work (knapsack cells, cheaper per unit than move evaluations) falls behind its
    // share of the search's, so that on large instances the search keeps most of the time.
    let mut sg = bound::Subgradient::new(p, options.bound_iterations);
    let mut bound_work = 0u64;
    let mut bound_ticks = 0u64;
    let mut lagrangian_at = LAGRANGIAN_HEURISTIC_FIRST;
    let lower_bound =
        |sg: &Option<bound::Subgradient>| sg.as_ref().map_or(i64::MIN, |g| g.best.bound);

    // 3. Local search with strategic oscillation of the per-agent weights: descend; at each
    // local optimum make violation cheaper everywhere if it is feasible, dearer on the
    // overloaded agents otherwise. The changed weights open new improving moves, so the search
    // walks along the feasibility boundary; a random kick when nothing moves for a while, and
    // back to the best after a long time without improvement.
    let mut iterations = 0u64;
    let mut since_best = 0u64;
    let mut idle = 0u32;
    let restart_after = RESTART_PER_JOB * n as u64 + RESTART_BASE;
    loop {
        if budget.stopped || best.as_ref().is_some_and(|b| b.0 <= lower_bound(&sg)) {
            break;
        }
        let search_done = iterations >= options.max_iterations;
        if let Some(g) = sg.as_mut()
            && !g.done()
            && (search_done
                || bound_work / BOUND_WORK_DISCOUNT <= (budget.evals() - bound_ticks) / BOUND_SHARE)
        {
            let (w, _) = g.step(p, best.as_ref().map(|b| b.0));
            bound_work += w;
            bound_ticks += w / BOUND_WORK_DISCOUNT + 1;
            budget.tick(w / BOUND_WORK_DISCOUNT + 1);
            if (g.best.iterations >= lagrangian_at || g.done()) && g.best.iterations > 0 {
                lagrangian_at = lagrangian_at.saturating_mul(4);
                // Bound-guided candidates: rank each job's agents by cost plus the Lagrangian
                // price of the capacity it uses.
                cands = Cands::new(p, CANDIDATES, Some(&g.best.price), bound::PRICE_SHIFT);
                // Lagrangian heuristic: keep each job the relaxation gave to some agent (its
                // cheapest such agent; every knapsack fits its capacity, so dropping duplicates
                // stays within capacity), complete by regret greedy, descend, keep it if better.
                let mut assign: Vec<u32> = g
                    .best
                    .relaxed
                    .iter()
                    .map(|r| r.first().copied().unwrap_or(UNSET))
                    .collect();
                greedy(p, construct::Measure::Cost, &mut assign, min_cost);
                let mut cand = State::new(p, assign);
                descend(&mut cand, &weights, &cands, 0, &mut budget);
                if cand.feasible() && best.as_ref().is_none_or(|b| cand.cost < b.0) {
                    best = Some((cand.cost, cand.assign.clone()));
                    cur = cand;
                } else if !cur.feasible()
                    && (cand.violation(), cand.cost) < (cur.violation(), cur.cost)
                {
                    cur = cand;
                }
                cur.touched.fill(true);
                cur.freed.fill(true);
            }
            continue;
        }
        if search_done {
            break;
        }
        iterations += 1;
        if idle > IDLE_KICK {
            let k = 2 + rng.below(3);
            perturb(&mut cur, k, &cands, &mut rng);
            idle = 0;
        }
        let start = rng.below(n.max(1));
        if descend(&mut cur, &weights, &cands, start, &mut budget) == 0 {
            idle += 1;
        } else {
            idle = 0;
        }
        since_best += 1;
        if cur.feasible() {
            if best.as_ref().is_none_or(|b| cur.cost < b.0) {
                best = Some((cur.cost, cur.assign.clone()));
                since_best = 0;
            }
            // Lighter weights make moves into the agents cheaper: the shifts into them are
            // re-checked.
            for (a, wa) in weights.iter_mut().enumerate() {
                let old = *wa;
                *wa = (old - (old >> DECAY_SHIFT).max(1)).max(alpha_min);
                if *wa != old {
                    cur.freed[a] = true;
                }
            }
        } else {
            least_violation = least_violation.min((cur.violation(), cur.excess, cur.conflicts));
            let all = cur.conflicts > 0;
            for (a, wa) in weights.iter_mut().enumerate() {
                if all || cur.load[a] > p.capacities()[a] {
                    let old = *wa;
                    *wa = (old + (old >> GROW_SHIFT).max(1)).min(alpha_max);
                    cur.touched[a] = true;
                }
            }
        }
        if since_best > restart_after {
            if let Some((_, a)) = &best {
                let a = a.clone();
                cur.restore(&a);
            }
            since_best = 0;
        }
    }
    let lower_bound = lower_bound(&sg);

    match best {
        Some((objective, assign)) => {
            let state = State::new(p, assign);
            Ok(GapSolution {
                assignment: state.to_options(),
                objective,
                lower_bound,
                iterations,
                proven_optimal: objective == lower_bound,
            })
        }
        None => Err(GapError::NoFeasibleSolution {
            iterations,
            capacity_excess: least_violation.1,
            conflicts: least_violation.2 as usize,
        }),
    }
}
