//! Rounds planned from the community's records: hand-worked cases, each plan checked stop by
//! stop against the definitions (great-circle distance × detour at the server's speed, visits
//! inside their windows and shifts), the reasons for unplanned visits, multi-day shifts,
//! re-planning, and bad input naming the record and field.

use huzhu::model::{GeoPoint, ResidentId, Skill, Urgency, VolunteerId, WorkerId};
use huzhu::routing::{
    RoundVisit, RoundWorker, Rounds, RoundsPolicy, Server, TravelMode, Unplanned, VisitSource,
    plan_rounds, replan_rounds,
};

mod common;

use chrono::NaiveDateTime;

use common::rounds::{centre, check_rounds, t, visit, w, worker};

/// [`check_rounds`], and every visit planned once or listed unplanned.
fn check(
    plan: &Rounds,
    visits: &[RoundVisit],
    workers: &[RoundWorker],
    policy: &RoundsPolicy,
) -> Vec<u32> {
    let planned = check_rounds(plan, visits, workers, policy);
    let mut all: Vec<u32> = planned
        .iter()
        .copied()
        .chain(plan.unplanned.iter().map(|u| u.0))
        .collect();
    all.sort_unstable();
    let mut ids: Vec<u32> = visits.iter().map(|v| v.id).collect();
    ids.sort_unstable();
    assert_eq!(all, ids, "every visit planned once or unplanned");
    planned
}

#[test]
fn each_unplanned_visit_says_why() {
    let policy = RoundsPolicy::default();
    let morning = vec![w(t(8, 9, 0), t(8, 12, 0))];
    let mut legal = visit(1, 300.0, 0.0, 30, morning.clone());
    legal.skills = vec![Skill("legal".into())];
    // Before any shift starts: unreachable.
    let early = visit(2, 300.0, 0.0, 30, vec![w(t(8, 6, 0), t(8, 7, 0))]);
    // Three hours of emergencies fill the only shift; the general visit waits.
    let mut emergencies: Vec<RoundVisit> = (3..=7)
        .map(|id| {
            let mut v = visit(id, 100.0, 0.0, 35, morning.clone());
            v.urgency = Urgency::Emergency;
            v
        })
        .collect();
    let general = visit(8, 100.0, 0.0, 35, morning.clone());
    let mut visits = vec![legal, early, general];
    visits.append(&mut emergencies);
    let workers = vec![worker(
        1,
        vec![w(t(8, 9, 0), t(8, 12, 0))],
        TravelMode::Walking,
    )];
    let plan = plan_rounds(&visits, &workers, &policy).unwrap();
    let planned = check(&plan, &visits, &workers, &policy);
    assert_eq!(
        planned.len(),
        5,
        "five 35-minute emergencies fit in three hours, a sixth does not"
    );
    let reasons: std::collections::BTreeMap<u32, Unplanned> =
        plan.unplanned.iter().cloned().collect();
    assert_eq!(reasons[&1], Unplanned::NoSkilledServer);
    assert_eq!(reasons[&2], Unplanned::WindowUnreachable);
    match &reasons[&8] {
        Unplanned::Outcompeted { by, server } => {
            assert_eq!(*server, Server::Worker(WorkerId(1)));
            assert_eq!(by, &vec![3, 4, 5, 6, 7]);
        }
        other => panic!("visit 8: {other:?}"),
    }
}

#[test]
fn a_lunch_break_splits_a_window_and_the_e_bike_goes_further() {
    let policy = RoundsPolicy::default();
    // 3 km east: walking 3,900 m of streets takes 52 minutes each way, an e-bike 13.
    let far = visit(
        1,
        0.0,
        3000.0,
        60,
        vec![w(t(8, 9, 0), t(8, 11, 30)), w(t(8, 13, 30), t(8, 16, 0))],
    );
    let walker = worker(1, vec![w(t(8, 9, 0), t(8, 11, 0))], TravelMode::Walking);
    let rider = RoundWorker {
        server: Server::Volunteer(VolunteerId(2)),
        ..worker(2, vec![w(t(8, 13, 0), t(8, 17, 0))], TravelMode::EBike)
    };
    let workers = vec![walker, rider];
    let plan = plan_rounds(std::slice::from_ref(&far), &workers, &policy).unwrap();
    check(&plan, std::slice::from_ref(&far), &workers, &policy);
    // The walker cannot be back by 11:00 (52 + 60 + 52 minutes); the rider takes it in the
    // afternoon window, leaving at 13:17 to arrive as the window opens at 13:30.
    assert_eq!(plan.rounds.len(), 1);
    let r = &plan.rounds[0];
    assert_eq!(r.server, Server::Volunteer(VolunteerId(2)));
    assert_eq!(r.stops[0].start, t(8, 13, 30));
    assert_eq!((r.depart, r.back), (t(8, 13, 17), t(8, 14, 43)));
    assert_eq!(plan.travel_minutes, 26);
}

