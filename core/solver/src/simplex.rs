//! Primal network simplex with block-search pivoting.
//!
//! The spanning-tree basis is stored as parent / predecessor arc / direction plus a preorder
//! *thread* with its reverse, subtree sizes and each subtree's last thread node, and updated in
//! time proportional to the moved subtree's stem, after the design of LEMON's `NetworkSimplex`
//! (Kovács, "Minimum-cost flow algorithms: an experimental evaluation", 2015). The start is a
//! greedy partial assignment (cheapest arcs first, suppliers filled to 60%) as a strongly
//! feasible tree rooted at the sink, with big-cost artificial arcs for the needs left over;
//! pivots then follow the block-search rule (blocks of
//! about 2√arcs, the most negative reduced cost of the first block that has one). Ties are broken
//! by the lowest index and the leaving arc by the strongly-feasible-tree rule, so the result is
//! deterministic and the method cannot cycle.

use crate::error::SolveError;
use crate::network::{Network, Origin};
use crate::problem::FlowProblem;
use crate::solution::Solution;

const STATE_UPPER: i8 = -1;
const STATE_TREE: i8 = 0;
const STATE_LOWER: i8 = 1;
const DIR_UP: i8 = 1;
const DIR_DOWN: i8 = -1;
const NONE: u32 = u32::MAX;
const INF: i64 = i64::MAX / 4;
/// Share of each supplier's capacity the greedy start leaves free, in percent.
const GREEDY_RESERVE_PERCENT: i64 = 40;
/// Pricing block size as a multiple of √arcs.
const BLOCK_FACTOR: f64 = 2.0;

/// The network simplex solver: the main exact solver for [`FlowProblem`]s.
///
/// ```
/// use huzhu_solver::{verify, FlowProblem, NetworkSimplex, Tier};
///
/// // Three needs, three helpers of one task each; costs by hand: the optimum is
/// // need0→helper1 (2) + need1→helper0 (3) + need2→helper2 (4) = 9.
/// let costs = [[4, 2, 8], [3, 7, 6], [9, 5, 4]];
/// let mut p = FlowProblem::new();
/// for _ in 0..3 {
///     p.add_supplier(&[Tier::new(1, 0)])?;
/// }
/// for row in costs {
///     let need = p.add_need(None)?;
///     for (s, c) in row.into_iter().enumerate() {
///         p.add_arc(need, s, c)?;
///     }
/// }
/// let sol = NetworkSimplex::new().solve(&p)?;
/// verify(&p, &sol)?;
/// assert_eq!(sol.objective, 9);
/// assert!(sol.optimal);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct NetworkSimplex<'c> {
    cancel: Option<&'c mut dyn FnMut() -> bool>,
    check_every: u64,
    greedy_start: bool,
}

impl Default for NetworkSimplex<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'c> NetworkSimplex<'c> {
    /// A solver with no cancellation and the greedy start on.
    pub fn new() -> Self {
        Self {
            cancel: None,
            check_every: 1024,
            greedy_start: true,
        }
    }

    /// Installs a cancellation callback, called every `every` pivots (at least 1); when it
    /// returns `true` the solver stops and returns the current basis' solution with
    /// `optimal == false` if it is already feasible, or [`SolveError::Cancelled`] if not.
    #[must_use]
    pub fn with_cancel(mut self, cancel: &'c mut dyn FnMut() -> bool, every: u64) -> Self {
        self.cancel = Some(cancel);
        self.check_every = every.max(1);
        self
    }

    /// Turns the greedy start (pivot each need's cheapest arc in first) on or off.
    #[must_use]
    pub fn with_greedy_start(mut self, on: bool) -> Self {
        self.greedy_start = on;
        self
    }

