//! Staffing, special-group coverage, visits, participation, time-bank health, the composite
//! index and policy validation, against hand-worked numbers.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::error::{FieldProblem, RecordRef};
use huzhu::model::*;
use huzhu::scoring::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn at(m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(m, day).and_hms_opt(h, 0, 0).unwrap()
}

fn nov() -> Period {
    Period::new(d(11, 1), d(12, 1)).unwrap()
}

const BASE: GeoPoint = GeoPoint {
    lat: 31.2,
    lon: 121.5,
};

fn resident(id: u32, born: i32) -> Resident {
    Resident::new(
        ResidentId(id),
        NaiveDate::from_ymd_opt(born, 1, 1).unwrap(),
        BASE,
        GridId(1),
    )
}

#[test]
fn staffing_against_the_norms() {
    let mut c = Community::new("Thousand");
    for i in 1..=1_000 {
        c.add_resident(resident(i, 1980)).unwrap();
    }
    for i in 1..=40 {
        c.add_volunteer(Volunteer::new(VolunteerId(i), BASE))
            .unwrap();
    }
    let staff = StaffCounts {
        community_workers: 2,
        social_workers: 1,
    };
    let r = staffing(&c, staff, &StaffingNorms::default()).unwrap();
    // 1,000 residents: 18/10,000 → 1.8 workers; 1/500 → 2 social workers; 5% → 50 volunteers.
    assert!((r.community_workers.required - 1.8).abs() < 1e-12);
    assert_eq!(r.community_workers.meets, Some(true));
    assert_eq!(
        (
            r.social_workers.required,
            r.social_workers.ratio,
            r.social_workers.meets
        ),
        (2.0, Some(0.5), Some(false))
    );
    assert_eq!(
        (r.volunteers.required, r.volunteers.ratio),
        (50.0, Some(0.8))
    );
    assert_eq!(r.volunteer_share, Some(0.04));
    // Attainment (min(1, 2/1.8) + 0.5 + 0.8) / 3 = 2.3 / 3.
    assert!((r.attainment().unwrap() - 2.3 / 3.0).abs() < 1e-12);
}

/// The documents' special-group coverage, worked by hand: covered = a care file open in the
/// period *and* contacts on schedule at its end; needing nothing does not make one uncovered.
/// r1 elderly living alone, 76, living alone: file open since January, visited on 28 November
/// (weekly plan: 3 days ago) → covered. r2 disabled: file closed on 31 October → no file in
/// November → not covered (though nothing is overdue: not on the rounds). r3 disabled and on
/// minimum allowance, 76 with family: file opened 30 November, never contacted (default plan:
/// visit every 15 days, call every 7) → both overdue → not covered. r5 special contribution:
/// a care record in the evidence, no need at all, not on the rounds → covered. r4: no group.
#[test]
fn special_group_coverage_is_a_file_and_contact_on_schedule() {
    let mut c = Community::new("Care");
    let groups: [&[SpecialGroup]; 5] = [
        &[SpecialGroup::ElderlyLivingAlone],
        &[SpecialGroup::Disabled],
        &[SpecialGroup::Disabled, SpecialGroup::MinimumAllowance],
        &[],
        &[SpecialGroup::SpecialContribution],
    ];
    for (i, g) in groups.iter().enumerate() {
        let mut r = resident(i as u32 + 1, 1950);
        r.groups = g.iter().copied().collect();
        if i == 0 {
            r.household = Household::LivesAlone;
        }
        c.add_resident(r).unwrap();
    }
    c.add_worker(Worker::new(WorkerId(1), "Li Hua", WorkerRole::GridWorker))
        .unwrap();
    let assessment = |day| Assessment {
        date: day,
        assessor: "worker#1".into(),
        self_care: SelfCare::Full,
        health_risks: vec![],
        living_risks: vec![],
    };
    let file = |r, opened, closed| CareFile {
        closed,
        ..CareFile::new(ResidentId(r), opened, WorkerId(1), assessment(opened))
    };
    c.add_care_file(file(1, d(1, 1), None)).unwrap();
    c.add_care_file(file(2, d(1, 1), Some(d(10, 31)))).unwrap();
    c.add_care_file(file(3, d(11, 30), None)).unwrap();
    c.add_contact(Contact {
        id: ContactId(1),
        resident: ResidentId(1),
        worker: Some(WorkerId(1)),
        at: at(11, 28, 10),
        kind: ContactKind::Visit,
        notes: String::new(),
    })
    .unwrap();
    let care = [CareRecord {
        resident: ResidentId(5),
        opened: d(6, 1),
        closed: None,
    }];
    let end = at(12, 1, 0);
    let rounds = visit_schedule(&c, &[], end, &VisitPolicy::default());
    let r = special_group_coverage(&c, &care, &rounds, nov(), 1.0);
    let all = r.all;
    assert_eq!(
        (
            all.residents,
            all.with_care_file,
            all.on_schedule,
            all.covered
        ),
        (4, 3, 3, 2)
    );
    assert_eq!(all.share, Some(0.5));
    let dis = r.by_group[&SpecialGroup::Disabled];
    assert_eq!(
        (
            dis.residents,
            dis.with_care_file,
            dis.on_schedule,
            dis.covered
        ),
        (2, 1, 1, 0)
    );
    assert_eq!(
        r.by_group[&SpecialGroup::ElderlyLivingAlone].share,
        Some(1.0)
    );
    assert_eq!(
        r.by_group[&SpecialGroup::SpecialContribution].share,
        Some(1.0)
    );
    // Against a 50% target, 50% attains it fully.
    let half = special_group_coverage(&c, &care, &rounds, nov(), 0.5);
    assert_eq!(half.attainment, Some(1.0));
    let bad = [CareRecord {
        resident: ResidentId(1),
        opened: d(5, 1),
        closed: Some(d(4, 1)),
    }];
    assert_eq!(
        check_care_records(&c, &bad).unwrap_err().field(),
        Some("closed")
    );
}

