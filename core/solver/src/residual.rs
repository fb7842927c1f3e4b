//! Exact sensitivity from an optimal solution: what forcing one more arc into the plan would
//! cost, and which needs it would move or drop.
//!
//! At an optimum every residual arc has a non-negative reduced cost, so shortest residual paths
//! can be found with Dijkstra. Forcing need `i` onto arc `i → s` closes a cycle
//! `i → s ⇝ … ⇝ i`; its cost in reduced costs equals its cost in real costs, and it is the
//! exact increase of the optimal objective when that pairing is required. The plain reduced cost
//! of the arc is a lower bound of it (tight only when the duals are not degenerate).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::{FlowProblem, Solution};

const UNREACHED: i64 = i64::MAX;

/// A residual arc.
#[derive(Clone, Copy)]
struct Edge {
    to: u32,
    cost: i64,
}

/// The residual network of an optimal solution, with reduced costs. Nodes: needs `0..n`,
/// suppliers `n..n+m`, the sink `n+m`.
///
/// Answers "what if this need had to take that supplier": the shortest path back from the
/// supplier closes the forcing cycle, and its cost is the exact increase of the optimum.
///
/// ```
/// use huzhu_solver::{FlowProblem, NetworkSimplex, Residual, Tier};
///
/// // One helper with room for one task, two needs; `a` is cheaper there (and may go unserved
/// // at a penalty of 50), `b` has a fallback.
/// let mut p = FlowProblem::new();
/// let helper = p.add_supplier(&[Tier::new(1, 0)])?;
/// let fallback = p.add_supplier(&[Tier::new(1, 0)])?;
/// let a = p.add_need(Some(50))?;
/// let b = p.add_need(None)?;
/// p.add_arc(a, helper, 1)?;
/// p.add_arc(b, helper, 2)?;
/// p.add_arc(b, fallback, 10)?;
/// let sol = NetworkSimplex::new().solve(&p)?;
/// assert_eq!(sol.objective, 11); // a → helper (1), b → fallback (10)
///
/// // Forcing b onto the helper pushes a out: a is dropped (the path ends at the sink).
/// let r = Residual::build(&p, &sol).expect("optimal");
/// let (dist, next) = r.to_sink();
/// let path = r.path_to_sink(r.supplier_node(helper as usize), &dist, &next).expect("a path");
/// assert_eq!(path.dropped, Some(a as usize));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Residual {
    needs: usize,
    out: Vec<Vec<Edge>>,
    inc: Vec<Vec<Edge>>,
}

/// A shortest path of the residual network, read as the changes it makes to the plan: the
/// rest of a forcing cycle once the forced arc is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForcedPath {
    /// Total reduced cost of the path.
    pub cost: i64,
    /// Needs that move to another supplier along the path (solver indices).
    pub moved: Vec<usize>,
    /// The need that loses its supplier (pays its penalty) at the end of the path, if any.
    pub dropped: Option<usize>,
}

impl Residual {
    /// Builds the residual network; `None` unless the solution is optimal with sizes matching.
    pub fn build(p: &FlowProblem, sol: &Solution) -> Option<Self> {
        if !sol.optimal
            || sol.assignment.len() != p.needs()
            || sol.supplier_potential.len() != p.suppliers()
        {
            return None;
        }
        let n = p.needs();
        let m = p.suppliers();
        let sink = n + m;
        let mut out = vec![Vec::new(); sink + 1];
        let mut add = |from: usize, to: usize, cost: i64| {
            out[from].push(Edge {
                to: to as u32,
                cost: cost.max(0),
            });
        };
        let pi_need = |i: usize| sol.need_potential[i];
        let pi_sup = |s: usize| sol.supplier_potential[s];
        for a in 0..p.arcs() {
            if !p.is_usable(a) {
                continue;
            }
            let c = p.arc(a)?;
            let rc = c.cost + pi_sup(c.supplier) - pi_need(c.need);
            if sol.assignment[c.need] == Some(a) {
                if p.pinned(c.need).is_none() {
                    add(n + c.supplier, c.need, -rc);
                }
            } else {
                add(c.need, n + c.supplier, rc);
            }
        }
        for i in 0..n {
            if !p.may_stay_unassigned(i) {
                continue;
            }
            let pen = p.penalty(i)??;
            let rc = pen - pi_need(i);
            if sol.assignment[i].is_none() {
                add(sink, i, -rc);
            } else {
                add(i, sink, rc);
            }
        }
        let loads = sol.loads(p);
        for (s, &load) in loads.iter().enumerate() {
            let mut left = load;
            for t in p.tiers(s) {
                let used = left.min(u64::from(t.capacity));
                left -= used;
                let rc = t.cost - pi_sup(s);
                if used < u64::from(t.capacity) {
                    add(n + s, sink, rc);
                }
                if used > 0 {
                    add(sink, n + s, -rc);
                }
            }
        }
        let mut inc = vec![Vec::new(); sink + 1];
        for (from, edges) in out.iter().enumerate() {
            for e in edges {
                inc[e.to as usize].push(Edge {
                    to: from as u32,
                    cost: e.cost,
                });
            }
        }
        Some(Self { needs: n, out, inc })
    }

