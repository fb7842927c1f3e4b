//! Every validation error kind of the model, from the user's side: build a record with one bad
//! field, add it, and check the error names the record and the field.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use huzhu::error::{FieldProblem, ModelError, RecordRef};
use huzhu::model::*;

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn home() -> GeoPoint {
    GeoPoint {
        lat: 31.23,
        lon: 121.47,
    }
}

fn resident(id: u32) -> Resident {
    Resident::new(
        ResidentId(id),
        NaiveDate::from_ymd_opt(1950, 6, 1).unwrap(),
        home(),
        GridId(1),
    )
}

fn need(id: u32) -> Need {
    Need::new(
        NeedId(id),
        ResidentId(1),
        "elder.meals".into(),
        at(23, 8, 0),
        TimeWindow {
            start: at(24, 11, 0),
            end: at(24, 13, 0),
        },
        30,
    )
}

fn provider() -> Provider {
    Provider {
        id: ProviderId(1),
        name: "Canteen".into(),
        kind: ProviderKind::Canteen,
        stars: 3,
    }
}

fn service(id: u32) -> Service {
    Service {
        id: ServiceId(id),
        provider: ProviderId(1),
        name: "Lunch".into(),
        categories: vec!["elder.meals".into()],
        location: home(),
        radius_m: 500,
        schedule: WeeklySchedule::weekdays(
            NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
        ),
        capacity_per_week: 100,
        recurring: huzhu::model::RecurringSchedule::default(),
        eligibility: Eligibility::default(),
        fee: Fee::LowCost {
            price_fen: 600,
            care_card_discount_pct: 10,
            care_card_price_fen: None,
        },
        free_for_subsidised: true,
        mode: ServiceMode::AtFacility,
        status: ServiceStatus::Active,
    }
}

fn community() -> Community {
    let mut c = Community::new("Test");
    c.add_provider(provider()).unwrap();
    c.add_resident(resident(1)).unwrap();
    c.add_volunteer(Volunteer::new(VolunteerId(1), home()))
        .unwrap();
    c
}

fn field_error(e: &ModelError) -> (RecordRef, String, FieldProblem) {
    match e {
        ModelError::InvalidField {
            record,
            field,
            problem,
        } => (record.clone(), field.clone(), problem.clone()),
        other => panic!("expected InvalidField, got {other:?}"),
    }
}

#[test]
fn latitude_out_of_range_names_resident_and_field() {
    let mut c = community();
    let mut r = resident(2);
    r.home.lat = 91.0;
    let (rec, field, problem) = field_error(&c.add_resident(r).unwrap_err());
    assert_eq!(rec, RecordRef::Resident(ResidentId(2)));
    assert_eq!(field, "home.lat");
    assert!(matches!(problem, FieldProblem::OutOfRange { .. }));
    assert_eq!(
        c.residents().count(),
        1,
        "a rejected record changes nothing"
    );
}

#[test]
fn longitude_out_of_range() {
    let mut v = Volunteer::new(VolunteerId(2), home());
    v.home.lon = -180.5;
    let (rec, field, _) = field_error(&community().add_volunteer(v).unwrap_err());
    assert_eq!(rec, RecordRef::Volunteer(VolunteerId(2)));
    assert_eq!(field, "home.lon");
}

#[test]
fn nan_and_infinite_coordinates() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut s = service(1);
        s.location.lat = bad;
        let (rec, field, problem) = field_error(&community().add_service(s).unwrap_err());
        assert_eq!(rec, RecordRef::Service(ServiceId(1)));
        assert_eq!(field, "location.lat");
        assert_eq!(problem, FieldProblem::NotFinite);
    }
    let mut n = need(1);
    n.place = NeedPlace::At {
        point: GeoPoint {
            lat: 0.0,
            lon: f64::NAN,
        },
    };
    let (_, field, _) = field_error(&community().add_need(n).unwrap_err());
    assert_eq!(field, "place.point.lon");
}

#[test]
fn zero_duration() {
    let mut n = need(1);
    n.duration_minutes = 0;
    let (rec, field, problem) = field_error(&community().add_need(n).unwrap_err());
    assert_eq!(rec, RecordRef::Need(NeedId(1)));
    assert_eq!(field, "duration_minutes");
    assert_eq!(problem, FieldProblem::NotPositive);
}

#[test]
fn over_long_duration() {
    let mut n = need(1);
    n.duration_minutes = MAX_DURATION_MINUTES + 1;
    n.windows[0].end = at(30, 23, 0) + chrono::Duration::days(7);
    let (_, field, problem) = field_error(&community().add_need(n).unwrap_err());
    assert_eq!(field, "duration_minutes");
    assert!(matches!(problem, FieldProblem::OutOfRange { .. }));
}

#[test]
fn window_ending_before_it_starts() {
    let mut n = need(1);
    n.windows.push(TimeWindow {
        start: at(25, 12, 0),
        end: at(25, 11, 0),
    });
    let (_, field, problem) = field_error(&community().add_need(n).unwrap_err());
    assert_eq!(field, "windows[1].end");
    assert_eq!(problem, FieldProblem::EndsBeforeStart);
    assert!(TimeWindow::new(at(25, 12, 0), at(25, 12, 0)).is_err());
}

