//! `huzhu.Scorecard`: every indicator of a period, its measures, its tallies for the roll-up by
//! level, and the evaluation report. Computed by `huzhu.scoring.scorecard` (`scoring.rs`), which
//! keeps the community scored beside it (for the grid tallies and the report's map).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use huzhu::model::Community;
use huzhu::scoring::{Scorecard, Tally};
use pyo3::prelude::*;

use crate::community::PyCommunity;
use crate::convert::{html, ser_py};
use crate::errors::guard;
use crate::evaluation::{ReportArgs, report_data};
use crate::levels::grid_tallies_dict;
use crate::scoring_tables::{
    alerts_table, coverage_table, index_table, response_table, satisfaction_table, staffing_table,
    visits_table,
};
use crate::tables::{TableBuilder, wrap};
use crate::workforce::{funding_dict, workforce_dict};

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// The scorecard: every indicator, quality alerts and the composite index.
#[pyclass(frozen, module = "huzhu", name = "Scorecard")]
pub struct PyScorecard {
    pub(crate) inner: Scorecard,
    /// The community scored.
    pub(crate) community: Arc<Community>,
}

#[pymethods]
impl PyScorecard {
    /// What moved since `before` (an earlier period's scorecard): one row per counted rate
    /// with both counts, the change in shares, Newcombe's interval of the difference at `z`
    /// (default 1.96: 95%) and whether the change is more than noise (the interval leaves out
    /// zero).
    #[pyo3(signature = (before, *, z=1.96))]
    fn compare(&self, py: Python<'_>, before: &PyScorecard, z: f64) -> PyResult<Py<PyAny>> {
        guard(|| {
            if !(z.is_finite() && z > 0.0) {
                return Err(crate::errors::value_err(
                    "z",
                    format!("must be a positive number, got {z}"),
                ));
            }
            let cmp = huzhu::scoring::compare(&before.inner, &self.inner, z);
            let r = &cmp.rates;
            let mut b = TableBuilder::default();
            b.str("rate", r.iter().map(|x| Some(x.code.as_str())))
                .int(
                    "before_count",
                    r.iter().map(|x| i64::try_from(x.before.of).ok()),
                )
                .int(
                    "before_total",
                    r.iter().map(|x| i64::try_from(x.before.n).ok()),
                )
                .int(
                    "after_count",
                    r.iter().map(|x| i64::try_from(x.after.of).ok()),
                )
                .int(
                    "after_total",
                    r.iter().map(|x| i64::try_from(x.after.n).ok()),
                )
                .float("change", r.iter().map(|x| x.change))
                .float("low", r.iter().map(|x| x.interval.map(|i| i.0)))
                .float("high", r.iter().map(|x| x.interval.map(|i| i.1)))
                .bool("significant", r.iter().map(|x| Some(x.significant)));
            wrap(py, b.finish())
        })
    }

