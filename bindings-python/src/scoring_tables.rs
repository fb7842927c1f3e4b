//! The scoring reports as tables: satisfaction, alerts, response times, coverage, staffing,
//! visits and the composite index.

use huzhu::scoring::{
    CoverageReport, QualityAlert, ResponseReport, SatisfactionReport, ServiceIndex, StaffingReport,
    VisitReport,
};
use pyo3_arrow::PyTable;

use crate::evidence::code;
use crate::tables::TableBuilder;

/// Satisfaction: one row per scope, period and dimension (and `overall`).
pub(crate) fn satisfaction_table(r: &SatisfactionReport) -> PyTable {
    let mut rows = Vec::new();
    for row in &r.rows {
        if let Some(o) = &row.overall {
            rows.push((row.scope.to_string(), row.period, "overall", *o));
        }
        for (d, l) in &row.dimensions {
            rows.push((row.scope.to_string(), row.period, d.code(), *l));
        }
    }
    let mut b = TableBuilder::default();
    b.str("scope", rows.iter().map(|r| Some(r.0.as_str())))
        .date("period_start", rows.iter().map(|r| Some(r.1.start)))
        .date("period_end", rows.iter().map(|r| Some(r.1.end)))
        .str("dimension", rows.iter().map(|r| Some(r.2)))
        .int("n", rows.iter().map(|r| Some(i64::from(r.3.n))))
        .float("mean", rows.iter().map(|r| Some(r.3.mean)))
        .float("sd", rows.iter().map(|r| Some(r.3.sd)))
        .int(
            "satisfied",
            rows.iter().map(|r| Some(i64::from(r.3.satisfied))),
        )
        .float(
            "share_satisfied",
            rows.iter().map(|r| Some(r.3.share_satisfied)),
        )
        .float("ci_low", rows.iter().map(|r| Some(r.3.ci_low)))
        .float("ci_high", rows.iter().map(|r| Some(r.3.ci_high)));
    b.finish()
}

/// Quality alerts: one row per helper and period.
pub(crate) fn alerts_table(a: &[QualityAlert]) -> PyTable {
    let mut b = TableBuilder::default();
    b.str("helper", a.iter().map(|x| Some(x.helper.to_string())))
        .date("period_start", a.iter().map(|x| Some(x.period.start)))
        .date("period_end", a.iter().map(|x| Some(x.period.end)))
        .int("n", a.iter().map(|x| Some(i64::from(x.n))))
        .float("share_satisfied", a.iter().map(|x| Some(x.share_satisfied)))
        .float("ci_low", a.iter().map(|x| Some(x.interval.0)))
        .float("ci_high", a.iter().map(|x| Some(x.interval.1)))
        .int(
            "years_below",
            a.iter().map(|x| Some(i64::from(x.years_below))),
        )
        .str("verdict", a.iter().map(|x| Some(x.verdict.code())));
    b.finish()
}

/// Response times: one row per need.
pub(crate) fn response_table(r: &ResponseReport) -> PyTable {
    let n = &r.needs;
    let mut b = TableBuilder::default();
    b.int("need", n.iter().map(|x| Some(i64::from(x.need.0))))
        .str("urgency", n.iter().map(|x| code(&x.urgency)))
        .str("category", n.iter().map(|x| Some(x.category.as_str())))
        .int("grid", n.iter().map(|x| x.grid.map(|g| i64::from(g.0))))
        .str("status", n.iter().map(|x| Some(x.status.code())))
        .ts("created_at", n.iter().map(|x| Some(x.created_at)))
        .ts("deadline", n.iter().map(|x| x.deadline))
        .ts("matched_at", n.iter().map(|x| x.matched_at))
        .ts("done_at", n.iter().map(|x| x.done_at))
        .int("response_minutes", n.iter().map(|x| x.response_minutes))
        .int("done_minutes", n.iter().map(|x| x.done_minutes))
        .bool("on_time", n.iter().map(|x| x.on_time));
    b.finish()
}

/// Coverage: one row per category and group (`all` first): within the living circle
/// (`covered`, `share`) and, for `all`, within the service radius (`covered_radius`,
/// `share_radius`; empty on the group rows, which the core counts by the circle only).
pub(crate) fn coverage_table(r: &CoverageReport) -> PyTable {
    let mut rows = Vec::new();
    for c in &r.categories {
        rows.push((c, "all".to_owned(), c.all, Some(c.within_radius)));
        for (g, s) in &c.by_group {
            rows.push((c, g.code().to_owned(), *s, None));
        }
    }
    let mut b = TableBuilder::default();
    b.str("category", rows.iter().map(|r| Some(r.0.category.as_str())))
        .str("name_en", rows.iter().map(|r| Some(r.0.name_en.as_str())))
        .str("name_zh", rows.iter().map(|r| Some(r.0.name_zh.as_str())))
        .str("group", rows.iter().map(|r| Some(r.1.as_str())))
        .int(
            "residents",
            rows.iter().map(|r| Some(i64::from(r.2.residents))),
        )
        .int("covered", rows.iter().map(|r| Some(i64::from(r.2.covered))))
        .float("share", rows.iter().map(|r| r.2.share))
        .int(
            "covered_radius",
            rows.iter().map(|r| r.3.map(|s| i64::from(s.covered))),
        )
        .float(
            "share_radius",
            rows.iter().map(|r| r.3.and_then(|s| s.share)),
        );
    b.finish()
}

/// Staffing against the norms: one row per role.
pub(crate) fn staffing_table(r: &StaffingReport) -> PyTable {
    let rows = [
        ("community_workers", r.community_workers),
        ("social_workers", r.social_workers),
        ("volunteers", r.volunteers),
    ];
    let mut b = TableBuilder::default();
    b.str("role", rows.iter().map(|r| Some(r.0)))
        .int("actual", rows.iter().map(|r| Some(i64::from(r.1.actual))))
        .float("required", rows.iter().map(|r| Some(r.1.required)))
        .float("ratio", rows.iter().map(|r| r.1.ratio))
        .bool("meets", rows.iter().map(|r| r.1.meets))
        .int(
            "residents",
            rows.iter().map(|_| Some(i64::from(r.residents))),
        );
    b.finish()
}

/// Visits due and overdue: one row per resident and kind (the care loop's table).
pub(crate) fn visits_table(r: &VisitReport) -> PyTable {
    crate::care_tables::due_table(r)
}

/// The composite index's components: one row per indicator.
pub(crate) fn index_table(r: &ServiceIndex) -> PyTable {
    let c = &r.components;
    let mut b = TableBuilder::default();
    b.str("indicator", c.iter().map(|x| Some(x.indicator.code())))
        .str("name_en", c.iter().map(|x| Some(x.indicator.labels().0)))
        .str("name_zh", c.iter().map(|x| Some(x.indicator.labels().1)))
        .float("value", c.iter().map(|x| x.value))
        .float("weight", c.iter().map(|x| Some(x.weight)))
        .float(
            "effective_weight",
            c.iter().map(|x| Some(x.effective_weight)),
        )
        .float("contribution", c.iter().map(|x| Some(x.contribution)));
    b.finish()
}
