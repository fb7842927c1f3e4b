//! Local search on the penalised objective `cost + alpha · violation`: shift, swap and a
//! two-level ejection chain, inside an iterated local search with random perturbations and
//! an adaptive penalty factor (strategic oscillation around the feasibility boundary).

use super::state::{ALPHA_SCALE, NONE, State};

/// How often (in move evaluations) the caller's stop callback is polled.
const POLL_EVERY: u64 = 1 << 12;

/// Counts work and polls the caller's stop callback.
pub(crate) struct Budget<'a> {
    stop: &'a mut dyn FnMut() -> bool,
    evals: u64,
    next_poll: u64,
    pub stopped: bool,
}

impl<'a> Budget<'a> {
    pub fn new(stop: &'a mut dyn FnMut() -> bool) -> Self {
        Budget {
            stop,
            evals: 0,
            next_poll: 0,
            stopped: false,
        }
    }

    /// Records `k` units of work; returns `true` once the callback asked to stop.
    pub fn tick(&mut self, k: u64) -> bool {
        if self.stopped {
            return true;
        }
        self.evals += k;
        if self.evals >= self.next_poll {
            self.next_poll = self.evals + POLL_EVERY;
            self.stopped = (self.stop)();
        }
        self.stopped
    }
}

/// A small seeded generator (xorshift64*), so the core needs no entropy.
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        // splitmix64 of the seed, never zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

#[inline]
fn gain(d: (i64, i64), alpha: i64) -> i128 {
    i128::from(d.0) * ALPHA_SCALE + i128::from(alpha) * i128::from(d.1)
}

/// Best shift of job `j` to an agent where `dirty` says something changed (either end):
/// (target, penalised delta) if it improves.
fn best_shift(s: &State<'_>, j: usize, alpha: i64, dirty: &[bool]) -> Option<(u32, i128)> {
    let from_dirty = is_dirty(dirty, s.assign[j]);
    let mut best: Option<(u32, i128)> = None;
    let targets =
        s.p.job_pairs(j)
            .iter()
            .map(|q| q.agent as u32)
            .chain(s.p.penalties()[j].map(|_| NONE));
    for to in targets {
        if !from_dirty && !is_dirty(dirty, to) {
            continue;
        }
        if let Some(d) = s.delta_shift(j, to) {
            let g = gain(d, alpha);
            if g < 0 && best.is_none_or(|(_, bg)| g < bg) {
                best = Some((to, g));
            }
        }
    }
    best
}

#[inline]
fn is_dirty(dirty: &[bool], a: u32) -> bool {
    a != NONE && dirty[a as usize]
}

/// Descends to a local optimum of the penalised objective under shift, swap and ejection
/// moves. Each round only evaluates moves touching an agent that changed since its moves were
/// last evaluated (`State::touched`; the caller marks all agents when `alpha` changes), which
/// keeps the descent exact while skipping unchanged parts. Returns the moves applied.
pub(crate) fn descend(s: &mut State<'_>, alpha: i64, start: usize, budget: &mut Budget<'_>) -> u64 {
    let n = s.p.num_jobs();
    let m = s.p.num_agents();
    let mut moves = 0u64;
    if n == 0 {
        return 0;
    }
    let mut dirty = vec![false; m];
    loop {
        std::mem::swap(&mut dirty, &mut s.touched);
        s.touched.fill(false);
        if !dirty.iter().any(|&d| d) {
            return moves;
        }
        // Shift pass: best shift per job, applied immediately.
        for t in 0..n {
            let j = (start + t) % n;
            if let Some((to, _)) = best_shift(s, j, alpha, &dirty) {
                s.apply_shift(j, to);
                moves += 1;
            }
            if budget.tick(s.p.job_pairs(j).len() as u64 + 1) {
                return moves;
            }
        }
        // Swap pass: every improving exchange met.
        for t in 0..n {
            let j1 = (start + t) % n;
            let mut work = 0;
            for j2 in 0..n {
                let (a1, a2) = (s.assign[j1], s.assign[j2]);
                if a1 == a2 || (!is_dirty(&dirty, a1) && !is_dirty(&dirty, a2)) {
                    continue;
                }
                work += 1;
                if let Some(d) = s.delta_swap(j1, j2)
                    && gain(d, alpha) < 0
                {
                    s.apply_swap(j1, j2);
                    moves += 1;
                }
            }
            if budget.tick(work + 1) {
                return moves;
            }
        }
        moves += ejection(s, alpha, start, &dirty, budget);
        if budget.stopped {
            return moves;
        }
    }
}

