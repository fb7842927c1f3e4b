//! Property tests: rates stay in [0, 1], coverage grows with the threshold, alerts agree with
//! the shares, the index stays in 0–100 and adds up, simulation is valid and deterministic.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use huzhu::model::*;
use huzhu::scoring::stats::{percentile, wilson_interval};
use huzhu::scoring::*;
use proptest::prelude::*;

const BASE: GeoPoint = GeoPoint {
    lat: 31.2,
    lon: 121.5,
};
const EPS: f64 = 1e-12;

fn unit(v: f64) -> bool {
    (-EPS..=1.0 + EPS).contains(&v)
}

fn month(m: u32) -> Period {
    Period::new(
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, m + 1, 1).unwrap(),
    )
    .unwrap()
}

/// A service taking 3 tasks a week, active or inactive.
fn service(id: u32, category: &str, location: GeoPoint, active: bool) -> Service {
    Service {
        status: if active {
            ServiceStatus::Active
        } else {
            ServiceStatus::Inactive
        },
        ..huzhu_testkit::service(id, category, location, 3)
    }
}

type Spot = (i32, i32);

fn map(residents: &[(Spot, bool)], services: &[(Spot, bool, bool)]) -> Community {
    let mut tax = Taxonomy::empty();
    tax.add(Category::new("a", "A", "甲", "g").essential())
        .unwrap();
    tax.add(Category::new("b", "B", "乙", "g").essential())
        .unwrap();
    let mut c = Community::with_taxonomy("Map", tax);
    c.add_provider(Provider {
        id: ProviderId(1),
        name: "P".into(),
        kind: ProviderKind::Other,
        stars: 0,
    })
    .unwrap();
    let born = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    for (i, ((n, e), disabled)) in residents.iter().enumerate() {
        let mut r = Resident::new(
            ResidentId(i as u32),
            born,
            BASE.offset_m(f64::from(*n), f64::from(*e)),
            GridId(1),
        );
        if *disabled {
            r.groups.insert(SpecialGroup::Disabled);
        }
        c.add_resident(r).unwrap();
    }
    for (i, ((n, e), is_a, active)) in services.iter().enumerate() {
        let at = BASE.offset_m(f64::from(*n), f64::from(*e));
        c.add_service(service(
            i as u32,
            if *is_a { "a" } else { "b" },
            at,
            *active,
        ))
        .unwrap();
    }
    c
}

fn spot() -> impl Strategy<Value = Spot> {
    (-3_000i32..3_000, -3_000i32..3_000)
}

fn summary(n: u32, satisfied: u32) -> LikertSummary {
    let share = f64::from(satisfied) / f64::from(n);
    LikertSummary {
        n,
        mean: 3.0,
        sd: 1.0,
        satisfied,
        share_satisfied: share,
        ci_low: share,
        ci_high: share,
    }
}

