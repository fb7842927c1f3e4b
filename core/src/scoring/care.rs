//! Special-group coverage (target 100%): care records and needs served.

use std::collections::{BTreeMap, BTreeSet};

use super::records::{CareRecord, Outcome, Period, ServiceRecord};
use super::stats;
use crate::model::{Community, SpecialGroup};

/// Coverage counts of a set of special-group residents.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupCoverage {
    /// Residents in the group(s).
    pub residents: u32,
    /// With a care record active in the period.
    pub with_care_record: u32,
    /// With a need delivered (a done service record started in the period).
    pub served: u32,
    /// With both: covered.
    pub covered: u32,
    /// `covered / residents`.
    pub share: Option<f64>,
}

impl GroupCoverage {
    fn add(&mut self, care: bool, served: bool) {
        self.residents += 1;
        self.with_care_record += u32::from(care);
        self.served += u32::from(served);
        self.covered += u32::from(care && served);
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

/// Special-group coverage in `period`: the share of special-group residents with an active care
/// record *and* a need served in the period.
///
/// ```
/// use huzhu::model::Community;
/// use huzhu::scoring::{special_group_coverage, Period};
/// use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let r = special_group_coverage(&Community::new("x"), &[], &[], Period::new(d(1), d(2)).unwrap(), 1.0);
/// assert_eq!(r.all.share, None);
/// ```
pub fn special_group_coverage(
    community: &Community,
    care: &[CareRecord],
    records: &[ServiceRecord],
    period: Period,
    target: f64,
) -> SpecialGroupReport {
    let with_care: BTreeSet<_> = crate::cold::collect(
        care.iter()
            .filter(|c| c.active_in(period))
            .map(|c| c.resident),
    );
    let served: BTreeSet<_> = crate::cold::collect(
        records
            .iter()
            .filter(|r| r.outcome == Outcome::Done && period.contains(r.started))
            .filter_map(|r| community.need(r.need).map(|n| n.resident)),
    );
    let mut all = GroupCoverage::default();
    let mut by_group: BTreeMap<SpecialGroup, GroupCoverage> = BTreeMap::new();
    for r in community.residents().filter(|r| r.is_priority()) {
        let (c, s) = (with_care.contains(&r.id), served.contains(&r.id));
        all.add(c, s);
        for g in r.groups.iter() {
            by_group.entry(g).or_default().add(c, s);
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
