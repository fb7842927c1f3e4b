//! The residents' part, worked by hand: participation in community affairs and activities,
//! organisations and dormancy, complaints and suggestions, the identity index, and corrective
//! actions. November 2026; "now" is 1 December 00:00.

#![allow(clippy::items_after_statements)] // the tests import variants where they use them

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
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

const HOME: GeoPoint = GeoPoint {
    lat: 31.2,
    lon: 121.5,
};

/// r1 76 alone retired grid 1; r2 36 family working grid 1; r3 26 family student grid 2;
/// r4 86 alone (occupation unknown) grid 2; r5 a child of 11 grid 2; r6 66 family retired grid 1.
/// p1 volunteer team 3A, p2 interest group 1A, p3 social organisation 4A, p4 company, p5 a
/// service centre; s1 run by p3, s2 by p5.
fn community() -> Community {
    let mut c = Community::new("Voice lane");
    let people = [
        (1, 1950, Household::LivesAlone, Some(Occupation::Retired), 1),
        (2, 1990, Household::WithFamily, Some(Occupation::Working), 1),
        (3, 2000, Household::WithFamily, Some(Occupation::Student), 2),
        (4, 1940, Household::LivesAlone, None, 2),
        (5, 2015, Household::WithFamily, None, 2),
        (6, 1960, Household::WithFamily, Some(Occupation::Retired), 1),
    ];
    for (id, born, household, occupation, grid) in people {
        let mut r = Resident::new(
            ResidentId(id),
            NaiveDate::from_ymd_opt(born, 1, 1).unwrap(),
            HOME,
            GridId(grid),
        );
        r.household = household;
        r.occupation = occupation;
        c.add_resident(r).unwrap();
    }
    let orgs = [
        (1, ProviderKind::VolunteerTeam, 3),
        (2, ProviderKind::InterestGroup, 1),
        (3, ProviderKind::SocialOrganisation, 4),
        (4, ProviderKind::Company, 0),
        (5, ProviderKind::ServiceCentre, 0),
    ];
    for (id, kind, stars) in orgs {
        c.add_provider(Provider {
            stars,
            ..Provider::new(ProviderId(id), "Org", kind)
        })
        .unwrap();
    }
    for (id, provider) in [(1, 3), (2, 5)] {
        c.add_service(Service::new(
            ServiceId(id),
            ProviderId(provider),
            "Service",
            vec!["elder.meals".into()],
            HOME,
        ))
        .unwrap();
    }
    let activity = |id, kind, organiser: Option<u32>, start: NaiveDateTime, who: &[u32]| Activity {
        organiser: organiser.map(ProviderId),
        ..Activity::new(
            ActivityId(id),
            kind,
            start,
            start + chrono::Duration::hours(2),
        )
        .with_attendees(who.iter().map(|r| ResidentId(*r)))
    };
    use ActivityKind::*;
    for a in [
        activity(1, Meeting, None, at(11, 5, 19), &[1, 2]),
        activity(2, Cultural, Some(1), at(11, 10, 14), &[1, 6, 5]),
        activity(3, InterestGroup, Some(2), at(7, 1, 14), &[4]),
        activity(4, Hearing, Some(3), at(12, 2, 19), &[3]),
        activity(5, VolunteerEvent, Some(1), at(11, 20, 9), &[1]),
    ] {
        c.add_activity(a).unwrap();
    }
    c
}

