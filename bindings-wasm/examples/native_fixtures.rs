//! Writes what the native core computes on the shared fixtures, for the Node tests to compare
//! the wasm package against byte for byte (plans, the evaluation report) or value for value
//! (scorecards, the care loop).
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
    println!("wrote native fixtures to {}", out.display());
    Ok(())
}
