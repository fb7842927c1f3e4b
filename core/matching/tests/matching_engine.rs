//! The matcher end to end on hand-worked communities. Every solve is verified.
//!
//! Costs are worked by hand from the default policy: 10 per walking minute (80 m/min, rounded
//! up), 25 for the default 95% reliability, no delay when the service starts at the window's
//! start.

use huzhu::matching::*;
use huzhu::model::*;
use huzhu_testkit::*;

fn v(id: u32) -> HelperId {
    HelperId::Volunteer(VolunteerId(id))
}

fn solve(m: &mut Matcher<'_>) -> MatchPlan {
    let plan = m.solve().unwrap();
    m.verify().unwrap();
    plan
}

/// R1 at the origin, R2 400 m south; V1 400 m north, V2 800 m north.
fn two_by_two() -> Community {
    let mut c = Community::new("Two by two");
    c.add_resident(resident(1, origin())).unwrap();
    c.add_resident(resident(2, north(-400.0))).unwrap();
    c.add_volunteer(volunteer(1, north(400.0))).unwrap();
    let mut v2 = volunteer(2, north(800.0));
    v2.max_travel_m = 1_000; // cannot reach R2 (1,200 m)
    c.add_volunteer(v2).unwrap();
    c.add_need(need(1, 1)).unwrap();
    c.add_need(need(2, 2)).unwrap();
    c
}

#[test]
fn hand_worked_costs_and_optimum() {
    // N1: V1 400 m → 5 min → 50 + 25 = 75; V2 800 m → 10 min → 100 + 25 = 125.
    // N2: V1 800 m → 125; V2 out of reach. V1 has 4 tasks, the first 2 free: V1 takes both.
    let c = two_by_two();
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    let plan = solve(&mut m);
    assert!(plan.optimal);
    assert_eq!(plan.objective, 200);
    assert_eq!(plan.lower_bound, Some(200));
    let a1 = plan.assignment(NeedId(1)).unwrap();
    assert_eq!(
        (
            a1.helper,
            a1.cost.travel,
            a1.cost.reliability,
            a1.cost.total
        ),
        (v(1), 50, 25, 75)
    );
    assert_eq!(a1.start, tue(10));
    assert_eq!(a1.score, 96); // 100 × (1 − 75/2000) = 96.25
    assert_eq!(plan.assignment(NeedId(2)).unwrap().cost.total, 125);
    assert_eq!(m.candidates(NeedId(2)).unwrap().candidates.len(), 1);
    assert_eq!(
        m.candidates(NeedId(2)).unwrap().elimination_summary(),
        "1 too far"
    );
}

#[test]
fn fairness_spreads_load_with_convex_tiers() {
    // One free task, then 100 for the second: V1 both = 75 + 125 + 100 = 300,
    // V2 takes N1 and V1 N2 = 125 + 125 = 250.
    let c = two_by_two();
    let mut policy = MatchPolicy::default().with_fairness_step(100);
    policy.fair_free_tasks = 1;
    let mut m = Matcher::new(&c, policy, MatchContext::new(now())).unwrap();
    let plan = solve(&mut m);
    assert_eq!(plan.objective, 250);
    assert_eq!(plan.assignment(NeedId(1)).unwrap().helper, v(2));
    assert_eq!(plan.assignment(NeedId(2)).unwrap().helper, v(1));
}

