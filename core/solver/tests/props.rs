//! Property tests: network simplex (with and without the greedy start) and successive shortest
//! paths against brute force on small random instances; determinism; warm starts.

use huzhu_solver::{
    FlowProblem, NetworkSimplex, Solution, SolveError, SuccessiveShortestPaths, Tier, verify,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Spec {
    penalties: Vec<Option<i64>>,
    suppliers: Vec<Vec<(u32, i64)>>,
    arcs: Vec<(usize, usize, i64)>,
    pins: Vec<usize>,
    excludes: Vec<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..=5, 1usize..=3).prop_flat_map(|(n, m)| {
        let penalties = prop::collection::vec(prop::option::weighted(0.7, 0i64..40), n);
        // Tiers: capacities 0..=2, costs made non-decreasing by a running sum.
        let suppliers = prop::collection::vec(
            prop::collection::vec((0u32..=2, 0i64..6), 0..=3).prop_map(|ts| {
                let mut acc = 0;
                ts.into_iter()
                    .map(|(c, d)| {
                        acc += d;
                        (c, acc)
                    })
                    .collect::<Vec<_>>()
            }),
            m,
        );
        let arcs = prop::collection::vec((0..n, 0..m, 0i64..30), 0..=12);
        let picks = prop::collection::vec(0usize..100, 0..=2);
        (penalties, suppliers, arcs, picks.clone(), picks).prop_map(
            |(penalties, suppliers, arcs, pins, excludes)| Spec {
                penalties,
                suppliers,
                arcs,
                pins,
                excludes,
            },
        )
    })
}

fn build(s: &Spec) -> FlowProblem {
    let mut p = FlowProblem::new();
    for ts in &s.suppliers {
        let tiers: Vec<Tier> = ts.iter().map(|&(c, k)| Tier::new(c, k)).collect();
        p.add_supplier(&tiers).unwrap();
    }
    for &pen in &s.penalties {
        p.add_need(pen).unwrap();
    }
    for &(i, j, c) in &s.arcs {
        p.add_arc(i, j, c).unwrap();
    }
    if p.arcs() > 0 {
        for &x in &s.excludes {
            let _ = p.set_excluded(x % p.arcs(), true);
        }
        for &x in &s.pins {
            let _ = p.pin(x % p.arcs());
        }
    }
    p
}

