//! From the evaluation's results to the report's data: scorecards per period, KPIs, the
//! levels, the grid map, alerts and their actions, staffing advice and the staffing norms.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::data::{
    AdviceLine, AlertLine, ChangeLine, GridCell, KpiLine, LevelLine, NormLine, ReportData,
};
use crate::matching::Recruit;
use crate::model::{Community, HelperId};
use crate::scoring::{
    Hierarchy, Kpi, KpiStatus, Level, LevelNode, LevelRow, Period, Scorecard, ScoringError, Tally,
    compare, evaluate_kpis, measure, rollup,
};

/// What an evaluation report is made of. Build with [`EvaluationInput::new`] and fill what you
/// have.
#[derive(Debug, Clone)]
pub struct EvaluationInput<'a> {
    /// Title in Chinese (empty: the default title).
    pub title_zh: String,
    /// Title in English (empty: the default title).
    pub title_en: String,
    /// The day the report is made: KPIs are judged on it (the caller's clock).
    pub generated: NaiveDate,
    /// One scorecard per evaluation period, in date order; the last is the current one.
    pub cards: &'a [Scorecard],
    /// The community of the last scorecard: the grid map, and the grid level when no `levels`
    /// are given.
    pub community: Option<&'a Community>,
    /// KPIs, judged against the cards.
    pub kpis: &'a [Kpi],
    /// Rows of a roll-up ([`rollup`]); empty: the community and its grids.
    pub levels: &'a [LevelRow],
    /// Staffing advice ([`crate::matching::staffing_advice`]).
    pub advice: &'a [Recruit],
    /// Confidence for the comparison of the last two periods (1.96: 95%).
    pub z: f64,
}

impl<'a> EvaluationInput<'a> {
    /// A report of `cards` made on `generated`, with nothing else.
    pub fn new(cards: &'a [Scorecard], generated: NaiveDate) -> Self {
        Self {
            title_zh: String::new(),
            title_en: String::new(),
            generated,
            cards,
            community: None,
            kpis: &[],
            levels: &[],
            advice: &[],
            z: 1.96,
        }
    }
}

/// The label of a period: `2026 Q1` for a calendar quarter, `2026-11` for a calendar month,
/// else `start – last day`.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::report::period_label;
/// use huzhu::scoring::Period;
/// let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
/// assert_eq!(period_label(Period::new(d(2026, 4), d(2026, 7)).unwrap()), "2026 Q2");
/// assert_eq!(period_label(Period::new(d(2026, 11), d(2026, 12)).unwrap()), "2026-11");
/// ```
pub fn period_label(p: Period) -> String {
    let months =
        (p.end.year() - p.start.year()) * 12 + p.end.month() as i32 - p.start.month() as i32;
    if p.start.day() == 1 && p.end.day() == 1 {
        if months == 3 && (p.start.month() - 1).is_multiple_of(3) {
            return format!("{} Q{}", p.start.year(), (p.start.month() - 1) / 3 + 1);
        }
        if months == 1 {
            return format!("{}-{:02}", p.start.year(), p.start.month());
        }
    }
    let last = p.end.pred_opt().unwrap_or(p.end);
    format!("{} – {}", p.start, last)
}

/// Names of the compared rates that are not measures.
fn rate_names(code: &str) -> (String, String) {
    if let Some(m) = measure(code) {
        return (m.name_zh.to_owned(), m.name_en.to_owned());
    }
    let (zh, en) = match code {
        "completion" => ("服务完成率", "Services completed"),
        "visits" => ("走访按时率", "Visits on schedule"),
        "volunteer_participation" => ("志愿服务参与率", "Volunteer participation"),
        "feedback_answered" => ("诉求按时答复率", "Feedback answered in time"),
        other => (other, other),
    };
    (zh.to_owned(), en.to_owned())
}

fn unit(code: &str) -> (String, bool) {
    match measure(code).map_or("", |m| m.unit) {
        "share" => ("%".into(), true),
        "points" => ("pts".into(), false),
        "days" => ("days".into(), false),
        "yuan" => ("yuan".into(), false),
        "hours" => ("h".into(), false),
        other => (other.to_owned(), false),
    }
}

fn kpi_lines(input: &EvaluationInput<'_>) -> Result<Vec<KpiLine>, ScoringError> {
    let progress = evaluate_kpis(input.kpis, input.cards, input.generated)?;
    Ok(progress
        .into_iter()
        .map(|p| {
            let k = &p.kpi;
            let (unit, percent) = unit(&k.measure);
            KpiLine {
                code: k.code.clone(),
                name_zh: k.name_zh.clone(),
                name_en: k.name_en.clone(),
                unit,
                percent,
                baseline: k.baseline,
                target: k.target,
                deadline: Some(k.deadline),
                phase: k.phase.map(|ph| {
                    let (en, zh) = ph.labels();
                    format!("{zh} · {en}")
                }),
                higher_is_better: k.direction == crate::scoring::Direction::Increase,
                series: p.series.iter().map(|o| o.value).collect(),
                latest: p.latest.and_then(|o| o.value),
                progress: p.progress,
                on_track: p.on_track,
                met: p.status == KpiStatus::Met,
                needed_per_period: p.needed_per_period,
            }
        })
        .collect())
}

