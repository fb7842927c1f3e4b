//! Hand-worked generalized-assignment instances.

use huzhu::matching::gap::{GapBuilder, GapError, GapOptions, GapProblem, solve};

fn opts() -> GapOptions {
    GapOptions::default().with_max_iterations(300)
}

/// Two agents, four jobs. Agent 0: capacity 7, costs [3, 1, 4, 2], weights [4, 3, 2, 3].
/// Agent 1: capacity 6, costs [5, 6, 2, 3], weights [3, 4, 3, 2].
///
/// Worked by hand over the 16 splits (S = jobs of agent 0): agent 1 alone cannot hold more
/// than two jobs (its lightest three weigh 8) and agent 0 no more than two (its lightest three
/// weigh 8), so S has exactly two jobs. Of the six, {0,3} (agent 1 load 7) and {2,3} (load 7)
/// overflow; the rest cost {0,1}: 3+1+2+3 = 9, {0,2}: 16, {1,2}: 13, {1,3}: 1+2+5+2 = 10.
fn two_by_four() -> GapBuilder {
    let mut b = GapBuilder::new();
    b.add_agent(7);
    b.add_agent(6);
    let costs = [[3, 1, 4, 2], [5, 6, 2, 3]];
    let weights = [[4, 3, 2, 3], [3, 4, 3, 2]];
    for _ in 0..4 {
        b.add_job(None);
    }
    for a in 0..2 {
        for j in 0..4 {
            b.add_pair(a, j, costs[a][j], weights[a][j]);
        }
    }
    b
}

#[test]
fn two_by_four_optimum_is_nine() {
    let p = two_by_four().build().unwrap();
    let s = solve(&p, &opts(), &mut || false).unwrap();
    assert_eq!(s.assignment, vec![Some(0), Some(0), Some(1), Some(1)]);
    assert_eq!(s.objective, 9);
    assert_eq!(p.evaluate(&s.assignment), Ok(9));
    assert!(s.lower_bound <= 9);
}

#[test]
fn conflict_pair_is_respected() {
    // Jobs 0 and 1 may not share an agent: {0,1} is out, next best is S = {1,3} at 10.
    let mut b = two_by_four();
    b.add_conflict(1, 0);
    let p = b.build().unwrap();
    let s = solve(&p, &opts(), &mut || false).unwrap();
    assert_eq!(s.assignment, vec![Some(1), Some(0), Some(1), Some(0)]);
    assert_eq!(s.objective, 10);
    assert!(s.lower_bound <= 10);
}

#[test]
fn penalty_leaves_job_unassigned_when_cheaper() {
    // Job 2 may stay unassigned at 1 (its pairs cost 4 and 2). Without job 2: S = {0,1}
    // (agent 1 keeps job 3, load 2) costs 3+1+3 + 1 = 8; S = {1,3}: 1+2+5 + 1 = 9;
    // S = {1}: 1+5+3 + 1 = 10; S = {0}: 13; S = {0,3}: 12; the others overflow.
    let mut b = GapBuilder::new();
    b.add_agent(7);
    b.add_agent(6);
    let costs = [[3, 1, 4, 2], [5, 6, 2, 3]];
    let weights = [[4, 3, 2, 3], [3, 4, 3, 2]];
    for j in 0..4 {
        b.add_job(if j == 2 { Some(1) } else { None });
    }
    for a in 0..2 {
        for j in 0..4 {
            b.add_pair(a, j, costs[a][j], weights[a][j]);
        }
    }
    let p = b.build().unwrap();
    let s = solve(&p, &opts(), &mut || false).unwrap();
    assert_eq!(s.assignment, vec![Some(0), Some(0), None, Some(1)]);
    assert_eq!(s.objective, 8);
    assert!(s.lower_bound <= 8);
}

#[test]
fn sparse_pairs_only_use_eligible_agents() {
    // Job 0 only agent 1, job 1 only agent 0, job 2 both (cheaper on 1 but 1 is then full).
    let mut b = GapBuilder::new();
    let a0 = b.add_agent(10);
    let a1 = b.add_agent(5);
    let j: Vec<usize> = (0..3).map(|_| b.add_job(None)).collect();
    b.add_pair(a1, j[0], 7, 5)
        .add_pair(a0, j[1], 1, 5)
        .add_pair(a0, j[2], 9, 5)
        .add_pair(a1, j[2], 2, 5);
    let p = b.build().unwrap();
    let s = solve(&p, &opts(), &mut || false).unwrap();
    assert_eq!(s.assignment, vec![Some(1), Some(0), Some(0)]);
    assert_eq!(s.objective, 17);
    assert!(s.proven_optimal || s.lower_bound <= 17);
}

