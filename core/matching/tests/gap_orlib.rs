//! Solves real OR-Library instances read straight from the shared benchmark data.
//!
//! The files hold `m n`, `m` rows of `n` costs, `m` rows of `n` weights, `m` capacities; the
//! best-known values in `data.csv` are minimisation optima (see the `gap` format docs in
//! huzhu-benches). Parsed here by hand to keep core free of the benches crate.

use huzhu::matching::gap::{GapOptions, GapProblem, solve};

fn load(rel: &str) -> GapProblem {
    let path = format!(
        "{}/../../../shared/data/benchmarks/gap/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let nums: Vec<i64> = text
        .split_whitespace()
        .map(|t| t.parse().unwrap())
        .collect();
    let (m, n) = (nums[0] as usize, nums[1] as usize);
    let row = |k: usize| nums[2 + k * n..2 + (k + 1) * n].to_vec();
    let costs: Vec<Vec<i64>> = (0..m).map(row).collect();
    let weights: Vec<Vec<i64>> = (m..2 * m).map(row).collect();
    let caps = nums[2 + 2 * m * n..2 + 2 * m * n + m].to_vec();
    assert_eq!(
        nums.len(),
        2 + 2 * m * n + m,
        "{rel}: one instance per file"
    );
    GapProblem::dense(&costs, &weights, &caps).unwrap()
}

#[test]
fn gap1_first_instance_reaches_its_optimum() {
    // OR-Library gap1, first instance (5 agents, 15 jobs): minimisation optimum 261.
    let p = load("cattrysse1994/gap1-0");
    let s = solve(
        &p,
        &GapOptions::default().with_max_iterations(2_000),
        &mut || false,
    )
    .unwrap();
    assert_eq!(p.evaluate(&s.assignment), Ok(s.objective));
    assert!(
        s.lower_bound <= 261,
        "bound {} above the optimum",
        s.lower_bound
    );
    assert_eq!(s.objective, 261);
}

#[test]
fn chu_beasley_c05100_within_two_percent() {
    // Chu & Beasley type c, 5 agents, 100 jobs: best known (optimal) 1931.
    let p = load("chu1997/c05100");
    let s = solve(
        &p,
        &GapOptions::default().with_max_iterations(100),
        &mut || false,
    )
    .unwrap();
    assert_eq!(p.evaluate(&s.assignment), Ok(s.objective));
    assert!(
        s.lower_bound <= 1931,
        "bound {} above the optimum",
        s.lower_bound
    );
    assert!(s.objective * 100 <= 1931 * 102, "objective {}", s.objective);
    // The Lagrangian bound is known to be tight on type c (within 0.5% here).
    assert!(
        s.lower_bound * 1000 >= 1931 * 995,
        "bound {}",
        s.lower_bound
    );
}
