//! A span of dispatching replayed run by run, with either dispatcher.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::summary::{DispatchSummary, summarise};
use super::times::DispatchTimes;
use crate::matching::{
    MatchContext, MatchError, MatchPolicy, Matcher, UnmatchedReason, dispatch_by_phone, tasks_left,
};
use crate::model::{Community, HelperId, NeedId, NeedStatus, Urgency};

/// Who dispatches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Dispatcher {
    /// huzhu's matcher: an exact min-cost flow over every open need at each run.
    Matcher,
    /// The phone baseline ([`crate::matching::dispatch_by_phone`]): first come, first served,
    /// the nearest helper free now, no look-ahead.
    Phone,
}

impl Dispatcher {
    /// The name recorded in a need's status history (`matcher`, `phone`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Matcher => "matcher",
            Self::Phone => "phone",
        }
    }
}

impl std::str::FromStr for Dispatcher {
    type Err = crate::error::ParseError;

    /// Reads a [`Dispatcher::code`]: `matcher` or `phone`, exactly.
    ///
    /// ```
    /// use huzhu::dispatch::Dispatcher;
    /// assert_eq!("phone".parse::<Dispatcher>()?, Dispatcher::Phone);
    /// assert!("fax".parse::<Dispatcher>().is_err());
    /// # Ok::<(), huzhu::error::ParseError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        [Self::Matcher, Self::Phone]
            .into_iter()
            .find(|d| d.code() == text)
            .ok_or_else(|| {
                crate::error::ParseError::form("a dispatcher", "\"matcher\" or \"phone\"", text)
            })
    }
}

/// How a need ended the replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Fate {
    /// Booked with a helper at a run.
    Served,
    /// Every window passed before a run booked it: it had candidates, or no run came while a
    /// window was still ahead (see `why` for the reason the last run that could serve it gave).
    Expired,
    /// No run that could serve it found a helper passing its hard constraints (skills, distance,
    /// eligibility, availability in what was left of its windows, once earlier bookings took
    /// their time).
    NoCandidate,
    /// Still waiting at the end of the replay, with a window still ahead.
    Waiting,
}

impl Fate {
    /// The name in tables and JSON (`served`, `expired`, `no_candidate`, `waiting`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Served => "served",
            Self::Expired => "expired",
            Self::NoCandidate => "no_candidate",
            Self::Waiting => "waiting",
        }
    }
}

/// The helper a need was booked with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Booking {
    /// The helper.
    pub helper: HelperId,
    /// The run that booked it.
    pub at: NaiveDateTime,
    /// When the service starts.
    pub start: NaiveDateTime,
    /// Distance between helper (or facility) and the place, metres.
    pub distance_m: u32,
}

/// One need's course through the replay.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NeedOutcome {
    /// The need.
    pub need: NeedId,
    /// When it was recorded.
    pub created_at: NaiveDateTime,
    /// Its urgency class.
    pub urgency: Urgency,
    /// Whether it counts for special groups: a special-group urgency, or a resident in a
    /// special group.
    pub special: bool,
    /// Its response deadline under the community's policy, if any.
    pub deadline: Option<NaiveDateTime>,
    /// How it ended.
    pub fate: Fate,
    /// The booking, when served.
    pub booking: Option<Booking>,
    /// Booked by its deadline (`None` while undecided: not served and the deadline not passed
    /// by the last run).
    pub on_time: Option<bool>,
    /// When its last window ended, for an expired need.
    pub expired_at: Option<NaiveDateTime>,
    /// Why it was not served: the reason the last run that could still serve it gave, or, when
    /// an earlier run found it candidates and a later one none, the last reason given with
    /// candidates (the capacity that went elsewhere, not the window running out).
    pub why: Option<UnmatchedReason>,
}

/// One run of the replay, for a time slider.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RunRecord {
    /// When the run took place.
    pub at: NaiveDateTime,
    /// Needs booked at this run, in need-id order.
    pub booked: Vec<NeedId>,
    /// Needs left open at this run with a window still ahead.
    pub waiting: u32,
    /// Needs booked so far.
    pub served_so_far: u32,
    /// Needs whose windows had all passed unserved by this run.
    pub expired_so_far: u32,
}

/// A replayed span: every run, every need's course, and the figures.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Replay {
    /// Who dispatched.
    pub dispatcher: Dispatcher,
    /// The runs in order.
    pub runs: Vec<RunRecord>,
    /// Each need open at the start and recorded by the last run, in need-id order.
    pub outcomes: Vec<NeedOutcome>,
    /// The figures.
    pub summary: DispatchSummary,
}

