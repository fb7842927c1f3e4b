//! Needs of the week, shaped by age, self-care, household and special group.

use crate::rng::StreamRng;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rand::Rng;

use super::geography::Layout;
use huzhu_model::{
    CategoryCode, Gender, Household, Need, NeedId, NeedPlace, Preference, PreferenceKind, Resident,
    SelfCare, Skill, SpecialGroup, TimeWindow, Urgency, VolunteerId,
};

/// Relative number of needs a resident raises in a week.
pub(super) fn need_weight(r: &Resident, age: u32) -> f64 {
    let mut w = match age {
        0..=2 | 18..=59 => 0.3,
        3..=12 => 1.0,
        13..=17 => 0.5,
        60..=69 => 1.5,
        70..=79 => 2.5,
        _ => 4.0,
    };
    w *= match r.self_care {
        SelfCare::Full => 1.0,
        SelfCare::Partial => 2.0,
        SelfCare::Dependent => 3.0,
    };
    if age >= 60 && r.household == Household::LivesAlone {
        w *= 1.5;
    }
    if r.is_priority() {
        w *= 1.5;
    }
    w
}

type Table = &'static [(&'static str, u32)];

const ELDER: Table = &[
    ("elder.meals", 20),
    ("elder.cleaning", 14),
    ("elder.medical_escort", 6),
    ("elder.hospital_escort", 6),
    ("elder.home_visit", 10),
    ("elder.emotional_support", 8),
    ("education.digital", 8),
    ("elder.errands", 8),
    ("elder.medicine_delivery", 5),
    ("elder.recreation", 5),
    ("elder.day_care", 4),
    ("health.chronic_followup", 6),
    ("health.family_doctor", 4),
    ("health.rehabilitation", 2),
    ("elder.emergency", 2),
    ("legal.aid", 1),
    ("culture.activities", 3),
    ("culture.sports", 2),
    ("culture.reading", 1),
];

const ELDER_FRAIL: Table = &[
    ("elder.meals", 20),
    ("elder.cleaning", 18),
    ("elder.medical_escort", 10),
    ("elder.hospital_escort", 8),
    ("elder.home_visit", 10),
    ("elder.emotional_support", 6),
    ("elder.medicine_delivery", 8),
    ("elder.day_care", 6),
    ("elder.errands", 6),
    ("health.chronic_followup", 8),
    ("health.family_doctor", 8),
    ("health.rehabilitation", 8),
    ("elder.emergency", 4),
];

const INFANT: Table = &[("family.childcare", 1)];

const CHILD: Table = &[
    ("family.childcare", 60),
    ("education.skills", 10),
    ("culture.sports", 10),
    ("culture.reading", 10),
    ("health.mental", 3),
];

const TEEN: Table = &[
    ("education.skills", 30),
    ("culture.sports", 25),
    ("culture.reading", 20),
    ("health.mental", 15),
    ("culture.activities", 10),
];

const ADULT: Table = &[
    ("work.employment", 15),
    ("legal.aid", 10),
    ("social.newcomer", 8),
    ("health.mental", 10),
    ("education.skills", 12),
    ("culture.activities", 8),
    ("culture.sports", 8),
    ("culture.reading", 4),
    ("education.digital", 2),
];

const PARENT: Table = &[
    ("family.parenting", 40),
    ("work.employment", 10),
    ("legal.aid", 8),
    ("social.newcomer", 6),
    ("health.mental", 8),
    ("education.skills", 10),
    ("culture.activities", 8),
    ("culture.sports", 8),
];

fn pick(table: Table, rng: &mut StreamRng) -> &'static str {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (code, w) in table {
        if roll < *w {
            return code;
        }
        roll -= w;
    }
    table[0].0
}

/// The category of one need of `r`.
fn category(r: &Resident, age: u32, rng: &mut StreamRng) -> &'static str {
    let roll = rng.random_range(0..100);
    let g = r.groups;
    if g.contains(SpecialGroup::MinimumAllowance) && age >= 60 && roll < 25 {
        return "elder.hardship_relief";
    }
    if g.contains(SpecialGroup::MinimumAllowance) && (18..60).contains(&age) && roll < 30 {
        return "work.employment";
    }
    if g.contains(SpecialGroup::Disabled) && roll < 30 {
        return "health.rehabilitation";
    }
    if g.contains(SpecialGroup::ChildInDifficulty) && roll < 30 {
        return "health.mental";
    }
    if g.contains(SpecialGroup::ElderlyLivingAlone) && roll < 30 {
        return if roll % 2 == 0 {
            "elder.home_visit"
        } else {
            "elder.emotional_support"
        };
    }
    let table = match age {
        0..=2 => INFANT,
        3..=12 => CHILD,
        13..=17 => TEEN,
        25..=45 if roll >= 60 => PARENT,
        18..=59 => ADULT,
        _ if r.self_care == SelfCare::Full => ELDER,
        _ => ELDER_FRAIL,
    };
    pick(table, rng)
}