#[test]
fn the_known_worker_keeps_a_resident_unless_it_costs_too_much() {
    // Two walkers at opposite ends; the home is 100 m from worker 2's start, 500 m from 1's.
    let mut policy = RoundsPolicy::default();
    let home = visit(1, 0.0, 400.0, 30, vec![]);
    let at = |east: f64, id: u32| RoundWorker {
        start: centre().offset_m(0.0, east),
        end: centre().offset_m(0.0, east),
        ..worker(id, vec![w(t(8, 9, 0), t(8, 12, 0))], TravelMode::Walking)
    };
    let workers = vec![at(-100.0, 1), at(500.0, 2)];
    let mut known = home.clone();
    known.preferred = Some(Server::Worker(WorkerId(1)));
    // Worker 1 travels 2 × 500 m × 1.3 / 75 = 17.3 minutes, worker 2 3.5: 13.9 more, below
    // the 20 minutes continuity is worth.
    let plan = plan_rounds(std::slice::from_ref(&known), &workers, &policy).unwrap();
    check(&plan, std::slice::from_ref(&known), &workers, &policy);
    assert_eq!(plan.rounds[0].server, Server::Worker(WorkerId(1)));
    // At 10 minutes, continuity is not worth the walk.
    policy.continuity_minutes = 10;
    let plan = plan_rounds(std::slice::from_ref(&known), &workers, &policy).unwrap();
    assert_eq!(plan.rounds[0].server, Server::Worker(WorkerId(2)));
    // A required worker is kept whatever the cost.
    let mut required = home;
    required.required = Some(Server::Worker(WorkerId(1)));
    let plan = plan_rounds(std::slice::from_ref(&required), &workers, &policy).unwrap();
    assert_eq!(plan.rounds[0].server, Server::Worker(WorkerId(1)));
}

#[test]
fn a_week_of_shifts_keeps_each_visit_on_its_day() {
    let policy = RoundsPolicy::default();
    let visits: Vec<RoundVisit> = (1..=6)
        .map(|id| {
            let day = 7 + id % 3; // Monday to Wednesday
            visit(
                id,
                200.0 * f64::from(id),
                0.0,
                45,
                vec![w(t(day, 9, 0), t(day, 12, 0))],
            )
        })
        .collect();
    let workers = vec![worker(
        1,
        vec![
            w(t(7, 9, 0), t(7, 12, 0)),
            w(t(8, 9, 0), t(8, 12, 0)),
            w(t(9, 9, 0), t(9, 12, 0)),
        ],
        TravelMode::Walking,
    )];
    let plan = plan_rounds(&visits, &workers, &policy).unwrap();
    let planned = check(&plan, &visits, &workers, &policy);
    assert_eq!(planned.len(), 6);
    assert_eq!(plan.rounds.len(), 3, "one round a day");
    // GeoJSON: a LineString per round from the centre through its two homes and back, then a
    // Point per stop, in order.
    let g = plan.geojson(&visits, &workers);
    let features = g["features"].as_array().unwrap();
    assert_eq!(features.len(), 3 + 6);
    let line = &features[0];
    assert_eq!(line["geometry"]["type"], "LineString");
    let coords = line["geometry"]["coordinates"].as_array().unwrap();
    assert_eq!(coords.len(), 4);
    assert_eq!(coords[0], serde_json::json!([121.5, 31.2]));
    assert_eq!(coords[0], coords[3]);
    assert_eq!(line["properties"]["server"], "worker#1");
    let first_stop = line["properties"]["visits"][0].as_u64().unwrap();
    let home = visits
        .iter()
        .find(|v| u64::from(v.id) == first_stop)
        .unwrap()
        .place;
    assert_eq!(coords[1], serde_json::json!([home.lon, home.lat]));
    assert_eq!(features[1]["geometry"]["type"], "Point");
    assert_eq!(features[1]["properties"]["order"], 1);
}

