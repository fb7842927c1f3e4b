//! Staffing advice: every prediction is checked by adding the advised helpers to the community
//! and re-solving through the public API.

use chrono::Weekday;
use huzhu::matching::{AdviceOptions, DayPart, MatchContext, MatchPolicy, advise, match_needs};
use huzhu::model::{Community, GridId, NeedId, Skill};
use huzhu::synth::{DistrictConfig, generate};
use huzhu_testkit::{need, north, now, origin, resident, volunteer};

/// Residents 1–`n` in grid 12 each need a `legal` hour on Tuesday 10:00–12:00; resident 100 in
/// grid 1 needs cleaning. The only volunteer (no `legal`) lives at the origin.
fn community(n: u32) -> Community {
    let mut c = Community::new("advice");
    for i in 1..=n {
        let mut r = resident(i, north(f64::from(i) * 50.0));
        r.grid = GridId(12);
        c.add_resident(r).unwrap();
        let mut x = need(i, i);
        x.required_skills = vec![Skill("legal".into())];
        c.add_need(x).unwrap();
    }
    c.add_resident(resident(100, origin())).unwrap();
    c.add_need(need(100, 100)).unwrap();
    c.add_volunteer(volunteer(1, origin())).unwrap();
    c
}

fn matched_after_adding(c: &Community, extra: &[huzhu::model::Volunteer]) -> usize {
    let mut c = c.clone();
    for v in extra {
        c.add_volunteer(v.clone()).unwrap();
    }
    match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now()))
        .unwrap()
        .assignments
        .len()
}

#[test]
fn two_legal_needs_one_recruit_two_more_met() {
    let c = community(2);
    let (plan, advice) = advise(
        &c,
        &MatchPolicy::default(),
        &MatchContext::new(now()),
        &AdviceOptions::default(),
    )
    .unwrap();
    // Before: only the cleaning need is served; the two legal needs have no candidate.
    assert_eq!(plan.assignments.len(), 1);
    assert_eq!(advice.len(), 1);
    let a = &advice[0];
    assert_eq!(a.skills, vec![Skill("legal".into())]);
    assert_eq!(
        (a.grid, a.weekday, a.day_part),
        (GridId(12), Weekday::Tue, DayPart::Morning)
    );
    // 240 minutes a week at 60 nominal minutes a task: 4 tasks, so one recruit takes both.
    assert_eq!((a.recruits, a.predicted_needs, a.needs_met), (1, 2, 2));
    assert_eq!(a.group_needs, vec![NeedId(1), NeedId(2)]);
    let penalties: i64 = plan.unmatched.iter().map(|u| u.penalty).sum();
    assert_eq!(a.predicted_value, penalties);
    // The check from outside: add the recruit, match again.
    assert_eq!(matched_after_adding(&c, &a.volunteers), 1 + 2);
    assert!(
        a.text_en().starts_with(
            "recruit 1 volunteer with `legal` in grid 12 for Tue mornings: +2 needs met"
        )
    );
    assert!(a.text_zh().contains("网格12") && a.text_zh().contains("周二上午"));
}

#[test]
fn recruits_are_capped_and_the_prediction_counts_their_tasks() {
    let c = community(5);
    let options = AdviceOptions {
        minutes_per_week: 120,
        max_recruits: 2,
        ..AdviceOptions::default()
    };
    let (_, advice) = advise(
        &c,
        &MatchPolicy::default(),
        &MatchContext::new(now()),
        &options,
    )
    .unwrap();
    let a = &advice[0];
    // 120 minutes = 2 tasks a recruit; 5 needs want 3 recruits, capped at 2: 4 needs predicted.
    assert_eq!((a.recruits, a.predicted_needs), (2, 4));
    assert_eq!(a.needs_met, 4);
    assert_eq!(matched_after_adding(&c, &a.volunteers), 1 + 4);
}

#[test]
fn bad_options_are_refused_with_the_setting_named() {
    let c = community(1);
    let e = advise(
        &c,
        &MatchPolicy::default(),
        &MatchContext::new(now()),
        &AdviceOptions {
            max_recruits: 0,
            ..AdviceOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), "MATCH_INVALID_POLICY");
    assert!(e.to_string().contains("advice.max_recruits"), "{e}");
}

#[test]
fn every_advice_on_the_synthetic_district_holds_when_re_solved() {
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    // A week planned on Monday morning, with volunteers scarce (1% of residents).
    let d = generate(&DistrictConfig {
        volunteer_permille: 10,
        ..DistrictConfig::new(3_000, monday)
            .with_seed(19)
            .with_needs_recorded_in_advance(true)
    })
    .unwrap();
    let ctx = MatchContext::new(d.week_start.and_hms_opt(8, 0, 0).unwrap());
    let (plan, advice) = advise(
        &d.community,
        &MatchPolicy::default(),
        &ctx,
        &AdviceOptions::default(),
    )
    .unwrap();
    assert!(
        !advice.is_empty(),
        "the synthetic week leaves needs unmet: {} of {}",
        plan.unmatched.len(),
        plan.assignments.len() + plan.unmatched.len()
    );
    for a in &advice {
        let mut c = d.community.clone();
        for v in &a.volunteers {
            c.add_volunteer(v.clone()).unwrap();
        }
        let after = match_needs(&c, &MatchPolicy::default(), &ctx).unwrap();
        assert_eq!(
            after.assignments.len() - plan.assignments.len(),
            a.needs_met as usize,
            "{}",
            a.text_en()
        );
        assert_eq!(plan.objective - after.objective, a.objective_gain);
    }
    // Best first.
    assert!(advice.windows(2).all(|w| w[0].needs_met >= w[1].needs_met));
}
