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

/// Most DP cells (positive-profit items × capacity) for one agent in one iteration; past it
/// the iteration uses the knapsack's LP bound for that agent.
const DP_CELLS_PER_STEP: usize = 1 << 17;

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
    /// Per agent, the price of a unit of capacity at the best multipliers (the critical
    /// profit-to-weight ratio of its knapsack, in cost units × `2^PRICE_SHIFT`; 0 if unknown).
    pub price: Vec<i64>,
}

/// Fixed-point shift of [`Lagrangian::price`].
pub(crate) const PRICE_SHIFT: u32 = 16;

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
/// profit, the chosen jobs and the table cells filled. `dp` and `keep` are scratch buffers.
fn knapsack(
    items: &[(usize, i64, usize)],
    profit: impl Fn(usize, i64) -> i64,
    cap: usize,
    dp: &mut Vec<i64>,
    keep: &mut Vec<u64>,
    chosen: &mut Vec<usize>,
) -> (i64, u64, (i64, usize)) {
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
        return (total, 0, (0, 1));
    }
    // Every item fits at once: take them all, no table needed.
    if heavy.iter().map(|&(_, _, w)| w).sum::<usize>() <= cap {
        for &(j, v, _) in &heavy {
            total += v;
            chosen.push(j);
        }
        return (total, heavy.len() as u64, (0, 1));
    }
    // By profit per weight, best first: the critical item (the first that no longer fits)
    // prices the capacity (the LP dual of the knapsack's capacity constraint).
    // A float key sorts almost right at a fraction of the cost; insertion sort under the
    // exact integer order then fixes the few neighbours the rounding misplaced, so the order
    // (and the bound) is exactly that of the integer comparison.
    let exact = |x: &(usize, i64, usize), y: &(usize, i64, usize)| {
        (i128::from(y.1) * x.2 as i128)
            .cmp(&(i128::from(x.1) * y.2 as i128))
            .then(x.0.cmp(&y.0))
    };
    heavy.sort_unstable_by(|x, y| {
        let (rx, ry) = (x.1 as f64 / x.2 as f64, y.1 as f64 / y.2 as f64);
        ry.total_cmp(&rx).then(x.0.cmp(&y.0))
    });
    for i in 1..heavy.len() {
        let mut k = i;
        while k > 0 && exact(&heavy[k - 1], &heavy[k]).is_gt() {
            heavy.swap(k - 1, k);
            k -= 1;
        }
    }
    let mut crit = (0i64, 1usize);
    let mut room = cap;
    for &(_, v, w) in &heavy {
        if w > room {
            crit = (v, w);
            break;
        }
        room -= w;
    }
    let width = cap + 1;
    if heavy.len() * width > DP_CELLS_PER_STEP {
        // Too large a table for one iteration: Dantzig's bound (the LP relaxation, rounded
        // up) over-estimates the knapsack, so the Lagrangian bound stays valid, only weaker.
        // The items taken whole by the greedy give the subgradient.
        let mut room = cap;
        let mut frac: i128 = 0;
        for &(j, v, w) in &heavy {
            if w <= room {
                room -= w;
                total += v;
                chosen.push(j);
            } else {
                // ceil(v * room / w): the fraction of the critical item.
                frac = (i128::from(v) * room as i128 + w as i128 - 1) / w as i128;
                break;
            }
        }
        let frac = i64::try_from(frac).unwrap_or(i64::MAX / 4);
        // The sort dominates: about n log n comparisons.
        let len = heavy.len() as u64;
        return (total + frac, len * 2 * u64::from(1 + len.ilog2()), crit);
    }
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
    (total + dp[cap], (heavy.len() * width) as u64, crit)
}

/// Subgradient optimisation of the Lagrangian dual, run one iteration at a time so the caller
/// can interleave it with the search ([`Subgradient::step`]).
pub(crate) struct Subgradient {
    /// The best bound so far, its iterations and relaxed assignment.
    pub best: Lagrangian,
    max_iterations: u32,
    done: bool,
    scale: i64,
    limit: i64,
    knap: Option<Knap>,
    u: Vec<i64>,
    lambda: f64,
    stall: u32,
    dp: Vec<i64>,
    keep: Vec<u64>,
    chosen: Vec<usize>,
    covered: Vec<i64>,
    relaxed: Vec<Vec<u32>>,
    price_now: Vec<i64>,
}

