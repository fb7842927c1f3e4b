//! Satisfaction aggregation and quality alerts, against hand-worked numbers.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use huzhu::error::{FieldProblem, RecordRef};
use huzhu::model::*;
use huzhu::scoring::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn month(m: u32) -> Period {
    Period::new(d(m, 1), d(m + 1, 1)).unwrap()
}

const S1: HelperId = HelperId::Service(ServiceId(1));
const V1: HelperId = HelperId::Volunteer(VolunteerId(1));

fn community() -> Community {
    let mut c = Community::new("Satisfaction street");
    let home = GeoPoint {
        lat: 31.2,
        lon: 121.5,
    };
    c.add_resident(Resident::new(
        ResidentId(1),
        NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
        home,
        GridId(1),
    ))
    .unwrap();
    c.add_provider(Provider {
        id: ProviderId(1),
        name: "Canteen".into(),
        kind: ProviderKind::Canteen,
        stars: 3,
    })
    .unwrap();
    c.add_service(Service {
        schedule: WeeklySchedule::weekdays(
            NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        ),
        capacity_per_week: 50,
        free_for_subsidised: true,
        ..Service::new(
            ServiceId(1),
            ProviderId(1),
            "Elder canteen",
            vec!["elder.meals".into(), "elder.errands".into()],
            home,
        )
    })
    .unwrap();
    c.add_volunteer(Volunteer::new(VolunteerId(1), home))
        .unwrap();
    c
}

fn response(
    id: u32,
    helper: HelperId,
    period: Period,
    answers: &[(Dimension, u8)],
) -> SurveyResponse {
    SurveyResponse {
        answers: answers.iter().copied().collect(),
        ..SurveyResponse::new(SurveyId(id), ResidentId(1), helper, period)
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn surveys() -> Vec<SurveyResponse> {
    use Dimension::{Attitude as A, Content as C, Efficiency as E};
    let nov = month(11);
    vec![
        response(1, S1, nov, &[(C, 5), (E, 4), (A, 3)]),
        response(2, S1, nov, &[(C, 4), (E, 4), (A, 2)]),
        response(3, S1, nov, &[(C, 3), (E, 2), (A, 4)]),
        response(4, S1, nov, &[(C, 2), (E, 5), (A, 5)]),
        response(5, V1, nov, &[(C, 5)]),
    ]
}

fn policy() -> ScoringPolicy {
    let mut p = ScoringPolicy::default();
    p.dimension_weights.insert(Dimension::Content, 2.0);
    p
}

#[test]
fn per_dimension_summary_of_one_service() {
    let c = community();
    let report = satisfaction(&c, &surveys(), &policy()).unwrap();
    let row = report.row(&Scope::Helper(S1), month(11)).unwrap();
    // Content 5, 4, 3, 2: mean 3.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5,
    // sample variance 5/3, sd 1.290994; satisfied (4 or 5) 2 of 4.
    let content = row.dimensions[&Dimension::Content];
    assert_eq!((content.n, content.satisfied), (4, 2));
    assert!(close(content.mean, 3.5));
    assert!(close(content.sd, 1.290_994));
    assert!(close(content.share_satisfied, 0.5));
    // Wilson 2 of 4: centre (0.5 + 0.4802) / 1.9604 = 0.5; half 1.96/1.9604 × √(0.0625 + 0.060025)
    // = 0.999796 × 0.350036 = 0.349965.
    assert!(close(content.ci_low, 0.150_035));
    assert!(close(content.ci_high, 0.849_965));
    // Efficiency 4, 4, 2, 5: mean 3.75, satisfied 3.
    let eff = row.dimensions[&Dimension::Efficiency];
    assert!(close(eff.mean, 3.75));
    assert_eq!(eff.satisfied, 3);
    // Attitude 3, 2, 4, 5: mean 3.5, satisfied 2. No answers on the other two dimensions.
    assert_eq!(row.dimensions[&Dimension::Attitude].satisfied, 2);
    assert_eq!(row.dimensions.len(), 3);
}

#[test]
fn overall_uses_dimension_weights() {
    let c = community();
    let report = satisfaction(&c, &surveys(), &policy()).unwrap();
    let row = report.row(&Scope::Helper(S1), month(11)).unwrap();
    // Weights content 2, efficiency 1, attitude 1 (over answered dimensions only):
    //   r1 (10 + 4 + 3)/4 = 4.25 ✓   r2 (8 + 4 + 2)/4 = 3.5   r3 (6 + 2 + 4)/4 = 3.0
    //   r4 (4 + 5 + 5)/4 = 3.5
    // mean 14.25/4 = 3.5625; satisfied 1 of 4.
    let o = row.overall.unwrap();
    assert_eq!((o.n, o.satisfied), (4, 1));
    assert!(close(o.mean, 3.5625));
    assert!(close(o.share_satisfied, 0.25));
}

#[test]
fn scopes_provider_category_and_all() {
    let c = community();
    let report = satisfaction(&c, &surveys(), &policy()).unwrap();
    let nov = month(11);
    // The provider's and the category's rows hold the service's four answers; the service
    // response has no need, so it counts under the service's first category only.
    assert_eq!(
        report
            .row(&Scope::Provider(ProviderId(1)), nov)
            .unwrap()
            .overall
            .unwrap()
            .n,
        4
    );
    assert!(
        report
            .row(&Scope::Category("elder.meals".into()), nov)
            .is_some()
    );
    assert!(
        report
            .row(&Scope::Category("elder.errands".into()), nov)
            .is_none()
    );
    // All five: content 5, 4, 3, 2, 5 → mean 3.8, satisfied 3 of 5.
    let all = report.row(&Scope::All, nov).unwrap();
    let content = all.dimensions[&Dimension::Content];
    assert!(close(content.mean, 3.8));
    assert_eq!(content.satisfied, 3);
    // The volunteer's one answer: overall 5 → satisfied.
    assert_eq!(
        report
            .row(&Scope::Helper(V1), nov)
            .unwrap()
            .overall
            .unwrap()
            .satisfied,
        1
    );
    // Rows are ordered by scope then period.
    let scopes: Vec<_> = report.rows.iter().map(|r| r.scope.clone()).collect();
    let mut sorted = scopes.clone();
    sorted.sort();
    assert_eq!(scopes, sorted);
    // No response answers all five dimensions, so alpha is undefined.
    assert_eq!((report.cronbach_alpha, report.alpha_respondents), (None, 0));
}

#[test]
fn cronbach_alpha_over_complete_responses() {
    let c = community();
    let nov = month(11);
    // Four respondents, all five items; items 1–3 as in the stats test, items 4 and 5 copy
    // item 1. Item variances 5/3 each → Σ = 25/3. Totals: R1 4+5+4+4+4 = 21, R2 3+3+2+3+3 = 14,
    // R3 5+4+5+5+5 = 24, R4 2+2+3+2+2 = 11; mean 17.5; squared deviations
    // 12.25 + 12.25 + 42.25 + 42.25 = 109 → 109/3. α = 5/4 × (1 − 25/109) = 5/4 × 84/109 = 105/109.
    let table = [[4, 5, 4], [3, 3, 2], [5, 4, 5], [2, 2, 3]];
    let surveys: Vec<_> = table
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let answers = [r[0], r[1], r[2], r[0], r[0]];
            response(
                i as u32 + 1,
                S1,
                nov,
                &Dimension::ALL.into_iter().zip(answers).collect::<Vec<_>>(),
            )
        })
        .collect();
    let report = satisfaction(&c, &surveys, &ScoringPolicy::default()).unwrap();
    assert_eq!(report.alpha_respondents, 4);
    assert!(close(report.cronbach_alpha.unwrap(), 105.0 / 109.0));
}

