//! Solutions, their dual potentials, reduced costs and [`verify`].

use crate::error::{FlowArc, VerifyError};
use crate::problem::FlowProblem;
use crate::residual::Residual;

/// An assignment of needs to arcs with the dual potentials that prove it optimal.
///
/// # Potentials
/// Every node of the flow network has a potential, read as "the marginal cost, at the optimum,
/// of delivering one more unit from this node to the sink" (the sink's potential is 0):
/// * `need_potential[i]` is what need `i` costs the plan at the margin: its arc cost plus its
///   supplier's marginal load cost, or its penalty when it is cheaper to leave it unserved;
/// * `supplier_potential[s]` is the marginal cost of one more task at supplier `s`'s current
///   load: between the cost of its last used tier and its next one.
///
/// The reduced cost of an arc `u → v` of cost `c` is `c + potential(v) − potential(u)`. The
/// solution is optimal exactly when every unused arc has reduced cost ≥ 0 and every used arc ≤
/// 0 (complementary slackness); [`verify`] checks this.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Solution {
    /// Per need, the arc it is assigned along, or `None` when unassigned (or removed).
    pub assignment: Vec<Option<usize>>,
    /// Total cost: arc costs, penalties of unassigned active needs, and each supplier's load
    /// cost with tiers filled cheapest first.
    pub objective: i64,
    /// Dual potential per need (0 for removed needs).
    pub need_potential: Vec<i64>,
    /// Dual potential per supplier.
    pub supplier_potential: Vec<i64>,
    /// Pivots (network simplex) or augmentations (successive shortest paths) performed.
    pub iterations: u64,
    /// Whether the solver finished and proved optimality (false after a cancellation).
    pub optimal: bool,
}

/// Objective of an assignment: arc costs, penalties of active unassigned needs and tier costs
/// with tiers filled cheapest first. Assumes the assignment is structurally valid.
pub(crate) fn objective_of(p: &FlowProblem, assignment: &[Option<usize>]) -> i64 {
    let mut total = 0i64;
    let mut load = vec![0u64; p.suppliers()];
    for (i, a) in assignment.iter().enumerate() {
        match *a {
            Some(a) if a < p.arcs() => {
                total = total.saturating_add(p.arc_cost[a]);
                load[p.arc_supplier[a] as usize] += 1;
            }
            _ => {
                if p.active[i] {
                    total = total.saturating_add(p.penalty[i].unwrap_or(0));
                }
            }
        }
    }
    for (s, &l) in load.iter().enumerate() {
        total = total.saturating_add(p.load_cost(s, l).unwrap_or(i64::MAX));
    }
    total
}

impl Solution {
    /// Number of needs assigned to an arc.
    pub fn assigned(&self) -> usize {
        self.assignment.iter().filter(|a| a.is_some()).count()
    }

    /// Number of active needs left unassigned.
    pub fn unassigned(&self, problem: &FlowProblem) -> usize {
        self.assignment
            .iter()
            .enumerate()
            .filter(|&(i, a)| a.is_none() && problem.is_active(i))
            .count()
    }

    /// How many needs each supplier serves.
    pub fn loads(&self, problem: &FlowProblem) -> Vec<u64> {
        let mut load = vec![0u64; problem.suppliers()];
        for &a in self.assignment.iter().flatten() {
            if let Some(s) = problem.arc_supplier.get(a) {
                load[*s as usize] += 1;
            }
        }
        load
    }