/// Two-level ejection chain: move job `j` to an agent `b` where it is cheaper but overloads
/// `b`, and move one job `k` off `b` to any agent `c` (or unassigned). Applies every
/// improving chain met (the best `k`, `c` per `j`, `b`); returns how many.
fn ejection(
    s: &mut State<'_>,
    alpha: i64,
    start: usize,
    dirty: &[bool],
    budget: &mut Budget<'_>,
) -> u64 {
    let p = s.p;
    let n = p.num_jobs();
    let m = p.num_agents();
    let mut on: Vec<Vec<usize>> = vec![Vec::new(); m];
    for (j, &a) in s.assign.iter().enumerate() {
        if a != NONE {
            on[a as usize].push(j);
        }
    }
    let mut applied = 0;
    for t in 0..n {
        let j = (start + t) % n;
        let mut work = 0u64;
        for q in p.job_pairs(j) {
            let a = s.assign[j];
            let Some((cj, _)) = s.cw(j, a) else {
                break;
            };
            let b = q.agent as u32;
            if b == a || q.cost >= cj || (!is_dirty(dirty, a) && !is_dirty(dirty, b)) {
                continue;
            }
            // Only chains that relieve an overload the first move creates; plain shifts
            // cover the rest.
            let overflow = s.load[b as usize] + q.weight - p.capacities()[b as usize];
            if overflow <= 0 {
                continue;
            }
            let Some(d1) = s.delta_shift(j, b) else {
                continue;
            };
            let marks = (a != NONE && s.touched[a as usize], s.touched[b as usize]);
            s.apply_shift(j, b);
            let mut found: Option<(usize, u32)> = None;
            let mut best = 0i128;
            for &k in &on[b as usize] {
                if k == j || s.cw(k, b).is_none_or(|(_, w)| w < overflow) {
                    continue;
                }
                let targets = p
                    .job_pairs(k)
                    .iter()
                    .map(|r| r.agent as u32)
                    .chain(p.penalties()[k].map(|_| NONE));
                for c in targets {
                    work += 1;
                    if let Some(d2) = s.delta_shift(k, c) {
                        let g = gain((d1.0 + d2.0, d1.1 + d2.1), alpha);
                        if g < best {
                            best = g;
                            found = Some((k, c));
                        }
                    }
                }
            }
            if let Some((k, c)) = found {
                s.apply_shift(k, c);
                applied += 1;
                move_job(&mut on, j, a, b);
                move_job(&mut on, k, b, c);
            } else {
                // Undo the tentative move, and its marks: nothing changed.
                s.apply_shift(j, a);
                if a != NONE {
                    s.touched[a as usize] = marks.0;
                }
                s.touched[b as usize] = marks.1;
            }
        }
        if budget.tick(work + 1) {
            return applied;
        }
    }
    applied
}

fn move_job(on: &mut [Vec<usize>], j: usize, from: u32, to: u32) {
    if from != NONE
        && let Some(i) = on[from as usize].iter().position(|&x| x == j)
    {
        on[from as usize].swap_remove(i);
    }
    if to != NONE {
        on[to as usize].push(j);
    }
}

/// Applies `k` random shifts or swaps.
pub(crate) fn perturb(s: &mut State<'_>, k: usize, rng: &mut Rng) {
    let n = s.p.num_jobs();
    if n == 0 {
        return;
    }
    for _ in 0..k {
        let j = rng.below(n);
        if rng.below(2) == 0 {
            let opts = s.p.job_pairs(j);
            let extra = usize::from(s.p.penalties()[j].is_some());
            if opts.len() + extra == 0 {
                continue;
            }
            let i = rng.below(opts.len() + extra);
            let to = opts.get(i).map_or(NONE, |q| q.agent as u32);
            if s.delta_shift(j, to).is_some() {
                s.apply_shift(j, to);
            }
        } else {
            let j2 = rng.below(n);
            if s.delta_swap(j, j2).is_some() {
                s.apply_swap(j, j2);
            }
        }
    }
}
