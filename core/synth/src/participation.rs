//! The residents' part in the district: self-governing organisations in every grid (an owners'
//! committee, a volunteer team, two interest groups) graded 1A–5A, thirteen weeks of meetings,
//! hearings and activities up to the end of the generated week with their attendees, and the
//! complaints and suggestions of those weeks. Calibrated to the documents' "before" figures:
//! about 31% of adults at a meeting or hearing in the quarter, about 25% at an activity,
//! retirees far more than working people, about 30% of volunteer teams dormant, about 12
//! suggestions per 1,000 residents a month of which about 55% adopted.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use huzhu_model::error::ModelError;
use huzhu_model::{
    Activity, ActivityId, ActivityKind, Community, Feedback, FeedbackId, FeedbackKind,
    FeedbackOutcome, GridId, IntakeChannel, Occupation, Provider, ProviderId, ProviderKind,
    ResidentId, ServiceStatus, Subject,
};
use rand::Rng;

use crate::geography::GridArea;
use crate::rng::StreamRng;

/// Days of activity and feedback records before the end of the week.
const DAYS: i64 = 91;

fn chance(rng: &mut StreamRng, permille: u32) -> bool {
    rng.random_range(0..1_000) < permille
}

fn at(day: NaiveDate, h: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// What a resident does, by age alone (no random draw, so the residents stay as they were):
/// retired from 60, in school under 23, otherwise working, with one in twenty looking for work
/// and one in ten at home.
pub(super) fn occupation(id: ResidentId, age: u32) -> Occupation {
    match age {
        60.. => Occupation::Retired,
        0..=22 => Occupation::Student,
        _ if id.0.is_multiple_of(20) => Occupation::Unemployed,
        _ if id.0 % 10 == 1 => Occupation::Other,
        _ => Occupation::Working,
    }
}

/// Per mille chance of attending one community meeting or hearing, and of joining one
/// activity, by occupation (retirees take part most, working people least).
fn propensity(o: Option<Occupation>) -> (u32, u32) {
    match o {
        Some(Occupation::Retired) => (240, 320),
        Some(Occupation::Working) => (45, 90),
        Some(Occupation::Student) => (30, 140),
        _ => (80, 140),
    }
}

/// Adds the organisations, activities and feedback to `community`.
pub(super) fn participation_records(
    community: &mut Community,
    grids: &[GridArea],
    week_start: NaiveDate,
    rng: &mut StreamRng,
) -> Result<(), ModelError> {
    let end = week_start + Duration::days(7);
    let first_day = end - Duration::days(DAYS);
    let mut next_provider = community.providers().map(|p| p.id.0).max().unwrap_or(0) + 1;
    let mut add_org = |c: &mut Community, name: String, kind, rng: &mut StreamRng| {
        let id = ProviderId(next_provider);
        next_provider += 1;
        let stars = rng.random_range(1..=5);
        c.add_provider(Provider {
            stars,
            ..Provider::new(id, name, kind)
        })
        .map(|()| id)
    };
    let adults: Vec<(ResidentId, GridId, Option<Occupation>)> = community
        .residents()
        .filter(|r| r.age_on(first_day) >= 18)
        .map(|r| (r.id, r.grid, r.occupation))
        .collect();
    let mut activities: Vec<Activity> = Vec::new();
    let mut push =
        |kind, organiser, start: NaiveDateTime, hours, grid, attendees: Vec<ResidentId>| {
            activities.push(Activity {
                organiser,
                grid: Some(grid),
                place: "Community centre 社区活动中心".into(),
                ..Activity::new(ActivityId(0), kind, start, start + Duration::hours(hours))
                    .with_attendees(attendees)
            });
        };
    for g in grids {
        let n = g.id.0;
        let committee = add_org(
            community,
            format!("Owners' committee {n} 业主委员会{n}"),
            ProviderKind::OwnersCommittee,
            rng,
        )?;
        let team = add_org(
            community,
            format!("Volunteer team {n} 志愿服务队{n}"),
            ProviderKind::VolunteerTeam,
            rng,
        )?;
        let groups = [
            add_org(
                community,
                format!("Calligraphy group {n} 书法兴趣小组{n}"),
                ProviderKind::InterestGroup,
                rng,
            )?,
            add_org(
                community,
                format!("Square dance group {n} 广场舞队{n}"),
                ProviderKind::InterestGroup,
                rng,
            )?,
        ];
        let here: Vec<_> = adults.iter().filter(|(_, grid, _)| *grid == g.id).collect();
        // Community affairs: a residents' meeting every four weeks and a hearing closing the
        // quarter, in the generated week (so a week's card shows one meeting's attendance).
        for k in 0..4 {
            let day = first_day + Duration::days(3 + 28 * k);
            let kind = if k == 3 {
                ActivityKind::Hearing
            } else {
                ActivityKind::Meeting
            };
            let organiser = (k % 2 == 1).then_some(committee);
            let who = here
                .iter()
                .filter(|(_, _, o)| chance(rng, propensity(*o).0))
                .map(|(r, _, _)| *r)
                .collect();
            push(kind, organiser, at(day, 19), 2, g.id, who);
        }
        // Interest groups meet weekly with a steady membership; about 30% of volunteer teams
        // are dormant; the active ones run an event a month.
        for group in groups {
            let members: Vec<ResidentId> = here
                .iter()
                .filter(|(_, _, o)| chance(rng, propensity(*o).1 / 2))
                .map(|(r, _, _)| *r)
                .collect();
            for w in 0..13 {
                let day = first_day + Duration::days(2 + 7 * w);
                let who = members
                    .iter()
                    .copied()
                    .filter(|_| chance(rng, 700))
                    .collect();
                push(
                    ActivityKind::InterestGroup,
                    Some(group),
                    at(day, 14),
                    2,
                    g.id,
                    who,
                );
            }
        }
        if !chance(rng, 300) {
            for k in 0..3 {
                let day = first_day + Duration::days(5 + 30 * k);
                let who = here
                    .iter()
                    .filter(|(_, _, o)| chance(rng, propensity(*o).1 / 3))
                    .map(|(r, _, _)| *r)
                    .collect();
                push(
                    ActivityKind::VolunteerEvent,
                    Some(team),
                    at(day, 9),
                    3,
                    g.id,
                    who,
                );
            }
        }
    }
    activities.sort_by_key(|a| (a.start, a.grid, a.organiser));
    for (i, mut a) in activities.into_iter().enumerate() {
        a.id = ActivityId(i as u32 + 1);
        community.add_activity(a)?;
    }
    feedback(community, first_day, end, rng)
}

/// About 12 suggestions and 5 complaints per 1,000 residents a month; complaints about a
/// service, some residents complaining twice about the same one; most answered within a day.
fn feedback(
    community: &mut Community,
    first_day: NaiveDate,
    end: NaiveDate,
    rng: &mut StreamRng,
) -> Result<(), ModelError> {
    let residents: Vec<ResidentId> = community.residents().map(|r| r.id).collect();
    let services: Vec<_> = community
        .services()
        .filter(|s| s.status == ServiceStatus::Active)
        .map(|s| s.id)
        .collect();
    if residents.is_empty() {
        return Ok(());
    }
    let months = DAYS as u64 / 30;
    let n = residents.len() as u64;
    let suggestions = n * 12 * months / 1_000;
    let complaints = n * 5 * months / 1_000;
    let channels = [
        IntakeChannel::Hotline,
        IntakeChannel::Online,
        IntakeChannel::GridVisit,
    ];
    let mut out: Vec<Feedback> = Vec::new();
    for k in 0..suggestions + complaints {
        let complaint = k >= suggestions;
        let received = at(
            first_day + Duration::days(rng.random_range(0..DAYS)),
            rng.random_range(8..20),
        );
        let mut f = Feedback::new(
            FeedbackId(0),
            if complaint {
                FeedbackKind::Complaint
            } else {
                FeedbackKind::Suggestion
            },
            received,
        );
        f.resident = Some(residents[rng.random_range(0..residents.len())]);
        f.channel = Some(channels[rng.random_range(0..channels.len())]);
        if complaint && !services.is_empty() {
            f.subject = Some(Subject::Service(
                services[rng.random_range(0..services.len())],
            ));
        }
        let answer_hours = if chance(rng, 800) {
            rng.random_range(1..24)
        } else {
            rng.random_range(24..96)
        };
        let answered = received + Duration::hours(answer_hours);
        let closed = answered + Duration::days(rng.random_range(0..10));
        let end_t = at(end, 0);
        if answered < end_t {
            f.answered = Some(answered);
        }
        if closed < end_t {
            f.closed = Some(closed);
            f.outcome = Some(match (complaint, chance(rng, 550)) {
                (false, true) => FeedbackOutcome::Adopted,
                (false, false) => FeedbackOutcome::NotAdopted,
                (true, true) => FeedbackOutcome::Upheld,
                (true, false) => FeedbackOutcome::Dismissed,
            });
        }
        // One complaint in six comes back: the same resident, the same service, weeks later.
        if complaint && chance(rng, 170) {
            let again = received + Duration::days(rng.random_range(7..40));
            if again < end_t {
                let mut g = Feedback::new(FeedbackId(0), FeedbackKind::Complaint, again);
                g.resident = f.resident;
                g.channel = f.channel;
                g.subject = f.subject;
                out.push(g);
            }
        }
        out.push(f);
    }
    out.sort_by_key(|f| (f.received, f.resident));
    for (i, mut f) in out.into_iter().enumerate() {
        f.id = FeedbackId(i as u32 + 1);
        community.add_feedback(f)?;
    }
    Ok(())
}
