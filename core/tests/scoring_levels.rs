//! Roll-up from grid to city: rates from numerators and denominators, percentiles from the
//! data, and each child's contribution — worked by hand, and checked against the whole.

use std::collections::BTreeMap;

use huzhu::matching::{MatchContext, MatchPolicy, match_needs};
use huzhu::model::{Community, GridId};
use huzhu::scoring::{
    Count, Hierarchy, Level, LevelNode, Period, Scorecard, ScoringInputs, ScoringPolicy,
    SimulationParams, Tally, assignments_from_plan, rollup, simulate,
};
use huzhu::synth::{DistrictConfig, generate};

fn node(id: &str, level: Level, parent: Option<&str>) -> LevelNode {
    LevelNode {
        id: id.into(),
        name: format!("{id} name"),
        level,
        parent: parent.map(Into::into),
    }
}

fn tally(of: u64, n: u64, residents: u64, minutes: &[i64]) -> Tally {
    Tally {
        residents,
        counts: [("match_rate".to_owned(), Count { of, n })].into(),
        samples: [("response_minutes".to_owned(), minutes.to_vec())].into(),
        ..Tally::default()
    }
}

#[test]
fn rates_add_numerators_and_denominators_not_averages() {
    let h = Hierarchy::new(vec![
        node("city", Level::City, None),
        node("d1", Level::District, Some("city")),
        node("s1", Level::Street, Some("d1")),
        node("a", Level::Community, Some("s1")),
        node("b", Level::Community, Some("s1")),
        node("s2", Level::Street, Some("d1")),
        node("c", Level::Community, Some("s2")),
    ])
    .unwrap();
    let tallies = BTreeMap::from([
        ("a".to_owned(), tally(9, 10, 1_000, &[10, 20, 30])),
        ("b".to_owned(), tally(1, 10, 3_000, &[40, 50])),
        ("c".to_owned(), tally(30, 40, 2_000, &[60])),
    ]);
    let rows = rollup(&h, &tallies).unwrap();
    let ids: Vec<(&str, u32)> = rows.iter().map(|r| (r.node.id.as_str(), r.depth)).collect();
    assert_eq!(
        ids,
        [
            ("city", 0),
            ("d1", 1),
            ("s1", 2),
            ("a", 3),
            ("b", 3),
            ("s2", 2),
            ("c", 3)
        ]
    );
    let row = |id: &str| rows.iter().find(|r| r.node.id == id).unwrap();
    // Street s1: 10 of 20 = 0.5 (the mean of 0.9 and 0.1 weighted by residents would be 0.3).
    let s1 = &row("s1").rates[0];
    assert_eq!((s1.count, s1.share), (Count { of: 10, n: 20 }, Some(0.5)));
    assert_eq!(s1.children.len(), 2);
    assert_eq!(
        (
            s1.children[0].child.as_str(),
            s1.children[0].of_part,
            s1.children[0].n_part
        ),
        ("a", Some(0.9), Some(0.5))
    );
    assert_eq!(s1.children[1].of_part, Some(0.1));
    // Percentiles from the merged data: [10,20,30,40,50] → p50 30, p90 50.
    assert_eq!(
        (row("s1").response_p50, row("s1").response_p90),
        (Some(30), Some(50))
    );
    // City: 40 of 60; response times [10..60] → p50 rank 3 = 30, p90 rank ⌈5.4⌉ = 6 → 60.
    let city = row("city");
    assert_eq!(city.rates[0].count, Count { of: 40, n: 60 });
    assert_eq!(city.tally.residents, 6_000);
    assert_eq!((city.response_p50, city.response_p90), (Some(30), Some(60)));
    // The district d1 is made of its two streets.
    let d1 = &row("d1").rates[0];
    assert_eq!(
        d1.children
            .iter()
            .map(|c| (c.child.as_str(), c.count))
            .collect::<Vec<_>>(),
        [
            ("s1", Count { of: 10, n: 20 }),
            ("s2", Count { of: 30, n: 40 })
        ]
    );
}

#[test]
fn a_bad_hierarchy_or_tally_is_named() {
    let e = Hierarchy::new(vec![
        node("s", Level::Street, None),
        node("s", Level::Street, None),
    ])
    .unwrap_err();
    assert_eq!(
        (e.code(), e.record().as_deref()),
        ("SCORING_DUPLICATE_ID", Some("level node s"))
    );
    let e = Hierarchy::new(vec![node("c", Level::Community, Some("nowhere"))]).unwrap_err();
    assert_eq!(
        (e.record().as_deref(), e.field()),
        (Some("level node c"), Some("parent"))
    );
    let e = Hierarchy::new(vec![
        node("g", Level::Grid, None),
        node("c", Level::Community, Some("g")),
    ])
    .unwrap_err();
    assert_eq!(
        (e.record().as_deref(), e.field()),
        (Some("level node c"), Some("parent"))
    );
    let h = Hierarchy::new(vec![node("c", Level::Community, None)]).unwrap();
    let e = rollup(&h, &BTreeMap::from([("x".to_owned(), Tally::default())])).unwrap_err();
    assert_eq!(
        (e.record().as_deref(), e.field()),
        (Some("level node x"), Some("id"))
    );
}

