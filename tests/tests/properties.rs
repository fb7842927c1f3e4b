//! Property tests over random synthetic communities:
//! * plans are deterministic across runs and identical through the Rust API and the JSON
//!   `run_case` path the bindings use;
//! * `verify` holds on every plan;
//! * incremental re-matching with pins (random add/remove need, pin/unpin through `Matcher`)
//!   reaches the same optimum as a fresh solve with the same pins.

use chrono::NaiveDate;
use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
use huzhu::model::{Community, NeedId};
use huzhu::synth::{DistrictConfig, generate};
use proptest::prelude::*;
use serde_json::{Value, json};

fn district(seed: u64, residents: u32, needs: u32, volunteers: u16) -> (Community, MatchContext) {
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut config = DistrictConfig::new(residents, monday)
        .with_seed(seed)
        .with_needs_recorded_in_advance(true)
        .with_needs_per_thousand(needs)
        .with_volunteer_permille(volunteers);
    config.density_per_km2 = 40_000;
    let d = generate(&config).expect("synthetic district");
    (
        d.community,
        MatchContext::new(monday.and_hms_opt(0, 0, 0).unwrap()),
    )
}

fn plan_json(plan: &huzhu::matching::MatchPlan) -> Value {
    let mut v = serde_json::to_value(plan).unwrap();
    v.as_object_mut().unwrap().remove("stats");
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn plans_are_deterministic_verified_and_the_same_through_json(
        seed in any::<u64>(), residents in 200u32..800, needs in 20u32..150, vols in 20u16..90,
    ) {
        let (c, ctx) = district(seed, residents, needs, vols);
        let mut m = Matcher::new(&c, MatchPolicy::default(), ctx.clone()).unwrap();
        let plan = m.solve().unwrap();
        m.verify().unwrap();
        prop_assert!(plan.optimal);
        let mut again = Matcher::new(&c, MatchPolicy::default(), ctx.clone()).unwrap();
        prop_assert_eq!(&again.solve().unwrap(), &plan);
        // The bindings' path: snapshot JSON in, canonical JSON out.
        let case = json!({"kind": "match", "input": {
            "community": serde_json::from_str::<Value>(&c.to_json()).unwrap(),
            "context": {"now": ctx.now}, "steps": ["solve", "verify"]}});
        let out = huzhu_conformance::run_case(&case.to_string());
        let direct = huzhu_conformance::to_canonical(&json!({"steps": [{"ok": plan_json(&plan)}, {"ok": "ok"}]}));
        prop_assert_eq!(out, direct);
    }
}

#[derive(Debug, Clone)]
enum Op {
    Pin(usize, usize),
    Unpin(usize),
    Remove(usize),
    ReAdd(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Pin(a, b)),
        1 => any::<usize>().prop_map(Op::Unpin),
        2 => any::<usize>().prop_map(Op::Remove),
        1 => any::<usize>().prop_map(Op::ReAdd),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn incremental_rematching_with_pins_equals_a_fresh_solve(
        seed in any::<u64>(), residents in 150u32..500, needs in 40u32..200, vols in 10u16..60,
        ops in prop::collection::vec(op(), 1..10),
    ) {
        let (c, ctx) = district(seed, residents, needs, vols);
        let policy = MatchPolicy::default();
        let mut m = Matcher::new(&c, policy.clone(), ctx.clone()).unwrap();
        m.solve().unwrap();
        let all: Vec<NeedId> = c.needs().map(|n| n.id).collect();
        prop_assume!(!all.is_empty());
        let mut removed = Vec::new();
        for op in ops {
            let changed = match op {
                Op::Pin(a, b) => {
                    let need = all[a % all.len()];
                    let helper = m.candidates(need).and_then(|cs| {
                        (!cs.candidates.is_empty()).then(|| cs.candidates[b % cs.candidates.len()].helper)
                    });
                    helper.is_some_and(|h| m.pin(need, h).is_ok())
                }
                Op::Unpin(a) => {
                    let pins: Vec<NeedId> = m.pins().keys().copied().collect();
                    !pins.is_empty() && m.unpin(pins[a % pins.len()]).is_ok()
                }
                Op::Remove(a) => {
                    let need = all[a % all.len()];
                    let ok = m.remove_need(need).is_ok();
                    if ok {
                        removed.push(c.need(need).unwrap().clone());
                    }
                    ok
                }
                Op::ReAdd(a) => {
                    if removed.is_empty() {
                        false
                    } else {
                        let need = removed.remove(a % removed.len());
                        m.add_need(need).is_ok()
                    }
                }
            };
            if !changed {
                continue;
            }
            let warm = m.solve().unwrap();
            m.verify().unwrap();
            let mut fresh = Matcher::new(m.community(), policy.clone(), ctx.clone()).unwrap();
            for (&need, &helper) in m.pins() {
                fresh.pin(need, helper).unwrap();
            }
            let cold = fresh.solve().unwrap();
            fresh.verify().unwrap();
            prop_assert_eq!(warm.objective, cold.objective);
            prop_assert_eq!(warm.assignments.len(), cold.assignments.len());
            for (need, helper) in m.pins() {
                prop_assert_eq!(warm.assignment(*need).map(|a| a.helper), Some(*helper));
                prop_assert_eq!(cold.assignment(*need).map(|a| a.helper), Some(*helper));
            }
        }
    }
}
