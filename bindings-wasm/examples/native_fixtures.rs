//! Writes what the native core computes on the shared fixtures, for the Node tests to compare
//! the wasm package against byte for byte (plans, the evaluation report) or value for value
//! (scorecards, the care loop, visit rounds, a week of them, the week replayed by both
//! dispatchers).
//!
//! `cargo run -p huzhu-wasm --example native_fixtures -- OUT_DIR`

use std::path::PathBuf;

use huzhu::care::{
    contact_schedule, default_rules, identification, infer_needs, needs_list, package_needs,
    risk_flags,
};
use huzhu::matching::{AdviceOptions, MatchContext, MatchPolicy, advise, match_needs};
use huzhu::model::{Community, ContactPolicy, NeedId};
use huzhu::report::{EvaluationInput, evaluation_html};
use huzhu::scoring::{
    Period, Scorecard, ScoringInputs, ScoringPolicy, assignments_from_plan, default_kpis,
};
use huzhu::synth::{DistrictConfig, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: native_fixtures OUT_DIR")?,
    );
    std::fs::create_dir_all(&out)?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");

    // The example snapshot, matched on Tuesday 08:00 with the default policy.
    let text = std::fs::read_to_string(root.join("core/examples/community.json"))?;
    let c = Community::from_json(&text)?;
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
        .ok_or("date")?
        .and_hms_opt(8, 0, 0)
        .ok_or("time")?;
    let plan = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now))?;
    std::fs::write(
        out.join("plan-community.json"),
        serde_json::to_string(&plan)?,
    )?;

    // A 2,000-resident district (seed 2026), matched on Wednesday at noon, and its scorecard.
    let week = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let d = generate(&DistrictConfig::new(2_000, week).with_seed(2026))?;
    let noon = week.and_hms_opt(12, 0, 0).ok_or("time")? + chrono::Duration::days(2);
    let policy = MatchPolicy {
        travel_per_minute: 12,
        ..MatchPolicy::default()
    };
    let plan = match_needs(&d.community, &policy, &MatchContext::new(noon))?;
    std::fs::write(
        out.join("plan-district.json"),
        serde_json::to_string(&plan)?,
    )?;
    // The same district's week replayed by the phone baseline and by huzhu (runs every two hours).
    let cmp = huzhu::dispatch::compare(
        &d.community,
        &huzhu::dispatch::DispatchTimes::office_week(week),
        &MatchPolicy::default(),
    )?;
    std::fs::write(
        out.join("dispatch-district.json"),
        serde_json::to_string(&cmp)?,
    )?;
    let assignments = assignments_from_plan(&plan, noon);
    let period = Period::new(week, week + chrono::Duration::days(7))?;
    let inputs = ScoringInputs {
        assignments: &assignments,
        ..ScoringInputs::new(&d.community, period, d.now)
    };
    let card = Scorecard::compute(&inputs, &ScoringPolicy::default())?;
    std::fs::write(
        out.join("scorecard-district.json"),
        serde_json::to_string(&card)?,
    )?;

    // The care loop of the same district at its `now`: the rounds, the risk flags, the latent
    // needs of the default rules, the week's package needs (from 100,000), the identification
    // indicators of the week and the needs list.
    let rounds = contact_schedule(&d.community, &[], d.now, &ContactPolicy::default());
    let care = serde_json::json!({
        "flags": risk_flags(&d.community, &rounds, d.now),
        "rounds": rounds,
        "inferred": infer_needs(&d.community, d.now, &default_rules()),
        "package": package_needs(&d.community, week, NeedId(100_000)),
        "identification": identification(&d.community, period),
        "needs_list": needs_list(&d.community),
    });
    std::fs::write(
        out.join("care-district.json"),
        serde_json::to_string(&care)?,
    )?;
    // The evaluation report of the same scorecard: the documents' KPIs from 2026-01-01, judged
    // at the week's end, and the staffing advice on Monday at 08:00.
    let monday = week.and_hms_opt(8, 0, 0).ok_or("time")?;
    let (_, advice) = advise(
        &d.community,
        &MatchPolicy::default(),
        &MatchContext::new(monday),
        &AdviceOptions::default(),
    )?;
    let kpis = default_kpis(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?);
    let cards = [card];
    let html = evaluation_html(&EvaluationInput {
        kpis: &kpis,
        advice: &advice,
        community: Some(&d.community),
        ..EvaluationInput::new(&cards, period.end)
    })?;
    std::fs::write(out.join("report-district.html"), html)?;
    visit_rounds(&out)?;
    week_rounds(&out)?;
    println!("wrote native fixtures to {}", out.display());
    Ok(())
}