#[test]
fn capacity_infeasible_is_reported() {
    // Three jobs of weight 3, two agents of capacity 5: one agent must carry 6 (excess 1).
    let p = GapProblem::dense(
        &[vec![1; 3], vec![1; 3]],
        &[vec![3; 3], vec![3; 3]],
        &[5, 5],
    )
    .unwrap();
    let err = solve(&p, &opts(), &mut || false).unwrap_err();
    assert!(
        matches!(
            err,
            GapError::NoFeasibleSolution {
                capacity_excess: 1,
                conflicts: 0,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn conflict_infeasible_is_reported() {
    let mut b = GapBuilder::new();
    b.add_agent(100);
    b.add_job(None);
    b.add_job(None);
    b.add_pair(0, 0, 1, 1)
        .add_pair(0, 1, 1, 1)
        .add_conflict(0, 1);
    let err = solve(&b.build().unwrap(), &opts(), &mut || false).unwrap_err();
    assert!(
        matches!(
            err,
            GapError::NoFeasibleSolution {
                capacity_excess: 0,
                conflicts: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn job_without_usable_agent_is_infeasible() {
    let mut b = GapBuilder::new();
    b.add_agent(4);
    b.add_job(None);
    b.add_job(None);
    b.add_pair(0, 0, 1, 1);
    // Job 1 has no pair at all.
    let err = solve(&b.build().unwrap(), &opts(), &mut || false).unwrap_err();
    assert_eq!(err, GapError::JobCannotBeAssigned { job: 1 });
}

#[test]
fn empty_problem_costs_nothing() {
    let p = GapBuilder::new().build().unwrap();
    let s = solve(&p, &opts(), &mut || false).unwrap();
    assert_eq!((s.objective, s.lower_bound, s.proven_optimal), (0, 0, true));
}

#[test]
fn stop_callback_truncates_but_answer_stays_feasible() {
    let p = two_by_four().build().unwrap();
    let s = solve(&p, &GapOptions::default(), &mut || true);
    // Stopped at once: the construction (regret-greedy finds S = {0,1} here) still counts.
    let s = s.unwrap();
    assert_eq!(p.evaluate(&s.assignment), Ok(s.objective));
    assert!(s.lower_bound <= 9 && s.objective >= 9);
}

#[test]
fn builder_rejects_bad_input_naming_the_index() {
    let mut b = GapBuilder::new();
    b.add_agent(5);
    b.add_job(None);
    b.add_pair(0, 0, 1, 1).add_pair(3, 0, 1, 1);
    assert_eq!(
        b.build().unwrap_err(),
        GapError::AgentOutOfRange {
            what: "pair",
            index: 1,
            agent: 3,
            agents: 1
        }
    );

    let mut b = GapBuilder::new();
    b.add_agent(5);
    b.add_job(None);
    b.add_pair(0, 0, 1, 1).add_pair(0, 0, 2, 2);
    assert_eq!(
        b.build().unwrap_err(),
        GapError::DuplicatePair {
            index: 1,
            agent: 0,
            job: 0
        }
    );

    let mut b = GapBuilder::new();
    b.add_agent(5);
    b.add_job(None);
    b.add_pair(0, 0, 1, -1);
    assert!(matches!(
        b.build().unwrap_err(),
        GapError::ValueOutOfRange {
            what: "pair",
            index: 0,
            field: "weight",
            ..
        }
    ));

    let mut b = GapBuilder::new();
    b.add_agent(-5);
    assert!(matches!(
        b.build().unwrap_err(),
        GapError::ValueOutOfRange {
            what: "agent",
            index: 0,
            field: "capacity",
            ..
        }
    ));

    let mut b = GapBuilder::new();
    b.add_job(Some(i64::MAX));
    assert!(matches!(
        b.build().unwrap_err(),
        GapError::ValueOutOfRange {
            what: "job",
            index: 0,
            field: "penalty",
            ..
        }
    ));

    let mut b = GapBuilder::new();
    b.add_job(None);
    b.add_conflict(0, 0);
    assert_eq!(
        b.build().unwrap_err(),
        GapError::SelfConflict { index: 0, job: 0 }
    );

    let mut b = GapBuilder::new();
    b.add_job(None);
    b.add_conflict(0, 9);
    assert_eq!(
        b.build().unwrap_err(),
        GapError::JobOutOfRange {
            what: "conflict",
            index: 0,
            job: 9,
            jobs: 1
        }
    );
}

#[test]
fn evaluate_names_each_violation() {
    let mut b = two_by_four();
    b.add_conflict(0, 1);
    let p = b.build().unwrap();
    assert_eq!(
        p.evaluate(&[Some(0); 3]),
        Err(GapError::AssignmentLength {
            expected: 4,
            found: 3
        })
    );
    assert_eq!(
        p.evaluate(&[Some(2), Some(0), Some(1), Some(1)]),
        Err(GapError::NotEligible { job: 0, agent: 2 })
    );
    assert_eq!(
        p.evaluate(&[None, Some(0), Some(1), Some(1)]),
        Err(GapError::RequiredJobUnassigned { job: 0 })
    );
    assert_eq!(
        p.evaluate(&[Some(1), Some(1), Some(0), Some(0)]),
        Err(GapError::CapacityExceeded {
            agent: 1,
            load: 7,
            capacity: 6
        })
    );
    assert_eq!(
        p.evaluate(&[Some(0), Some(0), Some(1), Some(1)]),
        Err(GapError::ConflictViolated {
            job_a: 0,
            job_b: 1,
            agent: 0
        })
    );
    assert_eq!(p.evaluate(&[Some(1), Some(0), Some(1), Some(0)]), Ok(10));
}

#[test]
fn same_seed_same_answer() {
    let p = two_by_four().build().unwrap();
    let o = GapOptions::default().with_seed(42).with_max_iterations(50);
    let a = solve(&p, &o, &mut || false).unwrap();
    let b = solve(&p, &o, &mut || false).unwrap();
    assert_eq!(a, b);
}
