//! Risk flags: a care file whose resident is slipping, with the reason.

use chrono::NaiveDateTime;

use super::contacts::{ContactReport, DueStatus};
use crate::model::{Community, ContactKind, NeedId, ResidentId, RiskLevel, SelfCare, WorkerId};

/// Why a flag is raised.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "reason", rename_all = "snake_case"))]
pub enum RiskReason {
    /// A planned contact is overdue.
    MissedContact {
        /// The kind of contact.
        kind: ContactKind,
        /// Days since the last one (`None`: never).
        days_since: Option<u32>,
        /// Days the plan allows.
        interval_days: u32,
    },
    /// A need is still unserved after its deadline.
    UnservedPastDeadline {
        /// The need.
        need: NeedId,
        /// Its deadline.
        #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
        deadline: NaiveDateTime,
    },
    /// The resident's self-care is worse than the file's assessment found.
    SelfCareFell {
        /// At the assessment.
        assessed: SelfCare,
        /// Now.
        now: SelfCare,
    },
}

impl RiskReason {
    /// Stable code: `missed_contact`, `unserved_past_deadline`, `self_care_fell`.
    ///
    /// ```
    /// use huzhu::care::RiskReason;
    /// use huzhu::model::SelfCare;
    /// let r = RiskReason::SelfCareFell { assessed: SelfCare::Full, now: SelfCare::Partial };
    /// assert_eq!(r.code(), "self_care_fell");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissedContact { .. } => "missed_contact",
            Self::UnservedPastDeadline { .. } => "unserved_past_deadline",
            Self::SelfCareFell { .. } => "self_care_fell",
        }
    }
}

impl std::fmt::Display for RiskReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MissedContact {
                kind,
                days_since,
                interval_days,
            } => match days_since {
                Some(d) => write!(
                    f,
                    "no {} for {d} days (every {interval_days} planned)",
                    kind.code()
                ),
                None => write!(f, "no {} on record", kind.code()),
            },
            Self::UnservedPastDeadline { need, deadline } => write!(
                f,
                "{need} unserved past its deadline {}",
                crate::model::text::format_local_datetime(*deadline)
            ),
            Self::SelfCareFell { assessed, now } => write!(
                f,
                "self-care fell from {} to {} since the assessment",
                assessed.code(),
                now.code()
            ),
        }
    }
}

/// One raised flag.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RiskFlag {
    /// The resident.
    pub resident: ResidentId,
    /// The responsible worker, when known.
    pub worker: Option<WorkerId>,
    /// The file's risk level now.
    pub level: RiskLevel,
    /// Why.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub reason: RiskReason,
}

/// The flags of every open care file at `now`: overdue contacts (from `rounds`), needs unserved
/// past their deadline, and a self-care level worse than assessed. Ordered by resident, then in
/// that order.
pub fn risk_flags(
    community: &Community,
    rounds: &ContactReport,
    now: NaiveDateTime,
) -> Vec<RiskFlag> {
    let today = now.date();
    let mut out = Vec::new();
    for file in community.care_files().filter(|f| f.is_open_on(today)) {
        let Some(resident) = community.resident(file.resident) else {
            continue;
        };
        let flag = |reason| RiskFlag {
            resident: file.resident,
            worker: Some(file.worker),
            level: file.risk,
            reason,
        };
        for d in rounds
            .due
            .iter()
            .filter(|d| d.resident == file.resident && d.status == DueStatus::Overdue)
        {
            out.push(flag(RiskReason::MissedContact {
                kind: d.kind,
                days_since: d.days_since,
                interval_days: d.interval_days,
            }));
        }
        for need in community.needs_of(file.resident) {
            if need.status.is_final() || need.status == crate::model::NeedStatus::InProgress {
                continue;
            }
            if let Some(deadline) = community.deadline_of(need)
                && deadline < now
            {
                out.push(flag(RiskReason::UnservedPastDeadline {
                    need: need.id,
                    deadline,
                }));
            }
        }
        if resident.self_care > file.assessment.self_care {
            out.push(flag(RiskReason::SelfCareFell {
                assessed: file.assessment.self_care,
                now: resident.self_care,
            }));
        }
    }
    out
}