    /// Solves the problem to optimality.
    pub fn solve(&mut self, problem: &FlowProblem) -> Result<Solution, SolveError> {
        let net = Network::build(problem)?;
        let mut t = Tableau::new(&net, self.greedy_start);
        let block = ((t.arcs as f64).sqrt() * BLOCK_FACTOR).ceil() as usize;
        let block = block.max(10);
        let mut next = 0usize;
        let mut done = false;
        loop {
            if let Some(cancel) = self.cancel.as_mut()
                && t.iterations.is_multiple_of(self.check_every)
                && cancel()
            {
                break;
            }
            let Some(e) = t.find_entering(block, &mut next) else {
                done = true;
                break;
            };
            t.pivot(e);
        }
        // Artificial flow left: infeasible (if finished) or not yet feasible (if cancelled).
        for u in 0..net.sink {
            let e = t.arcs + u;
            if t.flow[e] > 0 {
                if !done {
                    return Err(SolveError::Cancelled);
                }
                return Err(SolveError::Infeasible {
                    need: stranded_need(&net, &t.flow, u),
                });
            }
        }
        Ok(net.solution(problem, &t.flow[..t.arcs], &t.pi, t.iterations, done))
    }
}

/// A need whose unit is stuck at node `u` (a need itself, or one sent to supplier `u`).
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

/// Simplex state: arcs `0..arcs` real, `arcs..arcs + nodes` artificial; node `nodes` is the
/// root. Reduced cost of arc e is `cost[e] + pi[src[e]] - pi[dst[e]]`.
struct Tableau {
    arcs: usize,
    /// Arcs `0..unbounded` (candidate and penalty arcs) have unbounded capacity.
    unbounded: usize,
    root: usize,
    src: Vec<u32>,
    dst: Vec<u32>,
    cost: Vec<i64>,
    cap: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,
    pi: Vec<i64>,
    parent: Vec<u32>,
    pred: Vec<u32>,
    dir: Vec<i8>,
    thread: Vec<u32>,
    rev_thread: Vec<u32>,
    succ_num: Vec<u32>,
    last_succ: Vec<u32>,
    dirty: Vec<u32>,
    iterations: u64,
    // Current pivot.
    join: u32,
    u_in: u32,
    v_in: u32,
    u_out: u32,
    delta: i64,
}

