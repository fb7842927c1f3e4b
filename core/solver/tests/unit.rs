//! Hand-worked instances for the exact solvers; every solve is checked with `verify`.

use huzhu_solver::{
    CostField, FlowProblem, NetworkSimplex, ProblemError, Solution, SolveError,
    SuccessiveShortestPaths, Tier, VerifyError, verify,
};

/// Solves with both solvers, verifies both, checks they agree on the objective.
fn solve_both(p: &FlowProblem) -> Result<Solution, SolveError> {
    let ns = NetworkSimplex::new().solve(p);
    let plain = NetworkSimplex::new().with_greedy_start(false).solve(p);
    let ssp = SuccessiveShortestPaths::new().solve(p);
    match (ns, plain, ssp) {
        (Ok(a), Ok(b), Ok(c)) => {
            for s in [&a, &b, &c] {
                verify(p, s).expect("solution verifies");
                assert!(s.optimal);
            }
            assert_eq!(a.objective, b.objective);
            assert_eq!(a.objective, c.objective);
            Ok(a)
        }
        (Err(a), Err(_), Err(_)) => Err(a),
        other => panic!("solvers disagree on feasibility: {other:?}"),
    }
}

/// 3×3 assignment worked by hand: of the six permutations the costs are 15, 15, 9, 17, 16,
/// 24, so the optimum is 9 (need0→s1, need1→s0, need2→s2).
const COSTS: [[i64; 3]; 3] = [[4, 2, 8], [3, 7, 6], [9, 5, 4]];

fn three_by_three() -> (FlowProblem, [[usize; 3]; 3]) {
    let mut p = FlowProblem::new();
    for _ in 0..3 {
        p.add_supplier(&[Tier::new(1, 0)]).unwrap();
    }
    let mut arcs = [[0; 3]; 3];
    for (i, row) in COSTS.iter().enumerate() {
        p.add_need(None).unwrap();
        for (s, &c) in row.iter().enumerate() {
            arcs[i][s] = p.add_arc(i, s, c).unwrap();
        }
    }
    (p, arcs)
}

#[test]
fn three_by_three_assignment() {
    let (p, arcs) = three_by_three();
    let sol = solve_both(&p).unwrap();
    assert_eq!(sol.objective, 9);
    assert_eq!(
        sol.assignment,
        vec![Some(arcs[0][1]), Some(arcs[1][0]), Some(arcs[2][2])]
    );
    // Unused arcs have reduced cost ≥ 0, used ones 0 (unique optimum, all tight).
    for (i, row) in arcs.iter().enumerate() {
        for &a in row {
            let rc = sol.reduced_cost(&p, a).unwrap();
            if sol.assignment[i] == Some(a) {
                assert_eq!(rc, 0);
            } else {
                assert!(rc >= 0);
            }
        }
    }
}

#[test]
fn pin_forces_an_expensive_arc() {
    // need2 pinned to s0 (9): the rest is need0→s1 (2) + need1→s2 (6) = 8 (vs 8 + 7 = 15).
    let (mut p, arcs) = three_by_three();
    p.pin(arcs[2][0]).unwrap();
    let sol = solve_both(&p).unwrap();
    assert_eq!(sol.objective, 17);
    assert_eq!(sol.assignment[2], Some(arcs[2][0]));
    p.unpin(2).unwrap();
    assert_eq!(solve_both(&p).unwrap().objective, 9);
}

#[test]
fn exclusion_removes_an_arc() {
    // Without need0→s1 the best permutations cost 15.
    let (mut p, arcs) = three_by_three();
    p.set_excluded(arcs[0][1], true).unwrap();
    let sol = solve_both(&p).unwrap();
    assert_eq!(sol.objective, 15);
    assert_ne!(sol.assignment[0], Some(arcs[0][1]));
    assert_eq!(
        p.pin(arcs[0][1]),
        Err(ProblemError::PinnedArcExcluded { arc: arcs[0][1] })
    );
}

