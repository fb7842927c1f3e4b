//! The demo's visit rounds: Monday's home visits that are due or overdue, planned for each
//! worker's morning and afternoon on foot from the centre of the homes they visit, with the
//! resident's own worker preferred; one worker's round printed, all written as GeoJSON. Then
//! the week: every resident on the home-visit rounds, planned Monday to Friday so each one's
//! contact interval holds through Sunday.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use huzhu::care::ContactReport;
use huzhu::model::{Community, ContactPolicy, TimeWindow};
use huzhu::routing::{
    RoundsPolicy, Unplanned, WeekPolicy, contact_rounds, contact_visits, plan_rounds, plan_week,
    walkers_from_homes,
};

/// Plans and prints the rounds; writes `target/huzhu-demo-rounds.geojson`.
pub fn rounds(
    community: &Community,
    due: &ContactReport,
    day: NaiveDate,
) -> Result<(), Box<dyn std::error::Error>> {
    let at = |h: u32| day.and_hms_opt(h, 0, 0).expect("a valid hour");
    let window = TimeWindow {
        start: at(9),
        end: at(17),
    };
    let visits = contact_visits(community, due, window, 30, None);
    let shifts = [
        TimeWindow {
            start: at(9),
            end: at(12),
        },
        TimeWindow {
            start: at(14),
            end: at(17),
        },
    ];
    let workers = walkers_from_homes(&visits, &shifts);
    let policy = RoundsPolicy {
        iterations: 300,
        ..RoundsPolicy::default()
    };
    let started = Instant::now();
    let plan = plan_rounds(&visits, &workers, &policy)?;
    let seconds = started.elapsed().as_secs_f64();
    let planned: usize = plan.rounds.iter().map(|r| r.stops.len()).sum();
    let mut why: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, u) in &plan.unplanned {
        let reason = match u {
            Unplanned::NoSkilledServer => "no skilled server",
            Unplanned::WindowUnreachable => "window unreachable",
            Unplanned::ShiftFull => "shifts full",
            Unplanned::BudgetSpent => "weekly minutes spent",
            Unplanned::Outcompeted { .. } => "outcompeted by overdue visits",
        };
        *why.entry(reason).or_default() += 1;
    }
    let kept = plan
        .rounds
        .iter()
        .flat_map(|r| r.stops.iter().map(move |s| (r.server, s.visit)))
        .filter(|(server, v)| {
            visits
                .iter()
                .any(|x| x.id == *v && x.preferred == Some(*server))
        })
        .count();
    println!("\nVisit rounds 走访路线 ({day}, on foot, 9:00-12:00 and 14:00-17:00)");
    println!(
        "  {} home visits due for {} workers: {planned} planned in {} rounds ({kept} with the resident's own worker), {} min walking, planned in {seconds:.2} s",
        visits.len(),
        workers.len(),
        plan.rounds.len(),
        plan.travel_minutes
    );
    let reasons: Vec<String> = why.iter().map(|(r, n)| format!("{n} {r}")).collect();
    println!(
        "  not planned today (they wait for the days after): {} ({})",
        plan.unplanned.len(),
        if reasons.is_empty() {
            "none".to_owned()
        } else {
            reasons.join(", ")
        }
    );
    if let Some(r) = plan
        .rounds
        .iter()
        .max_by_key(|r| (r.stops.len(), std::cmp::Reverse(r.server)))
    {
        let stops: Vec<String> = r
            .stops
            .iter()
            .map(|s| format!("{} resident#{}", s.start.format("%H:%M"), s.visit))
            .collect();
        println!(
            "  e.g. {} shift {}: out {}, {}; back {} ({} min walking)",
            r.server,
            r.shift + 1,
            r.depart.format("%H:%M"),
            stops.join(", "),
            r.back.format("%H:%M"),
            r.travel_minutes
        );
    }
    let path = std::path::Path::new("target").join("huzhu-demo-rounds.geojson");
    std::fs::write(&path, plan.geojson(&visits, &workers).to_string())?;
    println!("  rounds as GeoJSON: {}", path.display());
    Ok(())
}

/// Plans and prints the week from Monday 08:00: how many residents' intervals hold, what the
/// days carry, and who is left overdue and why.
pub fn week(community: &Community, monday: NaiveDate) -> Result<(), Box<dyn std::error::Error>> {
    let at = |d: i64, h: u32| {
        (monday + chrono::Duration::days(d))
            .and_hms_opt(h, 0, 0)
            .expect("a valid hour")
    };
    let weekdays = |from: u32, to: u32| -> Vec<TimeWindow> {
        (0..5)
            .map(|d| TimeWindow {
                start: at(d, from),
                end: at(d, to),
            })
            .collect()
    };
    let plans = contact_rounds(
        community,
        at(0, 8),
        &ContactPolicy::default(),
        30,
        &weekdays(9, 17),
    );
    let visits: Vec<_> = plans.iter().map(|p| p.visit.clone()).collect();
    let mut shifts = weekdays(9, 12);
    shifts.extend(weekdays(14, 17));
    let workers = walkers_from_homes(&visits, &shifts);
    let policy = WeekPolicy {
        rounds: RoundsPolicy {
            iterations: 100,
            ..RoundsPolicy::default()
        },
        ..WeekPolicy::default()
    };
    let started = Instant::now();
    let sunday = monday + chrono::Duration::days(6);
    let week = plan_week(&plans, &workers, &BTreeMap::new(), monday..=sunday, &policy)?;
    let seconds = started.elapsed().as_secs_f64();
    let overdue_at_start = week
        .contacts
        .iter()
        .filter(|c| c.overdue_days.first() == Some(&monday))
        .count();
    let made: usize = week.contacts.iter().map(|c| c.made.len()).sum();
    println!(
        "\nThe week's rounds 一周走访 ({monday} to {sunday}, weekdays 9:00-12:00 and 14:00-17:00)"
    );
    println!(
        "  {} residents on the home-visit rounds ({overdue_at_start} overdue on Monday morning): {made} visits made, {} min walking, planned in {seconds:.2} s",
        plans.len(),
        week.travel_minutes
    );
    let per_day: Vec<String> = week
        .days
        .iter()
        .map(|d| {
            let n: usize = d.plan.rounds.iter().map(|r| r.stops.len()).sum();
            format!("{} {n}", d.date.format("%a"))
        })
        .collect();
    println!("  visits by day: {}", per_day.join(", "));
    let late = week
        .contacts
        .iter()
        .filter(|c| c.overdue_days.iter().any(|&d| d > monday))
        .count();
    println!(
        "  interval held every day for {} of {} residents; {} overdue on Monday only (seen that day), {late} overdue later in the week",
        week.kept,
        week.contacts.len(),
        week.contacts.len() - week.kept as usize - late
    );
    // What the intervals ask of the week: from the first day a visit is due (Monday if
    // overdue), one visit every interval through Sunday.
    let needed: i64 = plans
        .iter()
        .map(|p| {
            let due = p
                .last
                .map_or(monday, |l| l + chrono::Duration::days(p.every_days.into()))
                .max(monday);
            if due > sunday {
                0
            } else {
                1 + (sunday - due).num_days() / i64::from(p.every_days)
            }
        })
        .sum();
    if (made as i64) < needed {
        println!(
            "  why: the intervals call for {needed} visits this week and the {} walkers' shifts held {made}: staffing, not the routing, is the limit",
            workers.len()
        );
    } else {
        println!("  the intervals call for {needed} visits this week: the shifts held them all");
    }
    Ok(())
}
