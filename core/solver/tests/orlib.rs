//! OR-Library linear assignment instances against their published optima.

use huzhu_solver::{FlowProblem, NetworkSimplex, SuccessiveShortestPaths, Tier, verify};

fn load(name: &str) -> FlowProblem {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/benchmarks/orlib-assign/"
    );
    let text = std::fs::read_to_string(format!("{path}{name}.txt")).expect("instance file");
    let nums: Vec<i64> = text
        .split_whitespace()
        .map(|t| t.parse().expect("number"))
        .collect();
    let n = nums[0] as usize;
    assert_eq!(nums.len(), 1 + n * n);
    let mut p = FlowProblem::new();
    for i in 0..n {
        p.add_supplier(&[Tier::new(1, 0)]).unwrap();
        p.add_need(None).unwrap();
        assert_eq!(p.needs(), i + 1);
    }
    for i in 0..n {
        for j in 0..n {
            p.add_arc(i, j, nums[1 + i * n + j]).unwrap();
        }
    }
    p
}

#[test]
fn assign100_and_assign200_reach_the_published_optima() {
    // Published optima (OR-Library assignment problems, Beasley 1990).
    for (name, optimum) in [("assign100", 305), ("assign200", 475)] {
        let p = load(name);
        let ns = NetworkSimplex::new().solve(&p).unwrap();
        verify(&p, &ns).unwrap();
        assert_eq!(ns.objective, optimum, "{name}");
        let ssp = SuccessiveShortestPaths::new().solve(&p).unwrap();
        verify(&p, &ssp).unwrap();
        assert_eq!(ssp.objective, optimum, "{name}");
    }
}