#[test]
fn penalty_makes_leaving_a_need_unassigned_optimal() {
    // One slot. Serve need0 (5) + leave need1 (4) = 9; serve need1 (3) + leave need0 (10) =
    // 13; leave both = 14. So the need with the cheaper arc is the one left out.
    let mut p = FlowProblem::new();
    let s = p.add_supplier(&[Tier::new(1, 0)]).unwrap();
    let n0 = p.add_need(Some(10)).unwrap();
    let n1 = p.add_need(Some(4)).unwrap();
    let a0 = p.add_arc(n0, s, 5).unwrap();
    p.add_arc(n1, s, 3).unwrap();
    let sol = solve_both(&p).unwrap();
    assert_eq!(sol.objective, 9);
    assert_eq!(sol.assignment, vec![Some(a0), None]);
    assert_eq!(sol.unassigned(&p), 1);
    // Leaving need1 out is tight or better: its penalty reduced cost is ≤ 0.
    assert!(sol.penalty_reduced_cost(&p, n1).unwrap() <= 0);
}

#[test]
fn convex_tiers_spread_load() {
    // Three needs, arcs to A cost 1 and to B cost 4. A's k-th task costs 0, 2, 5 extra.
    // k tasks on A: k=0: 12, k=1: 1 + 8 + 0 = 9, k=2: 2 + 4 + 2 = 8, k=3: 3 + 0 + 7 = 10.
    let mut p = FlowProblem::new();
    let a = p
        .add_supplier(&[Tier::new(1, 0), Tier::new(1, 2), Tier::new(1, 5)])
        .unwrap();
    let b = p.add_supplier(&[Tier::new(3, 0)]).unwrap();
    for _ in 0..3 {
        let i = p.add_need(None).unwrap();
        p.add_arc(i, a, 1).unwrap();
        p.add_arc(i, b, 4).unwrap();
    }
    let sol = solve_both(&p).unwrap();
    assert_eq!(sol.objective, 8);
    assert_eq!(sol.loads(&p), vec![2, 1]);
    // A's third tier is unused and its second full: reduced costs ≥ 0 and ≤ 0.
    assert!(sol.tier_reduced_cost(&p, a, 2).unwrap() >= 0);
    assert!(sol.tier_reduced_cost(&p, a, 1).unwrap() <= 0);
}

#[test]
fn infeasible_names_a_need() {
    let mut p = FlowProblem::new();
    let s = p.add_supplier(&[Tier::new(1, 0)]).unwrap();
    for _ in 0..2 {
        let i = p.add_need(None).unwrap();
        p.add_arc(i, s, 1).unwrap();
    }
    let err = solve_both(&p).unwrap_err();
    assert!(
        matches!(err, SolveError::Infeasible { need } if need < 2),
        "{err}"
    );
    // A need with nothing at all is named directly.
    let lonely = p.add_need(None).unwrap();
    assert_eq!(
        solve_both(&p).unwrap_err(),
        SolveError::NoCandidate { need: lonely }
    );
}

#[test]
fn removed_need_is_ignored() {
    let (mut p, arcs) = three_by_three();
    p.set_active(1, false).unwrap();
    // need0→s1 (2) + need2→s2 (4) = 6, need1 absent.
    let sol = solve_both(&p).unwrap();
    assert_eq!(sol.objective, 6);
    assert_eq!(
        sol.assignment,
        vec![Some(arcs[0][1]), None, Some(arcs[2][2])]
    );
}

#[test]
fn empty_problem() {
    let sol = solve_both(&FlowProblem::new()).unwrap();
    assert_eq!(sol.objective, 0);
    assert!(sol.assignment.is_empty());
}

#[test]
fn construction_errors_name_the_field() {
    let mut p = FlowProblem::new();
    assert_eq!(
        p.add_supplier(&[Tier::new(1, 5), Tier::new(1, 3)]),
        Err(ProblemError::NonConvexTiers {
            supplier: 0,
            tier: 1,
            cost: 3,
            previous: 5
        })
    );
    assert_eq!(
        p.add_supplier(&[Tier::new(1, -1)]),
        Err(ProblemError::NegativeCost {
            field: CostField::TierCost { supplier: 0 },
            index: 0,
            value: -1
        })
    );
    let s = p.add_supplier(&[Tier::new(1, 0)]).unwrap();
    assert_eq!(
        p.add_need(Some(-2)),
        Err(ProblemError::NegativeCost {
            field: CostField::Penalty,
            index: 0,
            value: -2
        })
    );
    let n = p.add_need(None).unwrap();
    assert_eq!(
        p.add_arc(n, s, 1 << 40),
        Err(ProblemError::CostTooLarge {
            field: CostField::ArcCost,
            index: 0,
            value: 1 << 40
        })
    );
    assert_eq!(
        p.add_arc(n, 7, 1),
        Err(ProblemError::UnknownSupplier {
            arc: 0,
            supplier: 7
        })
    );
    assert_eq!(
        p.add_arc(3, s, 1),
        Err(ProblemError::UnknownNeed {
            arc: Some(0),
            need: 3
        })
    );
    assert_eq!(p.pin(9), Err(ProblemError::UnknownArc { arc: 9 }));
    assert!(
        p.add_arc(n, s, -1)
            .unwrap_err()
            .to_string()
            .contains("arc cost 0")
    );
}

