//! A solution under construction: one route per vehicle, the unserved visits, and the moves
//! every operator uses (remove, best insertion, cost).

use crate::problem::Problem;
use crate::route::{Route, View};

/// Routes, where each visit is, and what is unserved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct State {
    pub routes: Vec<Route>,
    /// For each visit, the vehicle whose route holds it.
    pub route_of: Vec<Option<usize>>,
    /// Unserved visits, ascending.
    pub unassigned: Vec<usize>,
}

/// Per-visit facts the operators share: which vehicles may serve it and its nearest visits.
pub(crate) struct Facts {
    pub allowed: Vec<Vec<usize>>,
    pub neighbours: Vec<Vec<usize>>,
    /// Penalty of leaving a visit of each tier unserved.
    pub penalty: Vec<i128>,
    /// The longest travel time in any matrix (the scale of insertion noise).
    pub longest: i64,
}

impl Facts {
    pub fn new(problem: &Problem, neighbours: usize) -> Self {
        let allowed = problem
            .visits
            .iter()
            .map(|v| {
                problem
                    .vehicles
                    .iter()
                    .enumerate()
                    .filter(|(k, vehicle)| {
                        (v.vehicles.is_empty() || v.vehicles.contains(k))
                            && v.skills.iter().all(|s| vehicle.skills.contains(s))
                    })
                    .map(|(k, _)| k)
                    .collect()
            })
            .collect();
        let m = &problem.matrices[0];
        let neighbours = problem
            .visits
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut others: Vec<(i64, usize)> = problem
                    .visits
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(j, b)| {
                        (
                            m.time(a.location, b.location)
                                .min(m.time(b.location, a.location)),
                            j,
                        )
                    })
                    .collect();
                let keep = neighbours.min(others.len());
                if keep < others.len() {
                    others.select_nth_unstable(keep);
                    others.truncate(keep);
                }
                others.sort_unstable();
                others.into_iter().map(|(_, j)| j).collect()
            })
            .collect();
        let longest = problem
            .matrices
            .iter()
            .map(|m| {
                (0..m.size())
                    .flat_map(|a| (0..m.size()).map(move |b| m.time(a, b)))
                    .max()
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0);
        Self {
            allowed,
            neighbours,
            penalty: penalties(problem),
            longest,
        }
    }
}

/// Tier penalties large enough that serving one more visit of a tier beats any cost saving
/// and any number of visits of later tiers.
fn penalties(problem: &Problem) -> Vec<i128> {
    let tiers = problem
        .visits
        .iter()
        .map(|v| usize::from(v.tier) + 1)
        .max()
        .unwrap_or(1);
    // An upper bound on the cost change of serving one more visit: its longest edges in and
    // out in any profile, a fixed cost, its continuity cost; summed over all visits it bounds
    // every solution's cost.
    let mut bound: i128 = 1;
    for v in &problem.visits {
        let mut worst = 0i128;
        for m in &problem.matrices {
            let (mut inn, mut out) = (0i64, 0i64);
            for l in 0..m.size() {
                inn = inn.max(m.time(l, v.location));
                out = out.max(m.time(v.location, l));
            }
            worst = worst.max(i128::from(inn) + i128::from(out));
        }
        bound += worst + i128::from(v.continuity_cost) + i128::from(v.drop_cost);
    }
    bound += problem
        .vehicles
        .iter()
        .map(|k| i128::from(k.fixed_cost))
        .sum::<i128>();
    let mut count = vec![0i128; tiers];
    for v in &problem.visits {
        count[usize::from(v.tier)] += 1;
    }
    let mut penalty = vec![0i128; tiers];
    let mut later: i128 = 0; // the most all later tiers' unserved visits can cost
    for t in (0..tiers).rev() {
        penalty[t] = bound.saturating_add(later);
        later = later.saturating_add(penalty[t].saturating_mul(count[t]));
    }
    penalty
}

impl State {
    pub fn empty(problem: &Problem) -> Self {
        Self {
            routes: (0..problem.vehicles.len())
                .map(|k| Route::empty(k, problem))
                .collect(),
            route_of: vec![None; problem.visits.len()],
            unassigned: (0..problem.visits.len()).collect(),
        }
    }

    /// The objective: tier penalties and drop costs of the unserved, then the routes' costs.
    pub fn objective(&self, view: &View<'_>, facts: &Facts) -> i128 {
        let routes: i128 = self.routes.iter().map(|r| i128::from(r.cost(view))).sum();
        let unserved: i128 = self
            .unassigned
            .iter()
            .map(|&v| {
                let visit = view.visit(v);
                facts.penalty[usize::from(visit.tier)] + i128::from(visit.drop_cost)
            })
            .sum();
        unserved + routes
    }

    /// Removes `visits` from their routes into the unserved list.
    pub fn remove(&mut self, view: &View<'_>, visits: &[usize]) {
        let mut by_route: Vec<usize> = visits.iter().filter_map(|&v| self.route_of[v]).collect();
        by_route.sort_unstable();
        by_route.dedup();
        let gone: std::collections::BTreeSet<usize> = visits.iter().copied().collect();
        for k in by_route {
            for v in self.routes[k].remove_where(view, |v| gone.contains(&v)) {
                self.route_of[v] = None;
                self.unassigned.push(v);
            }
        }
        self.unassigned.sort_unstable();
        self.unassigned.dedup();
    }

    /// Inserts `v` (unserved) into route `k` at `i` (known feasible).
    pub fn insert(&mut self, view: &View<'_>, v: usize, k: usize, i: usize) {
        self.routes[k].insert(view, v, i);
        self.route_of[v] = Some(k);
        if let Ok(at) = self.unassigned.binary_search(&v) {
            self.unassigned.remove(at);
        }
    }

    /// The vehicles worth trying for `v`: every allowed one when few, else those whose routes
    /// hold a neighbour of `v`, plus the first few empty allowed ones.
    pub fn candidates(&self, facts: &Facts, v: usize, out: &mut Vec<usize>) {
        out.clear();
        let allowed = &facts.allowed[v];
        if allowed.len() <= 48 {
            out.extend_from_slice(allowed);
            return;
        }
        for &n in &facts.neighbours[v] {
            if let Some(k) = self.route_of[n]
                && allowed.binary_search(&k).is_ok()
            {
                out.push(k);
            }
        }
        out.extend(
            allowed
                .iter()
                .filter(|&&k| self.routes[k].visits.is_empty())
                .take(3),
        );
        out.sort_unstable();
        out.dedup();
    }
}
