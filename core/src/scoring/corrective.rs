//! Corrective actions (整改): a quality alert opens one, and only the next evaluation that
//! passes closes it.

use super::alerts::{QualityAlert, Verdict};
use super::records::Period;
use crate::model::HelperId;

/// One corrective-action item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CorrectiveAction {
    /// The service or volunteer.
    pub helper: HelperId,
    /// The evaluation that opened it (verdict correct or retire).
    pub opened: Period,
    /// Whether a later evaluation while it was open found the helper to be retired.
    pub escalated: bool,
    /// The first later evaluation that passed (verdict OK), which closed it.
    pub closed: Option<Period>,
}

/// The corrective actions that alerts open and close, by helper then opening period: an item
/// opens at a `correct` or `retire` verdict when none is open for the helper, and closes at the
/// helper's next `ok` verdict. Few answers close nothing (the evaluation has not passed).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::{HelperId, ServiceId};
/// use huzhu::scoring::{Period, QualityAlert, Verdict, corrective_actions};
/// let m = |m| Period::new(NaiveDate::from_ymd_opt(2026, m, 1).unwrap(), NaiveDate::from_ymd_opt(2026, m + 1, 1).unwrap()).unwrap();
/// let alert = |p, verdict| QualityAlert { helper: HelperId::Service(ServiceId(1)), period: p, n: 30,
///     share_satisfied: 0.5, interval: (0.3, 0.7), years_below: 1, verdict };
/// let items = corrective_actions(&[alert(m(3), Verdict::Correct), alert(m(4), Verdict::BelowFewAnswers), alert(m(5), Verdict::Ok)]);
/// assert_eq!((items[0].opened, items[0].closed), (m(3), Some(m(5))));
/// ```
pub fn corrective_actions(alerts: &[QualityAlert]) -> Vec<CorrectiveAction> {
    let mut sorted: Vec<&QualityAlert> = alerts.iter().collect();
    sorted.sort_by_key(|a| (a.helper, a.period));
    let mut out: Vec<CorrectiveAction> = Vec::new();
    let mut open: Option<usize> = None;
    let mut helper = None;
    for a in sorted {
        if helper != Some(a.helper) {
            helper = Some(a.helper);
            open = None;
        }
        match (a.verdict, open) {
            (Verdict::Correct | Verdict::Retire, None) => {
                out.push(CorrectiveAction {
                    helper: a.helper,
                    opened: a.period,
                    escalated: false,
                    closed: None,
                });
                open = Some(out.len() - 1);
            }
            (Verdict::Retire, Some(i)) => out[i].escalated = true,
            (Verdict::Ok, Some(i)) => {
                out[i].closed = Some(a.period);
                open = None;
            }
            _ => {}
        }
    }
    out
}
