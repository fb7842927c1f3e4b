//! Candidates: for each need, the helpers that satisfy every hard constraint, with their cost,
//! and for every helper ruled out, the first constraint that ruled it out.
//!
//! The search reads the compact facts [`Supply`] keeps (positions, skills and categories as
//! bits, schedules as integers) and decides most distances from bounds on the projected
//! distance (see [`DistanceBounds`]); each shortcut gives the answer the full check would, so
//! the candidates, their order and the eliminations are those of checking every helper in full.

use std::cell::Cell;
use std::collections::BinaryHeap;
use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::spatial::DistanceBounds;
use super::supply::{ServiceAt, Supply, Timing, VolunteerAt, VolunteerFacts, windows_mask};
use super::weekly::{self, Moment, Window};
use super::{CostBreakdown, MatchContext, MatchPolicy};
use huzhu_model::{
    Community, Gender, GeoPoint, HelperId, Need, NeedId, PreferenceKind, RecurringSchedule,
    Resident, Service, ServiceMode, Skill, Strength, TimeWindow, Volunteer, VolunteerId,
    WalkingSpeed, WeeklySchedule,
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
}

/// How a preference is told from a volunteer's facts.
#[derive(Clone, Copy)]
enum PrefTest {
    /// Speaks the language of this bit.
    Speaks(u64),
    /// Speaks a language no volunteer speaks.
    Nobody,
    /// Speaks a language without a bit: the record tells.
    SpeaksText,
    Gender(Gender),
    Volunteer(VolunteerId),
}

impl PrefTest {
    fn new(supply: &Supply, p: &PreferenceKind) -> Self {
        match p {
            PreferenceKind::Language(l) => match supply.language_bits.get(l) {
                None => Self::Nobody,
                Some(&b) if b < 64 => Self::Speaks(1 << b),
                Some(_) => Self::SpeaksText,
            },
            PreferenceKind::HelperGender(g) => Self::Gender(*g),
            PreferenceKind::PreferredVolunteer(id) => Self::Volunteer(*id),
        }
    }

    /// [`volunteer_meets`] from the facts.
    #[inline]
    fn meets(self, supply: &Supply, f: &VolunteerFacts, p: &PreferenceKind) -> bool {
        match self {
            Self::Speaks(m) => f.languages & m != 0,
            Self::Nobody => false,
            Self::SpeaksText => volunteer_meets(&supply.volunteers[f.index as usize], p),
            Self::Gender(g) => f.gender == Some(g),
            Self::Volunteer(id) => f.id == id,
        }
    }
}

/// What a need asks of a volunteer, in the forms [`VolunteerFacts`] answer, with quick
/// necessary conditions from bit masks: a failed quick test is exact, a passed one still goes
/// through the full check.
struct Wants {
    /// Bits of the required skills that have one; `None` when a required skill has no bit
    /// (more than 64 skills seen), so no quick test is made.
    skills: Option<u64>,
    /// The number of each required skill (as in `NeedView::skills`), if some volunteer holds
    /// it.
    skill_bit: Vec<Option<u32>>,
    /// Bits of the required skills when every one has a bit below 64: a volunteer whose plain
    /// skills (which never expire) hold them all has them all.
    plain: Option<u64>,
    /// Bits of the required skills that have one below 64 (to count unused certificates).
    needed: u64,
    /// The need's date, as days from the common era.
    day: i32,
    /// Half-hours of each weekday the need's windows touch.
    week: [u64; 7],
    /// The hard and the soft preferences: their positions in the need's list, and their tests.
    hard: Vec<(usize, PrefTest)>,
    soft: Vec<(usize, PrefTest)>,
}

impl Wants {
    fn new(supply: &Supply, view: &NeedView<'_>) -> Self {
        let mut skills = Some(0u64);
        let mut plain = Some(0u64);
        let mut needed = 0u64;
        let skill_bit: Vec<Option<u32>> = view
            .skills
            .iter()
            .map(|s| supply.skill_bits.get(s).copied())
            .collect();
        for bit in &skill_bit {
            match *bit {
                Some(b) if b < 64 => {
                    skills = skills.map(|m| m | (1 << b));
                    plain = plain.map(|m| m | (1 << b));
                    needed |= 1 << b;
                }
                // No volunteer holds it at all: every volunteer lacks it.
                None => plain = None,
                Some(_) => {
                    skills = None;
                    plain = None;
                }
            }
        }
        let tests = |hard: bool| {
            view.need
                .preferences
                .iter()
                .enumerate()
                .filter(|(_, p)| (p.strength == Strength::Hard) == hard)
                .map(|(k, p)| (k, PrefTest::new(supply, &p.kind)))
                .collect()
        };
        Self {
            skills,
            skill_bit,
            plain,
            needed,
            day: view.date.num_days_from_ce(),
            week: windows_mask(&view.windows),
            hard: tests(true),
            soft: tests(false),
        }
    }

