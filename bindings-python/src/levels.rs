//! `huzhu.scoring.rollup` and `huzhu.scoring.Rollup`: results by level, grid → community →
//! street → district → city (三级联动), each level's rates from the counts of the level below.
//!
//! The hierarchy's nodes are the core's JSON (`{"id", "name", "level", "parent"}`: a list of
//! dicts or JSON text) or a table with those columns; tallies are the core's `Tally` JSON (what
//! `Scorecard.tally()` and `Scorecard.grid_tallies()` give) or scorecards, keyed by node id.
//! The core checks the hierarchy (errors name `level node <id>` and the field) and adds up.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use huzhu::scoring::{Hierarchy, LevelNode, LevelRow, Tally, rollup};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple};
use pyo3_arrow::PyTable;

use crate::convert::{core_json, html, ser_py};
use crate::errors::{CellError, core_err, guard, type_err};
use crate::scorecard::PyScorecard;
use crate::tables::{Col, Frame, TableBuilder, table_arg, wrap};

/// The nodes of the hierarchy: the core's JSON (a list of dicts, JSON text) or a table with
/// the columns id, name, level, parent.
pub(crate) fn nodes_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<LevelNode>> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
    {
        return core_json(obj, "nodes");
    }
    let f = Frame::new("nodes", table_arg(obj)?)?;
    let (id, name, level, parent) = (
        f.col("id")?,
        f.col("name")?,
        f.col("level")?,
        f.col("parent")?,
    );
    (0..f.rows)
        .map(|row| {
            let node_id = id.req(row, Col::string)?;
            let rec = |e: CellError| e.with_record(format!("level node {node_id}"));
            Ok(LevelNode {
                name: name.req(row, Col::string).map_err(rec)?,
                level: level.req(row, Col::code).map_err(rec)?,
                parent: parent.string(row).map_err(rec)?,
                id: node_id.clone(),
            })
        })
        .collect()
}

/// The tallies by node id: a dict whose values are the core's `Tally` JSON or scorecards.
pub(crate) fn tallies_arg(obj: &Bound<'_, PyAny>) -> PyResult<BTreeMap<String, Tally>> {
    let d = obj
        .cast::<PyDict>()
        .map_err(|_| type_err("tallies", "expected a dict {node id: tally or Scorecard}"))?;
    let mut out = BTreeMap::new();
    for (k, v) in d.iter() {
        let key = if let Ok(s) = k.cast::<PyString>() {
            s.to_str()?.to_owned()
        } else if k.is_instance_of::<PyInt>() && !k.is_instance_of::<PyBool>() {
            k.str()?.to_str()?.to_owned()
        } else {
            return Err(type_err(
                "tallies",
                format!("a node id is text or an int, got {}", k.repr()?),
            ));
        };
        let tally = if let Ok(card) = v.cast::<PyScorecard>() {
            Tally::of(&card.get().inner)
        } else {
            let mut t: Tally = core_json(&v, &format!("tallies.{key}"))?;
            // The core's percentiles read sorted samples, and its JSON reader keeps them as
            // given (its own tallies are sorted): sort what the caller wrote.
            for s in t.samples.values_mut() {
                s.sort_unstable();
            }
            t
        };
        out.insert(key, tally);
    }
    Ok(out)
}

/// Adds `tallies` up the hierarchy of `nodes`: a node without a tally of its own gets the sum
/// of its children's. Every rate is the sum of the numerators over the sum of the denominators
/// (never an average of shares) and the response percentiles come from every need below.
#[pyfunction]
#[pyo3(name = "rollup")]
fn rollup_fn(
    py: Python<'_>,
    nodes: &Bound<'_, PyAny>,
    tallies: &Bound<'_, PyAny>,
) -> PyResult<PyRollup> {
    guard(|| {
        let nodes = nodes_arg(nodes)?;
        let tallies = tallies_arg(tallies)?;
        let rows = py
            .detach(|| Hierarchy::new(nodes).and_then(|h| rollup(&h, &tallies)))
            .map_err(core_err)?;
        Ok(PyRollup { rows })
    })
}

/// Results by level: `table` (one row per node and rate), `contributions` (each child's part of
/// each rate), `nodes` (one row per node: residents, response times, ratios of sums), in tree
/// order (parents before children).
#[pyclass(frozen, module = "huzhu", name = "Rollup")]
pub struct PyRollup {
    pub(crate) rows: Vec<LevelRow>,
}

fn node_cols(b: &mut TableBuilder, rows: &[&LevelRow]) {
    b.str("node", rows.iter().map(|r| Some(r.node.id.as_str())))
        .str("name", rows.iter().map(|r| Some(r.node.name.as_str())))
        .str("level", rows.iter().map(|r| Some(r.node.level.code())))
        .str("parent", rows.iter().map(|r| r.node.parent.as_deref()))
        .int("depth", rows.iter().map(|r| Some(i64::from(r.depth))));
}

fn count(v: u64) -> Option<i64> {
    i64::try_from(v).ok()
}

/// One row per node and rate (a node that counts no rate has one row, `rate` empty).
fn rates_table(rows: &[LevelRow]) -> PyTable {
    let mut items = Vec::new();
    for r in rows {
        if r.rates.is_empty() {
            items.push((r, None));
        }
        for x in &r.rates {
            items.push((r, Some(x)));
        }
    }
    let nodes: Vec<&LevelRow> = items.iter().map(|x| x.0).collect();
    let mut b = TableBuilder::default();
    node_cols(&mut b, &nodes);
    b.str("rate", items.iter().map(|x| x.1.map(|r| r.code.as_str())))
        .int(
            "count",
            items.iter().map(|x| x.1.and_then(|r| count(r.count.of))),
        )
        .int(
            "of_total",
            items.iter().map(|x| x.1.and_then(|r| count(r.count.n))),
        )
        .float("share", items.iter().map(|x| x.1.and_then(|r| r.share)))
        .int("residents", nodes.iter().map(|r| count(r.tally.residents)))
        .int("response_p50", nodes.iter().map(|r| r.response_p50))
        .int("response_p90", nodes.iter().map(|r| r.response_p90));
    b.finish()
}

