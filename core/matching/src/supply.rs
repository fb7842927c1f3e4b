//! The supply side of a run, built once: volunteers and services with the spatial indexes and
//! the per-helper facts the candidate search reads first (skills and categories as bits,
//! availability as half-hour masks and as integers), so that most helpers are ruled in or out
//! without touching their records.

use rustc_hash::FxHashMap;

use chrono::{Datelike, NaiveTime, Timelike};

use super::spatial::{Grid, Located, Projection};
use super::weekly::{Slots, Week};
use huzhu_model::{
    CategoryCode, Community, Gender, GeoPoint, HelperId, Service, ServiceId, ServiceMode,
    ServiceStatus, Skill, TimeWindow, Volunteer, VolunteerId, VolunteerTier, WeeklySchedule,
};

/// Side of the volunteers' grid cells, in metres: the capped search stops after a few rings.
const VOLUNTEER_CELL_M: f64 = 250.0;

/// A volunteer in the grid: where, how far it travels, and its skills as bits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VolunteerAt {
    pub(crate) x: f64,
    pub(crate) y: f64,
    /// Beyond this square projected distance the volunteer is certainly too far: the square
    /// of its limit `max_travel_m × 1.01 + 5`, widened by a relative 10⁻¹⁴ so that the root of
    /// any larger square rounds above the limit.
    pub(crate) far2: f64,
    /// Below this square projected distance the volunteer is certainly near: the square of
    /// `max_travel_m × 0.99 − 5` (below which the exact distance is not asked), narrowed by a
    /// relative 10⁻¹⁴; −1 when that is not positive.
    pub(crate) near2: f64,
    /// Skills held (plain or certified at any date), as bits.
    pub(crate) skills: u64,
    /// Position of its facts in [`Supply::facts`].
    pub(crate) slot: u32,
    pub(crate) max_travel_m: u32,
}

/// How many certificates [`VolunteerFacts`] holds.
const CERTS: usize = 4;

/// A certificate as the search reads it: the skill's bit and the last day (from the common
/// era) it is valid.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cert {
    bit: u8,
    until: i32,
}

/// What the search reads of a volunteer once it is near, kept in the order the grid visits
/// volunteers (nearby volunteers' facts sit together) and compact, so that most checks never
/// touch the volunteer's record.
#[derive(Debug, Clone)]
pub(crate) struct VolunteerFacts {
    /// Half-hours of each weekday (Monday first) its availability touches (to the minute).
    pub(crate) week: [u64; 7],
    /// The same to the nanosecond, for a schedule of [`Timing::Weekly`] (else all).
    pub(crate) touched: [u64; 7],
    pub(crate) home: GeoPoint,
    /// The cosine of the home's latitude, for distances.
    pub(crate) cos: f64,
    /// Plain skills (which never expire), as bits.
    pub(crate) plain: u64,
    /// Languages spoken, as bits (the first 64 languages seen; a language without a bit is
    /// looked up in the record).
    pub(crate) languages: u64,
    pub(crate) timing: Timing,
    /// Position in [`Supply::volunteers`].
    pub(crate) index: u32,
    pub(crate) id: VolunteerId,
    certs: [Cert; CERTS],
    cert_count: u8,
    /// Whether `certs` holds every certificate (at most four, each skill with a bit).
    certs_exact: bool,
    pub(crate) gender: Option<Gender>,
    pub(crate) professional: bool,
}

impl VolunteerFacts {
    /// Whether the volunteer holds the skill of bit `bit` on day `day` (from the common era),
    /// as [`Volunteer::has_skill`]; `None` when the facts cannot tell (the record must).
    /// `bit` is `None` for a skill no volunteer holds.
    #[inline]
    pub(crate) fn has_skill(&self, bit: Option<u32>, day: i32) -> Option<bool> {
        match bit {
            None => Some(false),
            Some(b) if b < 64 => {
                if self.plain & (1 << b) != 0 {
                    Some(true)
                } else if self.certs_exact {
                    Some(
                        self.certs[..self.cert_count as usize]
                            .iter()
                            .any(|c| u32::from(c.bit) == b && day <= c.until),
                    )
                } else {
                    None
                }
            }
            Some(_) => None,
        }
    }

