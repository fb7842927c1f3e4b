//! A week of rounds that keeps each resident's contact interval.
//!
//! The week is planned day by day, as a team would: each working day takes the visits that
//! cannot wait for a later working day (those past their interval first), then fills the room
//! left with visits due within the next few working days. A visit made resets its resident's
//! clock, so a resident seen every two days comes back two days later. Servers' weekly minutes
//! left after the matcher's tasks cap their shifts, and the minutes the rounds take are handed
//! back for the matcher's next run.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use crate::model::{HelperId, TimeWindow, Urgency};

use super::error::RoundsError;
use super::rounds::{
    RoundVisit, RoundWorker, Rounds, RoundsPolicy, Server, Unplanned, check_visit, check_worker,
    plan_rounds,
};

/// A resident's home visits on a contact interval.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ContactRound {
    /// The visit. Its windows may span the week: each day uses the part of them on that day
    /// (none at all: any time in a shift). Its urgency is raised to special group on a day it
    /// is overdue.
    pub visit: RoundVisit,
    /// The most days allowed between two visits (1 to 3,660).
    pub every_days: u32,
    /// The day of the last visit, if any (none: overdue from the start): before the week or
    /// on its first day.
    #[cfg_attr(feature = "serde", serde(default))]
    pub last: Option<NaiveDate>,
}

/// Settings of a week's plan. In JSON every setting is optional (the defaults below).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct WeekPolicy {
    /// The settings of each day's plan.
    pub rounds: RoundsPolicy,
    /// A visit that must be made within this many working days after a day may be made
    /// early that day, at the lowest priority, when a round has room (default 1). Early visits
    /// spread the load over the week; each one also brings its resident's next visit forward.
    /// 0 plans only the visits that cannot wait.
    pub early_days: u32,
}

impl Default for WeekPolicy {
    /// Each day with [`RoundsPolicy::default`]; visits made up to one working day early.
    fn default() -> Self {
        Self {
            rounds: RoundsPolicy::default(),
            early_days: 1,
        }
    }
}

/// One working day's rounds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DayRounds {
    /// The day.
    pub date: NaiveDate,
    /// Its rounds. A round's `shift` is the server's shift in the week's list. The visits
    /// not planned are those that could not wait (an early visit left out is not listed).
    pub plan: Rounds,
}

/// How one resident's contact interval went over the week.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContactKept {
    /// The visit's id.
    pub visit: u32,
    /// The days it is made on.
    pub made: Vec<NaiveDate>,
    /// The days of the week on which more than the interval has passed since the last visit
    /// made before the day (or none was ever made), whether or not a visit is made that day.
    /// Empty: the interval holds all week.
    pub overdue_days: Vec<NaiveDate>,
    /// The last day the next visit may be made on.
    pub next_due: NaiveDate,
}

/// A week of rounds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Week {
    /// Each working day's rounds, in date order.
    pub days: Vec<DayRounds>,
    /// Each contact round's visits and overdue days, by visit id.
    pub contacts: Vec<ContactKept>,
    /// Contact rounds whose interval holds every day of the week.
    pub kept: u32,
    /// Minutes each server works on its rounds (from setting out to coming back).
    pub minutes_worked: BTreeMap<Server, u32>,
    /// Minutes travelling in all.
    pub travel_minutes: u32,
}

impl Week {
    /// The volunteers' rounds as matcher tasks (minutes over `nominal_task_minutes`, rounded
    /// up), to add to [`crate::matching::MatchContext::committed`] so the matcher's weekly
    /// hours budget counts them.
    ///
    /// ```
    /// use huzhu::model::{HelperId, VolunteerId, WorkerId};
    /// use huzhu::routing::{Server, Week};
    /// let week = Week {
    ///     days: vec![], contacts: vec![], kept: 0, travel_minutes: 0,
    ///     minutes_worked: [(Server::Volunteer(VolunteerId(4)), 100), (Server::Worker(WorkerId(1)), 480)].into(),
    /// };
    /// // 100 minutes of 60-minute tasks: 2 tasks; workers have no matcher budget.
    /// assert_eq!(week.committed_tasks(60), [(HelperId::Volunteer(VolunteerId(4)), 2)].into());
    /// ```
    pub fn committed_tasks(&self, nominal_task_minutes: u32) -> BTreeMap<HelperId, u32> {
        let nominal = nominal_task_minutes.max(1);
        self.minutes_worked
            .iter()
            .filter_map(|(server, &minutes)| match server {
                Server::Volunteer(v) => Some((HelperId::Volunteer(*v), minutes.div_ceil(nominal))),
                Server::Worker(_) => None,
            })
            .collect()
    }
}