#[test]
fn visit_schedule_lists_due_and_overdue() {
    use huzhu::care::DueStatus::{self, Due, Overdue};
    use huzhu::model::ContactKind::{Phone, Visit as Home};
    let mut c = Community::new("Visits");
    // Judged on Thursday 26 November 2026 at noon.
    let alone = |id, born: i32| {
        let mut r = resident(id, born);
        r.household = Household::LivesAlone;
        r
    };
    c.add_resident(alone(1, 1951)).unwrap(); // 75: weekly visits
    c.add_resident(alone(2, 1951)).unwrap();
    c.add_resident(alone(3, 1951)).unwrap();
    c.add_resident(alone(4, 1961)).unwrap(); // 65: visit every 15 days, call weekly
    c.add_resident(alone(5, 1961)).unwrap();
    c.add_resident(alone(6, 1961)).unwrap();
    c.add_resident(alone(7, 1976)).unwrap(); // 50, no group: not on the schedule
    let mut r8 = alone(8, 1971); // 55 but in the elderly-living-alone group: on it
    r8.groups.insert(SpecialGroup::ElderlyLivingAlone);
    c.add_resident(r8).unwrap();
    c.add_resident(resident(9, 1946)).unwrap(); // 80 with family: not on it
    let v = |r, day, kind| VisitLog {
        resident: ResidentId(r),
        at: at(11, day, 10),
        kind,
    };
    let logs = [
        v(1, 20, VisitKind::Home),  // 6 days: due (7 − 1 due-soon day)
        v(2, 18, VisitKind::Home),  // 8 days: overdue
        v(2, 27, VisitKind::Home),  // after now: ignored
        v(3, 24, VisitKind::Home),  // 2 days: fine
        v(3, 10, VisitKind::Phone), // a call does not replace a visit
        v(4, 15, VisitKind::Home),  // 11 days of 15: fine
        v(4, 22, VisitKind::Phone), // 4 days of 7: fine
        v(5, 20, VisitKind::Home),  // visit fine; counts as a call 6 days ago: call due
        v(8, 12, VisitKind::Home),  // 14 days of 15: due
        v(8, 25, VisitKind::Phone), // 1 day: fine
    ];
    assert!(check_visits(&c, &logs).is_ok());
    let r = visit_schedule(&c, &logs, at(11, 26, 12), &VisitPolicy::default());
    assert_eq!((r.in_scope, r.on_schedule), (7, 5)); // r2 and r6 have something overdue
    assert!((r.share_on_schedule.unwrap() - 5.0 / 7.0).abs() < 1e-12);
    let got: Vec<(u32, ContactKind, DueStatus, Option<u32>)> = r
        .due
        .iter()
        .map(|x| (x.resident.0, x.kind, x.status, x.days_since))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, Home, Due, Some(6)),
            (2, Home, Overdue, Some(8)),
            (5, Phone, Due, Some(6)),
            (6, Home, Overdue, None),
            (6, Phone, Overdue, None),
            (8, Home, Due, Some(14)),
        ]
    );
    assert_eq!(r.due[1].interval_days, 7);
    assert_eq!(r.due[2].interval_days, 7);
    assert_eq!(r.due[5].interval_days, 15);
}

fn account(
    account: u32,
    holder: Option<u32>,
    earned: i64,
    redeemed: i64,
    balance: i64,
) -> AccountSummary {
    AccountSummary {
        account,
        kind: AccountKind::Member,
        holder: holder.map(ResidentId),
        earned,
        redeemed,
        transferred: 0,
        donated: 0,
        balance,
    }
}

