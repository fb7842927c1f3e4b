//! Bad input to the model that JSON cannot carry (NaN and infinities through the API) or that
//! must be generated (huge snapshots, huge strings, deep nesting). Each gives a typed error
//! naming the record and field, quickly, and leaves the community unchanged.
//! Rows of `tests/bad-input.md` marked `core/tests/badinput_model.rs`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use huzhu::error::{FieldProblem, ModelError};
use huzhu::model::{
    Community, GeoPoint, GridId, Need, NeedId, Resident, ResidentId, TimeWindow, Volunteer,
    VolunteerId,
};

fn born() -> NaiveDate {
    NaiveDate::from_ymd_opt(1950, 1, 1).unwrap()
}

fn assert_field(err: &ModelError, record: &str, field: &str, problem: &FieldProblem) {
    match err {
        ModelError::InvalidField {
            record: r,
            field: f,
            problem: p,
        } => {
            assert_eq!(r.to_string(), record);
            assert_eq!(f, field);
            assert_eq!(p, problem);
        }
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

#[test]
fn nan_and_infinite_coordinates_are_refused_by_name() {
    let mut c = Community::new("NaN lane");
    let before = c.clone();
    for (lat, lon, field) in [
        (f64::NAN, 121.5, "home.lat"),
        (31.2, f64::NAN, "home.lon"),
        (f64::INFINITY, 121.5, "home.lat"),
        (31.2, f64::NEG_INFINITY, "home.lon"),
    ] {
        let r = Resident::new(ResidentId(1), born(), GeoPoint { lat, lon }, GridId(1));
        let err = c.add_resident(r).unwrap_err();
        assert_field(&err, "resident#1", field, &FieldProblem::NotFinite);
        let v = Volunteer::new(VolunteerId(4), GeoPoint { lat, lon });
        let err = c.add_volunteer(v).unwrap_err();
        assert_field(&err, "volunteer#4", field, &FieldProblem::NotFinite);
    }
    assert_eq!(c, before, "a refused record changed the community");
}

#[test]
fn latitude_91_and_longitude_181_name_the_field() {
    let mut c = Community::new("Range lane");
    let err = c
        .add_resident(Resident::new(
            ResidentId(1),
            born(),
            GeoPoint {
                lat: 91.0,
                lon: 0.0,
            },
            GridId(1),
        ))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "resident#1: field `home.lat` value 91 is outside -90..=90"
    );
    let err = c
        .add_resident(Resident::new(
            ResidentId(1),
            born(),
            GeoPoint {
                lat: 0.0,
                lon: -181.0,
            },
            GridId(1),
        ))
        .unwrap_err();
    assert_eq!(err.field(), Some("home.lon"));
}

#[test]
fn durations_beyond_a_week_and_zero_are_refused() {
    let mut c = Community::new("Duration lane");
    let home = GeoPoint {
        lat: 31.2,
        lon: 121.5,
    };
    c.add_resident(Resident::new(ResidentId(1), born(), home, GridId(1)))
        .unwrap();
    let at = |h| {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    for minutes in [0, u32::MAX, 7 * 24 * 60 + 1] {
        let need = Need::new(
            NeedId(1),
            ResidentId(1),
            "elder.meals".into(),
            at(8),
            TimeWindow::new(at(9), at(10)).unwrap(),
            minutes,
        );
        let err = c.add_need(need).unwrap_err();
        assert_eq!(err.field(), Some("duration_minutes"), "{minutes}: {err}");
    }
    assert!(TimeWindow::new(at(10), at(9)).is_err());
    assert!(TimeWindow::new(at(10), at(10)).is_err());
    assert_eq!(c.needs().count(), 0);
}

fn snapshot_with_residents(n: u32) -> String {
    let residents: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                r#"{{"id":{i},"birth_date":"1950-01-01","household":"with_family","self_care":"full","home":{{"lat":31.2,"lon":121.5}},"grid":1}}"#
            )
        })
        .collect();
    format!(
        r#"{{"format":"huzhu.community","version":1,"name":"Big","residents":[{}]}}"#,
        residents.join(",")
    )
}

#[test]
fn a_snapshot_of_50000_residents_loads_and_a_duplicate_at_the_end_is_found() {
    let text = snapshot_with_residents(50_000);
    let t0 = Instant::now();
    let c = Community::from_json(&text).unwrap();
    assert_eq!(c.residents().count(), 50_000);
    // The same file with resident 200,000 repeated at the end.
    let dup = text.replacen(r"]}", r#",{"id":50000,"birth_date":"1950-01-01","household":"with_family","self_care":"full","home":{"lat":31.2,"lon":121.5},"grid":1}]}"#, 1);
    let err = Community::from_json(&dup).unwrap_err();
    assert_eq!(err.to_string(), "resident#50000: duplicate id");
    assert!(
        t0.elapsed() < Duration::from_secs(30),
        "took {:?}",
        t0.elapsed()
    );
}

#[test]
fn a_ten_megabyte_name_is_refused_as_too_long() {
    let name = "长".repeat(10 * 1024 * 1024 / 3);
    let text = format!(r#"{{"format":"huzhu.community","version":1,"name":"{name}"}}"#);
    let t0 = Instant::now();
    let err = Community::from_json(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "snapshot: field `name` is longer than 200 characters"
    );
    assert!(t0.elapsed() < Duration::from_secs(5));
}

#[test]
fn deeply_nested_json_in_a_field_is_a_json_error_not_a_stack_overflow() {
    for depth in [1_000, 1_000_000] {
        let nest = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let text =
            format!(r#"{{"format":"huzhu.community","version":1,"name":"X","residents":{nest}}}"#);
        let err = Community::from_json(&text).unwrap_err();
        assert!(matches!(err, ModelError::Json { .. }), "{err}");
    }
}

#[test]
fn control_characters_and_unpaired_surrogates_do_not_panic() {
    for name in [r"\u0000", r"\ud800", r"\udfff\ud800", "\u{feff}", r"\n\t"] {
        let text = format!(r#"{{"format":"huzhu.community","version":1,"name":"{name}"}}"#);
        if let Ok(c) = Community::from_json(&text) {
            assert_eq!(Community::from_json(&c.to_json()).unwrap(), c);
        }
    }
}