#[test]
fn verify_reports_violations() {
    let (p, arcs) = three_by_three();
    let good = NetworkSimplex::new().solve(&p).unwrap();
    verify(&p, &good).unwrap();

    let mut bad = good.clone();
    bad.objective = 8;
    assert_eq!(
        verify(&p, &bad),
        Err(VerifyError::ObjectiveMismatch {
            reported: 8,
            recomputed: 9
        })
    );

    let mut bad = good.clone();
    bad.assignment[1] = None;
    assert_eq!(verify(&p, &bad), Err(VerifyError::Unassigned { need: 1 }));

    let mut bad = good.clone();
    bad.assignment[1] = Some(arcs[0][0]);
    assert_eq!(
        verify(&p, &bad),
        Err(VerifyError::UnusableArc {
            need: 1,
            arc: arcs[0][0]
        })
    );

    // Both need0 and need1 on s1: over capacity.
    let mut bad = good.clone();
    bad.assignment[1] = Some(arcs[1][1]);
    assert!(matches!(
        verify(&p, &bad),
        Err(VerifyError::OverCapacity {
            supplier: 1,
            load: 2,
            capacity: 1
        })
    ));

    // A feasible but worse assignment (cost 15) with the optimal potentials is not proven.
    let mut worse = good.clone();
    worse.assignment = vec![Some(arcs[0][0]), Some(arcs[1][1]), Some(arcs[2][2])];
    worse.objective = 15;
    assert!(matches!(
        verify(&p, &worse),
        Err(VerifyError::NotOptimal { .. })
    ));

    let mut bad = good;
    bad.supplier_potential.pop();
    assert!(matches!(
        verify(&p, &bad),
        Err(VerifyError::WrongSize { .. })
    ));
}

#[test]
fn cancellation_stops_the_solvers() {
    let (p, _) = three_by_three();
    let mut stop = || true;
    match NetworkSimplex::new()
        .with_greedy_start(false)
        .with_cancel(&mut stop, 1)
        .solve(&p)
    {
        Err(SolveError::Cancelled) => {}
        Ok(sol) => assert!(!sol.optimal),
        Err(e) => panic!("unexpected {e}"),
    }
    // A callback that never fires changes nothing.
    let mut never = || false;
    let sol = NetworkSimplex::new()
        .with_cancel(&mut never, 1)
        .solve(&p)
        .unwrap();
    assert_eq!(sol.objective, 9);
    let mut never = || false;
    let sol = SuccessiveShortestPaths::new()
        .with_cancel(&mut never, 1)
        .solve(&p)
        .unwrap();
    assert_eq!(sol.objective, 9);
}

#[test]
fn warm_start_after_pin_and_new_need() {
    let (mut p, arcs) = three_by_three();
    let first = SuccessiveShortestPaths::new().solve(&p).unwrap();
    p.pin(arcs[2][0]).unwrap();
    let s3 = p.add_supplier(&[Tier::new(1, 0)]).unwrap();
    let n3 = p.add_need(Some(100)).unwrap();
    p.add_arc(n3, s3, 1).unwrap();
    p.add_arc(0, s3, 0).unwrap();
    let warm = SuccessiveShortestPaths::new()
        .warm_start(&first)
        .solve(&p)
        .unwrap();
    verify(&p, &warm).unwrap();
    // need2→s0 (9) pinned; s3 is worth more to need3 (penalty 100) than to need0:
    // need0→s1 (2) + need1→s2 (6) + need3→s3 (1) = 18.
    assert_eq!(warm.objective, 18);
    assert_eq!(solve_both(&p).unwrap().objective, 18);
    // A warm start from a bigger problem is refused.
    let small = three_by_three().0;
    assert!(matches!(
        SuccessiveShortestPaths::new()
            .warm_start(&warm)
            .solve(&small),
        Err(SolveError::WarmStartMismatch { .. })
    ));
}
