//! Matching on small random instances, checked against brute force.
//!
//! Mode 0 builds a raw flow problem (≤ 5 needs, ≤ 3 suppliers with convex tiers, pins and
//! exclusions); mode 1 builds a small community and runs the `Matcher`, then pins one need and
//! re-solves warm. Every solution must verify and its objective must equal the brute-force
//! optimum; the warm re-solve must equal a fresh solve with the same pin.
#![no_main]

use chrono::{NaiveDate, NaiveTime};
use huzhu::matching::solver::{FlowProblem, NetworkSimplex, SuccessiveShortestPaths, Tier, verify};
use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
use huzhu::model::{
    Community, GeoPoint, GridId, Need, NeedId, Resident, ResidentId, TimeWindow, Urgency,
    Volunteer, VolunteerId, WeeklySchedule,
};
use libfuzzer_sys::fuzz_target;

struct Bytes<'a>(&'a [u8]);
impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
}

/// The optimum by enumeration, or `None` when no assignment is feasible.
fn brute(p: &FlowProblem) -> Option<i64> {
    let n = p.needs();
    let mut options: Vec<Vec<Option<usize>>> = Vec::with_capacity(n);
    for need in 0..n {
        let mut o = Vec::new();
        if !p.is_active(need) {
            o.push(None);
        } else if let Some(arc) = p.pinned(need) {
            o.push(Some(arc));
        } else {
            for arc in 0..p.arcs() {
                if p.arc(arc).is_some_and(|a| a.need == need) && p.is_usable(arc) {
                    o.push(Some(arc));
                }
            }
            if p.may_stay_unassigned(need) {
                o.push(None);
            }
        }
        if o.is_empty() {
            return None;
        }
        options.push(o);
    }
    let mut best: Option<i64> = None;
    let mut pick = vec![0usize; n];
    loop {
        let mut cost = 0i64;
        let mut load = vec![0u64; p.suppliers()];
        for need in 0..n {
            match options[need][pick[need]] {
                Some(arc) => {
                    let a = p.arc(arc).unwrap();
                    cost += a.cost;
                    load[a.supplier] += 1;
                }
                None if p.is_active(need) => cost += p.penalty(need).flatten().unwrap(),
                None => {}
            }
        }
        let mut feasible = true;
        for (s, &l) in load.iter().enumerate() {
            match p.load_cost(s, l) {
                Some(c) => cost += c,
                None => feasible = false,
            }
        }
        if feasible && best.is_none_or(|b| cost < b) {
            best = Some(cost);
        }
        // Next combination.
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            pick[i] += 1;
            if pick[i] < options[i].len() {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
    }
}

fn raw(b: &mut Bytes<'_>) {
    let mut p = FlowProblem::new();
    let suppliers = 1 + usize::from(b.next() % 3);
    for _ in 0..suppliers {
        let tiers: Vec<Tier> = (0..1 + b.next() % 3)
            .map(|k| {
                Tier::new(
                    u32::from(b.next() % 3),
                    i64::from(k) * i64::from(b.next() % 50),
                )
            })
            .collect();
        if p.add_supplier(&tiers).is_err() {
            return;
        }
    }
    let needs = 1 + usize::from(b.next() % 5);
    for _ in 0..needs {
        let pen = b.next();
        let penalty = (pen % 4 != 0).then(|| i64::from(pen) * 3);
        p.add_need(penalty).unwrap();
    }
    for need in 0..needs {
        for s in 0..suppliers {
            let c = b.next();
            if c % 3 != 0 {
                p.add_arc(need, s, i64::from(c)).unwrap();
            }
        }
    }
    let fresh = NetworkSimplex::new().solve(&p);
    let expect = brute(&p);
    match (&fresh, expect) {
        (Ok(sol), Some(best)) => {
            verify(&p, sol).expect("simplex solution verifies");
            assert_eq!(
                sol.objective, best,
                "simplex objective differs from brute force"
            );
        }
        (Err(_), None) => return,
        (Ok(sol), None) => panic!(
            "solver found {} but brute force found nothing",
            sol.objective
        ),
        (Err(e), Some(best)) => panic!("solver failed ({e}) but brute force found {best}"),
    }
    let prev = fresh.unwrap();
    // A change: pin, exclude or deactivate, then re-solve warm and fresh.
    let what = b.next();
    let arc = usize::from(b.next()) % p.arcs().max(1);
    let need = usize::from(b.next()) % needs;
    let changed = match what % 3 {
        0 if p.arcs() > 0 => p.pin(arc).is_ok(),
        1 if p.arcs() > 0 => p.set_excluded(arc, true).is_ok(),
        _ => p.set_active(need, false).is_ok(),
    };
    if !changed {
        return;
    }
    let expect = brute(&p);
    let warm = SuccessiveShortestPaths::new().warm_start(&prev).solve(&p);
    let cold = NetworkSimplex::new().solve(&p);
    match (warm, cold, expect) {
        (Ok(w), Ok(c), Some(best)) => {
            verify(&p, &w).expect("warm solution verifies");
            verify(&p, &c).expect("fresh solution verifies");
            assert_eq!(w.objective, best, "warm objective differs from brute force");
            assert_eq!(
                c.objective, best,
                "fresh objective differs from brute force"
            );
        }
        (Err(_), Err(_), None) => {}
        (w, c, e) => panic!(
            "disagreement after change: warm {:?} fresh {:?} brute {e:?}",
            w.map(|s| s.objective),
            c.map(|s| s.objective)
        ),
    }
}

fn community(b: &mut Bytes<'_>) {
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let at = |h: u32, m: u32| day.and_hms_opt(h, m, 0).unwrap();
    let base = GeoPoint {
        lat: 31.23,
        lon: 121.47,
    };
    let mut c = Community::new("fuzz");
    let residents = 1 + u32::from(b.next() % 3);
    for r in 1..=residents {
        let home = base.offset_m(f64::from(b.next()) * 10.0, f64::from(b.next()) * 10.0);
        let res = Resident::new(
            ResidentId(r),
            NaiveDate::from_ymd_opt(1945, 1, 1).unwrap(),
            home,
            GridId(1),
        );
        c.add_resident(res).unwrap();
    }
    let volunteers = 1 + u32::from(b.next() % 3);
    for v in 1..=volunteers {
        let mut vol = Volunteer::new(
            VolunteerId(v),
            base.offset_m(f64::from(b.next()) * 20.0, f64::from(b.next()) * 20.0),
        );
        let open = 8 + u32::from(b.next() % 4);
        vol.availability = WeeklySchedule::weekdays(
            NaiveTime::from_hms_opt(open, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(open + 6, 0, 0).unwrap(),
        );
        vol.minutes_per_week = 60 * u32::from(1 + b.next() % 4);
        c.add_volunteer(vol).unwrap();
    }
    let needs = 1 + u32::from(b.next() % 5);
    let cats = ["elder.cleaning", "elder.meals", "elder.companionship"];
    for n in 1..=needs {
        let r = 1 + u32::from(b.next()) % residents;
        let start = 8 + u32::from(b.next() % 8);
        let len = 1 + u32::from(b.next() % 4);
        let Ok(w) = TimeWindow::new(at(start, 0), at((start + len).min(23), 30)) else {
            continue;
        };
        let cat = cats[usize::from(b.next()) % cats.len()];
        let mut need = Need::new(
            NeedId(n),
            ResidentId(r),
            cat.into(),
            at(7, 0),
            w,
            30 + 15 * u32::from(b.next() % 4),
        );
        need.urgency =
            [Urgency::General, Urgency::SpecialGroup, Urgency::Complex][usize::from(b.next()) % 3];
        let _ = c.add_need(need);
    }
    let policy = MatchPolicy::default().with_fairness_step(i64::from(b.next() % 100));
    let ctx = MatchContext::new(at(7, 30));
    let mut m = Matcher::new(&c, policy.clone(), ctx.clone()).expect("matcher builds");
    let plan = m.solve().expect("a community with penalties always solves");
    m.verify().expect("plan verifies");
    let best = brute(m.problem()).expect("all needs may stay unassigned");
    assert_eq!(
        plan.objective, best,
        "matcher objective differs from brute force"
    );
    // Deterministic: a second matcher on the same data gives the same plan.
    let mut m2 = Matcher::new(&c, policy.clone(), ctx.clone()).unwrap();
    assert_eq!(m2.solve().unwrap(), plan, "plan not deterministic");

    // Pin one need to one of its candidates, re-solve warm, compare with brute force and with a
    // fresh matcher given the same pin.
    let ids: Vec<NeedId> = c.needs().map(|n| n.id).collect();
    let Some(&need) = ids.get(usize::from(b.next()) % ids.len().max(1)) else {
        return;
    };
    let Some(cands) = m.candidates(need) else {
        return;
    };
    let Some(cand) = cands
        .candidates
        .get(usize::from(b.next()) % cands.candidates.len().max(1))
    else {
        return;
    };
    let helper = cand.helper;
    if m.pin(need, helper).is_err() {
        return;
    }
    let Ok(warm) = m.solve() else {
        // Pinning may make the problem infeasible (capacity); a fresh solve must agree.
        let mut fresh = Matcher::new(&c, policy, ctx).unwrap();
        if fresh.pin(need, helper).is_ok() {
            assert!(fresh.solve().is_err(), "warm failed but fresh solved");
        }
        return;
    };
    m.verify().expect("warm plan verifies");
    let best = brute(m.problem()).expect("feasible after pin");
    assert_eq!(
        warm.objective, best,
        "warm objective differs from brute force"
    );
    let mut fresh = Matcher::new(&c, policy, ctx).unwrap();
    fresh.pin(need, helper).unwrap();
    let cold = fresh.solve().unwrap();
    assert_eq!(
        cold.objective, warm.objective,
        "warm and fresh objectives differ"
    );
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    if b.next() % 2 == 0 {
        raw(&mut b);
    } else {
        community(&mut b);
    }
});