/// Typical duration of a task of a category, in minutes.
fn base_duration(code: &str) -> u32 {
    match code {
        "elder.medicine_delivery" => 20,
        "elder.meals" | "health.chronic_followup" | "health.family_doctor" => 30,
        "elder.home_visit" | "elder.errands" | "education.digital" => 45,
        "elder.cleaning" | "elder.recreation" | "education.skills" | "culture.reading" => 90,
        "elder.medical_escort" | "family.childcare" | "culture.activities" => 120,
        "elder.hospital_escort" | "elder.day_care" => 180,
        _ => 60,
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid clock time")
}

/// Which volunteers live near each grid, for preferences and exclusions.
pub(super) type VolunteersByGrid = Vec<Vec<VolunteerId>>;

/// Generates the needs of one resident, numbering from `next_id`.
pub(super) struct NeedMaker<'a> {
    pub week_start: NaiveDate,
    pub layout: &'a Layout,
    pub by_grid: &'a VolunteersByGrid,
    /// Expected needs per unit of [`need_weight`].
    pub per_weight: f64,
    pub next_id: u32,
    /// Record non-emergency needs before the week starts.
    pub in_advance: bool,
}

impl NeedMaker<'_> {
    /// Appends the needs of `r` to `out`.
    pub fn needs_of(&mut self, r: &Resident, rng: &mut StreamRng, out: &mut Vec<Need>) {
        let age = r.age_on(self.week_start);
        let rate = need_weight(r, age) * self.per_weight;
        // Whole part always, fractional part by chance: the expected count is exactly `rate`.
        let n = rate.floor() as u32 + u32::from(rng.random::<f64>() < rate.fract());
        for _ in 0..n {
            let need = self.need(r, age, rng);
            out.push(need);
        }
    }

    fn need(&mut self, r: &Resident, age: u32, rng: &mut StreamRng) -> Need {
        let id = NeedId(self.next_id);
        self.next_id += 1;
        let code = category(r, age, rng);
        let week = self.week_start.and_time(NaiveTime::MIN);
        let duration = if code == "elder.emergency" {
            60
        } else {
            let d = base_duration(code) as i32 + rng.random_range(-1..=1) * 15;
            d.clamp(15, 180) as u32
        };
        let (created_at, windows) = if code == "elder.emergency" {
            emergency_window(week, rng)
        } else {
            let (created, ws) = windows(code, week, duration, rng);
            if self.in_advance {
                (
                    week - Duration::minutes(rng.random_range(1..=3 * 24 * 60)),
                    ws,
                )
            } else {
                (created, ws)
            }
        };
        let mut need = Need::new(
            id,
            r.id,
            CategoryCode::from(code),
            created_at,
            windows[0],
            duration,
        );
        need.windows = windows;
        need.urgency = if code == "elder.emergency" {
            Urgency::Emergency
        } else if r.is_priority() {
            Urgency::SpecialGroup
        } else if code == "legal.aid"
            || (code == "elder.hardship_relief" && rng.random_bool(0.5))
            || (code == "work.employment" && rng.random_bool(0.3))
        {
            Urgency::Complex
        } else {
            Urgency::General
        };
        let at_hospital = code == "elder.hospital_escort"
            || (code == "elder.medical_escort" && rng.random_range(0..10) < 7);
        if at_hospital && let Some(h) = self.layout.nearest_hospital(r.home) {
            need.place = NeedPlace::At { point: h };
        }
        extra_skills(&mut need, code, r, rng);
        self.preferences(&mut need, code, r, age, rng);
        need
    }
}

/// Skills a need asks for beyond its category's own.
fn extra_skills(need: &mut Need, code: &str, r: &Resident, rng: &mut StreamRng) {
    let frail = r.self_care != SelfCare::Full;
    let roll = rng.random_range(0..100);
    let extra = match code {
        "elder.cleaning" if roll < 30 => Some("cleaning"),
        "elder.meals" if roll < 15 => Some("cooking"),
        "elder.home_visit" | "elder.day_care" | "elder.errands" if frail && roll < 20 => {
            Some("nursing")
        }
        "elder.medical_escort" | "elder.hospital_escort"
            if r.self_care == SelfCare::Dependent && roll < 30 =>
        {
            Some("first_aid")
        }
        _ => None,
    };
    if let Some(s) = extra {
        need.required_skills.push(Skill::from(s));
    }
}

