//! Special-group coverage (target 100%): one file per person, and contact on schedule.

use std::collections::{BTreeMap, BTreeSet};

use super::records::{CareRecord, Period};
use super::stats;
use crate::care::{ContactReport, DueStatus};
use crate::model::{Community, SpecialGroup};

/// Coverage counts of a set of special-group residents.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupCoverage {
    /// Residents in the group(s).
    pub residents: u32,
    /// With a care file (or a care record) open during the period.
    pub with_care_file: u32,
    /// With nothing overdue on the rounds at the end of the period.
    pub on_schedule: u32,
    /// With both: covered.
    pub covered: u32,
    /// `covered / residents`.
    pub share: Option<f64>,
}

impl GroupCoverage {
    fn add(&mut self, file: bool, on_schedule: bool) {
        self.residents += 1;
        self.with_care_file += u32::from(file);
        self.on_schedule += u32::from(on_schedule);
        self.covered += u32::from(file && on_schedule);
        self.share = stats::rate(u64::from(self.covered), u64::from(self.residents));
    }
}

/// Special-group coverage overall and per group.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SpecialGroupReport {
    /// Every resident in at least one special group.
    pub all: GroupCoverage,
    /// Per group (a resident in two groups counts in both).
    pub by_group: BTreeMap<SpecialGroup, GroupCoverage>,
    /// The policy target share.
    pub target: f64,
    /// Covered special-group residents as a share of the target, capped at 1.
    pub attainment: Option<f64>,
}

/// Special-group coverage in `period`, as the documents' care loop defines it: a special-group
/// resident is covered when a care file (一人一档) is open during the period — in the
/// community, or as a `care` record of the evidence — and the contacts followed the schedule:
/// nothing overdue on the `rounds` taken at the end of the period. Whether the resident needed
/// a service does not matter: one who needed nothing is not "uncovered".
///
/// ```
/// use huzhu::model::{Community, ContactPolicy};
/// use huzhu::care::contact_schedule;
/// use huzhu::scoring::{special_group_coverage, Period};
/// use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let c = Community::new("x");
/// let rounds = contact_schedule(&c, &[], d(2).and_hms_opt(0, 0, 0).unwrap(), &ContactPolicy::default());
/// let r = special_group_coverage(&c, &[], &rounds, Period::new(d(1), d(2)).unwrap(), 1.0);
/// assert_eq!(r.all.share, None);
/// ```
pub fn special_group_coverage(
    community: &Community,
    care: &[CareRecord],
    rounds: &ContactReport,
    period: Period,
    target: f64,
) -> SpecialGroupReport {
    let mut with_file: BTreeSet<_> = crate::cold::collect(
        care.iter()
            .filter(|c| c.active_in(period))
            .map(|c| c.resident),
    );
    with_file.extend(
        community
            .care_files()
            .filter(|f| f.is_open_during(period.start, period.end))
            .map(|f| f.resident),
    );
    let overdue: BTreeSet<_> = crate::cold::collect(
        rounds
            .due
            .iter()
            .filter(|d| d.status == DueStatus::Overdue)
            .map(|d| d.resident),
    );
    let mut all = GroupCoverage::default();
    let mut by_group: BTreeMap<SpecialGroup, GroupCoverage> = BTreeMap::new();
    for r in community.residents().filter(|r| r.is_priority()) {
        let (f, s) = (with_file.contains(&r.id), !overdue.contains(&r.id));
        all.add(f, s);
        for g in r.groups.iter() {
            by_group.entry(g).or_default().add(f, s);
        }
    }
    SpecialGroupReport {
        attainment: all.share.map(|s| {
            if target > 0.0 {
                (s / target).min(1.0)
            } else {
                1.0
            }
        }),
        all,
        by_group,
        target,
    }
}