/// r1..r4, r4 also volunteer 1; each has a meal need on 5 November; volunteer 1 finished
/// r1, r2 and r4's and cancelled r3's.
fn participation_community() -> (Community, Vec<ServiceRecord>) {
    let mut c = Community::new("Participation");
    for i in 1..=4 {
        c.add_resident(resident(i, 1950)).unwrap();
    }
    c.add_volunteer(Volunteer {
        resident: Some(ResidentId(4)),
        ..Volunteer::new(VolunteerId(1), BASE)
    })
    .unwrap();
    for i in 1..=4 {
        let w = TimeWindow::new(at(11, 5, 9), at(11, 5, 12)).unwrap();
        c.add_need(Need::new(
            NeedId(i),
            ResidentId(i),
            "elder.meals".into(),
            at(11, 2, 9),
            w,
            60,
        ))
        .unwrap();
    }
    let v = HelperId::Volunteer(VolunteerId(1));
    let rec = |id, need, outcome| {
        ServiceRecord::new(
            ServiceRecordId(id),
            NeedId(need),
            v,
            at(11, 5, 9),
            at(11, 5, 10),
            outcome,
        )
    };
    let records = vec![
        rec(1, 1, Outcome::Done),
        rec(2, 2, Outcome::Done),
        rec(3, 3, Outcome::Cancelled),
        rec(4, 4, Outcome::Done),
    ];
    (c, records)
}

#[test]
fn participation_counts_each_resident_once() {
    let (c, records) = participation_community();
    // r4 volunteered (done record of volunteer 1, who is r4); r2 earned; r3 redeemed; r1 both
    // earned nothing and redeemed nothing. r4 also earned: counted once.
    let tb = [TimeBankPeriod {
        period: nov(),
        cap_minutes: None,
        accounts: vec![
            account(1, Some(1), 0, 0, 10),
            account(2, Some(2), 60, 0, 60),
            account(3, Some(3), 0, 30, 0),
            account(4, Some(4), 90, 0, 90),
        ],
    }];
    // A summary of October does not count for November.
    let oct = TimeBankPeriod {
        period: Period::new(d(10, 1), d(11, 1)).unwrap(),
        cap_minutes: None,
        accounts: vec![account(1, Some(1), 60, 0, 60)],
    };
    let all = [tb[0].clone(), oct];
    assert!(check_time_bank(&c, &all).is_ok());
    let p = participation(&c, &records, &all, nov(), 0.6);
    assert_eq!(
        (
            p.residents,
            p.volunteered,
            p.earned,
            p.redeemed,
            p.participated
        ),
        (4, 1, 2, 1, 3)
    );
    assert_eq!(p.share, Some(0.75));
}

#[test]
fn time_bank_health_sums_and_flags_near_cap() {
    let mut fund = account(4, None, 0, 0, 1_000);
    fund.kind = AccountKind::Fund;
    let mut two = account(2, Some(2), 60, 30, 500);
    two.transferred = 10;
    two.donated = 5;
    let p = TimeBankPeriod {
        period: nov(),
        cap_minutes: Some(90_000),
        accounts: vec![
            fund,
            two,
            account(1, Some(1), 120, 0, 85_000),
            account(3, None, 0, 0, -20),
        ],
    };
    let h = &time_bank_health(std::slice::from_ref(&p), 0.9)[0];
    // Earned 180, redeemed 30, transferred 10, donated 5; owed 85,000 + 500 (the negative
    // balance adds nothing); fund 1,000; redemption 30/180; near cap from 81,000: account 1.
    assert_eq!(
        (h.accounts, h.earned, h.redeemed, h.transferred, h.donated),
        (4, 180, 30, 10, 5)
    );
    assert_eq!((h.outstanding, h.fund_balance), (85_500, 1_000));
    assert!((h.redemption_ratio.unwrap() - 1.0 / 6.0).abs() < 1e-12);
    assert_eq!(
        h.near_cap,
        vec![NearCap {
            account: 1,
            holder: Some(ResidentId(1)),
            balance: 85_000,
            cap: 90_000
        }]
    );
    // Validation names the account and field.
    let (c, _) = participation_community();
    let mut bad = p.clone();
    bad.accounts[1].redeemed = -1;
    assert_eq!(
        check_time_bank(&c, &[bad]).unwrap_err().to_string(),
        "time bank period[0] account#2: field `redeemed` value -1 is outside 0.."
    );
    let mut stranger = p.clone();
    stranger.accounts[1].holder = Some(ResidentId(77));
    assert_eq!(
        check_time_bank(&c, &[stranger]).unwrap_err(),
        ScoringError::UnknownReference {
            record: InputRef::Account {
                period: 0,
                account: 2
            },
            field: "holder".into(),
            target: RecordRef::Resident(ResidentId(77))
        }
    );
    let mut twice = p;
    twice.accounts[0].account = 2;
    assert!(matches!(
        check_time_bank(&c, &[twice]),
        Err(ScoringError::DuplicateId { .. })
    ));
}

