//! The large neighbourhood: destroy operators that remove visits and repair operators that
//! insert unserved visits back, most important tier first.

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::route::View;
use crate::state::{Facts, State};

/// How many visits a destroy removes: from 4 (or all, when fewer are served) up to 40% of
/// the served ones, at most 60.
pub(crate) fn destroy_size(rng: &mut ChaCha8Rng, served: usize) -> usize {
    if served == 0 {
        return 0;
    }
    let high = (served * 2 / 5).clamp(served.min(4), 60);
    let low = high.min(4);
    rng.random_range(low..=high)
}

fn served(state: &State) -> Vec<usize> {
    state
        .route_of
        .iter()
        .enumerate()
        .filter_map(|(v, r)| r.map(|_| v))
        .collect()
}

/// Destroy operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Destroy {
    Random,
    Worst,
    Related,
    Route,
}

impl Destroy {
    pub const ALL: [Self; 4] = [Self::Random, Self::Worst, Self::Related, Self::Route];

    pub fn apply(self, view: &View<'_>, facts: &Facts, state: &mut State, rng: &mut ChaCha8Rng) {
        let served = served(state);
        let q = destroy_size(rng, served.len());
        if q == 0 {
            return;
        }
        let chosen = match self {
            Self::Random => {
                let mut s = served;
                s.shuffle(rng);
                s.truncate(q);
                s
            }
            Self::Worst => worst(view, state, served, q, rng),
            Self::Related => related(view, facts, state, &served, q, rng),
            Self::Route => {
                let used: Vec<usize> = (0..state.routes.len())
                    .filter(|&k| !state.routes[k].visits.is_empty())
                    .collect();
                let mut chosen = Vec::new();
                let mut order = used;
                order.shuffle(rng);
                for k in order {
                    if chosen.len() >= q {
                        break;
                    }
                    chosen.extend_from_slice(&state.routes[k].visits);
                }
                chosen
            }
        };
        state.remove(view, &chosen);
    }
}