    /// Whether the volunteer holds the `k`-th required skill on the need's date.
    #[inline]
    fn has_skill(
        &self,
        supply: &Supply,
        view: &NeedView<'_>,
        f: &VolunteerFacts,
        k: usize,
    ) -> bool {
        f.has_skill(self.skill_bit[k], self.day).unwrap_or_else(|| {
            supply.volunteers[f.index as usize].has_skill(&view.skills[k], view.date)
        })
    }

    /// The first required skill the volunteer lacks (its index in `view.skills`), in the order
    /// of the full check, when the masks show one is certainly missing; `None` leaves the
    /// decision to the full check. `have` is the volunteer's mask of skills.
    fn missing_skill(
        &self,
        supply: &Supply,
        view: &NeedView<'_>,
        f: &VolunteerFacts,
        have: u64,
    ) -> Option<usize> {
        if self.skills.is_none_or(|need| need & !have == 0) {
            return None;
        }
        (0..view.skills.len()).position(|k| {
            self.skill_bit[k].is_none_or(|b| b < 64 && have & (1 << b) == 0)
                || !self.has_skill(supply, view, f, k)
        })
    }

    /// The first required skill the volunteer lacks on the need's date, if any (its index in
    /// `view.skills`), as the full check finds it.
    #[inline]
    fn missing_exactly(
        &self,
        supply: &Supply,
        view: &NeedView<'_>,
        f: &VolunteerFacts,
    ) -> Option<usize> {
        // Plain skills never expire: holding them all as plain skills settles it.
        if self.plain.is_some_and(|need| need & !f.plain == 0) {
            return None;
        }
        (0..view.skills.len()).find(|&k| !self.has_skill(supply, view, f, k))
    }

    /// Whether the volunteer's week certainly misses every window.
    fn never_available(&self, f: &VolunteerFacts) -> bool {
        (0..7).fold(0, |any, d| any | (f.week[d] & self.week[d])) == 0
    }
}

/// A need's times as integers, when none is a leap second: then starts are found, compared
/// and priced without date arithmetic.
struct FastTimes {
    windows: Vec<Window>,
    /// Where the need's task may start, by half-hours.
    reach: weekly::Reach,
    /// The first window's start.
    earliest: Moment,
    /// As [`NeedView::late_from`].
    late_from: Option<Moment>,
}

/// Everything a need's checks and costs depend on, computed once per need.
struct NeedView<'a> {
    need: &'a Need,
    /// The resident, if the community has the record.
    resident: Option<&'a Resident>,
    place: GeoPoint,
    skills: Vec<Skill>,
    windows: Vec<TimeWindow>,
    fast: Option<FastTimes>,
    date: NaiveDate,
    /// Lateness counts from here: the deadline, or the first window if it opens later.
    late_from: Option<NaiveDateTime>,
    hard_deadline: bool,
    earliest: NaiveDateTime,
    /// The position of the first hard wish for one volunteer among the need's preferences
    /// (which rules every service out).
    wants_volunteer: Option<usize>,
    /// Whether the context records any reliability, and any history of this resident.
    any_reliability: bool,
    any_history: bool,
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
    community: &'n Community,
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
    let earliest = windows[0].start;
    let late_from = community.deadline_of(need).map(|d| d.max(earliest));
    let fast = (|| {
        let fast_windows = weekly::windows(&windows)?;
        Some(FastTimes {
            reach: weekly::Reach::new(&fast_windows, need.duration_minutes),
            windows: fast_windows,
            earliest: Moment::of(earliest)?,
            late_from: match late_from {
                Some(t) => Some(Moment::of(t)?),
                None => None,
            },
        })
    })();
    Ok(NeedView {
        need,
        resident: community.resident(need.resident),
        place,
        skills,
        fast,
        date: earliest.date(),
        earliest,
        late_from,
        hard_deadline: policy.act_before_deadline.contains(&need.urgency),
        wants_volunteer: need.preferences.iter().position(|p| {
            p.strength == Strength::Hard && matches!(p.kind, PreferenceKind::PreferredVolunteer(_))
        }),
        any_reliability: !ctx.reliability.is_empty(),
        any_history: ctx
            .history
            .range((need.resident, HelperId::Volunteer(VolunteerId(0)))..)
            .next()
            .is_some_and(|(r, _)| *r == need.resident),
        windows,
    })
}

