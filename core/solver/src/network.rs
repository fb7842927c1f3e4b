//! The compact flow network both solvers run on: needs → suppliers → sink plus penalty arcs.

use crate::error::SolveError;
use crate::problem::FlowProblem;
use crate::solution::Solution;

/// Where a network arc came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A problem arc (index into the problem's arcs).
    Candidate(u32),
    /// The penalty arc of a need.
    Penalty(u32),
    /// A supplier tier (index into the problem's flat tier list).
    Tier(u32),
}

/// Nodes `0..n` are needs, `n..n + m` suppliers, `n + m` the sink. Arcs are stored as
/// struct-of-arrays in the order: candidate arcs (by problem index), penalty arcs (by need),
/// tier arcs (by supplier, then tier).
pub(crate) struct Network {
    pub needs: usize,
    pub nodes: usize,
    pub sink: usize,
    pub src: Vec<u32>,
    pub dst: Vec<u32>,
    pub cost: Vec<i64>,
    pub cap: Vec<i64>,
    pub origin: Vec<Origin>,
    pub supply: Vec<i64>,
    pub max_cost: i64,
}

impl Network {
    /// Builds the network of the problem's usable arcs, or names a need that must be assigned
    /// but has nothing to use.
    pub fn build(p: &FlowProblem) -> Result<Self, SolveError> {
        let n = p.needs();
        let m = p.suppliers();
        let sink = n + m;
        let mut has_arc = vec![false; n];
        let usable: Vec<usize> = (0..p.arcs()).filter(|&a| p.is_usable(a)).collect();
        for &a in &usable {
            has_arc[p.arc_need[a] as usize] = true;
        }
        let mut active = 0usize;
        for (i, &has) in has_arc.iter().enumerate() {
            if p.active[i] {
                active += 1;
                if !has && !p.may_stay_unassigned(i) {
                    return Err(SolveError::NoCandidate { need: i });
                }
            }
        }
        let penalties: Vec<usize> = (0..n).filter(|&i| p.may_stay_unassigned(i)).collect();
        let arcs = usable.len() + penalties.len() + p.tiers.len();
        let mut net = Self {
            needs: n,
            nodes: n + m + 1,
            sink,
            src: Vec::with_capacity(arcs),
            dst: Vec::with_capacity(arcs),
            cost: Vec::with_capacity(arcs),
            cap: Vec::with_capacity(arcs),
            origin: Vec::with_capacity(arcs),
            supply: vec![0; n + m + 1],
            max_cost: 0,
        };
        for &a in &usable {
            net.push(
                p.arc_need[a] as usize,
                n + p.arc_supplier[a] as usize,
                p.arc_cost[a],
                1,
                Origin::Candidate(a as u32),
            );
        }
        for &i in &penalties {
            let pen = p.penalty[i].unwrap_or(0);
            net.push(i, sink, pen, 1, Origin::Penalty(i as u32));
        }
        // No supplier can take more than every active need, so a tier's capacity is clamped
        // to one above that: it then never saturates unless the original would.
        let clamp = active as i64 + 1;
        for s in 0..m {
            let (lo, hi) = (p.tier_start[s] as usize, p.tier_start[s + 1] as usize);
            for t in lo..hi {
                let tier = p.tiers[t];
                if tier.capacity > 0 {
                    let cap = i64::from(tier.capacity).min(clamp);
                    net.push(n + s, sink, tier.cost, cap, Origin::Tier(t as u32));
                }
            }
        }
        for i in 0..n {
            if p.active[i] {
                net.supply[i] = 1;
            }
        }
        net.supply[sink] = -(active as i64);
        Ok(net)
    }

    fn push(&mut self, u: usize, v: usize, cost: i64, cap: i64, origin: Origin) {
        self.src.push(u as u32);
        self.dst.push(v as u32);
        self.cost.push(cost);
        self.cap.push(cap);
        self.origin.push(origin);
        self.max_cost = self.max_cost.max(cost);
    }

    pub fn arcs(&self) -> usize {
        self.src.len()
    }

    /// Turns arc flows and node potentials (reduced cost `c + pi[u] - pi[v]`) into a
    /// [`Solution`].
    pub fn solution(
        &self,
        p: &FlowProblem,
        flow: &[i64],
        pi: &[i64],
        iterations: u64,
        optimal: bool,
    ) -> Solution {
        let mut assignment = vec![None; self.needs];
        for (e, &f) in flow.iter().enumerate().take(self.arcs()) {
            if f > 0
                && let Origin::Candidate(a) = self.origin[e]
            {
                assignment[p.arc_need[a as usize] as usize] = Some(a as usize);
            }
        }
        let base = pi[self.sink];
        let need_potential = (0..self.needs)
            .map(|i| if p.active[i] { base - pi[i] } else { 0 })
            .collect();
        let supplier_potential = (self.needs..self.sink).map(|s| base - pi[s]).collect();
        let objective = crate::solution::objective_of(p, &assignment);
        Solution {
            assignment,
            objective,
            need_potential,
            supplier_potential,
            iterations,
            optimal,
        }
    }
}
