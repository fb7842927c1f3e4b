//! Lagrangian lower bound: relax the assignment constraints with multipliers `u_j`; the
//! relaxed problem splits into one 0-1 knapsack per agent (profit `u_j - c_ij`, weight
//! `w_ij`), each solved exactly by dynamic programming over capacity. Subgradient
//! optimisation (Polyak steps) improves the multipliers.
//!
//! Multipliers are fixed-point integers (`u_j = U_j / scale`), so every relaxed value is
//! computed exactly in integers and the bound is rounded up safely: the optimum is an
//! integer, so `ceil(L(u))` is still a valid lower bound. Conflict constraints are dropped in
//! the relaxation, which keeps it a relaxation.
//!
//! When an agent's knapsack table would be too large, weights and capacity are divided by a
//! factor `k` (rounding weights down and the capacity down): any load that fits the original
//! capacity still fits the scaled one, so the scaled knapsack is a relaxation and the bound
//! stays valid, only weaker.

use super::problem::GapProblem;

/// Most DP cells (items × capacity) per agent before weights are scaled down.
const DP_CELLS: usize = 1 << 22;

/// The result of the subgradient optimisation.
#[derive(Debug, Clone)]
pub(crate) struct Lagrangian {
    /// The best valid integer lower bound found.
    pub bound: i64,
    /// Iterations performed.
    pub iterations: u32,
    /// The relaxed assignment at the best multipliers: for each job, the agents whose
    /// knapsack took it (may be none or several), cheapest first.
    pub relaxed: Vec<Vec<u32>>,
}

/// The trivial bound: every job at its cheapest usable option (a pair that fits the agent's
/// capacity, or its penalty). `None` when a required job has no usable option.
pub(crate) fn trivial_bound(p: &GapProblem) -> Option<i64> {
    let mut total = 0i64;
    for j in 0..p.num_jobs() {
        let best = p
            .job_pairs(j)
            .iter()
            .filter(|q| q.weight <= p.capacities()[q.agent])
            .map(|q| q.cost)
            .chain(p.penalties()[j])
            .min()?;
        total += best;
    }
    Some(total)
}

struct Knap {
    /// Per agent: (job, scaled cost, scaled weight), only pairs that fit.
    items: Vec<Vec<(usize, i64, usize)>>,
    /// Per agent: scaled capacity.
    cap: Vec<usize>,
}

fn prepare(p: &GapProblem) -> Knap {
    let pairs = p.pairs();
    let mut items = Vec::with_capacity(p.num_agents());
    let mut caps = Vec::with_capacity(p.num_agents());
    for a in 0..p.num_agents() {
        let c = p.capacities()[a];
        let list: Vec<_> = p
            .agent_pair_indices(a)
            .iter()
            .map(|&i| pairs[i])
            .filter(|q| q.weight <= c)
            .collect();
        let cells = (list.len() as u128 + 1) * (c as u128 + 1);
        let k = if cells > DP_CELLS as u128 {
            // Smallest k with (c / k + 1) * items within the budget.
            let per = (DP_CELLS / (list.len() + 1)).max(2) as u128;
            ((c as u128).div_ceil(per - 1)).max(1) as i64
        } else {
            1
        };
        caps.push((c / k) as usize);
        items.push(
            list.iter()
                .map(|q| (q.job, q.cost, (q.weight / k) as usize))
                .collect(),
        );
    }
    Knap { items, cap: caps }
}

/// Solves `max Σ profit` subject to weight, over items with positive profit. Returns the best
/// profit and the chosen jobs. `dp` and `keep` are scratch buffers.
fn knapsack(
    items: &[(usize, i64, usize)],
    profit: impl Fn(usize, i64) -> i64,
    cap: usize,
    dp: &mut Vec<i64>,
    keep: &mut Vec<u64>,
    chosen: &mut Vec<usize>,
) -> i64 {
    chosen.clear();
    let mut total = 0i64;
    let live: Vec<(usize, i64, usize)> = items
        .iter()
        .filter_map(|&(j, c, w)| {
            let v = profit(j, c);
            (v > 0).then_some((j, v, w))
        })
        .collect();
    // Zero-weight items are always taken.
    let mut heavy = Vec::with_capacity(live.len());
    for &(j, v, w) in &live {
        if w == 0 {
            total += v;
            chosen.push(j);
        } else {
            heavy.push((j, v, w));
        }
    }
    if heavy.is_empty() {
        return total;
    }
    let width = cap + 1;
    let words = width.div_ceil(64);
    dp.clear();
    dp.resize(width, 0);
    keep.clear();
    keep.resize(words * heavy.len(), 0);
    for (i, &(_, v, w)) in heavy.iter().enumerate() {
        if w > cap {
            continue;
        }
        let row = &mut keep[i * words..(i + 1) * words];
        for c in (w..=cap).rev() {
            let cand = dp[c - w] + v;
            if cand > dp[c] {
                dp[c] = cand;
                row[c / 64] |= 1 << (c % 64);
            }
        }
    }
    let mut c = cap;
    for (i, &(j, _, w)) in heavy.iter().enumerate().rev() {
        if keep[i * words + c / 64] >> (c % 64) & 1 == 1 {
            chosen.push(j);
            c -= w;
        }
    }
    total + dp[cap]
}