/// Why a helper is ruled out, as the search records it: a [`Constraint`] without its
/// payload, which [`Fail::constraint`] restores from the need.
#[derive(Clone, Copy)]
enum Fail {
    NotActive,
    CategoryNotOffered,
    /// The required skill at this position of `NeedView::skills`.
    MissingSkill(usize),
    NotEligible,
    Excluded,
    /// The preference at this position of the need's list.
    HardPreference(usize),
    NotAvailable,
    AfterDeadline,
}

impl Fail {
    /// Failures without a position.
    const SLOTS: usize = 6;

    /// Where [`Tally`] counts this failure: one place per failure (the same place, the same
    /// constraint).
    #[inline]
    fn slot(self, view: &NeedView<'_>) -> usize {
        match self {
            Self::NotActive => 0,
            Self::CategoryNotOffered => 1,
            Self::NotEligible => 2,
            Self::Excluded => 3,
            Self::NotAvailable => 4,
            Self::AfterDeadline => 5,
            Self::MissingSkill(k) => Self::SLOTS + k,
            Self::HardPreference(k) => Self::SLOTS + view.skills.len() + k,
        }
    }

    fn constraint(self, view: &NeedView<'_>) -> Constraint {
        match self {
            Self::NotActive => Constraint::NotActive,
            Self::CategoryNotOffered => Constraint::CategoryNotOffered,
            Self::MissingSkill(k) => Constraint::MissingSkill {
                skill: view.skills[k].clone(),
            },
            Self::NotEligible => Constraint::NotEligible,
            Self::Excluded => Constraint::Excluded,
            Self::HardPreference(k) => Constraint::HardPreference {
                preference: view.need.preferences[k].kind.clone(),
            },
            Self::NotAvailable => Constraint::NotAvailable {
                window: Some(view.windows[0]),
            },
            Self::AfterDeadline => Constraint::AfterDeadline,
        }
    }
}

/// Where each failure seen so far is counted in `eliminated`: an entry is made (or found, for
/// an equal constraint) at a failure's first occurrence, as counting constraint by constraint
/// would, and later ones only count.
struct Tally {
    /// By [`Fail::slot`].
    at: Vec<Option<usize>>,
}

impl Tally {
    fn new(view: &NeedView<'_>) -> Self {
        Self {
            at: vec![None; Fail::SLOTS + view.skills.len() + view.need.preferences.len()],
        }
    }

    /// Counts `n` (at least one) more helpers ruled out by `fail`.
    #[inline]
    fn add(&mut self, out: &mut NeedCandidates, view: &NeedView<'_>, fail: Fail, n: u32) {
        let slot = fail.slot(view);
        let at = if let Some(at) = self.at[slot] {
            at
        } else {
            let at = out.entry(fail.constraint(view));
            self.at[slot] = Some(at);
            at
        };
        out.eliminated[at].count += n;
    }
}

/// When a helper would start: a [`Moment`] when the need and the helper's schedule have
/// integer forms, else chrono's date-time.
#[derive(Clone, Copy)]
enum Start {
    At(Moment),
    Time(NaiveDateTime),
}

impl Start {
    /// The date and time, or `model`'s answer in the one case a moment cannot say it (a day
    /// out of chrono's range, which no moment made from dates has).
    fn time(self, model: impl FnOnce() -> Option<NaiveDateTime>) -> Option<NaiveDateTime> {
        match self {
            Self::At(m) => m.datetime().or_else(model),
            Self::Time(t) => Some(t),
        }
    }
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
    let walking = community.walking();
    let checked = match helper {
        HelperId::Volunteer(id) => {
            let f = supply.volunteer_facts(id)?;
            let v = &supply.volunteers[f.index as usize];
            let d = v.home.distance_m(view.place);
            if d > v.max_travel_m {
                return Some(Err(Constraint::TooFar));
            }
            let wants = Wants::new(supply, &view);
            volunteer_start(ctx, &view, &wants, supply, f).and_then(|start| {
                let cost = volunteer_cost(policy, ctx, &view, &wants, supply, f, start);
                let start = start
                    .time(|| volunteer_model_start(supply, f, &view))
                    .ok_or(Fail::NotAvailable)?;
                Ok(Candidate {
                    helper,
                    start,
                    distance_m: d,
                    cost: priced(cost, travel_cost(policy, walking, d), policy),
                })
            })
        }
        HelperId::Service(id) => {
            let i = supply.service_index(id)?;
            let s = &supply.services[i];
            let d = s.location.distance_m(view.place);
            if d > s.radius_m {
                return Some(Err(Constraint::TooFar));
            }
            let offers = s.status == huzhu_model::ServiceStatus::Active
                && s.categories.contains(&view.need.category);
            service_start(ctx, &view, supply, i, offers).and_then(|start| {
                let time = start
                    .time(|| service_model_start(s, &view))
                    .ok_or(Fail::NotAvailable)?;
                Ok(Candidate {
                    helper,
                    start: time,
                    distance_m: d,
                    cost: priced(
                        service_cost(community, policy, ctx, &view, s, start, time),
                        service_travel(policy, walking, s, d),
                        policy,
                    ),
                })
            })
        }
    };
    Some(checked.map_err(|f| f.constraint(&view)))
}

