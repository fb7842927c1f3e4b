//! Completion and no-show rates per volunteer and service: the reliability the matcher reads.

use std::collections::BTreeMap;

use super::records::{Outcome, Period, ServiceRecord};
use super::stats;
use crate::model::HelperId;

/// Delivery record of one helper in a period.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HelperDelivery {
    /// The volunteer or service.
    pub helper: HelperId,
    /// Service records started in the period.
    pub records: u32,
    /// Delivered.
    pub done: u32,
    /// The helper did not turn up.
    pub no_show: u32,
    /// Cancelled.
    pub cancelled: u32,
    /// `done / records`.
    pub completion_rate: f64,
    /// `no_show / records`.
    pub no_show_rate: f64,
}

/// Completion and no-show rates per helper over the records started in `period`, in helper
/// order. Helpers without records are absent.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::{HelperId, NeedId, VolunteerId};
/// use huzhu::scoring::*;
/// let at = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let v = HelperId::Volunteer(VolunteerId(1));
/// let rec = |id, o| ServiceRecord::new(ServiceRecordId(id), NeedId(id), v, at(2), at(2), o);
/// let rows = delivery(&[rec(1, Outcome::NoShow), rec(2, Outcome::Cancelled)], Period::new(at(1).date(), at(30).date()).unwrap());
/// assert_eq!((rows[0].completion_rate, rows[0].no_show_rate), (0.0, 0.5));
/// ```
pub fn delivery(records: &[ServiceRecord], period: Period) -> Vec<HelperDelivery> {
    let mut counts: BTreeMap<HelperId, [u32; 3]> = BTreeMap::new();
    for r in records.iter().filter(|r| period.contains(r.started)) {
        let c = counts.entry(r.helper).or_default();
        match r.outcome {
            Outcome::Done => c[0] += 1,
            Outcome::NoShow => c[1] += 1,
            Outcome::Cancelled => c[2] += 1,
        }
    }
    counts
        .into_iter()
        .map(|(helper, [done, no_show, cancelled])| {
            let records = done + no_show + cancelled;
            let total = u64::from(records);
            HelperDelivery {
                helper,
                records,
                done,
                no_show,
                cancelled,
                completion_rate: stats::rate(u64::from(done), total).unwrap_or(0.0),
                no_show_rate: stats::rate(u64::from(no_show), total).unwrap_or(0.0),
            }
        })
        .collect()
}
