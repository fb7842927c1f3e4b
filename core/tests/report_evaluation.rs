//! The evaluation report's data, filled from scorecards, KPIs, the grid roll-up and advice.

use chrono::NaiveDate;
use huzhu::matching::{AdviceOptions, MatchContext, MatchPolicy, advise};
use huzhu::report::{EvaluationInput, evaluation_html, evaluation_report, period_label};
use huzhu::scoring::{
    Period, Scorecard, ScoringInputs, ScoringPolicy, SimulationParams, assignments_from_plan,
    default_kpis, simulate,
};
use huzhu::synth::{DistrictConfig, generate};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

#[test]
fn every_section_comes_from_its_source() {
    let monday = d(11, 23);
    let district = generate(&DistrictConfig {
        residents_per_grid: 400,
        volunteer_permille: 10,
        ..DistrictConfig::new(1_600, monday)
            .with_seed(5)
            .with_needs_recorded_in_advance(true)
    })
    .unwrap();
    let c = &district.community;
    let ctx = MatchContext::new(monday.and_hms_opt(8, 0, 0).unwrap());
    let (plan, advice) =
        advise(c, &MatchPolicy::default(), &ctx, &AdviceOptions::default()).unwrap();
    let assignments = assignments_from_plan(&plan, ctx.now);
    let card = |p: Period, with_plan: bool| {
        let sim = simulate(c, &assignments, p, 5, &SimulationParams::default());
        let inputs = ScoringInputs {
            assignments: if with_plan { &assignments } else { &[] },
            records: &sim.records,
            surveys: &sim.surveys,
            ..ScoringInputs::new(c, p, p.end.and_hms_opt(0, 0, 0).unwrap())
        };
        Scorecard::compute(&inputs, &ScoringPolicy::default()).unwrap()
    };
    let cards = [
        card(Period::new(d(11, 16), d(11, 23)).unwrap(), false),
        card(Period::new(d(11, 23), d(11, 30)).unwrap(), true),
    ];
    let kpis = default_kpis(d(1, 1));
    let input = EvaluationInput {
        community: Some(c),
        kpis: &kpis,
        advice: &advice,
        ..EvaluationInput::new(&cards, d(11, 30))
    };
    let data = evaluation_report(&input).unwrap();
    let last = &cards[1];

    assert_eq!(
        data.periods,
        ["2026-11-16 – 2026-11-22", "2026-11-23 – 2026-11-29"]
    );
    assert_eq!(data.index, [cards[0].index.score, last.index.score]);
    assert_eq!(data.place, last.community);

    assert_eq!(data.kpis.len(), kpis.len());
    let rate = data.kpis.iter().find(|k| k.code == "match_rate").unwrap();
    assert_eq!(
        rate.series,
        [cards[0].supply.match_rate, last.supply.match_rate]
    );
    assert_eq!(
        (rate.baseline, rate.target, rate.percent),
        (Some(0.55), 0.82, true)
    );

    let change = data
        .changes
        .iter()
        .find(|x| x.code == "match_rate")
        .unwrap();
    assert_eq!(
        change.after,
        format!("{}/{}", last.supply.matched, last.supply.demand)
    );

    // The community, then one row per grid (no roll-up given).
    assert_eq!(data.levels[0].level, "community");
    assert_eq!(data.levels[0].demand, u64::from(last.supply.demand));
    assert_eq!(
        data.levels[0].unmet,
        u64::from(last.supply.demand - last.supply.matched)
    );
    assert_eq!(data.levels.len(), 1 + district.grids.len());
    assert!(
        data.levels[1..]
            .iter()
            .all(|l| l.level == "grid" && l.depth == 1)
    );

    assert_eq!(data.grids.len(), district.grids.len());
    let unmet: u64 = data.grids.iter().map(|g| g.unmet).sum();
    assert_eq!(unmet, u64::from(last.supply.demand - last.supply.matched));

    assert_eq!(data.advice.len(), advice.len());
    assert!(!advice.is_empty());
    assert_eq!(data.advice[0].text_zh, advice[0].text_zh());
    assert_eq!(data.staffing.len(), 7);

    let html = evaluation_html(&input).unwrap();
    for id in [
        "kpis", "index", "changes", "levels", "map", "alerts", "advice", "staffing",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    assert!(html.contains(&advice[0].text_en()));
}

#[test]
fn a_bad_kpi_is_refused() {
    let c = huzhu::model::Community::new("x");
    let p = Period::new(d(1, 1), d(4, 1)).unwrap();
    let cards = [Scorecard::compute(
        &ScoringInputs::new(&c, p, d(4, 1).and_hms_opt(0, 0, 0).unwrap()),
        &ScoringPolicy::default(),
    )
    .unwrap()];
    let mut kpis = default_kpis(d(1, 1));
    kpis[0].measure = "happiness".into();
    let e = evaluation_report(&EvaluationInput {
        kpis: &kpis,
        ..EvaluationInput::new(&cards, d(4, 1))
    })
    .unwrap_err();
    assert_eq!(
        (e.record().as_deref(), e.field()),
        (Some("kpi match_rate"), Some("measure"))
    );
    for z in [0.0, -1.0, f64::NAN] {
        let e = evaluation_report(&EvaluationInput {
            z,
            ..EvaluationInput::new(&cards, d(4, 1))
        })
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("SCORING_INVALID_FIELD", Some("z")),
            "{z}"
        );
    }
    assert_eq!(period_label(p), "2026 Q1");
}
