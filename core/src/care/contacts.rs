//! Who is due or overdue a visit or call, per resident, worker and grid.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{
    Community, ContactKind, ContactPlan, ContactPolicy, GridId, Resident, ResidentId, RiskLevel,
    WorkerId,
};

/// Whether a contact is coming due or late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DueStatus {
    /// Due within the policy's `due_soon_days`, or today.
    Due,
    /// Later than the plan allows, or never made.
    Overdue,
}

/// A contact that is due or overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContactDue {
    /// The resident.
    pub resident: ResidentId,
    /// The resident's grid cell.
    pub grid: GridId,
    /// The responsible worker: the care file's, or else a worker covering the grid.
    pub worker: Option<WorkerId>,
    /// Age on the day judged.
    pub age: u32,
    /// A home visit or a phone call.
    pub kind: ContactKind,
    /// Days the plan allows between contacts of this kind.
    pub interval_days: u32,
    /// Date of the last contact that counts for this kind, if any.
    pub last: Option<NaiveDate>,
    /// Days since then.
    pub days_since: Option<u32>,
    /// Due or overdue.
    pub status: DueStatus,
}

/// Contacts due and overdue, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DueCounts {
    /// Residents in scope.
    pub residents: u32,
    /// Contacts coming due.
    pub due: u32,
    /// Contacts overdue.
    pub overdue: u32,
}

/// The rounds as of one day.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContactReport {
    /// The day judged.
    pub today: NaiveDate,
    /// Residents on the rounds: an open care file, or living alone at the policy's age.
    pub in_scope: u32,
    /// Of those, residents with nothing overdue.
    pub on_schedule: u32,
    /// `on_schedule / in_scope`.
    pub share_on_schedule: Option<f64>,
    /// Contacts due or overdue, by resident then kind.
    pub due: Vec<ContactDue>,
    /// Counts per responsible worker (residents without one are left out).
    pub by_worker: BTreeMap<WorkerId, DueCounts>,
    /// Counts per grid cell.
    pub by_grid: BTreeMap<GridId, DueCounts>,
}

/// A contact made, wherever it is logged: the community's contact log, or scoring evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// The resident.
    pub resident: ResidentId,
    /// When.
    pub at: NaiveDateTime,
    /// How.
    pub kind: ContactKind,
}

/// The plan of a resident on the rounds on `date`, or `None` when not on them.
fn plan_of(
    community: &Community,
    resident: &Resident,
    date: NaiveDate,
    policy: &ContactPolicy,
) -> Option<ContactPlan> {
    match community
        .care_file(resident.id)
        .filter(|f| f.is_open_on(date))
    {
        Some(f) => Some(
            f.contact
                .unwrap_or_else(|| policy.plan_for(resident, date, f.risk)),
        ),
        None => policy
            .on_rounds(resident, date)
            .then(|| policy.plan_for(resident, date, RiskLevel::Low)),
    }
}

/// The worker responsible for a resident: the care file's, else the lowest-id worker covering
/// the resident's grid.
pub(crate) fn worker_of(community: &Community, resident: &Resident) -> Option<WorkerId> {
    community
        .care_file(resident.id)
        .map(|f| f.worker)
        .or_else(|| {
            community
                .workers()
                .find(|w| w.grids.contains(&resident.grid))
                .map(|w| w.id)
        })
}

/// The rounds as of `now`: residents with a care file open today, and residents living alone at
/// the policy's age (the documents' rule, file or not), with their plans — the file's own, or
/// the policy's default (weekly visits from 70; half-monthly visits and weekly calls before) —
/// against the contact log and any `extra` contacts made by `now`. A visit counts as a call; a
/// needs survey counts as a call.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::care::{contact_schedule, DueStatus};
/// use huzhu::model::*;
/// let mut c = Community::new("x");
/// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
///                           GeoPoint { lat: 31.0, lon: 121.0 }, GridId(1));
/// r.household = Household::LivesAlone;
/// c.add_resident(r).unwrap();
/// let now = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// let report = contact_schedule(&c, &[], now, &ContactPolicy::default());
/// assert_eq!(report.due[0].status, DueStatus::Overdue); // never visited
/// assert_eq!(report.by_grid[&GridId(1)].overdue, 1);
/// ```
pub fn contact_schedule(
    community: &Community,
    extra: &[Made],
    now: NaiveDateTime,
    policy: &ContactPolicy,
) -> ContactReport {
    let today = now.date();
    let made = community
        .contacts()
        .map(|c| Made {
            resident: c.resident,
            at: c.at,
            kind: c.kind,
        })
        .chain(extra.iter().copied());
    let mut last: BTreeMap<(ResidentId, ContactKind), NaiveDate> = BTreeMap::new();
    for m in made.filter(|m| m.at <= now) {
        let counts_for: &[ContactKind] = match m.kind {
            ContactKind::Visit => &[ContactKind::Visit, ContactKind::Phone],
            ContactKind::Phone | ContactKind::Survey => &[ContactKind::Phone],
        };
        for k in counts_for {
            let e = last.entry((m.resident, *k)).or_insert(m.at.date());
            *e = (*e).max(m.at.date());
        }
    }
    let mut report = ContactReport {
        today,
        in_scope: 0,
        on_schedule: 0,
        share_on_schedule: None,
        due: Vec::new(),
        by_worker: BTreeMap::new(),
        by_grid: BTreeMap::new(),
    };
    for r in community.residents() {
        let Some(plan) = plan_of(community, r, today, policy) else {
            continue;
        };
        let worker = worker_of(community, r);
        let age = r.age_on(today);
        report.in_scope += 1;
        let mut counts = DueCounts {
            residents: 1,
            ..DueCounts::default()
        };
        let kinds = std::iter::once((ContactKind::Visit, plan.visit_every_days))
            .chain(plan.call_every_days.map(|d| (ContactKind::Phone, d)));
        for (kind, interval) in kinds {
            let l = last.get(&(r.id, kind)).copied();
            let days = l.map(|d| (today - d).num_days().max(0) as u32);
            let status = match days {
                None => Some(DueStatus::Overdue),
                Some(d) if d > interval => Some(DueStatus::Overdue),
                Some(d) if d >= interval.saturating_sub(policy.due_soon_days) => {
                    Some(DueStatus::Due)
                }
                Some(_) => None,
            };
            match status {
                Some(DueStatus::Overdue) => counts.overdue += 1,
                Some(DueStatus::Due) => counts.due += 1,
                None => {}
            }
            if let Some(status) = status {
                report.due.push(ContactDue {
                    resident: r.id,
                    grid: r.grid,
                    worker,
                    age,
                    kind,
                    interval_days: interval,
                    last: l,
                    days_since: days,
                    status,
                });
            }
        }
        report.on_schedule += u32::from(counts.overdue == 0);
        if let Some(w) = worker {
            add(report.by_worker.entry(w).or_default(), counts);
        }
        add(report.by_grid.entry(r.grid).or_default(), counts);
    }
    report.share_on_schedule =
        crate::scoring::stats::rate(u64::from(report.on_schedule), u64::from(report.in_scope));
    report
}

fn add(into: &mut DueCounts, c: DueCounts) {
    into.residents += c.residents;
    into.due += c.due;
    into.overdue += c.overdue;
}