/// One row per node, rate and child.
fn contributions_table(rows: &[LevelRow]) -> PyTable {
    let items: Vec<_> = rows
        .iter()
        .flat_map(|r| {
            r.rates
                .iter()
                .flat_map(move |x| x.children.iter().map(move |c| (r, x, c)))
        })
        .collect();
    let mut b = TableBuilder::default();
    b.str("node", items.iter().map(|x| Some(x.0.node.id.as_str())))
        .str("rate", items.iter().map(|x| Some(x.1.code.as_str())))
        .str("child", items.iter().map(|x| Some(x.2.child.as_str())))
        .int("count", items.iter().map(|x| count(x.2.count.of)))
        .int("total", items.iter().map(|x| count(x.2.count.n)))
        .float("share", items.iter().map(|x| x.2.share))
        .float("of_part", items.iter().map(|x| x.2.of_part))
        .float("n_part", items.iter().map(|x| x.2.n_part));
    b.finish()
}

/// One row per node: residents, response and completion times, and the ratios of sums.
fn nodes_table(rows: &[LevelRow]) -> PyTable {
    let nodes: Vec<&LevelRow> = rows.iter().collect();
    let mut b = TableBuilder::default();
    node_cols(&mut b, &nodes);
    b.int("residents", nodes.iter().map(|r| count(r.tally.residents)))
        .int("response_p50", nodes.iter().map(|r| r.response_p50))
        .int("response_p90", nodes.iter().map(|r| r.response_p90))
        .int(
            "done_p50",
            nodes
                .iter()
                .map(|r| r.tally.percentile("done_minutes", 0.5)),
        )
        .int(
            "done_p90",
            nodes
                .iter()
                .map(|r| r.tally.percentile("done_minutes", 0.9)),
        );
    for key in Tally::default().ratios().keys() {
        b.float(
            key,
            nodes.iter().map(|r| r.ratios.get(*key).copied().flatten()),
        );
    }
    b.finish()
}

#[pymethods]
impl PyRollup {
    /// One row per node and rate: node, name, level, parent, depth, rate, count (numerator),
    /// of_total (denominator), share, residents, response_p50, response_p90 (minutes from need
    /// to match, nearest rank over every need below).
    #[getter]
    fn table(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, rates_table(&self.rows)))
    }
    /// Each child's part of each rate at its parent: node, rate, child, count, total, share
    /// (the child's own), of_part (its part of the parent's numerator), n_part (of the
    /// denominator).
    #[getter]
    fn contributions(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, contributions_table(&self.rows)))
    }
    /// One row per node: node, name, level, parent, depth, residents, response_p50/p90,
    /// done_p50/p90, and the ratios of sums (community_workers_per_10k,
    /// funding_yuan_per_resident, qualified_share, residents_per_social_worker,
    /// residents_per_worker, volunteer_share).
    #[getter]
    fn nodes(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, nodes_table(&self.rows)))
    }
    /// The rows in the core's JSON (node, depth, tally, rates with children, percentiles,
    /// ratios).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.rows))
    }
    fn __len__(&self) -> usize {
        self.rows.len()
    }
    fn __repr__(&self) -> String {
        let roots = self.rows.iter().filter(|r| r.depth == 0).count();
        format!(
            "<huzhu.Rollup: {} nodes, {} root{}>",
            self.rows.len(),
            roots,
            if roots == 1 { "" } else { "s" }
        )
    }
    fn _repr_html_(&self) -> String {
        let mut h = String::from(
            "<div><b>Results by level 分级结果</b><table><tr><th>node</th><th>level</th><th>residents</th><th>match rate</th><th>answered in time</th><th>response p50 (min)</th></tr>",
        );
        let share = |r: &LevelRow, c: &str| {
            r.rates
                .iter()
                .find(|x| x.code == c)
                .and_then(|x| x.share)
                .map_or_else(|| "—".into(), |s| format!("{:.1}%", s * 100.0))
        };
        for r in &self.rows {
            let _ = write!(
                h,
                "<tr><td style='padding-left:{}em'>{}</td><td>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{}</td></tr>",
                r.depth,
                html(&r.node.name),
                r.node.level.code(),
                r.tally.residents,
                share(r, "match_rate"),
                share(r, "response_compliance"),
                r.response_p50.map_or_else(|| "—".into(), |v| v.to_string())
            );
        }
        h.push_str("</table></div>");
        h
    }
}

/// The rows a report shows: a `Rollup`, or its `to_dict()` (the core's JSON).
pub(crate) fn levels_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<LevelRow>> {
    match obj.cast::<PyRollup>() {
        Ok(r) => Ok(r.get().rows.clone()),
        Err(_) => core_json(obj, "levels"),
    }
}

/// A scorecard's tallies by grid as a dict `{grid: tally}` (the core's JSON).
pub(crate) fn grid_tallies_dict(
    py: Python<'_>,
    t: &BTreeMap<huzhu::model::GridId, Tally>,
) -> PyResult<Py<PyAny>> {
    let d = PyDict::new(py);
    for (g, x) in t {
        d.set_item(g.0, ser_py(py, x)?)?;
    }
    Ok(d.into_any().unbind())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRollup>()?;
    m.add_function(wrap_pyfunction!(rollup_fn, m)?)?;
    Ok(())
}