/// A small district: 30 residents, two services, three volunteers, 40 needs a month in
/// October and November, each matched.
fn district() -> (Community, Vec<Assignment>) {
    let mut c = Community::new("Props");
    for i in 0..30u32 {
        let born = NaiveDate::from_ymd_opt(1940 + (i as i32 % 45), 1, 1).unwrap();
        let mut r = Resident::new(
            ResidentId(i + 1),
            born,
            BASE.offset_m(f64::from(i) * 60.0, 0.0),
            GridId(1 + i % 2),
        );
        if i % 3 == 0 {
            r.household = Household::LivesAlone;
            r.groups.insert(SpecialGroup::EmptyNest);
        }
        c.add_resident(r).unwrap();
    }
    c.add_provider(Provider {
        id: ProviderId(1),
        name: "P".into(),
        kind: ProviderKind::Other,
        stars: 0,
    })
    .unwrap();
    c.add_service(service(1, "elder.meals", BASE, true))
        .unwrap();
    c.add_service(service(
        2,
        "elder.day_care",
        BASE.offset_m(800.0, 0.0),
        true,
    ))
    .unwrap();
    for v in 1..=3 {
        c.add_volunteer(Volunteer {
            resident: Some(ResidentId(v)),
            ..Volunteer::new(VolunteerId(v), BASE)
        })
        .unwrap();
    }
    let mut a = Vec::new();
    let mut id = 1;
    for m in [10, 11] {
        let start = month(m).start.and_hms_opt(8, 0, 0).unwrap();
        for k in 0..40u32 {
            let created = start + Duration::hours(i64::from(k) * 17);
            let w = TimeWindow::new(created + Duration::hours(20), created + Duration::hours(23))
                .unwrap();
            c.add_need(Need::new(
                NeedId(id),
                ResidentId(1 + k % 30),
                "elder.meals".into(),
                created,
                w,
                60,
            ))
            .unwrap();
            let helper = match k % 4 {
                0 => HelperId::Volunteer(VolunteerId(1 + k % 3)),
                1 => HelperId::Service(ServiceId(2)),
                _ => HelperId::Service(ServiceId(1)),
            };
            if k % 9 != 0 {
                a.push(Assignment {
                    need: NeedId(id),
                    helper,
                    matched_at: created + Duration::hours(i64::from(k % 40)),
                });
            }
            id += 1;
        }
    }
    (c, a)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn wilson_interval_brackets_the_share(
        (n, x) in (1u64..2_000).prop_flat_map(|n| (Just(n), 0..=n)),
        z in 0.0f64..4.0,
    ) {
        let (lo, hi) = wilson_interval(x, n, z).unwrap();
        let p = x as f64 / n as f64;
        prop_assert!(unit(lo) && unit(hi));
        prop_assert!(lo <= p + EPS && p <= hi + EPS, "{lo} {p} {hi}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn likert_summaries_stay_in_range(answers in prop::collection::vec(1u8..=5, 1..200)) {
        let values: Vec<f64> = answers.iter().map(|a| f64::from(*a)).collect();
        let s = LikertSummary::of(&values, 4.0, 1.96).unwrap();
        prop_assert!(unit(s.share_satisfied));
        prop_assert!(s.ci_low <= s.share_satisfied + EPS && s.share_satisfied <= s.ci_high + EPS);
        prop_assert!((1.0..=5.0).contains(&s.mean));
        prop_assert!(s.sd >= 0.0 && s.sd.is_finite());
        prop_assert_eq!(s.satisfied as usize, answers.iter().filter(|a| **a >= 4).count());
    }

    #[test]
    fn percentiles_are_members_and_ordered(mut v in prop::collection::vec(-10_000i64..10_000, 1..100), p in 0u32..=100, q in 0u32..=100) {
        v.sort_unstable();
        let (lo, hi) = (p.min(q), p.max(q));
        let (a, b) = (percentile(&v, lo).unwrap(), percentile(&v, hi).unwrap());
        prop_assert!(a <= b);
        prop_assert!(v.contains(&a) && v.contains(&b));
        prop_assert!(percentile(&v, 50).unwrap() <= percentile(&v, 90).unwrap());
    }

    #[test]
    fn alerts_agree_with_the_shares(
        cells in prop::collection::btree_map((0u32..4, 0usize..6), (1u32..80, 0.0f64..=1.0), 0..24),
        min_answers in 1u32..50,
    ) {
        let rows: Vec<SatisfactionRow> = cells
            .iter()
            .map(|((h, p), (n, frac))| SatisfactionRow {
                scope: Scope::Helper(HelperId::Service(ServiceId(*h))),
                period: month(1 + *p as u32),
                dimensions: BTreeMap::new(),
                overall: Some(summary(*n, (f64::from(*n) * frac).floor() as u32)),
            })
            .collect();
        let report = SatisfactionReport { rows, cronbach_alpha: None, alpha_respondents: 0 };
        let policy = AlertPolicy { min_answers, ..AlertPolicy::default() };
        let alerts = quality_alerts(&report, &policy);
        prop_assert_eq!(alerts.len(), cells.len());
        for a in &alerts {
            let below = a.share_satisfied < policy.correct_below;
            let judged = a.n >= min_answers;
            match a.verdict {
                Verdict::InsufficientData => prop_assert!(!judged && !below),
                Verdict::BelowFewAnswers => prop_assert!(!judged && below),
                Verdict::Ok => prop_assert!(judged && !below),
                Verdict::Correct | Verdict::Retire => prop_assert!(judged && below),
            }
            // Every period is in one calendar year: retirement needs two years, so never.
            prop_assert!(a.verdict != Verdict::Retire);
        }
    }

    #[test]
    fn composite_index_is_bounded_and_adds_up(
        values in prop::collection::vec(prop::option::of(-0.5f64..1.5), 10),
        weights in prop::collection::vec(0.0f64..10.0, 10),
    ) {
        let v: BTreeMap<_, _> = Indicator::ALL.into_iter().zip(values).collect();
        let w: BTreeMap<_, _> = Indicator::ALL.into_iter().zip(weights).collect();
        let out_of_range = v.values().flatten().any(|x| !(0.0..=1.0).contains(x));
        match composite_index(&v, &w) {
            // A share outside [0, 1] is refused, never clamped.
            Err(e) => {
                prop_assert!(out_of_range);
                let record = e.record();
                prop_assert_eq!(record.as_deref(), Some("index values"));
            }
            Ok(idx) => {
                prop_assert!(!out_of_range);
                if let Some(score) = idx.score {
                    prop_assert!((-1e-9..=100.0 + 1e-9).contains(&score));
                    let sum: f64 = idx.components.iter().map(|c| c.contribution).sum();
                    prop_assert!((sum - score).abs() < 1e-9);
                    let ew: f64 = idx.components.iter().map(|c| c.effective_weight).sum();
                    prop_assert!((ew - 1.0).abs() < 1e-9);
                } else {
                    prop_assert!(idx.components.iter().all(|c| c.value.is_none()));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn coverage_grows_with_the_threshold(
        residents in prop::collection::vec((spot(), any::<bool>()), 1..15),
        services in prop::collection::vec((spot(), any::<bool>(), prop::bool::weighted(0.8)), 0..6),
        t1 in 0u32..60,
        extra in 0u32..60,
    ) {
        let c = map(&residents, &services);
        let (lo, hi) = (circle_coverage(&c, t1, 500), circle_coverage(&c, t1 + extra, 500));
        prop_assert!(lo.all_essential.covered <= hi.all_essential.covered);
        for (a, b) in lo.categories.iter().zip(&hi.categories) {
            prop_assert!(a.all.covered <= b.all.covered);
            prop_assert!(unit(a.all.share.unwrap()) && unit(b.all.share.unwrap()));
            for (g, s) in &a.by_group {
                prop_assert!(s.covered <= b.by_group[g].covered);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn simulated_scorecards_have_rates_in_unit_interval(
        seed in any::<u64>(),
        poor_share in 0.0f64..=1.0,
        reliability_spread in 0.0f64..=1.0,
        response_rate in 0.0f64..=1.0,
    ) {
        let (c, a) = district();
        let params = SimulationParams { poor_share, reliability_spread, response_rate, ..SimulationParams::default() };
        let oct = simulate(&c, &a, month(10), seed, &SimulationParams { first_id: 1, ..params });
        let nov = simulate(&c, &a, month(11), seed, &SimulationParams { first_id: 5_000, ..params });
        prop_assert_eq!(&oct, &simulate(&c, &a, month(10), seed, &SimulationParams { first_id: 1, ..params }));
        let records = [oct.records, nov.records].concat();
        let surveys = [oct.surveys, nov.surveys].concat();
        let time_bank = [oct.time_bank, nov.time_bank];
        let now = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let inputs = ScoringInputs {
            assignments: &a,
            records: &records,
            surveys: &surveys,
            care_records: &nov.care_records,
            visits: &nov.visits,
            time_bank: &time_bank,
            ..ScoringInputs::new(&c, month(11), now)
        };
        let card = Scorecard::compute(&inputs, &ScoringPolicy::default()).unwrap();
        let mut rates: Vec<f64> = Vec::new();
        rates.extend(card.response.overall.compliance_rate);
        rates.extend(card.response.by_grid.values().filter_map(|s| s.compliance_rate));
        rates.extend(card.supply.match_rate);
        rates.extend(card.supply.rows.iter().filter_map(|r| r.match_rate));
        rates.extend(card.delivery.iter().flat_map(|d| [d.completion_rate, d.no_show_rate]));
        for r in &card.satisfaction.rows {
            for s in r.dimensions.values().chain(&r.overall) {
                rates.extend([s.share_satisfied, s.ci_low, s.ci_high]);
            }
        }
        rates.extend(card.facilities.iter().map(|f| f.idle_share));
        rates.extend(card.coverage.mean_share);
        rates.extend(card.special_groups.all.share);
        rates.extend(card.visits.share_on_schedule);
        rates.extend(card.participation.share);
        rates.extend(card.index.components.iter().filter_map(|c| c.value));
        for r in rates {
            prop_assert!(unit(r), "{r}");
        }
        let score = card.index.score.unwrap();
        prop_assert!((0.0..=100.0).contains(&score));
        for al in &card.alerts {
            if matches!(al.verdict, Verdict::InsufficientData | Verdict::BelowFewAnswers) {
                prop_assert!(al.n < 30);
            }
            prop_assert_eq!(
                al.share_satisfied < 0.6,
                matches!(al.verdict, Verdict::Correct | Verdict::Retire | Verdict::BelowFewAnswers)
            );
        }
    }
}
