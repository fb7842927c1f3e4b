//! What the matcher needs besides the community and the policy: the time, history and records.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use huzhu_model::{HelperId, NeedId, ResidentId};

/// The caller's knowledge at matching time. The core never reads the clock: `now` comes in here.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::matching::MatchContext;
/// use huzhu::model::{HelperId, ResidentId, VolunteerId};
/// let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let ctx = MatchContext::new(now)
///     .with_history(ResidentId(1), HelperId::Volunteer(VolunteerId(2)))
///     .with_reliability(HelperId::Volunteer(VolunteerId(2)), 800);
/// assert_eq!(ctx.reliability_of(HelperId::Volunteer(VolunteerId(2))), Some(800));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MatchContext {
    /// The current time: windows that have passed are ignored, and no service starts earlier.
    pub now: NaiveDateTime,
    /// Pairs (resident, helper) where the helper served the resident before (continuity).
    #[cfg_attr(feature = "serde", serde(default))]
    pub history: BTreeSet<(ResidentId, HelperId)>,
    /// Completion rate per helper, per mille (from scoring's delivery records).
    #[cfg_attr(feature = "serde", serde(default))]
    pub reliability: BTreeMap<HelperId, u16>,
    /// Helpers who cannot take part in this run (sick, on leave).
    #[cfg_attr(feature = "serde", serde(default))]
    pub unavailable: BTreeSet<HelperId>,
    /// Tasks each helper has already taken this period (in earlier runs): that much of its
    /// weekly capacity is used, and its fairness load cost continues from there.
    #[cfg_attr(feature = "serde", serde(default))]
    pub committed: BTreeMap<HelperId, u32>,
    /// Matches already confirmed: these matched needs take part in the run pinned to their
    /// helper, so re-planning keeps them. Matched needs not listed here are left out.
    #[cfg_attr(feature = "serde", serde(default))]
    pub confirmed: BTreeMap<NeedId, HelperId>,
}

impl MatchContext {
    /// A context with no history or records.
    pub fn new(now: NaiveDateTime) -> Self {
        Self {
            now,
            history: BTreeSet::new(),
            reliability: BTreeMap::new(),
            unavailable: BTreeSet::new(),
            committed: BTreeMap::new(),
            confirmed: BTreeMap::new(),
        }
    }

    /// Records that `helper` served `resident` before.
    #[must_use]
    pub fn with_history(mut self, resident: ResidentId, helper: HelperId) -> Self {
        self.history.insert((resident, helper));
        self
    }

    /// Records a helper's completion rate, per mille (clamped to 1000).
    #[must_use]
    pub fn with_reliability(mut self, helper: HelperId, permille: u16) -> Self {
        self.reliability.insert(helper, permille.min(1000));
        self
    }

    /// Records that a helper already took `tasks` tasks this period.
    #[must_use]
    pub fn with_committed(mut self, helper: HelperId, tasks: u32) -> Self {
        self.committed.insert(helper, tasks);
        self
    }

    /// Confirms a match: the need takes part pinned to `helper`.
    #[must_use]
    pub fn with_confirmed(mut self, need: NeedId, helper: HelperId) -> Self {
        self.confirmed.insert(need, helper);
        self
    }

    /// The recorded completion rate of a helper.
    pub fn reliability_of(&self, helper: HelperId) -> Option<u16> {
        self.reliability.get(&helper).copied()
    }
}
