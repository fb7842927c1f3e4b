//! Supply and demand, facility utilisation and the 15-minute living circle on a toy map.

// Exact float comparisons are intended: every expected value here is exact in binary.
#![allow(clippy::float_cmp)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use huzhu::model::*;
use huzhu::scoring::*;

fn at(day: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

const BASE: GeoPoint = GeoPoint {
    lat: 31.2,
    lon: 121.5,
};

use huzhu_testkit::service;

/// Three residents: r1 at the base and r2 100 m north (grid 1), r3 2 km east (grid 2).
/// Meals (essential) served by S1 and S3 at the base; cleaning by S2 2 km east; S4 (meals, 2 km
/// east) is closed.
fn community() -> Community {
    let mut tax = Taxonomy::empty();
    tax.add(Category::new("meals", "Meals", "助餐", "elder").essential())
        .unwrap();
    tax.add(Category::new("cleaning", "Cleaning", "助洁", "elder"))
        .unwrap();
    let mut c = Community::with_taxonomy("Toy map", tax);
    let born = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let east = BASE.offset_m(0.0, 2_000.0);
    c.add_resident(Resident::new(ResidentId(1), born, BASE, GridId(1)))
        .unwrap();
    c.add_resident(Resident::new(
        ResidentId(2),
        born,
        BASE.offset_m(100.0, 0.0),
        GridId(1),
    ))
    .unwrap();
    let mut r3 = Resident::new(ResidentId(3), born, east, GridId(2));
    r3.groups.insert(SpecialGroup::Disabled);
    c.add_resident(r3).unwrap();
    c.add_provider(Provider {
        id: ProviderId(1),
        name: "P".into(),
        kind: ProviderKind::Other,
        stars: 0,
    })
    .unwrap();
    c.add_service(service(1, "meals", BASE, 7)).unwrap();
    c.add_service(service(2, "cleaning", east, 1)).unwrap();
    c.add_service(service(3, "meals", BASE, 5)).unwrap();
    let mut closed = service(4, "meals", east, 100);
    closed.status = ServiceStatus::Inactive;
    c.add_service(closed).unwrap();
    let mut add = |id, resident, category: &str| {
        let w = TimeWindow::new(at(10, 9), at(10, 12)).unwrap();
        c.add_need(Need::new(
            NeedId(id),
            ResidentId(resident),
            category.into(),
            at(3, 9),
            w,
            60,
        ))
        .unwrap();
    };
    add(1, 1, "meals");
    add(2, 2, "meals");
    add(3, 3, "meals");
    add(4, 3, "cleaning");
    add(5, 1, "cleaning");
    c
}

/// Two weeks: 2–15 November.
fn fortnight() -> Period {
    Period::new(at(2, 0).date(), at(16, 0).date()).unwrap()
}

fn assign(need: u32, service: u32) -> Assignment {
    Assignment {
        need: NeedId(need),
        helper: HelperId::Service(ServiceId(service)),
        matched_at: at(4, 9),
    }
}

#[test]
fn services_sit_in_the_nearest_grid() {
    let g = service_grids(&community());
    assert_eq!(g[&ServiceId(1)], GridId(1));
    assert_eq!(g[&ServiceId(2)], GridId(2));
    assert_eq!(g[&ServiceId(4)], GridId(2));
}

#[test]
fn demand_matches_and_surplus_per_category_and_grid() {
    type Cell<'a> = (&'a str, u32, u32, u32, u32, Option<f64>, f64, f64);
    let c = community();
    let r = supply_demand(&c, &[assign(1, 1), assign(2, 1), assign(4, 2)], fortnight());
    // Needs: meals r1 ✓, meals r2 ✓, meals r3 ✗, cleaning r3 ✓, cleaning r1 ✗ → 3 of 5.
    assert_eq!((r.demand, r.matched, r.match_rate), (5, 3, Some(0.6)));
    let cells: Vec<Cell<'_>> = r
        .rows
        .iter()
        .map(|x| {
            (
                x.category.as_str(),
                x.grid.0,
                x.demand,
                x.matched,
                x.unmet,
                x.match_rate,
                x.capacity,
                x.surplus,
            )
        })
        .collect();
    assert_eq!(
        cells,
        vec![
            // Cleaning: S2 (1/week → 2 in two weeks) in grid 2, one task assigned → surplus 1.
            ("cleaning", 1, 1, 0, 1, Some(0.0), 0.0, 0.0),
            ("cleaning", 2, 1, 1, 0, Some(1.0), 2.0, 1.0),
            // Meals in grid 1: S1 14 + S3 10 = 24; S1 took 2 → surplus 12 + 10 = 22.
            ("meals", 1, 2, 2, 0, Some(1.0), 24.0, 22.0),
            // Meals in grid 2: S4 is closed, so no capacity there.
            ("meals", 2, 1, 0, 1, Some(0.0), 0.0, 0.0),
        ]
    );
}