    /// Reduced cost of candidate arc `arc` (need `i` → supplier `s`, cost `c`):
    /// `c + supplier_potential[s] − need_potential[i]`.
    ///
    /// By LP duality every solution that uses an arc the optimum does not use costs at least
    /// the optimum plus this reduced cost, so for an unused arc it is a proven *lower bound*
    /// on the extra cost of serving the need this way ("why not helper X for need Y": at least
    /// this much dearer). At the optimum it is ≥ 0 for unused arcs and ≤ 0 for used ones.
    /// Potentials are not unique when the problem is degenerate, so the bound may be weaker
    /// than the exact answer of [`forcing_cost`](Self::forcing_cost). `None` for an unknown
    /// arc or mismatched sizes.
    ///
    /// ```
    /// use huzhu_solver::{FlowProblem, NetworkSimplex, Tier};
    /// let mut p = FlowProblem::new();
    /// let s0 = p.add_supplier(&[Tier::new(1, 0)])?;
    /// let s1 = p.add_supplier(&[Tier::new(1, 0)])?;
    /// let need = p.add_need(None)?;
    /// let cheap = p.add_arc(need, s0, 3)?;
    /// let dear = p.add_arc(need, s1, 10)?;
    /// let sol = NetworkSimplex::new().solve(&p)?;
    /// assert_eq!(sol.assignment[need], Some(cheap));
    /// let bound = sol.reduced_cost(&p, dear).unwrap();
    /// assert!((0..=7).contains(&bound));
    /// // Exactly: helper s1 would have to be 7 cheaper to tie with s0.
    /// assert_eq!(sol.forcing_cost(&p, dear), Some(7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reduced_cost(&self, problem: &FlowProblem, arc: usize) -> Option<i64> {
        let c = problem.arc(arc)?;
        let ps = *self.supplier_potential.get(c.supplier)?;
        let pi = *self.need_potential.get(c.need)?;
        Some(c.cost + ps - pi)
    }

    /// Exactly how much the optimum would rise if `arc`'s need were forced onto `arc` (0 when
    /// it already uses it): equivalently, how much cheaper the arc would have to be for the
    /// need to switch to it at no loss. `None` when forcing it is infeasible, the arc is not
    /// usable, or the solution does not fit the problem; the solution must be optimal with
    /// valid potentials (as [`verify`] checks).
    ///
    /// This is the cheapest cycle through the arc in the residual network of the solution,
    /// found by Dijkstra on reduced costs (which are non-negative at the optimum); O(m log n).
    /// Pinned needs never move along the cycle.
    pub fn forcing_cost(&self, problem: &FlowProblem, arc: usize) -> Option<i64> {
        if !problem.is_usable(arc) || self.assignment.len() != problem.needs() {
            return None;
        }
        let c = problem.arc(arc)?;
        if self.assignment[c.need] == Some(arc) {
            return Some(0);
        }
        let rc = self.reduced_cost(problem, arc)?;
        let residual = Residual::build(problem, self)?;
        let from = residual.supplier_node(c.supplier);
        let (dist, _) = residual.from(from);
        let d = dist[c.need];
        (d != i64::MAX).then(|| rc.max(0) + d)
    }

    /// Reduced cost of leaving `need` unassigned: `penalty − need_potential[need]`, or `None`
    /// when the need has no penalty (or is unknown). Positive: serving the need is that much
    /// cheaper than leaving it; negative: leaving it saves that much.
    pub fn penalty_reduced_cost(&self, problem: &FlowProblem, need: usize) -> Option<i64> {
        let pen = problem.penalty(need)??;
        Some(pen - *self.need_potential.get(need)?)
    }

    /// Reduced cost of tier `tier` of `supplier`: `tier cost − supplier_potential[supplier]`
    /// (the sink's potential is 0). Unused tiers have it ≥ 0, full tiers ≤ 0 at the optimum.
    pub fn tier_reduced_cost(
        &self,
        problem: &FlowProblem,
        supplier: usize,
        tier: usize,
    ) -> Option<i64> {
        let t = problem.tiers(supplier).get(tier)?;
        Some(t.cost - *self.supplier_potential.get(supplier)?)
    }
}

