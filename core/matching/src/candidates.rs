//! Candidates: for each need, the helpers that satisfy every hard constraint, with their cost,
//! and for every helper ruled out, the first constraint that ruled it out.

use std::cell::Cell;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::spatial::{GridIndex, Projection};
use super::{CostBreakdown, MatchContext, MatchPolicy};
use huzhu_model::{
    Community, GeoPoint, HelperId, Need, NeedId, PreferenceKind, RecurringSchedule, Service,
    ServiceId, ServiceMode, ServiceStatus, Skill, TimeWindow, Volunteer, VolunteerId,
    VolunteerTier, WeeklySchedule,
};

/// A hard constraint that can rule a helper out for a need.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "constraint", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Constraint {
    /// Farther than the helper's maximum travel distance or the service radius.
    TooFar,
    /// The service is not active (closed, inactive, defunct) or the helper is unavailable in
    /// this run.
    NotActive,
    /// The service does not offer the need's category.
    CategoryNotOffered,
    /// The helper lacks a required skill (the first one missing).
    MissingSkill {
        /// The skill.
        skill: Skill,
    },
    /// The resident is not eligible for the service (age or special group).
    NotEligible,
    /// The need excludes this volunteer.
    Excluded,
    /// A hard preference is not met.
    HardPreference {
        /// The preference.
        preference: PreferenceKind,
    },
    /// The helper is not available for the duration inside any of the need's windows.
    NotAvailable {
        /// The need's first window that has not passed, if any.
        window: Option<TimeWindow>,
    },
    /// The helper could start only after the need's deadline (hard for some urgency classes).
    AfterDeadline,
    /// Not examined: with a candidate cap, enough cheaper candidates were found nearer, and no
    /// helper this far away could be cheaper.
    NotExamined,
}

impl Constraint {
    /// Position of the constraint in the order the checks run.
    fn rank(&self) -> u8 {
        match self {
            Self::TooFar => 0,
            Self::NotActive => 1,
            Self::CategoryNotOffered => 2,
            Self::MissingSkill { .. } => 3,
            Self::NotEligible => 4,
            Self::Excluded => 5,
            Self::HardPreference { .. } => 6,
            Self::NotAvailable { .. } => 7,
            Self::AfterDeadline => 8,
            Self::NotExamined => 9,
        }
    }
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFar => f.write_str("too far"),
            Self::NotActive => f.write_str("not active"),
            Self::CategoryNotOffered => f.write_str("not offering the category"),
            Self::MissingSkill { skill } => write!(f, "without skill `{skill}`"),
            Self::NotEligible => f.write_str("resident not eligible"),
            Self::Excluded => f.write_str("excluded by the need"),
            Self::HardPreference { preference } => match preference {
                PreferenceKind::Language(l) => write!(f, "not speaking `{l}`"),
                PreferenceKind::HelperGender(g) => write!(f, "not of gender {g:?}"),
                PreferenceKind::PreferredVolunteer(v) => write!(f, "not the required {v}"),
            },
            Self::NotAvailable { window: Some(w) } => write!(
                f,
                "not available {} {:02}:{:02}–{:02}:{:02}",
                w.start.weekday(),
                w.start.hour(),
                w.start.minute(),
                w.end.hour(),
                w.end.minute()
            ),
            Self::NotAvailable { window: None } => f.write_str("not available (windows passed)"),
            Self::AfterDeadline => f.write_str("unable to start before the deadline"),
            Self::NotExamined => f.write_str("not examined (enough cheaper candidates nearer)"),
        }
    }
}

/// How many helpers one constraint ruled out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Elimination {
    /// The constraint.
    pub constraint: Constraint,
    /// Helpers it ruled out first (each helper counts under one constraint only).
    pub count: u32,
}

/// A helper who may serve a need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Candidate {
    /// The helper.
    pub helper: HelperId,
    /// When the service would start (the earliest feasible moment).
    pub start: NaiveDateTime,
    /// Great-circle distance in metres between the helper (or facility) and the place.
    pub distance_m: u32,
    /// The cost and its breakdown.
    pub cost: CostBreakdown,
}

