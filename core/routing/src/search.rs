//! The adaptive large neighbourhood search: destroy and repair, local search, simulated
//! annealing acceptance, operators weighted by their success. Seeded and deterministic.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::RoutingError;
use crate::local::improve;
use crate::operators::{Destroy, Repair, insert_all};
use crate::problem::Problem;
use crate::route::{Route, View};
use crate::solution::{PlannedRoute, Solution};
use crate::state::{Facts, State};

/// How long to search and from which seed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Options {
    /// The random seed: the same seed, problem and budget give the same solution.
    pub seed: u64,
    /// Destroy-and-repair iterations (the budget when no progress callback is given).
    pub iterations: u64,
    /// Nearest visits considered by the local search and, on large problems, the routes
    /// tried for an insertion.
    pub neighbours: usize,
}

impl Default for Options {
    /// Seed 1, 2,000 iterations, 30 neighbours.
    fn default() -> Self {
        Self {
            seed: 1,
            iterations: 2_000,
            neighbours: 30,
        }
    }
}

impl Options {
    /// Sets the seed.
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the iteration budget.
    #[must_use]
    pub fn with_iterations(mut self, iterations: u64) -> Self {
        self.iterations = iterations;
        self
    }
}

/// Solves `problem` within `options.iterations` iterations.
///
/// ```
/// use huzhu_routing::{Matrix, Options, Problem, Vehicle, Visit, solve};
/// // A depot (0) at the corner of a 10 × 10 block and three homes at its other corners,
/// // walking along the streets (Manhattan distance); a 100-unit shift.
/// let corner = [(0, 0), (0, 10), (10, 10), (10, 0)];
/// let m = Matrix::from_fn(4, |a, b| {
///     let ((x1, y1), (x2, y2)) = (corner[a], corner[b]);
///     (x1 - x2 as i64).abs() + (y1 - y2 as i64).abs()
/// })?;
/// let visits = vec![
///     Visit::new(3, 5),
///     Visit::new(1, 5).with_windows([(0, 15)]),
///     Visit::new(2, 5),
/// ];
/// let p = Problem { matrices: vec![m], visits, vehicles: vec![Vehicle::new(0, 0, (0, 100))] };
/// let s = solve(&p, &Options::default())?;
/// // Visit 1 must start by 15, so the round goes 1, 2, 0 around the block.
/// assert_eq!(s.routes[0].visits, [1, 2, 0]);
/// assert_eq!(s.routes[0].starts, [10, 25, 40]);
/// assert_eq!((s.cost, s.unserved.len()), (40, 0));
/// # Ok::<(), huzhu_routing::RoutingError>(())
/// ```
pub fn solve(problem: &Problem, options: &Options) -> Result<Solution, RoutingError> {
    let budget = options.iterations.max(1);
    solve_with(problem, options, None, &mut |i| i as f64 / budget as f64)
}