/// The visits whose removal saves the most, picked with a bias (`y^4` over the ranking).
fn worst(
    view: &View<'_>,
    state: &State,
    served: Vec<usize>,
    q: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<usize> {
    let mut saving: Vec<(i64, usize)> = served
        .into_iter()
        .map(|v| {
            let k = state.route_of[v].expect("served");
            let r = &state.routes[k];
            let i = r.visits.iter().position(|&w| w == v).expect("in its route");
            let vehicle = &view.problem.vehicles[k];
            let loc = |j: Option<usize>, start: bool| match j {
                Some(j) => view.visit(r.visits[j]).location,
                None if start => vehicle.start,
                None => vehicle.end,
            };
            let prev = loc(i.checked_sub(1), true);
            let next = loc((i + 1 < r.visits.len()).then_some(i + 1), false);
            let here = view.visit(v).location;
            let s = view.time(vehicle, prev, here) + view.time(vehicle, here, next)
                - view.time(vehicle, prev, next);
            (-s, v)
        })
        .collect();
    saving.sort_unstable();
    let mut chosen = Vec::with_capacity(q);
    while chosen.len() < q && !saving.is_empty() {
        let y: f64 = rng.random();
        let at = ((y.powi(4)) * saving.len() as f64) as usize;
        chosen.push(saving.remove(at.min(saving.len() - 1)).1);
    }
    chosen
}

/// A seed visit and those most related to it: near in travel time and in start time.
fn related(
    view: &View<'_>,
    facts: &Facts,
    state: &State,
    served: &[usize],
    q: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<usize> {
    let seed = served[rng.random_range(0..served.len())];
    let start_of = |v: usize| {
        let k = state.route_of[v].expect("served");
        let r = &state.routes[k];
        r.starts[r.visits.iter().position(|&w| w == v).expect("in its route")]
    };
    let s0 = start_of(seed);
    let m = &view.problem.matrices[0];
    let l0 = view.visit(seed).location;
    let mut scored: Vec<(i64, usize)> = facts.neighbours[seed]
        .iter()
        .filter(|&&n| state.route_of[n].is_some())
        .map(|&n| {
            let d = m.time(l0, view.visit(n).location);
            (d + (start_of(n) - s0).abs() / 4, n)
        })
        .collect();
    scored.sort_unstable();
    let mut chosen = vec![seed];
    while chosen.len() < q && !scored.is_empty() {
        let y: f64 = rng.random();
        let at = ((y.powi(3)) * scored.len() as f64) as usize;
        chosen.push(scored.remove(at.min(scored.len() - 1)).1);
    }
    chosen
}

/// Repair operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repair {
    Greedy,
    Regret2,
    Regret3,
    /// Each visit in a random order (by tier) at its best place, skipping a place now and
    /// then ("greedy with blinks"): which visits get in first is left to chance, which the
    /// cost-ordered repairs never do.
    Blinks,
    /// Each visit in a random order (by tier) into a random route that can take it, at its
    /// best place there: the diversification that cost-driven repairs lack when the cheapest
    /// choice now blocks a better whole.
    Scatter,
}

impl Repair {
    pub const ALL: [Self; 5] = [
        Self::Greedy,
        Self::Regret2,
        Self::Regret3,
        Self::Blinks,
        Self::Scatter,
    ];

    /// Inserts what it can, most important tier first; `noise` perturbs costs (0 for none).
    pub fn apply(
        self,
        view: &View<'_>,
        facts: &Facts,
        state: &mut State,
        rng: &mut ChaCha8Rng,
        noise: f64,
    ) {
        let regret = match self {
            Self::Greedy => 1,
            Self::Regret2 => 2,
            Self::Regret3 => 3,
            Self::Blinks => return blinks(view, facts, state, rng, false),
            Self::Scatter => return blinks(view, facts, state, rng, true),
        };
        // Usually the most important tier first; sometimes all tiers together, so that a
        // visit of a later tier can claim a place an earlier one could do without.
        let by_tier = rng.random::<f64>() < 0.7;
        insert_all(view, facts, state, rng, regret, noise, by_tier);
    }
}

/// Inserts the unserved visits one by one in a random order within each tier, each at its
/// cheapest place among its candidate routes (ties at random), every place skipped with
/// probability 1/100; with `scatter`, at its cheapest place in a random route that can take
/// it.
fn blinks(view: &View<'_>, facts: &Facts, state: &mut State, rng: &mut ChaCha8Rng, scatter: bool) {
    let mut pending = state.unassigned.clone();
    pending.shuffle(rng);
    pending.sort_by_key(|&v| view.visit(v).tier); // stable: random within a tier
    let mut buf = Vec::new();
    for v in pending {
        state.candidates(facts, v, &mut buf);
        if scatter {
            buf.shuffle(rng);
            let found = buf
                .iter()
                .find_map(|&k| state.routes[k].best_insertion(view, v).map(|(i, _)| (k, i)));
            if let Some((k, i)) = found {
                state.insert(view, v, k, i);
            }
            continue;
        }
        let mut best: Option<Insertion> = None;
        for &k in &buf {
            let route = &state.routes[k];
            for i in 0..=route.visits.len() {
                if rng.random::<f64>() < 0.01 {
                    continue;
                }
                if let Some((d, _)) = route.insertion(view, v, i) {
                    let option = (d, rng.random::<u32>(), k, i);
                    if best.is_none_or(|b| option < b) {
                        best = Some(option);
                    }
                }
            }
        }
        if let Some((_, _, k, i)) = best {
            state.insert(view, v, k, i);
        }
    }
}

/// An insertion: (cost, tie-breaker, vehicle, position). The tie-breaker is 0 without noise
/// (ties go to the lower vehicle), random with it (ties go either way).
type Insertion = (i64, u32, usize, usize);

/// A tie-breaker between equal insertion costs: random with noise, else 0.
fn tie(rng: &mut ChaCha8Rng, noise: f64) -> u32 {
    if noise > 0.0 { rng.random() } else { 0 }
}

/// Noise added to an insertion cost: uniform in ±`noise` × the longest travel time.
fn jitter(facts: &Facts, rng: &mut ChaCha8Rng, noise: f64) -> i64 {
    if noise > 0.0 {
        (rng.random_range(-noise..noise) * facts.longest as f64).round() as i64
    } else {
        0
    }
}

/// Best insertions of one visit per candidate route: (cost, route, position), cheapest first;
/// with noise, the costs are perturbed so that ties and near-ties go either way.
fn options(
    view: &View<'_>,
    facts: &Facts,
    state: &State,
    v: usize,
    buf: &mut Vec<usize>,
    rng: &mut ChaCha8Rng,
    noise: f64,
) -> Vec<Insertion> {
    state.candidates(facts, v, buf);
    let mut out: Vec<Insertion> = Vec::with_capacity(buf.len());
    for &k in buf.iter() {
        if let Some((i, d)) = state.routes[k].best_insertion(view, v) {
            out.push((d + jitter(facts, rng, noise), tie(rng, noise), k, i));
        }
    }
    out.sort_unstable();
    out
}

/// Regret-`k` insertion (greedy for `k = 1`) with a cache of each visit's options, refreshed
/// only for the route that changed; tier by tier, most important first, when `by_tier`.
pub(crate) fn insert_all(
    view: &View<'_>,
    facts: &Facts,
    state: &mut State,
    rng: &mut ChaCha8Rng,
    regret: usize,
    noise: f64,
    by_tier: bool,
) {
    let mut pending = state.unassigned.clone();
    let mut buf = Vec::new();
    pending.sort_by_key(|&v| (view.visit(v).tier, v));
    while !pending.is_empty() {
        let tier = view.visit(pending[0]).tier;
        let group: Vec<usize> = pending
            .iter()
            .copied()
            .take_while(|&v| !by_tier || view.visit(v).tier == tier)
            .collect();
        pending.drain(..group.len());
        let mut cache: Vec<(usize, Vec<Insertion>)> = group
            .iter()
            .map(|&v| (v, options(view, facts, state, v, &mut buf, rng, noise)))
            .collect();
        loop {
            // Pick the visit with the largest regret (or the cheapest insertion).
            let mut best: Option<(i128, usize)> = None;
            for (at, (_, opts)) in cache.iter().enumerate() {
                let Some(&(first, _, _, _)) = opts.first() else {
                    continue;
                };
                let score: i128 = if regret <= 1 {
                    -i128::from(first)
                } else {
                    let kth = opts
                        .get(regret - 1)
                        .map_or(i128::from(i64::MAX / 4), |&(c, _, _, _)| i128::from(c));
                    let mut r = kth - i128::from(first);
                    if regret > 2 {
                        r += opts
                            .get(1)
                            .map_or(i128::from(i64::MAX / 4), |&(c, _, _, _)| i128::from(c))
                            - i128::from(first);
                    }
                    r * 1_000_000 - i128::from(first)
                };
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, at));
                }
            }
            let Some((_, at)) = best else {
                break;
            };
            let (v, opts) = cache.swap_remove(at);
            let (_, _, k, i) = opts[0];
            state.insert(view, v, k, i);
            // Refresh the options into route k for the others.
            for (w, opts) in &mut cache {
                opts.retain(|&(_, _, r, _)| r != k);
                if facts.allowed[*w].binary_search(&k).is_ok()
                    && let Some((i, d)) = state.routes[k].best_insertion(view, *w)
                {
                    let d = d + jitter(facts, rng, noise);
                    let option = (d, tie(rng, noise), k, i);
                    let pos = opts.partition_point(|&o| o < option);
                    opts.insert(pos, option);
                }
            }
        }
    }
}
