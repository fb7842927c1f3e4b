//! Incremental search state: assignment, loads, cost and violation, with O(degree) move
//! evaluation.

use super::problem::GapProblem;

/// Marker for "unassigned" in the internal `u32` assignment.
pub(crate) const NONE: u32 = u32::MAX;

/// Scale of the fixed-point penalty factor `alpha` (violation units cost `alpha / SCALE`).
pub(crate) const ALPHA_SCALE: i128 = 16;

/// A complete (possibly infeasible) assignment with cached loads, cost and violations.
#[derive(Debug, Clone)]
pub(crate) struct State<'p> {
    pub p: &'p GapProblem,
    pub assign: Vec<u32>,
    pub load: Vec<i64>,
    pub cost: i64,
    /// Total capacity excess, summed over agents.
    pub excess: i64,
    /// Number of violated conflict pairs.
    pub conflicts: i64,
    /// Violation units charged per violated conflict pair.
    pub conflict_unit: i64,
    /// `(cost, weight)` by `job * m + agent` (weight -1: not eligible), when small enough.
    dense: Option<std::rc::Rc<[(i64, i64)]>>,
    /// Agents whose load or jobs changed since the flags were last taken.
    pub touched: Vec<bool>,
}

/// Largest agents × jobs table kept for O(1) pair look-ups.
const DENSE_CELLS: usize = 1 << 22;

/// The dense `(cost, weight)` table of `p`, if it is small enough.
fn dense_table(p: &GapProblem) -> Option<std::rc::Rc<[(i64, i64)]>> {
    let m = p.num_agents();
    let cells = m.checked_mul(p.num_jobs())?;
    if cells > DENSE_CELLS {
        return None;
    }
    let mut t = vec![(0i64, -1i64); cells];
    for q in p.pairs() {
        t[q.job * m + q.agent] = (q.cost, q.weight);
    }
    Some(t.into())
}

impl<'p> State<'p> {
    /// Builds the state of `assign`. Entries must be `NONE` or an eligible agent; an
    /// ineligible entry or a required job left `NONE` is treated as its cheapest pair.
    pub fn new(p: &'p GapProblem, assign: Vec<u32>) -> Self {
        let max_w = p.pairs().iter().map(|q| q.weight).max().unwrap_or(0);
        let mut s = State {
            p,
            assign,
            load: vec![0; p.num_agents()],
            cost: 0,
            excess: 0,
            conflicts: 0,
            conflict_unit: max_w.max(1),
            dense: dense_table(p),
            touched: vec![true; p.num_agents()],
        };
        s.recompute();
        s
    }

    /// Recomputes every cached quantity from `assign`.
    pub fn recompute(&mut self) {
        let p = self.p;
        self.touched.fill(true);
        self.load.fill(0);
        self.cost = 0;
        for j in 0..p.num_jobs() {
            if self.cw(j, self.assign[j]).is_none() {
                // Repair an impossible entry: cheapest pair, else unassigned.
                self.assign[j] = p
                    .job_pairs(j)
                    .iter()
                    .min_by_key(|q| (q.cost, q.agent))
                    .map_or(NONE, |q| q.agent as u32);
            }
            if let Some((c, w)) = self.cw(j, self.assign[j]) {
                self.cost += c;
                if self.assign[j] != NONE {
                    self.load[self.assign[j] as usize] += w;
                }
            }
        }
        self.excess = (0..p.num_agents())
            .map(|a| self.over(a, self.load[a]))
            .sum();
        self.conflicts = p
            .conflicts()
            .iter()
            .filter(|c| {
                let x = self.assign[c.a];
                x != NONE && x == self.assign[c.b] && c.applies_to(x as usize)
            })
            .count() as i64;
    }

    /// Cost and weight of giving job `j` to `a` (`NONE`: its penalty, weight 0).
    #[inline]
    pub fn cw(&self, j: usize, a: u32) -> Option<(i64, i64)> {
        if a == NONE {
            self.p.penalties()[j].map(|c| (c, 0))
        } else if let Some(t) = &self.dense {
            let e = t[j * self.load.len() + a as usize];
            (e.1 >= 0).then_some(e)
        } else {
            self.p.pair(a as usize, j).map(|q| (q.cost, q.weight))
        }
    }

    #[inline]
    pub fn over(&self, a: usize, load: i64) -> i64 {
        (load - self.p.capacities()[a]).max(0)
    }

    /// Jobs conflicting with `j` that sit on agent `a`, not counting `exclude`.
    #[inline]
    pub fn conf_on(&self, j: usize, a: u32, exclude: usize) -> i64 {
        if a == NONE {
            return 0;
        }
        self.p
            .conflicts_of(j)
            .iter()
            .filter(|&&(k, g)| {
                k != exclude && self.assign[k] == a && g.is_none_or(|g| g == a as usize)
            })
            .count() as i64
    }

