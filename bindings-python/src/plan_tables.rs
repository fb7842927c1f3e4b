//! A plan's tables (`Plan.assignments`, `Plan.unmatched`) and the one-line text of an
//! explanation (`Plan.explain_text`, the `summary` column).

use huzhu::matching::{Explanation, MatchPlan, UnmatchedReason};
use huzhu::model::{Community, HelperId, NeedId};
use pyo3_arrow::PyTable;

use crate::tables::TableBuilder;

/// A helper's kind and number, for the `helper_kind` and `helper_id` columns.
fn helper_parts(h: HelperId) -> (&'static str, u32) {
    match h {
        HelperId::Volunteer(v) => ("volunteer", v.0),
        HelperId::Service(s) => ("service", s.0),
    }
}

fn helper_point(c: &Community, h: HelperId) -> Option<huzhu::model::GeoPoint> {
    match h {
        HelperId::Volunteer(v) => c.volunteer(v).map(|v| v.home),
        HelperId::Service(s) => c.service(s).map(|s| s.location),
    }
}

/// One row per matched need.
pub(crate) fn assignments_table(c: &Community, p: &MatchPlan) -> PyTable {
    let a = &p.assignments;
    let need = |id: NeedId| c.need(id);
    let mut b = TableBuilder::default();
    b.int("need", a.iter().map(|x| Some(i64::from(x.need.0))))
        .int(
            "resident",
            a.iter()
                .map(|x| need(x.need).map(|n| i64::from(n.resident.0))),
        )
        .str(
            "category",
            a.iter()
                .map(|x| need(x.need).map(|n| n.category.as_str().to_owned())),
        )
        .int(
            "grid",
            a.iter().map(|x| {
                need(x.need)
                    .and_then(|n| c.resident(n.resident))
                    .map(|r| i64::from(r.grid.0))
            }),
        )
        .str("helper", a.iter().map(|x| Some(x.helper.to_string())))
        .str(
            "helper_kind",
            a.iter().map(|x| Some(helper_parts(x.helper).0)),
        )
        .int(
            "helper_id",
            a.iter().map(|x| Some(i64::from(helper_parts(x.helper).1))),
        )
        .ts("start", a.iter().map(|x| Some(x.start)))
        .int(
            "distance_m",
            a.iter().map(|x| Some(i64::from(x.distance_m))),
        )
        .int("cost", a.iter().map(|x| Some(x.cost.total)))
        .int("cost_travel", a.iter().map(|x| Some(x.cost.travel)))
        .int("cost_delay", a.iter().map(|x| Some(x.cost.delay)))
        .int("cost_late", a.iter().map(|x| Some(x.cost.late)))
        .int("cost_fee", a.iter().map(|x| Some(x.cost.fee)))
        .int(
            "cost_reliability",
            a.iter().map(|x| Some(x.cost.reliability)),
        )
        .int("cost_skill_fit", a.iter().map(|x| Some(x.cost.skill_fit)))
        .int(
            "cost_preferences",
            a.iter().map(|x| Some(x.cost.preferences)),
        )
        .int("cost_continuity", a.iter().map(|x| Some(x.cost.continuity)))
        .int("cost_priority", a.iter().map(|x| Some(x.cost.priority)))
        .int("load_cost", a.iter().map(|x| Some(x.load_cost)))
        .int("score", a.iter().map(|x| Some(i64::from(x.score))))
        .bool("pinned", a.iter().map(|x| Some(x.pinned)))
        .float(
            "need_lat",
            a.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lat)),
        )
        .float(
            "need_lon",
            a.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lon)),
        )
        .float(
            "helper_lat",
            a.iter().map(|x| helper_point(c, x.helper).map(|p| p.lat)),
        )
        .float(
            "helper_lon",
            a.iter().map(|x| helper_point(c, x.helper).map(|p| p.lon)),
        );
    b.finish()
}

/// One row per unmatched need, with the reason.
pub(crate) fn unmatched_table(c: &Community, p: &MatchPlan) -> PyTable {
    let u = &p.unmatched;
    let need = |id: NeedId| c.need(id);
    let reason = |r: &UnmatchedReason| match r {
        UnmatchedReason::NoCandidate { .. } => "no_candidate",
        UnmatchedReason::Outcompeted { .. } => "outcompeted",
        UnmatchedReason::Unserved { .. } => "unserved",
    };
    let closest = |r: &UnmatchedReason| match r {
        UnmatchedReason::NoCandidate { .. } => None,
        UnmatchedReason::Outcompeted { closest, .. }
        | UnmatchedReason::Unserved { closest, .. } => Some(closest.to_string()),
    };
    let mut b = TableBuilder::default();
    b.int("need", u.iter().map(|x| Some(i64::from(x.need.0))))
        .int(
            "resident",
            u.iter()
                .map(|x| need(x.need).map(|n| i64::from(n.resident.0))),
        )
        .str(
            "category",
            u.iter()
                .map(|x| need(x.need).map(|n| n.category.as_str().to_owned())),
        )
        .int(
            "grid",
            u.iter().map(|x| {
                need(x.need)
                    .and_then(|n| c.resident(n.resident))
                    .map(|r| i64::from(r.grid.0))
            }),
        )
        .str(
            "urgency",
            u.iter().map(|x| {
                need(x.need).map(|n| match serde_json::to_value(n.urgency) {
                    Ok(serde_json::Value::String(s)) => s,
                    _ => String::new(),
                })
            }),
        )
        .int("penalty", u.iter().map(|x| Some(x.penalty)))
        .str("reason", u.iter().map(|x| Some(reason(&x.reason))))
        .str(
            "summary",
            u.iter().map(|x| {
                Some(
                    Explanation::Unmatched {
                        need: x.need,
                        penalty: x.penalty,
                        reason: x.reason.clone(),
                    }
                    .to_string(),
                )
            }),
        )
        .str("closest", u.iter().map(|x| closest(&x.reason)))
        .int(
            "shortfall",
            u.iter().map(|x| match &x.reason {
                UnmatchedReason::Outcompeted { shortfall, .. } => Some(*shortfall),
                _ => None,
            }),
        )
        .strs(
            "taken_by",
            u.iter().map(|x| match &x.reason {
                UnmatchedReason::Outcompeted { taken_by, .. }
                | UnmatchedReason::Unserved { taken_by, .. } => {
                    taken_by.iter().map(ToString::to_string).collect::<Vec<_>>()
                }
                UnmatchedReason::NoCandidate { .. } => Vec::new(),
            }),
        )
        .float(
            "need_lat",
            u.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lat)),
        )
        .float(
            "need_lon",
            u.iter()
                .map(|x| need(x.need).and_then(|n| c.need_location(n)).map(|p| p.lon)),
        );
    b.finish()
}