/// Plans a week of rounds in which each resident's contact interval holds where the shifts
/// allow it.
///
/// `days` is the week (up to 367 days, ending by the year 9999): shifts starting outside it
/// are left out, and the interval is judged on each of its days. `budgets` gives servers' minutes for the week (what the matcher leaves of
/// a volunteer's weekly hours); a budgeted server's shifts on a day share what is left of it,
/// evenly. Servers not listed have no weekly limit.
///
/// Each working day is planned with [`plan_rounds`]: the visits that cannot wait for a later
/// working day on which they have a window (urgency raised to special group once overdue),
/// then, at the lowest priority, those due within `early_days` working days when making them
/// early adds no visit to the week (a resident seen every two days is not seen daily).
///
/// ```
/// use chrono::{Duration, NaiveDate};
/// use huzhu::model::{GeoPoint, ResidentId, TimeWindow, Urgency, WorkerId};
/// use huzhu::routing::*;
/// let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
/// let day = |n: i64| monday + Duration::days(n);
/// let morning = |n| TimeWindow { start: day(n).and_hms_opt(9, 0, 0).unwrap(), end: day(n).and_hms_opt(12, 0, 0).unwrap() };
/// let centre = GeoPoint { lat: 31.2, lon: 121.5 };
/// let round = |id, every_days, last| ContactRound {
///     visit: RoundVisit { id, source: VisitSource::Contact(ResidentId(id)), place: centre.offset_m(300.0, 0.0),
///                         minutes: 30, windows: vec![], skills: vec![], required: None,
///                         preferred: None, urgency: Urgency::General },
///     every_days, last,
/// };
/// let li = RoundWorker { server: Server::Worker(WorkerId(1)), start: centre, end: centre,
///                        shifts: (0..5).map(morning).collect(), skills: vec![],
///                        max_minutes_per_shift: None, mode: TravelMode::Walking };
/// // Resident 1 was seen last Friday, weekly; resident 2 every two days, never yet.
/// let plans = [round(1, 7, Some(day(-3))), round(2, 2, None)];
/// let week = plan_week(&plans, &[li], &Default::default(), monday..=day(6), &WeekPolicy::default())?;
/// assert_eq!(week.contacts[0].made, vec![day(3)]); // due Friday, made a working day early
/// // Monday (overdue), Tuesday early (three visits are needed by Sunday either way), then
/// // Thursday, and Friday as no shift comes before Saturday's deadline.
/// assert_eq!(week.contacts[1].made, vec![day(0), day(1), day(3), day(4)]);
/// // Never visited, resident 2 is overdue on Monday; from then on the interval holds.
/// assert_eq!(week.contacts[1].overdue_days, vec![day(0)]);
/// assert_eq!((week.contacts[0].overdue_days.len(), week.kept), (0, 1));
/// # Ok::<(), RoundsError>(())
/// ```
pub fn plan_week(
    plans: &[ContactRound],
    workers: &[RoundWorker],
    budgets: &BTreeMap<Server, u32>,
    days: RangeInclusive<NaiveDate>,
    policy: &WeekPolicy,
) -> Result<Week, RoundsError> {
    check(plans, workers, budgets, &days, policy)?;
    let (first, through) = (*days.start(), *days.end());
    let working: Vec<NaiveDate> = workers
        .iter()
        .flat_map(|w| w.shifts.iter().map(|s| s.start.date()))
        .filter(|d| days.contains(d))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // The latest visit day of each plan, moved on as the week is planned.
    let mut latest: Vec<Option<NaiveDate>> = plans.iter().map(|p| p.last).collect();
    let index: BTreeMap<u32, usize> = plans
        .iter()
        .enumerate()
        .map(|(p, plan)| (plan.visit.id, p))
        .collect();
    let mut made: Vec<Vec<NaiveDate>> = vec![Vec::new(); plans.len()];
    let mut left: BTreeMap<Server, u32> = budgets.clone();
    let mut worked: BTreeMap<Server, u32> = BTreeMap::new();
    let mut out_days = Vec::with_capacity(working.len());
    let mut travel = 0u32;
    for (i, &date) in working.iter().enumerate() {
        let mut visits = Vec::new();
        let mut must = BTreeSet::new();
        for (p, plan) in plans.iter().enumerate() {
            if !fits(&plan.visit, date) {
                continue;
            }
            let deadline = latest[p].map(|d| d + Duration::days(i64::from(plan.every_days)));
            // The last working day after today on which the visit can still be made in time.
            let later = deadline.and_then(|deadline| {
                let rest = &working[i + 1..];
                rest[..rest.partition_point(|&d| d <= deadline)]
                    .iter()
                    .rposition(|&d| fits(&plan.visit, d))
            });
            // (urgency that day, whether it could wait)
            let (urgency, early) = match (deadline, later) {
                (Some(deadline), _) if deadline > through => continue, // due after the week
                (Some(deadline), _) if deadline >= date && later.is_none() => {
                    (plan.visit.urgency, false)
                }
                (None, _) => (raise(plan.visit.urgency), false),
                (Some(deadline), _) if deadline < date => (raise(plan.visit.urgency), false),
                (_, Some(k))
                    if k < policy.early_days as usize
                        && visits_needed(date, through, plan.every_days)
                            == visits_needed(working[i + 1 + k], through, plan.every_days) =>
                {
                    (Urgency::Complex, true)
                }
                _ => continue,
            };
            if !early {
                must.insert(plan.visit.id);
            }
            visits.push(RoundVisit {
                urgency,
                windows: windows_on(&plan.visit, date).collect(),
                ..plan.visit.clone()
            });
        }
        let servers = workers_on(workers, date, &left);
        let mut plan = plan_rounds(&visits, &servers.workers, &policy.rounds)?;
        plan.unplanned.retain(|(id, _)| must.contains(id));
        if !servers.capped.is_empty() {
            blame_budgets(&mut plan, &visits, &servers.capped, &policy.rounds)?;
        }
        for round in &mut plan.rounds {
            round.shift = servers.shift_of[&(round.server, round.shift)];
            let minutes = (round.back - round.depart).num_seconds().max(0);
            let minutes = u32::try_from((minutes + 59) / 60).unwrap_or(u32::MAX);
            *worked.entry(round.server).or_default() += minutes;
            if let Some(b) = left.get_mut(&round.server) {
                *b = b.saturating_sub(minutes);
            }
            for stop in &round.stops {
                let p = index[&stop.visit];
                latest[p] = Some(stop.start.date());
                made[p].push(stop.start.date());
            }
        }
        travel += plan.travel_minutes;
        out_days.push(DayRounds { date, plan });
    }
    let contacts: Vec<ContactKept> = plans
        .iter()
        .zip(made)
        .map(|(plan, made)| kept(plan, made, first, through))
        .collect();
    Ok(Week {
        days: out_days,
        kept: contacts
            .iter()
            .filter(|c| c.overdue_days.is_empty())
            .count() as u32,
        contacts,
        minutes_worked: worked,
        travel_minutes: travel,
    })
}