/// Checks that `solution` is feasible for `problem` and proven optimal by its potentials.
///
/// Feasibility: sizes match; every assigned need is active and uses one of its own usable arcs
/// (its pinned arc when pinned, never an excluded one); every active need that must be
/// assigned is; no supplier exceeds its total tier capacity; the objective equals the one
/// recomputed from the assignment (tiers filled cheapest first). Optimality: every candidate,
/// penalty and tier arc satisfies complementary slackness under the potentials (unused arcs
/// reduced cost ≥ 0, used arcs ≤ 0). Returns the first violation found, in that order.
///
/// ```
/// use huzhu_solver::{verify, FlowProblem, NetworkSimplex, Tier, VerifyError};
/// let mut p = FlowProblem::new();
/// let s = p.add_supplier(&[Tier::new(1, 0), Tier::new(1, 50)])?;
/// let a = p.add_need(Some(30))?;
/// let b = p.add_need(Some(30))?;
/// p.add_arc(a, s, 10)?;
/// p.add_arc(b, s, 12)?;
/// let mut sol = NetworkSimplex::new().solve(&p)?;
/// verify(&p, &sol)?;
/// assert_eq!(sol.objective, 10 + 30); // the second task would cost 12 + 50 > 30
/// sol.objective += 1;
/// assert!(matches!(verify(&p, &sol), Err(VerifyError::ObjectiveMismatch { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify(problem: &FlowProblem, solution: &Solution) -> Result<(), VerifyError> {
    let p = problem;
    let sizes = [
        ("assignments", solution.assignment.len(), p.needs()),
        ("need potentials", solution.need_potential.len(), p.needs()),
        (
            "supplier potentials",
            solution.supplier_potential.len(),
            p.suppliers(),
        ),
    ];
    for (what, got, expected) in sizes {
        if got != expected {
            return Err(VerifyError::WrongSize {
                what,
                got,
                expected,
            });
        }
    }
    for (need, a) in solution.assignment.iter().enumerate() {
        match *a {
            Some(arc) => {
                if arc >= p.arcs() || p.arc_need[arc] as usize != need || !p.is_usable(arc) {
                    return Err(VerifyError::UnusableArc { need, arc });
                }
            }
            None => {
                if p.is_active(need) && !p.may_stay_unassigned(need) {
                    return Err(VerifyError::Unassigned { need });
                }
            }
        }
    }
    let load = solution.loads(p);
    for (s, &l) in load.iter().enumerate() {
        let capacity: u64 = p.tiers(s).iter().map(|t| u64::from(t.capacity)).sum();
        if l > capacity {
            return Err(VerifyError::OverCapacity {
                supplier: s,
                load: l,
                capacity,
            });
        }
    }
    let recomputed = objective_of(p, &solution.assignment);
    if recomputed != solution.objective {
        return Err(VerifyError::ObjectiveMismatch {
            reported: solution.objective,
            recomputed,
        });
    }
    let violation = |arc: FlowArc, rc: i64, used: bool, full: bool| {
        if (!full && rc < 0) || (used && rc > 0) {
            Err(VerifyError::NotOptimal {
                arc,
                reduced_cost: rc,
            })
        } else {
            Ok(())
        }
    };
    let pot = |x: i64, y: i64| x.saturating_sub(y);
    for arc in 0..p.arcs() {
        if !p.is_usable(arc) {
            continue;
        }
        let need = p.arc_need[arc] as usize;
        let s = p.arc_supplier[arc] as usize;
        let rc = pot(
            p.arc_cost[arc].saturating_add(solution.supplier_potential[s]),
            solution.need_potential[need],
        );
        let used = solution.assignment[need] == Some(arc);
        violation(FlowArc::Candidate { arc }, rc, used, used)?;
    }
    for need in 0..p.needs() {
        if p.may_stay_unassigned(need) {
            let rc = pot(p.penalty[need].unwrap_or(0), solution.need_potential[need]);
            let used = solution.assignment[need].is_none();
            violation(FlowArc::Penalty { need }, rc, used, used)?;
        }
    }
    for (supplier, &l) in load.iter().enumerate() {
        let mut left = l;
        for (tier, t) in p.tiers(supplier).iter().enumerate() {
            let f = left.min(u64::from(t.capacity));
            left -= f;
            let rc = pot(t.cost, solution.supplier_potential[supplier]);
            violation(
                FlowArc::Tier { supplier, tier },
                rc,
                f > 0,
                f == u64::from(t.capacity),
            )?;
        }
    }
    Ok(())
}