impl Subgradient {
    /// Prepares the optimisation; `None` when a required job has no usable option.
    pub fn new(p: &GapProblem, max_iterations: u32) -> Option<Self> {
        let trivial = trivial_bound(p)?;
        let n = p.num_jobs();
        let best = Lagrangian {
            bound: trivial,
            iterations: 0,
            relaxed: vec![Vec::new(); n],
            price: vec![0; p.num_agents()],
        };
        // Keep every relaxed sum below 2^62: |U_j - scale * c| <= 2^42 * scale, times n items.
        let mut scale: i64 = 64;
        while scale > 1 && (scale as u128) * (n as u128 + 1) > 1 << 19 {
            scale /= 2;
        }
        let trivial_only =
            (scale as u128) * (n as u128 + 1) > 1 << 19 || n == 0 || max_iterations == 0;
        let mut sg = Subgradient {
            best,
            max_iterations,
            done: trivial_only,
            scale,
            limit: (MAX_U as i64) * scale,
            knap: None,
            u: Vec::new(),
            lambda: 2.0,
            stall: 0,
            dp: Vec::new(),
            keep: Vec::new(),
            chosen: Vec::new(),
            covered: vec![0; n],
            relaxed: vec![Vec::new(); n],
            price_now: vec![0; p.num_agents()],
        };
        if trivial_only {
            return Some(sg);
        }
        sg.knap = Some(prepare(p));
        // Start from the second-cheapest usable option of each job (its cheapest when alone).
        sg.u = (0..n)
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
        Some(sg)
    }

    /// Whether the optimisation has ended (iterations spent, converged or met `upper`).
    pub fn done(&self) -> bool {
        self.done
    }

    /// One subgradient iteration with `upper` the best known objective (for the step size and
    /// to stop once the bound meets it). Returns the work done (knapsack cells); `improved`
    /// tells whether the bound rose.
    pub fn step(&mut self, p: &GapProblem, upper: Option<i64>) -> (u64, bool) {
        if self.done {
            return (0, false);
        }
        let Some(knap) = &self.knap else {
            self.done = true;
            return (0, false);
        };
        let scale = self.scale;
        let it = self.best.iterations;
        self.best.iterations = it + 1;
        self.covered.fill(0);
        for r in &mut self.relaxed {
            r.clear();
        }
        let u = &self.u;
        let mut work = 0u64;
        // L(u) = Σ u_j - Σ_agents knap(u) + Σ_optional min(0, p_j - u_j), scaled.
        let mut l: i128 = u.iter().map(|&x| i128::from(x)).sum();
        for (a, items) in knap.items.iter().enumerate() {
            let (z, cells, crit) = knapsack(
                items,
                |j, c| u[j] - c * scale,
                knap.cap[a],
                &mut self.dp,
                &mut self.keep,
                &mut self.chosen,
            );
            work += cells + items.len() as u64;
            // Price of a unit of capacity, in cost units × 2^16.
            let v = i128::from(crit.0) * (1 << PRICE_SHIFT) / (crit.1 as i128 * i128::from(scale));
            self.price_now[a] = i64::try_from(v.max(0)).unwrap_or(i64::MAX / 4);
            l -= i128::from(z);
            for &j in &self.chosen {
                self.covered[j] += 1;
                self.relaxed[j].push(a as u32);
            }
        }
        for (j, pen) in p.penalties().iter().enumerate() {
            if let Some(pen) = *pen
                && pen * scale < u[j]
            {
                l += i128::from(pen * scale - u[j]);
                self.covered[j] += 1;
            }
        }
        let bound = ceil_div(l, i128::from(scale));
        let improved = bound > self.best.bound;
        if improved {
            self.best.bound = bound;
            self.stall = 0;
            for (j, r) in self.relaxed.iter_mut().enumerate() {
                r.sort_by_key(|&a| (p.pair(a as usize, j).map_or(0, |q| q.cost), a));
            }
            self.best.relaxed.clone_from(&self.relaxed);
            self.best.price.clone_from(&self.price_now);
        } else {
            self.stall += 1;
            if self.stall >= 20 {
                self.lambda /= 2.0;
                self.stall = 0;
            }
        }
        let norm: i64 = self.covered.iter().map(|&x| (1 - x) * (1 - x)).sum();
        // norm 0: the relaxed solution assigns every job once, so its value is the optimum of
        // the relaxation without conflicts; nothing more to gain from the multipliers.
        if upper.is_some_and(|ub| self.best.bound >= ub)
            || self.lambda < 1e-4
            || norm == 0
            || self.best.iterations >= self.max_iterations
        {
            self.done = true;
            return (work, improved);
        }
        let lf = l as f64 / scale as f64;
        // Polyak's target: the best objective, but no further than 5% above the best bound
        // (a poor objective early on would make the steps far too long).
        let bb = self.best.bound as f64;
        let near = bb + bb.abs().max(10.0) * 0.05;
        let target = upper.map_or(lf + lf.abs().max(10.0) * 0.05, |ub| (ub as f64).min(near));
        let t = self.lambda * (target - lf).max(1e-3) / norm as f64;
        for (uj, &x) in self.u.iter_mut().zip(&self.covered) {
            let step = (t * (1 - x) as f64 * scale as f64).round() as i64;
            *uj = (*uj + step).clamp(-self.limit, self.limit);
        }
        (work, improved)
    }
}

