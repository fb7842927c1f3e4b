//! The scorecard's headline numbers by stable code: what a KPI tracks from period to period.

use super::satisfaction::Scope;
use super::scorecard::Scorecard;

/// A headline number of the scorecard that a KPI can track (written to JSON field for field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Measure {
    /// Stable code.
    pub code: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
    /// Unit: `share` (0–1, shown as a percentage), `points` (0–100), `days`, `yuan`, `hours`,
    /// `residents` or `per_10k`.
    pub unit: &'static str,
    /// Whether a higher value is better.
    pub higher_is_better: bool,
}

const fn m(
    code: &'static str,
    name_en: &'static str,
    name_zh: &'static str,
    unit: &'static str,
    higher_is_better: bool,
) -> Measure {
    Measure {
        code,
        name_en,
        name_zh,
        unit,
        higher_is_better,
    }
}

/// Every measure, in a fixed order.
pub const MEASURES: &[Measure] = &[
    m("index", "Service index", "社区服务指数", "points", true),
    m("match_rate", "Match rate", "供需匹配率", "share", true),
    m(
        "response_compliance",
        "Answered in time",
        "按时响应率",
        "share",
        true,
    ),
    m("satisfaction", "Satisfaction", "满意度", "share", true),
    m(
        "special_group_satisfaction",
        "Special-group satisfaction",
        "特殊群体满意度",
        "share",
        true,
    ),
    m(
        "special_group_coverage",
        "Special-group coverage",
        "特殊群体覆盖率",
        "share",
        true,
    ),
    m(
        "community_affairs",
        "Participation in community affairs",
        "社区事务参与率",
        "share",
        true,
    ),
    m(
        "activity_participation",
        "Activity participation",
        "活动参与率",
        "share",
        true,
    ),
    m(
        "identity_index",
        "Community identity index",
        "社区认同指数",
        "points",
        true,
    ),
    m(
        "neighbours_known",
        "Neighbours known",
        "邻里熟识率",
        "share",
        true,
    ),
    m(
        "handling_days",
        "Handling time of complaints and suggestions",
        "诉求办理时长",
        "days",
        false,
    ),
    m(
        "suggestions_adopted",
        "Suggestions adopted",
        "建议采纳率",
        "share",
        true,
    ),
    m(
        "facility_idle_share",
        "Facility idle share",
        "设施闲置率",
        "share",
        false,
    ),
    m(
        "circle_coverage",
        "15-minute living-circle coverage",
        "15分钟生活圈覆盖率",
        "share",
        true,
    ),
    m(
        "radius_coverage",
        "Coverage within the 500 m service radius",
        "500米服务半径覆盖率",
        "share",
        true,
    ),
    m(
        "community_workers_per_10k",
        "Community workers per 10,000 residents",
        "每万人社区工作者数",
        "per_10k",
        true,
    ),
    m(
        "residents_per_social_worker",
        "Residents per social worker",
        "每名社工服务居民数",
        "residents",
        false,
    ),
    m(
        "volunteer_share",
        "Registered volunteers per resident",
        "注册志愿者占比",
        "share",
        true,
    ),
    m(
        "residents_per_worker",
        "Residents per worker",
        "每名工作人员服务居民数",
        "residents",
        false,
    ),
    m(
        "qualified_share",
        "Workers professionally qualified",
        "持证专业人员占比",
        "share",
        true,
    ),
    m(
        "training_hours",
        "Training hours per worker a year",
        "人均年培训学时",
        "hours",
        true,
    ),
    m(
        "funding_per_resident",
        "Service funding per resident a year",
        "人均年服务经费",
        "yuan",
        true,
    ),
];

/// The measure of a code.
///
/// ```
/// let m = huzhu::scoring::measure("handling_days").unwrap();
/// assert!(!m.higher_is_better);
/// assert!(huzhu::scoring::measure("happiness").is_none());
/// ```
pub fn measure(code: &str) -> Option<&'static Measure> {
    MEASURES.iter().find(|m| m.code == code)
}

impl Scorecard {
    /// The value of a measure ([`MEASURES`]) in this scorecard: `None` for an unknown code or
    /// when the period gives no data for it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::Community;
    /// use huzhu::scoring::{Period, Scorecard, ScoringInputs, ScoringPolicy};
    /// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    /// let c = Community::new("x");
    /// let card = Scorecard::compute(&ScoringInputs::new(&c, Period::new(d(1), d(4)).unwrap(),
    ///     d(4).and_hms_opt(0, 0, 0).unwrap()), &ScoringPolicy::default()).unwrap();
    /// assert_eq!(card.measure("match_rate"), None); // no needs, no rate
    /// ```
    pub fn measure(&self, code: &str) -> Option<f64> {
        let per = |n: u32, by: f64| {
            (self.staffing.residents > 0)
                .then(|| f64::from(n) / f64::from(self.staffing.residents) * by)
        };
        let v = match code {
            "index" => self.index.score,
            "match_rate" => self.supply.match_rate,
            "response_compliance" => self.response.overall.compliance_rate,
            "satisfaction" => self.satisfaction_share(&Scope::All),
            "special_group_satisfaction" => self.satisfaction_share(&Scope::SpecialGroups),
            "special_group_coverage" => self.special_groups.all.share,
            "community_affairs" => self.engagement.all.community_affairs.share,
            "activity_participation" => self.engagement.all.activities.share,
            "identity_index" => self.identity.index,
            "neighbours_known" => self.identity.neighbours_known_share,
            "handling_days" => self.voice.mean_handling_days,
            "suggestions_adopted" => self.voice.adopted_share,
            "facility_idle_share" => (!self.facilities.is_empty()).then(|| {
                self.facilities.iter().map(|f| f.idle_share).sum::<f64>()
                    / self.facilities.len() as f64
            }),
            "circle_coverage" => self.coverage.mean_share,
            "radius_coverage" => self.coverage.mean_share_radius,
            "community_workers_per_10k" => per(self.staffing.community_workers.actual, 10_000.0),
            "residents_per_social_worker" => (self.staffing.social_workers.actual > 0).then(|| {
                f64::from(self.staffing.residents) / f64::from(self.staffing.social_workers.actual)
            }),
            "volunteer_share" => self.staffing.volunteer_share,
            "residents_per_worker" => self.workforce.residents_per_worker,
            "qualified_share" => self.workforce.qualified_share,
            "training_hours" => self.workforce.training_hours_per_year,
            "funding_per_resident" => self.funding.per_resident_year,
            _ => None,
        };
        v.filter(|x| x.is_finite())
    }

    fn satisfaction_share(&self, scope: &Scope) -> Option<f64> {
        self.satisfaction
            .row(scope, self.period)
            .and_then(|r| r.overall.as_ref())
            .map(|o| o.share_satisfied)
    }
}