    /// How many certificates are of skills outside `needed` (the bits of the need's skills),
    /// at most three; `None` when the facts cannot tell.
    #[inline]
    pub(crate) fn unused_certificates(&self, needed: u64) -> Option<i64> {
        self.certs_exact.then(|| {
            self.certs[..self.cert_count as usize]
                .iter()
                .filter(|c| needed & (1 << c.bit) == 0)
                .count()
                .min(3) as i64
        })
    }
}

impl Located for VolunteerAt {
    fn xy(&self) -> (f64, f64) {
        (self.x, self.y)
    }
}

/// A service in the grid of its radius class, with what rules most services out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServiceAt {
    pub(crate) x: f64,
    pub(crate) y: f64,
    /// Categories offered, as bits (the first 64 categories seen).
    pub(crate) categories: u64,
    /// Position in [`Supply::services`].
    pub(crate) index: u32,
    pub(crate) id: ServiceId,
    pub(crate) radius_m: u32,
    /// Whether its status is active.
    pub(crate) active: bool,
}

impl Located for ServiceAt {
    fn xy(&self) -> (f64, f64) {
        (self.x, self.y)
    }
}

/// Services whose radii fall in one power-of-two band, in a grid of their own, so that a need
/// looks at the services of each band only as far as their largest radius.
#[derive(Debug)]
pub(crate) struct ServiceClass {
    /// The band: radii up to `250 × 2^band` metres.
    band: u32,
    /// The largest radius in the class.
    pub(crate) radius_m: u32,
    pub(crate) grid: Grid<ServiceAt>,
}

/// When a helper may start, in the fastest form that gives chrono's answer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Timing {
    /// A device service with no schedule: always open.
    AlwaysOpen,
    /// A weekly schedule (no recurrence rules or exceptions), as integers.
    Weekly(Week),
    /// Recurrence rules or exceptions, or a leap second: the model's own functions decide.
    Model,
}

