//! KPIs against hand-worked progress: baselines, targets, deadlines, phases.

use chrono::NaiveDate;
use huzhu::scoring::{
    Direction, Kpi, KpiStatus, Observation, Phase, check_kpis, default_kpis, kpi_progress,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn kpi(code: &str) -> Kpi {
    default_kpis(d(2026, 1, 1))
        .into_iter()
        .find(|k| k.code == code)
        .unwrap()
}

type Edit = Box<dyn Fn(&mut Kpi)>;

fn obs(date: NaiveDate, value: f64) -> Observation {
    Observation {
        date,
        value: Some(value),
    }
}

#[test]
fn the_template_carries_the_documents_figures() {
    let kpis = default_kpis(d(2026, 1, 1));
    check_kpis(&kpis).unwrap();
    let figures = |code: &str| {
        let k = kpis.iter().find(|k| k.code == code).unwrap();
        (k.baseline, k.target, k.direction)
    };
    assert_eq!(
        figures("match_rate"),
        (Some(0.55), 0.82, Direction::Increase)
    );
    assert_eq!(
        figures("community_affairs"),
        (Some(0.31), 0.60, Direction::Increase)
    );
    assert_eq!(
        figures("identity_index"),
        (Some(52.0), 75.0, Direction::Increase)
    );
    assert_eq!(
        figures("handling_days"),
        (Some(7.0), 2.0, Direction::Decrease)
    );
    assert_eq!(
        figures("special_group_satisfaction"),
        (Some(0.58), 0.89, Direction::Increase)
    );
    assert_eq!(
        figures("facility_idle_share"),
        (None, 0.30, Direction::Decrease)
    );
    assert_eq!(
        figures("funding_per_resident"),
        (None, 50.0, Direction::Increase)
    );
    assert_eq!(figures("training_hours"), (None, 40.0, Direction::Increase));
    assert_eq!(
        figures("qualified_share"),
        (None, 0.12, Direction::Increase)
    );
    // Due at the end of consolidation, month 36.
    assert!(kpis.iter().all(|k| k.deadline == d(2029, 1, 1)));
}

#[test]
fn phases_are_months_1_6_7_18_19_36() {
    let start = d(2026, 1, 1);
    assert_eq!(Phase::Pilot.range(start), (d(2026, 1, 1), d(2026, 7, 1)));
    assert_eq!(Phase::RollOut.range(start), (d(2026, 7, 1), d(2027, 7, 1)));
    assert_eq!(
        Phase::Consolidation.range(start),
        (d(2027, 7, 1), d(2029, 1, 1))
    );
    assert_eq!(Phase::of(start, d(2026, 6, 30)), Some(Phase::Pilot));
    assert_eq!(Phase::of(start, d(2027, 7, 1)), Some(Phase::Consolidation));
    assert_eq!(Phase::of(start, d(2029, 1, 1)), None);
}

#[test]
fn a_rising_kpi_a_third_of_the_way_after_a_sixth_of_the_time_is_on_track() {
    let k = kpi("match_rate");
    let p = kpi_progress(&k, &[obs(d(2026, 7, 1), 0.64)], d(2026, 7, 1), 91).unwrap();
    // (0.64 − 0.55) / (0.82 − 0.55) = 1/3; 181 of 1,096 days elapsed = 0.1651.
    assert!((p.progress.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert!((p.expected.unwrap() - 181.0 / 1096.0).abs() < 1e-12);
    assert!((p.change.unwrap() - 0.09).abs() < 1e-12);
    assert_eq!((p.on_track, p.status), (Some(true), KpiStatus::OnTrack));
    // 915 days to 2029-01-01 = 10.05 quarters → 11; 0.18 to go → 0.016364 a quarter.
    assert_eq!(p.remaining_periods, 11);
    assert!((p.needed_per_period.unwrap() - 0.18 / 11.0).abs() < 1e-12);
    assert_eq!(p.phase_now, Some(Phase::RollOut));
}

#[test]
fn a_falling_kpi_behind_schedule_says_how_much_per_half_year() {
    let k = kpi("handling_days");
    // 7 → 2 days. Mid-term (2027-07-01, 546 of 1,096 days = 0.498 of the time) at 6 days:
    // 1 of 5 days gained = 0.2 of the way: behind.
    let series = [obs(d(2026, 7, 1), 6.5), obs(d(2027, 7, 1), 6.0)];
    let p = kpi_progress(&k, &series, d(2027, 7, 1), 182).unwrap();
    assert!((p.progress.unwrap() - 0.2).abs() < 1e-12);
    assert!((p.expected.unwrap() - 546.0 / 1096.0).abs() < 1e-12);
    assert_eq!((p.on_track, p.status), (Some(false), KpiStatus::Behind));
    // 550 days left = 3.02 half-years → 4; 4 days to lose → −1 day each.
    assert_eq!(p.remaining_periods, 4);
    assert_eq!(p.needed_per_period, Some(-1.0));
    assert_eq!(p.latest.unwrap().date, d(2027, 7, 1));
}

#[test]
fn met_missed_and_no_data() {
    let k = kpi("match_rate");
    let met = kpi_progress(&k, &[obs(d(2027, 1, 1), 0.85)], d(2027, 1, 1), 91).unwrap();
    assert_eq!((met.status, met.needed_per_period), (KpiStatus::Met, None));
    let missed = kpi_progress(&k, &[obs(d(2029, 1, 1), 0.80)], d(2029, 1, 1), 91).unwrap();
    assert_eq!(
        (missed.status, missed.remaining_periods),
        (KpiStatus::Missed, 0)
    );
    let none = kpi_progress(
        &k,
        &[Observation {
            date: d(2026, 4, 1),
            value: None,
        }],
        d(2026, 4, 1),
        91,
    )
    .unwrap();
    assert_eq!((none.status, none.on_track), (KpiStatus::NoData, None));
    // A later observation than today is not yet known.
    let future = kpi_progress(&k, &[obs(d(2026, 10, 1), 0.9)], d(2026, 7, 1), 91).unwrap();
    assert_eq!(future.status, KpiStatus::NoData);
}

#[test]
fn a_norm_without_baseline_is_met_or_below_target() {
    let k = kpi("funding_per_resident");
    let below = kpi_progress(&k, &[obs(d(2026, 4, 1), 45.0)], d(2026, 4, 1), 91).unwrap();
    assert_eq!(
        (below.progress, below.on_track, below.status),
        (None, None, KpiStatus::BelowTarget)
    );
    let met = kpi_progress(&k, &[obs(d(2026, 4, 1), 50.0)], d(2026, 4, 1), 91).unwrap();
    assert_eq!((met.on_track, met.status), (Some(true), KpiStatus::Met));
    // 1,006 days from 2026-04-01 to 2029-01-01 = 11.05 quarters → 12; 5 yuan to go.
    assert_eq!(below.remaining_periods, 12);
    assert!((below.needed_per_period.unwrap() - 5.0 / 12.0).abs() < 1e-12);
}

#[test]
fn bad_kpis_name_the_kpi_and_field() {
    let base = kpi("match_rate");
    let cases: [(Edit, &str); 5] = [
        (Box::new(|k| k.measure = "happiness".into()), "measure"),
        (Box::new(|k| k.target = 0.5), "target"),
        (Box::new(|k| k.deadline = k.baseline_date), "deadline"),
        (Box::new(|k| k.direction = Direction::Decrease), "direction"),
        (Box::new(|k| k.baseline = Some(f64::NAN)), "baseline"),
    ];
    for (edit, field) in cases {
        let mut k = base.clone();
        edit(&mut k);
        let e = k.check().unwrap_err();
        assert_eq!(e.code(), "SCORING_INVALID_FIELD");
        assert_eq!(
            (e.record().as_deref(), e.field()),
            (Some("kpi match_rate"), Some(field))
        );
    }
    let e = check_kpis(&[base.clone(), base.clone()]).unwrap_err();
    assert_eq!(
        (e.code(), e.record().as_deref()),
        ("SCORING_DUPLICATE_ID", Some("kpi match_rate"))
    );
    let series = [obs(d(2026, 7, 1), 0.6), obs(d(2026, 7, 1), 0.61)];
    let e = kpi_progress(&base, &series, d(2026, 8, 1), 91).unwrap_err();
    assert_eq!(
        (e.record().as_deref(), e.field()),
        (Some("kpi match_rate observation[1]"), Some("date"))
    );
    let e = kpi_progress(&base, &[], d(2026, 8, 1), 0).unwrap_err();
    assert_eq!(e.field(), Some("period_days"));
}