/// Subgradient optimisation of the Lagrangian dual.
///
/// `upper` is the best known objective (used for step sizes and to stop once the bound meets
/// it). `tick` is called with the work done per iteration and returns `true` to stop.
pub(crate) fn lagrangian(
    p: &GapProblem,
    upper: Option<i64>,
    max_iterations: u32,
    tick: &mut dyn FnMut(u64) -> bool,
) -> Option<Lagrangian> {
    let trivial = trivial_bound(p)?;
    let n = p.num_jobs();
    let mut best = Lagrangian {
        bound: trivial,
        iterations: 0,
        relaxed: vec![Vec::new(); n],
    };
    // Keep every relaxed sum below 2^62: |U_j - scale * c| <= 2^42 * scale, times n items.
    let mut scale: i64 = 64;
    while scale > 1 && (scale as u128) * (n as u128 + 1) > 1 << 19 {
        scale /= 2;
    }
    if (scale as u128) * (n as u128 + 1) > 1 << 19 || n == 0 || max_iterations == 0 {
        return Some(best);
    }
    let limit = (MAX_U as i64) * scale;
    let knap = prepare(p);
    // Start from the second-cheapest usable option of each job (its cheapest when alone).
    let mut u: Vec<i64> = (0..n)
        .map(|j| {
            let mut opts: Vec<i64> = p
                .job_pairs(j)
                .iter()
                .filter(|q| q.weight <= p.capacities()[q.agent])
                .map(|q| q.cost)
                .chain(p.penalties()[j])
                .collect();
            opts.sort_unstable();
            opts.get(1).or(opts.first()).copied().unwrap_or(0) * scale
        })
        .collect();
    let mut lambda = 2.0f64;
    let mut stall = 0u32;
    let mut dp = Vec::new();
    let mut keep = Vec::new();
    let mut chosen = Vec::new();
    let mut covered = vec![0i64; n];
    let mut relaxed: Vec<Vec<u32>> = vec![Vec::new(); n];
    let work: u64 = knap
        .items
        .iter()
        .zip(&knap.cap)
        .map(|(it, &c)| (it.len() as u64) * (c as u64 + 1))
        .sum::<u64>()
        .max(1);
    for it in 0..max_iterations {
        if tick(work) {
            break;
        }
        best.iterations = it + 1;
        covered.fill(0);
        for r in &mut relaxed {
            r.clear();
        }
        // L(u) = Σ u_j - Σ_agents knap(u) + Σ_optional min(0, p_j - u_j), scaled.
        let mut l: i128 = u.iter().map(|&x| i128::from(x)).sum();
        for (a, items) in knap.items.iter().enumerate() {
            let z = knapsack(
                items,
                |j, c| u[j] - c * scale,
                knap.cap[a],
                &mut dp,
                &mut keep,
                &mut chosen,
            );
            l -= i128::from(z);
            for &j in &chosen {
                covered[j] += 1;
                relaxed[j].push(a as u32);
            }
        }
        for (j, pen) in p.penalties().iter().enumerate() {
            if let Some(pen) = *pen
                && pen * scale < u[j]
            {
                l += i128::from(pen * scale - u[j]);
                covered[j] += 1;
            }
        }
        let bound = ceil_div(l, i128::from(scale));
        if bound > best.bound {
            best.bound = bound;
            stall = 0;
            for (j, r) in relaxed.iter_mut().enumerate() {
                r.sort_by_key(|&a| (p.pair(a as usize, j).map_or(0, |q| q.cost), a));
            }
            best.relaxed.clone_from(&relaxed);
        } else {
            stall += 1;
            if stall >= 20 {
                lambda /= 2.0;
                stall = 0;
            }
        }
        if upper.is_some_and(|ub| best.bound >= ub) || lambda < 1e-4 {
            break;
        }
        let norm: i64 = covered.iter().map(|&x| (1 - x) * (1 - x)).sum();
        if norm == 0 {
            // The relaxed solution assigns every job once: its value is the optimum of the
            // relaxation without conflicts; nothing more to gain from the multipliers.
            break;
        }
        let lf = l as f64 / scale as f64;
        let target = upper.map_or(lf + lf.abs().max(10.0) * 0.05, |ub| ub as f64);
        let t = lambda * (target - lf).max(1e-3) / norm as f64;
        for (uj, &x) in u.iter_mut().zip(&covered) {
            let step = (t * (1 - x) as f64 * scale as f64).round() as i64;
            *uj = (*uj + step).clamp(-limit, limit);
        }
    }
    Some(best)
}

/// Multipliers are clamped to ±2^41 (in cost units), beyond any useful value.
const MAX_U: u64 = 1 << 41;

fn ceil_div(a: i128, b: i128) -> i64 {
    let q = a.div_euclid(b) + i128::from(a.rem_euclid(b) != 0);
    q.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}