impl Tableau {
    /// The initial basis, rooted at the sink. With `greedy`, candidate arcs are taken
    /// cheapest first (ties by index) while their need is free, their marginal cost (arc plus
    /// the supplier's next tier) does not exceed the need's penalty and the supplier is below
    /// 60% of its capacity; a need left over uses its penalty arc or an artificial arc to the
    /// sink. Every supplier with capacity thus keeps room and hangs from the sink by its first
    /// tier with room (one without capacity by its artificial arc, flow 0); assigned needs hang
    /// from their supplier. Need and penalty arcs get unbounded capacity (a need sends exactly
    /// one unit anyway), so every node can push flow towards the root: the tree is strongly
    /// feasible.
    fn new(net: &Network, greedy: bool) -> Self {
        let arcs = net.arcs();
        let nodes = net.nodes;
        let root = net.sink;
        let needs = net.needs;
        let all = arcs + nodes;
        // Bigger than any simple path's cost, so artificial arcs are a last resort.
        let art_cost = (net.max_cost + 1) * (nodes as i64 + 1);
        let unbounded = net
            .origin
            .iter()
            .position(|o| matches!(o, Origin::Tier(_)))
            .unwrap_or(arcs);
        let mut t = Self {
            arcs,
            unbounded,
            root,
            src: Vec::with_capacity(all),
            dst: Vec::with_capacity(all),
            cost: Vec::with_capacity(all),
            cap: Vec::with_capacity(all),
            flow: vec![0; all],
            state: vec![STATE_LOWER; all],
            pi: vec![0; nodes],
            parent: vec![root as u32; nodes],
            pred: vec![0; nodes],
            dir: vec![DIR_UP; nodes],
            thread: vec![0; nodes],
            rev_thread: vec![0; nodes],
            succ_num: vec![1; nodes],
            last_succ: vec![0; nodes],
            dirty: Vec::new(),
            iterations: 0,
            join: 0,
            u_in: 0,
            v_in: 0,
            u_out: 0,
            delta: 0,
        };
        t.src.extend_from_slice(&net.src);
        t.dst.extend_from_slice(&net.dst);
        t.cost.extend_from_slice(&net.cost);
        for e in 0..arcs {
            t.cap.push(match net.origin[e] {
                Origin::Tier(_) => net.cap[e],
                Origin::Candidate(_) | Origin::Penalty(_) => INF,
            });
        }
        for u in 0..nodes {
            t.src.push(u as u32);
            t.dst.push(root as u32);
            t.cost.push(art_cost);
            t.cap.push(if u == root { 0 } else { INF });
        }
        // Penalty arc per need, tier arc range per supplier (tiers are stored contiguously).
        let mut penalty_arc = vec![NONE; needs];
        let mut tier_lo = vec![0u32; nodes];
        let mut tier_hi = vec![0u32; nodes];
        for e in (0..arcs).rev() {
            match net.origin[e] {
                Origin::Penalty(_) => penalty_arc[net.src[e] as usize] = e as u32,
                Origin::Tier(_) => {
                    let s = net.src[e] as usize;
                    if tier_hi[s] == 0 {
                        tier_hi[s] = e as u32 + 1;
                    }
                    tier_lo[s] = e as u32;
                }
                Origin::Candidate(_) => {}
            }
        }
        let tiers = |s: usize| tier_lo[s] as usize..tier_hi[s] as usize;
        let mut assigned = vec![NONE; needs];
        let mut load = vec![0i64; nodes];
        // Fill suppliers to at most 60% (rounded down): leaving the contested rest to the
        // simplex takes far fewer pivots than a full greedy start. When no supplier has room
        // at 60% (every capacity 1, an assignment problem) there is nothing to fill, and the
        // sort of every arc is skipped.
        let mut room: Vec<i64> = if greedy {
            (0..nodes)
                .map(|s| {
                    let cap = tiers(s).map(|e| net.cap[e]).sum::<i64>();
                    cap - (cap * GREEDY_RESERVE_PERCENT + 99) / 100
                })
                .collect()
        } else {
            Vec::new()
        };
        if room.iter().any(|&r| r > 0) {
            // The tier the supplier's next unit goes to, and what is left in it.
            let mut open: Vec<usize> = (0..nodes).map(|s| tiers(s).start).collect();
            let mut open_left: Vec<i64> = (0..nodes)
                .map(|s| {
                    if tiers(s).is_empty() {
                        0
                    } else {
                        net.cap[tiers(s).start]
                    }
                })
                .collect();
            // Sort key: cost above the arc index (costs < 2^32, arcs < 2^26 by construction).
            let mut order: Vec<u64> = (0..arcs)
                .filter(|&e| matches!(net.origin[e], Origin::Candidate(_)))
                .map(|e| ((net.cost[e] as u64) << 26) | e as u64)
                .collect();
            order.sort_unstable();
            for key in order {
                let e = (key & ((1 << 26) - 1)) as usize;
                let (i, s) = (net.src[e] as usize, net.dst[e] as usize);
                if assigned[i] != NONE || room[s] <= 0 {
                    continue;
                }
                while open_left[s] == 0 {
                    open[s] += 1;
                    open_left[s] = net.cap[open[s]];
                }
                if penalty_arc[i] != NONE
                    && net.cost[e] + net.cost[open[s]] > net.cost[penalty_arc[i] as usize]
                {
                    continue;
                }
                assigned[i] = e as u32;
                t.flow[e] = 1;
                load[s] += 1;
                room[s] -= 1;
                open_left[s] -= 1;
            }
        }
        // Tree arc and parent of every node but the root.
        let mut tree_arc = vec![NONE; nodes];
        for s in needs..root {
            let mut left = load[s];
            for e in tiers(s) {
                let f = left.min(net.cap[e]);
                t.flow[e] = f;
                left -= f;
                if f == net.cap[e] {
                    t.state[e] = STATE_UPPER;
                } else if tree_arc[s] == NONE {
                    tree_arc[s] = e as u32;
                }
            }
        }
        for i in 0..needs {
            if assigned[i] != NONE {
                tree_arc[i] = assigned[i];
                continue;
            }
            let e = if penalty_arc[i] == NONE || net.supply[i] == 0 {
                arcs + i // also an inactive need's (flow 0) tree arc
            } else {
                penalty_arc[i] as usize
            };
            tree_arc[i] = e as u32;
            t.flow[e] = net.supply[i];
        }
        // Suppliers without room (only those with no capacity at all, since the greedy start
        // leaves room) hang from the root by their artificial arc with no flow.
        for (s, arc) in tree_arc.iter_mut().enumerate().take(root).skip(needs) {
            if *arc == NONE {
                *arc = (arcs + s) as u32;
            }
        }
        // Parents, directions and a preorder thread (iterative DFS from the root).
        let mut children_start = vec![0u32; nodes + 1];
        for (u, &e) in tree_arc.iter().enumerate() {
            if u == root {
                continue;
            }
            let e = e as usize;
            let p = if t.src[e] as usize == u {
                t.dst[e]
            } else {
                t.src[e]
            } as usize;
            t.parent[u] = p as u32;
            t.pred[u] = e as u32;
            t.dir[u] = if t.src[e] as usize == u {
                DIR_UP
            } else {
                DIR_DOWN
            };
            t.state[e] = STATE_TREE;
            children_start[p + 1] += 1;
        }
        t.parent[root] = NONE;
        t.pred[root] = NONE;
        for u in 0..nodes {
            children_start[u + 1] += children_start[u];
        }
        let mut fill = children_start.clone();
        let mut children = vec![0u32; nodes.saturating_sub(1)];
        for u in 0..nodes {
            if u != root {
                let p = t.parent[u] as usize;
                children[fill[p] as usize] = u as u32;
                fill[p] += 1;
            }
        }
        let mut order: Vec<u32> = Vec::with_capacity(nodes);
        let mut stack = vec![root as u32];
        while let Some(u) = stack.pop() {
            order.push(u);
            let u = u as usize;
            let kids = &children[children_start[u] as usize..children_start[u + 1] as usize];
            stack.extend(kids.iter().rev());
        }
        for k in 0..order.len() {
            let u = order[k] as usize;
            let next = order[(k + 1) % order.len()];
            t.thread[u] = next;
            t.rev_thread[next as usize] = u as u32;
        }
        // Sizes backwards over the preorder; potentials and last successors forwards.
        for &u in order.iter().rev() {
            let u = u as usize;
            if u != root {
                let p = t.parent[u] as usize;
                t.succ_num[p] += t.succ_num[u];
            }
        }
        for (k, &u) in order.iter().enumerate() {
            let u = u as usize;
            t.last_succ[u] = order[k + t.succ_num[u] as usize - 1];
            if u != root {
                let e = t.pred[u] as usize;
                let p = t.parent[u] as usize;
                t.pi[u] = t.pi[p] - i64::from(t.dir[u]) * t.cost[e];
            }
        }
        t
    }