/// The longest contact interval taken (ten years): with the plan's span and dates before the
/// year 10000, no date arithmetic can overflow.
const MAX_INTERVAL_DAYS: u32 = 3_660;

/// The longest span planned (a year and a day).
const MAX_PLAN_DAYS: i64 = 366;

fn check(
    plans: &[ContactRound],
    workers: &[RoundWorker],
    budgets: &BTreeMap<Server, u32>,
    days: &RangeInclusive<NaiveDate>,
    policy: &WeekPolicy,
) -> Result<(), RoundsError> {
    policy.rounds.validate()?;
    if days.end() < days.start() {
        return Err(RoundsError::invalid(
            "week",
            "through",
            "is before its first day",
        ));
    }
    if (*days.end() - *days.start()).num_days() > MAX_PLAN_DAYS {
        return Err(RoundsError::invalid(
            "week",
            "through",
            &format!("is more than {MAX_PLAN_DAYS} days after the first day"),
        ));
    }
    if days.end().year() > 9999 {
        return Err(RoundsError::invalid(
            "week",
            "through",
            "is after the year 9999",
        ));
    }
    let mut ids = BTreeSet::new();
    for plan in plans {
        let record = format!("visit {}", plan.visit.id);
        if !ids.insert(plan.visit.id) {
            return Err(RoundsError::invalid(record, "id", "is used twice"));
        }
        check_visit(&plan.visit)?;
        if !(1..=MAX_INTERVAL_DAYS).contains(&plan.every_days) {
            return Err(RoundsError::invalid(
                record,
                "every_days",
                &format!("must be from 1 to {MAX_INTERVAL_DAYS} (ten years)"),
            ));
        }
        if plan.last.is_some_and(|last| last > *days.start()) {
            return Err(RoundsError::invalid(
                record,
                "last",
                "is after the week's first day (plan from the day after it)",
            ));
        }
    }
    let mut servers = BTreeSet::new();
    for w in workers {
        check_worker(w)?;
        if !servers.insert(w.server) {
            return Err(RoundsError::invalid(
                w.server.to_string(),
                "server",
                "is listed twice",
            ));
        }
    }
    if let Some(stray) = budgets.keys().find(|s| !servers.contains(s)) {
        return Err(RoundsError::invalid(
            stray.to_string(),
            "budget",
            "names a server that has no entry in the workers",
        ));
    }
    Ok(())
}

