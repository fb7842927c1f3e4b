//! The HSDS importer on the Open Referral 3.0 examples (JSON and CSV, in `shared/data/hsds`)
//! and on hand-made broken input. Expected values are read off the example files by hand.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime, Weekday};
use huzhu::formats::hsds::*;
use huzhu::model::*;

fn shared(file: &str) -> String {
    let path = format!(
        "{}/../../shared/data/hsds/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn keys(report: &ImportReport, severity: Severity) -> BTreeSet<(String, String, String)> {
    report
        .issues
        .iter()
        .filter(|i| i.severity == severity)
        .map(|i| (i.table.clone(), i.record.clone(), i.field.clone()))
        .collect()
}

fn k(table: &str, record: &str, field: &str) -> (String, String, String) {
    (table.into(), record.into(), field.into())
}

const SERVICE: &str = "ac148810-d857-441c-9679-408f346de14b";
const LOCATION: &str = "3a19ff88-4620-4d17-9830-ac1d859eb5d5";
const SCHEDULE: &str = "48102e86-bb50-41c4-8f1e-e269368c41d1";
const SAL: &str = "e94c9f38-1e8f-4564-91d4-d53501ab1765";
const ORG: &str = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";

/// What the shipped examples get wrong, found by reading them: a latitude of 100, a
/// placeholder taxonomy term (`code` / `name`), and a schedule that sets BYWEEKNO and
/// BYYEARDAY with FREQ=WEEKLY and both COUNT and UNTIL.
fn example_errors() -> BTreeSet<(String, String, String)> {
    [
        k("location", LOCATION, "latitude"),
        k("service", SERVICE, "attributes"),
        k("schedule", SCHEDULE, "byweekno"),
        k("schedule", SCHEDULE, "byyearday"),
        k("schedule", SCHEDULE, "count"),
    ]
    .into()
}

#[test]
fn shipped_json_examples_are_rejected_naming_each_record_and_field() {
    for file in [
        "service_full.json",
        "organization_full.json",
        "service_at_location_full.json",
    ] {
        let err = import_json(&shared(file), &HsdsImportOptions::default()).unwrap_err();
        let report = err.report().unwrap_or_else(|| panic!("{file}: {err}"));
        assert_eq!(keys(report, Severity::Error), example_errors(), "{file}");
        assert_eq!(
            keys(report, Severity::Warning),
            [
                k(
                    "taxonomy_term",
                    "3f7b145d-84af-42d7-8fae-eaca714b02b2",
                    "code"
                ),
                k("schedule", SCHEDULE, "bymonthday"),
                k(
                    "cost_option",
                    "1fdf4d39-3d80-484d-9f92-a8ffa08621e7",
                    "currency"
                ),
            ]
            .into(),
            "{file}"
        );
        assert!(
            err.to_string()
                .starts_with("HSDS import rejected: 5 error(s), the first: error: ")
        );
    }
    // The list form has no service-at-location, so nothing can be placed.
    let err = import_json(&shared("service_list.json"), &HsdsImportOptions::default()).unwrap_err();
    assert_eq!(
        keys(err.report().unwrap(), Severity::Error),
        [k("service", SERVICE, "service_at_locations")].into()
    );
}

#[test]
fn skipping_invalid_records_keeps_the_organisation_and_lists_what_was_left_out() {
    let i = import_json(
        &shared("service_full.json"),
        &HsdsImportOptions::default().skipping_invalid(),
    )
    .unwrap();
    assert!(i.services.is_empty());
    assert_eq!(i.providers.len(), 1);
    assert_eq!(i.providers[0].name, "Example Organization Inc.");
    assert_eq!(i.ids.providers[ORG], ProviderId(1));
    assert_eq!(i.report.skipped, [SAL]);
}

/// The example with its placeholders replaced by real values, as a user would fix them.
fn repaired_example() -> String {
    let extent = r#"{\"type\":\"Polygon\",\"coordinates\":[[[-0.12,51.51],[-0.12,51.505],[-0.121,51.5],[-0.12,51.51]]]}"#;
    shared("service_full.json")
        .replace("\"latitude\": 100", "\"latitude\": 51.5")
        .replace("\"longitude\": 101", "\"longitude\": -0.12")
        .replace("\"byweekno\": \"41,42\",", "")
        .replace("\"byyearday\": \"2,3,4\",", "")
        .replace("\"bymonthday\": \"2,3,4\",", "")
        .replace("\"count\": 3,", "")
        .replace(
            "\"extent\": \"extent\"",
            &format!("\"extent\": \"{extent}\""),
        )
}

#[test]
fn repaired_example_imports_with_a_clean_report_and_maps_every_field() {
    let options = HsdsImportOptions {
        currency: "GBP".into(),
        ..HsdsImportOptions::default().map_term("code", "health.mental")
    };
    let i = import_json(&repaired_example(), &options).unwrap();
    assert!(i.report.is_clean(), "{:#?}", i.report);
    assert_eq!(
        i.providers,
        [Provider {
            id: ProviderId(1),
            name: "Example Organization Inc.".into(),
            kind: ProviderKind::Other,
            stars: 0
        }]
    );
    assert_eq!(i.services.len(), 1);
    let s = &i.services[0];
    assert_eq!(s.id, ServiceId(1));
    assert_eq!(s.provider, ProviderId(1));
    assert_eq!(s.name, "Community Counselling");
    assert_eq!(s.status, ServiceStatus::Active);
    assert_eq!(s.categories, [CategoryCode::from("health.mental")]);
    assert_eq!(
        s.location,
        GeoPoint {
            lat: 51.5,
            lon: -0.12
        }
    );
    assert_eq!(s.mode, ServiceMode::AtFacility);
    assert_eq!(
        (s.eligibility.min_age, s.eligibility.max_age),
        (Some(12), Some(100))
    );
    // £35 per session: 3,500 minor units.
    assert_eq!(s.fee, Fee::Paid { price_fen: 3_500 });
    assert_eq!(s.capacity_per_week, 20);
    // The farthest extent vertex is 0.01° of latitude north: 1,111.95 m on the mean sphere.
    assert_eq!(s.radius_m, 1_112);
    assert_eq!(s.recurring.rules.len(), 1);
    let r = &s.recurring.rules[0];
    let day = NaiveDate::from_ymd_opt(2005, 1, 1).unwrap();
    assert_eq!(r.freq, Frequency::Weekly);
    assert_eq!(
        r.by_day,
        [
            WeekdayNum::every(Weekday::Thu),
            WeekdayNum::every(Weekday::Fri)
        ]
    );
    assert_eq!(r.dtstart, day);
    assert_eq!(r.until, day.and_hms_opt(23, 59, 59));
    assert_eq!(r.wkst, Weekday::Tue);
    assert_eq!(
        (r.opens, r.closes),
        (
            NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap()
        )
    );
    assert_eq!((r.valid_from, r.valid_to), (Some(day), Some(day)));
    assert_eq!(r.utc_offset_minutes, Some(180));
    // 1 January 2005 was a Saturday: a Thursday/Friday rule valid only that day never opens.
    assert!(
        r.dates(day, NaiveDate::from_ymd_opt(2006, 1, 1).unwrap())
            .is_empty()
    );
    assert_eq!(i.ids.service(SAL), Some(ServiceId(1)));
    let origin = i.ids.origin(ServiceId(1)).unwrap();
    assert_eq!(
        (origin.service.as_str(), origin.location.as_str()),
        (SERVICE, LOCATION)
    );
    let mut c = Community::new("MyCity");
    i.add_to(&mut c).unwrap();
    assert_eq!(
        c.service(ServiceId(1)).unwrap().name,
        "Community Counselling"
    );
}

/// A small CSV reader for the test (quotes, doubled quotes, commas and newlines in quotes).
fn read_csv(text: &str) -> Vec<Row> {
    let mut records: Vec<Vec<String>> = vec![];
    let (mut field, mut record, mut quoted) = (String::new(), vec![], false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    let header = records.remove(0);
    records
        .into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

fn csv_tables() -> HsdsTables {
    let csv = |f: &str| read_csv(&shared(&format!("csv/{f}.csv")));
    HsdsTables {
        organizations: csv("organizations"),
        services: csv("services"),
        locations: csv("locations"),
        service_at_locations: csv("service_at_location"),
        schedules: csv("schedules"),
        service_areas: csv("service_areas"),
        taxonomy_terms: csv("taxonomy_terms"),
        attributes: csv("attributes"),
        cost_options: csv("cost_options"),
        ..HsdsTables::default()
    }
}

#[test]
fn csv_tables_go_through_the_same_importer_and_agree_with_tabular_json() {
    let from_csv = import_tables(&csv_tables(), &HsdsImportOptions::default()).unwrap_err();
    let from_json =
        import_tabular_json(&shared("tabular.json"), &HsdsImportOptions::default()).unwrap_err();
    assert_eq!(from_csv.report(), from_json.report());
    let report = from_csv.report().unwrap();
    // In the tabular example the attribute links to a record that does not exist
    // (f28dd44b…), so the service has no term at all.
    assert_eq!(keys(report, Severity::Error), example_errors());
    assert!(keys(report, Severity::Warning).contains(&k(
        "attribute",
        "ae58cc39-8b70-4ab1-8aea-786882e5ac8e",
        "link_id"
    )));
    // Rows are all text: numbers such as `12` and `3` are read from strings.
    let mut t = csv_tables();
    t.locations[0].insert("latitude".into(), "51.5".into());
    t.schedules[0].retain(|k, _| {
        !matches!(
            k.as_str(),
            "byweekno" | "byyearday" | "bymonthday" | "count"
        )
    });
    t.attributes[0].insert("link_id".into(), SERVICE.into());
    let options = HsdsImportOptions::default().map_term("code", "health.mental");
    let i = import_tables(&t, &options).unwrap();
    let s = &i.services[0];
    assert_eq!(s.eligibility.min_age, Some(12));
    assert_eq!(s.recurring.rules[0].utc_offset_minutes, Some(180));
    assert_eq!(
        s.location,
        GeoPoint {
            lat: 51.5,
            lon: 101.0
        }
    );
}

const GOOD: &str = r#"{"id": "s-good", "name": "Lunch club", "status": "active",
  "organization": {"id": "o1", "name": "Street office"},
  "attributes": [{"id": "a1", "taxonomy_term": {"id": "t1", "code": "meals", "name": "Meals"}}],
  "service_at_locations": [{"id": "sal-b",
     "location": {"id": "l1", "latitude": 31.23, "longitude": 121.47},
     "schedules": [{"id": "sc1", "freq": "MONTHLY", "byday": "2MO,-1FR", "dtstart": "2026-01-01", "opens_at": "09:00", "closes_at": "11:00"}]}]}"#;

const BAD: &str = r#"{"id": "s-bad", "name": "Night walk", "status": "paused", "minimum_age": "-3",
  "organization_id": "o1",
  "attributes": [{"id": "a2", "taxonomy_term": {"id": "t2", "code": "x", "name": "Walks"}}],
  "service_at_locations": [{"id": "sal-a",
     "location": {"id": "l2", "longitude": 121.47},
     "schedules": [{"id": "sc2", "freq": "DAILY", "opens_at": "25:00", "closes_at": "11:00", "timezone": "abc"}]},
   {"id": "sal-c", "location_id": "nowhere"}]}"#;

#[test]
fn hand_made_broken_records_are_reported_and_skipped_on_request() {
    let json = format!("[{GOOD}, {BAD}]");
    let err = import_json(&json, &HsdsImportOptions::default()).unwrap_err();
    let report = err.report().unwrap();
    assert_eq!(
        keys(report, Severity::Error),
        [
            k("service", "s-bad", "status"),
            k("service", "s-bad", "minimum_age"),
            k("location", "l2", "latitude"),
            k("service", "s-bad", "attributes"),
            k("schedule", "sc2", "freq"),
            k("schedule", "sc2", "opens_at"),
            k("schedule", "sc2", "timezone"),
            k("schedule", "sc2", "dtstart"),
            k("service_at_location", "sal-c", "location_id"),
        ]
        .into()
    );
    let status = report.issues.iter().find(|i| i.field == "status").unwrap();
    assert_eq!(
        status.to_string(),
        "error: service s-bad: field `status` `paused` is not active, inactive, defunct or temporarily closed"
    );
    let i = import_json(&json, &HsdsImportOptions::default().skipping_invalid()).unwrap();
    assert_eq!(i.services.len(), 1);
    assert_eq!(i.services[0].name, "Lunch club");
    assert_eq!(i.report.skipped, ["sal-a", "sal-c"]);
    assert_eq!(
        i.services[0].recurring.rules[0].to_rrule(),
        "FREQ=MONTHLY;BYDAY=2MO,-1FR;WKST=MO"
    );
}

#[test]
fn malformed_documents_fail_with_position_or_shape() {
    let e = import_json("{\"id\": ", &HsdsImportOptions::default()).unwrap_err();
    assert!(matches!(e, HsdsError::Json { line: 1, .. }), "{e}");
    let e = import_json("42", &HsdsImportOptions::default()).unwrap_err();
    assert!(matches!(e, HsdsError::Shape { .. }), "{e}");
    let e = import_json("[1]", &HsdsImportOptions::default()).unwrap_err();
    assert_eq!(e.to_string(), "HSDS input: `[0]` is not an object");
    let e =
        import_tabular_json("{\"services.csv\": 3}", &HsdsImportOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "HSDS input: table `services.csv` is not an array of rows"
    );
    // Empty input is an empty, clean import.
    let i = import_json("[]", &HsdsImportOptions::default()).unwrap();
    assert!(i.services.is_empty() && i.report.is_clean());
}

#[test]
fn ids_are_dense_in_hsds_id_order_whatever_the_input_order() {
    let two = GOOD.replace(
        "\"service_at_locations\": [{\"id\": \"sal-b\",",
        "\"service_at_locations\": [{\"id\": \"sal-a\", \"location_id\": \"l1\"}, {\"id\": \"sal-b\",",
    );
    let options = HsdsImportOptions {
        first_service_id: 10,
        ..HsdsImportOptions::default()
    };
    let i = import_json(&two, &options).unwrap();
    let sals: Vec<(&str, ServiceId)> = i
        .ids
        .services
        .iter()
        .map(|o| (o.service_at_location.as_str(), o.id))
        .collect();
    assert_eq!(sals, [("sal-a", ServiceId(10)), ("sal-b", ServiceId(11))]);
    // sal-a has no schedule of its own or of its location's (l1's are sal-b's), so it takes the
    // service's: none, and a warning says the matcher will not offer it.
    assert!(i.services[0].recurring.rules.is_empty());
    assert!(keys(&i.report, Severity::Warning).contains(&k("service", "s-good", "schedules")));
    assert_eq!(i.services[1].recurring.rules.len(), 1);
}

#[test]
fn status_is_mapped_and_respected_by_the_matcher() {
    for (hsds, expected) in [
        ("active", ServiceStatus::Active),
        ("inactive", ServiceStatus::Inactive),
        ("defunct", ServiceStatus::Defunct),
        ("temporarily closed", ServiceStatus::TemporarilyClosed),
    ] {
        let json = GOOD.replace("\"active\"", &format!("\"{hsds}\""));
        let i = import_json(&json, &HsdsImportOptions::default()).unwrap();
        assert_eq!(i.services[0].status, expected);
        let mut c = Community::new("x");
        i.add_to(&mut c).unwrap();
        c.add_resident(Resident::new(
            ResidentId(1),
            NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
            GeoPoint {
                lat: 31.2301,
                lon: 121.47,
            },
            GridId(1),
        ))
        .unwrap();
        // Monday 9 November 2026 is the second Monday of November.
        let at = |h| {
            NaiveDate::from_ymd_opt(2026, 11, 9)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        c.add_need(Need::new(
            NeedId(1),
            ResidentId(1),
            "elder.meals".into(),
            at(7),
            TimeWindow::new(at(8), at(12)).unwrap(),
            60,
        ))
        .unwrap();
        let m = huzhu::matching::Matcher::new(
            &c,
            huzhu::matching::MatchPolicy::default(),
            huzhu::matching::MatchContext::new(at(7)),
        )
        .unwrap();
        let cands = m.candidates(NeedId(1)).unwrap();
        if expected == ServiceStatus::Active {
            assert_eq!(cands.candidates[0].start, at(9));
        } else {
            assert!(cands.candidates.is_empty());
            assert_eq!(
                cands.eliminated[0].constraint,
                huzhu::matching::Constraint::NotActive
            );
        }
    }
}

#[test]
fn add_to_is_all_or_nothing() {
    let json = GOOD.replace("\"meals\"", "\"custom\"");
    let i = import_json(
        &json,
        &HsdsImportOptions::default().map_term("custom", "local.tea"),
    )
    .unwrap();
    let mut c = Community::new("x");
    let e = i.add_to(&mut c).unwrap_err();
    assert_eq!(
        e.to_string(),
        "service#1: field `categories[0]` names unknown category \"local.tea\""
    );
    assert_eq!(
        c.providers().count(),
        0,
        "the provider was not added either"
    );
}
