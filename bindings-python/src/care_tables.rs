//! The care loop's results as tables: contacts due (per resident, worker, grid), risk flags,
//! latent-need findings, the identification indicators and the quarterly needs list.

use huzhu::care::{
    ContactReport, DueCounts, IdentificationReport, InferredNeed, NeedsListRow, RiskFlag,
    RiskReason,
};
use huzhu::model::Community;
use huzhu::scoring::Indicator;
use pyo3_arrow::PyTable;

use crate::evidence::code;
use crate::tables::TableBuilder;

/// Contacts due or overdue: one row per resident and kind of contact.
pub(crate) fn due_table(r: &ContactReport) -> PyTable {
    let d = &r.due;
    let mut b = TableBuilder::default();
    b.int("resident", d.iter().map(|x| Some(i64::from(x.resident.0))))
        .int("grid", d.iter().map(|x| Some(i64::from(x.grid.0))))
        .int("worker", d.iter().map(|x| x.worker.map(|w| i64::from(w.0))))
        .int("age", d.iter().map(|x| Some(i64::from(x.age))))
        .str("kind", d.iter().map(|x| Some(x.kind.code())))
        .int(
            "interval_days",
            d.iter().map(|x| Some(i64::from(x.interval_days))),
        )
        .date("last", d.iter().map(|x| x.last))
        .int("days_since", d.iter().map(|x| x.days_since.map(i64::from)))
        .str("status", d.iter().map(|x| code(&x.status)));
    b.finish()
}

/// Counts keyed by worker or grid: `key` names the key column.
fn counts_table<'a>(
    key: &str,
    rows: impl Iterator<Item = (u32, &'a DueCounts)> + Clone,
    name: impl Fn(u32) -> Option<String>,
) -> PyTable {
    let mut b = TableBuilder::default();
    b.int(key, rows.clone().map(|(k, _)| Some(i64::from(k))));
    if key == "worker" {
        b.str("name", rows.clone().map(|(k, _)| name(k)));
    }
    b.int(
        "residents",
        rows.clone().map(|(_, c)| Some(i64::from(c.residents))),
    )
    .int("due", rows.clone().map(|(_, c)| Some(i64::from(c.due))))
    .int("overdue", rows.map(|(_, c)| Some(i64::from(c.overdue))));
    b.finish()
}

/// Due and overdue counts per responsible worker (with the worker's name).
pub(crate) fn by_worker_table(c: &Community, r: &ContactReport) -> PyTable {
    counts_table("worker", r.by_worker.iter().map(|(w, n)| (w.0, n)), |w| {
        c.worker(huzhu::model::WorkerId(w)).map(|x| x.name.clone())
    })
}

/// Due and overdue counts per grid cell.
pub(crate) fn by_grid_table(r: &ContactReport) -> PyTable {
    counts_table("grid", r.by_grid.iter().map(|(g, n)| (g.0, n)), |_| None)
}

/// Risk flags: one row per flag, with its reason (the core's code and sentence) and the
/// reason's facts (empty where they do not apply).
pub(crate) fn risk_table(flags: &[RiskFlag]) -> PyTable {
    use huzhu::care::RiskReason::{MissedContact, SelfCareFell, UnservedPastDeadline};
    let col = |f: fn(&RiskReason) -> Option<i64>| flags.iter().map(move |x| f(&x.reason));
    let mut b = TableBuilder::default();
    b.int(
        "resident",
        flags.iter().map(|x| Some(i64::from(x.resident.0))),
    )
    .int(
        "worker",
        flags.iter().map(|x| x.worker.map(|w| i64::from(w.0))),
    )
    .str("level", flags.iter().map(|x| Some(x.level.code())))
    .str("reason", flags.iter().map(|x| Some(x.reason.code())))
    .str("message", flags.iter().map(|x| Some(x.reason.to_string())))
    .str(
        "kind",
        flags.iter().map(|x| match &x.reason {
            MissedContact { kind, .. } => Some(kind.code()),
            _ => None,
        }),
    )
    .int(
        "days_since",
        col(|r| match r {
            MissedContact { days_since, .. } => days_since.map(i64::from),
            _ => None,
        }),
    )
    .int(
        "interval_days",
        col(|r| match r {
            MissedContact { interval_days, .. } => Some(i64::from(*interval_days)),
            _ => None,
        }),
    )
    .int(
        "need",
        col(|r| match r {
            UnservedPastDeadline { need, .. } => Some(i64::from(need.0)),
            _ => None,
        }),
    )
    .ts(
        "deadline",
        flags.iter().map(|x| match &x.reason {
            UnservedPastDeadline { deadline, .. } => Some(*deadline),
            _ => None,
        }),
    )
    .str(
        "assessed",
        flags.iter().map(|x| match &x.reason {
            SelfCareFell { assessed, .. } => Some(assessed.code()),
            _ => None,
        }),
    )
    .str(
        "self_care",
        flags.iter().map(|x| match &x.reason {
            SelfCareFell { now, .. } => Some(now.code()),
            _ => None,
        }),
    );
    b.finish()
}