/// A day of visit rounds: 36 visits scattered over 1.5 km (some with windows, skills, a
/// preferred or required server, urgencies), three walking care workers from the service
/// centre and two volunteers (cycling, e-bike with a working-time limit), morning and afternoon
/// shifts; then a re-plan with worker 2 off sick, visit 1 cancelled and an emergency added.
/// Writes the input (`rounds-input.json`, read by the Node test) and the plan, the re-plan and
/// the plan's GeoJSON.
fn visit_rounds(out: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    use huzhu::model::{GeoPoint, ResidentId, Skill, TimeWindow, Urgency, VolunteerId, WorkerId};
    use huzhu::routing::{
        RoundVisit, RoundWorker, RoundsPolicy, Server, TravelMode, VisitSource, plan_rounds,
        replan_rounds,
    };

    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).ok_or("date")?;
    let at = |h: u32, m: u32| day.and_hms_opt(h, m, 0).ok_or("time");
    let window = |a: (u32, u32), b: (u32, u32)| -> Result<TimeWindow, &str> {
        Ok(TimeWindow {
            start: at(a.0, a.1)?,
            end: at(b.0, b.1)?,
        })
    };
    let centre = GeoPoint {
        lat: 31.2,
        lon: 121.5,
    };
    let worker = |id: u32| Server::Worker(WorkerId(id));
    let visit = |id: u32| -> Result<RoundVisit, &str> {
        Ok(RoundVisit {
            id,
            source: VisitSource::Contact(ResidentId(id)),
            place: centre.offset_m(
                120.0 * f64::from((id * 7) % 11) - 600.0,
                110.0 * f64::from((id * 5) % 13) - 700.0,
            ),
            minutes: 20 + 10 * (id % 3),
            windows: match id % 4 {
                0 => vec![window((9, 30), (11, 30))?],
                1 => vec![window((14, 0), (16, 30))?],
                _ => vec![],
            },
            skills: if id.is_multiple_of(7) {
                vec![Skill("nursing".into())]
            } else {
                vec![]
            },
            required: (id == 13).then_some(Server::Volunteer(VolunteerId(5))),
            preferred: id.is_multiple_of(3).then(|| worker(1 + (id / 3) % 3)),
            urgency: if id.is_multiple_of(9) {
                Urgency::Emergency
            } else if id.is_multiple_of(5) {
                Urgency::SpecialGroup
            } else {
                Urgency::General
            },
        })
    };
    let visits = (1..=36).map(visit).collect::<Result<Vec<_>, _>>()?;
    let day_shifts = vec![window((9, 0), (12, 0))?, window((14, 0), (17, 0))?];
    let server = |server: Server, start: GeoPoint, mode: TravelMode| RoundWorker {
        server,
        start,
        end: start,
        shifts: day_shifts.clone(),
        skills: vec![],
        max_minutes_per_shift: None,
        mode,
    };
    let workers = vec![
        RoundWorker {
            skills: vec![Skill("nursing".into())],
            ..server(worker(1), centre, TravelMode::Walking)
        },
        server(worker(2), centre, TravelMode::Walking),
        server(worker(3), centre, TravelMode::Walking),
        RoundWorker {
            shifts: vec![window((9, 0), (12, 0))?],
            ..server(
                Server::Volunteer(VolunteerId(4)),
                centre.offset_m(300.0, -400.0),
                TravelMode::Cycling,
            )
        },
        RoundWorker {
            max_minutes_per_shift: Some(120),
            ..server(
                Server::Volunteer(VolunteerId(5)),
                centre.offset_m(-500.0, 600.0),
                TravelMode::EBike,
            )
        },
    ];
    let policy = RoundsPolicy {
        seed: 7,
        iterations: 500,
        ..RoundsPolicy::default()
    };
    let plan = plan_rounds(&visits, &workers, &policy)?;
    let mut after_visits: Vec<RoundVisit> = visits.iter().filter(|v| v.id != 1).cloned().collect();
    after_visits.push(RoundVisit {
        urgency: Urgency::Emergency,
        windows: vec![window((10, 0), (12, 0))?],
        ..visit(37)?
    });
    let after_workers: Vec<RoundWorker> = workers
        .iter()
        .filter(|w| w.server != worker(2))
        .cloned()
        .collect();
    let replan = replan_rounds(&plan, &after_visits, &after_workers, &policy)?;
    let input = serde_json::json!({
        "visits": visits, "workers": workers, "policy": {"seed": 7, "iterations": 500},
        "replan": {"visits": after_visits, "workers": after_workers},
    });
    std::fs::write(
        out.join("rounds-input.json"),
        serde_json::to_string(&input)?,
    )?;
    std::fs::write(out.join("rounds-plan.json"), serde_json::to_string(&plan)?)?;
    std::fs::write(
        out.join("rounds-replan.json"),
        serde_json::to_string(&replan)?,
    )?;
    std::fs::write(
        out.join("rounds-geojson.json"),
        serde_json::to_string(&plan.geojson(&visits, &workers))?,
    )?;
    Ok(())
}

