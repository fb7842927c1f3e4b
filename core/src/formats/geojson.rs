//! GeoJSON out (RFC 7946): a match plan and living-circle coverage as FeatureCollections that
//! Leaflet, kepler.gl or lonboard read as they are.
//!
//! Positions are `[longitude, latitude]` in WGS84, as RFC 7946 requires; there is no `crs`
//! member. Every feature has a string `id` and a `kind` property, so one layer can be styled
//! by kind.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::matching::{MatchPlan, UnmatchedReason};
use crate::model::{Community, GeoPoint, GridId, HelperId, Need};
use crate::scoring::coverage::EssentialSites;

fn position(p: GeoPoint) -> Value {
    json!([p.lon, p.lat])
}

fn feature(id: String, geometry: Value, properties: Map<String, Value>) -> Value {
    let mut f = Map::new();
    f.insert("type".into(), Value::String("Feature".into()));
    f.insert("id".into(), Value::String(id));
    f.insert("geometry".into(), geometry);
    f.insert("properties".into(), Value::Object(properties));
    Value::Object(f)
}

/// Residents of one grid, summed.
struct Cell {
    lat: f64,
    lon: f64,
    residents: u32,
    all: u32,
    per: Vec<u32>,
}

fn point(p: GeoPoint) -> Value {
    json!({"type": "Point", "coordinates": position(p)})
}

fn helper_point(community: &Community, helper: HelperId) -> Option<GeoPoint> {
    match helper {
        HelperId::Volunteer(v) => community.volunteer(v).map(|v| v.home),
        HelperId::Service(s) => community.service(s).map(|s| s.location),
    }
}

fn helper_kind(helper: HelperId) -> &'static str {
    match helper {
        HelperId::Volunteer(_) => "volunteer",
        HelperId::Service(_) => "service",
    }
}

fn helper_number(helper: HelperId) -> u32 {
    match helper {
        HelperId::Volunteer(v) => v.0,
        HelperId::Service(s) => s.0,
    }
}

fn urgency_code(need: &Need) -> Value {
    serde_json::to_value(need.urgency).unwrap_or(Value::Null)
}

/// A one-line summary of why a need is unmatched.
///
/// ```
/// use huzhu::formats::geojson::reason_summary;
/// use huzhu::matching::UnmatchedReason;
/// let r = UnmatchedReason::NoCandidate { eliminated: vec![], summary: "3 too far".into() };
/// assert_eq!(reason_summary(&r), "no candidate: 3 too far");
/// ```
pub fn reason_summary(reason: &UnmatchedReason) -> String {
    match reason {
        UnmatchedReason::NoCandidate { summary, .. } => format!("no candidate: {summary}"),
        UnmatchedReason::Outcompeted {
            closest, shortfall, ..
        } => format!("outcompeted: {closest} would have to be {shortfall} cheaper"),
        UnmatchedReason::Unserved {
            closest, taken_by, ..
        } => format!(
            "unserved: the hours or capacity of {closest} went to {} other need(s)",
            taken_by.len()
        ),
    }
}

fn reason_kind(reason: &UnmatchedReason) -> &'static str {
    match reason {
        UnmatchedReason::NoCandidate { .. } => "no_candidate",
        UnmatchedReason::Outcompeted { .. } => "outcompeted",
        UnmatchedReason::Unserved { .. } => "unserved",
    }
}

fn props(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Map<String, Value> {
    crate::cold::collect(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)))
}