fn change_lines(input: &EvaluationInput<'_>) -> Vec<ChangeLine> {
    let [.., before, after] = input.cards else {
        return Vec::new();
    };
    compare(before, after, input.z)
        .rates
        .into_iter()
        .map(|r| {
            let (name_zh, name_en) = rate_names(&r.code);
            ChangeLine {
                code: r.code,
                name_zh,
                name_en,
                before: format!("{}/{}", r.before.of, r.before.n),
                after: format!("{}/{}", r.after.of, r.after.n),
                change: r.change,
                low: r.interval.map(|i| i.0),
                high: r.interval.map(|i| i.1),
                significant: r.significant,
            }
        })
        .collect()
}

/// The community and its grids, when no roll-up is given.
fn default_levels(card: &Scorecard, community: &Community) -> Result<Vec<LevelRow>, ScoringError> {
    let top = "community".to_owned();
    let mut nodes = vec![LevelNode {
        id: top.clone(),
        name: card.community.clone(),
        level: Level::Community,
        parent: None,
    }];
    let mut tallies = BTreeMap::from([(top.clone(), Tally::of(card))]);
    for (g, t) in Tally::by_grid(card, community) {
        let id = format!("grid {}", g.0);
        nodes.push(LevelNode {
            id: id.clone(),
            name: format!("网格 {} · Grid {}", g.0, g.0),
            level: Level::Grid,
            parent: Some(top.clone()),
        });
        tallies.insert(id, t);
    }
    rollup(&Hierarchy::new(nodes)?, &tallies)
}

fn level_lines(rows: &[LevelRow]) -> Vec<LevelLine> {
    rows.iter()
        .map(|r| {
            let share = |code: &str| r.tally.rate(code);
            let demand = r.tally.counts.get("match_rate").copied();
            LevelLine {
                id: r.node.id.clone(),
                name: r.node.name.clone(),
                level: r.node.level.code().to_owned(),
                depth: r.depth,
                residents: r.tally.residents,
                demand: demand.map_or(0, |c| c.n),
                unmet: demand.map_or(0, |c| c.n - c.of),
                match_rate: share("match_rate"),
                response_compliance: share("response_compliance"),
                satisfaction: share("satisfaction"),
            }
        })
        .collect()
}

fn grid_cells(card: &Scorecard, community: &Community) -> Vec<GridCell> {
    let mut at: BTreeMap<u32, (f64, f64, u32)> = BTreeMap::new();
    for r in community.residents() {
        let e = at.entry(r.grid.0).or_insert((0.0, 0.0, 0));
        e.0 += r.home.lat;
        e.1 += r.home.lon;
        e.2 += 1;
    }
    let mut need: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
    for row in &card.supply.rows {
        let e = need.entry(row.grid.0).or_default();
        e.0 += u64::from(row.demand);
        e.1 += u64::from(row.unmet);
    }
    at.into_iter()
        .map(|(g, (lat, lon, n))| {
            let (demand, unmet) = need.get(&g).copied().unwrap_or((0, 0));
            GridCell {
                grid: g.to_string(),
                lat: lat / f64::from(n),
                lon: lon / f64::from(n),
                demand,
                unmet,
            }
        })
        .collect()
}

fn helper_name(community: Option<&Community>, helper: HelperId) -> String {
    let name = community.and_then(|c| match helper {
        HelperId::Service(id) => c.service(id).map(|s| s.name.clone()),
        HelperId::Volunteer(_) => None,
    });
    name.map_or_else(|| helper.to_string(), |n| format!("{n} ({helper})"))
}

fn alert_lines(card: &Scorecard, community: Option<&Community>) -> Vec<AlertLine> {
    card.alerts
        .iter()
        .filter(|a| a.period == card.period && a.verdict.is_warning())
        .map(|a| {
            let action = card
                .corrective_actions
                .iter()
                .rev()
                .find(|x| x.helper == a.helper);
            let (action_zh, action_en, open) = match action {
                Some(x) if x.escalated => ("退出服务", "Retire the service", x.closed.is_none()),
                Some(x) if x.closed.is_some() => ("已整改", "Corrected", false),
                Some(_) => ("整改中", "Correcting", true),
                None => ("关注样本量", "Watch: few answers", true),
            };
            let (en, zh) = a.verdict.labels();
            AlertLine {
                subject: helper_name(community, a.helper),
                verdict_zh: zh.to_owned(),
                verdict_en: en.to_owned(),
                share: Some(a.share_satisfied),
                answers: u64::from(a.n),
                action_zh: action_zh.to_owned(),
                action_en: action_en.to_owned(),
                open,
            }
        })
        .collect()
}

