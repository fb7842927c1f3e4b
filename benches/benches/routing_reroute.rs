//! Re-routing a 200-visit care day after one change (issue target: under 50 ms native).
//!
//! The day: 200 homes in a 3 km square around a centre, walked at 1.25 m/s, visits of 20-60
//! minutes (a third mornings, a third afternoons, a third any time but lunch), 25 workers
//! 8:00-17:00 with at most 7 hours of work; solved once with 2,000 iterations. Measured: the
//! re-plan after worker 3 falls sick (its shift removed) and after an urgent visit arrives,
//! each warm-started from the plan with a stability charge and 30 iterations.
//!
//! ```text
//! cargo bench -p huzhu-benches --bench routing_reroute
//! ```

#![allow(missing_docs)] // `criterion_group!` generates an undocumented public function.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use huzhu::routing::{Matrix, Options, Problem, Vehicle, Visit, reroute, solve};

fn day(visits: usize, workers: usize) -> Problem {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let mut xy = vec![(1500i64, 1500i64)];
    for _ in 0..visits {
        xy.push((next(3000) as i64, next(3000) as i64));
    }
    let m = Matrix::from_fn(xy.len(), |a, b| {
        let d = (((xy[a].0 - xy[b].0).pow(2) + (xy[a].1 - xy[b].1).pow(2)) as f64).sqrt();
        (d / 1.25).round() as i64
    })
    .expect("matrix");
    let h = |x: i64| x * 3600;
    let visits = (0..visits)
        .map(|i| {
            let v = Visit::new(i + 1, (20 + next(41) as i64) * 60).with_tier((next(10) / 4) as u8);
            match next(3) {
                0 => v.with_windows([(h(8), h(12))]),
                1 => v.with_windows([(h(13), h(16))]),
                _ => v.with_windows([(h(8), h(12)), (h(13), h(16) + 1800)]),
            }
        })
        .collect();
    let vehicles = (0..workers)
        .map(|_| Vehicle::new(0, 0, (h(8), h(17))).with_max_duration(h(7)))
        .collect();
    Problem {
        matrices: vec![m],
        visits,
        vehicles,
    }
}

fn rerouting(c: &mut Criterion) {
    let base = day(200, 25);
    let plan = solve(&base, &Options::default().with_iterations(2_000)).expect("solves");
    let quick = Options::default().with_iterations(30);

    // Worker 3 off sick: its shift removed, later vehicles renumbered.
    let mut sick = base.clone();
    sick.vehicles.remove(3);
    let kept: Vec<(usize, Vec<usize>)> = plan
        .warm_start()
        .into_iter()
        .filter(|(k, _)| *k != 3)
        .map(|(k, v)| (if k > 3 { k - 1 } else { k }, v))
        .collect();
    // An urgent visit at a served home, 10:00-11:00.
    let mut urgent = base.clone();
    let mut visit = urgent.visits[0].clone();
    visit.tier = 0;
    visit.windows = vec![(10 * 3600, 11 * 3600)];
    urgent.visits.push(visit);
    let all = plan.warm_start();

    let mut group = c.benchmark_group("reroute 200 visits");
    group.sample_size(20);
    group.bench_function("a worker off sick", |b| {
        b.iter(|| black_box(reroute(&sick, &kept, 1_800, &quick).expect("re-routes")));
    });
    group.bench_function("an urgent visit", |b| {
        b.iter(|| black_box(reroute(&urgent, &all, 1_800, &quick).expect("re-routes")));
    });
    group.finish();
}

criterion_group!(benches, rerouting);
criterion_main!(benches);
