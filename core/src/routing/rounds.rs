//! Visit rounds from the community's own records: visits (home visits due, door-to-door
//! needs) and the workers and volunteers who walk them, in local date-times and places; the
//! engine's integers in between.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};

use crate::model::{
    GeoPoint, NeedId, ResidentId, Skill, TimeWindow, Urgency, VolunteerId, WorkerId,
};
use huzhu_routing::{Matrix, Options, Problem, Unserved, Vehicle, Visit, explain, reroute, solve};

use super::error::RoundsError;

/// Who walks a round: a care worker or a volunteer.
///
/// Its label is `worker#3` or `volunteer#12`, written by `Display` and in JSON, read back by
/// `FromStr` and from JSON.
///
/// ```
/// use huzhu::routing::Server;
/// use huzhu::model::WorkerId;
/// assert_eq!("worker#3".parse::<Server>()?, Server::Worker(WorkerId(3)));
/// assert_eq!(Server::Worker(WorkerId(3)).to_string(), "worker#3");
/// assert!("resident#3".parse::<Server>().is_err());
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Server {
    /// A care worker (网格员, 社工).
    Worker(WorkerId),
    /// A volunteer.
    Volunteer(VolunteerId),
}

/// How a server travels, with huzhu's default speeds along streets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TravelMode {
    /// 75 m a minute (4.5 km/h), an older volunteer's pace.
    #[default]
    Walking,
    /// 200 m a minute (12 km/h).
    Cycling,
    /// 300 m a minute (18 km/h; the national e-bike limit is 25 km/h, less in lanes).
    EBike,
}

impl TravelMode {
    /// Metres a minute.
    pub fn metres_per_minute(self) -> u32 {
        match self {
            Self::Walking => 75,
            Self::Cycling => 200,
            Self::EBike => 300,
        }
    }
}

/// Where a visit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VisitSource {
    /// A home visit the care file's contact plan calls for.
    Contact(ResidentId),
    /// A need served at the resident's door.
    Need(NeedId),
    /// Anything else the caller plans.
    #[default]
    Other,
}

/// A visit to plan.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RoundVisit {
    /// The caller's id, unique among the visits.
    pub id: u32,
    /// Where it comes from (default other).
    #[cfg_attr(feature = "serde", serde(default))]
    pub source: VisitSource,
    /// Where.
    pub place: GeoPoint,
    /// How long, in minutes.
    pub minutes: u32,
    /// When the visit may take place (the whole visit inside one window). Empty: any time in
    /// a shift.
    #[cfg_attr(feature = "serde", serde(default))]
    pub windows: Vec<TimeWindow>,
    /// Skills the server needs.
    #[cfg_attr(feature = "serde", serde(default))]
    pub skills: Vec<Skill>,
    /// Only this server may make it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub required: Option<Server>,
    /// The server the resident knows (continuity).
    #[cfg_attr(feature = "serde", serde(default))]
    pub preferred: Option<Server>,
    /// How urgent: emergencies first, then special groups, general, complex (default general).
    #[cfg_attr(feature = "serde", serde(default = "general"))]
    pub urgency: Urgency,
}

/// A server's working time and way of travel.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RoundWorker {
    /// Who.
    pub server: Server,
    /// Where each shift starts (home or the service centre).
    pub start: GeoPoint,
    /// Where each shift ends.
    pub end: GeoPoint,
    /// The shifts; several for a week.
    pub shifts: Vec<TimeWindow>,
    /// Skills.
    #[cfg_attr(feature = "serde", serde(default))]
    pub skills: Vec<Skill>,
    /// The longest working time in one shift, in minutes, if limited.
    #[cfg_attr(feature = "serde", serde(default))]
    pub max_minutes_per_shift: Option<u32>,
    /// How the server travels (default walking).
    #[cfg_attr(feature = "serde", serde(default))]
    pub mode: TravelMode,
}