/// The candidates of one need, cheapest first (ties by helper id), and the eliminations.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NeedCandidates {
    /// The need.
    pub need: NeedId,
    /// Candidates after the cap.
    pub candidates: Vec<Candidate>,
    /// Candidates dropped by the per-need cap.
    pub capped: u32,
    /// Helpers ruled out, by constraint, in the order constraints are checked.
    pub eliminated: Vec<Elimination>,
}

impl NeedCandidates {
    /// Eliminations as one readable line, e.g. "12 too far, 3 without skill `nursing`".
    ///
    /// ```
    /// use huzhu::matching::{Constraint, Elimination, NeedCandidates};
    /// use huzhu::model::NeedId;
    /// let c = NeedCandidates { need: NeedId(1), candidates: vec![], capped: 0, eliminated: vec![
    ///     Elimination { constraint: Constraint::TooFar, count: 12 },
    ///     Elimination { constraint: Constraint::MissingSkill { skill: "nursing".into() }, count: 3 },
    /// ]};
    /// assert_eq!(c.elimination_summary(), "12 too far, 3 without skill `nursing`");
    /// ```
    pub fn elimination_summary(&self) -> String {
        self.eliminated
            .iter()
            .map(|e| format!("{} {}", e.count, e.constraint))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn eliminate(&mut self, constraint: Constraint, count: u32) {
        if count == 0 {
            return;
        }
        let at = self.entry(constraint);
        self.eliminated[at].count += count;
    }

    /// The position of the constraint's entry in `eliminated`, added with count 0 if new (the
    /// caller counts at once, so no entry stays at 0).
    fn entry(&mut self, constraint: Constraint) -> usize {
        if let Some(at) = self
            .eliminated
            .iter()
            .position(|e| e.constraint == constraint)
        {
            return at;
        }
        self.eliminated.push(Elimination {
            constraint,
            count: 0,
        });
        self.eliminated.len() - 1
    }

    /// Counts one more helper ruled out by the constraint `make` builds, remembering where its
    /// entry is in `at` so that repeats neither build nor search again.
    fn eliminate_one(&mut self, at: &mut Option<usize>, make: impl FnOnce() -> Constraint) {
        let i = *at.get_or_insert_with(|| self.entry(make()));
        self.eliminated[i].count += 1;
    }
}

/// Shared view of the supply, built once per run.
pub(crate) struct Supply {
    pub(crate) volunteers: Vec<Volunteer>,
    pub(crate) services: Vec<Service>,
    projection: Projection,
    volunteer_index: GridIndex,
    service_index: GridIndex,
    volunteer_reach: f64,
    service_reach: f64,
    volunteer_pos: FxHashMap<VolunteerId, usize>,
    service_pos: FxHashMap<ServiceId, usize>,
    /// Bit of each skill some volunteer holds (the first 64 skills seen).
    skill_bits: FxHashMap<Skill, u32>,
    /// Per volunteer: skills held (plain or certified at any date), as bits.
    skill_masks: Vec<u64>,
    /// Per volunteer: half-hours of each weekday (Monday first) its availability touches.
    week_masks: Vec<[u64; 7]>,
    /// Per volunteer and per service: the cosine of the latitude, for distances.
    volunteer_cos: Vec<f64>,
    service_cos: Vec<f64>,
}

/// Half-hour bits of `[from, to)` minutes within a day.
fn half_hours(from: u32, to: u32) -> u64 {
    let (a, b) = (from / 30, to.div_ceil(30).min(48));
    if b <= a {
        return 0;
    }
    let width = b - a;
    let ones = if width >= 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    };
    ones << a
}

fn minutes_of(t: chrono::NaiveTime) -> u32 {
    t.hour() * 60 + t.minute()
}

fn schedule_mask(schedule: &WeeklySchedule) -> [u64; 7] {
    let mut m = [0u64; 7];
    for s in &schedule.slots {
        m[s.weekday.num_days_from_monday() as usize] |=
            half_hours(minutes_of(s.opens), minutes_of(s.closes));
    }
    m
}

