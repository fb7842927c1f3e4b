//! Local search on the penalised objective `cost + Σ_a w_a · violation_a` (one penalty weight
//! per agent, adapted by the caller: strategic oscillation around the feasibility boundary):
//! shift, swap and a two-level ejection chain.
//!
//! Every move is evaluated incrementally in O(1) (plus the conflicts of the jobs moved). Swaps
//! and ejection chains are restricted to each job's candidate agents (its cheapest few, see
//! [`Cands`]) and found through the per-agent job lists of the state, so a pass costs about
//! `n · k · n/m` evaluations instead of `n²`; and a descent only re-evaluates moves touching an
//! agent that changed since it last looked, so after a perturbation it stays local.

use super::problem::GapProblem;
use super::state::{NONE, State};

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

    /// Units of work recorded so far.
    pub fn evals(&self) -> u64 {
        self.evals
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

/// Largest jobs × slots rank table kept for O(1) candidate tests.
const RANK_CELLS: usize = 1 << 24;

/// Candidates of each side of a swap, and targets of the job ejected in a chain.
const SWAP_TOP: usize = 6;

/// Candidate agents of every job: its `k` cheapest usable options (agents whose capacity can
/// hold it, and "unassigned" when it has a penalty), cheapest first.
pub(crate) struct Cands {
    k: usize,
    list: Vec<u32>,
    len: Vec<u8>,
    /// `rank[j * (m + 1) + slot]`: position of the slot among j's candidates, 255 if none
    /// (when the table is small enough; else `has` searches the list).
    rank: Vec<u8>,
    slots: usize,
    /// Jobs having each slot (agents, then `m` for unassigned) among their candidates.
    rev: Vec<u32>,
    rev_start: Vec<usize>,
}

impl Cands {
    /// `price`: per agent, a price per unit of weight in cost units × 2^`shift` (the
    /// Lagrangian capacity prices); options are ranked by `cost + price · weight`.
    pub fn new(p: &GapProblem, k: usize, price: Option<&[i64]>, shift: u32) -> Self {
        let n = p.num_jobs();
        let k = k.clamp(1, 255);
        let mut list = vec![NONE; n * k];
        let mut len = vec![0u8; n];
        let mut opts: Vec<(i128, i64, u32)> = Vec::new();
        let key = |a: usize, c: i64, w: i64| {
            (i128::from(c) << shift) + price.map_or(0, |v| i128::from(v[a]) * i128::from(w))
        };
        for j in 0..n {
            opts.clear();
            opts.extend(
                p.job_pairs(j)
                    .iter()
                    .filter(|q| q.weight <= p.capacities()[q.agent])
                    .map(|q| (key(q.agent, q.cost, q.weight), q.weight, q.agent as u32)),
            );
            if let Some(pen) = p.penalties()[j] {
                opts.push((i128::from(pen) << shift, 0, NONE));
            }
            opts.sort_unstable();
            let l = opts.len().min(k);
            for (i, o) in opts[..l].iter().enumerate() {
                list[j * k + i] = o.2;
            }
            len[j] = l as u8;
        }
        let m = p.num_agents();
        let slot = |a: u32| if a == NONE { m } else { a as usize };
        let mut rev_start = vec![0usize; m + 2];
        for j in 0..n {
            for &a in &list[j * k..j * k + len[j] as usize] {
                rev_start[slot(a) + 1] += 1;
            }
        }
        for a in 0..=m {
            rev_start[a + 1] += rev_start[a];
        }
        let mut fill = rev_start.clone();
        let mut rev = vec![0u32; rev_start[m + 1]];
        for j in 0..n {
            for &a in &list[j * k..j * k + len[j] as usize] {
                rev[fill[slot(a)]] = j as u32;
                fill[slot(a)] += 1;
            }
        }
        let slots = m + 1;
        let mut rank = Vec::new();
        if n.saturating_mul(slots) <= RANK_CELLS {
            rank = vec![u8::MAX; n * slots];
            for j in 0..n {
                for (i, &a) in list[j * k..j * k + len[j] as usize].iter().enumerate() {
                    rank[j * slots + slot(a)] = i as u8;
                }
            }
        }
        Cands {
            k,
            list,
            len,
            rank,
            slots,
            rev,
            rev_start,
        }
    }

    /// The jobs having slot `a` among their candidates.
    #[inline]
    pub fn having(&self, a: usize) -> &[u32] {
        &self.rev[self.rev_start[a]..self.rev_start[a + 1]]
    }

    #[inline]
    pub fn of(&self, j: usize) -> &[u32] {
        &self.list[j * self.k..j * self.k + self.len[j] as usize]
    }

    /// Whether `a` is among the first `top` candidates of `j`.
    #[inline]
    pub fn has(&self, j: usize, a: u32, top: usize) -> bool {
        if self.rank.is_empty() {
            return self.of(j).iter().take(top).any(|&x| x == a);
        }
        let sl = if a == NONE {
            self.slots - 1
        } else {
            a as usize
        };
        (self.rank[j * self.slots + sl] as usize) < top
    }
}

/// Descends to a local optimum of the weighted penalised objective under shift, swap and
/// ejection moves. Each round only evaluates moves that touch a slot (agent, or the unassigned
/// jobs) changed since its moves were last evaluated: moves of the jobs on it, and moves into
/// it of the jobs having it as a candidate if it was freed (`State::touched`, `State::freed`;
/// the caller marks the agents whose weights it changes). Ejection chains are tried once
/// shifts and swaps are exhausted, from the slots changed since they were last tried.
/// Returns the moves applied.
pub(crate) fn descend(
    s: &mut State<'_>,
    w: &[i64],
    c: &Cands,
    start: usize,
    budget: &mut Budget<'_>,
) -> u64 {
    let n = s.p.num_jobs();
    let slots = s.on.len();
    let mut moves = 0u64;
    if n == 0 {
        return 0;
    }
    let mut dirty = vec![false; slots];
    let mut freed = vec![false; slots];
    let mut ej_dirty = vec![false; slots];
    let mut dirty_list: Vec<usize> = Vec::new();
    let mut jobs: Vec<u32> = Vec::new();
    let mut seen = vec![0u32; n];
    let mut stamp = 0u32;
    let mut near: Vec<u32> = Vec::new();
    loop {
        std::mem::swap(&mut dirty, &mut s.touched);
        s.touched.fill(false);
        std::mem::swap(&mut freed, &mut s.freed);
        s.freed.fill(false);
        dirty_list.clear();
        dirty_list.extend((0..slots).filter(|&a| dirty[a]));
        let eject = dirty_list.is_empty();
        if eject {
            dirty_list.extend((0..slots).filter(|&a| ej_dirty[a]));
            if dirty_list.is_empty() {
                return moves;
            }
            std::mem::swap(&mut dirty, &mut ej_dirty);
            ej_dirty.fill(false);
        } else {
            for &a in &dirty_list {
                ej_dirty[a] = true;
            }
        }
        stamp = stamp.wrapping_add(1);
        if stamp == 0 {
            seen.fill(0);
            stamp = 1;
        }
        // The jobs on dirty slots, then (for shifts only) those that may move into a freed one.
        near.clear();
        if dirty_list.len() * 2 >= slots {
            near.extend((0..n).map(|t| ((start + t) % n) as u32));
            for j in &near {
                seen[*j as usize] = stamp;
            }
        } else {
            for &a in &dirty_list {
                for &j in &s.on[a] {
                    seen[j as usize] = stamp;
                    near.push(j);
                }
            }
        }
        let own = near.len();
        if !eject && own < n {
            for a in (0..slots).filter(|&a| freed[a]) {
                for &j in c.having(a) {
                    if seen[j as usize] != stamp {
                        seen[j as usize] = stamp;
                        near.push(j);
                    }
                }
            }
        }
        budget.tick(near.len() as u64);
        if eject {
            let applied = ejection(s, w, c, &near, &dirty, budget);
            moves += applied;
            if applied == 0 || budget.stopped {
                return moves;
            }
            continue;
        }
        moves += shift_pass(s, w, c, &near, &dirty, &freed, budget);
        if budget.stopped {
            return moves;
        }
        // Swap pass: for each job on a dirty slot, its best exchange with a job on one of its
        // top candidate agents that has the first job's agent among its own top candidates.
        // Pairs with a clean first slot are met from the dirty side, the test being symmetric.
        jobs.clear();
        jobs.extend_from_slice(&near[..own]);
        for &j1 in &jobs {
            let j1 = j1 as usize;
            let a1 = s.assign[j1];
            if !dirty[s.slot(a1)] {
                continue;
            }
            let mut best: Option<(usize, i128)> = None;
            let mut work = 1u64;
            for &b in c.of(j1).iter().take(SWAP_TOP) {
                if b == a1 {
                    continue;
                }
                let on = &s.on[s.slot(b)];
                work += on.len() as u64 / 4;
                for &j2 in on {
                    let j2 = j2 as usize;
                    if !c.has(j2, a1, SWAP_TOP) {
                        continue;
                    }
                    work += 1;
                    if let Some(g) = s.swap_gain(j1, j2, w)
                        && g < 0
                        && best.is_none_or(|(_, bg)| g < bg)
                    {
                        best = Some((j2, g));
                    }
                }
            }
            if let Some((j2, _)) = best {
                let a2 = s.assign[j2];
                s.apply_shift(j1, a2);
                s.apply_shift(j2, a1);
                moves += 1;
            }
            if budget.tick(work) {
                return moves;
            }
        }
    }
}

/// Best shift of every job of `near`: to any agent if its own slot is dirty, else to its
/// freed candidates; applied at once.
fn shift_pass(
    s: &mut State<'_>,
    w: &[i64],
    c: &Cands,
    near: &[u32],
    dirty: &[bool],
    freed: &[bool],
    budget: &mut Budget<'_>,
) -> u64 {
    let p = s.p;
    let mut moves = 0;
    for &j in near {
        let j = j as usize;
        let from_dirty = dirty[s.slot(s.assign[j])];
        let mut best: Option<(u32, i128)> = None;
        let mut consider = |s: &State<'_>, to: u32| {
            if let Some(g) = s.shift_gain(j, to, w)
                && g < 0
                && best.is_none_or(|(_, bg)| g < bg)
            {
                best = Some((to, g));
            }
        };
        let work = if from_dirty {
            let pairs = p.job_pairs(j);
            for q in pairs {
                consider(s, q.agent as u32);
            }
            if p.penalties()[j].is_some() {
                consider(s, NONE);
            }
            pairs.len() as u64 + 1
        } else {
            for &to in c.of(j) {
                if freed[s.slot(to)] {
                    consider(s, to);
                }
            }
            c.of(j).len() as u64 + 1
        };
        if let Some((to, _)) = best {
            s.apply_shift(j, to);
            moves += 1;
        }
        if budget.tick(work) {
            return moves;
        }
    }
    moves
}