/// Settings of a rounds plan. In JSON every setting is optional (the defaults below).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct RoundsPolicy {
    /// Street distance over great-circle distance, in percent (130: streets are 30% longer
    /// than the straight line, a usual figure for a dense street grid).
    pub detour_percent: u32,
    /// Minutes of travel worth keeping a resident with the server they know.
    pub continuity_minutes: u32,
    /// Minutes of travel a re-plan must save to move a visit to another server (or to leave
    /// it out for another visit as urgent).
    pub stability_minutes: u32,
    /// In a re-plan, a visit planned before starts within this many minutes of its previous
    /// start, whoever makes it: the time the resident was told holds. `None` (the default):
    /// times may move.
    pub keep_times_minutes: Option<u32>,
    /// Search iterations.
    pub iterations: u64,
    /// Random seed.
    pub seed: u64,
}

impl RoundsPolicy {
    /// Checks the settings: a detour of at least 100%, at least one iteration.
    pub fn validate(&self) -> Result<(), RoundsError> {
        if self.detour_percent < 100 {
            return Err(RoundsError::invalid(
                "rounds policy",
                "detour_percent",
                "must be at least 100 (streets are never shorter than the straight line)",
            ));
        }
        if self.iterations == 0 {
            return Err(RoundsError::invalid(
                "rounds policy",
                "iterations",
                "must be at least 1",
            ));
        }
        Ok(())
    }
}

impl Default for RoundsPolicy {
    /// Detour 130%, continuity 20 minutes, stability 30 minutes, times free to move in a
    /// re-plan, 2,000 iterations, seed 1.
    fn default() -> Self {
        Self {
            detour_percent: 130,
            continuity_minutes: 20,
            stability_minutes: 30,
            keep_times_minutes: None,
            iterations: 2_000,
            seed: 1,
        }
    }
}

/// A stop on a round.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Stop {
    /// The visit.
    pub visit: u32,
    /// Arrival.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub arrive: NaiveDateTime,
    /// Start of the visit (after waiting, if early).
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub start: NaiveDateTime,
    /// End of the visit.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub end: NaiveDateTime,
}

/// One server's round in one shift.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Round {
    /// Who.
    pub server: Server,
    /// Which of the server's shifts (from 0).
    pub shift: usize,
    /// Departure from the start.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub depart: NaiveDateTime,
    /// The stops in order.
    pub stops: Vec<Stop>,
    /// Return to the end.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub back: NaiveDateTime,
    /// Minutes travelling.
    pub travel_minutes: u32,
}

/// Why a visit is not planned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "reason", rename_all = "snake_case"))]
pub enum Unplanned {
    /// No server has every skill it needs (or its required server has no shift).
    NoSkilledServer,
    /// No server that may make it can reach it within its windows in any shift, even with
    /// nothing else to do.
    WindowUnreachable,
    /// The shifts that could take it are full of visits at least as urgent.
    ShiftFull,
    /// A week's plan only: a server could make it that day but for the weekly minutes it
    /// has spent ([`super::plan_week`]'s budgets).
    BudgetSpent,
    /// A shift would have room without these more urgent visits.
    Outcompeted {
        /// The more urgent visits on that round.
        by: Vec<u32>,
        /// Whose round.
        server: Server,
    },
}

/// A plan of rounds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rounds {
    /// The rounds, by server and shift.
    pub rounds: Vec<Round>,
    /// The visits not planned, by id, each with its reason.
    pub unplanned: Vec<(u32, Unplanned)>,
    /// Minutes travelling in all.
    pub travel_minutes: u32,
}

impl std::fmt::Display for Server {
    /// `worker#3`, `volunteer#12`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Worker(w) => write!(f, "worker#{}", w.0),
            Self::Volunteer(v) => write!(f, "volunteer#{}", v.0),
        }
    }
}