fn windows_mask(windows: &[TimeWindow]) -> [u64; 7] {
    let mut m = [0u64; 7];
    for w in windows {
        let mut day = w.start.date();
        let mut guard = 0;
        while day <= w.end.date() && guard < 8 {
            let from = if day == w.start.date() {
                minutes_of(w.start.time())
            } else {
                0
            };
            let to = if day == w.end.date() {
                minutes_of(w.end.time())
            } else {
                24 * 60
            };
            m[day.weekday().num_days_from_monday() as usize] |= half_hours(from, to);
            match day.succ_opt() {
                Some(d) => day = d,
                None => break,
            }
            guard += 1;
        }
    }
    m
}

impl Supply {
    pub(crate) fn new(community: &Community) -> Self {
        let volunteers: Vec<Volunteer> = community.volunteers().cloned().collect();
        let services: Vec<Service> = community.services().cloned().collect();
        let origin = volunteers
            .first()
            .map(|v| v.home)
            .or_else(|| services.first().map(|s| s.location))
            .unwrap_or(GeoPoint { lat: 0.0, lon: 0.0 });
        let projection = Projection::around(origin);
        let volunteer_reach = volunteers
            .iter()
            .map(|v| f64::from(v.max_travel_m))
            .fold(0.0, f64::max);
        let service_reach = services
            .iter()
            .map(|s| f64::from(s.radius_m))
            .fold(0.0, f64::max);
        let vpoints: Vec<GeoPoint> = volunteers.iter().map(|v| v.home).collect();
        let spoints: Vec<GeoPoint> = services.iter().map(|s| s.location).collect();
        let volunteer_pos = volunteers
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id, i))
            .collect();
        let service_pos = services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let mut skill_bits = FxHashMap::default();
        let mut skill_masks = Vec::with_capacity(volunteers.len());
        let mut week_masks = Vec::with_capacity(volunteers.len());
        for v in &volunteers {
            skill_masks.push(skill_mask_of(v, &mut skill_bits));
            week_masks.push(schedule_mask(&v.availability));
        }
        Self {
            volunteer_pos,
            service_pos,
            skill_bits,
            skill_masks,
            week_masks,
            volunteer_cos: vpoints.iter().map(|p| p.cos_lat()).collect(),
            service_cos: spoints.iter().map(|p| p.cos_lat()).collect(),
            // Fine cells: the capped search stops after a few rings.
            volunteer_index: GridIndex::build(&projection, &vpoints, 250.0),
            service_index: GridIndex::build(
                &projection,
                &spoints,
                (service_reach / 2.0).max(250.0),
            ),
            volunteers,
            services,
            projection,
            volunteer_reach,
            service_reach,
        }
    }

    /// Adds a volunteer after construction (to the spatial index too).
    pub(crate) fn push_volunteer(&mut self, v: Volunteer) {
        self.skill_masks
            .push(skill_mask_of(&v, &mut self.skill_bits));
        self.week_masks.push(schedule_mask(&v.availability));
        self.volunteer_reach = self.volunteer_reach.max(f64::from(v.max_travel_m));
        self.volunteer_index.insert(&self.projection, v.home);
        self.volunteer_cos.push(v.home.cos_lat());
        self.volunteer_pos.insert(v.id, self.volunteers.len());
        self.volunteers.push(v);
    }

    /// Adds a service after construction (to the spatial index too).
    pub(crate) fn push_service(&mut self, s: Service) {
        self.service_reach = self.service_reach.max(f64::from(s.radius_m));
        self.service_index.insert(&self.projection, s.location);
        self.service_cos.push(s.location.cos_lat());
        self.service_pos.insert(s.id, self.services.len());
        self.services.push(s);
    }

    /// A volunteer by id.
    pub(crate) fn volunteer(&self, id: VolunteerId) -> Option<&Volunteer> {
        self.volunteer_pos.get(&id).map(|&i| &self.volunteers[i])
    }

    /// A service by id.
    pub(crate) fn service(&self, id: ServiceId) -> Option<&Service> {
        self.service_pos.get(&id).map(|&i| &self.services[i])
    }

    /// Helper ids in solver order: volunteers by id, then services by id.
    pub(crate) fn helper_ids(&self) -> Vec<HelperId> {
        self.volunteers
            .iter()
            .map(|v| HelperId::Volunteer(v.id))
            .chain(self.services.iter().map(|s| HelperId::Service(s.id)))
            .collect()
    }
}

