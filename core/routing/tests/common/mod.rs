//! An independent checker of routing solutions and a brute-force optimum for tiny problems,
//! written from the problem's definition without the solver's code.

#![allow(dead_code)]
// Visits are v, vehicles k, the problem p, as in the routing literature.
#![allow(clippy::many_single_char_names)]

use huzhu_routing::{Problem, Solution};

/// Simulates one route from scratch: service starts, or why it is infeasible.
pub fn simulate(
    p: &Problem,
    vehicle: usize,
    visits: &[usize],
) -> Result<(Vec<i64>, i64, i64), String> {
    let k = &p.vehicles[vehicle];
    let m = &p.matrices[k.profile];
    let mut t = k.shift.0;
    let mut at = k.start;
    let mut starts = Vec::new();
    let mut travel = 0;
    let mut load = 0;
    for &v in visits {
        let visit = &p.visits[v];
        if !visit.vehicles.is_empty() && !visit.vehicles.contains(&vehicle) {
            return Err(format!(
                "visit {v} may only go with vehicles {:?}",
                visit.vehicles
            ));
        }
        if !visit.skills.iter().all(|s| k.skills.contains(s)) {
            return Err(format!("vehicle {vehicle} lacks a skill of visit {v}"));
        }
        let arrive = t + m.time(at, visit.location);
        travel += m.time(at, visit.location);
        let start = if visit.windows.is_empty() {
            arrive
        } else {
            let mut found = None;
            for &(open, close) in &visit.windows {
                let s = arrive.max(open);
                if s <= close {
                    found = Some(s);
                    break;
                }
            }
            found.ok_or_else(|| format!("visit {v}: arrival {arrive} after every window"))?
        };
        starts.push(start);
        load += visit.demand;
        t = start + visit.duration;
        at = visit.location;
    }
    if visits.is_empty() {
        return Ok((starts, k.shift.0, 0));
    }
    let end = t + m.time(at, k.end);
    travel += m.time(at, k.end);
    if end > k.shift.1 {
        return Err(format!(
            "vehicle {vehicle} returns at {end} after its shift"
        ));
    }
    if let Some(c) = k.capacity
        && load > c
    {
        return Err(format!("vehicle {vehicle} carries {load} > {c}"));
    }
    if let Some(limit) = k.max_duration {
        let first = &p.visits[visits[0]];
        let depart = (starts[0] - m.time(k.start, first.location)).max(k.shift.0);
        if end - depart > limit {
            return Err(format!(
                "vehicle {vehicle} works {} > {limit}",
                end - depart
            ));
        }
    }
    Ok((starts, end, travel))
}

/// The cost of a route as defined: travel, fixed cost if used, continuity costs.
pub fn route_cost(p: &Problem, vehicle: usize, visits: &[usize], travel: i64) -> i64 {
    if visits.is_empty() {
        return 0;
    }
    let continuity: i64 = visits
        .iter()
        .map(|&v| {
            let visit = &p.visits[v];
            if visit.preferred.is_empty() || visit.preferred.contains(&vehicle) {
                0
            } else {
                visit.continuity_cost
            }
        })
        .sum();
    travel + p.vehicles[vehicle].fixed_cost + continuity
}

/// Checks a solution against the problem; returns its cost.
pub fn check(p: &Problem, s: &Solution) -> i64 {
    let mut seen = vec![0; p.visits.len()];
    let mut vehicles = std::collections::BTreeSet::new();
    let mut total = 0;
    for r in &s.routes {
        assert!(
            vehicles.insert(r.vehicle),
            "vehicle {} has two routes",
            r.vehicle
        );
        assert!(!r.visits.is_empty(), "an empty route is listed");
        for &v in &r.visits {
            seen[v] += 1;
        }
        let (starts, end, travel) =
            simulate(p, r.vehicle, &r.visits).unwrap_or_else(|e| panic!("infeasible: {e}"));
        assert_eq!(r.starts, starts, "vehicle {} starts", r.vehicle);
        assert_eq!(r.end_time, end, "vehicle {} end", r.vehicle);
        assert_eq!(r.travel, travel, "vehicle {} travel", r.vehicle);
        let cost = route_cost(p, r.vehicle, &r.visits, travel);
        assert_eq!(r.cost, cost, "vehicle {} cost", r.vehicle);
        total += cost;
    }
    for &v in &s.unserved {
        seen[v] += 1;
    }
    assert!(
        seen.iter().all(|&n| n == 1),
        "each visit once, served or not: {seen:?}"
    );
    assert!(
        s.unserved.windows(2).all(|w| w[0] < w[1]),
        "unserved ascending"
    );
    assert_eq!(s.cost, total, "solution cost");
    total
}