    /// Block search: the most negative `state * reduced cost` of the first block (scanning
    /// cyclically from `next`) that has a negative one.
    fn find_entering(&self, block: usize, next: &mut usize) -> Option<usize> {
        let m = self.arcs;
        let mut min = 0i64;
        let mut best = usize::MAX;
        let mut lo = *next;
        let mut scanned = 0;
        while scanned < m {
            let hi = (lo + block).min(m);
            self.scan(lo, hi, &mut min, &mut best);
            scanned += hi - lo;
            lo = if hi == m { 0 } else { hi };
            // A block is complete at its nominal size or at the wrap-around point.
            if min < 0 {
                *next = lo;
                return Some(best);
            }
        }
        None
    }

    /// Most negative `state * reduced cost` over arcs `lo..hi`, folded into `min`/`best`.
    #[inline]
    fn scan(&self, lo: usize, hi: usize, min: &mut i64, best: &mut usize) {
        let split = self.unbounded.clamp(lo, hi);
        self.scan_unbounded(lo, split, min, best);
        self.scan_bounded(split, hi, min, best);
    }

    /// Arcs of unbounded capacity are never at their upper bound and tree arcs have reduced
    /// cost 0, so the state need not be read: the reduced cost itself is the criterion.
    #[inline]
    fn scan_unbounded(&self, lo: usize, hi: usize, min: &mut i64, best: &mut usize) {
        let cost = &self.cost[lo..hi];
        let src = &self.src[lo..hi];
        let dst = &self.dst[lo..hi];
        let pi = &self.pi[..];
        let mut local_min = *min;
        let mut local_best = usize::MAX;
        for k in 0..cost.len() {
            let c = cost[k] + pi[src[k] as usize] - pi[dst[k] as usize];
            if c < local_min {
                local_min = c;
                local_best = k;
            }
        }
        if local_best != usize::MAX {
            *min = local_min;
            *best = lo + local_best;
        }
    }