/// The volunteer's skills as bits, giving new skills the next free bit (up to 64).
fn skill_mask_of(v: &Volunteer, bits: &mut FxHashMap<Skill, u32>) -> u64 {
    let mut mask = 0u64;
    for s in v
        .skills
        .iter()
        .chain(v.certifications.iter().map(|c| &c.skill))
    {
        let next = bits.len() as u32;
        let bit = *bits.entry(s.clone()).or_insert(next);
        if bit < 64 {
            mask |= 1 << bit;
        }
    }
    mask
}

/// Quick necessary conditions for a volunteer, from bit masks: a failed test is exact, a passed
/// one still goes through the full check.
struct Masks {
    /// Bits of the required skills that have one; `None` when a required skill has no bit
    /// (more than 64 skills seen), so no quick test is made.
    skills: Option<u64>,
    /// The bit of each required skill (as in `NeedView::skills`), if some volunteer holds it.
    skill_bit: Vec<Option<u32>>,
    /// Half-hours of each weekday the need's windows touch.
    week: [u64; 7],
}

impl Masks {
    fn new(supply: &Supply, view: &NeedView<'_>) -> Self {
        let mut skills = Some(0u64);
        let skill_bit: Vec<Option<u32>> = view
            .skills
            .iter()
            .map(|s| supply.skill_bits.get(s).copied())
            .collect();
        for bit in &skill_bit {
            match *bit {
                Some(b) if b < 64 => skills = skills.map(|m| m | (1 << b)),
                // No volunteer holds it at all: every volunteer lacks it.
                None => {}
                Some(_) => skills = None,
            }
        }
        Self {
            skills,
            skill_bit,
            week: windows_mask(&view.windows),
        }
    }

    /// The first required skill the volunteer lacks (its index in `view.skills`), in the order
    /// of the full check, when the masks show one is certainly missing; `None` leaves the
    /// decision to the full check.
    fn missing_skill(&self, supply: &Supply, view: &NeedView<'_>, i: usize) -> Option<usize> {
        let have = supply.skill_masks[i];
        if self.skills.is_none_or(|need| need & !have == 0) {
            return None;
        }
        let v = &supply.volunteers[i];
        view.skills
            .iter()
            .zip(&self.skill_bit)
            .position(|(s, bit)| {
                bit.is_none_or(|b| b < 64 && have & (1 << b) == 0) || !v.has_skill(s, view.date)
            })
    }

    /// Whether the volunteer's week certainly misses every window.
    fn never_available(&self, supply: &Supply, i: usize) -> bool {
        let w = &supply.week_masks[i];
        (0..7).all(|d| w[d] & self.week[d] == 0)
    }
}

/// Everything a need's checks and costs depend on, computed once per need.
struct NeedView<'a> {
    need: &'a Need,
    place: GeoPoint,
    skills: Vec<Skill>,
    windows: Vec<TimeWindow>,
    date: NaiveDate,
    deadline: Option<NaiveDateTime>,
    hard_deadline: bool,
    earliest: NaiveDateTime,
}

/// What a helper for `need` must be and when: the place, the skills the matcher requires
/// (the category's and the need's own), and the windows left at `ctx.now` long enough for the
/// need. `None` when the need has no place or no such window.
pub(crate) fn need_requirements(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    need: &Need,
) -> Option<(GeoPoint, Vec<Skill>, Vec<TimeWindow>)> {
    need_view(community, policy, ctx, need)
        .ok()
        .map(|v| (v.place, v.skills, v.windows))
}