/// Both dispatchers on the same community and times.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Comparison {
    /// The phone baseline.
    pub phone: Replay,
    /// huzhu's matcher.
    pub matcher: Replay,
}

/// Replays a span of dispatching: at each run, the open needs recorded by then are dispatched
/// by `dispatcher`; bookings hold their helper's capacity in later runs (`committed`) and mark
/// the need matched (history entry by `matcher` or `phone`). Needs that are not open at the
/// start (matched, done, cancelled) take no part. The community passed in is not changed.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use huzhu::dispatch::{DispatchTimes, Dispatcher, Fate, replay};
/// use huzhu::matching::MatchPolicy;
/// use huzhu::model::*;
/// let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let at = |h| day.and_hms_opt(h, 0, 0).unwrap();
/// let mut c = Community::new("x");
/// let home = GeoPoint { lat: 31.23, lon: 121.47 };
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(), home, GridId(1)))?;
/// let mut v = Volunteer::new(VolunteerId(1), home);
/// v.availability = WeeklySchedule::daily(NaiveTime::from_hms_opt(8, 0, 0).unwrap(), NaiveTime::from_hms_opt(20, 0, 0).unwrap());
/// c.add_volunteer(v)?;
/// c.add_need(Need::new(NeedId(1), ResidentId(1), "elder.meals".into(), at(7), TimeWindow::new(at(15), at(17))?, 60))?;
/// let times = DispatchTimes { days: 1, ..DispatchTimes::office_week(day) };
/// let matcher = replay(&c, &times, &MatchPolicy::default(), Dispatcher::Matcher)?;
/// let phone = replay(&c, &times, &MatchPolicy::default(), Dispatcher::Phone)?;
/// // The matcher books at 08:00 for 15:00; the phone waits for the round before 15:00.
/// assert_eq!(matcher.outcomes[0].booking.unwrap().at, at(8));
/// assert_eq!(phone.outcomes[0].booking.unwrap().at, at(14));
/// assert_eq!(phone.outcomes[0].fate, Fate::Served);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay(
    community: &Community,
    times: &DispatchTimes,
    policy: &MatchPolicy,
    dispatcher: Dispatcher,
) -> Result<Replay, MatchError> {
    policy.check()?;
    let at = times.times()?;
    let Some(&last) = at.last() else {
        return Err(MatchError::Model(crate::model::error::ModelError::invalid(
            crate::model::error::RecordRef::Config("dispatch times".into()),
            "last",
            crate::model::error::FieldProblem::Empty,
        )));
    };
    let open: Vec<NeedId> = community
        .needs()
        .filter(|n| n.status == NeedStatus::Open && n.created_at <= last)
        .map(|n| n.id)
        .collect();
    let mut live = community.clone();
    let mut committed: BTreeMap<HelperId, u32> = BTreeMap::new();
    let mut booked: BTreeMap<NeedId, Booking> = BTreeMap::new();
    let mut why: BTreeMap<NeedId, UnmatchedReason> = BTreeMap::new();
    let mut runs = Vec::with_capacity(at.len());
    for (i, &now) in at.iter().enumerate() {
        let next = at
            .get(i + 1)
            .copied()
            .or_else(|| times.after_last(&at))
            .unwrap_or(now);
        let ctx = MatchContext {
            committed: committed.clone(),
            ..MatchContext::new(now)
        };
        let plan = match dispatcher {
            Dispatcher::Matcher => Matcher::new(&live, policy.clone(), ctx)?.solve()?,
            Dispatcher::Phone => dispatch_by_phone(&live, policy, &ctx, next)?,
        };
        let mut run = RunRecord {
            at: now,
            booked: Vec::with_capacity(plan.assignments.len()),
            waiting: 0,
            served_so_far: 0,
            expired_so_far: 0,
        };
        for a in &plan.assignments {
            *committed.entry(a.helper).or_default() += 1;
            live.record_need_status(a.need, NeedStatus::Matched, now, dispatcher.code())?;
            booked.insert(
                a.need,
                Booking {
                    helper: a.helper,
                    at: now,
                    start: a.start,
                    distance_m: a.distance_m,
                },
            );
            run.booked.push(a.need);
        }
        for u in plan.unmatched {
            let ahead = live
                .need(u.need)
                .is_some_and(|n| n.windows.iter().any(|w| w.end > now));
            if ahead {
                run.waiting += 1;
                let reason = held_by(&live, policy, &committed, &booked, u.reason);
                // A run that found candidates says more than a later one that found none (the
                // time left in the window, not the cause): keep the last with candidates.
                let had = matches!(
                    why.get(&u.need),
                    Some(r) if !matches!(r, UnmatchedReason::NoCandidate { .. })
                );
                if !(had && matches!(reason, UnmatchedReason::NoCandidate { .. })) {
                    why.insert(u.need, reason);
                }
            }
        }
        run.served_so_far = u32::try_from(booked.len()).unwrap_or(u32::MAX);
        run.expired_so_far = count_expired(community, &open, &booked, now);
        runs.push(run);
    }
    let outcomes = open
        .iter()
        .filter_map(|&id| community.need(id))
        .map(|n| {
            let booking = booked.get(&n.id).copied();
            let deadline = community.deadline_of(n);
            let last_end = n.windows.iter().map(|w| w.end).max();
            let reason = why.get(&n.id).cloned();
            let fate = match (&booking, &reason) {
                (Some(_), _) => Fate::Served,
                (None, _) if last_end.is_none_or(|e| e > last) => match reason {
                    Some(UnmatchedReason::NoCandidate { .. }) => Fate::NoCandidate,
                    _ => Fate::Waiting,
                },
                (None, Some(UnmatchedReason::NoCandidate { .. })) => Fate::NoCandidate,
                (None, _) => Fate::Expired,
            };
            let on_time = match (booking, deadline) {
                (Some(b), Some(d)) => Some(b.at <= d),
                (Some(_), None) => Some(false),
                (None, Some(d)) if d < last => Some(false),
                (None, _) => None,
            };
            NeedOutcome {
                need: n.id,
                created_at: n.created_at,
                urgency: n.urgency,
                special: n.urgency == Urgency::SpecialGroup
                    || community
                        .resident(n.resident)
                        .is_some_and(crate::model::Resident::is_priority),
                deadline,
                fate,
                booking,
                on_time,
                expired_at: (fate == Fate::Expired).then_some(last_end).flatten(),
                why: if fate == Fate::Served { None } else { reason },
            }
        })
        .collect::<Vec<_>>();
    let summary = summarise(community, &outcomes);
    Ok(Replay {
        dispatcher,
        runs,
        outcomes,
        summary,
    })
}

