//! What happened, owned: the records scoring reads besides the community, as read from JSON or
//! tables by every surface.

use chrono::NaiveDateTime;

#[cfg(feature = "serde")]
use super::error::{InputRef, ScoringError};
use super::records::{Assignment, CareRecord, Period, ServiceRecord, SurveyResponse, VisitLog};
use super::scorecard::ScoringInputs;
use super::staffing::StaffCounts;
use super::timebank::TimeBankPeriod;
use crate::model::Community;

/// The evidence of a period: the plan's assignments, service records, surveys, care records,
/// visit logs, staff counts, time-bank summaries and identity-survey responses. Every part may
/// be empty.
///
/// In JSON every field may be left out; unknown fields are refused.
///
/// ```
/// use huzhu::scoring::Evidence;
/// let e: Evidence = serde_json::from_str(r#"{"staff": {"community_workers": 2, "social_workers": 1}}"#)?;
/// assert!(e.records.is_empty());
/// assert!(serde_json::from_str::<Evidence>(r#"{"record": []}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Evidence {
    /// The match plan's assignments.
    pub assignments: Vec<Assignment>,
    /// Service records.
    pub records: Vec<ServiceRecord>,
    /// Survey responses (of any periods: earlier ones feed the retirement rule).
    pub surveys: Vec<SurveyResponse>,
    /// Care records of special-group residents.
    pub care_records: Vec<CareRecord>,
    /// Visit and call logs.
    pub visits: Vec<VisitLog>,
    /// Staff headcounts.
    pub staff: StaffCounts,
    /// Time-bank period summaries.
    pub time_bank: Vec<TimeBankPeriod>,
    /// Identity-survey responses (those dated in the period count).
    pub identity: Vec<super::identity::IdentityResponse>,
    /// Workers' training (those dated in the period count).
    pub training: Vec<super::workforce::Training>,
    /// Service funding received (those dated in the period count).
    pub funding: Vec<super::workforce::Funding>,
}

impl Evidence {
    /// The inputs of scoring `community` over `period`, judged at `now`, from this evidence.
    pub fn inputs<'a>(
        &'a self,
        community: &'a Community,
        period: Period,
        now: NaiveDateTime,
    ) -> ScoringInputs<'a> {
        ScoringInputs {
            assignments: &self.assignments,
            records: &self.records,
            surveys: &self.surveys,
            care_records: &self.care_records,
            visits: &self.visits,
            staff: self.staff,
            time_bank: &self.time_bank,
            identity: &self.identity,
            training: &self.training,
            funding: &self.funding,
            ..ScoringInputs::new(community, period, now)
        }
    }
}

/// A request to score: the period, the moment judged and the evidence, read from one JSON
/// object `{"period": {"start", "end"}, "now", …the fields of Evidence}`.
///
/// ```
/// use huzhu::scoring::ScoringRequest;
/// let r = ScoringRequest::from_json(r#"{"period": {"start": "2026-11-01", "end": "2026-12-01"},
///     "now": "2026-12-01T00:00:00", "surveys": []}"#)?;
/// assert_eq!(r.period.days(), 30);
/// let e = ScoringRequest::from_json(r#"{"period": {"start": "2026-12-01", "end": "2026-11-01"},
///     "now": "2026-12-01T00:00:00"}"#).unwrap_err();
/// assert_eq!((e.record().as_deref(), e.field()), (Some("period"), Some("period.end")));
/// let e = ScoringRequest::from_json(r#"{"period": {"start": "2026-11-01", "end": "2026-12-01"},
///     "now": "2026-12-01T00:00:00", "survey": []}"#).unwrap_err();
/// assert_eq!(e.code(), "MODEL_JSON");
/// # Ok::<(), huzhu::scoring::ScoringError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringRequest {
    /// The reporting period.
    pub period: Period,
    /// The moment "now" for deadlines and visits.
    pub now: NaiveDateTime,
    /// What happened.
    pub evidence: Evidence,
}

/// A local date-time read by the one rule ([`crate::model::text`]).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct Now(#[serde(with = "crate::model::text::local")] NaiveDateTime);

#[cfg(feature = "serde")]
impl ScoringRequest {
    /// Reads a request from JSON text (errors name the path) and checks the period.
    pub fn from_json(text: &str) -> Result<Self, ScoringError> {
        let value: serde_json::Value = crate::model::json::from_str(text, "")?;
        Self::from_value(value, "")
    }

    /// Reads a request from a JSON value; `root` names it in errors (`inputs`).
    pub fn from_value(value: serde_json::Value, root: &str) -> Result<Self, ScoringError> {
        use crate::model::json::from_value;
        let at = |name: &str| {
            if root.is_empty() {
                name.to_owned()
            } else {
                format!("{root}.{name}")
            }
        };
        let mut map: serde_json::Map<String, serde_json::Value> = from_value(value, root)?;
        let mut take = |name: &str| map.remove(name).unwrap_or(serde_json::Value::Null);
        let period: Period = from_value(take("period"), &at("period"))?;
        period.check(InputRef::Period, "period")?;
        let Now(now) = from_value(take("now"), &at("now"))?;
        let evidence: Evidence = from_value(serde_json::Value::Object(map), root)?;
        Ok(Self {
            period,
            now,
            evidence,
        })
    }

    /// The inputs of scoring `community` with this request.
    pub fn inputs<'a>(&'a self, community: &'a Community) -> ScoringInputs<'a> {
        self.evidence.inputs(community, self.period, self.now)
    }
}
