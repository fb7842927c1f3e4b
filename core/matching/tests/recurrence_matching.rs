//! The matcher's availability checks use recurrence rules and exceptions when a record has
//! them, and the weekly schedule alone otherwise.

use chrono::{NaiveDate, NaiveTime};
use huzhu::matching::{Constraint, MatchContext, MatchPolicy, Matcher};
use huzhu::model::*;
use huzhu_testkit::{north, now, origin, resident, tue, volunteer};

fn t(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

#[test]
fn a_volunteers_day_off_rules_them_out_and_the_next_one_serves() {
    let mut c = Community::new("Days off");
    c.add_resident(resident(1, origin())).unwrap();
    // Volunteer 1 lives 300 m away and would be chosen, but Tuesday 24 November is a day off.
    let mut near = volunteer(1, north(300.0));
    near.recurring = RecurringSchedule::default().with_day_off(d(11, 24));
    c.add_volunteer(near).unwrap();
    c.add_volunteer(volunteer(2, north(900.0))).unwrap();
    c.add_need(huzhu_testkit::need(1, 1)).unwrap();

    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    let cands = m.candidates(NeedId(1)).unwrap();
    let helpers: Vec<HelperId> = cands.candidates.iter().map(|x| x.helper).collect();
    assert_eq!(helpers, [HelperId::Volunteer(VolunteerId(2))]);
    assert_eq!(cands.eliminated.len(), 1);
    assert!(matches!(
        cands.eliminated[0].constraint,
        Constraint::NotAvailable { .. }
    ));
    assert_eq!(cands.eliminated[0].count, 1);
    let plan = m.solve().unwrap();
    let a = plan.assignment(NeedId(1)).unwrap();
    assert_eq!(a.helper, HelperId::Volunteer(VolunteerId(2)));
    assert_eq!(a.start, tue(10));
}

#[test]
fn a_monthly_opening_sets_the_services_earliest_start() {
    let mut c = Community::new("Monthly clinic");
    c.add_resident(resident(1, origin())).unwrap();
    c.add_provider(Provider {
        id: ProviderId(1),
        name: "Health station".into(),
        kind: ProviderKind::HealthStation,
        stars: 0,
    })
    .unwrap();
    // Open only on the second Monday of each month, 09:00–11:00 (no weekly hours at all).
    let rule = Recurrence::monthly(
        d(1, 1),
        &[WeekdayNum::nth(2, chrono::Weekday::Mon)],
        t(9),
        t(11),
    );
    c.add_service(Service {
        recurring: RecurringSchedule::default().with_rule(rule),
        capacity_per_week: 5,
        ..Service::new(
            ServiceId(1),
            ProviderId(1),
            "Cleaning day",
            vec!["elder.cleaning".into()],
            north(200.0),
        )
    })
    .unwrap();
    // A need open from 1 to 20 December: the second Monday of December 2026 is the 14th.
    let window = TimeWindow::new(d(12, 1).and_time(t(0)), d(12, 20).and_time(t(0))).unwrap();
    let need = Need::new(
        NeedId(1),
        ResidentId(1),
        "elder.cleaning".into(),
        d(11, 30).and_time(t(8)),
        window,
        90,
    );
    c.add_need(need).unwrap();
    // A second need only in the first week of December finds the clinic closed.
    let early = TimeWindow::new(d(12, 1).and_time(t(0)), d(12, 8).and_time(t(0))).unwrap();
    c.add_need(Need::new(
        NeedId(2),
        ResidentId(1),
        "elder.cleaning".into(),
        d(11, 30).and_time(t(8)),
        early,
        90,
    ))
    .unwrap();
    // A third that needs three hours never fits the two-hour opening.
    c.add_need(Need::new(
        NeedId(3),
        ResidentId(1),
        "elder.cleaning".into(),
        d(11, 30).and_time(t(8)),
        window,
        180,
    ))
    .unwrap();

    let ctx = MatchContext::new(d(11, 30).and_time(t(8)));
    let m = Matcher::new(&c, MatchPolicy::default(), ctx).unwrap();
    let first = m.candidates(NeedId(1)).unwrap();
    assert_eq!(first.candidates.len(), 1);
    assert_eq!(first.candidates[0].helper, HelperId::Service(ServiceId(1)));
    assert_eq!(first.candidates[0].start, d(12, 14).and_time(t(9)));
    for id in [2, 3] {
        let c = m.candidates(NeedId(id)).unwrap();
        assert!(c.candidates.is_empty(), "need {id}");
        assert!(matches!(
            c.eliminated[0].constraint,
            Constraint::NotAvailable { .. }
        ));
    }
}

#[test]
fn records_without_rules_keep_their_weekly_behaviour_and_snapshot_shape() {
    let v = volunteer(1, origin());
    assert!(v.recurring.is_empty());
    let json = serde_json::to_value(&v).unwrap();
    assert!(
        json.get("recurring").is_none(),
        "empty recurring is not written"
    );
    let back: Volunteer = serde_json::from_value(json).unwrap();
    assert_eq!(back, v);
    // The example snapshot still loads.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/community.json"
    ))
    .unwrap();
    assert!(Community::from_json(&text).is_ok());
}
