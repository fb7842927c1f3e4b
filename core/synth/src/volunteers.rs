//! Volunteers: younger retirees, students, working people and professionals, with skills,
//! certificates, weekly availability, hour budgets and travel ranges.

use crate::rng::StreamRng;
use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use rand::Rng;

use super::DistrictConfig;
use super::residents::{AgeTable, MAX_AGE, dependence_permille};
use huzhu_model::{
    Certification, Gender, GeoPoint, Resident, SelfCare, Skill, Volunteer, VolunteerId,
    VolunteerTier, WeeklySchedule, WeeklySlot,
};

/// Relative willingness to volunteer at an age: younger retirees and students most.
fn propensity(age: u32) -> f64 {
    match age {
        0..=15 => 0.0,
        16..=17 => 0.5,
        18..=24 => 1.6,
        25..=44 => 0.6,
        45..=59 => 0.8,
        60..=69 => 2.0,
        70..=74 => 1.2,
        75..=79 => 0.4,
        _ => 0.05,
    }
}

/// Chance that a fully self-caring resident of each age volunteers, chosen so that the
/// expected share of resident volunteers matches the config.
#[derive(Debug, Clone)]
pub(super) struct VolunteerOdds {
    by_age: Vec<f64>,
}

impl VolunteerOdds {
    pub fn new(cfg: &DistrictConfig, ages: &AgeTable) -> Self {
        let target = f64::from(cfg.volunteer_permille) / 1_000.0
            * f64::from(cfg.resident_volunteer_permille)
            / 1_000.0;
        // Only fully self-caring residents volunteer: weigh each age by that chance too.
        let full = |a: u32| {
            let (p, d) = dependence_permille(a);
            f64::from(1_000 - p - d) / 1_000.0
        };
        let mean: f64 = (0..=MAX_AGE)
            .map(|a| ages.pmf(a) * propensity(a) * full(a))
            .sum();
        let by_age = (0..=MAX_AGE)
            .map(|a| {
                if mean > 0.0 {
                    (target * propensity(a) / mean).min(1.0)
                } else {
                    0.0
                }
            })
            .collect();
        Self { by_age }
    }

    /// Whether `resident`, aged `age`, volunteers.
    pub fn draws(&self, resident: &Resident, age: u32, rng: &mut StreamRng) -> bool {
        let p = self.by_age.get(age as usize).copied().unwrap_or(0.0);
        // Draw first so the stream does not depend on the self-care level.
        rng.random::<f64>() < p && resident.self_care == SelfCare::Full
    }
}

/// What a volunteer does in life, which shapes skills and availability.
#[derive(Debug, Clone, Copy)]
enum Role {
    Student,
    Worker,
    Retiree,
    Doctor,
    Nurse,
    Lawyer,
    Counsellor,
    Therapist,
    Teacher,
    Engineer,
}

const PROFESSIONS: [(Role, u32); 7] = [
    (Role::Doctor, 15),
    (Role::Nurse, 20),
    (Role::Lawyer, 10),
    (Role::Counsellor, 15),
    (Role::Therapist, 10),
    (Role::Teacher, 20),
    (Role::Engineer, 10),
];

fn role(age: Option<u32>, rng: &mut StreamRng) -> Role {
    let professional = match age {
        Some(0..=24) => return Role::Student,
        Some(25..=59) => 300,
        Some(_) => 100,
        // Volunteers from outside the district: often professionals from hospitals,
        // law firms and universities.
        None => 500,
    };
    if rng.random_range(0..1_000) < professional {
        let total: u32 = PROFESSIONS.iter().map(|(_, w)| w).sum();
        let mut roll = rng.random_range(0..total);
        for (r, w) in PROFESSIONS {
            if roll < w {
                return r;
            }
            roll -= w;
        }
    }
    match age {
        Some(60..) => Role::Retiree,
        None if rng.random_bool(0.4) => Role::Student,
        _ => Role::Worker,
    }
}

/// Certified skills of a profession, and plain skills.
fn profession_skills(role: Role) -> (&'static [&'static str], &'static [&'static str]) {
    match role {
        Role::Doctor => (&["medical", "first_aid"], &["escort"]),
        Role::Nurse => (&["nursing", "first_aid"], &["escort"]),
        Role::Lawyer => (&["legal"], &[]),
        Role::Counsellor => (&["counselling"], &["companionship"]),
        Role::Therapist => (&["rehabilitation"], &["nursing"]),
        Role::Teacher => (&["childcare"], &["tutoring"]),
        Role::Engineer => (&[], &["digital"]),
        Role::Student | Role::Worker | Role::Retiree => (&[], &[]),
    }
}

/// Plain skills an ordinary volunteer may bring, by role.
fn ordinary_pool(role: Role) -> &'static [&'static str] {
    match role {
        Role::Student => &["digital", "tutoring", "sports", "companionship", "errands"],
        Role::Retiree => &[
            "cooking",
            "cleaning",
            "escort",
            "companionship",
            "errands",
            "cooking",
            "escort",
            "personal_care",
            "repairs",
        ],
        _ => &[
            "cooking",
            "cleaning",
            "escort",
            "digital",
            "errands",
            "driving",
            "childcare",
            "companionship",
            "repairs",
        ],
    }
}