/// Independent optimum: enumerate every need's choice (a usable arc, or staying unassigned
/// when allowed); tier costs filled cheapest first, computed here from the raw tiers.
fn brute_force(p: &FlowProblem) -> Option<i64> {
    let n = p.needs();
    let mut options: Vec<Vec<Option<usize>>> = Vec::new();
    for i in 0..n {
        let mut o: Vec<Option<usize>> = (0..p.arcs())
            .filter(|&a| p.arc(a).unwrap().need == i && p.is_usable(a))
            .map(Some)
            .collect();
        if !p.is_active(i) || p.may_stay_unassigned(i) {
            o.push(None);
        }
        options.push(o);
    }
    let mut best = None;
    let mut pick = vec![0usize; n];
    loop {
        if options.iter().all(|o| !o.is_empty()) {
            let mut cost = 0i64;
            let mut load = vec![0u32; p.suppliers()];
            for i in 0..n {
                match options[i][pick[i]] {
                    Some(a) => {
                        let c = p.arc(a).unwrap();
                        cost += c.cost;
                        load[c.supplier] += 1;
                    }
                    None => {
                        if p.is_active(i) {
                            cost += p.penalty(i).unwrap().unwrap();
                        }
                    }
                }
            }
            let mut ok = true;
            for (s, &l) in load.iter().enumerate() {
                let mut left = l;
                for t in p.tiers(s) {
                    let used = left.min(t.capacity);
                    cost += i64::from(used) * t.cost;
                    left -= used;
                }
                ok &= left == 0;
            }
            if ok && best.is_none_or(|b| cost < b) {
                best = Some(cost);
            }
        } else {
            return None;
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == n {
                return best;
            }
            pick[k] += 1;
            if pick[k] < options[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
    }
}

fn all_solvers(p: &FlowProblem) -> Vec<Result<Solution, SolveError>> {
    vec![
        NetworkSimplex::new().solve(p),
        NetworkSimplex::new().with_greedy_start(false).solve(p),
        SuccessiveShortestPaths::new().solve(p),
    ]
}

fn check_against_brute_force(p: &FlowProblem) -> Result<(), TestCaseError> {
    let expected = brute_force(p);
    for r in all_solvers(p) {
        match (expected, r) {
            (Some(best), Ok(sol)) => {
                prop_assert!(verify(p, &sol).is_ok(), "{:?}", verify(p, &sol));
                prop_assert!(sol.optimal);
                prop_assert_eq!(sol.objective, best);
            }
            (None, Err(SolveError::Infeasible { .. } | SolveError::NoCandidate { .. })) => {}
            (e, r) => prop_assert!(false, "brute force {:?}, solver {:?}", e, r),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn solvers_match_brute_force(s in spec()) {
        check_against_brute_force(&build(&s))?;
    }

    /// `forcing_cost` equals brute force with the arc pinned, minus the optimum, and the
    /// reduced cost never exceeds it.
    #[test]
    fn forcing_cost_matches_pinned_brute_force(s in spec()) {
        let p = build(&s);
        let Ok(sol) = NetworkSimplex::new().solve(&p) else { return Ok(()) };
        prop_assert!(verify(&p, &sol).is_ok());
        for arc in 0..p.arcs() {
            let mut pinned = p.clone();
            let expected = if p.is_usable(arc) && pinned.pin(arc).is_ok() {
                brute_force(&pinned).map(|b| b - sol.objective)
            } else {
                None
            };
            let got = sol.forcing_cost(&p, arc);
            prop_assert_eq!(got, expected, "arc {}", arc);
            if let Some(f) = got {
                prop_assert!(sol.reduced_cost(&p, arc).unwrap() <= f);
            }
        }
    }

    #[test]
    fn solves_are_deterministic(s in spec()) {
        let p = build(&s);
        for (a, b) in all_solvers(&p).into_iter().zip(all_solvers(&p)) {
            if let Ok(sol) = &a {
                prop_assert!(verify(&p, sol).is_ok());
            }
            prop_assert_eq!(a, b);
        }
    }
}

#[derive(Debug, Clone)]
enum Change {
    AddNeed {
        penalty: Option<i64>,
        arcs: Vec<(usize, i64)>,
    },
    RemoveNeed(usize),
    Pin(usize),
    Unpin(usize),
    Exclude(usize),
    AddArc(usize, usize, i64),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (
            prop::option::of(0i64..40),
            prop::collection::vec((0usize..100, 0i64..30), 0..3)
        )
            .prop_map(|(penalty, arcs)| Change::AddNeed { penalty, arcs }),
        (0usize..100).prop_map(Change::RemoveNeed),
        (0usize..100).prop_map(Change::Pin),
        (0usize..100).prop_map(Change::Unpin),
        (0usize..100).prop_map(Change::Exclude),
        (0usize..100, 0usize..100, 0i64..30).prop_map(|(i, s, c)| Change::AddArc(i, s, c)),
    ]
}

fn apply(problem: &mut FlowProblem, change: &Change) {
    let needs = problem.needs();
    let suppliers = problem.suppliers();
    let arcs = problem.arcs();
    match change {
        Change::AddNeed { penalty, arcs } => {
            let need = problem.add_need(*penalty).unwrap();
            for &(supplier, cost) in arcs {
                problem.add_arc(need, supplier % suppliers, cost).unwrap();
            }
        }
        Change::RemoveNeed(need) => problem.set_active(need % needs, false).unwrap(),
        Change::Pin(arc) if arcs > 0 => {
            let _ = problem.pin(arc % arcs);
        }
        Change::Unpin(need) => problem.unpin(need % needs).unwrap(),
        Change::Exclude(arc) if arcs > 0 => {
            let _ = problem.set_excluded(arc % arcs, true);
        }
        Change::AddArc(need, supplier, cost) => {
            problem
                .add_arc(need % needs, supplier % suppliers, *cost)
                .unwrap();
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Warm-started SSP after a sequence of edits equals a fresh solve (and brute force),
    /// starting from either solver's previous solution.
    #[test]
    fn warm_start_equals_fresh_solve(s in spec(), changes in prop::collection::vec(change(), 1..4)) {
        let mut p = build(&s);
        let Ok(mut prev) = NetworkSimplex::new().solve(&p) else { return Ok(()) };
        prop_assert!(verify(&p, &prev).is_ok());
        for (k, c) in changes.iter().enumerate() {
            apply(&mut p, c);
            let warm = SuccessiveShortestPaths::new().warm_start(&prev).solve(&p);
            let fresh = NetworkSimplex::new().solve(&p);
            match (warm, fresh) {
                (Ok(w), Ok(f)) => {
                    prop_assert!(verify(&p, &w).is_ok(), "{:?}", verify(&p, &w));
                    prop_assert!(verify(&p, &f).is_ok());
                    prop_assert_eq!(w.objective, f.objective);
                    prop_assert_eq!(Some(w.objective), brute_force(&p));
                    // Alternate which solver's answer seeds the next step.
                    prev = if k % 2 == 0 { w } else { f };
                }
                (Err(_), Err(_)) => {
                    prop_assert_eq!(brute_force(&p), None);
                    return Ok(());
                }
                (w, f) => prop_assert!(false, "warm {:?} vs fresh {:?}", w, f),
            }
        }
    }
}

fn medium_spec() -> impl Strategy<Value = Spec> {
    (5usize..=40, 1usize..=8).prop_flat_map(|(n, m)| {
        let penalties = prop::collection::vec(prop::option::weighted(0.85, 0i64..300), n);
        let suppliers = prop::collection::vec(
            prop::collection::vec((0u32..=8, 0i64..40), 1..=3).prop_map(|ts| {
                let mut acc = 0;
                ts.into_iter()
                    .map(|(c, d)| {
                        acc += d;
                        (c, acc)
                    })
                    .collect::<Vec<_>>()
            }),
            m,
        );
        // Every need gets one to four candidates.
        let arcs = prop::collection::vec(prop::collection::vec((0..m, 0i64..100), 1..=4), n)
            .prop_map(|per_need| {
                per_need
                    .into_iter()
                    .enumerate()
                    .flat_map(|(i, v)| v.into_iter().map(move |(s, c)| (i, s, c)))
                    .collect::<Vec<_>>()
            });
        let picks = prop::collection::vec(0usize..1000, 0..=4);
        (penalties, suppliers, arcs, picks.clone(), picks).prop_map(
            |(penalties, suppliers, arcs, pins, excludes)| Spec {
                penalties,
                suppliers,
                arcs,
                pins,
                excludes,
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Medium instances (too big for brute force): the solvers agree and every solution
    /// carries a valid optimality certificate.
    #[test]
    fn solvers_agree_on_medium_instances(s in medium_spec()) {
        let p = build(&s);
        let results = all_solvers(&p);
        let feasible = results[0].is_ok();
        let mut objective = None;
        for r in results {
            match r {
                Ok(sol) => {
                    prop_assert!(feasible);
                    prop_assert!(verify(&p, &sol).is_ok(), "{:?}", verify(&p, &sol));
                    prop_assert_eq!(*objective.get_or_insert(sol.objective), sol.objective);
                }
                Err(e) => {
                    prop_assert!(!feasible);
                    prop_assert!(
                        matches!(e, SolveError::Infeasible { .. } | SolveError::NoCandidate { .. }),
                        "{:?}", e
                    );
                }
            }
        }
    }
}
