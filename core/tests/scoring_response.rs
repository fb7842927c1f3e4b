//! Response times against deadlines on the working-day calendar, and delivery rates.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use huzhu::error::RecordRef;
use huzhu::model::*;
use huzhu::scoring::*;

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

const S1: HelperId = HelperId::Service(ServiceId(1));
const V1: HelperId = HelperId::Volunteer(VolunteerId(1));

fn need(id: u32, resident: u32, created: NaiveDateTime, urgency: Urgency) -> Need {
    let start = created + Duration::days(1);
    let w = TimeWindow::new(start, start + Duration::hours(3)).unwrap();
    let mut n = Need::new(
        NeedId(id),
        ResidentId(resident),
        "elder.meals".into(),
        created,
        w,
        60,
    );
    n.urgency = urgency;
    n
}

/// 2026-11-20 is a Friday; weekends are Saturday and Sunday.
fn community() -> Community {
    let mut c = Community::new("Response street");
    let home = GeoPoint {
        lat: 31.2,
        lon: 121.5,
    };
    let born = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let mut r1 = Resident::new(ResidentId(1), born, home, GridId(1));
    r1.groups.insert(SpecialGroup::ElderlyLivingAlone);
    c.add_resident(r1).unwrap();
    c.add_resident(Resident::new(ResidentId(2), born, home, GridId(2)))
        .unwrap();
    c.add_provider(Provider {
        id: ProviderId(1),
        name: "Centre".into(),
        kind: ProviderKind::ServiceCentre,
        stars: 0,
    })
    .unwrap();
    c.add_service(Service {
        capacity_per_week: 10,
        mode: ServiceMode::DoorToDoor,
        ..Service::new(
            ServiceId(1),
            ProviderId(1),
            "Meals",
            vec!["elder.meals".into()],
            home,
        )
    })
    .unwrap();
    c.add_volunteer(Volunteer::new(VolunteerId(1), home))
        .unwrap();
    // n1 general, Mon 09:00 → deadline Tue 09:00.
    c.add_need(need(1, 1, at(23, 9, 0), Urgency::General))
        .unwrap();
    // n2 general, Mon 12:00 → deadline Tue 12:00.
    c.add_need(need(2, 2, at(23, 12, 0), Urgency::General))
        .unwrap();
    // n3 complex home adaptation (no care area), Fri 16:30 → 3 working days (Mon, Tue, Wed)
    // → Wed 25 16:30.
    c.add_need(Need {
        category: "elder.home_adaptation".into(),
        ..need(3, 1, at(20, 16, 30), Urgency::Complex)
    })
    .unwrap();
    // n4 emergency, Mon 08:00 → deadline 10:00.
    c.add_need(need(4, 1, at(23, 8, 0), Urgency::Emergency))
        .unwrap();
    // n5 general, Wed 20:00 → deadline Thu 26 20:00, after "now".
    c.add_need(need(5, 2, at(25, 20, 0), Urgency::General))
        .unwrap();
    // n6 general, cancelled before any match.
    c.add_need(need(6, 2, at(23, 9, 0), Urgency::General))
        .unwrap();
    c.set_need_status(NeedId(6), NeedStatus::Cancelled).unwrap();
    // n7 created in October: outside the period.
    c.add_need(need(
        7,
        2,
        at(1, 0, 0) - Duration::days(3),
        Urgency::General,
    ))
    .unwrap();
    c
}

fn assignments() -> Vec<Assignment> {
    vec![
        // n1 matched after 90 minutes, and again later (the earliest counts).
        Assignment {
            need: NeedId(1),
            helper: S1,
            matched_at: at(23, 10, 30),
        },
        Assignment {
            need: NeedId(1),
            helper: V1,
            matched_at: at(23, 11, 0),
        },
        // n2 matched after 25 h: late.
        Assignment {
            need: NeedId(2),
            helper: V1,
            matched_at: at(24, 13, 0),
        },
        // n3 matched after 4 days (5,760 min) but within its 3 working days.
        Assignment {
            need: NeedId(3),
            helper: S1,
            matched_at: at(24, 16, 30),
        },
    ]
}

fn records() -> Vec<ServiceRecord> {
    vec![
        // n1 delivered 13:00–14:00 → 300 min after creation.
        ServiceRecord::new(
            ServiceRecordId(1),
            NeedId(1),
            S1,
            at(23, 13, 0),
            at(23, 14, 0),
            Outcome::Done,
        ),
        ServiceRecord::new(
            ServiceRecordId(2),
            NeedId(2),
            V1,
            at(24, 14, 0),
            at(24, 14, 0),
            Outcome::NoShow,
        ),
        ServiceRecord::new(
            ServiceRecordId(3),
            NeedId(2),
            V1,
            at(25, 9, 0),
            at(25, 10, 0),
            Outcome::Done,
        ),
        ServiceRecord::new(
            ServiceRecordId(4),
            NeedId(3),
            S1,
            at(25, 9, 0),
            at(25, 9, 0),
            Outcome::Cancelled,
        ),
        ServiceRecord::new(
            ServiceRecordId(5),
            NeedId(3),
            V1,
            at(25, 10, 0),
            at(25, 11, 0),
            Outcome::Done,
        ),
    ]
}