/// Two-level ejection chain: move job `j` to a candidate agent `b` where it is cheaper but
/// overloads `b`, and move one job `k` off `b` to one of its candidates `c` (or unassigned).
/// Applies the best chain per `(j, b)` when it improves; returns how many.
fn ejection(
    s: &mut State<'_>,
    w: &[i64],
    c: &Cands,
    near: &[u32],
    dirty: &[bool],
    budget: &mut Budget<'_>,
) -> u64 {
    let p = s.p;
    let mut applied = 0;
    for &j in near {
        let j = j as usize;
        let mut work = 1u64;
        for &b in c.of(j) {
            let a = s.assign[j];
            let Some((cj, _)) = s.cw(j, a) else {
                break;
            };
            if b == a || b == NONE || (!dirty[s.slot(a)] && !dirty[b as usize]) {
                continue;
            }
            let Some((cb, wb)) = s.cw(j, b) else {
                continue;
            };
            if cb >= cj {
                continue;
            }
            // Only chains that relieve an overload the first move creates; plain shifts
            // cover the rest.
            let bu = b as usize;
            let overflow = s.load[bu] + wb - p.capacities()[bu];
            if overflow <= 0 {
                continue;
            }
            let Some(g1) = s.shift_gain(j, b, w) else {
                continue;
            };
            let sa = s.slot(a);
            let marks = (s.touched[sa], s.touched[bu], s.freed[sa], s.freed[bu]);
            s.apply_shift(j, b);
            let mut found: Option<(usize, u32)> = None;
            let mut best = 0i128;
            let len = s.on[bu].len();
            for i in 0..len {
                let k = s.on[bu][i] as usize;
                if k == j || s.cw(k, b).is_none_or(|(_, wk)| wk < overflow) {
                    continue;
                }
                for &to in c.of(k).iter().take(SWAP_TOP) {
                    work += 1;
                    if let Some(g2) = s.shift_gain(k, to, w) {
                        let g = g1 + g2;
                        if g < best {
                            best = g;
                            found = Some((k, to));
                        }
                    }
                }
            }
            if let Some((k, to)) = found {
                s.apply_shift(k, to);
                applied += 1;
            } else {
                // Undo the tentative move, and its marks: nothing changed.
                s.apply_shift(j, a);
                s.touched[sa] = marks.0;
                s.touched[bu] = marks.1;
                s.freed[sa] = marks.2;
                s.freed[bu] = marks.3;
            }
        }
        if budget.tick(work) {
            return applied;
        }
    }
    applied
}

/// Applies `k` random shifts or swaps, each to one of the job's candidate agents.
pub(crate) fn perturb(s: &mut State<'_>, k: usize, c: &Cands, rng: &mut Rng) {
    let n = s.p.num_jobs();
    if n == 0 {
        return;
    }
    for _ in 0..k {
        let j = rng.below(n);
        let opts = c.of(j);
        if opts.is_empty() {
            continue;
        }
        let to = opts[rng.below(opts.len())];
        if to == s.assign[j] {
            continue;
        }
        if rng.below(2) == 0 {
            s.apply_shift(j, to);
        } else {
            // Swap with a job on `to` that may take j's agent, if any.
            let from = s.assign[j];
            let on = &s.on[s.slot(to)];
            if on.is_empty() {
                s.apply_shift(j, to);
                continue;
            }
            let k2 = on[rng.below(on.len())] as usize;
            if s.cw(k2, from).is_some() {
                s.apply_shift(j, to);
                s.apply_shift(k2, from);
            } else {
                s.apply_shift(j, to);
            }
        }
    }
}