fn need_view<'n>(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    need: &'n Need,
) -> Result<NeedView<'n>, Constraint> {
    let place = community.need_location(need).ok_or(Constraint::TooFar)?;
    let windows: Vec<TimeWindow> = need
        .windows
        .iter()
        .filter(|w| w.end > ctx.now)
        .map(|w| TimeWindow {
            start: w.start.max(ctx.now),
            end: w.end,
        })
        .filter(|w| w.minutes() >= i64::from(need.duration_minutes))
        .collect();
    if windows.is_empty() {
        return Err(Constraint::NotAvailable { window: None });
    }
    let mut skills: Vec<Skill> = community
        .taxonomy()
        .get(&need.category)
        .map(|c| c.required_skills.clone())
        .unwrap_or_default();
    for s in &need.required_skills {
        if !skills.contains(s) {
            skills.push(s.clone());
        }
    }
    Ok(NeedView {
        need,
        place,
        skills,
        date: windows[0].start.date(),
        earliest: windows[0].start,
        deadline: community.deadline_of(need),
        hard_deadline: policy.act_before_deadline.contains(&need.urgency),
        windows,
    })
}

/// Checks one (need, helper) pair: the candidate, or the first constraint that rules it out.
/// `None` when the helper is not in `supply`.
pub(crate) fn check_pair(
    community: &Community,
    supply: &Supply,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    need: &Need,
    helper: HelperId,
) -> Option<Result<Candidate, Constraint>> {
    let view = match need_view(community, policy, ctx, need) {
        Ok(v) => v,
        Err(c) => return Some(Err(c)),
    };
    Some(match helper {
        HelperId::Volunteer(id) => {
            let v = supply.volunteer(id)?;
            let d = v.home.distance_m(view.place);
            if d > v.max_travel_m {
                Err(Constraint::TooFar)
            } else {
                check_volunteer(community, policy, ctx, &view, v, d)
            }
        }
        HelperId::Service(id) => {
            let s = supply.service(id)?;
            let d = s.location.distance_m(view.place);
            if d > s.radius_m {
                Err(Constraint::TooFar)
            } else {
                check_service(community, policy, ctx, &view, s, d)
            }
        }
    })
}