fn summary(n: u32, satisfied: u32) -> LikertSummary {
    let share = f64::from(satisfied) / f64::from(n);
    let (ci_low, ci_high) =
        huzhu::scoring::stats::wilson_interval(u64::from(satisfied), u64::from(n), 1.96).unwrap();
    LikertSummary {
        n,
        mean: 3.0,
        sd: 1.0,
        satisfied,
        share_satisfied: share,
        ci_low,
        ci_high,
    }
}

fn row(helper: HelperId, period: Period, n: u32, satisfied: u32) -> SatisfactionRow {
    SatisfactionRow {
        scope: Scope::Helper(helper),
        period,
        dimensions: BTreeMap::new(),
        overall: Some(summary(n, satisfied)),
    }
}

/// A month of a given year.
fn ym(year: i32, m: u32) -> Period {
    let start = NaiveDate::from_ymd_opt(year, m, 1).unwrap();
    let end = if m == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap()
    } else {
        NaiveDate::from_ymd_opt(year, m + 1, 1).unwrap()
    };
    Period::new(start, end).unwrap()
}

/// The documents' rule, worked by hand: below 60% satisfied → correct (整改); below 60% in two
/// consecutive years (连续两年) → retire (退出), whatever the period of the scorecard; too few
/// answers (under 30) below the line → "below the line, few answers", never silence.
#[test]
fn alerts_follow_the_documents_years_and_never_silence_the_line() {
    use Verdict::{BelowFewAnswers, Correct, InsufficientData, Retire};
    let (s2, s3, s4) = (
        HelperId::Service(ServiceId(2)),
        HelperId::Service(ServiceId(3)),
        HelperId::Service(ServiceId(4)),
    );
    let report = SatisfactionReport {
        rows: vec![
            // S1: 17/30 = 56.7% in July 2025 (year 2025 below: 1 year) → correct; 17/30 again in
            // July 2026 (2026 below, 2025 below: 2 consecutive years) → retire.
            row(S1, ym(2025, 7), 30, 17),
            row(S1, ym(2026, 7), 30, 17),
            // S2: below in two consecutive *months* of one year: still one year → correct twice
            // (the old two-periods rule would have retired it in August).
            row(s2, ym(2026, 7), 30, 17),
            row(s2, ym(2026, 8), 30, 17),
            // S3: 3/10 = 30% on 10 answers → below the line, few answers; 8/10 → insufficient.
            row(s3, ym(2026, 7), 10, 3),
            row(s3, ym(2026, 8), 10, 8),
            // V1: below in 2024 and in 2026 with no answers in 2025: not consecutive → correct.
            row(V1, ym(2024, 7), 30, 10),
            row(V1, ym(2026, 7), 30, 10),
            // S4: 2025 pooled: (11 + 14) / (20 + 20) = 62.5%, not below, though each month has
            // too few answers (March 55% below → few answers; September 70% → insufficient);
            // 2026: 20/40 = 50% below → one year → correct.
            row(s4, ym(2025, 3), 20, 11),
            row(s4, ym(2025, 9), 20, 14),
            row(s4, ym(2026, 3), 40, 20),
        ],
        cronbach_alpha: None,
        alpha_respondents: 0,
    };
    let alerts = quality_alerts(&report, &AlertPolicy::default());
    let verdicts: Vec<_> = alerts
        .iter()
        .map(|a| (a.helper, a.period, a.verdict, a.years_below))
        .collect();
    assert_eq!(
        verdicts,
        vec![
            (V1, ym(2024, 7), Correct, 1),
            (V1, ym(2026, 7), Correct, 1),
            (S1, ym(2025, 7), Correct, 1),
            (S1, ym(2026, 7), Retire, 2),
            (s2, ym(2026, 7), Correct, 1),
            (s2, ym(2026, 8), Correct, 1),
            (s3, ym(2026, 7), BelowFewAnswers, 0),
            (s3, ym(2026, 8), InsufficientData, 0),
            (s4, ym(2025, 3), BelowFewAnswers, 0),
            (s4, ym(2025, 9), InsufficientData, 0),
            (s4, ym(2026, 3), Correct, 1),
        ]
    );
    // The few-answers warning carries its Wilson interval (3 of 10 at z = 1.96: 10.8%–60.3%):
    // the true share may well be above the line, so it is a warning to look, not a verdict.
    let (lo, hi) = alerts[6].interval;
    assert!(
        (lo - 0.107_789).abs() < 1e-5 && (hi - 0.603_227).abs() < 1e-5,
        "{lo} {hi}"
    );
    // Retirement after three years instead: S1 only corrects.
    let three = AlertPolicy {
        retire_after_years: 3,
        ..AlertPolicy::default()
    };
    let alerts = quality_alerts(&report, &three);
    assert_eq!(alerts[3].verdict, Correct);
}