#[test]
fn composite_index_with_default_weights_and_a_gap() {
    use Indicator::*;
    let values = BTreeMap::from([
        (Satisfaction, Some(0.8)),
        (ResponseCompliance, Some(0.9)),
        (MatchRate, Some(0.6)),
        (Completion, Some(1.0)),
        (CircleCoverage, Some(0.5)),
        (SpecialGroupCoverage, None),
        (Staffing, Some(0.7)),
        (Visits, Some(1.0)),
        (VolunteerParticipation, Some(0.5)),
        (Utilisation, Some(0.4)),
        (IdentificationAccuracy, Some(0.9)),
        (PersonalisedServices, Some(0.5)),
        (SurveyCoverage, None),
        (CommunityAffairs, Some(0.5)),
        (ActivityParticipation, Some(0.5)),
        (Identity, Some(0.8)),
        (NeighboursKnown, None),
        (FeedbackAnswered, Some(1.0)),
        (SuggestionsAdopted, Some(0.5)),
    ]);
    let idx = composite_index(&values, &default_index_weights()).unwrap();
    // Weighted points: satisfaction 12·0.8 = 9.6, response 12·0.9 = 10.8, match 8·0.6 = 4.8,
    // completion 4·1 = 4, circle 8·0.5 = 4, staffing 4·0.7 = 2.8, visits 4·1 = 4, volunteering
    // 4·0.5 = 2, utilisation 4·0.4 = 1.6, identification 4·0.9 = 3.6, personalised 4·0.5 = 2,
    // community affairs 4·0.5 = 2, activities 4·0.5 = 2, identity 4·0.8 = 3.2, answered 4·1 = 4,
    // adopted 2·0.5 = 1: 61.4 over the 86 weight with data (special groups 8, survey coverage
    // 4 and neighbours known 2 have none) → 61.4 / 86 × 100 = 3,070 / 43 = 71.39…
    assert!((idx.score.unwrap() - 3070.0 / 43.0).abs() < 1e-9);
    assert_eq!(
        idx.missing,
        vec![SpecialGroupCoverage, SurveyCoverage, NeighboursKnown]
    );
    let sat = idx
        .components
        .iter()
        .find(|c| c.indicator == Satisfaction)
        .unwrap();
    assert!((sat.effective_weight - 12.0 / 86.0).abs() < 1e-12);
    assert!((sat.contribution - 480.0 / 43.0).abs() < 1e-9);
    // Users replace the weights: only satisfaction counts.
    let only = BTreeMap::from([(Satisfaction, 1.0)]);
    assert!((composite_index(&values, &only).unwrap().score.unwrap() - 80.0).abs() < 1e-9);
    // Nothing with data → no score.
    assert_eq!(
        composite_index(&BTreeMap::new(), &only).unwrap().score,
        None
    );
}

#[test]
fn policy_validation() {
    assert!(ScoringPolicy::default().check().is_ok());
    let mut p = ScoringPolicy::default();
    p.index_weights.insert(Indicator::Visits, f64::NAN);
    assert_eq!(
        p.check().unwrap_err(),
        ScoringError::invalid(
            InputRef::Policy,
            "index_weights.visits",
            FieldProblem::NotFinite
        )
    );
    let p = ScoringPolicy {
        dimension_weights: BTreeMap::new(),
        ..ScoringPolicy::default()
    };
    assert_eq!(p.check().unwrap_err().field(), Some("dimension_weights"));
    let mut p = ScoringPolicy::default();
    p.staffing.residents_per_social_worker = 0.0;
    assert_eq!(
        p.check().unwrap_err().field(),
        Some("staffing.residents_per_social_worker")
    );
    let mut p = ScoringPolicy::default();
    p.visits.older_visit_days = 0;
    assert_eq!(
        p.check().unwrap_err().field(),
        Some("visits.older_visit_days")
    );
    let mut p = ScoringPolicy::default();
    p.visits.high_risk_visit_days = 0;
    assert_eq!(
        p.check().unwrap_err().field(),
        Some("visits.high_risk_visit_days")
    );
    // The new targets are checked like the others.
    let p = ScoringPolicy {
        identification_target: 0.0,
        ..ScoringPolicy::default()
    };
    assert_eq!(
        p.check().unwrap_err().field(),
        Some("identification_target")
    );
}