#[test]
fn utilisation_flags_idle_facilities() {
    let c = community();
    let done = |id: u32, service: u32, need: u32| {
        ServiceRecord::new(
            ServiceRecordId(id),
            NeedId(need),
            HelperId::Service(ServiceId(service)),
            at(5, 9) + Duration::days(i64::from(id % 7)),
            at(5, 10) + Duration::days(i64::from(id % 7)),
            Outcome::Done,
        )
    };
    let mut recs = vec![done(1, 1, 1), done(2, 1, 2), done(3, 2, 4), done(4, 2, 4)];
    recs.extend((10..17).map(|i| done(i, 3, 1)));
    // A no-show does not count as use.
    recs.push(ServiceRecord::new(
        ServiceRecordId(30),
        NeedId(5),
        HelperId::Service(ServiceId(2)),
        at(6, 9),
        at(6, 9),
        Outcome::NoShow,
    ));
    let rows = facility_use(&c, &recs, fortnight(), &ScoringPolicy::default());
    let got: Vec<(u32, f64, u32, bool)> = rows
        .iter()
        .map(|f| (f.service.0, f.capacity, f.used, f.reallocate))
        .collect();
    // S1: 2 of 14 → idle 12/14 = 0.857 > 0.3 → reallocate.
    // S2: 2 of 2 → idle 0.
    // S3: 7 of 10 → idle exactly 0.3, not above the threshold → kept.
    // S4 is inactive and not listed.
    assert_eq!(
        got,
        vec![(1, 14.0, 2, true), (2, 2.0, 2, false), (3, 10.0, 7, false)]
    );
    assert!((rows[0].idle_share - 6.0 / 7.0).abs() < 1e-12);
    assert_eq!(rows[2].idle_share, 0.3);
}

#[test]
fn living_circle_on_a_three_resident_map() {
    let c = community();
    // Walking 80 m/min. r1 0 m → 0 min, r2 100 m → ⌈1.25⌉ = 2 min, r3 2,000 m → 25 min.
    let at15 = circle_coverage(&c, 15, 500);
    assert_eq!(at15.categories.len(), 1); // only meals is essential
    let meals = &at15.categories[0];
    assert_eq!(
        (meals.name_en.as_str(), meals.name_zh.as_str()),
        ("Meals", "助餐")
    );
    assert_eq!((meals.all.residents, meals.all.covered), (3, 2));
    assert!((meals.all.share.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    // r3, the disabled resident, is outside the circle.
    assert_eq!(meals.by_group[&SpecialGroup::Disabled].share, Some(0.0));
    assert_eq!(at15.all_essential.covered, 2);
    // 1 minute reaches only r1; 25 minutes reaches everyone (the closed S4 next to r3 is ignored,
    // but S1 at 25 min is within reach).
    assert_eq!(circle_coverage(&c, 1, 500).categories[0].all.covered, 1);
    assert_eq!(circle_coverage(&c, 24, 500).categories[0].all.covered, 2);
    assert_eq!(circle_coverage(&c, 25, 500).categories[0].all.covered, 3);
}

/// The documents measure facility coverage by a service radius of at most 500 m (服务半径500米
/// 以内), beside the walk: r1 at 0 m and r2 at 100 m are within 500 m of the canteen, r3 at
/// 2,000 m is not — 2 of 3, 66.7% — whatever the walking threshold.
#[test]
fn facility_coverage_by_the_500_m_service_radius() {
    let c = community();
    for minutes in [1, 15, 25] {
        let r = circle_coverage(&c, minutes, 500);
        let meals = &r.categories[0];
        assert_eq!(
            (meals.within_radius.residents, meals.within_radius.covered),
            (3, 2)
        );
        assert_eq!(r.radius_m, 500);
        assert!((r.mean_share_radius.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.all_essential_radius.covered, 2);
    }
    assert_eq!(
        circle_coverage(&c, 15, 50).categories[0]
            .within_radius
            .covered,
        1
    );
    assert_eq!(
        circle_coverage(&c, 15, 2_500).categories[0]
            .within_radius
            .covered,
        3
    );
}