    /// Total violation in units: capacity excess plus weighted conflicts.
    pub fn violation(&self) -> i64 {
        self.excess + self.conflicts * self.conflict_unit
    }

    pub fn feasible(&self) -> bool {
        self.excess == 0 && self.conflicts == 0
    }

    /// Penalised value at fixed-point factor `alpha`.
    pub fn value(&self, alpha: i64) -> i128 {
        i128::from(self.cost) * ALPHA_SCALE + i128::from(alpha) * i128::from(self.violation())
    }

    /// (Δcost, Δviolation) of moving job `j` to `to`; `None` if not allowed.
    #[inline]
    pub fn delta_shift(&self, j: usize, to: u32) -> Option<(i64, i64)> {
        let from = self.assign[j];
        if from == to {
            return None;
        }
        let (c0, w0) = self.cw(j, from)?;
        let (c1, w1) = self.cw(j, to)?;
        let mut dv = 0;
        if from != NONE {
            let a = from as usize;
            dv += self.over(a, self.load[a] - w0) - self.over(a, self.load[a]);
        }
        if to != NONE {
            let a = to as usize;
            dv += self.over(a, self.load[a] + w1) - self.over(a, self.load[a]);
        }
        let dconf = self.conf_on(j, to, usize::MAX) - self.conf_on(j, from, usize::MAX);
        Some((c1 - c0, dv + dconf * self.conflict_unit))
    }

    /// Moves job `j` to `to` (which must be allowed).
    pub fn apply_shift(&mut self, j: usize, to: u32) {
        let from = self.assign[j];
        let Some((c0, w0)) = self.cw(j, from) else {
            return;
        };
        let Some((c1, w1)) = self.cw(j, to) else {
            return;
        };
        let dconf = self.conf_on(j, to, usize::MAX) - self.conf_on(j, from, usize::MAX);
        if from != NONE {
            let a = from as usize;
            self.touched[a] = true;
            self.excess -= self.over(a, self.load[a]);
            self.load[a] -= w0;
            self.excess += self.over(a, self.load[a]);
        }
        if to != NONE {
            let a = to as usize;
            self.touched[a] = true;
            self.excess -= self.over(a, self.load[a]);
            self.load[a] += w1;
            self.excess += self.over(a, self.load[a]);
        }
        self.conflicts += dconf;
        self.cost += c1 - c0;
        self.assign[j] = to;
    }

    /// (Δcost, Δviolation) of exchanging the agents of jobs `j1` and `j2`.
    #[inline]
    pub fn delta_swap(&self, j1: usize, j2: usize) -> Option<(i64, i64)> {
        let (a1, a2) = (self.assign[j1], self.assign[j2]);
        if a1 == a2 {
            return None;
        }
        let (c11, w11) = self.cw(j1, a1)?;
        let (c12, w12) = self.cw(j1, a2)?;
        let (c22, w22) = self.cw(j2, a2)?;
        let (c21, w21) = self.cw(j2, a1)?;
        let mut dv = 0;
        if a1 != NONE {
            let a = a1 as usize;
            dv += self.over(a, self.load[a] - w11 + w21) - self.over(a, self.load[a]);
        }
        if a2 != NONE {
            let a = a2 as usize;
            dv += self.over(a, self.load[a] - w22 + w12) - self.over(a, self.load[a]);
        }
        let dconf = if self.p.conflicts().is_empty() {
            0
        } else {
            self.conf_on(j1, a2, j2) - self.conf_on(j1, a1, j2) + self.conf_on(j2, a1, j1)
                - self.conf_on(j2, a2, j1)
        };
        Some((c12 + c21 - c11 - c22, dv + dconf * self.conflict_unit))
    }

    /// Exchanges the agents of `j1` and `j2` (which must be allowed).
    pub fn apply_swap(&mut self, j1: usize, j2: usize) {
        let (a1, a2) = (self.assign[j1], self.assign[j2]);
        // Moving j1 to a2 first may pass through a state where j1 and j2 share an agent;
        // shifts keep every cache exact, so two shifts are an exact swap.
        self.apply_shift(j1, a2);
        self.apply_shift(j2, a1);
    }

    /// Returns to `saved` by shifting only the jobs that differ (so only their agents are
    /// marked touched).
    pub fn restore(&mut self, saved: &[u32]) {
        for (j, &a) in saved.iter().enumerate() {
            if self.assign[j] != a {
                self.apply_shift(j, a);
            }
        }
    }

    /// The assignment as `Option<agent>` per job.
    pub fn to_options(&self) -> Vec<Option<usize>> {
        self.assign
            .iter()
            .map(|&a| (a != NONE).then_some(a as usize))
            .collect()
    }
}
