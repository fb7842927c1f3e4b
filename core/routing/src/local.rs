//! Local search after each repair: move a visit to its best place among the routes of its
//! nearest visits (relocate), swap two visits of different routes, exchange the tails of two
//! routes (2-opt*), and serve an unserved
//! visit instead of a served one of the same tier, while any of them lowers the cost.

use crate::route::{Route, View};
use crate::state::{Facts, State};

/// Improves `state` by relocations, swaps and tail exchanges until none helps (or `passes`
/// run). The first pass moves visits of the routes marked in `dirty` (every route when
/// `None`): after a destroy and repair, those the repair changed. Each later pass moves the
/// visits of the routes the pass before changed, so a large day costs what changed, not the
/// whole day.
pub(crate) fn improve(
    view: &View<'_>,
    facts: &Facts,
    state: &mut State,
    passes: usize,
    dirty: Option<Vec<bool>>,
) {
    let mut dirty = dirty.unwrap_or_else(|| vec![true; state.routes.len()]);
    for _ in 0..passes {
        let mut changed = vec![false; state.routes.len()];
        relocate(view, facts, state, &dirty, &mut changed);
        swap_pairs(view, facts, state, &dirty, &mut changed);
        exchange_tails(view, facts, state, &dirty, &mut changed);
        let swapped = swap_unserved(view, facts, state, &mut changed);
        if !swapped && !changed.contains(&true) {
            break;
        }
        dirty = changed;
    }
}

/// The route of `v` when it is served by a route marked in `dirty`.
fn dirty_route(state: &State, dirty: &[bool], v: usize) -> Option<usize> {
    state.route_of[v].filter(|&k| dirty[k])
}

/// One pass of relocations: each served visit of a dirty route moves to a cheaper feasible
/// position, if any.
fn relocate(
    view: &View<'_>,
    facts: &Facts,
    state: &mut State,
    dirty: &[bool],
    changed: &mut [bool],
) {
    let mut buf = Vec::new();
    for v in 0..state.route_of.len() {
        let Some(k) = dirty_route(state, dirty, v) else {
            continue;
        };
        let route = &state.routes[k];
        let without: Vec<usize> = route.visits.iter().copied().filter(|&w| w != v).collect();
        let Some(shorter) = Route::build(view, k, without) else {
            continue;
        };
        let saving = route.cost(view) - shorter.cost(view);
        near_routes(facts, state, v, k, &mut buf);
        // ...and the routes it prefers (continuity; after a re-route, where it was).
        for &p in &view.visit(v).preferred {
            if !buf.contains(&p) && facts.allowed[v].binary_search(&p).is_ok() {
                buf.push(p);
            }
        }
        let mut best: Option<(i64, usize, usize)> = None;
        for &r in &buf {
            let target = if r == k { &shorter } else { &state.routes[r] };
            if let Some((i, d)) = target.best_insertion(view, v)
                && d < saving
                && best.is_none_or(|(b, _, _)| d < b)
            {
                best = Some((d, r, i));
            }
        }
        if let Some((_, r, i)) = best {
            state.routes[k] = shorter;
            state.route_of[v] = None;
            state.routes[r].insert(view, v, i);
            state.route_of[v] = Some(r);
            changed[k] = true;
            changed[r] = true;
        }
    }
}

/// The routes a move of `v` tries: its own (`k`) and those of its ten nearest visits that may
/// serve it; every allowed route when there are at most eight. Moves that improve a route go
/// near a neighbour, so the search stays granular on large days.
fn near_routes(facts: &Facts, state: &State, v: usize, k: usize, out: &mut Vec<usize>) {
    out.clear();
    if facts.allowed[v].len() <= 8 {
        out.extend_from_slice(&facts.allowed[v]);
        return;
    }
    out.push(k);
    for &n in facts.neighbours[v].iter().take(10) {
        if let Some(r) = state.route_of[n]
            && facts.allowed[v].binary_search(&r).is_ok()
            && !out.contains(&r)
        {
            out.push(r);
        }
    }
}