#[test]
fn promised_times_hold_in_a_replan_and_the_first_visit_gives_way_to_an_emergency() {
    // One walker, 9:00-12:00; three 30-minute visits at one home 300 m north, any time.
    let morning = vec![w(t(8, 9, 0), t(8, 12, 0))];
    let mut visits: Vec<RoundVisit> = (1..=3)
        .map(|id| visit(id, 300.0, 0.0, 30, morning.clone()))
        .collect();
    let workers = vec![worker(1, morning.clone(), TravelMode::Walking)];
    let policy = RoundsPolicy::default();
    let before = plan_rounds(&visits, &workers, &policy).unwrap();
    let old: Vec<(u32, NaiveDateTime)> = before.rounds[0]
        .stops
        .iter()
        .map(|s| (s.visit, s.start))
        .collect();
    assert_eq!(old.len(), 3);
    // The three back to back from about 9:05 (a 5-minute walk there).
    assert_eq!(old[1].1 - old[0].1, chrono::Duration::minutes(30));
    // An emergency at the same home must start by 9:15.
    let mut emergency = visit(9, 300.0, 0.0, 30, vec![w(t(8, 9, 0), t(8, 9, 45))]);
    emergency.urgency = Urgency::Emergency;
    visits.push(emergency);
    let start_of = |plan: &Rounds, id: u32| {
        plan.rounds
            .iter()
            .flat_map(|r| &r.stops)
            .find(|s| s.visit == id)
            .map(|s| s.start)
    };
    // Times free: the emergency goes first and the others each start 30 minutes later.
    let free = replan_rounds(&before, &visits, &workers, &policy).unwrap();
    check(&free, &visits, &workers, &policy);
    assert!(free.unplanned.is_empty());
    for &(id, at) in &old {
        assert_eq!(
            start_of(&free, id),
            Some(at + chrono::Duration::minutes(30))
        );
    }
    // Times kept within 15 minutes: the first visit cannot start by 9:20 after the emergency,
    // so it waits, outcompeted; the other two keep their times exactly.
    let kept = RoundsPolicy {
        keep_times_minutes: Some(15),
        ..policy
    };
    let held = replan_rounds(&before, &visits, &workers, &kept).unwrap();
    check(&held, &visits, &workers, &kept);
    assert_eq!(
        held.unplanned,
        vec![(
            old[0].0,
            Unplanned::Outcompeted {
                by: vec![9],
                server: Server::Worker(WorkerId(1))
            }
        )]
    );
    assert_eq!(start_of(&held, old[1].0), Some(old[1].1));
    assert_eq!(start_of(&held, old[2].0), Some(old[2].1));
    assert!(start_of(&held, 9).is_some());
}

#[test]
fn replanning_after_a_sick_worker_keeps_the_others_rounds() {
    let policy = RoundsPolicy::default();
    let day = vec![w(t(8, 9, 0), t(8, 16, 0))];
    let visits: Vec<RoundVisit> = (1..=12)
        .map(|id| {
            visit(
                id,
                150.0 * f64::from(id % 4),
                150.0 * f64::from(id / 4),
                30,
                day.clone(),
            )
        })
        .collect();
    // Shifts long enough that two workers can take all twelve visits: nothing needs to move
    // but the sick worker's visits.
    let shift = vec![w(t(8, 9, 0), t(8, 16, 0))];
    let workers: Vec<RoundWorker> = (1..=3)
        .map(|i| worker(i, shift.clone(), TravelMode::Walking))
        .collect();
    let before = plan_rounds(&visits, &workers, &policy).unwrap();
    check(&before, &visits, &workers, &policy);
    let sick = before.rounds[0].server;
    let others: Vec<RoundWorker> = workers
        .iter()
        .filter(|w| w.server != sick)
        .cloned()
        .collect();
    let after = replan_rounds(&before, &visits, &others, &policy).unwrap();
    let planned = check(&after, &visits, &others, &policy);
    assert_eq!(planned.len(), 12);
    for r in before.rounds.iter().filter(|r| r.server != sick) {
        let now = after
            .rounds
            .iter()
            .find(|a| a.server == r.server)
            .expect("still walking");
        for s in &r.stops {
            assert!(
                now.stops.iter().any(|n| n.visit == s.visit),
                "visit {} left {:?}",
                s.visit,
                r.server
            );
        }
    }
}

