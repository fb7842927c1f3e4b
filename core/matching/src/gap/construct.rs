//! Regret-greedy construction in the style of Martello and Toth's MTHG: repeatedly give the
//! job with the largest regret (difference between its best and second-best desirability among
//! agents that still fit it) to its best agent.

use super::problem::GapProblem;
use super::state::NONE;

/// Marker for a job the greedy has not placed yet.
pub(crate) const UNSET: u32 = u32::MAX - 1;

/// Desirability measures; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    /// The cost.
    Cost,
    /// The weight.
    Weight,
    /// The weight relative to the agent's capacity.
    RelativeWeight,
    /// Cost times relative weight (favours cheap, small pairs).
    CostRelativeWeight,
}

pub(crate) const MEASURES: [Measure; 4] = [
    Measure::Cost,
    Measure::Weight,
    Measure::RelativeWeight,
    Measure::CostRelativeWeight,
];

fn desirability(m: Measure, cost: i64, weight: i64, capacity: i64, costs: &[i64]) -> i128 {
    let rel = (i128::from(weight) << 20) / i128::from(capacity.max(1));
    match m {
        Measure::Cost => i128::from(cost),
        Measure::Weight => i128::from(weight),
        Measure::RelativeWeight => rel,
        // Shift costs to be positive so the product orders sensibly.
        Measure::CostRelativeWeight => (i128::from(cost - costs[0]) + 1) * (rel + 1),
    }
}

/// Completes `assign` (entries `UNSET` are placed) by regret-greedy under `measure`.
///
/// `costs` holds `[min cost over all pairs]`. Jobs that fit nowhere are given their cheapest
/// pair regardless of capacity (a violation the local search then repairs), or left
/// unassigned if they have a penalty.
pub(crate) fn greedy(p: &GapProblem, measure: Measure, assign: &mut [u32], min_cost: i64) {
    let n = p.num_jobs();
    let caps = p.capacities();
    let mut resid: Vec<i64> = caps.to_vec();
    for (j, &a) in assign.iter().enumerate() {
        if a != UNSET
            && a != NONE
            && let Some(q) = p.pair(a as usize, j)
        {
            resid[a as usize] -= q.weight;
        }
    }
    let costs = [min_cost];
    // Per unplaced job: (regret, best option) with regret = second - best.
    let fits = |j: usize, a: usize, resid: &[i64], assign: &[u32]| -> bool {
        p.pair(a, j).is_some_and(|q| q.weight <= resid[a])
            && p.conflicts_of(j)
                .iter()
                .all(|&(k, g)| assign[k] != a as u32 || g.is_some_and(|g| g != a))
    };
    let evaluate = |j: usize, resid: &[i64], assign: &[u32]| -> (i128, u32, u32) {
        let mut best: Option<(i128, u32)> = None;
        let mut second: Option<i128> = None;
        let mut consider = |f: i128, a: u32| match best {
            Some((bf, _)) if f >= bf => {
                if second.is_none_or(|s| f < s) {
                    second = Some(f);
                }
            }
            _ => {
                second = best.map(|b| b.0);
                best = Some((f, a));
            }
        };
        for q in p.job_pairs(j) {
            if fits(j, q.agent, resid, assign) {
                consider(
                    desirability(measure, q.cost, q.weight, caps[q.agent], &costs),
                    q.agent as u32,
                );
            }
        }
        if measure == Measure::Cost
            && let Some(pen) = p.penalties()[j]
        {
            consider(i128::from(pen), NONE);
        }
        match (best, second) {
            (Some((bf, a)), Some(s)) => (s - bf, a, 0),
            (Some((_, a)), None) => (i128::MAX, a, 0),
            // Nothing fits: place it after the others, on its cheapest pair or nowhere.
            (None, _) => (i128::MIN, UNSET, 1),
        }
    };
    let mut cache: Vec<(i128, u32, u32)> = vec![(0, UNSET, 0); n];
    let mut open: Vec<usize> = (0..n).filter(|&j| assign[j] == UNSET).collect();
    for &j in &open {
        cache[j] = evaluate(j, &resid, assign);
    }
    while !open.is_empty() {
        // Largest regret, ties by smallest job index.
        let Some((pos, &j)) = open
            .iter()
            .enumerate()
            .max_by_key(|&(_, &j)| (cache[j].0, std::cmp::Reverse(j)))
        else {
            break;
        };
        open.swap_remove(pos);
        let mut a = cache[j].1;
        if a == UNSET {
            a = if p.penalties()[j].is_some() {
                NONE
            } else {
                p.job_pairs(j)
                    .iter()
                    .min_by_key(|q| (q.cost, q.weight, q.agent))
                    .map_or(NONE, |q| q.agent as u32)
            };
        }
        assign[j] = a;
        if a == NONE {
            continue;
        }
        let au = a as usize;
        let wj = p.pair(au, j).map_or(0, |q| q.weight);
        resid[au] -= wj;
        for &k in &open {
            // Only jobs for which this agent just stopped fitting, or that conflict with j,
            // see their options change.
            let lost = p
                .pair(au, k)
                .is_some_and(|q| q.weight > resid[au] && q.weight <= resid[au] + wj);
            if lost || p.conflicts_of(j).iter().any(|&(c, _)| c == k) {
                cache[k] = evaluate(k, &resid, assign);
            }
        }
    }
}