/// A plan as a FeatureCollection:
/// - every volunteer and service of the community as a `Point` (`kind` `volunteer` or
///   `service`; `helper`, `id`, `tasks` assigned; services add `name`, `categories`, `status`);
/// - every need of the plan as a `Point` at its place (`kind` `need`; `need`, `resident`,
///   `category`, `urgency`, `matched`; unmatched needs add `reason_kind` and `reason`);
/// - every assignment as a `LineString` from helper to need (`kind` `assignment`; `need`,
///   `helper`, `helper_kind`, `start`, `distance_m`, `cost`, `score`, `pinned`).
///
/// Features come in that order, each group in id order, so the output is deterministic.
///
/// ```
/// use huzhu::formats::geojson::plan_to_geojson;
/// use huzhu::matching::{MatchContext, MatchPolicy, Matcher};
/// use huzhu::model::*;
/// let c = Community::from_json(include_str!("../../examples/community.json")).unwrap();
/// let now = c.needs().map(|n| n.created_at).max().unwrap();
/// let plan = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(now)).unwrap().solve().unwrap();
/// let g = plan_to_geojson(&c, &plan);
/// assert_eq!(g["type"], "FeatureCollection");
/// let lines = g["features"].as_array().unwrap().iter().filter(|f| f["geometry"]["type"] == "LineString").count();
/// assert_eq!(lines, plan.assignments.len());
/// ```
pub fn plan_to_geojson(community: &Community, plan: &MatchPlan) -> Value {
    let mut tasks: BTreeMap<HelperId, u32> = BTreeMap::new();
    for a in &plan.assignments {
        *tasks.entry(a.helper).or_default() += 1;
    }
    let mut features = Vec::new();
    for v in community.volunteers() {
        let h = HelperId::Volunteer(v.id);
        features.push(feature(
            h.to_string(),
            point(v.home),
            props([
                ("kind", json!("volunteer")),
                ("helper", json!(h.to_string())),
                ("id", json!(v.id.0)),
                ("tasks", json!(tasks.get(&h).copied().unwrap_or(0))),
                ("tier", serde_json::to_value(v.tier).unwrap_or(Value::Null)),
            ]),
        ));
    }
    for s in community.services() {
        let h = HelperId::Service(s.id);
        let categories: Vec<&str> = s.categories.iter().map(|c| c.0.as_str()).collect();
        features.push(feature(
            h.to_string(),
            point(s.location),
            props([
                ("kind", json!("service")),
                ("helper", json!(h.to_string())),
                ("id", json!(s.id.0)),
                ("name", json!(s.name)),
                ("categories", json!(categories)),
                (
                    "status",
                    serde_json::to_value(s.status).unwrap_or(Value::Null),
                ),
                ("mode", serde_json::to_value(s.mode).unwrap_or(Value::Null)),
                ("tasks", json!(tasks.get(&h).copied().unwrap_or(0))),
            ]),
        ));
    }
    let mut needs: Vec<(crate::model::NeedId, Option<&UnmatchedReason>)> = plan
        .assignments
        .iter()
        .map(|a| (a.need, None))
        .chain(plan.unmatched.iter().map(|u| (u.need, Some(&u.reason))))
        .collect();
    crate::cold::sort_by_key(&mut needs, |(id, _)| *id);
    for (id, reason) in needs {
        let Some(need) = community.need(id) else {
            continue;
        };
        let Some(at) = community.need_location(need) else {
            continue;
        };
        let mut p = props([
            ("kind", json!("need")),
            ("need", json!(id.0)),
            ("resident", json!(need.resident.0)),
            ("category", json!(need.category.0)),
            ("urgency", urgency_code(need)),
            ("matched", json!(reason.is_none())),
        ]);
        if let Some(r) = reason {
            p.insert("reason_kind".into(), json!(reason_kind(r)));
            p.insert("reason".into(), json!(reason_summary(r)));
        }
        features.push(feature(id.to_string(), point(at), p));
    }
    for a in &plan.assignments {
        let (Some(need), Some(from)) = (community.need(a.need), helper_point(community, a.helper))
        else {
            continue;
        };
        let Some(to) = community.need_location(need) else {
            continue;
        };
        features.push(feature(
            format!("{}>{}", a.helper, a.need),
            json!({"type": "LineString", "coordinates": [position(from), position(to)]}),
            props([
                ("kind", json!("assignment")),
                ("need", json!(a.need.0)),
                ("helper", json!(a.helper.to_string())),
                ("helper_kind", json!(helper_kind(a.helper))),
                ("helper_id", json!(helper_number(a.helper))),
                ("category", json!(need.category.0)),
                (
                    "start",
                    json!(a.start.format("%Y-%m-%dT%H:%M:%S").to_string()),
                ),
                ("distance_m", json!(a.distance_m)),
                ("cost", json!(a.cost.total)),
                ("score", json!(a.score)),
                ("pinned", json!(a.pinned)),
            ]),
        ));
    }
    json!({"type": "FeatureCollection", "features": features})
}

/// Living-circle coverage by grid (网格) as a FeatureCollection of `Point`s, one per grid
/// with residents, at the centroid (mean position) of its residents' homes — grids carry no
/// boundary in the model, so no polygons are drawn. Properties: `kind` `grid`, `grid`,
/// `residents`, `covered_all` (residents within `threshold_minutes` of walking of an active
/// service of every essential category) and `share_all`, and `categories`: for each essential
/// category, the share covered. The rule is that of
/// [`circle_coverage`](crate::scoring::circle_coverage).
///
/// ```
/// use huzhu::formats::geojson::coverage_to_geojson;
/// use huzhu::model::Community;
/// let c = Community::from_json(include_str!("../../examples/community.json")).unwrap();
/// let g = coverage_to_geojson(&c, 15);
/// let residents: u64 = g["features"].as_array().unwrap().iter().map(|f| f["properties"]["residents"].as_u64().unwrap()).sum();
/// assert_eq!(residents, c.residents().count() as u64);
/// ```
pub fn coverage_to_geojson(community: &Community, threshold_minutes: u32) -> Value {
    let essential = EssentialSites::of(community, threshold_minutes);
    let mut cells: BTreeMap<GridId, Cell> = BTreeMap::new();
    for r in community.residents() {
        let cell = cells.entry(r.grid).or_insert_with(|| Cell {
            lat: 0.0,
            lon: 0.0,
            residents: 0,
            all: 0,
            per: vec![0; essential.categories.len()],
        });
        cell.lat += r.home.lat;
        cell.lon += r.home.lon;
        cell.residents += 1;
        let mut every = !essential.categories.is_empty();
        for (count, covered) in cell.per.iter_mut().zip(essential.covered(r.home)) {
            *count += u32::from(covered);
            every &= covered;
        }
        cell.all += u32::from(every);
    }
    let features: Vec<Value> = cells
        .into_iter()
        .map(|(grid, c)| {
            let n = f64::from(c.residents);
            let centre = GeoPoint {
                lat: c.lat / n,
                lon: c.lon / n,
            };
            let shares: Map<String, Value> = crate::cold::collect(
                essential
                    .categories
                    .iter()
                    .zip(&c.per)
                    .map(|(cat, k)| (cat.code.0.clone(), json!(f64::from(*k) / n))),
            );
            feature(
                grid.to_string(),
                point(centre),
                props([
                    ("kind", json!("grid")),
                    ("grid", json!(grid.0)),
                    ("residents", json!(c.residents)),
                    ("covered_all", json!(c.all)),
                    ("share_all", json!(f64::from(c.all) / n)),
                    ("threshold_minutes", json!(threshold_minutes)),
                    ("categories", Value::Object(shares)),
                ]),
            )
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}
