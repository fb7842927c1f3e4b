//! Quality warnings (质量预警): correct a service below the satisfaction threshold, retire it after
//! consecutive periods below, and never judge on too few answers.

use std::collections::{BTreeMap, BTreeSet};

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
    /// Below the threshold for the required number of consecutive periods: retire (退出).
    Retire,
    /// Too few answers to judge.
    InsufficientData,
}

impl Verdict {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Correct => "correct",
            Self::Retire => "retire",
            Self::InsufficientData => "insufficient_data",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Ok => ("OK", "正常"),
            Self::Correct => ("Correct", "整改"),
            Self::Retire => ("Retire", "退出"),
            Self::InsufficientData => ("Insufficient data", "数据不足"),
        }
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
    /// Consecutive periods below the threshold ending with this one (0 when not below).
    pub periods_below: u32,
    /// The verdict.
    pub verdict: Verdict,
}

/// Quality verdicts for every helper and period in a satisfaction report, ordered by helper then
/// period.
///
/// "In a row" means consecutive among the distinct periods present in the report (in time
/// order): a period with no answers, or with too few, breaks the run.
///
/// ```
/// use huzhu::scoring::{quality_alerts, AlertPolicy, SatisfactionReport};
/// let empty = SatisfactionReport { rows: vec![], cronbach_alpha: None, alpha_respondents: 0 };
/// assert!(quality_alerts(&empty, &AlertPolicy::default()).is_empty());
/// ```
pub fn quality_alerts(report: &SatisfactionReport, policy: &AlertPolicy) -> Vec<QualityAlert> {
    let periods: Vec<Period> =
        crate::cold::collect::<BTreeSet<_>, _>(report.rows.iter().map(|r| r.period))
            .into_iter()
            .collect();
    let mut per_helper: BTreeMap<HelperId, BTreeMap<usize, (u32, f64)>> = BTreeMap::new();
    for r in &report.rows {
        if let (Scope::Helper(h), Some(o)) = (&r.scope, &r.overall)
            && let Ok(i) = periods.binary_search(&r.period)
        {
            per_helper
                .entry(*h)
                .or_default()
                .insert(i, (o.n, o.share_satisfied));
        }
    }
    let mut out = Vec::new();
    for (helper, rows) in per_helper {
        let mut run = 0u32;
        let mut last: Option<usize> = None;
        for (i, (n, share)) in rows {
            if last.is_none_or(|l| l + 1 != i) {
                run = 0;
            }
            last = Some(i);
            let verdict = if n < policy.min_answers {
                run = 0;
                Verdict::InsufficientData
            } else if share < policy.correct_below {
                run += 1;
                if run >= policy.retire_after_periods {
                    Verdict::Retire
                } else {
                    Verdict::Correct
                }
            } else {
                run = 0;
                Verdict::Ok
            };
            out.push(QualityAlert {
                helper,
                period: periods[i],
                n,
                share_satisfied: share,
                periods_below: run,
                verdict,
            });
        }
    }
    out
}