#[test]
fn bad_records_are_named() {
    let policy = RoundsPolicy::default();
    let one = vec![worker(
        1,
        vec![w(t(8, 9, 0), t(8, 12, 0))],
        TravelMode::Walking,
    )];
    let ok = visit(1, 0.0, 0.0, 30, vec![]);
    let cases: Vec<(Vec<RoundVisit>, Vec<RoundWorker>, &str, &str)> = vec![
        (vec![ok.clone(), ok.clone()], one.clone(), "visit 1", "id"),
        (
            vec![RoundVisit {
                minutes: 0,
                ..ok.clone()
            }],
            one.clone(),
            "visit 1",
            "minutes",
        ),
        (
            vec![RoundVisit {
                windows: vec![w(t(8, 9, 0), t(8, 9, 20))],
                ..ok.clone()
            }],
            one.clone(),
            "visit 1",
            "windows[0]",
        ),
        (
            vec![RoundVisit {
                place: GeoPoint {
                    lat: 91.0,
                    lon: 0.0,
                },
                ..ok.clone()
            }],
            one.clone(),
            "visit 1",
            "place.lat",
        ),
        (
            vec![ok.clone()],
            vec![worker(
                1,
                vec![w(t(8, 12, 0), t(8, 9, 0))],
                TravelMode::Walking,
            )],
            "worker#1",
            "shifts[0]",
        ),
        (
            vec![ok.clone()],
            vec![one[0].clone(), one[0].clone()],
            "worker#1",
            "server",
        ),
    ];
    for (visits, workers, record, field) in cases {
        let e = plan_rounds(&visits, &workers, &policy).unwrap_err();
        assert_eq!(e.code(), "ROUNDS_INVALID");
        assert_eq!(
            (e.record().as_deref(), e.field()),
            (Some(record), Some(field)),
            "{e}"
        );
    }
}

#[test]
fn visits_and_servers_read_from_json_with_defaults_and_refuse_unknown_fields() {
    let v: RoundVisit = serde_json::from_value(serde_json::json!({
        "id": 7, "place": {"lat": 31.2, "lon": 121.5}, "minutes": 30,
        "windows": [{"start": "2026-12-08T09:00:00", "end": "2026-12-08T12:00:00"}],
        "source": {"contact": 3}, "preferred": "worker#2"
    }))
    .unwrap();
    assert_eq!(
        (v.id, v.urgency, v.preferred),
        (7, Urgency::General, Some(Server::Worker(WorkerId(2))))
    );
    assert_eq!(v.source, VisitSource::Contact(ResidentId(3)));
    let w: RoundWorker = serde_json::from_value(serde_json::json!({
        "server": "volunteer#4", "start": {"lat": 31.2, "lon": 121.5}, "end": {"lat": 31.2, "lon": 121.5},
        "shifts": [{"start": "2026-12-08T09:00:00", "end": "2026-12-08T12:00:00"}], "mode": "e_bike"
    }))
    .unwrap();
    assert_eq!(
        (w.server, w.mode),
        (Server::Volunteer(VolunteerId(4)), TravelMode::EBike)
    );
    let e = serde_json::from_value::<RoundVisit>(serde_json::json!({
        "id": 7, "place": {"lat": 31.2, "lon": 121.5}, "minutes": 30, "colour": "red"
    }))
    .unwrap_err();
    assert!(e.to_string().contains("colour"), "{e}");
    let e = serde_json::from_value::<RoundWorker>(serde_json::json!({
        "server": "resident#4", "start": {"lat": 31.2, "lon": 121.5}, "end": {"lat": 31.2, "lon": 121.5},
        "shifts": []
    }))
    .unwrap_err();
    assert!(e.to_string().contains("worker#3"), "{e}");
}