impl std::str::FromStr for Server {
    type Err = crate::model::text::ParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad =
            || crate::model::text::ParseError::id("a server", "worker#3 or volunteer#12", text);
        let (kind, n) = crate::model::text::split_label(text.trim()).ok_or_else(bad)?;
        match kind.to_ascii_lowercase().as_str() {
            "worker" => Ok(Self::Worker(WorkerId(n))),
            "volunteer" => Ok(Self::Volunteer(VolunteerId(n))),
            _ => Err(bad()),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Server {
    /// Writes the label.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Server {
    /// Reads the label.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn check_point(p: GeoPoint, record: String, field: &str) -> Result<(), RoundsError> {
    for (name, value, limit) in [("lat", p.lat, 90.0), ("lon", p.lon, 180.0)] {
        if !value.is_finite() || value.abs() > limit {
            return Err(RoundsError::invalid(
                record,
                &format!("{field}.{name}"),
                &format!("{value} is not a {name}itude within ±{limit}"),
            ));
        }
    }
    Ok(())
}

/// A visit's own fields: its place, a length of at least a minute, windows that hold it.
pub(super) fn check_visit(v: &RoundVisit) -> Result<(), RoundsError> {
    check_point(v.place, format!("visit {}", v.id), "place")?;
    if v.minutes == 0 {
        return Err(RoundsError::invalid(
            format!("visit {}", v.id),
            "minutes",
            "must be at least 1",
        ));
    }
    for (w, window) in v.windows.iter().enumerate() {
        if window.end - window.start < Duration::minutes(i64::from(v.minutes)) {
            return Err(RoundsError::invalid(
                format!("visit {}", v.id),
                &format!("windows[{w}]"),
                "is shorter than the visit",
            ));
        }
    }
    Ok(())
}

/// A server's own fields: its places and shifts.
pub(super) fn check_worker(w: &RoundWorker) -> Result<(), RoundsError> {
    let record = w.server.to_string();
    check_point(w.start, record.clone(), "start")?;
    check_point(w.end, record.clone(), "end")?;
    for (s, shift) in w.shifts.iter().enumerate() {
        if shift.end < shift.start {
            return Err(RoundsError::invalid(
                record,
                &format!("shifts[{s}]"),
                "ends before it starts",
            ));
        }
    }
    Ok(())
}

#[cfg(feature = "serde")]
fn general() -> Urgency {
    Urgency::General
}

fn tier(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::Emergency => 0,
        Urgency::SpecialGroup => 1,
        Urgency::General => 2,
        Urgency::Complex => 3,
    }
}

/// The problem in seconds from `epoch`, with the maps back to ids.
struct Built {
    problem: Problem,
    epoch: NaiveDateTime,
    /// Vehicle → (worker index, shift index).
    vehicles: Vec<(usize, usize)>,
}

fn seconds(epoch: NaiveDateTime, t: NaiveDateTime) -> i64 {
    (t - epoch).num_seconds()
}

fn build(
    visits: &[RoundVisit],
    workers: &[RoundWorker],
    policy: &RoundsPolicy,
) -> Result<Built, RoundsError> {
    policy.validate()?;
    let mut seen = BTreeMap::new();
    for (i, v) in visits.iter().enumerate() {
        if seen.insert(v.id, i).is_some() {
            return Err(RoundsError::invalid(
                format!("visit {}", v.id),
                "id",
                "is used twice",
            ));
        }
        check_visit(v)?;
    }
    let mut servers = BTreeMap::new();
    for (i, w) in workers.iter().enumerate() {
        check_worker(w)?;
        if servers.insert(w.server, i).is_some() {
            return Err(RoundsError::invalid(
                w.server.to_string(),
                "server",
                "is listed twice",
            ));
        }
    }
    let epoch = visits
        .iter()
        .flat_map(|v| v.windows.iter().map(|w| w.start))
        .chain(
            workers
                .iter()
                .flat_map(|w| w.shifts.iter().map(|s| s.start)),
        )
        .min()
        .map_or_else(NaiveDateTime::default, |t| {
            t.date().and_time(chrono::NaiveTime::MIN)
        });

    // Locations: each worker's start and end, then each visit's place.
    let mut places: Vec<GeoPoint> = Vec::new();
    let at = |p: GeoPoint, places: &mut Vec<GeoPoint>| {
        places.push(p);
        places.len() - 1
    };
    let mut ends = Vec::new();
    for w in workers {
        let s = at(w.start, &mut places);
        let e = at(w.end, &mut places);
        ends.push((s, e));
    }
    let visit_loc: Vec<usize> = visits.iter().map(|v| at(v.place, &mut places)).collect();
    // One travel-time matrix per mode some server uses (profile = its place in `modes`).
    let mut modes: Vec<TravelMode> = workers.iter().map(|w| w.mode).collect();
    modes.sort_by_key(|m| m.metres_per_minute());
    modes.dedup();
    if modes.is_empty() {
        modes.push(TravelMode::Walking);
    }
    let matrices = modes
        .iter()
        .map(|mode| {
            let speed = f64::from(mode.metres_per_minute()) / 60.0;
            let detour = f64::from(policy.detour_percent) / 100.0;
            Matrix::from_fn(places.len(), |a, b| {
                let metres = f64::from(places[a].distance_m(places[b])) * detour;
                (metres / speed).ceil() as i64
            })
            .expect("distances are not negative")
        })
        .collect();

    // Skills as numbers: their place among every code named, in code order.
    let codes: std::collections::BTreeSet<&str> = visits
        .iter()
        .flat_map(|v| &v.skills)
        .chain(workers.iter().flat_map(|w| &w.skills))
        .map(Skill::as_str)
        .collect();
    let code_ids: BTreeMap<&str, u32> = codes.into_iter().zip(0..).collect();
    let ids =
        |skills: &[Skill]| -> Vec<u32> { skills.iter().map(|s| code_ids[s.as_str()]).collect() };
    let mut vehicles = Vec::new();
    let mut problem_vehicles = Vec::new();
    let mut by_server: BTreeMap<Server, Vec<usize>> = BTreeMap::new();
    for (wi, w) in workers.iter().enumerate() {
        for (si, shift) in w.shifts.iter().enumerate() {
            let (a, b) = (shift.start, shift.end);
            let k = problem_vehicles.len();
            by_server.entry(w.server).or_default().push(k);
            let mut vehicle = Vehicle::new(
                ends[wi].0,
                ends[wi].1,
                (seconds(epoch, a), seconds(epoch, b)),
            )
            .with_profile(modes.iter().position(|&m| m == w.mode).unwrap_or(0))
            .with_skills(ids(&w.skills));
            if let Some(m) = w.max_minutes_per_shift {
                vehicle = vehicle.with_max_duration(i64::from(m) * 60);
            }
            problem_vehicles.push(vehicle);
            vehicles.push((wi, si));
        }
    }
    let problem_visits = visits
        .iter()
        .zip(&visit_loc)
        .map(|(v, &loc)| {
            let duration = i64::from(v.minutes) * 60;
            let mut visit = Visit::new(loc, duration)
                .with_tier(tier(v.urgency))
                .with_skills(ids(&v.skills))
                .with_windows(
                    v.windows
                        .iter()
                        .map(|w| (seconds(epoch, w.start), seconds(epoch, w.end) - duration))
                        .collect::<Vec<_>>(),
                );
            if let Some(server) = v.required {
                // A server with no shift leaves the list empty: then no vehicle at all.
                visit.vehicles = by_server.get(&server).cloned().unwrap_or_default();
                if visit.vehicles.is_empty() {
                    visit.skills.push(u32::MAX); // nobody has it
                }
            }
            if let Some(server) = v.preferred {
                visit = visit.with_preferred(
                    by_server.get(&server).cloned().unwrap_or_default(),
                    i64::from(policy.continuity_minutes) * 60,
                );
            }
            visit
        })
        .collect();
    Ok(Built {
        problem: Problem {
            matrices,
            visits: problem_visits,
            vehicles: problem_vehicles,
        },
        epoch,
        vehicles,
    })
}

fn rounds_of(
    built: &Built,
    visits: &[RoundVisit],
    workers: &[RoundWorker],
    solution: &huzhu_routing::Solution,
) -> Rounds {
    let at = |s: i64| built.epoch + Duration::seconds(s);
    let mut travel = 0i64;
    let rounds = solution
        .routes
        .iter()
        .map(|r| {
            let (wi, si) = built.vehicles[r.vehicle];
            let vehicle = &built.problem.vehicles[r.vehicle];
            let m = &built.problem.matrices[vehicle.profile];
            let mut loc = vehicle.start;
            let first = &built.problem.visits[r.visits[0]];
            let depart = (r.starts[0] - m.time(vehicle.start, first.location)).max(vehicle.shift.0);
            let mut ready = depart;
            let stops = r
                .visits
                .iter()
                .zip(&r.starts)
                .map(|(&v, &start)| {
                    let visit = &built.problem.visits[v];
                    let arrive = ready + m.time(loc, visit.location);
                    loc = visit.location;
                    ready = start + visit.duration;
                    Stop {
                        visit: visits[v].id,
                        arrive: at(arrive),
                        start: at(start),
                        end: at(start + visit.duration),
                    }
                })
                .collect();
            travel += r.travel;
            Round {
                server: workers[wi].server,
                shift: si,
                depart: at(depart),
                stops,
                back: at(r.end_time),
                travel_minutes: (r.travel as f64 / 60.0).round() as u32,
            }
        })
        .collect();
    let reasons = explain(&built.problem, solution);
    let unplanned = solution
        .unserved
        .iter()
        .zip(reasons)
        .map(|(&v, reason)| {
            let why = match reason {
                Unserved::NoVehicle => Unplanned::NoSkilledServer,
                Unserved::Unreachable => Unplanned::WindowUnreachable,
                Unserved::Full => Unplanned::ShiftFull,
                Unserved::Outcompeted { by, vehicle } => Unplanned::Outcompeted {
                    by: by.iter().map(|&w| visits[w].id).collect(),
                    server: workers[built.vehicles[vehicle].0].server,
                },
            };
            (visits[v].id, why)
        })
        .collect();
    Rounds {
        rounds,
        unplanned,
        travel_minutes: (travel as f64 / 60.0).round() as u32,
    }
}

/// Plans the rounds: which server makes which visits, in what order, when.
///
/// Travel times are great-circle distances lengthened by the policy's detour, at each
/// server's speed. The most urgent visits are served first; then the plan minimises travel
/// and, at the policy's price, changes of the server a resident knows.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::{GeoPoint, ResidentId, TimeWindow, Urgency, WorkerId};
/// use huzhu::routing::{RoundVisit, RoundWorker, RoundsPolicy, Server, TravelMode, VisitSource, plan_rounds};
/// let day = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
/// let t = |h, m| day.and_hms_opt(h, m, 0).unwrap();
/// let centre = GeoPoint { lat: 31.2000, lon: 121.5000 };
/// // Two homes about 300 m and 600 m north of the centre.
/// let home = |north: f64| centre.offset_m(north, 0.0);
/// let morning = TimeWindow { start: t(9, 0), end: t(12, 0) };
/// let visit = |id, north| RoundVisit {
///     id, source: VisitSource::Contact(ResidentId(id)), place: home(north), minutes: 30,
///     windows: vec![morning], skills: vec![], required: None, preferred: None,
///     urgency: Urgency::General,
/// };
/// let li = RoundWorker {
///     server: Server::Worker(WorkerId(1)), start: centre, end: centre,
///     shifts: vec![morning], skills: vec![], max_minutes_per_shift: None,
///     mode: TravelMode::Walking,
/// };
/// let plan = plan_rounds(&[visit(1, 600.0), visit(2, 300.0)], &[li], &RoundsPolicy::default())?;
/// let stops: Vec<u32> = plan.rounds[0].stops.iter().map(|s| s.visit).collect();
/// assert_eq!(stops.len(), 2);
/// assert!(plan.unplanned.is_empty());
/// // 1.2 km out and back × 1.3 detour at 75 m a minute: about 21 minutes.
/// assert_eq!(plan.travel_minutes, 21);
/// # Ok::<(), huzhu::routing::RoundsError>(())
/// ```
pub fn plan_rounds(
    visits: &[RoundVisit],
    workers: &[RoundWorker],
    policy: &RoundsPolicy,
) -> Result<Rounds, RoundsError> {
    let built = build(visits, workers, policy)?;
    let options = Options::default()
        .with_seed(policy.seed)
        .with_iterations(policy.iterations);
    let solution = solve(&built.problem, &options)?;
    Ok(rounds_of(&built, visits, workers, &solution))
}

/// Narrows the windows of the visits `previous` planned to `tolerance` seconds either side of
/// their previous starts (within their own windows, or the day when they have none).
fn keep_times(built: &mut Built, previous: &Rounds, visits: &[RoundVisit], tolerance: i64) {
    let index: BTreeMap<u32, usize> = visits.iter().enumerate().map(|(i, v)| (v.id, i)).collect();
    for stop in previous.rounds.iter().flat_map(|r| &r.stops) {
        let Some(&i) = index.get(&stop.visit) else {
            continue;
        };
        let start = seconds(built.epoch, stop.start);
        let (from, to) = (start - tolerance, start + tolerance);
        let visit = &mut built.problem.visits[i];
        let kept: Vec<(i64, i64)> = if visit.windows.is_empty() {
            vec![(from, to)]
        } else {
            visit
                .windows
                .iter()
                .filter_map(|&(open, close)| {
                    let (a, b) = (open.max(from), close.min(to));
                    (a <= b).then_some((a, b))
                })
                .collect()
        };
        // Empty: the previous time is outside the visit's windows now (they changed since),
        // so there is no time to keep.
        if !kept.is_empty() {
            visit.windows = kept;
        }
    }
}

/// Re-plans after a change from a previous plan: a server off sick (left out of `workers`),
/// an urgent visit added, a visit cancelled (left out of `visits`). Visits keep their server
/// and shift unless moving them saves more than the policy's stability minutes or serves
/// more urgent visits; with the policy's `keep_times_minutes`, they also keep their times.
pub fn replan_rounds(
    previous: &Rounds,
    visits: &[RoundVisit],
    workers: &[RoundWorker],
    policy: &RoundsPolicy,
) -> Result<Rounds, RoundsError> {
    let mut built = build(visits, workers, policy)?;
    if let Some(minutes) = policy.keep_times_minutes {
        keep_times(&mut built, previous, visits, i64::from(minutes) * 60);
    }
    let visit_index: BTreeMap<u32, usize> =
        visits.iter().enumerate().map(|(i, v)| (v.id, i)).collect();
    let vehicle_index: BTreeMap<(Server, usize), usize> = built
        .vehicles
        .iter()
        .enumerate()
        .map(|(k, &(wi, si))| ((workers[wi].server, si), k))
        .collect();
    let start: Vec<(usize, Vec<usize>)> = previous
        .rounds
        .iter()
        .filter_map(|r| {
            let k = *vehicle_index.get(&(r.server, r.shift))?;
            Some((
                k,
                r.stops
                    .iter()
                    .filter_map(|s| visit_index.get(&s.visit).copied())
                    .collect(),
            ))
        })
        .collect();
    let options = Options::default()
        .with_seed(policy.seed)
        .with_iterations(policy.iterations);
    let solution = reroute(
        &built.problem,
        &start,
        i64::from(policy.stability_minutes) * 60,
        &options,
    )?;
    Ok(rounds_of(&built, visits, workers, &solution))
}