fn nov() -> Period {
    Period::new(at(1, 0, 0).date(), at(30, 0, 0).date() + Duration::days(1)).unwrap()
}

#[test]
fn each_need_against_its_deadline() {
    let c = community();
    let r = response_times(&c, &assignments(), &records(), nov(), at(26, 0, 0));
    let ids: Vec<u32> = r.needs.iter().map(|n| n.need.0).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
    let n = |id: u32| r.needs.iter().find(|n| n.need.0 == id).unwrap();
    assert_eq!(n(1).deadline, Some(at(24, 9, 0)));
    assert_eq!(
        (n(1).response_minutes, n(1).done_minutes, n(1).on_time),
        (Some(90), Some(300), Some(true))
    );
    assert_eq!(
        (n(2).response_minutes, n(2).on_time),
        (Some(1_500), Some(false))
    );
    // Done 25 10:00 for a need created 23 12:00 → 46 h = 2,760 min.
    assert_eq!(n(2).done_minutes, Some(2_760));
    assert_eq!(n(3).deadline, Some(at(25, 16, 30)));
    assert_eq!(
        (n(3).response_minutes, n(3).on_time),
        (Some(5_760), Some(true))
    );
    assert_eq!(
        (n(4).deadline, n(4).on_time, n(4).overdue),
        (Some(at(23, 10, 0)), Some(false), true)
    );
    assert_eq!((n(5).on_time, n(5).overdue), (None, false));
    assert_eq!((n(6).on_time, n(6).overdue), (None, false));
    assert_eq!(r.overdue, vec![NeedId(4)]);
}

#[test]
fn compliance_and_percentiles_by_group() {
    let c = community();
    let r = response_times(&c, &assignments(), &records(), nov(), at(26, 0, 0));
    // Decided: n1 ✓, n2 ✗, n3 ✓, n4 ✗ → 2 of 4.
    let o = r.overall;
    assert_eq!((o.needs, o.decided, o.on_time), (6, 4, 2));
    assert_eq!(o.compliance_rate, Some(0.5));
    // Response minutes sorted 90, 1500, 5760: p50 rank ⌈1.5⌉ = 2, p90 rank ⌈2.7⌉ = 3.
    assert_eq!(
        (o.p50_response_minutes, o.p90_response_minutes),
        (Some(1_500), Some(5_760))
    );
    // Done minutes: n1 300, n2 2760, n3 (25 11:00 − 20 16:30 = 4 d 18.5 h) 6,870.
    assert_eq!(
        (o.p50_done_minutes, o.p90_done_minutes),
        (Some(2_760), Some(6_870))
    );
    assert_eq!(r.by_urgency[&Urgency::General].compliance_rate, Some(0.5));
    assert_eq!(r.by_urgency[&Urgency::Complex].compliance_rate, Some(1.0));
    assert_eq!(r.by_urgency[&Urgency::Emergency].compliance_rate, Some(0.0));
    // Grid 1 (resident 1): n1 ✓, n3 ✓, n4 ✗ → 2/3; grid 2: n2 ✗ (n5, n6 undecided) → 0/1.
    let g1 = r.by_grid[&GridId(1)];
    assert_eq!((g1.decided, g1.on_time), (3, 2));
    assert_eq!(r.by_grid[&GridId(2)].compliance_rate, Some(0.0));
    assert_eq!(r.by_group[&SpecialGroup::ElderlyLivingAlone], g1);
    // Meals: n1 ✓, n2 ✗, n4 ✗ decided (n5, n6 not); responses 90, 1,500 → p50 rank 1, p90 rank 2.
    let meals = r.by_category[&CategoryCode::from("elder.meals")];
    assert_eq!((meals.needs, meals.decided, meals.on_time), (5, 3, 1));
    assert_eq!(
        (meals.p50_response_minutes, meals.p90_response_minutes),
        (Some(90), Some(1_500))
    );
    let adapt = r.by_category[&CategoryCode::from("elder.home_adaptation")];
    assert_eq!((adapt.decided, adapt.on_time), (1, 1));
}

