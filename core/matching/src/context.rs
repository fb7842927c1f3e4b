//! What the matcher needs besides the community and the policy: the time, history and records.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use huzhu_model::error::FieldProblem;
use huzhu_model::{HelperId, NeedId, ResidentId};

use crate::MatchError;

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
///
/// In JSON, maps keyed by helper are objects keyed by the helper's label, and every field but
/// `now` may be left out:
///
/// ```
/// # use huzhu::matching::MatchContext;
/// let ctx = MatchContext::from_json(r#"{"now": "2026-11-23T08:00:00",
///     "reliability": {"volunteer#2": 800}, "unavailable": ["service#1"],
///     "history": [[1, "volunteer#2"]], "confirmed": {"7": {"kind": "volunteer", "id": 2}}}"#)?;
/// assert_eq!(ctx.reliability.len(), 1);
/// let e = MatchContext::from_json(r#"{"now": "2026-11-23T08:00:00", "reliability": {"volunteer#2": 1200}}"#)
///     .unwrap_err();
/// assert_eq!((e.code(), e.field()), ("MATCH_INVALID_CONTEXT", Some("reliability.volunteer#2")));
/// # Ok::<(), huzhu::matching::MatchError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MatchContext {
    /// The current time: windows that have passed are ignored, and no service starts earlier.
    #[cfg_attr(feature = "serde", serde(with = "huzhu_model::text::local"))]
    pub now: NaiveDateTime,
    /// Pairs (resident, helper) where the helper served the resident before (continuity).
    #[cfg_attr(feature = "serde", serde(default))]
    pub history: BTreeSet<(ResidentId, HelperId)>,
    /// Completion rate per helper, per mille (from scoring's delivery records), at most 1000.
    #[cfg_attr(feature = "serde", serde(default, with = "by_label"))]
    pub reliability: BTreeMap<HelperId, u16>,
    /// Helpers who cannot take part in this run (sick, on leave).
    #[cfg_attr(feature = "serde", serde(default))]
    pub unavailable: BTreeSet<HelperId>,
    /// Tasks each helper has already taken this period (in earlier runs): that much of its
    /// weekly capacity is used, and its fairness load cost continues from there.
    #[cfg_attr(feature = "serde", serde(default, with = "by_label"))]
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
        self.reliability.insert(helper, permille);
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

    /// Checks what a context can hold wrong on its own: a reliability above 1000 ‰. (Helpers
    /// and needs it names that the community lacks are ignored: a context may cover more than
    /// one community.) [`Matcher::new`](crate::Matcher::new) calls it.
    pub fn check(&self) -> Result<(), MatchError> {
        if let Some((helper, permille)) = self.reliability.iter().find(|(_, p)| **p > 1000) {
            return Err(MatchError::InvalidContext {
                field: format!("reliability.{helper}"),
                problem: FieldProblem::OutOfRange {
                    value: permille.to_string(),
                    allowed: "0..=1000".into(),
                },
            });
        }
        Ok(())
    }

    /// Reads a context from JSON (see the example above) and checks it. Errors name the field.
    #[cfg(feature = "serde")]
    pub fn from_json(text: &str) -> Result<Self, MatchError> {
        let ctx: Self =
            huzhu_model::json::from_str(text, "").map_err(|e| MatchError::context_json(&e))?;
        ctx.check()?;
        Ok(ctx)
    }

    /// As [`from_json`](Self::from_json), from an already parsed JSON value.
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, MatchError> {
        let ctx: Self =
            huzhu_model::json::from_value(value, "").map_err(|e| MatchError::context_json(&e))?;
        ctx.check()?;
        Ok(ctx)
    }
}

/// Serde for maps keyed by helper: JSON objects keyed by the helper's label.
#[cfg(feature = "serde")]
mod by_label {
    use std::collections::BTreeMap;

    use huzhu_model::HelperId;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer, V: Serialize>(
        map: &BTreeMap<HelperId, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(k, v)| (k.to_string(), v)))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        d: D,
    ) -> Result<BTreeMap<HelperId, V>, D::Error> {
        let raw = BTreeMap::<String, V>::deserialize(d)?;
        raw.into_iter()
            .map(|(k, v)| {
                k.parse::<HelperId>()
                    .map(|h| (h, v))
                    .map_err(serde::de::Error::custom)
            })
            .collect()
    }
}
