//! Successive shortest paths with Dijkstra on reduced costs, warm-startable from an earlier
//! solution.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::error::SolveError;
use crate::network::{Network, Origin};
use crate::problem::FlowProblem;
use crate::solution::Solution;

const NONE: u32 = u32::MAX;

/// Successive shortest paths: for small problems and incremental re-solves.
///
/// Keeps node potentials so every residual arc has non-negative reduced cost and repeatedly
/// sends flow from a node with excess to the nearest node with deficit along a shortest path
/// (Dijkstra from all excess nodes at once, ties by node index).
///
/// A warm start ([`warm_start`](Self::warm_start)) takes an earlier solution of the same
/// problem, possibly since changed by pins, exclusions, added or removed needs, arcs or
/// suppliers: its assignments that are still allowed become the initial flow and its
/// potentials the initial prices; arcs whose reduced cost then has the wrong sign are
/// saturated or emptied, and only the resulting imbalances are routed again.
///
/// ```
/// use huzhu_solver::{verify, FlowProblem, SuccessiveShortestPaths, Tier};
/// let mut p = FlowProblem::new();
/// let s0 = p.add_supplier(&[Tier::new(1, 0)])?;
/// let s1 = p.add_supplier(&[Tier::new(1, 0)])?;
/// let n0 = p.add_need(None)?;
/// let n1 = p.add_need(None)?;
/// let a00 = p.add_arc(n0, s0, 1)?;
/// p.add_arc(n0, s1, 4)?;
/// p.add_arc(n1, s0, 2)?;
/// let a11 = p.add_arc(n1, s1, 6)?;
/// let first = SuccessiveShortestPaths::new().solve(&p)?;
/// assert_eq!(first.objective, 6); // n0→s1 (4) + n1→s0 (2) beats 1 + 6
///
/// // Pin n1 to s1 and re-solve from the previous answer: n0 moves back to s0.
/// p.pin(a11)?;
/// let again = SuccessiveShortestPaths::new().warm_start(&first).solve(&p)?;
/// verify(&p, &again)?;
/// assert_eq!(again.objective, 7);
/// assert_eq!(again.assignment[n0], Some(a00));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SuccessiveShortestPaths<'c> {
    cancel: Option<&'c mut dyn FnMut() -> bool>,
    check_every: u64,
    warm: Option<&'c Solution>,
}

impl Default for SuccessiveShortestPaths<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'c> SuccessiveShortestPaths<'c> {
    /// A cold-start solver without cancellation.
    pub fn new() -> Self {
        Self {
            cancel: None,
            check_every: 64,
            warm: None,
        }
    }

    /// Starts from `previous`, a solution of an earlier version of the same problem (needs,
    /// suppliers and arcs may since have been added, never renumbered).
    #[must_use]
    pub fn warm_start(mut self, previous: &'c Solution) -> Self {
        self.warm = Some(previous);
        self
    }

    /// Installs a cancellation callback, called every `every` augmentations (at least 1);
    /// when it returns `true` the solve stops with [`SolveError::Cancelled`].
    #[must_use]
    pub fn with_cancel(mut self, cancel: &'c mut dyn FnMut() -> bool, every: u64) -> Self {
        self.cancel = Some(cancel);
        self.check_every = every.max(1);
        self
    }

    /// Solves the problem to optimality.
    pub fn solve(&mut self, problem: &FlowProblem) -> Result<Solution, SolveError> {
        let net = Network::build(problem)?;
        if let Some(w) = self.warm {
            if w.assignment.len() > problem.needs()
                || w.need_potential.len() > problem.needs()
                || w.supplier_potential.len() > problem.suppliers()
            {
                return Err(SolveError::WarmStartMismatch {
                    what: "previous solution has more needs or suppliers",
                });
            }
            match self.run(problem, &net, Some(w)) {
                // Name the need as a cold start would.
                Err(SolveError::Infeasible { .. }) => self.run(problem, &net, None),
                other => other,
            }
        } else {
            self.run(problem, &net, None)
        }
    }