fn certificate(skill: &str, week_start: NaiveDate, rng: &mut StreamRng) -> Certification {
    let roll = rng.random_range(0..100);
    let valid_until = if roll < 20 {
        None
    } else if roll < 23 {
        // A few certificates have lapsed and no longer count.
        Some(week_start - Duration::days(rng.random_range(1..=180)))
    } else {
        Some(week_start + Duration::days(rng.random_range(180..=1_095)))
    };
    Certification {
        skill: Skill::from(skill),
        valid_until,
    }
}

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// The time `h` hours and `m` minutes after midnight (`m` may exceed 59).
fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt((h * 60 + m) * 60, 0).expect("valid clock time")
}

/// `k` distinct weekdays (Monday to Friday).
fn some_weekdays(k: usize, rng: &mut StreamRng) -> Vec<Weekday> {
    let mut days = WEEKDAYS;
    for i in 0..k.min(days.len()) {
        let j = rng.random_range(i..days.len());
        days.swap(i, j);
    }
    let mut chosen = days[..k.min(days.len())].to_vec();
    huzhu_model::cold::sort_by_key(&mut chosen, Weekday::num_days_from_monday);
    chosen
}

fn availability(role: Role, rng: &mut StreamRng) -> WeeklySchedule {
    let mut slots = Vec::with_capacity(5);
    let shift = |rng: &mut StreamRng| rng.random_range(0..=2) * 30;
    match role {
        Role::Retiree => {
            let n = rng.random_range(2..=4);
            for d in some_weekdays(n, rng) {
                let s = shift(rng);
                match rng.random_range(0..3) {
                    0 => slots.push(WeeklySlot::new(d, hm(8, s), hm(11, 30))),
                    1 => slots.push(WeeklySlot::new(d, hm(13, s), hm(17, 0))),
                    _ => slots.push(WeeklySlot::new(d, hm(8, s), hm(17, 0))),
                }
            }
        }
        Role::Student => {
            for d in some_weekdays(1, rng) {
                slots.push(WeeklySlot::new(d, hm(15, shift(rng)), hm(18, 0)));
            }
            let weekend = if rng.random_bool(0.5) {
                Weekday::Sat
            } else {
                Weekday::Sun
            };
            slots.push(WeeklySlot::new(weekend, hm(9, shift(rng)), hm(17, 0)));
        }
        _ => {
            let n = rng.random_range(1..=2);
            for d in some_weekdays(n, rng) {
                slots.push(WeeklySlot::new(d, hm(18, shift(rng)), hm(21, 0)));
            }
            if rng.random_range(0..10) < 7 {
                let weekend = if rng.random_bool(0.5) {
                    Weekday::Sat
                } else {
                    Weekday::Sun
                };
                slots.push(WeeklySlot::new(weekend, hm(9, shift(rng)), hm(17, 0)));
            }
        }
    }
    WeeklySchedule { slots }
}

/// Hours an active volunteer gives in a week, in half hours (1 to 4 hours): community
/// volunteering is a few hours a week at most, beside work, school or family care.
const HOURS_HALVES: (u32, u32) = (2, 8);

/// A volunteer; `who` is the resident record (and age) when the volunteer lives in the district.
/// With `1,000 − active_permille` ‰ chance the volunteer is registered but gives no time this
/// week (no availability).
pub(super) fn volunteer(
    id: VolunteerId,
    who: Option<(&Resident, u32)>,
    home: GeoPoint,
    week_start: NaiveDate,
    active_permille: u32,
    rng: &mut StreamRng,
) -> Volunteer {
    let mut v = Volunteer::new(id, home);
    let role = role(who.map(|(_, age)| age), rng);
    let (certified, plain) = profession_skills(role);
    v.tier = if certified.is_empty() && plain.is_empty() {
        VolunteerTier::Ordinary
    } else {
        VolunteerTier::Professional
    };
    for s in certified {
        v.certifications.push(certificate(s, week_start, rng));
    }
    v.skills.extend(plain.iter().map(|s| Skill::from(*s)));
    let pool = ordinary_pool(role);
    for _ in 0..rng.random_range(1..=3) {
        let s = Skill::from(pool[rng.random_range(0..pool.len())]);
        if !v.skills.contains(&s) {
            v.skills.push(s);
        }
    }
    // Ordinary volunteers trained by the Red Cross hold a first-aid certificate.
    if v.tier == VolunteerTier::Ordinary && rng.random_range(0..100) < 15 {
        v.certifications
            .push(certificate("first_aid", week_start, rng));
    }
    v.availability = availability(role, rng);
    v.minutes_per_week = rng.random_range(HOURS_HALVES.0..=HOURS_HALVES.1) * 30;
    // Registered is not active: most registered volunteers give no time in a given week.
    if rng.random_range(0..1_000) >= active_permille {
        v.availability = WeeklySchedule::default();
    }
    v.max_travel_m = rng.random_range(5..=20) * 100;
    v.group = rng.random_range(0..100) < 3;
    if let Some((r, _)) = who {
        v.resident = Some(r.id);
        v.languages.clone_from(&r.languages);
        v.gender = r.gender;
    } else {
        v.languages.push("zh".to_owned());
        if rng.random_range(0..100) < 20 {
            v.languages.push("en".to_owned());
        }
        v.gender = Some(if rng.random_bool(0.55) {
            Gender::Female
        } else {
            Gender::Male
        });
    }
    v
}
