//! Staffing beyond head counts and funding per resident, worked by hand; special-group
//! satisfaction and the measures KPIs read.

use chrono::NaiveDate;
use huzhu::model::*;
use huzhu::scoring::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// 900 residents: 300 in each of grids 1, 2 and 3. Worker 1 covers grids 1 and 2, worker 2
/// covers grid 2, worker 3 (a qualified social worker) none; grid 3 has nobody.
fn community() -> Community {
    let mut c = Community::new("staffing");
    for i in 1..=900 {
        let grid = GridId(1 + (i - 1) / 300);
        let born = if i <= 10 {
            NaiveDate::from_ymd_opt(1940, 1, 1).unwrap()
        } else {
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
        };
        let mut r = Resident::new(
            ResidentId(i),
            born,
            GeoPoint {
                lat: 31.2,
                lon: 121.5,
            },
            grid,
        );
        if i <= 10 {
            r.groups.insert(SpecialGroup::ElderlyLivingAlone);
        }
        c.add_resident(r).unwrap();
    }
    c.add_worker(
        Worker::new(WorkerId(1), "Li", WorkerRole::GridWorker).with_grids([GridId(1), GridId(2)]),
    )
    .unwrap();
    c.add_worker(Worker::new(WorkerId(2), "Wang", WorkerRole::GridWorker).with_grids([GridId(2)]))
        .unwrap();
    c.add_worker(Worker::new(WorkerId(3), "Zhao", WorkerRole::SocialWorker).with_qualified(true))
        .unwrap();
    c
}

#[test]
fn caseloads_share_grids_and_training_is_scaled_to_a_year() {
    let c = community();
    let q1 = Period::new(d(1, 1), d(4, 1)).unwrap(); // 90 days
    let training = [
        Training {
            worker: WorkerId(1),
            date: d(2, 10),
            minutes: 480,
        },
        Training {
            worker: WorkerId(3),
            date: d(3, 31),
            minutes: 240,
        },
        // Outside the quarter: not counted.
        Training {
            worker: WorkerId(2),
            date: d(4, 1),
            minutes: 600,
        },
    ];
    check_training(&c, &training).unwrap();
    let r = workforce(&c, &training, q1, &StaffingNorms::default());
    // Worker 1: all of grid 1 (300) + half of grid 2 (150) = 450; worker 2: the other 150.
    let load = |w: u32| r.loads.iter().find(|l| l.worker == WorkerId(w)).unwrap();
    assert_eq!(
        (load(1).residents, load(2).residents, load(3).residents),
        (450.0, 150.0, 0.0)
    );
    assert_eq!(r.uncovered_residents, 300);
    assert!(!load(1).over_caseload);
    // 900 residents ÷ 3 workers = 300, below the 500–800 range.
    assert_eq!(
        (r.residents_per_worker, r.within_caseload),
        (Some(300.0), Some(false))
    );
    // 1 of 3 qualified = 0.333 ≥ 0.12.
    assert_eq!((r.qualified, r.meets_qualified), (1, Some(true)));
    // 720 minutes = 12 h ÷ 3 workers × 365 ÷ 90 = 16.22 h a year < 40.
    let h = r.training_hours_per_year.unwrap();
    assert!((h - 12.0 / 3.0 * 365.0 / 90.0).abs() < 1e-12, "{h}");
    assert_eq!(r.meets_training, Some(false));
    assert_eq!(load(2).training_minutes, 0);
}

#[test]
fn funding_per_resident_by_source() {
    let c = community();
    let year = Period::new(d(1, 1), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()).unwrap();
    let money = [
        Funding {
            source: FundingSource::Government,
            date: d(1, 15),
            amount_fen: 3_000_000,
        },
        Funding {
            source: FundingSource::WelfareLottery,
            date: d(6, 1),
            amount_fen: 1_200_000,
        },
        Funding {
            source: FundingSource::Government,
            date: d(7, 1),
            amount_fen: 300_000,
        },
        // Next year: not counted.
        Funding {
            source: FundingSource::Charity,
            date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            amount_fen: 9_000_000,
        },
    ];
    check_funding(&money).unwrap();
    let r = funding(&c, &money, year, &StaffingNorms::default());
    // 45,000 yuan ÷ 900 residents = 50 yuan a resident a year: the norm exactly.
    assert_eq!(r.total_fen, 4_500_000);
    assert_eq!(r.per_resident_year, Some(50.0));
    assert_eq!(r.meets, Some(true));
    assert_eq!(
        r.by_source
            .iter()
            .map(|(s, f)| (s.code(), *f))
            .collect::<Vec<_>>(),
        [("government", 3_300_000), ("welfare_lottery", 1_200_000)]
    );
}