#[test]
fn window_shorter_than_duration() {
    let mut n = need(1);
    n.duration_minutes = 180;
    let (_, field, problem) = field_error(&community().add_need(n).unwrap_err());
    assert_eq!(field, "windows[0]");
    assert!(matches!(problem, FieldProblem::Invalid { .. }));
}

#[test]
fn need_without_windows() {
    let mut n = need(1);
    n.windows.clear();
    let (_, field, problem) = field_error(&community().add_need(n).unwrap_err());
    assert_eq!(field, "windows");
    assert_eq!(problem, FieldProblem::Empty);
}

#[test]
fn schedule_slot_closing_before_opening() {
    let mut v = Volunteer::new(VolunteerId(2), home());
    v.availability.slots.push(WeeklySlot::new(
        Weekday::Tue,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
    ));
    let (_, field, problem) = field_error(&community().add_volunteer(v).unwrap_err());
    assert_eq!(field, "availability[0].closes");
    assert_eq!(problem, FieldProblem::EndsBeforeStart);
}

#[test]
fn duplicate_ids_of_every_kind() {
    let mut c = community();
    assert_eq!(
        c.add_resident(resident(1)).unwrap_err(),
        ModelError::DuplicateId {
            record: RecordRef::Resident(ResidentId(1))
        }
    );
    assert_eq!(
        c.add_provider(provider()).unwrap_err(),
        ModelError::DuplicateId {
            record: RecordRef::Provider(ProviderId(1))
        }
    );
    assert!(matches!(
        c.add_volunteer(Volunteer::new(VolunteerId(1), home())),
        Err(ModelError::DuplicateId { .. })
    ));
    c.add_service(service(1)).unwrap();
    assert!(matches!(
        c.add_service(service(1)),
        Err(ModelError::DuplicateId { .. })
    ));
    c.add_need(need(1)).unwrap();
    assert!(matches!(
        c.add_need(need(1)),
        Err(ModelError::DuplicateId { .. })
    ));
}

#[test]
fn dangling_references() {
    let mut c = community();
    let mut n = need(1);
    n.resident = ResidentId(99);
    assert_eq!(
        c.add_need(n).unwrap_err(),
        ModelError::UnknownReference {
            record: RecordRef::Need(NeedId(1)),
            field: "resident".into(),
            target: RecordRef::Resident(ResidentId(99)),
        }
    );
    let mut s = service(1);
    s.provider = ProviderId(7);
    assert!(matches!(
        c.add_service(s),
        Err(ModelError::UnknownReference { field, .. }) if field == "provider"
    ));
    let mut v = Volunteer::new(VolunteerId(5), home());
    v.resident = Some(ResidentId(42));
    assert!(matches!(
        c.add_volunteer(v),
        Err(ModelError::UnknownReference { field, .. }) if field == "resident"
    ));
    let mut n = need(2);
    n.preferences
        .push(Preference::soft(PreferenceKind::PreferredVolunteer(
            VolunteerId(8),
        )));
    assert!(matches!(
        c.add_need(n),
        Err(ModelError::UnknownReference { field, .. }) if field == "preferences[0].value"
    ));
    let mut n = need(3);
    n.excluded_volunteers.push(VolunteerId(8));
    assert!(matches!(
        c.add_need(n),
        Err(ModelError::UnknownReference { field, .. }) if field == "excluded_volunteers[0]"
    ));
}

#[test]
fn unknown_category_codes() {
    let mut c = community();
    let mut n = need(1);
    n.category = "elder.teleportation".into();
    assert_eq!(
        c.add_need(n).unwrap_err(),
        ModelError::UnknownCategory {
            record: RecordRef::Need(NeedId(1)),
            field: "category".into(),
            code: "elder.teleportation".into(),
        }
    );
    let mut s = service(1);
    s.categories.push("nope".into());
    assert!(matches!(
        c.add_service(s),
        Err(ModelError::UnknownCategory { field, .. }) if field == "categories[1]"
    ));
}

#[test]
#[allow(clippy::many_single_char_names)]
fn empty_and_over_long_strings() {
    let mut c = Community::new("T");
    let mut p = provider();
    p.name = "  ".into();
    assert_eq!(
        field_error(&c.add_provider(p).unwrap_err()).2,
        FieldProblem::Empty
    );
    let mut p = provider();
    p.name = "x".repeat(MAX_LABEL + 1);
    assert_eq!(
        field_error(&c.add_provider(p).unwrap_err()).2,
        FieldProblem::TooLong { max: MAX_LABEL }
    );
    let mut r = resident(1);
    r.languages.push(String::new());
    let (_, field, problem) = field_error(&c.add_resident(r).unwrap_err());
    assert_eq!(
        (field.as_str(), problem),
        ("languages[0]", FieldProblem::Empty)
    );
    let mut v = Volunteer::new(VolunteerId(1), home());
    v.skills.push(Skill::from(""));
    assert_eq!(field_error(&c.add_volunteer(v).unwrap_err()).1, "skills[0]");
    let mut t = Taxonomy::default();
    assert!(t.add(Category::new("", "x", "x", "g")).is_err());
}

