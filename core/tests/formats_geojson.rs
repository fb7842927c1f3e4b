//! GeoJSON export checked against the rules of RFC 7946.

use huzhu::formats::geojson::{coverage_to_geojson, plan_to_geojson};
use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
use huzhu::model::*;
use huzhu_testkit::{need, north, now, origin, resident, volunteer};
use serde_json::Value;

/// Checks a position: two or three finite numbers, longitude then latitude, in range.
fn check_position(p: &Value) {
    let a = p.as_array().expect("a position is an array");
    assert!((2..=3).contains(&a.len()), "position {p}");
    let (lon, lat) = (a[0].as_f64().unwrap(), a[1].as_f64().unwrap());
    assert!(lon.is_finite() && lat.is_finite());
    assert!(
        (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
        "{p}"
    );
}

/// RFC 7946 §3: a FeatureCollection of Features with `Point` or `LineString` geometries.
fn check_rfc7946(doc: &Value) {
    assert_eq!(doc["type"], "FeatureCollection");
    assert!(doc.get("crs").is_none(), "RFC 7946 removed `crs`");
    for f in doc["features"].as_array().expect("features is an array") {
        assert_eq!(f["type"], "Feature");
        assert!(f.get("crs").is_none());
        assert!(f["properties"].is_object() || f["properties"].is_null());
        assert!(f["id"].is_string() || f["id"].is_number());
        let g = &f["geometry"];
        let coords = &g["coordinates"];
        match g["type"].as_str().unwrap() {
            "Point" => check_position(coords),
            "LineString" => {
                let line = coords.as_array().unwrap();
                assert!(line.len() >= 2, "a LineString has two or more positions");
                line.iter().for_each(check_position);
            }
            other => panic!("unexpected geometry type {other}"),
        }
        for v in f["properties"].as_object().unwrap().values() {
            if let Some(n) = v.as_f64() {
                assert!(n.is_finite());
            }
        }
    }
}

fn features<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["kind"] == kind)
        .collect()
}

#[test]
fn a_plan_exports_needs_helpers_and_assignments_longitude_first() {
    let mut c = Community::new("Map");
    c.add_resident(resident(1, origin())).unwrap();
    c.add_resident(resident(2, north(5_000.0))).unwrap();
    c.add_volunteer(volunteer(1, north(300.0))).unwrap();
    c.add_need(need(1, 1)).unwrap();
    c.add_need(need(2, 2)).unwrap(); // 4.7 km from the only volunteer: too far
    let plan = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now()))
        .unwrap()
        .solve()
        .unwrap();
    let g = plan_to_geojson(&c, &plan);
    check_rfc7946(&g);

    let helpers = features(&g, "volunteer");
    assert_eq!(helpers.len(), 1);
    assert_eq!(helpers[0]["properties"]["tasks"], 1);
    let needs = features(&g, "need");
    assert_eq!(needs.len(), 2);
    // Longitude first: the origin is at 31.23 N, 121.47 E.
    assert_eq!(
        needs[0]["geometry"]["coordinates"],
        serde_json::json!([121.47, 31.23])
    );
    assert_eq!(needs[0]["properties"]["matched"], true);
    assert_eq!(needs[0]["properties"]["category"], "elder.cleaning");
    assert_eq!(needs[1]["properties"]["matched"], false);
    assert_eq!(needs[1]["properties"]["reason_kind"], "no_candidate");
    assert_eq!(needs[1]["properties"]["reason"], "no candidate: 1 too far");
    let lines = features(&g, "assignment");
    assert_eq!(lines.len(), 1);
    let p = &lines[0]["properties"];
    assert_eq!(
        (
            p["need"].as_u64(),
            p["helper"].as_str(),
            p["helper_kind"].as_str()
        ),
        (Some(1), Some("volunteer#1"), Some("volunteer"))
    );
    assert_eq!(p["distance_m"], 300);
    assert_eq!(p["start"], "2026-11-24T10:00:00");
    let line = lines[0]["geometry"]["coordinates"].as_array().unwrap();
    assert_eq!(line[0], helpers[0]["geometry"]["coordinates"]);
    assert_eq!(line[1], needs[0]["geometry"]["coordinates"]);
    // The whole document round-trips as text.
    let text = serde_json::to_string(&g).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), g);
}

#[test]
fn coverage_gives_one_point_per_grid_at_the_residents_centroid() {
    let mut c = Community::new("Grids");
    let mut r1 = resident(1, origin());
    r1.grid = GridId(7);
    let mut r2 = resident(2, north(200.0));
    r2.grid = GridId(7);
    let mut r3 = resident(3, north(3_000.0));
    r3.grid = GridId(8);
    for r in [r1, r2, r3] {
        c.add_resident(r).unwrap();
    }
    c.add_provider(Provider {
        id: ProviderId(1),
        name: "Canteen".into(),
        kind: ProviderKind::Canteen,
        stars: 0,
    })
    .unwrap();
    c.add_service(Service {
        capacity_per_week: 10,
        ..Service::new(
            ServiceId(1),
            ProviderId(1),
            "Canteen",
            vec!["elder.meals".into()],
            north(100.0),
        )
    })
    .unwrap();
    let g = coverage_to_geojson(&c, 15);
    check_rfc7946(&g);
    let grids = features(&g, "grid");
    assert_eq!(grids.len(), 2);
    let p7 = &grids[0]["properties"];
    assert_eq!(
        (p7["grid"].as_u64(), p7["residents"].as_u64()),
        (Some(7), Some(2))
    );
    // Both grid-7 residents are within 100 m of the canteen (2 walking minutes): covered for
    // meals; no service offers the other essential categories, so none is covered for all.
    assert_eq!(p7["categories"]["elder.meals"], 1.0);
    assert_eq!(p7["categories"]["elder.day_care"], 0.0);
    assert_eq!(p7["covered_all"], 0);
    // Grid 8's resident is 2.9 km away: 37 minutes.
    assert_eq!(grids[1]["properties"]["categories"]["elder.meals"], 0.0);
    // Centroid of grid 7: halfway between the origin and 200 m north, longitude unchanged.
    let centre = grids[0]["geometry"]["coordinates"].as_array().unwrap();
    assert!((centre[0].as_f64().unwrap() - 121.47).abs() < 1e-9);
    let mid = north(100.0).lat;
    assert!((centre[1].as_f64().unwrap() - mid).abs() < 1e-9);
}
