//! Quality warnings (质量预警): correct a service below the satisfaction threshold, retire it
//! after consecutive years below, and flag a service below the line even on few answers.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::policy::AlertPolicy;
use super::records::Period;
use super::satisfaction::{SatisfactionReport, Scope};
use crate::model::HelperId;

/// The verdict on one helper in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// At or above the threshold.
    Ok,
    /// Below the threshold: must be corrected (整改).
    Correct,
    /// Below the threshold in the required number of consecutive years: retire (退出).
    Retire,
    /// Below the threshold on fewer answers than a firm verdict needs: look closer (its
    /// interval says how sure).
    BelowFewAnswers,
    /// At or above the threshold on too few answers to call it.
    InsufficientData,
}

impl Verdict {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Correct => "correct",
            Self::Retire => "retire",
            Self::BelowFewAnswers => "below_few_answers",
            Self::InsufficientData => "insufficient_data",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Ok => ("OK", "正常"),
            Self::Correct => ("Correct", "整改"),
            Self::Retire => ("Retire", "退出"),
            Self::BelowFewAnswers => ("Below the line, few answers", "低于警戒线（样本少）"),
            Self::InsufficientData => ("Insufficient data", "数据不足"),
        }
    }

    /// Whether the verdict asks for action (correct, retire, or a look at few answers below).
    pub fn is_warning(self) -> bool {
        matches!(self, Self::Correct | Self::Retire | Self::BelowFewAnswers)
    }
}

/// The quality verdict on one helper in one period.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QualityAlert {
    /// The service or volunteer.
    pub helper: HelperId,
    /// The period.
    pub period: Period,
    /// Number of responses with an overall score.
    pub n: u32,
    /// Share of responses whose overall score counts as satisfied.
    pub share_satisfied: f64,
    /// The Wilson interval of that share (low, high).
    pub interval: (f64, f64),
    /// Consecutive calendar years below the threshold ending with the period's year (the year
    /// to date for the current one; 0 when that year is not below on enough answers).
    pub years_below: u32,
    /// The verdict.
    pub verdict: Verdict,
}

/// Quality verdicts for every helper and period in a satisfaction report, ordered by helper then
/// period. The retirement rule reads the annual evaluations: all of a helper's answers in the
/// periods starting in a calendar year, pooled.
///
/// ```
/// use huzhu::scoring::{quality_alerts, AlertPolicy, SatisfactionReport};
/// let empty = SatisfactionReport { rows: vec![], cronbach_alpha: None, alpha_respondents: 0 };
/// assert!(quality_alerts(&empty, &AlertPolicy::default()).is_empty());
/// ```
pub fn quality_alerts(report: &SatisfactionReport, policy: &AlertPolicy) -> Vec<QualityAlert> {
    // Per helper: the period rows, and the pooled (satisfied, answers) per calendar year.
    let mut rows: BTreeMap<HelperId, BTreeMap<Period, super::LikertSummary>> = BTreeMap::new();
    let mut years: BTreeMap<HelperId, BTreeMap<i32, (u64, u64)>> = BTreeMap::new();
    for r in &report.rows {
        if let (Scope::Helper(h), Some(o)) = (&r.scope, &r.overall) {
            rows.entry(*h).or_default().insert(r.period, *o);
            let y = years
                .entry(*h)
                .or_default()
                .entry(r.period.start.year())
                .or_default();
            y.0 += u64::from(o.satisfied);
            y.1 += u64::from(o.n);
        }
    }
    let below = |sat: u64, n: u64| {
        n >= u64::from(policy.min_answers) && (sat as f64) < policy.correct_below * n as f64
    };
    let mut out = Vec::new();
    for (helper, periods) in rows {
        let annual = &years[&helper];
        for (period, o) in periods {
            let mut years_below = 0u32;
            let mut y = period.start.year();
            while annual.get(&y).is_some_and(|(s, n)| below(*s, *n)) {
                years_below += 1;
                y -= 1;
            }
            let share_below = o.share_satisfied < policy.correct_below;
            let verdict = if o.n < policy.min_answers {
                if share_below {
                    Verdict::BelowFewAnswers
                } else {
                    Verdict::InsufficientData
                }
            } else if share_below {
                if years_below >= policy.retire_after_years {
                    Verdict::Retire
                } else {
                    Verdict::Correct
                }
            } else {
                Verdict::Ok
            };
            out.push(QualityAlert {
                helper,
                period,
                n: o.n,
                share_satisfied: o.share_satisfied,
                interval: (o.ci_low, o.ci_high),
                years_below,
                verdict,
            });
        }
    }
    out
}