    #[inline]
    fn scan_bounded(&self, lo: usize, hi: usize, min: &mut i64, best: &mut usize) {
        let state = &self.state[lo..hi];
        let cost = &self.cost[lo..hi];
        let src = &self.src[lo..hi];
        let dst = &self.dst[lo..hi];
        let pi = &self.pi[..];
        let mut local_min = *min;
        let mut local_best = usize::MAX;
        for k in 0..state.len() {
            let c = i64::from(state[k]) * (cost[k] + pi[src[k] as usize] - pi[dst[k] as usize]);
            if c < local_min {
                local_min = c;
                local_best = k;
            }
        }
        if local_best != usize::MAX {
            *min = local_min;
            *best = lo + local_best;
        }
    }

    fn pivot(&mut self, in_arc: usize) {
        self.iterations += 1;
        self.find_join(in_arc);
        let change = self.find_leaving(in_arc);
        self.change_flow(in_arc, change);
        if change {
            self.update_tree(in_arc);
            self.update_potential(in_arc);
        }
    }

    fn find_join(&mut self, in_arc: usize) {
        let mut u = self.src[in_arc];
        let mut v = self.dst[in_arc];
        while u != v {
            if self.succ_num[u as usize] < self.succ_num[v as usize] {
                u = self.parent[u as usize];
            } else {
                v = self.parent[v as usize];
            }
        }
        self.join = u;
    }

    /// Finds the leaving arc (last blocking arc in cycle order); false when the entering arc
    /// itself blocks (it only flips bound).
    fn find_leaving(&mut self, in_arc: usize) -> bool {
        let (first, second) = if self.state[in_arc] == STATE_LOWER {
            (self.src[in_arc], self.dst[in_arc])
        } else {
            (self.dst[in_arc], self.src[in_arc])
        };
        let mut delta = self.cap[in_arc];
        let mut result = 0u8;
        let join = self.join;
        let mut u = first;
        while u != join {
            let e = self.pred[u as usize] as usize;
            let d = if self.dir[u as usize] == DIR_DOWN {
                residual(self.cap[e], self.flow[e])
            } else {
                self.flow[e]
            };
            if d < delta {
                delta = d;
                self.u_out = u;
                result = 1;
            }
            u = self.parent[u as usize];
        }
        let mut u = second;
        while u != join {
            let e = self.pred[u as usize] as usize;
            let d = if self.dir[u as usize] == DIR_UP {
                residual(self.cap[e], self.flow[e])
            } else {
                self.flow[e]
            };
            if d <= delta {
                delta = d;
                self.u_out = u;
                result = 2;
            }
            u = self.parent[u as usize];
        }
        if result == 1 {
            self.u_in = first;
            self.v_in = second;
        } else {
            self.u_in = second;
            self.v_in = first;
        }
        self.delta = delta;
        result != 0
    }