/// The phone's reason with the needs that hold its nearest helper when that helper is full:
/// the dispatcher knows only this round's bookings, the replay knows them all.
fn held_by(
    live: &Community,
    policy: &MatchPolicy,
    committed: &BTreeMap<HelperId, u32>,
    booked: &BTreeMap<NeedId, Booking>,
    reason: UnmatchedReason,
) -> UnmatchedReason {
    match reason {
        UnmatchedReason::Unserved {
            closest,
            cost,
            taken_by,
            candidates,
        } => {
            let ctx = MatchContext {
                committed: committed.clone(),
                ..MatchContext::new(NaiveDateTime::MIN)
            };
            let full = tasks_left(live, policy, &ctx, closest) == 0;
            let taken_by = if full {
                booked
                    .iter()
                    .filter(|(_, b)| b.helper == closest)
                    .map(|(n, _)| *n)
                    .collect()
            } else {
                taken_by
            };
            UnmatchedReason::Unserved {
                closest,
                cost,
                taken_by,
                candidates,
            }
        }
        other => other,
    }
}

/// Needs among `open` not booked whose every window ended by `now`.
fn count_expired(
    community: &Community,
    open: &[NeedId],
    booked: &BTreeMap<NeedId, Booking>,
    now: NaiveDateTime,
) -> u32 {
    let n = open
        .iter()
        .filter(|id| !booked.contains_key(id))
        .filter_map(|&id| community.need(id))
        .filter(|n| n.created_at <= now && n.windows.iter().all(|w| w.end <= now))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Replays the same span with the phone baseline and with huzhu's matcher, for a side-by-side
/// comparison (the demo's, the notebook's and the demo page's).
pub fn compare(
    community: &Community,
    times: &DispatchTimes,
    policy: &MatchPolicy,
) -> Result<Comparison, MatchError> {
    Ok(Comparison {
        phone: replay(community, times, policy, Dispatcher::Phone)?,
        matcher: replay(community, times, policy, Dispatcher::Matcher)?,
    })
}
