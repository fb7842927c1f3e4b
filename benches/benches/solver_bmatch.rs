//! Network simplex against successive shortest paths on a generated b-matching instance:
//! 1,000 needs, 100 suppliers (capacity 10 at cost 0, then 5 more at cost 20), 10 candidates
//! per need with costs 0..1000, plus an unassigned penalty of 2,000. Deterministic generator.
//! Also an incremental re-solve after pinning one need: from scratch vs warm-started SSP.

#![allow(missing_docs)] // `criterion_group!` generates an undocumented public function.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use huzhu::matching::solver::{FlowProblem, NetworkSimplex, SuccessiveShortestPaths, Tier};

/// Small deterministic generator (`SplitMix64`), so the bench needs no extra dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn instance(needs: usize, suppliers: usize, degree: usize) -> FlowProblem {
    let mut rng = SplitMix(12345);
    let mut p = FlowProblem::new();
    for _ in 0..suppliers {
        p.add_supplier(&[Tier::new(10, 0), Tier::new(5, 20)])
            .unwrap();
    }
    for i in 0..needs {
        p.add_need(Some(2000)).unwrap();
        let mut seen = Vec::with_capacity(degree);
        while seen.len() < degree {
            let s = rng.below(suppliers as u64) as usize;
            if !seen.contains(&s) {
                seen.push(s);
                p.add_arc(i, s, rng.below(1001) as i64).unwrap();
            }
        }
    }
    p
}

fn bench(c: &mut Criterion) {
    let p = instance(1000, 100, 10);
    let ns = NetworkSimplex::new().solve(&p).unwrap();
    let ssp = SuccessiveShortestPaths::new().solve(&p).unwrap();
    assert_eq!(ns.objective, ssp.objective);
    let mut g = c.benchmark_group("bmatch_1000x100");
    g.bench_function("network_simplex", |b| {
        b.iter(|| NetworkSimplex::new().solve(black_box(&p)).unwrap());
    });
    g.bench_function("network_simplex_no_greedy", |b| {
        b.iter(|| {
            NetworkSimplex::new()
                .with_greedy_start(false)
                .solve(black_box(&p))
                .unwrap()
        });
    });
    g.bench_function("successive_shortest_paths", |b| {
        b.iter(|| SuccessiveShortestPaths::new().solve(black_box(&p)).unwrap());
    });
    // Incremental: pin need 0 to its costliest arc and re-solve from the previous solution.
    let dearest = (0..p.arcs())
        .filter(|&a| p.arc(a).is_some_and(|c| c.need == 0))
        .max_by_key(|&a| p.arc(a).map(|c| c.cost))
        .unwrap();
    let mut pinned = p.clone();
    pinned.pin(dearest).unwrap();
    let fresh = NetworkSimplex::new().solve(&pinned).unwrap();
    let warm = SuccessiveShortestPaths::new()
        .warm_start(&ns)
        .solve(&pinned)
        .unwrap();
    assert_eq!(fresh.objective, warm.objective);
    g.bench_function("pin_then_network_simplex_from_scratch", |b| {
        b.iter(|| NetworkSimplex::new().solve(black_box(&pinned)).unwrap());
    });
    g.bench_function("pin_then_warm_ssp", |b| {
        b.iter(|| {
            SuccessiveShortestPaths::new()
                .warm_start(black_box(&ns))
                .solve(black_box(&pinned))
                .unwrap()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