    fn change_flow(&mut self, in_arc: usize, change: bool) {
        if self.delta > 0 {
            let val = i64::from(self.state[in_arc]) * self.delta;
            self.flow[in_arc] += val;
            let join = self.join;
            let mut u = self.src[in_arc];
            while u != join {
                let e = self.pred[u as usize] as usize;
                self.flow[e] -= i64::from(self.dir[u as usize]) * val;
                u = self.parent[u as usize];
            }
            let mut u = self.dst[in_arc];
            while u != join {
                let e = self.pred[u as usize] as usize;
                self.flow[e] += i64::from(self.dir[u as usize]) * val;
                u = self.parent[u as usize];
            }
        }
        if change {
            self.state[in_arc] = STATE_TREE;
            let out = self.pred[self.u_out as usize] as usize;
            self.state[out] = if self.flow[out] == 0 {
                STATE_LOWER
            } else {
                STATE_UPPER
            };
        } else {
            self.state[in_arc] = -self.state[in_arc];
        }
    }

    /// Re-hangs the subtree below the leaving arc from the entering arc, reversing the stem
    /// (the tree path from `u_in` up to `u_out`), and repairs thread, sizes and last successors.
    fn update_tree(&mut self, in_arc: usize) {
        let (u_in, v_in, u_out, join) = (
            self.u_in as usize,
            self.v_in as usize,
            self.u_out as usize,
            self.join as usize,
        );
        let old_rev_thread = self.rev_thread[u_out] as usize;
        let old_succ_num = self.succ_num[u_out];
        let old_last_succ = self.last_succ[u_out] as usize;
        let v_out = self.parent[u_out] as usize;

        if u_in == u_out {
            self.parent[u_in] = v_in as u32;
            self.pred[u_in] = in_arc as u32;
            self.dir[u_in] = if u_in == self.src[in_arc] as usize {
                DIR_UP
            } else {
                DIR_DOWN
            };
            if self.thread[v_in] as usize != u_out {
                let after = self.thread[old_last_succ];
                self.thread[old_rev_thread] = after;
                self.rev_thread[after as usize] = old_rev_thread as u32;
                let after = self.thread[v_in];
                self.thread[v_in] = u_out as u32;
                self.rev_thread[u_out] = v_in as u32;
                self.thread[old_last_succ] = after;
                self.rev_thread[after as usize] = old_last_succ as u32;
            }
        } else {
            // When u_out directly follows v_in in the thread, join == v_out.
            let thread_continue = if old_rev_thread == v_in {
                self.thread[old_last_succ]
            } else {
                self.thread[v_in]
            } as usize;
            let mut stem = u_in;
            let mut par_stem = v_in;
            let mut last = self.last_succ[u_in] as usize;
            let mut after = self.thread[last] as usize;
            self.thread[v_in] = u_in as u32;
            self.dirty.clear();
            self.dirty.push(v_in as u32);
            while stem != u_out {
                let next_stem = self.parent[stem] as usize;
                self.thread[last] = next_stem as u32;
                self.dirty.push(last as u32);
                // Cut stem's subtree out of the thread.
                let before = self.rev_thread[stem] as usize;
                self.thread[before] = after as u32;
                self.rev_thread[after] = before as u32;
                self.parent[stem] = par_stem as u32;
                par_stem = stem;
                stem = next_stem;
                last = if self.last_succ[stem] == self.last_succ[par_stem] {
                    self.rev_thread[par_stem] as usize
                } else {
                    self.last_succ[stem] as usize
                };
                after = self.thread[last] as usize;
            }
            self.parent[u_out] = par_stem as u32;
            self.thread[last] = thread_continue as u32;
            self.rev_thread[thread_continue] = last as u32;
            self.last_succ[u_out] = last as u32;
            if old_rev_thread != v_in {
                self.thread[old_rev_thread] = after as u32;
                self.rev_thread[after] = old_rev_thread as u32;
            }
            for i in 0..self.dirty.len() {
                let u = self.dirty[i] as usize;
                let t = self.thread[u] as usize;
                self.rev_thread[t] = u as u32;
            }
            // Reverse pred/dir along the stem and recompute sizes and last successors.
            let mut tmp_sc = 0u32;
            let tmp_ls = self.last_succ[u_out];
            let mut u = u_out;
            while u != u_in {
                let p = self.parent[u] as usize;
                self.pred[u] = self.pred[p];
                self.dir[u] = -self.dir[p];
                tmp_sc = tmp_sc + self.succ_num[u] - self.succ_num[p];
                self.succ_num[u] = tmp_sc;
                self.last_succ[p] = tmp_ls;
                u = p;
            }
            self.pred[u_in] = in_arc as u32;
            self.dir[u_in] = if u_in == self.src[in_arc] as usize {
                DIR_UP
            } else {
                DIR_DOWN
            };
            self.succ_num[u_in] = old_succ_num;
        }

        // Last successors from v_in up.
        let up_limit_out = if self.last_succ[join] as usize == v_in {
            join as u32
        } else {
            NONE
        };
        let last_succ_out = self.last_succ[u_out];
        let mut u = v_in as u32;
        while u != NONE && self.last_succ[u as usize] as usize == v_in {
            self.last_succ[u as usize] = last_succ_out;
            u = self.parent[u as usize];
        }
        // Last successors from v_out up.
        if join != old_rev_thread && v_in != old_rev_thread {
            let mut u = v_out as u32;
            while u != up_limit_out && self.last_succ[u as usize] as usize == old_last_succ {
                self.last_succ[u as usize] = old_rev_thread as u32;
                u = self.parent[u as usize];
            }
        } else if last_succ_out as usize != old_last_succ {
            let mut u = v_out as u32;
            while u != up_limit_out && self.last_succ[u as usize] as usize == old_last_succ {
                self.last_succ[u as usize] = last_succ_out;
                u = self.parent[u as usize];
            }
        }
        // Subtree sizes along both sides up to the join.
        let mut u = v_in;
        while u != join {
            self.succ_num[u] += old_succ_num;
            u = self.parent[u] as usize;
        }
        let mut u = v_out;
        while u != join {
            self.succ_num[u] -= old_succ_num;
            u = self.parent[u] as usize;
        }
    }