#[test]
fn the_scorecard_carries_workforce_funding_and_special_group_satisfaction() {
    let c = community();
    let q1 = Period::new(d(1, 1), d(4, 1)).unwrap();
    // Four answers about volunteer 1's help: residents 1 and 2 (living alone) 5 and 2, residents
    // 100 and 101 (no group) 4 and 4. Satisfied = overall ≥ 4.
    let mut c = c;
    c.add_volunteer(Volunteer::new(
        VolunteerId(1),
        GeoPoint {
            lat: 31.2,
            lon: 121.5,
        },
    ))
    .unwrap();
    let survey = |id: u32, who: u32, score: u8| SurveyResponse {
        answers: [(Dimension::Attitude, score)].into(),
        ..SurveyResponse::new(
            SurveyId(id),
            ResidentId(who),
            HelperId::Volunteer(VolunteerId(1)),
            q1,
        )
    };
    let surveys = [
        survey(1, 1, 5),
        survey(2, 2, 2),
        survey(3, 100, 4),
        survey(4, 101, 4),
    ];
    let training = [Training {
        worker: WorkerId(1),
        date: d(2, 1),
        minutes: 60,
    }];
    let money = [Funding {
        source: FundingSource::Charity,
        date: d(2, 1),
        amount_fen: 100,
    }];
    let inputs = ScoringInputs {
        surveys: &surveys,
        training: &training,
        funding: &money,
        ..ScoringInputs::new(&c, q1, d(4, 1).and_hms_opt(0, 0, 0).unwrap())
    };
    let card = Scorecard::compute(&inputs, &ScoringPolicy::default()).unwrap();
    assert_eq!(card.measure("special_group_satisfaction"), Some(0.5));
    assert_eq!(card.measure("satisfaction"), Some(0.75));
    assert_eq!(card.measure("qualified_share"), Some(1.0 / 3.0));
    assert_eq!(card.measure("residents_per_worker"), Some(300.0));
    assert_eq!(card.funding.total_fen, 100);
    assert_eq!(card.workforce.loads[0].training_minutes, 60);
    assert_eq!(card.measure("no_such_measure"), None);
    // Every measure code is known to `measure`.
    assert!(MEASURES.iter().all(|m| measure(m.code) == Some(m)));

    let bad = [Training {
        worker: WorkerId(1),
        date: d(2, 1),
        minutes: 0,
    }];
    let e = Scorecard::compute(
        &ScoringInputs {
            training: &bad,
            ..inputs
        },
        &ScoringPolicy::default(),
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.record().as_deref(), e.field()),
        (
            "SCORING_INVALID_FIELD",
            Some("training[0]"),
            Some("minutes")
        )
    );
    let stranger = [Training {
        worker: WorkerId(9),
        date: d(2, 1),
        minutes: 30,
    }];
    let e = Scorecard::compute(
        &ScoringInputs {
            training: &stranger,
            ..inputs
        },
        &ScoringPolicy::default(),
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("SCORING_UNKNOWN_REFERENCE", Some("worker"))
    );
    let zero = [Funding {
        source: FundingSource::Other,
        date: d(2, 1),
        amount_fen: 0,
    }];
    let e = Scorecard::compute(
        &ScoringInputs {
            funding: &zero,
            ..inputs
        },
        &ScoringPolicy::default(),
    )
    .unwrap_err();
    assert_eq!(
        (e.record().as_deref(), e.field()),
        (Some("funding[0]"), Some("amount_fen"))
    );
}

#[test]
fn the_new_norms_are_checked_as_policy_settings() {
    let mut p = ScoringPolicy::default();
    p.staffing.qualified_share = 1.5;
    let e = p.check().unwrap_err();
    assert_eq!(e.setting(), Some("staffing.qualified_share"));
    let mut p = ScoringPolicy::default();
    p.staffing.residents_per_worker_max = 400.0; // below the 500 minimum
    assert_eq!(
        p.check().unwrap_err().setting(),
        Some("staffing.residents_per_worker_max")
    );
}