/// Multipliers are clamped to ±2^41 (in cost units), beyond any useful value.
const MAX_U: u64 = 1 << 41;

fn ceil_div(a: i128, b: i128) -> i64 {
    let q = a.div_euclid(b) + i128::from(a.rem_euclid(b) != 0);
    q.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// First step of the capacity prices, relative to the typical price and an agent's relative
/// overload; each step is `PRICE_STEP_DECAY` times the previous.
const PRICE_STEP: f64 = 0.1;
const PRICE_STEP_DECAY: f64 = 0.98;

/// Capacity prices by relaxing the capacities instead (Ross and Soland): with a price `v_a`
/// per unit of each agent's capacity, every job takes its option of least
/// `cost + v_a · weight`, and a few subgradient steps on `v` (up where an agent is
/// overloaded, down where it has room) balance the loads. Cheap, `O(iterations · pairs)`.
///
/// Returns the prices (cost units × 2^[`PRICE_SHIFT`]) of the iteration with the least total
/// overload, and that iteration's assignment (each job on its least-priced option). `tick` is
/// called with the work of each iteration and returns `true` to stop.
pub(crate) fn capacity_prices(
    p: &GapProblem,
    iterations: u32,
    tick: &mut dyn FnMut(u64) -> bool,
) -> (Vec<i64>, Vec<u32>) {
    let (m, n) = (p.num_agents(), p.num_jobs());
    let caps = p.capacities();
    let usable: Vec<_> = p
        .pairs()
        .iter()
        .filter(|q| q.weight <= caps[q.agent])
        .collect();
    let min_cost = usable.iter().map(|q| q.cost).min().unwrap_or(0);
    let max_cost = usable.iter().map(|q| q.cost).max().unwrap_or(0);
    let mean_w = usable.iter().map(|q| q.weight).sum::<i64>() / (usable.len() as i64).max(1);
    // Typical price: the cost range per average weight, in fixed point.
    let scale = ((i128::from(max_cost - min_cost).max(1) << PRICE_SHIFT)
        / i128::from(mean_w.max(1)))
    .clamp(1, i128::from(i64::MAX >> 24)) as i64;
    let mut v = vec![0i64; m];
    let mut load = vec![0i64; m];
    let mut pick = vec![u32::MAX; n];
    let mut best: (i64, Vec<i64>, Vec<u32>) = (i64::MAX, v.clone(), pick.clone());
    let mut eta = PRICE_STEP;
    for _ in 0..iterations {
        load.fill(0);
        for (j, slot) in pick.iter_mut().enumerate() {
            let mut choice: Option<(i128, u32, i64)> = None;
            for q in p.job_pairs(j) {
                if q.weight > caps[q.agent] {
                    continue;
                }
                let key = (i128::from(q.cost) << PRICE_SHIFT)
                    + i128::from(v[q.agent]) * i128::from(q.weight);
                if choice.is_none_or(|c| key < c.0) {
                    choice = Some((key, q.agent as u32, q.weight));
                }
            }
            if let Some(pen) = p.penalties()[j]
                && choice.is_none_or(|c| i128::from(pen) << PRICE_SHIFT < c.0)
            {
                choice = Some((i128::from(pen) << PRICE_SHIFT, u32::MAX, 0));
            }
            *slot = choice.map_or(u32::MAX, |c| c.1);
            if let Some((_, a, w)) = choice
                && a != u32::MAX
            {
                load[a as usize] += w;
            }
        }
        let excess: i64 = (0..m).map(|a| (load[a] - caps[a]).max(0)).sum();
        if excess <= best.0 {
            best = (excess, v.clone(), pick.clone());
        }
        if excess == 0 && v.iter().all(|&x| x == 0) {
            break;
        }
        for a in 0..m {
            let g = (load[a] - caps[a]) as f64 / caps[a].max(1) as f64;
            let step = (eta * g * scale as f64).round() as i64;
            v[a] = (v[a] + step).max(0);
        }
        eta *= PRICE_STEP_DECAY;
        if tick(p.pairs().len() as u64 + 1) {
            break;
        }
    }
    (best.1, best.2)
}