/// A week of home-visit rounds in a 2,000-resident district (seed 5) from Monday 7 December
/// 2026: every resident on the rounds as a contact round (30 minutes, 9:00-17:00 on weekdays),
/// the walkers from the middle of their residents' homes (9:00-12:00 and 14:00-17:00), planned
/// Monday to Sunday with 100 iterations a day; and Monday's visits due (at most 15 a worker).
/// Writes the week (`week.json`), its input (`week-input.json`: the contact rounds, the
/// walkers, the days and the policy) and Monday's visits (`week-monday-visits.json`).
fn week_rounds(out: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    use std::collections::BTreeMap;

    use huzhu::model::TimeWindow;
    use huzhu::routing::{
        RoundVisit, RoundsPolicy, WeekPolicy, contact_rounds, contact_visits, plan_week,
        walkers_from_homes,
    };

    let monday = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).ok_or("date")?;
    let d = generate(&DistrictConfig::new(2_000, monday).with_seed(5))?;
    let at = |day: i64, h: u32| -> Result<chrono::NaiveDateTime, &str> {
        (monday + chrono::Duration::days(day))
            .and_hms_opt(h, 0, 0)
            .ok_or("time")
    };
    let weekdays = |from: u32, to: u32| -> Result<Vec<TimeWindow>, &str> {
        (0..5)
            .map(|n| {
                Ok(TimeWindow {
                    start: at(n, from)?,
                    end: at(n, to)?,
                })
            })
            .collect()
    };
    let now = at(0, 8)?;
    let plans = contact_rounds(
        &d.community,
        now,
        &ContactPolicy::default(),
        30,
        &weekdays(9, 17)?,
    );
    let visits: Vec<RoundVisit> = plans.iter().map(|p| p.visit.clone()).collect();
    let mut shifts = weekdays(9, 12)?;
    shifts.extend(weekdays(14, 17)?);
    let workers = walkers_from_homes(&visits, &shifts);
    let policy = WeekPolicy {
        rounds: RoundsPolicy {
            iterations: 100,
            ..RoundsPolicy::default()
        },
        ..WeekPolicy::default()
    };
    let sunday = monday + chrono::Duration::days(6);
    let week = plan_week(&plans, &workers, &BTreeMap::new(), monday..=sunday, &policy)?;
    let report = contact_schedule(&d.community, &[], now, &ContactPolicy::default());
    let day = TimeWindow {
        start: at(0, 9)?,
        end: at(0, 17)?,
    };
    let due = contact_visits(&d.community, &report, day, 30, Some(15));
    let input = serde_json::json!({
        "plans": plans, "workers": workers, "from": monday, "through": sunday,
        "policy": {"rounds": {"iterations": 100}},
    });
    std::fs::write(out.join("week-input.json"), serde_json::to_string(&input)?)?;
    std::fs::write(out.join("week.json"), serde_json::to_string(&week)?)?;
    std::fs::write(
        out.join("week-monday-visits.json"),
        serde_json::to_string(&due)?,
    )?;
    Ok(())
}