/// Shared view of the supply, built once per run.
pub(crate) struct Supply {
    pub(crate) volunteers: Vec<Volunteer>,
    pub(crate) services: Vec<Service>,
    pub(crate) projection: Projection,
    pub(crate) volunteer_grid: Grid<VolunteerAt>,
    /// Per volunteer, in grid order: the facts the search reads.
    pub(crate) facts: Vec<VolunteerFacts>,
    /// Per volunteer (as in `volunteers`): the position of its facts.
    slot_of: Vec<u32>,
    pub(crate) service_classes: Vec<ServiceClass>,
    pub(crate) volunteer_reach: f64,
    pub(crate) service_reach: f64,
    volunteer_pos: FxHashMap<VolunteerId, usize>,
    service_pos: FxHashMap<ServiceId, usize>,
    /// Number of each skill some volunteer holds (the first 64 have a bit).
    pub(crate) skill_bits: FxHashMap<Skill, u32>,
    /// Number of each language some volunteer speaks (the first 64 have a bit).
    pub(crate) language_bits: FxHashMap<String, u32>,
    /// Bit of each category some service offers (the first 64 seen).
    pub(crate) category_bits: FxHashMap<CategoryCode, u32>,
    /// Weekly slots of every helper with [`Timing::Weekly`].
    pub(crate) slots: Slots,
    pub(crate) service_timing: Vec<Timing>,
    /// Per service: the cosine of the latitude, for distances.
    pub(crate) service_cos: Vec<f64>,
    /// The smallest and largest of those cosines, for distance bounds.
    pub(crate) volunteer_cos_range: (f64, f64),
    pub(crate) service_cos_range: (f64, f64),
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

fn minutes_of(t: NaiveTime) -> u32 {
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

/// Half-hours of each weekday (Monday first) the windows touch.
pub(crate) fn windows_mask(windows: &[TimeWindow]) -> [u64; 7] {
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

/// The bit of `key` in `bits`, giving a new key the next number (only the first 64 get a
/// bit).
fn bit_of<K: Clone + Eq + std::hash::Hash>(bits: &mut FxHashMap<K, u32>, key: &K) -> u64 {
    let next = bits.len() as u32;
    let bit = *bits.entry(key.clone()).or_insert(next);
    if bit < 64 { 1 << bit } else { 0 }
}

fn timing(
    slots: &mut Slots,
    schedule: &WeeklySchedule,
    rules_or_exceptions: bool,
    always_open: bool,
) -> Timing {
    if rules_or_exceptions {
        Timing::Model
    } else if always_open {
        Timing::AlwaysOpen
    } else {
        slots.push(schedule).map_or(Timing::Model, Timing::Weekly)
    }
}

/// Whether a service is open at any time: a device with no schedule and no rules.
pub(crate) fn always_open(s: &Service) -> bool {
    s.mode == ServiceMode::Device && s.schedule.slots.is_empty() && s.recurring.rules.is_empty()
}

/// The radius band of a service: radii up to `250 × 2^band` metres.
fn band_of(radius_m: u32) -> u32 {
    let mut band = 0;
    while band < 20 && u64::from(radius_m) > 250u64 << band {
        band += 1;
    }
    band
}

fn widen((lo, hi): (f64, f64), c: f64) -> (f64, f64) {
    (lo.min(c), hi.max(c))
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
        let mut supply = Self {
            volunteers: Vec::with_capacity(volunteers.len()),
            services: Vec::with_capacity(services.len()),
            projection: Projection::around(origin),
            volunteer_grid: Grid::build(&[], VOLUNTEER_CELL_M),
            facts: Vec::with_capacity(volunteers.len()),
            slot_of: Vec::with_capacity(volunteers.len()),
            service_classes: Vec::new(),
            volunteer_reach: 0.0,
            service_reach: 0.0,
            volunteer_pos: FxHashMap::default(),
            service_pos: FxHashMap::default(),
            skill_bits: FxHashMap::default(),
            language_bits: FxHashMap::default(),
            category_bits: FxHashMap::default(),
            slots: Slots::default(),
            service_timing: Vec::with_capacity(services.len()),
            service_cos: Vec::with_capacity(services.len()),
            volunteer_cos_range: (f64::INFINITY, f64::NEG_INFINITY),
            service_cos_range: (f64::INFINITY, f64::NEG_INFINITY),
        };
        let placed: Vec<VolunteerAt> = volunteers
            .into_iter()
            .map(|v| supply.add_volunteer(v))
            .collect();
        supply.volunteer_grid = Grid::build(&placed, VOLUNTEER_CELL_M);
        // Facts (and schedules) in the order the grid reads the volunteers.
        supply.slot_of = vec![0; supply.volunteers.len()];
        let mut facts = Vec::with_capacity(supply.volunteers.len());
        for (slot, item) in supply.volunteer_grid.items_mut().iter_mut().enumerate() {
            let index = item.slot as usize;
            item.slot = slot as u32;
            supply.slot_of[index] = slot as u32;
            facts.push(index);
        }
        supply.facts = facts
            .into_iter()
            .map(|index| supply.facts_of(index))
            .collect();
        let mut by_band: Vec<(u32, Vec<ServiceAt>)> = Vec::new();
        for s in services {
            let at = supply.add_service(s);
            let band = band_of(at.radius_m);
            match by_band.iter_mut().find(|(b, _)| *b == band) {
                Some((_, list)) => list.push(at),
                None => by_band.push((band, vec![at])),
            }
        }
        by_band.sort_by_key(|(b, _)| *b);
        supply.service_classes = by_band
            .into_iter()
            .map(|(band, list)| {
                let radius_m = list.iter().map(|s| s.radius_m).max().unwrap_or(0);
                ServiceClass {
                    band,
                    radius_m,
                    grid: Grid::build(&list, Self::service_cell_m(radius_m)),
                }
            })
            .collect();
        supply
    }

    /// Cells of half the class's reach: a query looks at five by five cells at most.
    fn service_cell_m(radius_m: u32) -> f64 {
        f64::midpoint(f64::from(radius_m) * 1.01, 5.0).max(250.0)
    }

    /// Records a volunteer (not yet in the grid) and returns its grid item, whose `slot` is the
    /// volunteer's position in `volunteers` until the grid orders the facts.
    fn add_volunteer(&mut self, v: Volunteer) -> VolunteerAt {
        let mut all = 0u64;
        for s in v
            .skills
            .iter()
            .chain(v.certifications.iter().map(|c| &c.skill))
        {
            all |= bit_of(&mut self.skill_bits, s);
        }
        for l in &v.languages {
            bit_of(&mut self.language_bits, l);
        }
        self.volunteer_reach = self.volunteer_reach.max(f64::from(v.max_travel_m));
        self.volunteer_cos_range = widen(self.volunteer_cos_range, v.home.cos_lat());
        let (x, y) = self.projection.project(v.home);
        let index = self.volunteers.len();
        self.volunteer_pos.insert(v.id, index);
        let limit = f64::from(v.max_travel_m);
        let (far, near) = (limit * 1.01 + 5.0, limit * 0.99 - 5.0);
        let at = VolunteerAt {
            x,
            y,
            far2: far * far * (1.0 + 1e-14),
            near2: if near > 0.0 {
                near * near * (1.0 - 1e-14)
            } else {
                -1.0
            },
            skills: all,
            slot: index as u32,
            max_travel_m: v.max_travel_m,
        };
        self.volunteers.push(v);
        at
    }

    /// The facts of the volunteer at `index` (its skills and languages already have their
    /// numbers); its schedule joins `slots`.
    fn facts_of(&mut self, index: usize) -> VolunteerFacts {
        let v = &self.volunteers[index];
        let number = |bits: &FxHashMap<Skill, u32>, s: &Skill| bits.get(s).copied();
        let mut plain = 0u64;
        for s in &v.skills {
            if let Some(b) = number(&self.skill_bits, s).filter(|b| *b < 64) {
                plain |= 1 << b;
            }
        }
        let mut certs = [Cert::default(); CERTS];
        let mut certs_exact = v.certifications.len() <= CERTS;
        for (cert, c) in certs.iter_mut().zip(&v.certifications) {
            match number(&self.skill_bits, &c.skill) {
                Some(b) if b < 64 => {
                    *cert = Cert {
                        bit: b as u8,
                        until: c.valid_until.map_or(i32::MAX, |d| d.num_days_from_ce()),
                    };
                }
                _ => certs_exact = false,
            }
        }
        let mut languages = 0u64;
        for l in &v.languages {
            if let Some(&b) = self.language_bits.get(l).filter(|b| **b < 64) {
                languages |= 1 << b;
            }
        }
        let timing = timing(
            &mut self.slots,
            &v.availability,
            !v.recurring.is_empty(),
            false,
        );
        VolunteerFacts {
            week: schedule_mask(&v.availability),
            touched: match timing {
                Timing::Weekly(week) => week.touched(&self.slots),
                _ => [u64::MAX; 7],
            },
            home: v.home,
            cos: v.home.cos_lat(),
            plain,
            languages,
            timing,
            index: index as u32,
            id: v.id,
            certs,
            cert_count: v.certifications.len().min(CERTS) as u8,
            certs_exact,
            gender: v.gender,
            professional: v.tier == VolunteerTier::Professional,
        }
    }

    /// Records a service's facts (not yet in a grid) and returns its grid item.
    fn add_service(&mut self, s: Service) -> ServiceAt {
        let mut categories = 0u64;
        for c in &s.categories {
            categories |= bit_of(&mut self.category_bits, c);
        }
        let t = timing(
            &mut self.slots,
            &s.schedule,
            !s.recurring.is_empty(),
            always_open(&s),
        );
        self.service_timing.push(t);
        self.service_reach = self.service_reach.max(f64::from(s.radius_m));
        let cos = s.location.cos_lat();
        self.service_cos.push(cos);
        self.service_cos_range = widen(self.service_cos_range, cos);
        let (x, y) = self.projection.project(s.location);
        let index = self.services.len();
        self.service_pos.insert(s.id, index);
        let at = ServiceAt {
            x,
            y,
            categories,
            index: index as u32,
            id: s.id,
            radius_m: s.radius_m,
            active: s.status == ServiceStatus::Active,
        };
        self.services.push(s);
        at
    }

    /// Adds a volunteer after construction (to the spatial index too).
    pub(crate) fn push_volunteer(&mut self, v: Volunteer) {
        let mut at = self.add_volunteer(v);
        let index = at.slot as usize;
        at.slot = self.facts.len() as u32;
        self.slot_of.push(at.slot);
        let facts = self.facts_of(index);
        self.facts.push(facts);
        self.volunteer_grid.insert(at);
    }

    /// Adds a service after construction (to the spatial index too).
    pub(crate) fn push_service(&mut self, s: Service) {
        let at = self.add_service(s);
        let band = band_of(at.radius_m);
        if let Some(class) = self.service_classes.iter_mut().find(|c| c.band == band) {
            class.radius_m = class.radius_m.max(at.radius_m);
            class.grid.insert(at);
        } else {
            self.service_classes.push(ServiceClass {
                band,
                radius_m: at.radius_m,
                grid: Grid::build(&[at], Self::service_cell_m(at.radius_m)),
            });
        }
    }

    /// A key that orders places along a Z curve over the volunteers' grid cells: places with
    /// close keys are near each other, so their searches read the same helpers.
    pub(crate) fn locality_key(&self, place: GeoPoint) -> u64 {
        let (x, y) = self.projection.project(place);
        // The cell number's low 32 bits, offset so that small negative numbers sort first.
        let cell = |v: f64| ((v / VOLUNTEER_CELL_M).floor() as i64).wrapping_add(1 << 31) as u64;
        let spread = |mut v: u64| {
            v &= 0xffff_ffff;
            v = (v | (v << 16)) & 0x0000_ffff_0000_ffff;
            v = (v | (v << 8)) & 0x00ff_00ff_00ff_00ff;
            v = (v | (v << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
            v = (v | (v << 2)) & 0x3333_3333_3333_3333;
            (v | (v << 1)) & 0x5555_5555_5555_5555
        };
        spread(cell(x)) | (spread(cell(y)) << 1)
    }

    /// A volunteer by id.
    pub(crate) fn volunteer(&self, id: VolunteerId) -> Option<&Volunteer> {
        self.volunteer_pos.get(&id).map(|&i| &self.volunteers[i])
    }

    /// A volunteer's facts.
    pub(crate) fn volunteer_facts(&self, id: VolunteerId) -> Option<&VolunteerFacts> {
        self.volunteer_pos
            .get(&id)
            .map(|&i| &self.facts[self.slot_of[i] as usize])
    }

    /// A service by id.
    pub(crate) fn service(&self, id: ServiceId) -> Option<&Service> {
        self.service_pos.get(&id).map(|&i| &self.services[i])
    }

    /// A service's position in [`Supply::services`].
    pub(crate) fn service_index(&self, id: ServiceId) -> Option<usize> {
        self.service_pos.get(&id).copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_double() {
        assert_eq!(
            [1, 250, 251, 500, 501, 1_000, 3_000, 5_000].map(band_of),
            [0, 0, 1, 1, 2, 2, 4, 5]
        );
        assert_eq!(band_of(u32::MAX), 20);
    }
}
