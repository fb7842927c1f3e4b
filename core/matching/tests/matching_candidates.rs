//! Candidate generation on random communities: the spatial index finds exactly the helpers a
//! brute-force check over all helpers finds, counts add up, and the capped ring search returns
//! exactly the K cheapest.

use chrono::{NaiveTime, Weekday};
use huzhu::matching::*;
use huzhu::model::*;
use huzhu_testkit::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Spec {
    volunteers: Vec<(f64, f64, u32, u32, bool)>, // north, east, max travel, opens hour, escort
    needs: Vec<(f64, f64, bool, u32)>,           // north, east, medical escort?, window hour
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::collection::vec(
            (
                -3000.0..3000.0f64,
                -3000.0..3000.0f64,
                300u32..2500,
                8u32..16,
                any::<bool>(),
            ),
            0..40,
        ),
        proptest::collection::vec(
            (
                -3000.0..3000.0f64,
                -3000.0..3000.0f64,
                any::<bool>(),
                8u32..17,
            ),
            1..8,
        ),
    )
        .prop_map(|(volunteers, needs)| Spec { volunteers, needs })
}

fn build(spec: &Spec) -> Community {
    let mut c = Community::new("random");
    for (i, (n, e, _, _)) in spec.needs.iter().enumerate() {
        c.add_resident(resident(i as u32 + 1, origin().offset_m(*n, *e)))
            .unwrap();
    }
    for (i, (n, e, travel, opens, escort)) in spec.volunteers.iter().enumerate() {
        let mut v = Volunteer::new(VolunteerId(i as u32 + 1), origin().offset_m(*n, *e));
        v.max_travel_m = *travel;
        v.availability.slots.push(WeeklySlot::new(
            Weekday::Tue,
            NaiveTime::from_hms_opt(*opens, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(*opens + 3, 0, 0).unwrap(),
        ));
        if *escort {
            v.skills.push("escort".into());
        }
        c.add_volunteer(v).unwrap();
    }
    for (i, (_, _, escort, hour)) in spec.needs.iter().enumerate() {
        let mut n = need(i as u32 + 1, i as u32 + 1);
        n.windows[0] = TimeWindow::new(tue(*hour), tue(*hour + 2)).unwrap();
        if *escort {
            n.category = "elder.medical_escort".into();
        }
        c.add_need(n).unwrap();
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn index_agrees_with_brute_force_and_counts_add_up(spec in spec()) {
        let c = build(&spec);
        let m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
        let total = c.volunteers().len() as u32;
        for n in c.needs() {
            let cands = m.candidates(n.id).unwrap();
            let eliminated: u32 = cands.eliminated.iter().map(|e| e.count).sum();
            prop_assert_eq!(cands.candidates.len() as u32 + eliminated, total);
            // Brute force: ask about every volunteer one by one.
            let place = c.need_location(n).unwrap();
            for v in c.volunteers() {
                let is_candidate = cands.candidates.iter().any(|x| x.helper == HelperId::Volunteer(v.id));
                let d = v.home.distance_m(place);
                let skill_ok = n.category.as_str() != "elder.medical_escort" || v.skills.contains(&"escort".into());
                let slot = v.availability.slots[0];
                let window = n.windows[0];
                let time_ok = window.start.time().max(slot.opens) + chrono::Duration::minutes(60)
                    <= window.end.time().min(slot.closes);
                prop_assert_eq!(is_candidate, d <= v.max_travel_m && skill_ok && time_ok,
                    "{} / {}: d {} travel {}", n.id, v.id, d, v.max_travel_m);
            }
        }
    }

    #[test]
    fn capped_search_returns_exactly_the_k_cheapest(spec in spec(), k in 1usize..6) {
        let c = build(&spec);
        // History and a perfect record move the cost floor the ring search relies on.
        let ctx = MatchContext::new(now())
            .with_history(ResidentId(1), HelperId::Volunteer(VolunteerId(1)))
            .with_history(ResidentId(2), HelperId::Volunteer(VolunteerId(3)))
            .with_reliability(HelperId::Volunteer(VolunteerId(2)), 1000);
        let all = Matcher::new(&c, MatchPolicy::default(), ctx.clone()).unwrap();
        let capped = Matcher::new(&c, MatchPolicy::default().with_candidate_cap(Some(k)), ctx).unwrap();
        for n in c.needs() {
            let full = &all.candidates(n.id).unwrap().candidates;
            let top = &capped.candidates(n.id).unwrap().candidates;
            let expected: Vec<_> = full.iter().take(k).map(|x| (x.helper, x.cost.total)).collect();
            let got: Vec<_> = top.iter().map(|x| (x.helper, x.cost.total)).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
