//! The documents' claim, measured: the phone baseline and huzhu's matcher side by side on the
//! same district and week.

use chrono::NaiveDate;
use huzhu::dispatch::{DispatchSummary, DispatchTimes, compare};
use huzhu::matching::MatchPolicy;
use huzhu::model::Community;

/// Prints the comparison of the week's dispatching by phone and by huzhu.
pub fn before_and_after(
    c: &Community,
    monday: NaiveDate,
) -> Result<(), Box<dyn std::error::Error>> {
    let times = DispatchTimes::office_week(monday);
    let cmp = compare(c, &times, &MatchPolicy::default())?;
    println!(
        "\nBefore and after 前后对比 (the same {} needs, a run every two hours 08:00–20:00)",
        cmp.matcher.summary.needs
    );
    println!("  phone: first come, first served, the nearest helper free now, no look-ahead");
    println!(
        "  {:<36} {:>14} {:>14}",
        "", "phone 电话派单", "huzhu 智能匹配"
    );
    let (p, m) = (&cmp.phone.summary, &cmp.matcher.summary);
    let pct =
        |r: Option<f64>| r.map_or_else(|| "no data".to_owned(), |r| format!("{:.1}%", r * 100.0));
    let row = |name: &str, f: &dyn Fn(&DispatchSummary) -> String| {
        println!("  {name:<36} {:>14} {:>14}", f(p), f(m));
    };
    row("match rate 供需匹配率", &|s| pct(s.match_rate));
    row("booked by the deadline 响应及时率", &|s| {
        pct(s.on_time_rate)
    });
    row("special groups served 特殊群体", &|s| {
        format!("{}/{}", s.special_served, s.special_needs)
    });
    row("emergencies served 紧急", &|s| {
        format!("{}/{}", s.emergency_served, s.emergency_needs)
    });
    row("median response (min)", &|s| {
        s.median_response_minutes
            .map_or_else(|| "no data".into(), |m| m.to_string())
    });
    row("mean travel (m)", &|s| {
        s.mean_travel_m
            .map_or_else(|| "no data".into(), |m| format!("{m:.0}"))
    });
    row("volunteer load Gini 公平", &|s| {
        s.volunteer_load_gini
            .map_or_else(|| "no data".into(), |g| format!("{g:.2}"))
    });
    row("expired unserved 过期", &|s| s.expired.to_string());
    row("no helper free in its window 无可用", &|s| {
        s.no_candidate.to_string()
    });
    Ok(())
}