/// Latent-need findings: one row per need a rule inferred, with its facts (the core's JSON
/// object) and the core's sentence.
pub(crate) fn findings_table(c: &Community, found: &[InferredNeed]) -> PyTable {
    let mut b = TableBuilder::default();
    b.int(
        "resident",
        found.iter().map(|x| Some(i64::from(x.resident.0))),
    )
    .int(
        "grid",
        found
            .iter()
            .map(|x| c.resident(x.resident).map(|r| i64::from(r.grid.0))),
    )
    .str("category", found.iter().map(|x| Some(x.category.as_str())))
    .str("rule", found.iter().map(|x| Some(x.rule.as_str())))
    .str(
        "facts",
        found.iter().map(|x| serde_json::to_string(&x.facts).ok()),
    )
    .int(
        "duration_minutes",
        found.iter().map(|x| Some(i64::from(x.duration_minutes))),
    )
    .str("reason", found.iter().map(|x| Some(x.to_string())));
    b.finish()
}

/// The identification indicators: one row per measure, with its count, base and share.
pub(crate) fn identification_table(r: &IdentificationReport) -> PyTable {
    let rows = [
        (
            Indicator::IdentificationAccuracy,
            r.inferred_confirmed,
            r.inferred_decided,
            r.accuracy,
        ),
        (
            Indicator::PersonalisedServices,
            r.personalised,
            r.needs,
            r.personalised_share,
        ),
        (
            Indicator::SurveyCoverage,
            r.surveyed,
            r.residents,
            r.survey_coverage,
        ),
    ];
    let mut b = TableBuilder::default();
    b.str("indicator", rows.iter().map(|x| Some(x.0.code())))
        .str("name_en", rows.iter().map(|x| Some(x.0.labels().0)))
        .str("name_zh", rows.iter().map(|x| Some(x.0.labels().1)))
        .int("count", rows.iter().map(|x| Some(i64::from(x.1))))
        .int("of", rows.iter().map(|x| Some(i64::from(x.2))))
        .float("share", rows.iter().map(|x| x.3));
    b.finish()
}

/// The needs list (需求清单): one row per quarter, grid and category.
pub(crate) fn needs_list_table(c: &Community, rows: &[NeedsListRow]) -> PyTable {
    let label = |x: &NeedsListRow, zh: bool| {
        c.taxonomy().get(&x.category).map(|k| {
            if zh {
                k.name_zh.clone()
            } else {
                k.name_en.clone()
            }
        })
    };
    let mut b = TableBuilder::default();
    b.date("quarter", rows.iter().map(|x| Some(x.quarter)))
        .int("grid", rows.iter().map(|x| Some(i64::from(x.grid.0))))
        .str("category", rows.iter().map(|x| Some(x.category.as_str())))
        .str("name_en", rows.iter().map(|x| label(x, false)))
        .str("name_zh", rows.iter().map(|x| label(x, true)))
        .int("basic", rows.iter().map(|x| Some(i64::from(x.basic))))
        .int("dynamic", rows.iter().map(|x| Some(i64::from(x.dynamic))))
        .int("latent", rows.iter().map(|x| Some(i64::from(x.latent))))
        .int("served", rows.iter().map(|x| Some(i64::from(x.served))))
        .int("pending", rows.iter().map(|x| Some(i64::from(x.pending))));
    b.finish()
}