/// The best objective by enumeration, as (unserved count per tier, cost): every assignment
/// of visits to vehicles or to nobody, every order of each route.
pub fn brute_force(p: &Problem) -> (Vec<usize>, i64) {
    let n = p.visits.len();
    let k = p.vehicles.len();
    let tiers = p
        .visits
        .iter()
        .map(|v| usize::from(v.tier) + 1)
        .max()
        .unwrap_or(1);
    let mut best: Option<(Vec<usize>, i64)> = None;
    let mut choice = vec![0usize; n]; // 0 = unserved, j + 1 = vehicle j
    loop {
        let mut unserved = vec![0usize; tiers];
        for (v, &c) in choice.iter().enumerate() {
            if c == 0 {
                unserved[usize::from(p.visits[v].tier)] += 1;
            }
        }
        let mut cost = 0i64;
        let mut feasible = true;
        for j in 0..k {
            let members: Vec<usize> = (0..n).filter(|&v| choice[v] == j + 1).collect();
            let Some(c) = best_order(p, j, &members) else {
                feasible = false;
                break;
            };
            cost += c;
        }
        if feasible {
            let key = (unserved.clone(), cost);
            if best.as_ref().is_none_or(|b| key < *b) {
                best = Some(key);
            }
        }
        // Next assignment.
        let mut i = 0;
        loop {
            if i == n {
                return best.expect("leaving everything unserved is feasible");
            }
            choice[i] += 1;
            if choice[i] <= k {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

fn best_order(p: &Problem, vehicle: usize, members: &[usize]) -> Option<i64> {
    if members.is_empty() {
        return Some(0);
    }
    let mut order = members.to_vec();
    let mut best = None;
    permute(&mut order, 0, &mut |o| {
        if let Ok((_, _, travel)) = simulate(p, vehicle, o) {
            let c = route_cost(p, vehicle, o, travel);
            if best.is_none_or(|b| c < b) {
                best = Some(c);
            }
        }
    });
    best
}

fn permute(items: &mut Vec<usize>, at: usize, f: &mut impl FnMut(&[usize])) {
    if at == items.len() {
        f(items);
        return;
    }
    for i in at..items.len() {
        items.swap(at, i);
        permute(items, at + 1, f);
        items.swap(at, i);
    }
}

/// Unserved counts per tier of a solution.
pub fn unserved_by_tier(p: &Problem, s: &Solution) -> Vec<usize> {
    let tiers = p
        .visits
        .iter()
        .map(|v| usize::from(v.tier) + 1)
        .max()
        .unwrap_or(1);
    let mut out = vec![0; tiers];
    for &v in &s.unserved {
        out[usize::from(p.visits[v].tier)] += 1;
    }
    out
}

/// Solomon's C101 from the shared benchmark data, travel = Euclidean distance × `scale`,
/// rounded (times scaled alike).
pub fn solomon(name: &str, scale: f64) -> (Problem, i64) {
    let path = format!(
        "{}/../../../shared/data/benchmarks/vrptw/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("instance file");
    let rows: Vec<Vec<f64>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split_whitespace()
                .map(|t| t.parse().expect("number"))
                .collect()
        })
        .collect();
    let xy: Vec<(f64, f64)> = rows.iter().map(|r| (r[1], r[2])).collect();
    let m = huzhu_routing::Matrix::from_fn(xy.len(), |a, b| {
        let d = ((xy[a].0 - xy[b].0).powi(2) + (xy[a].1 - xy[b].1).powi(2)).sqrt();
        (d * scale).round() as i64
    })
    .expect("matrix");
    let s = |x: f64| (x * scale).round() as i64;
    let visits = rows[1..]
        .iter()
        .map(|r| {
            huzhu_routing::Visit::new(r[0] as usize, s(r[6]))
                .with_windows([(s(r[4]), s(r[5]))])
                .with_demand(r[3] as i64)
        })
        .collect();
    let depot = &rows[0];
    let vehicles = (0..25)
        .map(|_| huzhu_routing::Vehicle::new(0, 0, (s(depot[4]), s(depot[5]))).with_capacity(200))
        .collect();
    (
        Problem {
            matrices: vec![m],
            visits,
            vehicles,
        },
        25,
    )
}

/// A care day in seconds: `visits` homes in a 3 km square walked at 1.25 m/s from a centre,
/// visits of 20–60 minutes (a third in the morning, a third in the afternoon, a third any
/// time but the lunch break), `workers` shifts of 8:00–17:00 with at most 7 hours of work.
pub fn care_day(visits: usize, workers: usize, seed: u64) -> Problem {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
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
    let m = huzhu_routing::Matrix::from_fn(xy.len(), |a, b| {
        let d = (((xy[a].0 - xy[b].0).pow(2) + (xy[a].1 - xy[b].1).pow(2)) as f64).sqrt();
        (d / 1.25).round() as i64
    })
    .expect("matrix");
    let h = |x: i64| x * 3600;
    let visits = (0..visits)
        .map(|i| {
            let v = huzhu_routing::Visit::new(i + 1, (20 + next(41) as i64) * 60)
                .with_tier((next(10) / 4) as u8);
            match next(3) {
                0 => v.with_windows([(h(8), h(12))]),
                1 => v.with_windows([(h(13), h(16))]),
                _ => v.with_windows([(h(8), h(12)), (h(13), h(16) + 1800)]),
            }
        })
        .collect();
    let vehicles = (0..workers)
        .map(|_| huzhu_routing::Vehicle::new(0, 0, (h(8), h(17))).with_max_duration(h(7)))
        .collect();
    Problem {
        matrices: vec![m],
        visits,
        vehicles,
    }
}