/// Generates the candidates of one need.
pub(crate) fn candidates_for(
    community: &Community,
    supply: &Supply,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    need: &Need,
) -> NeedCandidates {
    let mut out = NeedCandidates {
        need: need.id,
        candidates: Vec::new(),
        capped: 0,
        eliminated: Vec::new(),
    };
    let total_helpers = (supply.volunteers.len() + supply.services.len()) as u32;
    let view = match need_view(community, policy, ctx, need) {
        Ok(v) => v,
        Err(c) => {
            out.eliminate(c, total_helpers);
            return out;
        }
    };
    let place = view.place;
    let place_cos = place.cos_lat();
    let at = supply.projection.project(place);

    let mut near = 0u32;
    let mut visited = 0u32;
    // With a cap K, the K cheapest so far (max-heap on (cost, helper)): volunteers are visited
    // ring by ring outwards and the search stops once no farther volunteer can beat the K-th.
    let mut best: BinaryHeap<(i64, HelperId)> = BinaryHeap::new();
    // The K-th best cost once K candidates are known, for the stopping rule.
    let kth = Cell::new(None);
    let mut feasible = 0u32;
    let keep = |c: &Candidate, best: &mut BinaryHeap<(i64, HelperId)>| {
        if let Some(k) = policy.candidate_cap {
            best.push((c.cost.total, c.helper));
            if best.len() > k {
                best.pop();
            }
            if best.len() >= k {
                kth.set(best.peek().map(|b| b.0));
            }
        }
    };
    supply
        .service_index
        .within(at, supply.service_reach * 1.01 + 5.0, |i, _| {
            let s = &supply.services[i as usize];
            let d =
                s.location
                    .distance_with_cosines(supply.service_cos[i as usize], place, place_cos);
            if d > s.radius_m {
                return;
            }
            near += 1;
            match check_service(community, policy, ctx, &view, s, d) {
                Ok(c) => {
                    keep(&c, &mut best);
                    feasible += 1;
                    push_bounded(&mut out.candidates, c, policy.candidate_cap);
                }
                Err(c) => out.eliminate(c, 1),
            }
        });
    let masks = Masks::new(supply, &view);
    // Where the eliminations counted most often sit in `out.eliminated`.
    let mut skill_entry: Vec<Option<usize>> = vec![None; view.skills.len()];
    let mut unavailable_entry = None;
    let mut visit = |i: u32, projected: f64| {
        visited += 1;
        let v = &supply.volunteers[i as usize];
        let distance = || {
            v.home
                .distance_with_cosines(supply.volunteer_cos[i as usize], place, place_cos)
        };
        // The local projection is within a fraction of a percent of the great circle: only
        // near the volunteer's limit does the exact distance decide.
        let limit = f64::from(v.max_travel_m);
        if projected > limit * 1.01 + 5.0 {
            return;
        }
        let mut exact = None;
        if projected >= limit * 0.99 - 5.0 {
            let d = distance();
            if d > v.max_travel_m {
                return;
            }
            exact = Some(d);
        }
        near += 1;
        // Quick exact rejections, in the order of the full check.
        if ctx.unavailable.is_empty() {
            if let Some(k) = masks.missing_skill(supply, &view, i as usize) {
                out.eliminate_one(&mut skill_entry[k], || Constraint::MissingSkill {
                    skill: view.skills[k].clone(),
                });
                return;
            }
            if view.need.excluded_volunteers.is_empty()
                && view.need.preferences.is_empty()
                && masks.never_available(supply, i as usize)
            {
                out.eliminate_one(&mut unavailable_entry, || Constraint::NotAvailable {
                    window: Some(view.windows[0]),
                });
                return;
            }
        }
        let d = exact.unwrap_or_else(distance);
        match check_volunteer(community, policy, ctx, &view, v, d) {
            Ok(c) => {
                keep(&c, &mut best);
                feasible += 1;
                push_bounded(&mut out.candidates, c, policy.candidate_cap);
            }
            Err(c) => out.eliminate(c, 1),
        }
    };
    let reach = supply.volunteer_reach * 1.01 + 5.0;
    let complete = if policy.candidate_cap.is_none() {
        supply.volunteer_index.within(at, reach, &mut visit);
        true
    } else {
        let floor = volunteer_cost_floor(policy, ctx, need);
        let walking = community.walking();
        supply
            .volunteer_index
            .within_rings(at, reach, &mut visit, |min_d| {
                let lower = policy.travel_per_minute
                    * i64::from(walking.minutes_for((min_d * 0.99 - 5.0).max(0.0) as u32))
                    + floor;
                kth.get().is_none_or(|b| b >= lower)
            })
    };
    // Those never reached are too far, or were not examined when the cap was met nearer.
    let far = total_helpers - near;
    let unexamined = if complete {
        0
    } else {
        supply.volunteers.len() as u32 - visited
    };
    if far - unexamined > 0 {
        out.eliminated.insert(
            0,
            Elimination {
                constraint: Constraint::TooFar,
                count: far - unexamined,
            },
        );
    }
    out.eliminate(Constraint::NotExamined, unexamined);
    huzhu_model::cold::sort_by_key(&mut out.eliminated, |e| e.constraint.rank());
    sort_candidates(&mut out.candidates);
    if let Some(cap) = policy.candidate_cap {
        out.candidates.truncate(cap);
    }
    out.capped = feasible - out.candidates.len() as u32;
    out
}

/// The least any volunteer's cost can be besides travel: the smallest unreliability cost, less
/// the continuity discount when this resident has any history (costs are otherwise sums of
/// non-negative terms).
fn volunteer_cost_floor(policy: &MatchPolicy, ctx: &MatchContext, need: &Need) -> i64 {
    let best_reliability = ctx
        .reliability
        .iter()
        .filter(|(h, _)| matches!(h, HelperId::Volunteer(_)))
        .map(|(_, r)| *r)
        .max()
        .unwrap_or(0)
        .max(policy.default_reliability_permille)
        .min(1000);
    let unreliability = policy.unreliability_per_point * i64::from(1000 - best_reliability) / 10;
    let has_history = ctx
        .history
        .range((need.resident, HelperId::Volunteer(VolunteerId(0)))..)
        .next()
        .is_some_and(|(r, _)| *r == need.resident);
    unreliability
        - if has_history {
            policy.continuity_discount
        } else {
            0
        }
}

