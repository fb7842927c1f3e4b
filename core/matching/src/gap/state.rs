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
    /// Slots (agents, and `m` for "unassigned") whose load or jobs changed since the flags
    /// were last taken.
    pub touched: Vec<bool>,
    /// Slots that lost a job (or whose weight fell) since the flags were last taken: moves
    /// into them may have become better.
    pub freed: Vec<bool>,
    /// The jobs of each slot (agents, then the unassigned jobs at index `m`), in no order.
    pub on: Vec<Vec<u32>>,
    /// Position of each job in its slot's list.
    pos: Vec<u32>,
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
            touched: vec![true; p.num_agents() + 1],
            freed: vec![true; p.num_agents() + 1],
            on: vec![Vec::new(); p.num_agents() + 1],
            pos: vec![0; p.num_jobs()],
        };
        s.recompute();
        s
    }

    /// Recomputes every cached quantity from `assign`.
    pub fn recompute(&mut self) {
        let p = self.p;
        self.touched.fill(true);
        self.freed.fill(true);
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
        for l in &mut self.on {
            l.clear();
        }
        for j in 0..p.num_jobs() {
            let sl = self.slot(self.assign[j]);
            self.pos[j] = self.on[sl].len() as u32;
            self.on[sl].push(j as u32);
        }
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

    /// The slot of agent `a`: `a` itself, or `m` for `NONE`.
    #[inline]
    pub fn slot(&self, a: u32) -> usize {
        if a == NONE {
            self.load.len()
        } else {
            a as usize
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
        let (s0, s1) = (self.slot(from), self.slot(to));
        self.touched[s0] = true;
        self.touched[s1] = true;
        self.freed[s0] = true;
        let i = self.pos[j] as usize;
        self.on[s0].swap_remove(i);
        if let Some(&k) = self.on[s0].get(i) {
            self.pos[k as usize] = i as u32;
        }
        self.pos[j] = self.on[s1].len() as u32;
        self.on[s1].push(j as u32);
    }

    /// Conflicts of `j` on agent `a` (not counting `exclude`), charged at `a`'s weight.
    #[inline]
    fn conf_cost(&self, j: usize, a: u32, exclude: usize, w: &[i64]) -> i128 {
        if a == NONE || self.p.conflicts().is_empty() {
            return 0;
        }
        i128::from(self.conf_on(j, a, exclude))
            * i128::from(self.conflict_unit)
            * i128::from(w[a as usize])
    }

    /// Change of the weighted penalised value `cost · SCALE + Σ_a w_a · violation_a` when job
    /// `j` moves to `to`; `None` if not allowed or no move.
    #[inline]
    pub fn shift_gain(&self, j: usize, to: u32, w: &[i64]) -> Option<i128> {
        let from = self.assign[j];
        if from == to {
            return None;
        }
        let (c0, w0) = self.cw(j, from)?;
        let (c1, w1) = self.cw(j, to)?;
        let mut g = i128::from(c1 - c0) * ALPHA_SCALE;
        if from != NONE {
            let a = from as usize;
            let d = self.over(a, self.load[a] - w0) - self.over(a, self.load[a]);
            g += i128::from(d) * i128::from(w[a]);
        }
        if to != NONE {
            let a = to as usize;
            let d = self.over(a, self.load[a] + w1) - self.over(a, self.load[a]);
            g += i128::from(d) * i128::from(w[a]);
        }
        g += self.conf_cost(j, to, usize::MAX, w) - self.conf_cost(j, from, usize::MAX, w);
        Some(g)
    }

    /// Change of the weighted penalised value when jobs `j1` and `j2` exchange agents.
    #[inline]
    pub fn swap_gain(&self, j1: usize, j2: usize, w: &[i64]) -> Option<i128> {
        let (a1, a2) = (self.assign[j1], self.assign[j2]);
        if a1 == a2 {
            return None;
        }
        let (c11, w11) = self.cw(j1, a1)?;
        let (c12, w12) = self.cw(j1, a2)?;
        let (c22, w22) = self.cw(j2, a2)?;
        let (c21, w21) = self.cw(j2, a1)?;
        let mut g = i128::from(c12 + c21 - c11 - c22) * ALPHA_SCALE;
        if a1 != NONE {
            let a = a1 as usize;
            let d = self.over(a, self.load[a] - w11 + w21) - self.over(a, self.load[a]);
            g += i128::from(d) * i128::from(w[a]);
        }
        if a2 != NONE {
            let a = a2 as usize;
            let d = self.over(a, self.load[a] - w22 + w12) - self.over(a, self.load[a]);
            g += i128::from(d) * i128::from(w[a]);
        }
        if !self.p.conflicts().is_empty() {
            g += self.conf_cost(j1, a2, j2, w) - self.conf_cost(j1, a1, j2, w)
                + self.conf_cost(j2, a1, j1, w)
                - self.conf_cost(j2, a2, j1, w);
        }
        Some(g)
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
