//! The report's data contract: plain values, already computed and labelled, so any caller (Rust,
//! Python, JS through JSON) can fill it. Nothing here is calculated again by the renderer.
//!
//! Shares are fractions in `0..=1` (`0.82` is shown as `82.0%`); missing values are `None`, and a
//! non-finite number is shown as "—" like a missing one. Every text is the caller's and is
//! escaped when rendered.

use chrono::NaiveDate;

/// Everything an evaluation report shows, section by section.
///
/// With the `serde` feature this reads from JSON; every field may be left out (it takes its
/// default) and an unknown field is an error, so a misspelt key is caught rather than ignored.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ReportData {
    /// Report title in Chinese (shown first). Empty: "社区服务评估报告".
    pub title_zh: String,
    /// Report title in English. Empty: "Community service evaluation report".
    pub title_en: String,
    /// The community or street the report is about.
    pub place: String,
    /// The date printed on the report; the caller passes it (the renderer reads no clock).
    pub generated: Option<NaiveDate>,
    /// Period labels in order, oldest first, e.g. `"2026 Q1"`. The x axis of every chart.
    pub periods: Vec<String>,
    /// The composite index (0–100) per period, one value per label in [`periods`](Self::periods).
    pub index: Vec<Option<f64>>,
    /// The key indicators against their targets (section `#kpis`).
    pub kpis: Vec<KpiLine>,
    /// Rates compared between the last two periods (section `#changes`).
    pub changes: Vec<ChangeLine>,
    /// The scorecard by level, in tree order; [`LevelLine::depth`] gives the indentation
    /// (section `#levels`).
    pub levels: Vec<LevelLine>,
    /// Demand and unmet need by grid, for the map (section `#map`).
    pub grids: Vec<GridCell>,
    /// Quality alerts and their corrective actions (section `#alerts`).
    pub alerts: Vec<AlertLine>,
    /// Staffing advice: whom to recruit where (section `#advice`).
    pub advice: Vec<AdviceLine>,
    /// Staffing against the norms (section `#staffing`).
    pub staffing: Vec<NormLine>,
}

/// One key indicator: where it started, where it must get to, and where it is.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct KpiLine {
    /// Stable code of the indicator, e.g. `"match_rate"`.
    pub code: String,
    /// Name in Chinese, e.g. "供需匹配率".
    pub name_zh: String,
    /// Name in English, e.g. "Match rate".
    pub name_en: String,
    /// Unit printed after values: `"%"`, `"pts"`, `"days"`, `"yuan"` or `""`. Ignored when
    /// [`percent`](Self::percent) is set.
    pub unit: String,
    /// Values are shares in `0..=1`, shown as percentages (`0.82` → `82.0%`).
    pub percent: bool,
    /// The value at the start of the plan.
    pub baseline: Option<f64>,
    /// The value to reach.
    pub target: f64,
    /// When the target is due.
    pub deadline: Option<NaiveDate>,
    /// The plan phase the deadline belongs to, e.g. "推广期 roll-out".
    pub phase: Option<String>,
    /// Whether a larger value is better (default `true`); a lower-is-better indicator, such as
    /// handling days, has `false`.
    pub higher_is_better: bool,
    /// One value per period label of [`ReportData::periods`]; `None` where not measured (the
    /// trend line has a gap there).
    pub series: Vec<Option<f64>>,
    /// The latest value.
    pub latest: Option<f64>,
    /// Share of the way from baseline to target covered so far (`0.5` is half way).
    pub progress: Option<f64>,
    /// Whether the indicator is on course to meet the target by the deadline; `None` when not
    /// judged.
    pub on_track: Option<bool>,
    /// Whether the target is met already.
    pub met: bool,
    /// The change per period still needed to reach the target by the deadline, in the
    /// indicator's units (a share for a percent indicator).
    pub needed_per_period: Option<f64>,
}

impl Default for KpiLine {
    /// An empty higher-is-better indicator.
    fn default() -> Self {
        Self {
            code: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            unit: String::new(),
            percent: false,
            baseline: None,
            target: 0.0,
            deadline: None,
            phase: None,
            higher_is_better: true,
            series: Vec::new(),
            latest: None,
            progress: None,
            on_track: None,
            met: false,
            needed_per_period: None,
        }
    }
}

/// One rate in the last two periods, and whether its change is more than noise.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ChangeLine {
    /// Stable code of the rate.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// The earlier period's count as text, e.g. `"48/80"`.
    pub before: String,
    /// The later period's count as text, e.g. `"56/70"`.
    pub after: String,
    /// `after − before` as a share (`0.2` is 20 percentage points).
    pub change: Option<f64>,
    /// Lower end of the interval for the change, as a share.
    pub low: Option<f64>,
    /// Upper end of the interval for the change, as a share.
    pub high: Option<f64>,
    /// Whether the interval leaves out zero (显著 · significant).
    pub significant: bool,
}

/// One row of the scorecard by level (grid → community → street → district → city).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct LevelLine {
    /// Stable id of the unit, e.g. `"G3"`.
    pub id: String,
    /// Display name of the unit.
    pub name: String,
    /// The level: `"grid"`, `"community"`, `"street"`, `"district"` or `"city"` (shown with its
    /// Chinese name; any other text is shown as it is).
    pub level: String,
    /// Depth in the tree (0 for the root); rows are indented by it.
    pub depth: u32,
    /// Residents in the unit.
    pub residents: u64,
    /// Needs raised in the period.
    pub demand: u64,
    /// Needs not met in the period.
    pub unmet: u64,
    /// Share of needs matched to a service or volunteer.
    pub match_rate: Option<f64>,
    /// Share of needs answered within the response time limit.
    pub response_compliance: Option<f64>,
    /// Share of survey answers satisfied.
    pub satisfaction: Option<f64>,
}

/// One grid on the map of unmet need.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct GridCell {
    /// The grid's name, used as its label.
    pub grid: String,
    /// Latitude of the grid's centre (WGS84 degrees).
    pub lat: f64,
    /// Longitude of the grid's centre (WGS84 degrees).
    pub lon: f64,
    /// Needs raised in the grid.
    pub demand: u64,
    /// Needs not met in the grid (the circle's area is proportional to it).
    pub unmet: u64,
}

/// A quality alert and the corrective action it calls for.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct AlertLine {
    /// What the alert is about, e.g. a service's name.
    pub subject: String,
    /// The verdict in Chinese, e.g. "整改".
    pub verdict_zh: String,
    /// The verdict in English, e.g. "Correct".
    pub verdict_en: String,
    /// Share of survey answers satisfied.
    pub share: Option<f64>,
    /// How many survey answers the share rests on.
    pub answers: u64,
    /// The corrective action in Chinese.
    pub action_zh: String,
    /// The corrective action in English.
    pub action_en: String,
    /// Whether the action is still open (open actions are listed first).
    pub open: bool,
}

/// One piece of staffing advice: recruit here, with this skill, to meet these needs.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct AdviceLine {
    /// The advice in Chinese.
    pub text_zh: String,
    /// The advice in English.
    pub text_en: String,
    /// How many people to recruit.
    pub recruits: u32,
    /// How many unmet needs they would meet.
    pub needs_met: u32,
    /// The grid to recruit in.
    pub grid: String,
    /// The skill to recruit for.
    pub skill: String,
}

/// Staffing against one norm (community workers per 10,000 residents, social workers per 500…).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct NormLine {
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// What there is, as text, e.g. `"14"`.
    pub actual: String,
    /// What the norm asks for, as text, e.g. `"≥ 18"`.
    pub norm: String,
    /// Whether the norm is met; `None` without data.
    pub meets: Option<bool>,
}
