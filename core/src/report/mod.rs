//! An evaluation report a street office can hand on, as one self-contained HTML file.
//!
//! [`render_html`] turns a [`ReportData`] into a bilingual document (Chinese first, then English)
//! with, in order:
//!
//! - a header (title, place, date, periods) and a summary strip: the latest composite index, how
//!   many key indicators are met, on track or behind, and how many alerts are still open;
//! - `#kpis`: the key indicators against their targets (baseline → target, deadline and phase,
//!   latest value, progress, status, the change still needed per period), with a trend chart per
//!   indicator (the series, a gap where a value is missing, the target dashed, the baseline
//!   dotted);
//! - `#index`: the composite index per period as a bar chart;
//! - `#changes`: the rates of the last two periods compared, significant changes marked;
//! - `#levels`: the scorecard by level, indented grid → community → street → district → city;
//! - `#map`: a map of unmet need by grid (circle area ∝ unmet need, colour by unmet share);
//! - `#alerts`: quality alerts and their corrective actions, open ones first;
//! - `#advice` and `#staffing`: staffing advice, and staffing against the norms.
//!
//! The renderer is pure: no I/O, no clock (the caller passes the date in
//! [`ReportData::generated`]), and the same data gives the same bytes. The page is
//! self-contained: inline CSS and inline SVG, no scripts, no fonts or images fetched, no
//! external URLs; it names a CJK font stack and prints to A4 from a browser, one section a page.
//! Every caller text is HTML-escaped; a missing or non-finite number shows as "—", and an empty
//! section says 暂无数据 · No data.
//!
//! With the `serde` feature, [`ReportData`] reads from JSON (every field optional, unknown fields
//! rejected), which is how the Python and JS bindings pass it.
//!
//! ```
//! use huzhu::report::{KpiLine, ReportData, render_html};
//!
//! let data = ReportData {
//!     title_zh: "社区服务中期评估".into(),
//!     title_en: "Mid-term evaluation".into(),
//!     place: "Demo street".into(),
//!     generated: chrono::NaiveDate::from_ymd_opt(2026, 7, 1),
//!     periods: vec!["2026 Q1".into(), "2026 Q2".into()],
//!     index: vec![Some(61.5), Some(66.0)],
//!     kpis: vec![KpiLine {
//!         code: "match_rate".into(),
//!         name_zh: "供需匹配率".into(),
//!         name_en: "Match rate".into(),
//!         percent: true,
//!         baseline: Some(0.55),
//!         target: 0.82,
//!         series: vec![Some(0.58), Some(0.64)],
//!         latest: Some(0.64),
//!         progress: Some(1.0 / 3.0),
//!         on_track: Some(true),
//!         ..KpiLine::default()
//!     }],
//!     ..ReportData::default()
//! };
//! let html = render_html(&data);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("<title>社区服务中期评估 · Mid-term evaluation</title>"));
//! assert!(html.contains("55.0% → 82.0%"));
//! assert!(html.contains("正常 · On track"));
//! assert!(html.contains("<section id=\"alerts\">") && html.contains("暂无数据 · No data"));
//! assert_eq!(html, render_html(&data)); // deterministic
//! ```

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = ::std::fmt::Write::write_fmt($out, format_args!($($arg)*));
    }};
}

mod data;
mod escape;
mod evaluation;
mod html;
mod num;
mod svg;

pub use data::{
    AdviceLine, AlertLine, ChangeLine, GridCell, KpiLine, LevelLine, NormLine, ReportData,
};
pub use evaluation::{EvaluationInput, evaluation_html, evaluation_report, period_label};

/// Renders `data` as one self-contained, printable HTML document (see the [module
/// docs](self) for what it contains).
///
/// Never panics, whatever the data: empty sections say so, non-finite numbers show as "—".
///
/// ```
/// use huzhu::report::{GridCell, ReportData, render_html};
///
/// let data = ReportData {
///     place: "<b>东湖街道</b>".into(),
///     grids: vec![GridCell { grid: "G1".into(), lat: 31.2, lon: 121.5, demand: 40, unmet: 10 }],
///     ..ReportData::default()
/// };
/// let html = render_html(&data);
/// assert!(html.contains("&lt;b&gt;东湖街道&lt;/b&gt;"));
/// assert!(html.contains("<section id=\"map\">") && html.contains("data-grid=\"G1\""));
/// assert!(html.contains("25.0%")); // unmet share of the grid
/// ```
pub fn render_html(data: &ReportData) -> String {
    html::document(data)
}