fn norm_lines(card: &Scorecard) -> Vec<NormLine> {
    let s = &card.staffing;
    let w = &card.workforce;
    let f = &card.funding;
    let num = |v: Option<f64>, d: usize| v.map_or_else(|| "—".to_owned(), |x| format!("{x:.d$}"));
    let pct = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |x| format!("{:.1}%", x * 100.0));
    let head =
        |name_zh: &str, name_en: &str, c: &crate::scoring::NormCheck, norm: String| NormLine {
            name_zh: name_zh.to_owned(),
            name_en: name_en.to_owned(),
            actual: c.actual.to_string(),
            norm,
            meets: c.meets,
        };
    vec![
        head(
            "社区工作者",
            "Community workers",
            &s.community_workers,
            format!("≥ {:.1}", s.community_workers.required),
        ),
        head(
            "专业社工",
            "Social workers",
            &s.social_workers,
            format!("≥ {:.1}", s.social_workers.required),
        ),
        head(
            "注册志愿者",
            "Registered volunteers",
            &s.volunteers,
            format!("≥ {:.1}", s.volunteers.required),
        ),
        NormLine {
            name_zh: "每名工作人员服务居民数".into(),
            name_en: "Residents per worker".into(),
            actual: num(w.residents_per_worker, 0),
            norm: format!("{:.0}–{:.0}", w.caseload_norm.0, w.caseload_norm.1),
            meets: w.within_caseload,
        },
        NormLine {
            name_zh: "持证专业人员占比".into(),
            name_en: "Professionally qualified".into(),
            actual: pct(w.qualified_share),
            norm: "≥ 12.0%".into(),
            meets: w.meets_qualified,
        },
        NormLine {
            name_zh: "人均年培训学时".into(),
            name_en: "Training hours per worker a year".into(),
            actual: num(w.training_hours_per_year, 1),
            norm: "≥ 40".into(),
            meets: w.meets_training,
        },
        NormLine {
            name_zh: "人均年服务经费（元）".into(),
            name_en: "Funding per resident a year (yuan)".into(),
            actual: num(f.per_resident_year, 1),
            norm: format!("≥ {:.0}", f.norm),
            meets: f.meets,
        },
    ]
}

/// The report's data for an evaluation: every section filled from the inputs.
///
/// # Errors
/// A bad KPI, a roll-up that cannot be built, or a `z` that is not a positive number.
pub fn evaluation_report(input: &EvaluationInput<'_>) -> Result<ReportData, ScoringError> {
    // The comparison's confidence, as the scoring policy's `z` is checked.
    if !input.z.is_finite() || input.z <= 0.0 {
        return Err(ScoringError::invalid(
            crate::scoring::InputRef::Policy,
            "z",
            if input.z.is_finite() {
                crate::error::FieldProblem::NotPositive
            } else {
                crate::error::FieldProblem::NotFinite
            },
        ));
    }
    let last = input.cards.last();
    let levels = match (input.levels, last, input.community) {
        ([], Some(card), Some(c)) => level_lines(&default_levels(card, c)?),
        (rows, _, _) => level_lines(rows),
    };
    Ok(ReportData {
        title_zh: input.title_zh.clone(),
        title_en: input.title_en.clone(),
        place: last.map(|c| c.community.clone()).unwrap_or_default(),
        generated: Some(input.generated),
        periods: input.cards.iter().map(|c| period_label(c.period)).collect(),
        index: input.cards.iter().map(|c| c.index.score).collect(),
        kpis: kpi_lines(input)?,
        changes: change_lines(input),
        levels,
        grids: match (last, input.community) {
            (Some(card), Some(c)) => grid_cells(card, c),
            _ => Vec::new(),
        },
        alerts: last.map_or_else(Vec::new, |c| alert_lines(c, input.community)),
        advice: input
            .advice
            .iter()
            .map(|a| AdviceLine {
                text_zh: a.text_zh(),
                text_en: a.text_en(),
                recruits: a.recruits,
                needs_met: a.needs_met,
                grid: a.grid.0.to_string(),
                skill: a
                    .skills
                    .iter()
                    .map(crate::model::Skill::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        staffing: last.map_or_else(Vec::new, norm_lines),
    })
}

/// The evaluation report as one self-contained HTML file ([`render_html`](super::render_html)
/// of [`evaluation_report`]).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::Community;
/// use huzhu::report::{EvaluationInput, evaluation_html};
/// use huzhu::scoring::{Period, Scorecard, ScoringInputs, ScoringPolicy, default_kpis};
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let c = Community::new("Demo street");
/// let card = |m| Scorecard::compute(&ScoringInputs::new(&c, Period::new(d(m), d(m + 3)).unwrap(),
///     d(m + 3).and_hms_opt(0, 0, 0).unwrap()), &ScoringPolicy::default()).unwrap();
/// let cards = [card(1), card(4)];
/// let kpis = default_kpis(d(1));
/// let html = evaluation_html(&EvaluationInput { kpis: &kpis, community: Some(&c),
///     ..EvaluationInput::new(&cards, d(7)) }).unwrap();
/// assert!(html.contains("2026 Q1") && html.contains("2026 Q2"));
/// assert!(html.contains("供需匹配率") && html.contains("Match rate"));
/// ```
///
/// # Errors
/// As [`evaluation_report`].
pub fn evaluation_html(input: &EvaluationInput<'_>) -> Result<String, ScoringError> {
    Ok(super::render_html(&evaluation_report(input)?))
}