/// Cheapest first, ties by helper id: a total order, as a need lists each helper once.
fn by_cost(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    a.cost
        .total
        .cmp(&b.cost.total)
        .then(a.helper.cmp(&b.helper))
}

/// Sorts candidates cheapest first, ties by helper id (the order is total, so an unstable sort
/// gives the one result).
fn sort_candidates(list: &mut [Candidate]) {
    list.sort_unstable_by(by_cost);
}

/// Adds a candidate, keeping at most about twice the cap: when the list reaches `2 × cap` it is
/// cut to the cheapest `cap` (in no particular order until the final sort), so a capped search
/// never holds hundreds per need.
fn push_bounded(list: &mut Vec<Candidate>, c: Candidate, cap: Option<usize>) {
    list.push(c);
    if let Some(k) = cap
        && list.len() >= 2 * k.max(1)
    {
        if k > 0 {
            list.select_nth_unstable_by(k - 1, by_cost);
        }
        list.truncate(k);
    }
}

/// The earliest start in the need's windows. Without recurrence rules or exceptions, the
/// weekly schedule decides (as it always has); with them, the expanded windows do.
fn earliest_start(
    schedule: &WeeklySchedule,
    recurring: &RecurringSchedule,
    always_open: bool,
    view: &NeedView<'_>,
) -> Option<NaiveDateTime> {
    if recurring.is_empty() {
        if always_open {
            return Some(view.windows[0].start);
        }
        return view
            .windows
            .iter()
            .filter_map(|w| schedule.earliest_start(w, view.need.duration_minutes))
            .min();
    }
    let base = (!always_open).then_some(schedule);
    view.windows
        .iter()
        .filter_map(|w| recurring.earliest_start(base, w, view.need.duration_minutes))
        .min()
}

fn check_time(
    view: &NeedView<'_>,
    start: Option<NaiveDateTime>,
) -> Result<NaiveDateTime, Constraint> {
    let start = start.ok_or(Constraint::NotAvailable {
        window: Some(view.windows[0]),
    })?;
    if view.hard_deadline && view.deadline.is_some_and(|d| start > d.max(view.earliest)) {
        return Err(Constraint::AfterDeadline);
    }
    Ok(start)
}

fn check_volunteer(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    view: &NeedView<'_>,
    v: &Volunteer,
    distance_m: u32,
) -> Result<Candidate, Constraint> {
    let helper = HelperId::Volunteer(v.id);
    if ctx.unavailable.contains(&helper) {
        return Err(Constraint::NotActive);
    }
    if let Some(s) = view.skills.iter().find(|s| !v.has_skill(s, view.date)) {
        return Err(Constraint::MissingSkill { skill: s.clone() });
    }
    if view.need.excluded_volunteers.contains(&v.id) {
        return Err(Constraint::Excluded);
    }
    for p in view.need.hard_preferences() {
        if !volunteer_meets(v, p) {
            return Err(Constraint::HardPreference {
                preference: p.clone(),
            });
        }
    }
    let start = check_time(
        view,
        earliest_start(&v.availability, &v.recurring, false, view),
    )?;
    let mut cost = base_cost(community, policy, ctx, view, helper, distance_m, start);
    let unused = v
        .certifications
        .iter()
        .filter(|c| !view.skills.contains(&c.skill))
        .count()
        .min(3) as i64;
    cost.skill_fit = policy.overqualification_per_skill * unused
        + if v.tier == VolunteerTier::Professional && view.skills.is_empty() {
            policy.professional_on_unskilled
        } else {
            0
        };
    cost.preferences = policy.soft_preference_unmet
        * view
            .need
            .soft_preferences()
            .filter(|p| !volunteer_meets(v, p))
            .count() as i64;
    Ok(Candidate {
        helper,
        start,
        distance_m,
        cost: cost.finish(policy),
    })
}