#[test]
fn special_groups_are_served_first_and_the_loser_is_explained() {
    // V1 takes one task a week. N1 (general) is 400 m from V1, N3 (resident living alone) is
    // 800 m. The plan serves N3; N1 is outcompeted.
    let mut c = Community::new("Priority");
    c.add_resident(resident(1, origin())).unwrap();
    let mut alone = resident(3, north(-400.0));
    alone.household = Household::LivesAlone;
    alone.groups = SpecialGroups::from_iter([SpecialGroup::ElderlyLivingAlone]);
    c.add_resident(alone).unwrap();
    let mut v1 = volunteer(1, north(400.0));
    v1.minutes_per_week = 60;
    c.add_volunteer(v1).unwrap();
    c.add_need(need(1, 1)).unwrap();
    c.add_need(need(3, 3)).unwrap();
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    let plan = solve(&mut m);
    assert_eq!(plan.assignment(NeedId(3)).unwrap().helper, v(1));
    // Objective: N3 costs 125, N1's general penalty is 100,000.
    assert_eq!(plan.objective, 100_125);
    let u = plan.unmatched_need(NeedId(1)).unwrap();
    assert_eq!(u.penalty, 100_000);
    match &u.reason {
        UnmatchedReason::Outcompeted {
            closest,
            shortfall,
            taken_by,
            would_drop,
            ..
        } => {
            assert_eq!(*closest, v(1));
            assert_eq!(taken_by, &vec![NeedId(3)]);
            // Serving N1 instead: +75 − 100,000 (N1's penalty saved) − 125 + 300,000 (N3's
            // special penalty) = 199,950 more.
            assert_eq!(*shortfall, 199_950);
            assert_eq!(*would_drop, Some(NeedId(3)));
        }
        other => panic!("{other:?}"),
    }
    match m.why_not(NeedId(1), v(1)).unwrap() {
        WhyNot::Costlier {
            shortfall,
            would_drop,
            serving,
            ..
        } => {
            assert_eq!(shortfall, Some(199_950));
            assert_eq!(would_drop, Some(NeedId(3)));
            assert_eq!(serving, vec![NeedId(3)]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(m.why_not(NeedId(3), v(1)).unwrap(), WhyNot::Chosen);
}

#[test]
fn every_hard_constraint_is_counted() {
    let mut c = Community::new("Constraints");
    c.add_resident(resident(1, origin())).unwrap();
    // V1: too far. V2: no `escort` skill. V3: male, but a female helper is required.
    // V4: excluded. V5: available only in the afternoon. V6: fits.
    c.add_volunteer(volunteer(1, north(5_000.0))).unwrap();
    c.add_volunteer(volunteer(2, north(100.0))).unwrap();
    let mut v3 = volunteer(3, north(100.0));
    v3.skills.push("escort".into());
    v3.gender = Some(Gender::Male);
    c.add_volunteer(v3).unwrap();
    let mut v4 = volunteer(4, north(100.0));
    v4.skills.push("escort".into());
    v4.gender = Some(Gender::Female);
    c.add_volunteer(v4).unwrap();
    let mut v5 = volunteer(5, north(100.0));
    v5.skills.push("escort".into());
    v5.gender = Some(Gender::Female);
    v5.availability = WeeklySchedule::weekdays(
        chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
    );
    c.add_volunteer(v5).unwrap();
    let mut v6 = volunteer(6, north(100.0));
    v6.certifications.push(Certification {
        skill: "escort".into(),
        valid_until: None,
    });
    v6.gender = Some(Gender::Female);
    c.add_volunteer(v6).unwrap();
    let mut n = need(1, 1);
    n.category = "elder.medical_escort".into();
    n.preferences
        .push(Preference::hard(PreferenceKind::HelperGender(
            Gender::Female,
        )));
    n.excluded_volunteers.push(VolunteerId(4));
    c.add_need(n).unwrap();
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    let plan = solve(&mut m);
    assert_eq!(plan.assignment(NeedId(1)).unwrap().helper, v(6));
    let cands = m.candidates(NeedId(1)).unwrap();
    assert_eq!(
        cands.elimination_summary(),
        "1 too far, 1 without skill `escort`, 1 excluded by the need, 1 not of gender Female, 1 not available Tue 10:00–12:00"
    );
    assert_eq!(
        m.why_not(NeedId(1), v(2)).unwrap(),
        WhyNot::RuledOut {
            constraint: Constraint::MissingSkill {
                skill: "escort".into()
            }
        }
    );
    assert!(matches!(
        m.pin(NeedId(1), v(5)),
        Err(MatchError::NotACandidate { .. })
    ));
}

#[test]
fn no_candidate_reason_lists_eliminations() {
    let mut c = Community::new("Alone");
    c.add_resident(resident(1, origin())).unwrap();
    c.add_volunteer(volunteer(1, north(3_000.0))).unwrap();
    c.add_volunteer(volunteer(2, north(4_000.0))).unwrap();
    let mut n = need(1, 1);
    n.category = "legal.aid".into();
    c.add_need(n).unwrap();
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    let plan = solve(&mut m);
    assert_eq!(plan.objective, 100_000);
    match &plan.unmatched[0].reason {
        UnmatchedReason::NoCandidate { summary, .. } => assert_eq!(summary, "2 too far"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn pins_hold_and_incremental_changes_match_a_fresh_solve() {
    let c = two_by_two();
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    solve(&mut m);
    // Pin N1 to the dearer V2: 125 + 125 = 250.
    m.pin(NeedId(1), v(2)).unwrap();
    let plan = solve(&mut m);
    assert_eq!(plan.objective, 250);
    assert!(plan.assignment(NeedId(1)).unwrap().pinned);
    assert_eq!(plan.stats.solver, Some(SolverKind::SuccessiveShortestPaths));

    // Add a need next to V1 and a volunteer, then compare with a fresh matcher with the same pin.
    let mut n3 = need(3, 1);
    n3.windows[0] = TimeWindow::new(tue(9), tue(11)).unwrap();
    m.add_need(n3).unwrap();
    m.add_volunteer(volunteer(7, north(200.0))).unwrap();
    m.remove_need(NeedId(2)).unwrap();
    let warm = solve(&mut m);

    let changed = m.community().clone();
    let mut fresh =
        Matcher::new(&changed, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    fresh.pin(NeedId(1), v(2)).unwrap();
    let cold = solve(&mut fresh);
    assert_eq!(warm.objective, cold.objective);
    assert_eq!(warm.assignment(NeedId(1)).unwrap().helper, v(2));
    assert!(warm.assignment(NeedId(2)).is_none() && warm.unmatched_need(NeedId(2)).is_none());

    // Unpinning brings back the cheaper plan.
    m.unpin(NeedId(1)).unwrap();
    let free = solve(&mut m);
    let mut fresh =
        Matcher::new(&changed, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    assert_eq!(free.objective, solve(&mut fresh).objective);
}

#[test]
fn removing_a_helper_releases_its_needs() {
    let c = two_by_two();
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    solve(&mut m);
    m.remove_helper(v(1)).unwrap();
    let plan = solve(&mut m);
    // N1 goes to V2 (125), N2 has no one left (100,000).
    assert_eq!(plan.objective, 100_125);
    assert_eq!(plan.assignment(NeedId(1)).unwrap().helper, v(2));
}

#[test]
fn rejected_changes_change_nothing() {
    let c = two_by_two();
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now())).unwrap();
    let before = solve(&mut m);
    assert!(m.add_need(need(1, 1)).is_err()); // duplicate id
    let mut bad = need(9, 1);
    bad.duration_minutes = 0;
    assert!(m.add_need(bad).is_err());
    assert!(matches!(
        m.pin(NeedId(42), v(1)),
        Err(MatchError::UnknownNeed { .. })
    ));
    assert!(matches!(
        m.pin(NeedId(1), HelperId::Volunteer(VolunteerId(42))),
        Err(MatchError::UnknownHelper { .. })
    ));
    let mut changed = need(1, 1);
    changed.category = "no.such".into();
    assert!(m.update_need(changed).is_err());
    let after = solve(&mut m);
    assert_eq!(
        (after.assignments, after.unmatched, after.objective),
        (before.assignments, before.unmatched, before.objective)
    );
}

#[test]
fn same_input_same_plan() {
    let c = two_by_two();
    let a = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now())).unwrap();
    let b = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now())).unwrap();
    assert_eq!(a, b);
}

#[test]
fn invalid_policy_is_rejected() {
    let c = two_by_two();
    let p = MatchPolicy {
        unassigned_penalty_general: 10,
        ..MatchPolicy::default()
    };
    assert!(matches!(
        Matcher::new(&c, p, MatchContext::new(now())),
        Err(MatchError::InvalidPolicy { .. })
    ));
}

#[test]
fn needs_recorded_after_now_do_not_take_part() {
    let mut c = two_by_two();
    let mut late = need(3, 1);
    late.created_at = tue(9);
    late.windows[0] = TimeWindow::new(tue(10), tue(12)).unwrap();
    c.add_need(late).unwrap();
    let plan = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now())).unwrap();
    assert_eq!(plan.stats.needs, 2);
    assert!(plan.assignment(NeedId(3)).is_none() && plan.unmatched_need(NeedId(3)).is_none());
    let later = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(tue(9))).unwrap();
    assert_eq!(later.stats.needs, 3);
}