    /// The first day of the period scored.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.inner.period.start
    }
    /// The first day after the period scored.
    #[getter]
    fn end(&self) -> NaiveDate {
        self.inner.period.end
    }
    /// The value of a measure (a code of `huzhu.scoring.measures()`: `match_rate`,
    /// `handling_days`, `funding_per_resident`, …), as a KPI tracks it; None when the period
    /// gives no data for it. An unknown code raises `huzhu.ValidationError` (a misspelt code
    /// is not "no data").
    fn measure(&self, code: &str) -> PyResult<Option<f64>> {
        if huzhu::scoring::measure(code).is_none() {
            return Err(crate::errors::value_err(
                "code",
                format!("{code:?} is not a measure; huzhu.scoring.measures() lists them"),
            ));
        }
        Ok(self.inner.measure(code))
    }
    /// Staffing beyond head counts (the core's JSON): residents per worker against the
    /// 500–800 norm, residents outside any worker's grid, the qualified share, training hours a
    /// year per worker; `loads` is a table, one row per worker (worker, role, qualified, grids,
    /// residents, care_files, training_minutes, over_caseload).
    #[getter]
    fn workforce(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| workforce_dict(py, &self.inner.workforce))
    }
    /// Service funding in the period (the core's JSON): total in fen, yuan per resident a year
    /// against the norm (50); `by_source` is a table (source, name_en, name_zh, amount_fen,
    /// share).
    #[getter]
    fn funding(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| funding_dict(py, &self.inner.funding))
    }
    /// What the scorecard counted, in a form that adds up (the core's `Tally` JSON: residents,
    /// every rate as numerator and denominator, response and completion times as raw values,
    /// headcounts and amounts as sums), for `huzhu.scoring.rollup`.
    fn tally(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &Tally::of(&self.inner)))
    }
    /// The tally of each grid cell, `{grid: tally}`, for what the scorecard counts by grid
    /// (residents, match rate, answered in time, participation, response times); summed over the
    /// grids they equal `tally()`'s counts. `community` is the one scored (the default).
    #[pyo3(signature = (community=None))]
    fn grid_tallies(&self, py: Python<'_>, community: Option<&PyCommunity>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let c = community.map_or(&self.community, |c| &c.inner);
            let t = py.detach(|| Tally::by_grid(&self.inner, c));
            grid_tallies_dict(py, &t)
        })
    }
    /// Writes the evaluation report to `path`: one self-contained bilingual HTML file (inline
    /// CSS and SVG, no scripts, no external resources) that prints to A4. `history` are the
    /// earlier periods' scorecards in date order (this one is the last period); `kpis` default
    /// to `default_kpis` from the first period's start; `community` (for the map and the grid
    /// level) to the one scored; `levels` is a `Rollup` (default: this community and its
    /// grids); `advice` a `StaffingAdvice`; `generated` the date printed and the day KPIs are
    /// judged (default today); `z` the confidence of the comparison of the last two periods.
    /// Returns the path as a `pathlib.Path`.
    #[pyo3(signature = (path, *, history=None, kpis=None, community=None, levels=None, advice=None, title_zh=None, title_en=None, generated=None, z=1.96))]
    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        py: Python<'_>,
        path: PathBuf,
        history: Opt<'_, '_>,
        kpis: Opt<'_, '_>,
        community: Option<&PyCommunity>,
        levels: Opt<'_, '_>,
        advice: Opt<'_, '_>,
        title_zh: Option<String>,
        title_en: Option<String>,
        generated: Opt<'_, '_>,
        z: f64,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let mut cards = match history.filter(|h| !h.is_none()) {
                Some(h) => crate::kpi::cards_arg(h, "history")?,
                None => Vec::new(),
            };
            cards.push(self.inner.clone());
            let a = ReportArgs {
                kpis,
                community,
                levels,
                advice,
                title_zh,
                title_en,
                generated,
                z,
            };
            let data = report_data(py, &cards, Some(Arc::clone(&self.community)), &a)?;
            py.detach(|| std::fs::write(&path, huzhu::report::render_html(&data)))
                .map_err(|e| {
                    pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", path.display()))
                })?;
            Ok(py
                .import("pathlib")?
                .getattr("Path")?
                .call1((path,))?
                .unbind())
        })
    }
    /// The composite community service index, 0–100 (None without data).
    #[getter]
    fn score(&self) -> Option<f64> {
        self.inner.index.score
    }
    /// Satisfaction per scope and dimension.
    #[getter]
    fn satisfaction(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, satisfaction_table(&self.inner.satisfaction))
    }
    /// Quality alerts.
    #[getter]
    fn alerts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, alerts_table(&self.inner.alerts))
    }
    /// Response times per need.
    #[getter]
    fn response(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, response_table(&self.inner.response))
    }
    /// Living-circle coverage per category and group.
    #[getter]
    fn coverage(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, coverage_table(&self.inner.coverage))
    }
    /// Staffing against the norms.
    #[getter]
    fn staffing(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, staffing_table(&self.inner.staffing))
    }
    /// Visits due and overdue.
    #[getter]
    fn visits(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, visits_table(&self.inner.visits))
    }
    /// How well needs were identified: accuracy of inferred needs, personalised services,
    /// survey coverage (one row each, as `huzhu.care.identification`).
    #[getter]
    fn identification(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(
            py,
            crate::care_tables::identification_table(&self.inner.identification),
        )
    }
    /// Participation in community affairs and activities, in all and by group (the core's
    /// JSON, as `huzhu.scoring.engagement`).
    #[getter]
    fn engagement(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner.engagement)
    }
    /// The community identity index and neighbours known (as `huzhu.scoring.identity_index`).
    #[getter]
    fn identity(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner.identity)
    }
    /// Complaints and suggestions (as `huzhu.scoring.voice`).
    #[getter]
    fn voice(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner.voice)
    }
    /// Organisations, their grades and dormancy (as `huzhu.scoring.organisations`).
    #[getter]
    fn organisations(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner.organisations)
    }
    /// Corrective actions opened by the quality alerts (as
    /// `huzhu.scoring.corrective_actions`).
    #[getter]
    fn corrective_actions(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner.corrective_actions)
    }
    /// The composite index's components.
    #[getter]
    fn index(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, index_table(&self.inner.index))
    }
    /// Everything as plain Python values.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner)
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "<huzhu.Scorecard {:?} {} → {}: index {}>",
            self.inner.community,
            self.inner.period.start,
            self.inner.period.end,
            self.inner
                .index
                .score
                .map_or_else(|| "n/a".into(), |s| format!("{s:.1}"))
        )
    }
    fn _repr_html_(&self) -> String {
        let c = &self.inner;
        let mut h = format!(
            "<div><b>Scorecard 评估</b> {} · {} → {}<br><b>Community service index 社区服务指数: {}</b><table><tr><th>indicator</th><th>指标</th><th>value</th><th>weight</th><th>contribution</th></tr>",
            html(&c.community),
            c.period.start,
            c.period.end,
            c.index
                .score
                .map_or_else(|| "n/a".into(), |s| format!("{s:.1}"))
        );
        for x in &c.index.components {
            let (en, zh) = x.indicator.labels();
            let _ = write!(
                h,
                "<tr><td>{en}</td><td>{zh}</td><td style='text-align:right'>{}</td><td style='text-align:right'>{:.2}</td><td style='text-align:right'>{:.1}</td></tr>",
                x.value
                    .map_or_else(|| "—".into(), |v| format!("{:.1}%", v * 100.0)),
                x.effective_weight,
                x.contribution
            );
        }
        let _ = write!(h, "</table>{} quality alerts</div>", c.alerts.len());
        h
    }
}
