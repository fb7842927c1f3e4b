//! The demo's evaluation: the week's scorecard against the documents' KPIs, the unmet need by
//! grid, the staffing advice, and the evaluation report written as one HTML file.

use chrono::NaiveDate;
use huzhu::matching::Recruit;
use huzhu::model::Community;
use huzhu::report::{EvaluationInput, evaluation_html};
use huzhu::scoring::{KpiStatus, Scorecard, Tally, default_kpis, evaluate_kpis};

/// Prints the evaluation and writes `target/huzhu-evaluation-report.html`.
pub fn evaluation(
    community: &Community,
    card: &Scorecard,
    advice: &[Recruit],
) -> Result<(), Box<dyn std::error::Error>> {
    let plan_start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let today = card.period.end;
    let kpis = default_kpis(plan_start);
    let cards = std::slice::from_ref(card);
    let progress = evaluate_kpis(&kpis, cards, today)?;
    println!(
        "\nEvaluation 评估 (work plan from {plan_start}; the documents' targets by 2029-01-01)"
    );
    let count = |s: KpiStatus| progress.iter().filter(|p| p.status == s).count();
    println!(
        "  KPIs: {} met, {} on track, {} behind, {} without data this week",
        count(KpiStatus::Met),
        count(KpiStatus::OnTrack),
        count(KpiStatus::Behind),
        count(KpiStatus::NoData)
    );
    for p in progress.iter().filter(|p| p.kpi.baseline.is_some()).take(4) {
        let k = &p.kpi;
        let latest = p
            .latest
            .and_then(|o| o.value)
            .map_or_else(|| "no data".to_owned(), |v| format!("{v:.2}"));
        println!(
            "  {} {}: {} → {} by {}; now {latest} ({:?})",
            k.name_zh,
            k.name_en,
            k.baseline.unwrap_or(f64::NAN),
            k.target,
            k.deadline,
            p.status
        );
    }
    let mut grids: Vec<_> = Tally::by_grid(card, community).into_iter().collect();
    grids.sort_by_key(|(g, t)| {
        let c = t.counts.get("match_rate").copied();
        (std::cmp::Reverse(c.map_or(0, |c| c.n - c.of)), *g)
    });
    let worst: Vec<String> = grids
        .iter()
        .take(3)
        .filter_map(|(g, t)| {
            let c = t.counts.get("match_rate")?;
            Some(format!("grid {} {} of {} unmet", g.0, c.n - c.of, c.n))
        })
        .collect();
    println!("  most unmet need: {}", worst.join("; "));
    println!("  staffing advice (each checked by adding the recruits and re-solving):");
    for a in advice.iter().take(3) {
        println!("    {} · {}", a.text_zh(), a.text_en());
    }
    if advice.is_empty() {
        println!("    none: no unmet need a recruit could serve");
    }
    let html = evaluation_html(&EvaluationInput {
        title_zh: "社区服务周评估".to_owned(),
        title_en: "Weekly community service evaluation".to_owned(),
        community: Some(community),
        kpis: &kpis,
        advice,
        ..EvaluationInput::new(cards, today)
    })?;
    let path = std::path::Path::new("target").join("huzhu-evaluation-report.html");
    std::fs::create_dir_all("target")?;
    std::fs::write(&path, html)?;
    println!(
        "  report: {} (open in a browser; prints to PDF)",
        path.display()
    );
    Ok(())
}