impl NeedMaker<'_> {
    fn preferences(
        &self,
        need: &mut Need,
        code: &str,
        r: &Resident,
        age: u32,
        rng: &mut StreamRng,
    ) {
        let speaks = |l: &str| r.languages.iter().any(|x| x == l);
        if let Some(first) = r.languages.first()
            && !speaks("zh")
        {
            need.preferences
                .push(Preference::hard(PreferenceKind::Language(first.clone())));
        } else if speaks("wuu") && rng.random_range(0..100) < 30 {
            need.preferences
                .push(Preference::soft(PreferenceKind::Language("wuu".to_owned())));
        }
        let personal = matches!(
            code,
            "elder.cleaning"
                | "elder.home_visit"
                | "elder.day_care"
                | "health.rehabilitation"
                | "elder.hospital_escort"
        );
        let roll = rng.random_range(0..100);
        if let Some(gender) = r.gender {
            if gender == Gender::Female && age >= 60 && personal {
                if roll < 4 {
                    need.preferences
                        .push(Preference::hard(PreferenceKind::HelperGender(gender)));
                } else if roll < 19 {
                    need.preferences
                        .push(Preference::soft(PreferenceKind::HelperGender(gender)));
                }
            } else if roll < 2 {
                need.preferences
                    .push(Preference::soft(PreferenceKind::HelperGender(gender)));
            }
        }
        let near = self
            .by_grid
            .get(r.grid.get() as usize - 1)
            .map_or(&[][..], Vec::as_slice);
        if near.is_empty() {
            return;
        }
        let mut preferred = None;
        if rng.random_range(0..100) < 5 {
            let v = near[rng.random_range(0..near.len())];
            preferred = Some(v);
            need.preferences
                .push(Preference::soft(PreferenceKind::PreferredVolunteer(v)));
        }
        if rng.random_range(0..100) < 1 {
            let v = near[rng.random_range(0..near.len())];
            if Some(v) != preferred {
                need.excluded_volunteers.push(v);
            }
        }
    }
}

/// An emergency: raised at any hour, to be served within two hours.
fn emergency_window(week: NaiveDateTime, rng: &mut StreamRng) -> (NaiveDateTime, Vec<TimeWindow>) {
    let created = week + Duration::minutes(rng.random_range(0..7 * 24 * 60 - 150));
    let start = created + Duration::minutes(rng.random_range(0..=30));
    let w = TimeWindow {
        start,
        end: start + Duration::minutes(120),
    };
    (created, vec![w])
}

/// One or two daytime windows later in the week, and the creation time before the first.
fn windows(
    code: &str,
    week: NaiveDateTime,
    duration: u32,
    rng: &mut StreamRng,
) -> (NaiveDateTime, Vec<TimeWindow>) {
    let day = rng.random_range(0..7);
    let first = window_on(code, week, day, duration, rng);
    let mut ws = vec![first];
    if day < 6 && rng.random_range(0..100) < 40 {
        let later = rng.random_range(day + 1..7);
        ws.push(window_on(code, week, later, duration, rng));
    }
    let since_week = (first.start - week).num_minutes();
    let lead = rng.random_range(30..=since_week.clamp(30, 48 * 60));
    (first.start - Duration::minutes(lead), ws)
}

/// A daytime window on day `day` of the week (0 = Monday) long enough for `duration` minutes.
fn window_on(
    code: &str,
    week: NaiveDateTime,
    day: i64,
    duration: u32,
    rng: &mut StreamRng,
) -> TimeWindow {
    let date = week.date() + Duration::days(day);
    if code == "elder.meals" {
        let (start, end) = if rng.random_bool(0.7) {
            (hm(10, 30), hm(13, 0))
        } else {
            (hm(16, 30), hm(18, 30))
        };
        return TimeWindow {
            start: date.and_time(start),
            end: date.and_time(end),
        };
    }
    // Length: the task rounded up to half hours, plus up to four hours of slack.
    let len = i64::from(duration.div_ceil(30) * 30) + rng.random_range(0..=8) * 30;
    // Between 08:00 and 20:00.
    let latest_start = 20 * 60 - len;
    let start_min = 8 * 60 + rng.random_range(0..=(latest_start - 8 * 60) / 30) * 30;
    let start = date.and_time(NaiveTime::MIN) + Duration::minutes(start_min);
    TimeWindow {
        start,
        end: start + Duration::minutes(len),
    }
}