#[test]
fn participation_in_affairs_and_activities_by_group() {
    let r = engagement(&community(), nov(), 18);
    // Counted (18+ on 1 Nov): r1, r2, r3, r4, r6. In November: r1 a meeting (affairs), the
    // cultural afternoon and a volunteer event (activities); r2 the meeting only; r6 the
    // cultural afternoon; r3's hearing is on 2 Dec; r4's interest group was in July. Affairs
    // r1, r2: 2/5; activities r1, r6: 2/5; r1 attended 3 times; r3 never reached (r4 was, in
    // July).
    let rate = |x: Rate| (x.participated, x.residents);
    assert_eq!(rate(r.all.community_affairs), (2, 5));
    assert_eq!(rate(r.all.activities), (2, 5));
    assert_eq!(r.all.activities.share, Some(0.4));
    assert_eq!((r.repeat_participants, r.never_reached), (1, 1));
    let both = |e: &Engagement| (rate(e.community_affairs), rate(e.activities));
    // Ages on 1 Nov: r1 76, r6 66 → 60_79; r2 36 → 35_59; r3 26 → 18_34; r4 86 → 80_plus.
    assert_eq!(both(&r.by_age_band["60_79"]), ((1, 2), (2, 2)));
    assert_eq!(both(&r.by_age_band["35_59"]), ((1, 1), (0, 1)));
    assert_eq!(both(&r.by_age_band["18_34"]), ((0, 1), (0, 1)));
    assert_eq!(both(&r.by_age_band["80_plus"]), ((0, 1), (0, 1)));
    assert!(!r.by_age_band.contains_key("under_18"));
    assert_eq!(both(&r.by_household["lives_alone"]), ((1, 2), (1, 2)));
    assert_eq!(both(&r.by_household["with_family"]), ((1, 3), (1, 3)));
    // The documents compare retirees with working people.
    assert_eq!(both(&r.by_occupation["retired"]), ((1, 2), (2, 2)));
    assert_eq!(both(&r.by_occupation["working"]), ((1, 1), (0, 1)));
    assert_eq!(both(&r.by_occupation["unknown"]), ((0, 1), (0, 1)));
    assert_eq!(both(&r.by_grid[&GridId(1)]), ((2, 3), (2, 3)));
    assert_eq!(both(&r.by_grid[&GridId(2)]), ((0, 2), (0, 2)));
    // Counting children too: r5 went to the cultural afternoon.
    let all = engagement(&community(), nov(), 0);
    assert_eq!(rate(all.all.activities), (3, 6));
}

#[test]
fn organisations_active_dormant_and_social_share() {
    let r = organisations(&community(), nov(), 90);
    // Dormant: nothing organised from 2 Sep (90 days before 1 Dec) to 1 Dec.
    let rows: Vec<_> = r
        .rows
        .iter()
        .map(|o| (o.provider.0, o.activities, o.members, o.dormant, o.priority))
        .collect();
    assert_eq!(
        rows,
        vec![
            // p1: cultural (r1, r6, r5) and volunteer event (r1): 2 activities, 3 members.
            (1, 2, 3, false, true),
            // p2: only July's session; 1A.
            (2, 0, 0, true, false),
            // p3: its hearing is on 2 December, after the period; 4A social organisation.
            (3, 0, 0, true, true),
            // p4: a company, never graded.
            (4, 0, 0, true, false),
        ]
    );
    assert_eq!((r.dormant, r.dormant_share), (3, Some(0.75)));
    assert_eq!((r.volunteer_teams, r.volunteer_teams_dormant), (1, 0));
    // Service projects: s1 (p3, social) and s2 (p5, a service centre): 1 of 2 by social
    // organisations and companies.
    assert_eq!((r.projects, r.by_social_and_companies), (2, 1));
    assert_eq!(r.social_share, Some(0.5));
}

fn feedback_community() -> Community {
    let mut c = community();
    let fb = |id, kind, resident, received: NaiveDateTime| Feedback {
        resident: Some(ResidentId(resident)),
        ..Feedback::new(FeedbackId(id), kind, received)
    };
    use FeedbackKind::{Complaint, Suggestion};
    use FeedbackOutcome::*;
    let s1 = Some(Subject::Service(ServiceId(1)));
    let done = |mut f: Feedback, answered, closed, outcome| {
        f.answered = Some(answered);
        f.closed = Some(closed);
        f.outcome = Some(outcome);
        f
    };
    let records = [
        // 125 days before f1: outside the 90-day window.
        done(
            Feedback {
                subject: s1,
                ..fb(10, Complaint, 1, at(7, 1, 9))
            },
            at(7, 1, 10),
            at(7, 2, 9),
            Upheld,
        ),
        done(
            Feedback {
                subject: s1,
                ..fb(1, Complaint, 1, at(11, 3, 9))
            },
            at(11, 3, 15),
            at(11, 5, 9),
            Upheld,
        ),
        done(
            Feedback {
                subject: s1,
                ..fb(2, Complaint, 1, at(11, 20, 9))
            },
            at(11, 22, 9),
            at(11, 24, 9),
            Dismissed,
        ),
        Feedback {
            category: Some("elder.meals".into()),
            ..fb(3, Complaint, 2, at(11, 10, 9))
        },
        done(
            fb(4, Suggestion, 6, at(11, 12, 10)),
            at(11, 12, 12),
            at(11, 19, 10),
            Adopted,
        ),
        done(
            fb(5, Suggestion, 3, at(11, 13, 10)),
            at(11, 14, 9),
            at(11, 15, 10),
            NotAdopted,
        ),
        fb(6, Suggestion, 4, at(11, 30, 20)),
    ];
    for f in records {
        c.add_feedback(f).unwrap();
    }
    c
}

