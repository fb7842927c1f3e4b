//! Property tests against brute-force enumeration on small random instances.

use huzhu::matching::gap::{GapBuilder, GapError, GapOptions, GapProblem, solve};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Spec {
    caps: Vec<i64>,
    penalties: Vec<Option<i64>>,
    /// (agent, job, cost, weight)
    pairs: Vec<(usize, usize, i64, i64)>,
    conflicts: Vec<(usize, usize)>,
}

fn spec(max_agents: usize, max_jobs: usize) -> impl Strategy<Value = Spec> {
    (1..=max_agents, 1..=max_jobs).prop_flat_map(|(m, n)| {
        (
            prop::collection::vec(0i64..=20, m),
            prop::collection::vec(prop::option::weighted(0.3, -5i64..=30), n),
            // Each (agent, job) eligible with probability ~0.8.
            prop::collection::vec((prop::bool::weighted(0.8), -5i64..=25, 0i64..=12), m * n),
            prop::collection::vec((0..n, 0..n), 0..=n),
        )
            .prop_map(move |(caps, penalties, cells, conf)| Spec {
                caps,
                penalties,
                pairs: cells
                    .into_iter()
                    .enumerate()
                    .filter(|(_, c)| c.0)
                    .map(|(i, (_, c, w))| (i / n, i % n, c, w))
                    .collect(),
                conflicts: conf.into_iter().filter(|(a, b)| a != b).collect(),
            })
    })
}

fn build(s: &Spec) -> GapProblem {
    let mut b = GapBuilder::new();
    for &c in &s.caps {
        b.add_agent(c);
    }
    for &p in &s.penalties {
        b.add_job(p);
    }
    for &(a, j, c, w) in &s.pairs {
        b.add_pair(a, j, c, w);
    }
    for &(x, y) in &s.conflicts {
        b.add_conflict(x, y);
    }
    b.build().expect("generated specs are valid")
}

/// Optimum by enumerating every assignment (each job: any agent or unassigned).
fn brute_force(p: &GapProblem) -> Option<i64> {
    let (m, n) = (p.num_agents(), p.num_jobs());
    let mut choice = vec![0usize; n]; // 0 = unassigned, a + 1 = agent a
    let mut best: Option<i64> = None;
    loop {
        let assignment: Vec<Option<usize>> = choice.iter().map(|&c| c.checked_sub(1)).collect();
        if let Ok(v) = p.evaluate(&assignment) {
            best = Some(best.map_or(v, |b| b.min(v)));
        }
        let mut i = 0;
        while i < n && choice[i] == m {
            choice[i] = 0;
            i += 1;
        }
        if i == n {
            return best;
        }
        choice[i] += 1;
    }
}

fn options() -> GapOptions {
    GapOptions::default().with_max_iterations(400)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Feasible answers are feasible, never better than the optimum, bounded below validly;
    /// on these tiny instances the search finds the optimum; infeasible ones are reported.
    #[test]
    fn matches_brute_force(s in spec(3, 6)) {
        let p = build(&s);
        let opt = brute_force(&p);
        match (solve(&p, &options(), &mut || false), opt) {
            (Ok(sol), Some(opt)) => {
                prop_assert_eq!(p.evaluate(&sol.assignment), Ok(sol.objective));
                prop_assert!(sol.lower_bound <= opt, "bound {} above optimum {}", sol.lower_bound, opt);
                prop_assert_eq!(sol.objective, opt);
                prop_assert_eq!(sol.proven_optimal, sol.objective == sol.lower_bound);
            }
            (Ok(sol), None) => prop_assert!(false, "claims {:?} on an infeasible instance", sol),
            (Err(e), Some(opt)) => prop_assert!(false, "missed optimum {}: {}", opt, e),
            (Err(e), None) => {
                let expected = matches!(
                    e,
                    GapError::JobCannotBeAssigned { .. } | GapError::NoFeasibleSolution { .. }
                );
                prop_assert!(expected, "unexpected error {}", e);
            }
        }
    }

    /// Larger instances (up to 4 agents, 8 jobs) with a short search: always feasible when
    /// claimed, objective >= optimum >= lower bound.
    #[test]
    fn bound_and_objective_bracket_the_optimum(s in spec(4, 8)) {
        let p = build(&s);
        let opt = brute_force(&p);
        if let Ok(sol) = solve(&p, &GapOptions::default().with_max_iterations(20), &mut || false) {
            let opt = opt.expect("a feasible answer implies a feasible instance");
            prop_assert_eq!(p.evaluate(&sol.assignment), Ok(sol.objective));
            prop_assert!(sol.objective >= opt);
            prop_assert!(sol.lower_bound <= opt, "bound {} above optimum {}", sol.lower_bound, opt);
        }
    }

    /// Same seed and iteration budget, same answer.
    #[test]
    fn deterministic(s in spec(3, 8), seed in any::<u64>()) {
        let p = build(&s);
        let o = GapOptions::default().with_seed(seed).with_max_iterations(50);
        prop_assert_eq!(solve(&p, &o, &mut || false), solve(&p, &o, &mut || false));
    }
}
