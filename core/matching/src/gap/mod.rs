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
//! 3. **Improvement**: iterated local search on `cost + α · violation` with shift, swap and
//!    two-level ejection-chain moves, random perturbations and an adaptive penalty factor α,
//!    so the search crosses infeasible regions and repairs infeasible starts. It runs until
//!    the iteration budget is spent, the caller's `should_stop` callback returns `true`, or
//!    the objective meets the bound.
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
use search::{Budget, Rng, descend, perturb};
use state::{ALPHA_SCALE, State};

/// Local-search rounds between adjustments of the penalty factor.
const ALPHA_PERIOD: u64 = 10;

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
    let min_cost = p.pairs().iter().map(|q| q.cost).min().unwrap_or(0);

    // 1. Construction: best of the regret-greedy measures, by (violation, cost).
    let mut current: Option<State<'_>> = None;
    for m in MEASURES {
        let mut assign = vec![UNSET; n];
        greedy(p, m, &mut assign, min_cost);
        let s = State::new(p, assign);
        if current
            .as_ref()
            .is_none_or(|c| (s.violation(), s.cost) < (c.violation(), c.cost))
        {
            current = Some(s);
        }
        if budget.tick((n * n) as u64) {
            break;
        }
    }
    let Some(mut cur) = current else {
        return Err(GapError::NoFeasibleSolution {
            iterations: 0,
            capacity_excess: 0,
            conflicts: 0,
        });
    };
    let max_cost = p.pairs().iter().map(|q| q.cost).max().unwrap_or(0);
    let max_pen = p.penalties().iter().flatten().copied().max().unwrap_or(0);
    let spread = (max_cost.max(max_pen) - min_cost.min(0)).max(1);
    // Start with a penalty that makes every unit of violation dearer than any cost change.
    let alpha_max = i64::try_from(i128::from(spread) * ALPHA_SCALE * 4).unwrap_or(i64::MAX / 2);
    let mut alpha = alpha_max;
    descend(&mut cur, alpha, 0, &mut budget);
    let mut best: Option<(i64, Vec<u32>)> = cur.feasible().then(|| (cur.cost, cur.assign.clone()));
    let mut least_violation = (cur.violation(), cur.excess, cur.conflicts);

    // 2. Lower bound.
    let mut tick = |w: u64| budget.tick(w);
    let lagr = bound::lagrangian(
        p,
        best.as_ref().map(|b| b.0),
        options.bound_iterations,
        &mut tick,
    );
    let lower_bound = lagr.as_ref().map_or(i64::MIN, |l| l.bound);

    // Lagrangian heuristic: keep each job the relaxation gave to some agent (on its cheapest
    // such agent; every knapsack fits its capacity, so dropping duplicates stays within
    // capacity), complete by regret-greedy, descend, and keep it if it is better.
    if let Some(l) = &lagr
        && l.iterations > 0
        && !budget.stopped
    {
        let mut assign: Vec<u32> = l
            .relaxed
            .iter()
            .map(|r| r.first().copied().unwrap_or(UNSET))
            .collect();
        greedy(p, construct::Measure::Cost, &mut assign, min_cost);
        let mut cand = State::new(p, assign);
        descend(&mut cand, alpha, 0, &mut budget);
        if (cand.violation(), cand.cost) < (cur.violation(), cur.cost) {
            cur = cand;
        }
        if cur.feasible() && best.as_ref().is_none_or(|b| cur.cost < b.0) {
            best = Some((cur.cost, cur.assign.clone()));
        }
    }

    // 3. Iterated local search.
    let mut rng = Rng::new(options.seed);
    let mut iterations = 0u64;
    let alpha_min = (ALPHA_SCALE as i64 / 4).max(1);
    let kmax = 4;
    let mut since_best = 0u64;
    let mut feasible_in_period = 0u64;
    while iterations < options.max_iterations
        && !budget.stopped
        && best.as_ref().is_none_or(|b| b.0 > lower_bound)
    {
        iterations += 1;
        let saved = cur.assign.clone();
        let before = cur.value(alpha);
        let k = 2 + rng.below(kmax - 1);
        perturb(&mut cur, k, &mut rng);
        let start = rng.below(n.max(1));
        descend(&mut cur, alpha, start, &mut budget);
        if cur.feasible() {
            feasible_in_period += 1;
            if best.as_ref().is_none_or(|b| cur.cost < b.0) {
                best = Some((cur.cost, cur.assign.clone()));
                since_best = 0;
            }
        } else {
            let v = (cur.violation(), cur.excess, cur.conflicts);
            least_violation = least_violation.min(v);
        }
        since_best += 1;
        if cur.value(alpha) > before && rng.below(10) != 0 {
            cur.restore(&saved);
        }
        if since_best > 200 {
            if let Some((_, a)) = &best {
                let a = a.clone();
                cur.restore(&a);
            }
            since_best = 0;
        }
        // Strategic oscillation: every ALPHA_PERIOD rounds make violation dearer if most
        // local optima were infeasible, cheaper otherwise. All moves are then re-evaluated.
        if iterations.is_multiple_of(ALPHA_PERIOD) {
            alpha = if feasible_in_period * 2 < ALPHA_PERIOD {
                (alpha.saturating_mul(3) / 2 + 1).min(alpha_max)
            } else {
                (alpha * 9 / 10).max(alpha_min)
            };
            feasible_in_period = 0;
            cur.touched.fill(true);
        }
    }

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