#[test]
fn complaints_and_suggestions_against_the_deadline() {
    let r = voice(&feedback_community(), nov(), at(12, 1, 0), 90);
    assert_eq!((r.complaints, r.suggestions), (3, 3));
    // Decided: f1 (6 h ✓), f2 (48 h ✗), f3 (never answered, its 24 h passed on 11 Nov ✗), f4
    // (2 h ✓), f5 (23 h ✓); f6's deadline is 1 Dec 20:00, after now. 3 of 5.
    assert_eq!((r.decided, r.answered_on_time), (5, 3));
    assert_eq!(r.answered_on_time_share, Some(0.6));
    assert_eq!(r.overdue, vec![FeedbackId(3)]);
    // Answer minutes 120, 360, 1,380, 2,880: p50 rank 2 → 360; p90 rank ⌈3.6⌉ = 4 → 2,880.
    assert_eq!(
        (r.p50_answer_minutes, r.p90_answer_minutes),
        (Some(360), Some(2_880))
    );
    // Closed: f1 2 days, f2 4, f4 7, f5 2 → mean 3.75 days.
    assert_eq!((r.closed, r.mean_handling_days), (4, Some(3.75)));
    // f2 repeats f1 (same resident, same service, 17 days before); f1's July complaint is 125
    // days back; f3 is r2's only one. 1 of 3.
    assert_eq!(r.repeat_complaints, 1);
    assert!((r.repeat_complaint_share.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    // Suggestions closed: f4 adopted, f5 not → 1 of 2.
    assert_eq!(
        (
            r.suggestions_decided,
            r.suggestions_adopted,
            r.adopted_share
        ),
        (2, 1, Some(0.5))
    );
    // A 200-day window makes f1 repeat July's complaint too: 2 of 3.
    assert_eq!(
        voice(&feedback_community(), nov(), at(12, 1, 0), 200).repeat_complaints,
        2
    );
}

#[test]
fn feedback_records_are_checked() {
    let mut c = community();
    let mut f = Feedback::new(FeedbackId(1), FeedbackKind::Suggestion, at(11, 3, 9));
    f.closed = Some(at(11, 2, 9));
    let e = c.add_feedback(f.clone()).unwrap_err();
    assert_eq!(
        (e.record().unwrap().to_string(), e.field()),
        ("feedback#1".into(), Some("closed"))
    );
    f.closed = None;
    f.subject = Some(Subject::Provider(ProviderId(9)));
    assert_eq!(
        c.add_feedback(f).unwrap_err().to_string(),
        "feedback#1: field `subject` refers to unknown provider#9"
    );
    assert_eq!(c.all_feedback().count(), 0);
    let twice = Activity::new(
        ActivityId(9),
        ActivityKind::Meeting,
        at(11, 3, 9),
        at(11, 3, 10),
    )
    .with_attendees([ResidentId(1), ResidentId(1)]);
    assert_eq!(
        c.add_activity(twice).unwrap_err().field(),
        Some("attendees[1]")
    );
}

fn response(
    respondent: u32,
    day: u32,
    answers: [u8; 6],
    neighbours: Option<u32>,
) -> IdentityResponse {
    let codes = ["belong", "proud", "trust", "help", "care", "leave"];
    IdentityResponse {
        respondent: ResidentId(respondent),
        date: d(11, day),
        answers: codes
            .iter()
            .map(|c| (c.to_string(), 0))
            .zip(answers)
            .map(|((c, _), v)| (c, v))
            .collect(),
        neighbours_known: neighbours,
    }
}

#[test]
fn identity_index_alpha_and_neighbours_known() {
    let items = default_identity_items();
    assert_eq!(items.len(), 6);
    assert!(items[5].reverse && items[..5].iter().all(|i| !i.reverse));
    let responses = [
        // r1: all 5, wants to leave 1 (scored 5): mean 5 → 100; knows 10 neighbours.
        response(1, 5, [5, 5, 5, 5, 5, 1], Some(10)),
        // r2 answered twice: the later (all 4, leave 2 → 4: 75; knows 2) counts.
        response(2, 6, [3, 3, 3, 3, 3, 3], Some(4)),
        response(2, 20, [4, 4, 4, 4, 4, 2], Some(2)),
        // r3: 4 4 2 2 4, leave 4 → 2: mean 3 → 50; did not say.
        response(3, 7, [4, 4, 2, 2, 4, 4], None),
    ];
    let c = community();
    assert!(check_identity(&c, &items, &responses).is_ok());
    let r = identity_index(&responses, &items, nov(), 3);
    // (100 + 75 + 50) / 3 = 75.
    assert_eq!((r.respondents, r.index), (3, Some(75.0)));
    // Item variances (n − 1): belong, proud, care 1/3 each; trust, help, leave 7/3 each: 8.
    // Totals 30, 24, 18: variance 36. Alpha = 6/5 × (1 − 8/36) = 14/15.
    assert!((r.alpha.unwrap() - 14.0 / 15.0).abs() < 1e-12);
    assert!((r.item_means["leave"] - 11.0 / 3.0).abs() < 1e-12);
    // Knows at least 3: r1 yes (10), r2 no (2 in the later answer); r3 did not say: 1 of 2.
    assert_eq!(
        (
            r.neighbours_answered,
            r.neighbours_known,
            r.neighbours_known_share
        ),
        (2, 1, Some(0.5))
    );
    // Checks: an answer of 6, an item not in the survey, a missing item, a stranger.
    let mut bad = response(1, 5, [5, 5, 5, 5, 5, 6], None);
    let e = check_identity(&c, &items, std::slice::from_ref(&bad)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "identity response[0]: field `answers.leave` value 6 is outside 1..=5"
    );
    bad.answers.remove("leave");
    assert_eq!(
        check_identity(&c, &items, &[bad.clone()])
            .unwrap_err()
            .field(),
        Some("answers.leave")
    );
    bad.answers.insert("weather".into(), 3);
    assert_eq!(
        check_identity(&c, &items, &[bad]).unwrap_err().field(),
        Some("answers.weather")
    );
    let stranger = response(9, 5, [3; 6], None);
    assert_eq!(
        check_identity(&c, &items, &[stranger]).unwrap_err().field(),
        Some("respondent")
    );
    // Users replace the items: one item of their own.
    let mine = vec![IdentityItem {
        code: "home".into(),
        en: "It feels like home.".into(),
        zh: "像家一样。".into(),
        reverse: false,
    }];
    let one = IdentityResponse {
        answers: BTreeMap::from([("home".to_owned(), 5)]),
        ..response(1, 5, [3; 6], None)
    };
    assert_eq!(identity_index(&[one], &mine, nov(), 3).index, Some(100.0));
}

#[test]
fn corrective_actions_open_at_a_warning_and_close_when_an_evaluation_passes() {
    let month = |m| Period::new(d(m, 1), d(m + 1, 1)).unwrap();
    let alert = |h: u32, m, verdict| QualityAlert {
        helper: HelperId::Service(ServiceId(h)),
        period: month(m),
        n: 30,
        share_satisfied: 0.5,
        interval: (0.3, 0.7),
        years_below: 1,
        verdict,
    };
    use Verdict::*;
    let items = corrective_actions(&[
        // s1: corrected in March, retired while open in April, passes in June; below again in
        // August: a second item, still open.
        alert(1, 3, Correct),
        alert(1, 4, Retire),
        alert(1, 5, InsufficientData),
        alert(1, 6, Ok),
        alert(1, 8, Correct),
        // s2: fine all along.
        alert(2, 3, Ok),
    ]);
    let got: Vec<_> = items
        .iter()
        .map(|a| (a.helper, a.opened, a.escalated, a.closed))
        .collect();
    let s1 = HelperId::Service(ServiceId(1));
    assert_eq!(
        got,
        vec![
            (s1, month(3), true, Some(month(6))),
            (s1, month(8), false, None)
        ]
    );
}