fn volunteer_meets(v: &Volunteer, p: &PreferenceKind) -> bool {
    match p {
        PreferenceKind::Language(l) => v.speaks(l),
        PreferenceKind::HelperGender(g) => v.gender == Some(*g),
        PreferenceKind::PreferredVolunteer(id) => v.id == *id,
    }
}

fn check_service(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    view: &NeedView<'_>,
    s: &Service,
    distance_m: u32,
) -> Result<Candidate, Constraint> {
    let helper = HelperId::Service(s.id);
    if s.status != ServiceStatus::Active || ctx.unavailable.contains(&helper) {
        return Err(Constraint::NotActive);
    }
    if !s.categories.contains(&view.need.category) {
        return Err(Constraint::CategoryNotOffered);
    }
    let resident = community.resident(view.need.resident);
    if let Some(r) = resident
        && !s.eligibility.admits(r, view.date)
    {
        return Err(Constraint::NotEligible);
    }
    // A service is staffed for language and gender; a hard wish for one volunteer rules it out.
    if let Some(p) = view
        .need
        .hard_preferences()
        .find(|p| matches!(p, PreferenceKind::PreferredVolunteer(_)))
    {
        return Err(Constraint::HardPreference {
            preference: p.clone(),
        });
    }
    let always_open = s.mode == ServiceMode::Device
        && s.schedule.slots.is_empty()
        && s.recurring.rules.is_empty();
    let start = check_time(
        view,
        earliest_start(&s.schedule, &s.recurring, always_open, view),
    )?;
    let mut cost = base_cost(community, policy, ctx, view, helper, distance_m, start);
    let price = resident.map_or(0, |r| s.price_for(r, start.date(), community.subsidy()));
    cost.fee = policy.fee_per_yuan * i64::from(price) / 100;
    if community
        .provider(s.provider)
        .is_some_and(huzhu_model::Provider::has_priority)
    {
        cost.priority = policy.priority_discount;
    }
    if s.mode == ServiceMode::Device {
        cost.travel = 0;
    }
    cost.preferences = policy.soft_preference_unmet
        * view
            .need
            .soft_preferences()
            .filter(|p| matches!(p, PreferenceKind::PreferredVolunteer(_)))
            .count() as i64;
    Ok(Candidate {
        helper,
        start,
        distance_m,
        cost: cost.finish(policy),
    })
}

fn base_cost(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    view: &NeedView<'_>,
    helper: HelperId,
    distance_m: u32,
    start: NaiveDateTime,
) -> CostBreakdown {
    // Subtracting date-times is slow in wasm; most helpers start on time, which needs none.
    let minutes_after = |from: NaiveDateTime| {
        if start > from {
            (start - from).num_minutes()
        } else {
            0
        }
    };
    let minutes_late_start = minutes_after(view.earliest);
    // Lateness counts from the deadline or, when the resident's own window opens later, from
    // the window: a need asked for Thursday is not late on Thursday.
    let late = view
        .deadline
        .map_or(0, |d| minutes_after(d.max(view.earliest)));
    let reliability = ctx
        .reliability_of(helper)
        .unwrap_or(policy.default_reliability_permille)
        .min(1000);
    CostBreakdown {
        // Saturating: a window years after the first one times the largest weight `check`
        // accepts would overflow; the total is capped at `arc_cost_cap` anyway.
        travel: policy
            .travel_per_minute
            .saturating_mul(i64::from(community.walking().minutes_for(distance_m))),
        delay: policy
            .delay_weight(view.need.urgency)
            .saturating_mul(minutes_late_start)
            / 60,
        late: policy.late_per_hour.saturating_mul(late) / 60,
        reliability: policy.unreliability_per_point * i64::from(1000 - reliability) / 10,
        continuity: if ctx.history.contains(&(view.need.resident, helper)) {
            policy.continuity_discount
        } else {
            0
        },
        ..CostBreakdown::default()
    }
}