    fn run(
        &mut self,
        p: &FlowProblem,
        net: &Network,
        warm: Option<&Solution>,
    ) -> Result<Solution, SolveError> {
        let mut r = Residual::new(net);
        if let Some(w) = warm {
            r.warm(p, net, w);
        }
        let mut iterations = 0u64;
        loop {
            if let Some(cancel) = self.cancel.as_mut()
                && iterations.is_multiple_of(self.check_every)
                && iterations > 0
                && cancel()
            {
                return Err(SolveError::Cancelled);
            }
            match r.augment() {
                Step::Done => break,
                Step::Augmented => iterations += 1 + r.push_admissible(),
                Step::Stuck => {
                    let u = (0..net.nodes).find(|&u| r.excess[u] > 0).unwrap_or(0);
                    return Err(SolveError::Infeasible {
                        need: stranded_need(net, &r.flow, u),
                    });
                }
            }
        }
        Ok(net.solution(p, &r.flow, &r.pi, iterations, true))
    }
}

/// A need whose unit is stuck at node `u`.
fn stranded_need(net: &Network, flow: &[i64], u: usize) -> usize {
    if u < net.needs {
        return u;
    }
    (0..net.arcs())
        .find(|&e| {
            flow[e] > 0 && net.dst[e] as usize == u && matches!(net.origin[e], Origin::Candidate(_))
        })
        .map_or(0, |e| net.src[e] as usize)
}

enum Step {
    Done,
    Augmented,
    Stuck,
}

/// Residual network with potentials `pi` (reduced cost `c + pi[u] - pi[v]`).
struct Residual<'n> {
    net: &'n Network,
    /// CSR adjacency: residual arc ids `2e` (forward) and `2e + 1` (backward) per node.
    start: Vec<u32>,
    adj: Vec<u32>,
    flow: Vec<i64>,
    excess: Vec<i64>,
    pi: Vec<i64>,
    dist: Vec<i64>,
    via: Vec<u32>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(i64, u32)>>,
    /// Per phase of [`push_admissible`](Self::push_admissible): current adjacency position,
    /// nodes known to lead nowhere, nodes on the current path.
    cur: Vec<u32>,
    dead: Vec<bool>,
    on_path: Vec<bool>,
}