/// The documents: a special-group resident's need in medical help, daily care or emotional
/// support is answered within 24 hours, even when classed complex. Friday 20th 16:30, complex:
/// meals for r1 (elderly living alone) → Saturday 21st 16:30, weekend or not; the same need for
/// r2 (no group) → three working days → Wednesday 25th 16:30; home adaptation (no care area)
/// for r1 → Wednesday 25th too.
#[test]
fn special_group_care_needs_are_answered_within_24_hours() {
    let c = community();
    let meals = |resident| need(8, resident, at(20, 16, 30), Urgency::Complex);
    assert_eq!(c.deadline_of(&meals(1)), Some(at(21, 16, 30)));
    assert_eq!(c.deadline_of(&meals(2)), Some(at(25, 16, 30)));
    let adapt = Need {
        category: "elder.home_adaptation".into(),
        ..meals(1)
    };
    assert_eq!(c.deadline_of(&adapt), Some(at(25, 16, 30)));
    // An emergency stays at its 2 hours: the shorter deadline wins.
    let urgent = need(9, 1, at(20, 16, 30), Urgency::Emergency);
    assert_eq!(c.deadline_of(&urgent), Some(at(20, 18, 30)));
    // A changed default: 12 hours.
    let mut c12 = community();
    c12.set_deadlines(DeadlinePolicy {
        special_group_care: ResponseTime::Minutes(12 * 60),
        ..DeadlinePolicy::default()
    });
    assert_eq!(c12.deadline_of(&meals(1)), Some(at(21, 4, 30)));
}

#[test]
fn holiday_moves_a_working_day_deadline() {
    let mut c = community();
    // Tuesday 24th a holiday: n3's three working days become Mon, Wed, Thu → Thu 26 16:30.
    c.set_calendar(WorkingCalendar::default().with_holiday(at(24, 0, 0).date()));
    let r = response_times(&c, &assignments(), &records(), nov(), at(26, 0, 0));
    let n3 = r.needs.iter().find(|n| n.need == NeedId(3)).unwrap();
    assert_eq!(n3.deadline, Some(at(26, 16, 30)));
}

#[test]
fn completion_and_no_show_per_helper() {
    let rows = delivery(&records(), nov());
    // Ordered by helper: volunteers before services.
    assert_eq!(rows[0].helper, V1);
    // V1: no-show, done, done → completion 2/3, no-show 1/3.
    assert_eq!((rows[0].records, rows[0].done, rows[0].no_show), (3, 2, 1));
    assert!((rows[0].completion_rate - 2.0 / 3.0).abs() < 1e-12);
    assert!((rows[0].no_show_rate - 1.0 / 3.0).abs() < 1e-12);
    // S1: done, cancelled → completion 1/2, no-show 0.
    assert_eq!(
        (
            rows[1].helper,
            rows[1].completion_rate,
            rows[1].no_show_rate
        ),
        (S1, 0.5, 0.0)
    );
    // Records outside the period are left out.
    let oct = Period::new(at(1, 0, 0).date() - Duration::days(31), at(1, 0, 0).date()).unwrap();
    assert!(delivery(&records(), oct).is_empty());
}

#[test]
fn validation_of_assignments_and_records() {
    let c = community();
    assert!(check_assignments(&c, &assignments()).is_ok());
    assert!(check_service_records(&c, &records()).is_ok());
    let early = Assignment {
        need: NeedId(1),
        helper: S1,
        matched_at: at(23, 8, 0),
    };
    let e = check_assignments(&c, &[early]).unwrap_err();
    assert_eq!(e.field(), Some("matched_at"));
    assert!(
        e.to_string()
            .starts_with("assignment[0]: field `matched_at`"),
        "{e}"
    );
    let ghost = Assignment {
        need: NeedId(99),
        helper: S1,
        matched_at: at(23, 8, 0),
    };
    assert_eq!(
        check_assignments(&c, &[assignments()[0], ghost]).unwrap_err(),
        ScoringError::UnknownReference {
            record: InputRef::Assignment { index: 1 },
            field: "need".into(),
            target: RecordRef::Need(NeedId(99))
        }
    );
    let mut recs = records();
    recs[2].id = ServiceRecordId(1);
    assert_eq!(
        check_service_records(&c, &recs).unwrap_err().to_string(),
        "service record#1: duplicate id"
    );
    let zero = ServiceRecord::new(
        ServiceRecordId(9),
        NeedId(1),
        S1,
        at(23, 13, 0),
        at(23, 13, 0),
        Outcome::Done,
    );
    assert_eq!(
        check_service_records(&c, &[zero]).unwrap_err().field(),
        Some("finished")
    );
    let nobody = ServiceRecord::new(
        ServiceRecordId(9),
        NeedId(1),
        HelperId::Volunteer(VolunteerId(5)),
        at(23, 13, 0),
        at(23, 14, 0),
        Outcome::Done,
    );
    assert_eq!(
        check_service_records(&c, &[nobody])
            .unwrap_err()
            .to_string(),
        "service record#9: field `helper` refers to unknown volunteer#5"
    );
}