/// Solves `problem` from `start` (each `(vehicle, visits)` kept where feasible, the rest
/// inserted), running while `progress(iteration)` is below 1. `progress` is the share of the
/// budget used: iterations for a deterministic run, or elapsed time read by the caller (the
/// search reads no clock). Cooling follows it.
pub fn solve_with(
    problem: &Problem,
    options: &Options,
    start: Option<&[(usize, Vec<usize>)]>,
    progress: &mut dyn FnMut(u64) -> f64,
) -> Result<Solution, RoutingError> {
    problem.validate()?;
    let view = View { problem };
    let facts = Facts::new(problem, options.neighbours.max(1));
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut current = initial(&view, &facts, start)?;
    insert_all(&view, &facts, &mut current, &mut rng, 2, 0.0, true);
    improve(&view, &facts, &mut current, 4, None);
    let mut current_obj = current.objective(&view, &facts);
    let mut best = current.clone();
    let mut best_obj = current_obj;

    let travel: i128 = current
        .routes
        .iter()
        .map(|r| i128::from(r.cost(&view)))
        .sum();
    // Accept a solution 1% worse with probability 1/2 at the start, 1/1000 of that at the end.
    let t0 = ((travel.max(1) as f64) * 0.01 / std::f64::consts::LN_2).max(1e-3);
    let t_end = t0 / 1000.0;
    let mut weights_d = [1.0f64; 4];
    let mut weights_r = [1.0f64; 5];
    let mut scores_d = [0.0f64; 4];
    let mut scores_r = [0.0f64; 5];
    let mut uses_d = [0u32; 4];
    let mut uses_r = [0u32; 5];
    let mut iteration = 0u64;
    loop {
        let used = progress(iteration);
        if used >= 1.0 || !used.is_finite() || problem.visits.is_empty() {
            break;
        }
        let temperature = t0 * (t_end / t0).powf(used.clamp(0.0, 1.0));
        let d = roulette(&weights_d, &mut rng);
        let r = roulette(&weights_r, &mut rng);
        let noise = if rng.random::<f64>() < 0.2 { 0.1 } else { 0.0 };
        let mut candidate = current.clone();
        Destroy::ALL[d].apply(&view, &facts, &mut candidate, &mut rng);
        Repair::ALL[r].apply(&view, &facts, &mut candidate, &mut rng, noise);
        let dirty = candidate
            .routes
            .iter()
            .zip(&current.routes)
            .map(|(a, b)| a.visits != b.visits)
            .collect();
        improve(&view, &facts, &mut candidate, 2, Some(dirty));
        let obj = candidate.objective(&view, &facts);
        let mut score = 0.0;
        if obj < best_obj {
            best = candidate.clone();
            best_obj = obj;
            score = 33.0;
        } else if obj < current_obj {
            score = 9.0;
        }
        let delta = obj - current_obj;
        let accept = delta <= 0 || {
            let p = (-(delta as f64) / temperature).exp();
            rng.random::<f64>() < p
        };
        if accept {
            if score == 0.0 && obj != current_obj {
                score = 13.0;
            }
            current = candidate;
            current_obj = obj;
        }
        scores_d[d] += score;
        scores_r[r] += score;
        uses_d[d] += 1;
        uses_r[r] += 1;
        iteration += 1;
        if iteration.is_multiple_of(100) {
            reweigh(&mut weights_d, &mut scores_d, &mut uses_d);
            reweigh(&mut weights_r, &mut scores_r, &mut uses_r);
        }
    }
    Ok(finish(&view, &best, iteration))
}

fn roulette(weights: &[f64], rng: &mut ChaCha8Rng) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn reweigh(weights: &mut [f64], scores: &mut [f64], uses: &mut [u32]) {
    for i in 0..weights.len() {
        if uses[i] > 0 {
            weights[i] = 0.8 * weights[i] + 0.2 * scores[i] / f64::from(uses[i]);
        }
        weights[i] = weights[i].max(0.05);
        scores[i] = 0.0;
        uses[i] = 0;
    }
}

/// The starting state: the given routes, each visit kept only if its route stays feasible
/// with it (in order), the rest unserved.
fn initial(
    view: &View<'_>,
    facts: &Facts,
    start: Option<&[(usize, Vec<usize>)]>,
) -> Result<State, RoutingError> {
    let problem = view.problem;
    let mut state = State::empty(problem);
    let Some(start) = start else {
        return Ok(state);
    };
    let mut seen = vec![false; problem.visits.len()];
    let mut used = vec![false; problem.vehicles.len()];
    for (k, visits) in start {
        if *k >= problem.vehicles.len() || std::mem::replace(&mut used[*k], true) {
            return Err(RoutingError::WarmStart {
                reason: format!("vehicle {k} is not in the problem or is listed twice"),
            });
        }
        let mut kept = Vec::new();
        for &v in visits {
            if v >= problem.visits.len() || std::mem::replace(&mut seen[v], true) {
                return Err(RoutingError::WarmStart {
                    reason: format!("visit {v} is not in the problem or is listed twice"),
                });
            }
            if facts.allowed[v].binary_search(k).is_err() {
                continue;
            }
            kept.push(v);
            if Route::build(view, *k, kept.clone()).is_none() {
                kept.pop();
            }
        }
        let route = Route::build(view, *k, kept).expect("kept feasible");
        for &v in &route.visits {
            state.route_of[v] = Some(*k);
        }
        state.routes[*k] = route;
    }
    state.unassigned = (0..problem.visits.len())
        .filter(|&v| state.route_of[v].is_none())
        .collect();
    Ok(state)
}