/// How a need's category is told among the services' categories.
#[derive(Clone, Copy)]
enum CategoryTest {
    /// By the category's bit.
    Bit(u64),
    /// No service offers it.
    Nobody,
    /// By comparing the text (the category came after the first 64).
    Text,
}

/// The K cheapest candidates so far, with a cap K: a max-heap on `(cost, helper)` and its top
/// once it holds K, shared with the stopping rule of the ring search.
struct Cheapest<'k> {
    cap: Option<usize>,
    best: BinaryHeap<(i64, HelperId)>,
    kth: &'k Cell<Option<i64>>,
}

impl Cheapest<'_> {
    fn keep(&mut self, c: &Candidate) {
        if let Some(k) = self.cap {
            self.best.push((c.cost.total, c.helper));
            if self.best.len() > k {
                self.best.pop();
            }
            if self.best.len() >= k {
                self.kth.set(self.best.peek().map(|b| b.0));
            }
        }
    }

    /// Whether a candidate whose cost is at least `lower` certainly stays out of the K
    /// cheapest: K cheaper ones are already known (ties are broken by helper id, so only a
    /// strictly higher cost decides).
    fn beaten(&self, lower: i64) -> bool {
        self.kth.get().is_some_and(|k| lower > k)
    }
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
    let walking = community.walking();
    let cap = policy.candidate_cap;
    // A lower bound on the distance gives one on the cost (costs rise with travel).
    let bounds_cost = policy.travel_per_minute >= 0;

    let mut near = 0u32;
    let mut visited = 0u32;
    let mut tally = Tally::new(&view);
    let mut feasible = 0u32;
    // The K-th best cost once K candidates are known, for the stopping rule.
    let kth = Cell::new(None);
    let mut cheapest = Cheapest {
        cap,
        best: BinaryHeap::new(),
        kth: &kth,
    };

    // Services: each radius class as far as its largest radius reaches. That finds every
    // service the single search to the largest radius of all finds, once the distance bounds
    // show the projection is within 1% of the great circle here (otherwise every class is
    // searched that far, as that search did).
    let reach = supply.service_reach * 1.01 + 5.0;
    let r2 = reach * reach;
    let sb = DistanceBounds::new(
        supply.projection.cos0(),
        place_cos,
        supply.service_cos_range,
        reach,
    );
    let by_class = sb.lower * 1.01 >= 1.0;
    let category = match supply.category_bits.get(&need.category) {
        None => CategoryTest::Nobody,
        Some(&b) if b < 64 => CategoryTest::Bit(1 << b),
        Some(_) => CategoryTest::Text,
    };
    let quick = ctx.unavailable.is_empty();
    let mut visit_services = |items: &[ServiceAt], q2: f64| {
        for item in items {
            let d2 = (item.x - at.0).powi(2) + (item.y - at.1).powi(2);
            if !(d2 <= r2 && d2 <= q2) {
                continue;
            }
            let i = item.index as usize;
            let s = &supply.services[i];
            let distance = || {
                s.location
                    .distance_with_cosines(supply.service_cos[i], place, place_cos)
            };
            let projected = d2.sqrt();
            let exact = match sb.within(projected, item.radius_m) {
                Some(true) => None,
                Some(false) => continue,
                None => {
                    let d = distance();
                    if d > item.radius_m {
                        continue;
                    }
                    Some(d)
                }
            };
            near += 1;
            let offers = item.active
                && match category {
                    CategoryTest::Bit(m) => item.categories & m != 0,
                    CategoryTest::Nobody => false,
                    CategoryTest::Text => s.categories.contains(&need.category),
                };
            if !offers {
                // As `service_start` decides, without reading the service's record.
                let inactive =
                    !item.active || !quick && ctx.unavailable.contains(&HelperId::Service(item.id));
                let fail = if inactive {
                    Fail::NotActive
                } else {
                    Fail::CategoryNotOffered
                };
                tally.add(&mut out, &view, fail, 1);
                continue;
            }
            let start = match service_start(ctx, &view, supply, i, offers) {
                Ok(start) => start,
                Err(fail) => {
                    tally.add(&mut out, &view, fail, 1);
                    continue;
                }
            };
            feasible += 1;
            let Some(time) = start.time(|| service_model_start(s, &view)) else {
                // Not reached (see `Start::time`).
                feasible -= 1;
                tally.add(&mut out, &view, Fail::NotAvailable, 1);
                continue;
            };
            let cost = service_cost(community, policy, ctx, &view, s, start, time);
            if bounds_cost {
                let lower = exact.unwrap_or_else(|| sb.rounded_lower(projected));
                let travel = service_travel(policy, walking, s, lower);
                if cheapest.beaten(priced(cost, travel, policy).total) {
                    continue;
                }
            }
            let d = exact.unwrap_or_else(distance);
            let c = Candidate {
                helper: HelperId::Service(s.id),
                start: time,
                distance_m: d,
                cost: priced(cost, service_travel(policy, walking, s, d), policy),
            };
            cheapest.keep(&c);
            push_bounded(&mut out.candidates, c, cap);
        }
    };
    for class in &supply.service_classes {
        let q = if by_class {
            f64::from(class.radius_m) * 1.01 + 5.0
        } else {
            reach
        };
        class
            .grid
            .around(at, q, |items| visit_services(items, q * q));
    }

    // Volunteers: ring by ring outwards with a cap (the search stops once no farther
    // volunteer can beat the K-th cheapest), or all within reach.
    let wants = Wants::new(supply, &view);
    let week_decides = view.need.excluded_volunteers.is_empty() && view.need.preferences.is_empty();
    let reach = supply.volunteer_reach * 1.01 + 5.0;
    let r2 = reach * reach;
    let vb = DistanceBounds::new(
        supply.projection.cos0(),
        place_cos,
        supply.volunteer_cos_range,
        reach,
    );
    // With one required skill that some volunteer holds, a near volunteer whose mask lacks it
    // is ruled out for that skill (as `Wants::missing_skill` finds) wherever it comes in the
    // search, as no other skill can be missing first: the first pass below counts those. The
    // skill's bit, then (0 for none, which no volunteer lacks).
    let lone_skill = match (quick, wants.skills, view.skills.len()) {
        (true, Some(bit), 1) => bit,
        _ => 0,
    };
    let mut lone_skill_missing = 0u32;
    // Positions (in a cell's items) of the volunteers that may be near.
    let mut maybe_near: Vec<u32> = Vec::new();
    #[allow(
        clippy::needless_bitwise_bool,
        reason = "no branches in the first pass"
    )]
    let mut visit = |items: &[VolunteerAt]| {
        // First, without branches (whether a volunteer is near is a coin toss for the branch
        // predictor): count those within reach and keep those not certainly beyond their
        // limit, but for those certainly near and certainly without the one required skill,
        // which are counted.
        if maybe_near.len() < items.len() {
            maybe_near.resize(items.len(), 0);
        }
        let mut kept = 0;
        for (j, item) in items.iter().enumerate() {
            let d2 = (item.x - at.0).powi(2) + (item.y - at.1).powi(2);
            let within = d2 <= r2;
            // As `!certainly_beyond(d2, limit × 1.01 + 5)` and `certainly_below(d2, limit ×
            // 0.99 − 5)`, squared once and for all.
            let maybe = within & (d2 <= item.far2);
            let lacks = maybe & (item.skills & lone_skill != lone_skill) & (d2 < item.near2);
            visited += u32::from(within);
            lone_skill_missing += u32::from(lacks);
            maybe_near[kept] = j as u32;
            kept += usize::from(maybe & !lacks);
        }
        for &j in &maybe_near[..kept] {
            let item = &items[j as usize];
            let d2 = (item.x - at.0).powi(2) + (item.y - at.1).powi(2);
            let f = &supply.facts[item.slot as usize];
            let distance = || f.home.distance_with_cosines(f.cos, place, place_cos);
            // The local projection is within a fraction of a percent of the great circle: only
            // near the volunteer's limit does the exact distance decide.
            let limit = f64::from(item.max_travel_m);
            if beyond(d2, limit * 1.01 + 5.0) {
                continue;
            }
            let mut exact = None;
            if at_least(d2, limit * 0.99 - 5.0) {
                match vb.within(d2.sqrt(), item.max_travel_m) {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        let d = distance();
                        if d > item.max_travel_m {
                            continue;
                        }
                        exact = Some(d);
                    }
                }
            }
            near += 1;
            // Quick exact rejections, in the order of the full check.
            if quick {
                if let Some(k) = wants.missing_skill(supply, &view, f, item.skills) {
                    tally.add(&mut out, &view, Fail::MissingSkill(k), 1);
                    continue;
                }
                if week_decides && wants.never_available(f) {
                    // The masks count certificates of any date: one expired on the need's
                    // date rules the volunteer out first.
                    let fail = wants
                        .missing_exactly(supply, &view, f)
                        .map_or(Fail::NotAvailable, Fail::MissingSkill);
                    tally.add(&mut out, &view, fail, 1);
                    continue;
                }
            }
            let start = match volunteer_start(ctx, &view, &wants, supply, f) {
                Ok(start) => start,
                Err(fail) => {
                    tally.add(&mut out, &view, fail, 1);
                    continue;
                }
            };
            feasible += 1;
            let cost = volunteer_cost(policy, ctx, &view, &wants, supply, f, start);
            if bounds_cost {
                let lower = exact.unwrap_or_else(|| vb.rounded_lower(d2.sqrt()));
                let travel = travel_cost(policy, walking, lower);
                if cheapest.beaten(priced(cost, travel, policy).total) {
                    continue;
                }
            }
            let Some(time) = start.time(|| volunteer_model_start(supply, f, &view)) else {
                // Not reached (see `Start::time`).
                feasible -= 1;
                tally.add(&mut out, &view, Fail::NotAvailable, 1);
                continue;
            };
            let d = exact.unwrap_or_else(distance);
            let c = Candidate {
                helper: HelperId::Volunteer(f.id),
                start: time,
                distance_m: d,
                cost: priced(cost, travel_cost(policy, walking, d), policy),
            };
            cheapest.keep(&c);
            push_bounded(&mut out.candidates, c, cap);
        }
    };
    let complete = if cap.is_none() {
        supply.volunteer_grid.square(at, reach, &mut visit);
        true
    } else {
        let floor = volunteer_cost_floor(policy, ctx, need);
        supply.volunteer_grid.rings(at, reach, &mut visit, |min_d| {
            let lower = policy.travel_per_minute
                * i64::from(walking.minutes_for((min_d * 0.99 - 5.0).max(0.0) as u32))
                + floor;
            kth.get().is_none_or(|b| b >= lower)
        })
    };
    if lone_skill_missing > 0 {
        near += lone_skill_missing;
        tally.add(&mut out, &view, Fail::MissingSkill(0), lone_skill_missing);
    }
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
    if let Some(cap) = cap {
        out.candidates.truncate(cap);
    }
    // Held for the whole run: no spare capacity.
    out.candidates.shrink_to_fit();
    out.capped = feasible - out.candidates.len() as u32;
    out
}