impl<'n> Residual<'n> {
    fn new(net: &'n Network) -> Self {
        let n = net.nodes;
        let mut start = vec![0u32; n + 1];
        for e in 0..net.arcs() {
            start[net.src[e] as usize + 1] += 1;
            start[net.dst[e] as usize + 1] += 1;
        }
        for u in 0..n {
            start[u + 1] += start[u];
        }
        let mut fill = start.clone();
        let mut adj = vec![0u32; 2 * net.arcs()];
        for e in 0..net.arcs() {
            let u = net.src[e] as usize;
            adj[fill[u] as usize] = (2 * e) as u32;
            fill[u] += 1;
            let v = net.dst[e] as usize;
            adj[fill[v] as usize] = (2 * e + 1) as u32;
            fill[v] += 1;
        }
        Self {
            net,
            start,
            adj,
            flow: vec![0; net.arcs()],
            excess: net.supply.clone(),
            pi: vec![0; n],
            dist: vec![i64::MAX; n],
            via: vec![NONE; n],
            settled: vec![false; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            cur: vec![0; n],
            dead: vec![false; n],
            on_path: vec![false; n],
        }
    }

    fn push_flow(&mut self, e: usize, amount: i64) {
        self.flow[e] += amount;
        self.excess[self.net.src[e] as usize] -= amount;
        self.excess[self.net.dst[e] as usize] += amount;
    }

    /// Loads the previous assignment and potentials, then restores non-negative reduced
    /// costs on every residual arc by saturating or emptying the arcs that violate them.
    fn warm(&mut self, p: &FlowProblem, net: &Network, w: &Solution) {
        let bound = (net.max_cost + 1).saturating_mul(net.nodes as i64 + 1);
        let clamp = |x: i64| -x.clamp(-bound, bound);
        for (i, &pot) in w.need_potential.iter().enumerate() {
            self.pi[i] = clamp(pot);
        }
        for (s, &pot) in w.supplier_potential.iter().enumerate() {
            self.pi[net.needs + s] = clamp(pot);
        }
        let mut arc_of = vec![NONE; p.arcs()];
        let mut penalty_of = vec![NONE; p.needs()];
        let mut tiers_of = vec![Vec::new(); p.suppliers()];
        for e in 0..net.arcs() {
            match net.origin[e] {
                Origin::Candidate(a) => arc_of[a as usize] = e as u32,
                Origin::Penalty(i) => penalty_of[i as usize] = e as u32,
                Origin::Tier(_) => tiers_of[net.src[e] as usize - net.needs].push(e as u32),
            }
        }
        let mut load = vec![0i64; p.suppliers()];
        for (i, a) in w.assignment.iter().enumerate() {
            if !p.is_active(i) {
                continue;
            }
            match *a {
                Some(a) if a < arc_of.len() && arc_of[a] != NONE => {
                    self.push_flow(arc_of[a] as usize, 1);
                    load[p.arc_supplier[a] as usize] += 1;
                }
                None if penalty_of[i] != NONE => self.push_flow(penalty_of[i] as usize, 1),
                _ => {}
            }
        }
        for (s, tiers) in tiers_of.iter().enumerate() {
            let mut left = load[s];
            for &e in tiers {
                let f = left.min(net.cap[e as usize]);
                if f > 0 {
                    self.push_flow(e as usize, f);
                    left -= f;
                }
            }
        }
        for e in 0..net.arcs() {
            let (u, v) = (net.src[e] as usize, net.dst[e] as usize);
            let rc = net.cost[e] + self.pi[u] - self.pi[v];
            if rc < 0 && self.flow[e] < net.cap[e] {
                self.push_flow(e, net.cap[e] - self.flow[e]);
            } else if rc > 0 && self.flow[e] > 0 {
                self.push_flow(e, -self.flow[e]);
            }
        }
    }

    /// One Dijkstra from every excess node to the nearest deficit node, then one augmentation.
    fn augment(&mut self) -> Step {
        let net = self.net;
        for &u in &self.touched {
            self.dist[u as usize] = i64::MAX;
            self.via[u as usize] = NONE;
            self.settled[u as usize] = false;
        }
        self.touched.clear();
        self.heap.clear();
        let mut any = false;
        for u in 0..net.nodes {
            if self.excess[u] > 0 {
                any = true;
                self.dist[u] = 0;
                self.touched.push(u as u32);
                self.heap.push(Reverse((0, u as u32)));
            }
        }
        if !any {
            return Step::Done;
        }
        let mut target = NONE;
        let mut reach = 0i64;
        while let Some(Reverse((d, u))) = self.heap.pop() {
            let u = u as usize;
            if self.settled[u] || d > self.dist[u] {
                continue;
            }
            self.settled[u] = true;
            if self.excess[u] < 0 {
                target = u as u32;
                reach = d;
                break;
            }
            for k in self.start[u] as usize..self.start[u + 1] as usize {
                let r = self.adj[k] as usize;
                let e = r / 2;
                let (v, rc) = if r & 1 == 0 {
                    if self.flow[e] >= net.cap[e] {
                        continue;
                    }
                    let v = net.dst[e] as usize;
                    (v, net.cost[e] + self.pi[u] - self.pi[v])
                } else {
                    if self.flow[e] <= 0 {
                        continue;
                    }
                    let v = net.src[e] as usize;
                    (v, -net.cost[e] + self.pi[u] - self.pi[v])
                };
                let nd = d + rc;
                if !self.settled[v] && nd < self.dist[v] {
                    if self.dist[v] == i64::MAX {
                        self.touched.push(v as u32);
                    }
                    self.dist[v] = nd;
                    self.via[v] = r as u32;
                    self.heap.push(Reverse((nd, v as u32)));
                }
            }
        }
        if target == NONE {
            return Step::Stuck;
        }
        // Potentials: keep every residual reduced cost non-negative, make the path tight.
        // Nodes not settled are at distance ≥ reach.
        for u in 0..net.nodes {
            let d = if self.settled[u] { self.dist[u] } else { reach };
            self.pi[u] += d;
        }
        // Bottleneck along the path.
        let sink = target as usize;
        let mut amount = -self.excess[sink];
        let mut v = sink;
        while self.via[v] != NONE {
            let r = self.via[v] as usize;
            let e = r / 2;
            let (room, u) = if r & 1 == 0 {
                (net.cap[e] - self.flow[e], net.src[e] as usize)
            } else {
                (self.flow[e], net.dst[e] as usize)
            };
            amount = amount.min(room);
            v = u;
        }
        amount = amount.min(self.excess[v]);
        let mut v = sink;
        while self.via[v] != NONE {
            let r = self.via[v] as usize;
            let e = r / 2;
            if r & 1 == 0 {
                self.push_flow(e, amount);
                v = net.src[e] as usize;
            } else {
                self.push_flow(e, -amount);
                v = net.dst[e] as usize;
            }
        }
        Step::Augmented
    }

    /// The residual arc `r` (2e forward, 2e + 1 backward) as (tail, head, room, reduced cost).
    #[inline]
    fn residual_arc(&self, r: usize) -> (usize, usize, i64, i64) {
        let net = self.net;
        let e = r / 2;
        let (u, v) = (net.src[e] as usize, net.dst[e] as usize);
        if r & 1 == 0 {
            (
                u,
                v,
                net.cap[e] - self.flow[e],
                net.cost[e] + self.pi[u] - self.pi[v],
            )
        } else {
            (v, u, self.flow[e], -net.cost[e] + self.pi[v] - self.pi[u])
        }
    }

    /// After a Dijkstra phase, sends more flow from excess to deficit nodes along residual
    /// paths of zero reduced cost (depth first in adjacency order; a node that leads nowhere
    /// is given up for the phase). Reduced costs stay non-negative, so this only saves
    /// Dijkstra runs. Returns the number of augmentations.
    fn push_admissible(&mut self) -> u64 {
        let n = self.net.nodes;
        self.cur.copy_from_slice(&self.start[..n]);
        self.dead.fill(false);
        let mut count = 0;
        let mut path: Vec<u32> = Vec::new();
        for source in 0..n {
            while self.excess[source] > 0 && !self.dead[source] {
                path.clear();
                let mut u = source;
                self.on_path[u] = true;
                loop {
                    if self.excess[u] < 0 {
                        let mut amount = self.excess[source].min(-self.excess[u]);
                        for &r in &path {
                            amount = amount.min(self.residual_arc(r as usize).2);
                        }
                        for &r in &path {
                            let e = r as usize / 2;
                            if r & 1 == 0 {
                                self.push_flow(e, amount);
                            } else {
                                self.push_flow(e, -amount);
                            }
                            let head = self.residual_arc(r as usize).1;
                            self.on_path[head] = false;
                        }
                        self.on_path[source] = false;
                        count += 1;
                        break;
                    }
                    let mut next = None;
                    while self.cur[u] < self.start[u + 1] {
                        let r = self.adj[self.cur[u] as usize] as usize;
                        let (_, v, room, rc) = self.residual_arc(r);
                        if room > 0 && rc == 0 && !self.dead[v] && !self.on_path[v] {
                            next = Some((r, v));
                            break;
                        }
                        self.cur[u] += 1;
                    }
                    if let Some((r, v)) = next {
                        path.push(r as u32);
                        self.on_path[v] = true;
                        u = v;
                    } else {
                        self.dead[u] = true;
                        self.on_path[u] = false;
                        let Some(r) = path.pop() else { break };
                        u = self.residual_arc(r as usize).0;
                        self.cur[u] += 1;
                    }
                }
            }
        }
        count
    }
}