fn finish(view: &View<'_>, state: &State, iterations: u64) -> Solution {
    let routes: Vec<PlannedRoute> = state
        .routes
        .iter()
        .filter(|r| !r.visits.is_empty())
        .map(|r| PlannedRoute {
            vehicle: r.vehicle,
            visits: r.visits.clone(),
            starts: r.starts.clone(),
            end_time: r.end_time,
            travel: r.travel,
            cost: r.cost(view),
        })
        .collect();
    Solution {
        cost: routes.iter().map(|r| r.cost).sum(),
        routes,
        unserved: state.unassigned.clone(),
        iterations,
    }
}

/// Re-plans after a change (a worker off sick, an urgent visit, a cancelled one) from the
/// `previous` routes, given as `(vehicle, visits)` in the new problem's numbering: what still
/// fits stays where it was, the rest is inserted, and the search then moves a visit away from
/// its previous vehicle, or leaves it out for another visit of its tier, only when that saves
/// more than `stability` (or serves more important visits). The solution's costs are the problem's own, without the stability charge.
///
/// ```
/// use huzhu_routing::{Matrix, Options, Problem, Vehicle, Visit, reroute, solve};
/// let m = Matrix::from_fn(5, |a, b| 10 * (a as i64 - b as i64).abs())?;
/// let visits: Vec<Visit> = (1..5).map(|l| Visit::new(l, 5)).collect();
/// let two = vec![Vehicle::new(0, 0, (0, 200)), Vehicle::new(0, 0, (0, 200))];
/// let p = Problem { matrices: vec![m.clone()], visits: visits.clone(), vehicles: two };
/// let before = solve(&p, &Options::default())?;
/// // Vehicle 1 is gone (its worker is off sick): vehicle 0 takes everything.
/// let one = Problem { matrices: vec![m], visits, vehicles: vec![Vehicle::new(0, 0, (0, 200))] };
/// let kept: Vec<(usize, Vec<usize>)> =
///     before.warm_start().into_iter().filter(|(k, _)| *k == 0).collect();
/// let after = reroute(&one, &kept, 100, &Options::default().with_iterations(200))?;
/// assert!(after.unserved.is_empty());
/// assert_eq!(after.cost, 80); // out to the far end and back
/// # Ok::<(), huzhu_routing::RoutingError>(())
/// ```
pub fn reroute(
    problem: &Problem,
    previous: &[(usize, Vec<usize>)],
    stability: i64,
    options: &Options,
) -> Result<Solution, RoutingError> {
    problem.validate()?;
    let mut sticky = problem.clone();
    for (k, visits) in previous {
        for &v in visits {
            let Some(visit) = sticky.visits.get_mut(v) else {
                continue;
            };
            // Dropping a planned visit costs what moving it does.
            visit.drop_cost += stability.max(0);
            if visit.preferred.is_empty() {
                visit.preferred = vec![*k];
                visit.continuity_cost = stability.max(0);
            }
        }
    }
    let budget = options.iterations.max(1);
    let found = solve_with(&sticky, options, Some(previous), &mut |i| {
        i as f64 / budget as f64
    })?;
    // The same routes, costed by the problem itself.
    let view = View { problem };
    let mut state = State::empty(problem);
    for r in &found.routes {
        let route = Route::build(&view, r.vehicle, r.visits.clone())
            .expect("the routes are feasible in the same problem");
        for &v in &route.visits {
            state.route_of[v] = Some(r.vehicle);
        }
        state.routes[r.vehicle] = route;
    }
    state.unassigned = found.unserved;
    Ok(finish(&view, &state, found.iterations))
}