    fn sink(&self) -> usize {
        self.out.len() - 1
    }

    /// The supplier node of supplier index `s`.
    pub fn supplier_node(&self, s: usize) -> usize {
        self.needs + s
    }

    /// Shortest reduced-cost distance from every node to the sink, with the next hop
    /// (`i64::MAX` and `u32::MAX` where the sink cannot be reached).
    pub fn to_sink(&self) -> (Vec<i64>, Vec<u32>) {
        dijkstra(&self.inc, self.sink())
    }

    /// Shortest reduced-cost distances from `source` to every node, with the previous hop
    /// (`i64::MAX` and `u32::MAX` where unreachable).
    pub fn from(&self, source: usize) -> (Vec<i64>, Vec<u32>) {
        dijkstra(&self.out, source)
    }

    /// Reads the path from `start` to the sink through `next` hops (from [`Residual::to_sink`]).
    pub fn path_to_sink(&self, start: usize, dist: &[i64], next: &[u32]) -> Option<ForcedPath> {
        if dist[start] == UNREACHED {
            return None;
        }
        let mut nodes = vec![start];
        let mut v = start;
        while v != self.sink() {
            v = next[v] as usize;
            if v == u32::MAX as usize || nodes.len() > self.out.len() {
                return None;
            }
            nodes.push(v);
        }
        Some(self.describe(dist[start], &nodes))
    }

    /// Reads the path from `source` to `target` through `prev` hops (from [`Residual::from`]).
    pub fn path_from(
        &self,
        source: usize,
        target: usize,
        dist: &[i64],
        prev: &[u32],
    ) -> Option<ForcedPath> {
        if dist[target] == UNREACHED {
            return None;
        }
        let mut nodes = vec![target];
        let mut v = target;
        while v != source {
            let p = prev[v];
            if p == u32::MAX || nodes.len() > self.out.len() {
                return None;
            }
            v = p as usize;
            nodes.push(v);
        }
        nodes.reverse();
        Some(self.describe(dist[target], &nodes))
    }

    fn describe(&self, cost: i64, nodes: &[usize]) -> ForcedPath {
        let mut moved = Vec::new();
        let mut dropped = None;
        for w in nodes.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= self.needs && a < self.sink() && b < self.needs {
                moved.push(b);
            }
            if a < self.needs && b == self.sink() {
                dropped = Some(a);
            }
        }
        if let Some(d) = dropped {
            moved.retain(|m| *m != d);
        }
        ForcedPath {
            cost,
            moved,
            dropped,
        }
    }
}

fn dijkstra(adj: &[Vec<Edge>], source: usize) -> (Vec<i64>, Vec<u32>) {
    let mut dist = vec![UNREACHED; adj.len()];
    let mut hop = vec![u32::MAX; adj.len()];
    let mut heap = BinaryHeap::new();
    dist[source] = 0;
    heap.push(Reverse((0i64, source as u32)));
    while let Some(Reverse((d, v))) = heap.pop() {
        let v = v as usize;
        if d > dist[v] {
            continue;
        }
        for e in &adj[v] {
            let nd = d.saturating_add(e.cost);
            let to = e.to as usize;
            if nd < dist[to] {
                dist[to] = nd;
                hop[to] = v as u32;
                heap.push(Reverse((nd, e.to)));
            }
        }
    }
    (dist, hop)
}
