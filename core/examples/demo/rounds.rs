//! The demo's visit rounds: Monday's home visits that are due or overdue, planned for each
//! worker's morning and afternoon on foot from the centre of the homes they visit, with the
//! resident's own worker preferred; one worker's round printed, all written as GeoJSON.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use huzhu::care::ContactReport;
use huzhu::model::{Community, TimeWindow};
use huzhu::routing::{RoundsPolicy, Unplanned, contact_visits, plan_rounds, walkers_from_homes};

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