#[test]
fn bad_numbers_on_services_and_volunteers() {
    let mut c = community();
    let mut s = service(1);
    s.radius_m = 0;
    assert_eq!(field_error(&c.add_service(s).unwrap_err()).1, "radius_m");
    let mut s = service(1);
    s.categories.clear();
    assert_eq!(field_error(&c.add_service(s).unwrap_err()).1, "categories");
    let mut s = service(1);
    s.eligibility.min_age = Some(80);
    s.eligibility.max_age = Some(60);
    assert_eq!(
        field_error(&c.add_service(s).unwrap_err()).1,
        "eligibility.max_age"
    );
    let mut s = service(1);
    s.fee = Fee::LowCost {
        price_fen: 100,
        care_card_discount_pct: 101,
        care_card_price_fen: None,
    };
    assert_eq!(
        field_error(&c.add_service(s).unwrap_err()).1,
        "fee.care_card_discount_pct"
    );
    let mut v = Volunteer::new(VolunteerId(2), home());
    v.minutes_per_week = 0;
    assert_eq!(
        field_error(&c.add_volunteer(v).unwrap_err()).1,
        "minutes_per_week"
    );
    let mut p = provider();
    p.id = ProviderId(2);
    p.stars = 6;
    assert_eq!(field_error(&c.add_provider(p).unwrap_err()).1, "stars");
    assert!(
        c.set_walking(WalkingSpeed {
            metres_per_minute: 0
        })
        .is_err()
    );
}

#[test]
fn need_lifecycle_transitions_are_checked() {
    let mut c = community();
    c.add_need(need(1)).unwrap();
    let id = NeedId(1);
    assert_eq!(
        c.set_need_status(id, NeedStatus::Done).unwrap_err(),
        ModelError::InvalidTransition {
            need: id,
            from: NeedStatus::Open,
            to: NeedStatus::Done
        }
    );
    c.set_need_status(id, NeedStatus::Matched).unwrap();
    c.set_need_status(id, NeedStatus::InProgress).unwrap();
    c.set_need_status(id, NeedStatus::Done).unwrap();
    for to in [NeedStatus::Open, NeedStatus::Matched, NeedStatus::Cancelled] {
        assert!(c.set_need_status(id, to).is_err());
    }
    assert_eq!(c.need(id).unwrap().status, NeedStatus::Done);
    assert!(matches!(
        c.set_need_status(NeedId(9), NeedStatus::Matched),
        Err(ModelError::NotFound { .. })
    ));
}

#[test]
fn removing_a_volunteer_still_named_is_refused() {
    let mut c = community();
    let mut n = need(1);
    n.excluded_volunteers.push(VolunteerId(1));
    c.add_need(n).unwrap();
    assert!(c.remove_volunteer(VolunteerId(1)).is_err());
    c.remove_need(NeedId(1)).unwrap();
    assert!(c.remove_volunteer(VolunteerId(1)).is_ok());
    assert_eq!(c.volunteers().count(), 0);
}

#[test]
fn json_errors_name_line_and_field() {
    let err =
        Community::from_json("{\"format\": \"huzhu.community\",\n \"version\": 1}").unwrap_err();
    match err {
        ModelError::Json { line, message, .. } => {
            assert_eq!(line, 2);
            assert!(message.contains("missing field `name`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let err = Community::from_json(r#"{"format": "huzhu.community", "version": 2, "name": "x"}"#)
        .unwrap_err();
    assert_eq!(
        err,
        ModelError::UnsupportedVersion {
            found: 2,
            expected: 1
        }
    );
    let err =
        Community::from_json(r#"{"format": "other", "version": 1, "name": "x"}"#).unwrap_err();
    assert_eq!(field_error(&err).1, "format");
    // Wrong types and nulls are parse errors, not panics.
    for bad in [
        r#"{"format": "huzhu.community", "version": 1, "name": null}"#,
        r#"{"format": "huzhu.community", "version": "1", "name": "x"}"#,
        r#"{"format": "huzhu.community", "version": 1, "name": "x", "residents": [{"id": -1}]}"#,
        r#"{"format": "huzhu.community", "version": 1, "name": "x", "surprise": 1}"#,
        "",
        "[]",
    ] {
        assert!(
            matches!(Community::from_json(bad), Err(ModelError::Json { .. })),
            "{bad}"
        );
    }
}

#[test]
fn snapshot_round_trip_keeps_everything() {
    let mut c = community();
    c.taxonomy_mut()
        .add(Category::new("local.tea", "Tea house", "茶馆", "culture").requiring("tea"))
        .unwrap();
    c.set_calendar(
        WorkingCalendar::default().with_holiday(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
    );
    c.add_service(service(1)).unwrap();
    let mut n = need(1);
    n.category = "local.tea".into();
    n.preferences
        .push(Preference::hard(PreferenceKind::HelperGender(
            Gender::Female,
        )));
    n.place = NeedPlace::At { point: home() };
    c.add_need(n).unwrap();
    let back = Community::from_json(&c.to_json()).unwrap();
    assert_eq!(back, c);
}