#[test]
fn committed_tasks_use_capacity_and_continue_the_load_curve() {
    // V1 has 4 tasks with 2 free. With 3 already committed it has one task left, costing the
    // 4th slot: 2 × 40 = 80. N1 → V1 (75 + 80 = 155) vs V2 (125): V2 takes N1, V1 takes N2
    // (125 + 80 = 205). Total 330.
    let c = two_by_two();
    let ctx = MatchContext::new(now()).with_committed(v(1), 3);
    let mut m = Matcher::new(&c, MatchPolicy::default(), ctx).unwrap();
    let plan = solve(&mut m);
    assert_eq!(plan.objective, 330);
    assert_eq!(plan.assignment(NeedId(1)).unwrap().helper, v(2));
    assert_eq!(plan.assignment(NeedId(2)).unwrap().load_cost, 80);
    // Fully committed: V1 can take nothing, N2 stays unmatched.
    let ctx = MatchContext::new(now()).with_committed(v(1), 4);
    let plan = match_needs(&c, &MatchPolicy::default(), &ctx).unwrap();
    assert_eq!(plan.objective, 125 + 100_000);
}

#[test]
fn matched_needs_take_part_only_when_confirmed_and_stay_pinned() {
    let mut c = two_by_two();
    c.set_need_status(NeedId(1), NeedStatus::Matched).unwrap();
    let plan = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now())).unwrap();
    assert_eq!(
        plan.stats.needs, 1,
        "an unconfirmed matched need is left out"
    );
    let ctx = MatchContext::new(now()).with_confirmed(NeedId(1), v(2));
    let mut m = Matcher::new(&c, MatchPolicy::default(), ctx).unwrap();
    let plan = solve(&mut m);
    let a = plan.assignment(NeedId(1)).unwrap();
    assert_eq!((a.helper, a.pinned), (v(2), true));
    assert_eq!(plan.objective, 250);
}