/// Whether `d2.sqrt() > limit`, computing the root only when `d2` is within a relative 10⁻¹⁴
/// of `limit²` (the correctly rounded root of anything farther from it lies on the same side of
/// `limit`, whose square is itself off by at most a few 10⁻¹⁶).
#[inline]
fn beyond(d2: f64, limit: f64) -> bool {
    match square_side(d2, limit) {
        Some(side) => side,
        None => d2.sqrt() > limit,
    }
}

/// Whether `d2.sqrt() >= limit`, as [`beyond`].
#[inline]
fn at_least(d2: f64, limit: f64) -> bool {
    match square_side(d2, limit) {
        Some(side) => side,
        None => d2.sqrt() >= limit,
    }
}

/// Whether `d2.sqrt() > limit` is certain from the squares alone (as in [`beyond`]).
#[inline]
fn certainly_beyond(d2: f64, limit: f64) -> bool {
    limit > 0.0 && d2 > limit * limit * (1.0 + 1e-14)
}

/// Whether `d2.sqrt() < limit` is certain from the squares alone (as in [`beyond`]).
#[inline]
fn certainly_below(d2: f64, limit: f64) -> bool {
    limit > 0.0 && d2 < limit * limit * (1.0 - 1e-14)
}

/// Whether the root of `d2` (a square distance, not negative) is certainly above `limit`
/// (`Some(true)`) or below it (`Some(false)`), or too close to tell without the root.
#[inline]
fn square_side(d2: f64, limit: f64) -> Option<bool> {
    if certainly_beyond(d2, limit) {
        Some(true)
    } else if certainly_below(d2, limit) {
        Some(false)
    } else {
        None
    }
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

/// A volunteer's [`earliest_start`] from its record.
fn volunteer_model_start(
    supply: &Supply,
    f: &VolunteerFacts,
    view: &NeedView<'_>,
) -> Option<NaiveDateTime> {
    let v = &supply.volunteers[f.index as usize];
    earliest_start(&v.availability, &v.recurring, false, view)
}

/// A service's [`earliest_start`] from its record.
fn service_model_start(s: &Service, view: &NeedView<'_>) -> Option<NaiveDateTime> {
    earliest_start(
        &s.schedule,
        &s.recurring,
        super::supply::always_open(s),
        view,
    )
}

/// [`earliest_start`] through the integer forms when the helper and the need have them, else
/// `model`'s.
fn timed_start(
    supply: &Supply,
    timing: Timing,
    view: &NeedView<'_>,
    model: impl FnOnce() -> Option<NaiveDateTime>,
) -> Option<Start> {
    match (timing, &view.fast) {
        (Timing::AlwaysOpen, Some(fast)) => Some(Start::At(fast.earliest)),
        (Timing::AlwaysOpen, None) => Some(Start::Time(view.windows[0].start)),
        (Timing::Weekly(week), Some(fast)) => supply
            .slots
            .earliest_start(week, &fast.windows, view.need.duration_minutes)
            .map(Start::At),
        _ => model().map(Start::Time),
    }
}

fn check_time(view: &NeedView<'_>, start: Option<Start>) -> Result<Start, Fail> {
    let start = start.ok_or(Fail::NotAvailable)?;
    if view.hard_deadline {
        let late = match (start, &view.fast) {
            (Start::At(m), Some(fast)) => fast.late_from.is_some_and(|d| m > d),
            (Start::Time(t), _) => view.late_from.is_some_and(|d| t > d),
            // Not reached: a moment comes only with the need's integer times.
            (Start::At(_), None) => false,
        };
        if late {
            return Err(Fail::AfterDeadline);
        }
    }
    Ok(start)
}

/// The hard constraints of a volunteer after the distance, in order: its start, or the first
/// one that rules it out.
fn volunteer_start(
    ctx: &MatchContext,
    view: &NeedView<'_>,
    wants: &Wants,
    supply: &Supply,
    f: &VolunteerFacts,
) -> Result<Start, Fail> {
    if ctx.unavailable.contains(&HelperId::Volunteer(f.id)) {
        return Err(Fail::NotActive);
    }
    if let Some(k) = wants.missing_exactly(supply, view, f) {
        return Err(Fail::MissingSkill(k));
    }
    if view.need.excluded_volunteers.contains(&f.id) {
        return Err(Fail::Excluded);
    }
    for &(k, test) in &wants.hard {
        if !test.meets(supply, f, &view.need.preferences[k].kind) {
            return Err(Fail::HardPreference(k));
        }
    }
    // Most volunteers who reach this far cannot start in time: half-hour masks show it for
    // most of them without searching the week.
    if let (Timing::Weekly(_), Some(fast)) = (f.timing, &view.fast)
        && !fast.reach.may_fit(&f.touched)
    {
        return Err(Fail::NotAvailable);
    }
    let start = timed_start(supply, f.timing, view, || {
        volunteer_model_start(supply, f, view)
    });
    check_time(view, start)
}

/// A volunteer's cost at `start`, all but travel, not yet finished.
fn volunteer_cost(
    policy: &MatchPolicy,
    ctx: &MatchContext,
    view: &NeedView<'_>,
    wants: &Wants,
    supply: &Supply,
    f: &VolunteerFacts,
    start: Start,
) -> CostBreakdown {
    let mut cost = base_cost(policy, ctx, view, HelperId::Volunteer(f.id), start);
    let unused = f.unused_certificates(wants.needed).unwrap_or_else(|| {
        supply.volunteers[f.index as usize]
            .certifications
            .iter()
            .filter(|c| !view.skills.contains(&c.skill))
            .count()
            .min(3) as i64
    });
    cost.skill_fit = policy.overqualification_per_skill * unused
        + if f.professional && view.skills.is_empty() {
            policy.professional_on_unskilled
        } else {
            0
        };
    cost.preferences = policy.soft_preference_unmet
        * wants
            .soft
            .iter()
            .filter(|&&(k, test)| !test.meets(supply, f, &view.need.preferences[k].kind))
            .count() as i64;
    cost
}

fn volunteer_meets(v: &Volunteer, p: &PreferenceKind) -> bool {
    match p {
        PreferenceKind::Language(l) => v.speaks(l),
        PreferenceKind::HelperGender(g) => v.gender == Some(*g),
        PreferenceKind::PreferredVolunteer(id) => v.id == *id,
    }
}

/// The hard constraints of service `i` after the distance, in order: its start, or the first
/// one that rules it out. `offers` tells whether it is active and offers the need's category.
fn service_start(
    ctx: &MatchContext,
    view: &NeedView<'_>,
    supply: &Supply,
    i: usize,
    offers: bool,
) -> Result<Start, Fail> {
    let s = &supply.services[i];
    let unavailable = || ctx.unavailable.contains(&HelperId::Service(s.id));
    if !offers {
        return Err(
            if s.status != huzhu_model::ServiceStatus::Active || unavailable() {
                Fail::NotActive
            } else {
                Fail::CategoryNotOffered
            },
        );
    }
    if unavailable() {
        return Err(Fail::NotActive);
    }
    if let Some(r) = view.resident
        && !s.eligibility.admits(r, view.date)
    {
        return Err(Fail::NotEligible);
    }
    // A service is staffed for language and gender; a hard wish for one volunteer rules it out.
    if let Some(k) = view.wants_volunteer {
        return Err(Fail::HardPreference(k));
    }
    let start = timed_start(supply, supply.service_timing[i], view, || {
        service_model_start(s, view)
    });
    check_time(view, start)
}

/// A service's cost at `start` (also as `time`), all but travel, not yet finished.
fn service_cost(
    community: &Community,
    policy: &MatchPolicy,
    ctx: &MatchContext,
    view: &NeedView<'_>,
    s: &Service,
    start: Start,
    time: NaiveDateTime,
) -> CostBreakdown {
    let mut cost = base_cost(policy, ctx, view, HelperId::Service(s.id), start);
    let price = view
        .resident
        .map_or(0, |r| s.price_for(r, time.date(), community.subsidy()));
    cost.fee = policy.fee_per_yuan * i64::from(price) / 100;
    if community
        .provider(s.provider)
        .is_some_and(huzhu_model::Provider::has_priority)
    {
        cost.priority = policy.priority_discount;
    }
    cost.preferences = policy.soft_preference_unmet
        * view
            .need
            .soft_preferences()
            .filter(|p| matches!(p, PreferenceKind::PreferredVolunteer(_)))
            .count() as i64;
    cost
}

/// The travel cost of walking `distance_m`.
fn travel_cost(policy: &MatchPolicy, walking: WalkingSpeed, distance_m: u32) -> i64 {
    // Saturating: a window years after the first one times the largest weight `check`
    // accepts would overflow; the total is capped at `arc_cost_cap` anyway.
    policy
        .travel_per_minute
        .saturating_mul(i64::from(walking.minutes_for(distance_m)))
}

/// A service's travel cost: none for a device.
fn service_travel(
    policy: &MatchPolicy,
    walking: WalkingSpeed,
    s: &Service,
    distance_m: u32,
) -> i64 {
    if s.mode == ServiceMode::Device {
        0
    } else {
        travel_cost(policy, walking, distance_m)
    }
}

/// The cost with its travel, finished.
fn priced(mut cost: CostBreakdown, travel: i64, policy: &MatchPolicy) -> CostBreakdown {
    cost.travel = travel;
    cost.finish(policy)
}

/// The cost terms every helper has, all but travel.
fn base_cost(
    policy: &MatchPolicy,
    ctx: &MatchContext,
    view: &NeedView<'_>,
    helper: HelperId,
    start: Start,
) -> CostBreakdown {
    // Lateness counts from the deadline or, when the resident's own window opens later, from
    // the window: a need asked for Thursday is not late on Thursday.
    let (minutes_late_start, late) = match (start, &view.fast) {
        (Start::At(m), Some(fast)) => (
            m.minutes_after(fast.earliest),
            fast.late_from.map_or(0, |d| m.minutes_after(d)),
        ),
        (Start::Time(t), _) => {
            // Subtracting date-times is slow in wasm; most helpers start on time, which needs
            // none.
            let minutes_after = |from: NaiveDateTime| {
                if t > from {
                    (t - from).num_minutes()
                } else {
                    0
                }
            };
            (
                minutes_after(view.earliest),
                view.late_from.map_or(0, minutes_after),
            )
        }
        // Not reached: a moment comes only with the need's integer times.
        (Start::At(_), None) => (0, 0),
    };
    let reliability = if view.any_reliability {
        ctx.reliability_of(helper)
    } else {
        None
    }
    .unwrap_or(policy.default_reliability_permille)
    .min(1000);
    CostBreakdown {
        delay: policy
            .delay_weight(view.need.urgency)
            .saturating_mul(minutes_late_start)
            / 60,
        late: policy.late_per_hour.saturating_mul(late) / 60,
        reliability: policy.unreliability_per_point * i64::from(1000 - reliability) / 10,
        continuity: if view.any_history && ctx.history.contains(&(view.need.resident, helper)) {
            policy.continuity_discount
        } else {
            0
        },
        ..CostBreakdown::default()
    }
}