    /// Shifts the potentials of the moved subtree so the entering arc's reduced cost is 0, or,
    /// when that subtree holds more than half the nodes, shifts every other node the opposite
    /// way (only potential differences matter).
    fn update_potential(&mut self, in_arc: usize) {
        let (u_in, v_in) = (self.u_in as usize, self.v_in as usize);
        let sigma = self.pi[v_in] - self.pi[u_in] - i64::from(self.dir[u_in]) * self.cost[in_arc];
        let end = self.thread[self.last_succ[u_in] as usize];
        let n = self.pi.len();
        if (self.succ_num[u_in] as usize) * 2 <= n {
            let mut u = u_in as u32;
            while u != end {
                self.pi[u as usize] += sigma;
                u = self.thread[u as usize];
            }
        } else {
            let mut u = end;
            while u as usize != u_in {
                self.pi[u as usize] -= sigma;
                u = self.thread[u as usize];
            }
            // Keep values far from overflow: potentials drift by the complement shifts.
            let level = self.pi[self.root];
            if level.unsigned_abs() > 1 << 61 {
                for p in &mut self.pi {
                    *p -= level;
                }
            }
        }
    }
}

#[inline]
fn residual(cap: i64, flow: i64) -> i64 {
    if cap >= INF { INF } else { cap - flow }
}