/// The parts of the visit's windows on `date` with room for it.
fn windows_on(visit: &RoundVisit, date: NaiveDate) -> impl Iterator<Item = TimeWindow> + '_ {
    let (start, end) = (
        date.and_time(NaiveTime::MIN),
        (date + Duration::days(1)).and_time(NaiveTime::MIN),
    );
    visit
        .windows
        .iter()
        .map(move |w| TimeWindow {
            start: w.start.max(start),
            end: w.end.min(end),
        })
        .filter(|w| w.end - w.start >= Duration::minutes(i64::from(visit.minutes)))
}

/// Whether the visit can be made on `date`.
fn fits(visit: &RoundVisit, date: NaiveDate) -> bool {
    visit.windows.is_empty() || windows_on(visit, date).next().is_some()
}

/// Visits needed from one made on `from` to keep the interval through `through`.
fn visits_needed(from: NaiveDate, through: NaiveDate, every_days: u32) -> i64 {
    1 + (through - from).num_days() / i64::from(every_days)
}

/// Overdue: at least special group.
fn raise(urgency: Urgency) -> Urgency {
    match urgency {
        Urgency::Emergency => Urgency::Emergency,
        _ => Urgency::SpecialGroup,
    }
}

/// A visit left unreachable because budgets cut the day's shifts is `BudgetSpent` when one of
/// those servers could make it alone with its shifts uncut.
fn blame_budgets(
    plan: &mut Rounds,
    visits: &[RoundVisit],
    capped: &[RoundWorker],
    policy: &RoundsPolicy,
) -> Result<(), RoundsError> {
    let alone = RoundsPolicy {
        iterations: 1,
        ..policy.clone()
    };
    for (id, why) in &mut plan.unplanned {
        if *why != Unplanned::WindowUnreachable {
            continue;
        }
        let visit = visits.iter().find(|v| v.id == *id).expect("a day's visit");
        if plan_rounds(std::slice::from_ref(visit), capped, &alone)?
            .unplanned
            .is_empty()
        {
            *why = Unplanned::BudgetSpent;
        }
    }
    Ok(())
}

/// A day's servers.
struct DayServers {
    /// The servers with shifts starting on the day, budgets applied.
    workers: Vec<RoundWorker>,
    /// (server, shift of the day) → the shift's place in the week's list.
    shift_of: BTreeMap<(Server, usize), usize>,
    /// The servers whose shifts the budgets cut or left out, as they would be without them.
    capped: Vec<RoundWorker>,
}

/// The servers with shifts starting on `date`.
fn workers_on(
    workers: &[RoundWorker],
    date: NaiveDate,
    left: &BTreeMap<Server, u32>,
) -> DayServers {
    let mut shift_of = BTreeMap::new();
    let mut out = Vec::new();
    let mut capped = Vec::new();
    for w in workers {
        let today: Vec<(usize, TimeWindow)> = w
            .shifts
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, s)| s.start.date() == date)
            .collect();
        if today.is_empty() {
            continue;
        }
        let uncut = RoundWorker {
            shifts: today.iter().map(|&(_, s)| s).collect(),
            ..w.clone()
        };
        let mut max = w.max_minutes_per_shift;
        if let Some(&minutes) = left.get(&w.server) {
            let share = minutes / today.len() as u32;
            let longest = today
                .iter()
                .map(|(_, s)| u32::try_from((s.end - s.start).num_minutes()).unwrap_or(u32::MAX))
                .max()
                .unwrap_or(0);
            if share < max.unwrap_or(u32::MAX).min(longest) {
                capped.push(uncut.clone());
            }
            if share == 0 {
                continue;
            }
            max = Some(max.map_or(share, |m| m.min(share)));
        }
        for (k, (original, _)) in today.iter().enumerate() {
            shift_of.insert((w.server, k), *original);
        }
        out.push(RoundWorker {
            max_minutes_per_shift: max,
            ..uncut
        });
    }
    DayServers {
        workers: out,
        shift_of,
        capped,
    }
}

/// The visits made and the overdue days of one contact round over `first..=through`.
fn kept(
    plan: &ContactRound,
    made: Vec<NaiveDate>,
    first: NaiveDate,
    through: NaiveDate,
) -> ContactKept {
    let every = Duration::days(i64::from(plan.every_days));
    let mut overdue_days = Vec::new();
    let mut day = first;
    while day <= through {
        // The last visit before the day (the one logged on the first day counts as earlier).
        let seen = made.iter().rev().find(|&&d| d < day).copied().or(plan.last);
        if seen.is_none_or(|seen| day - seen > every) {
            overdue_days.push(day);
        }
        day += Duration::days(1);
    }
    let next_due = made
        .last()
        .copied()
        .or(plan.last)
        .map_or(first, |d| d + every);
    ContactKept {
        visit: plan.visit.id,
        made,
        overdue_days,
        next_due,
    }
}