#[test]
fn survey_validation_names_record_and_field() {
    let c = community();
    let nov = month(11);
    let bad = response(7, S1, nov, &[(Dimension::Efficiency, 0)]);
    let e = check_surveys(&c, &[bad]).unwrap_err();
    assert_eq!(
        e,
        ScoringError::invalid(
            InputRef::Survey(SurveyId(7)),
            "answers.efficiency",
            FieldProblem::OutOfRange {
                value: "0".into(),
                allowed: "1..=5".into()
            }
        )
    );
    let empty = response(8, S1, nov, &[]);
    assert_eq!(
        check_surveys(&c, &[empty]).unwrap_err().field(),
        Some("answers")
    );
    let ok = response(9, S1, nov, &[(Dimension::Content, 3)]);
    assert_eq!(
        check_surveys(&c, &[ok.clone(), ok.clone()]).unwrap_err(),
        ScoringError::DuplicateId {
            record: InputRef::Survey(SurveyId(9))
        }
    );
    let stranger = SurveyResponse {
        helper: HelperId::Service(ServiceId(99)),
        ..ok.clone()
    };
    assert_eq!(
        check_surveys(&c, &[stranger]).unwrap_err(),
        ScoringError::UnknownReference {
            record: InputRef::Survey(SurveyId(9)),
            field: "helper".into(),
            target: RecordRef::Service(ServiceId(99))
        }
    );
    let nobody = SurveyResponse {
        respondent: ResidentId(42),
        ..ok
    };
    assert_eq!(
        check_surveys(&c, &[nobody]).unwrap_err().to_string(),
        "survey#9: field `respondent` refers to unknown resident#42"
    );
}