/// A synthetic district's week: matched, records simulated, scored.
fn district(seed: u64, residents: u32) -> (Community, Scorecard) {
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let d = generate(&DistrictConfig {
        name: format!("district {seed}"),
        residents_per_grid: 300,
        ..DistrictConfig::new(residents, monday).with_seed(seed)
    })
    .unwrap();
    let start = d.week_start.and_hms_opt(8, 0, 0).unwrap();
    let plan = match_needs(
        &d.community,
        &MatchPolicy::default(),
        &MatchContext::new(start),
    )
    .unwrap();
    let assignments = assignments_from_plan(&plan, start);
    let period = Period::new(d.week_start, d.now.date()).unwrap();
    let sim = simulate(
        &d.community,
        &assignments,
        period,
        seed,
        &SimulationParams::default(),
    );
    let inputs = ScoringInputs {
        assignments: &assignments,
        records: &sim.records,
        surveys: &sim.surveys,
        care_records: &sim.care_records,
        visits: &sim.visits,
        ..ScoringInputs::new(&d.community, period, d.now)
    };
    let card = Scorecard::compute(&inputs, &ScoringPolicy::default()).unwrap();
    (d.community, card)
}

#[test]
fn grids_add_up_to_their_community() {
    let (c, card) = district(7, 1_200);
    let whole = Tally::of(&card);
    let grids = Tally::by_grid(&card, &c);
    assert!(grids.len() > 1);
    let mut sum = Tally::default();
    for t in grids.values() {
        sum.merge(t);
    }
    assert_eq!(sum.residents, whole.residents);
    for code in [
        "match_rate",
        "response_compliance",
        "community_affairs",
        "activity_participation",
    ] {
        assert_eq!(sum.counts.get(code), whole.counts.get(code), "{code}");
    }
    assert!(whole.counts["match_rate"].n > 0);
    assert_eq!(
        sum.samples.get("response_minutes"),
        whole.samples.get("response_minutes")
    );
    // The roll-up of the grids under the community gives the community's own rates.
    let mut nodes = vec![node("c", Level::Community, None)];
    let mut tallies = BTreeMap::new();
    for (g, t) in &grids {
        let id = format!("g{}", g.0);
        nodes.push(node(&id, Level::Grid, Some("c")));
        tallies.insert(id, t.clone());
    }
    let rows = rollup(&Hierarchy::new(nodes).unwrap(), &tallies).unwrap();
    let top = rows[0]
        .rates
        .iter()
        .find(|r| r.code == "match_rate")
        .unwrap();
    assert_eq!(top.count, whole.counts["match_rate"]);
    assert_eq!(top.share, card.supply.match_rate);
    let parts: f64 = top.children.iter().filter_map(|c| c.of_part).sum();
    assert!((parts - 1.0).abs() < 1e-9);
    assert!(grids.contains_key(&GridId(1)));
}

#[test]
fn districts_computed_apart_equal_the_city_at_once() {
    let parts: Vec<Scorecard> = (1..=3).map(|s| district(s, 600).1).collect();
    let h = Hierarchy::new(vec![
        node("city", Level::City, None),
        node("d1", Level::District, Some("city")),
        node("d2", Level::District, Some("city")),
        node("d3", Level::District, Some("city")),
    ])
    .unwrap();
    let tallies: BTreeMap<String, Tally> = parts
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("d{}", i + 1), Tally::of(c)))
        .collect();
    let rows = rollup(&h, &tallies).unwrap();
    // At once: every need's response time of the three districts in one sorted list, and the
    // matched and demanded needs summed.
    let mut all: Vec<i64> = parts
        .iter()
        .flat_map(|c| c.response.needs.iter().filter_map(|n| n.response_minutes))
        .collect();
    all.sort_unstable();
    let rank = |q: f64| all[((q * all.len() as f64).ceil() as usize).max(1) - 1];
    assert_eq!(rows[0].response_p50, Some(rank(0.5)));
    assert_eq!(rows[0].response_p90, Some(rank(0.9)));
    let matched: u32 = parts.iter().map(|c| c.supply.matched).sum();
    let demand: u32 = parts.iter().map(|c| c.supply.demand).sum();
    let rate = rows[0]
        .rates
        .iter()
        .find(|r| r.code == "match_rate")
        .unwrap();
    assert_eq!(
        rate.count,
        Count {
            of: u64::from(matched),
            n: u64::from(demand)
        }
    );
    let residents: u32 = parts.iter().map(|c| c.staffing.residents).sum();
    assert_eq!(rows[0].tally.residents, u64::from(residents));
}

#[test]
fn a_tally_read_in_any_order_gives_the_same_percentiles() {
    let t = tally(1, 2, 3, &[30, 10, 20]);
    // Sorted: [10, 20, 30]; the median is rank 2 = 20, whatever order the caller wrote.
    assert_eq!(t.percentile("response_minutes", 0.5), Some(20));
    let h = Hierarchy::new(vec![node("c", Level::Community, None)]).unwrap();
    let rows = rollup(&h, &BTreeMap::from([("c".to_owned(), t)])).unwrap();
    assert_eq!(
        (rows[0].response_p50, rows[0].response_p90),
        (Some(20), Some(30))
    );
    assert_eq!(rows[0].tally.samples["response_minutes"], [10, 20, 30]);
}