/// One pass of 2-opt*: for neighbouring visits `a` (a dirty route A) and `b` (route B), route
/// A's head up to `a` followed by B's tail after `b`, and B's head up to `b` followed by A's
/// tail.
fn exchange_tails(
    view: &View<'_>,
    facts: &Facts,
    state: &mut State,
    dirty: &[bool],
    changed: &mut [bool],
) {
    for a in 0..state.route_of.len() {
        let Some(ka) = dirty_route(state, dirty, a) else {
            continue;
        };
        for &b in facts.neighbours[a].iter().take(10) {
            let Some(kb) = state.route_of[b] else {
                continue;
            };
            if ka == kb {
                continue;
            }
            let (ra, rb) = (&state.routes[ka], &state.routes[kb]);
            let ia = ra
                .visits
                .iter()
                .position(|&w| w == a)
                .expect("in its route");
            let ib = rb
                .visits
                .iter()
                .position(|&w| w == b)
                .expect("in its route");
            // A keeps ..=ia and takes B's tail after ib; B keeps ..=ib and takes A's tail.
            let tail_a = &ra.visits[ia + 1..];
            let tail_b = &rb.visits[ib + 1..];
            let ok = |tail: &[usize], k: usize| {
                tail.iter()
                    .all(|&w| facts.allowed[w].binary_search(&k).is_ok())
            };
            if !ok(tail_b, ka) || !ok(tail_a, kb) {
                continue;
            }
            let new_a: Vec<usize> = ra.visits[..=ia].iter().chain(tail_b).copied().collect();
            let new_b: Vec<usize> = rb.visits[..=ib].iter().chain(tail_a).copied().collect();
            let Some(na) = Route::build(view, ka, new_a) else {
                continue;
            };
            let Some(nb) = Route::build(view, kb, new_b) else {
                continue;
            };
            let before = ra.cost(view) + rb.cost(view);
            if na.cost(view) + nb.cost(view) < before {
                for &w in &na.visits {
                    state.route_of[w] = Some(ka);
                }
                for &w in &nb.visits {
                    state.route_of[w] = Some(kb);
                }
                state.routes[ka] = na;
                state.routes[kb] = nb;
                changed[ka] = true;
                changed[kb] = true;
                break;
            }
        }
    }
}

/// One pass of exchanges between the unserved and the served: an unserved visit takes the
/// place of a served visit of the same tier (in a route that may serve it) when the route
/// costs less that way. Which visits of a tier are served is a choice the insertions make
/// greedily; this corrects it.
fn swap_unserved(view: &View<'_>, facts: &Facts, state: &mut State, changed: &mut [bool]) -> bool {
    let mut moved = false;
    let unserved = state.unassigned.clone();
    let mut routes: Vec<usize> = Vec::new();
    for u in unserved {
        let tier = view.visit(u).tier;
        // The routes worth trying: those holding one of u's nearest visits (at most 6), or
        // every allowed route when there are few.
        routes.clear();
        if facts.allowed[u].len() <= 8 {
            routes.extend_from_slice(&facts.allowed[u]);
        } else {
            for &n in &facts.neighbours[u] {
                if let Some(k) = state.route_of[n]
                    && facts.allowed[u].binary_search(&k).is_ok()
                    && !routes.contains(&k)
                {
                    routes.push(k);
                    if routes.len() == 6 {
                        break;
                    }
                }
            }
        }
        let mut best: Option<(i64, usize, Route)> = None;
        for &k in &routes {
            let route = &state.routes[k];
            let cost = route.cost(view);
            for &s in &route.visits {
                if view.visit(s).tier != tier {
                    continue;
                }
                let without: Vec<usize> =
                    route.visits.iter().copied().filter(|&w| w != s).collect();
                let Some(mut shorter) = Route::build(view, k, without) else {
                    continue;
                };
                let Some((i, d)) = shorter.best_insertion(view, u) else {
                    continue;
                };
                // Serving u spares its drop cost; leaving s out charges s's.
                let gain = cost - (shorter.cost(view) + d) + view.visit(u).drop_cost
                    - view.visit(s).drop_cost;
                if gain > 0 && best.as_ref().is_none_or(|b| gain > b.0) {
                    shorter.insert(view, u, i);
                    best = Some((gain, s, shorter));
                }
            }
        }
        if let Some((_, s, route)) = best {
            let k = route.vehicle;
            state.routes[k] = route;
            state.route_of[s] = None;
            state.route_of[u] = Some(k);
            state.unassigned.retain(|&w| w != u);
            state.unassigned.push(s);
            state.unassigned.sort_unstable();
            changed[k] = true;
            moved = true;
        }
    }
    moved
}

/// One pass of swaps: visit `a` of a dirty route A and a neighbouring visit `b` of route B
/// change places (each where the other was) when both routes stay feasible and cost less.
fn swap_pairs(
    view: &View<'_>,
    facts: &Facts,
    state: &mut State,
    dirty: &[bool],
    changed: &mut [bool],
) {
    for a in 0..state.route_of.len() {
        let Some(ka) = dirty_route(state, dirty, a) else {
            continue;
        };
        for &b in facts.neighbours[a].iter().take(10) {
            let Some(kb) = state.route_of[b] else {
                continue;
            };
            if ka == kb
                || facts.allowed[a].binary_search(&kb).is_err()
                || facts.allowed[b].binary_search(&ka).is_err()
            {
                continue;
            }
            let (ra, rb) = (&state.routes[ka], &state.routes[kb]);
            let swap = |r: &Route, from: usize, to: usize| -> Vec<usize> {
                r.visits
                    .iter()
                    .map(|&w| if w == from { to } else { w })
                    .collect()
            };
            let Some(na) = Route::build(view, ka, swap(ra, a, b)) else {
                continue;
            };
            let Some(nb) = Route::build(view, kb, swap(rb, b, a)) else {
                continue;
            };
            if na.cost(view) + nb.cost(view) < ra.cost(view) + rb.cost(view) {
                state.routes[ka] = na;
                state.routes[kb] = nb;
                state.route_of[a] = Some(kb);
                state.route_of[b] = Some(ka);
                changed[ka] = true;
                changed[kb] = true;
                break;
            }
        }
    }
}
