//! `huzhu-care-day RESIDENTS [SEED] [MAX_VISITS]`: writes a synthetic care-visit day in
//! Solomon's VRPTW format, for comparing routing solvers on the community's own problem.
//!
//! The district (huzhu's generator, RESIDENTS residents) gives Monday's home visits that are
//! due or overdue (the care files' contact plans): each a home, 30 minutes, demand 1, and a
//! window by the resident's id — a third the morning (9:00-12:00), a third the afternoon
//! (14:00-17:00), a third any time 9:00-17:00. Coordinates are in seconds of walking (metres
//! east and north of the homes' centre × 1.3 for the streets / 1.25 m/s), so Euclidean
//! distance is the walking time, as Solomon's format wants. Times are seconds after 8:00. The
//! depot is the centre; there are enough vehicles (one per 8 visits, capacity 1,000) for every
//! visit to be served, so solvers that must serve everything can be compared. At most
//! `MAX_VISITS` visits (default all), the most overdue first.

use chrono::NaiveDate;
use huzhu::care::{DueStatus, contact_schedule};
use huzhu::model::{ContactKind, ContactPolicy};
use huzhu::synth::{DistrictConfig, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let residents: u32 = args
        .next()
        .ok_or("usage: huzhu-care-day RESIDENTS [SEED] [MAX_VISITS]")?
        .parse()?;
    let seed: u64 = args.next().map_or(Ok(2026), |s| s.parse())?;
    let max: usize = args.next().map_or(Ok(usize::MAX), |s| s.parse())?;
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let district = generate(&DistrictConfig::new(residents, week).with_seed(seed))?;
    let community = &district.community;
    let now = week.and_hms_opt(8, 0, 0).ok_or("time")?;
    let report = contact_schedule(community, &[], now, &ContactPolicy::default());
    let mut due: Vec<_> = report
        .due
        .iter()
        .filter(|d| d.kind == ContactKind::Visit)
        .filter_map(|d| {
            Some((
                d.status != DueStatus::Overdue,
                d.resident,
                community.resident(d.resident)?.home,
            ))
        })
        .collect();
    due.sort_by_key(|&(due_only, id, _)| (due_only, id));
    due.truncate(max);
    if due.is_empty() {
        return Err("no home visits due".into());
    }
    let count = due.len() as f64;
    let centre = huzhu::model::GeoPoint {
        lat: due.iter().map(|d| d.2.lat).sum::<f64>() / count,
        lon: due.iter().map(|d| d.2.lon).sum::<f64>() / count,
    };
    // Seconds of walking east and north of the centre.
    let xy = |p: huzhu::model::GeoPoint| {
        let north = (p.lat - centre.lat).to_radians() * 6_371_008.8;
        let east = (p.lon - centre.lon).to_radians() * 6_371_008.8 * centre.lat.to_radians().cos();
        (east * 1.3 / 1.25, north * 1.3 / 1.25)
    };
    let vehicles = due.len().div_ceil(8) + 1;
    println!(
        "CARE-DAY-{residents}-{seed}\n\nVEHICLE\nNUMBER     CAPACITY\n{vehicles:>6}{:>12}\n",
        1000
    );
    println!(
        "CUSTOMER\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n"
    );
    let h = |x: u32| f64::from(x - 8) * 3600.0;
    println!(
        "{:>5} {:>10.1} {:>10.1} {:>8} {:>10} {:>10} {:>8}",
        0,
        0.0,
        0.0,
        0,
        0,
        h(18),
        0
    );
    for (i, (_, id, home)) in due.iter().enumerate() {
        let (x, y) = xy(*home);
        // The window bounds the start of service (Solomon's due date), so it closes 30 minutes
        // before the visit must end.
        let (ready, close) = match id.0 % 3 {
            0 => (h(9), h(12) - 1800.0),
            1 => (h(14), h(17) - 1800.0),
            _ => (h(9), h(17) - 1800.0),
        };
        println!(
            "{:>5} {x:>10.1} {y:>10.1} {:>8} {ready:>10} {close:>10} {:>8}",
            i + 1,
            1,
            1800
        );
    }
    Ok(())
}
