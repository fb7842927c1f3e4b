//! Residents: age structure, households, self-care, special groups, care cards, languages.

use crate::rng::StreamRng;
use chrono::{Duration, Months, NaiveDate};
use rand::Rng;

use super::DistrictConfig;
use huzhu_model::{
    Gender, GeoPoint, GridId, Household, Resident, ResidentId, SelfCare, SpecialGroup,
};

/// Oldest age generated.
pub(super) const MAX_AGE: u32 = 100;

/// Per-mille odds of an event.
fn chance(rng: &mut StreamRng, permille: u32) -> bool {
    rng.random_range(0..1_000) < permille
}

/// The age distribution of the config: a probability for every age `0..=MAX_AGE`.
///
/// Bands carry the configured shares (under 18, 18–59, 60–64, 65–79, 80+); ages are uniform
/// inside a band except 80+, which thins out by 15% a year.
#[derive(Debug, Clone)]
pub(super) struct AgeTable {
    pmf: Vec<f64>,
    cumulative: Vec<f64>,
}

impl AgeTable {
    pub fn new(cfg: &DistrictConfig) -> Self {
        let share = |p: u16| f64::from(p) / 1_000.0;
        let children = share(cfg.children_permille);
        let a60 = share(cfg.aged_60_plus_permille);
        let a65 = share(cfg.aged_65_plus_permille);
        let a80 = share(cfg.aged_80_plus_permille);
        let adults = (1.0 - children - a60).max(0.0);
        let old_tail: Vec<f64> = (80..=MAX_AGE)
            .map(|a| 0.85f64.powi(a as i32 - 80))
            .collect();
        let tail_sum: f64 = old_tail.iter().sum();
        let mut pmf = vec![0.0; MAX_AGE as usize + 1];
        for (age, p) in pmf.iter_mut().enumerate() {
            *p = match age {
                0..=17 => children / 18.0,
                18..=59 => adults / 42.0,
                60..=64 => (a60 - a65) / 5.0,
                65..=79 => (a65 - a80) / 15.0,
                _ => a80 * old_tail[age - 80] / tail_sum,
            };
        }
        let mut acc = 0.0;
        let cumulative = pmf
            .iter()
            .map(|p| {
                acc += p;
                acc
            })
            .collect();
        Self { pmf, cumulative }
    }

    /// Probability of `age`.
    pub fn pmf(&self, age: u32) -> f64 {
        self.pmf.get(age as usize).copied().unwrap_or(0.0)
    }

    /// Draws an age.
    pub fn sample(&self, rng: &mut StreamRng) -> u32 {
        let total = *self.cumulative.last().expect("101 ages");
        let u = rng.random::<f64>() * total;
        let i = self.cumulative.partition_point(|c| *c <= u);
        (i as u32).min(MAX_AGE)
    }
}

/// A birth date giving exactly `age` whole years on `on` (uniform over that year of life).
pub(super) fn birth_date(age: u32, on: NaiveDate, rng: &mut StreamRng) -> NaiveDate {
    let latest = on
        .checked_sub_months(Months::new(12 * age))
        .unwrap_or(NaiveDate::MIN);
    let before = on
        .checked_sub_months(Months::new(12 * (age + 1)))
        .unwrap_or(NaiveDate::MIN);
    let span = (latest - before).num_days().max(1);
    latest - Duration::days(rng.random_range(0..span))
}

/// Per-mille odds of partial and full dependence at an age, before disability.
pub(super) fn dependence_permille(age: u32) -> (u32, u32) {
    match age {
        0..=59 => (8, 2),
        60..=79 => (70, 25),
        _ => (230, 120),
    }
}

/// One generated resident.
pub(super) fn resident(
    id: ResidentId,
    age: u32,
    home: GeoPoint,
    grid: GridId,
    week_start: NaiveDate,
    rng: &mut StreamRng,
) -> Resident {
    let mut r = Resident::new(id, birth_date(age, week_start, rng), home, grid);
    let elderly = age >= 60;
    let female = match age {
        80.. => 600,
        60..=79 => 530,
        _ => 490,
    };
    r.gender = Some(if chance(rng, female) {
        Gender::Female
    } else {
        Gender::Male
    });
    let alone = match age {
        0..=17 => 0,
        18..=59 => 90,
        60..=79 => 120,
        _ => 220,
    };
    if chance(rng, alone) {
        r.household = Household::LivesAlone;
    }
    let disabled = chance(
        rng,
        match age {
            0..=17 => 8,
            18..=59 => 18,
            60..=79 => 40,
            _ => 80,
        },
    );
    let (mut partial, mut dependent) = dependence_permille(age);
    if disabled {
        partial = partial.max(400);
        dependent = dependent.max(200);
    }
    let roll = rng.random_range(0..1_000);
    r.self_care = if roll < dependent {
        SelfCare::Dependent
    } else if roll < dependent + partial {
        SelfCare::Partial
    } else {
        SelfCare::Full
    };
    if disabled {
        r.groups.insert(SpecialGroup::Disabled);
    }
    if elderly {
        if r.household == Household::LivesAlone {
            r.groups.insert(SpecialGroup::ElderlyLivingAlone);
        } else if chance(rng, 450) {
            r.groups.insert(SpecialGroup::EmptyNest);
        }
    }
    let in_difficulty = age < 18 && chance(rng, 25);
    if in_difficulty {
        r.groups.insert(SpecialGroup::ChildInDifficulty);
    }
    let allowance = if in_difficulty {
        400
    } else if disabled {
        150
    } else if r.household == Household::LivesAlone && elderly {
        30
    } else {
        15
    };
    if chance(rng, allowance) {
        r.groups.insert(SpecialGroup::MinimumAllowance);
    } else if (elderly && r.household == Household::LivesAlone && chance(rng, 40))
        || (disabled && chance(rng, 30))
    {
        // Extreme-poverty support (特困): no income and no family to support them; never
        // together with the minimum allowance.
        r.groups.insert(SpecialGroup::ExtremePoverty);
    }
    if disabled && chance(rng, 300) {
        r.groups.insert(SpecialGroup::SevereDisability);
    }
    let contribution = match age {
        0..=17 => 0,
        18..=59 => 2,
        _ => 35,
    };
    if chance(rng, contribution) {
        r.groups.insert(SpecialGroup::SpecialContribution);
    }
    r.care_card = match age {
        65.. => chance(rng, 900),
        60..=64 => chance(rng, 400),
        _ => false,
    };
    r.occupation = Some(super::participation::occupation(id, age));
    r.consent_to_share = chance(rng, 650);
    r.languages = languages(age, rng);
    r
}

/// Languages: mostly Mandarin; some Cantonese, English and others; many older Shanghai
/// residents also speak Shanghainese (`wuu`). The first language is the one spoken at home.
fn languages(age: u32, rng: &mut StreamRng) -> Vec<String> {
    const OTHERS: [&str; 4] = ["ko", "ja", "fr", "ru"];
    let roll = rng.random_range(0..1_000);
    let only_own = |rng: &mut StreamRng, permille| chance(rng, permille);
    let (first, own_only) = match roll {
        0..30 => ("yue", only_own(rng, if age >= 60 { 500 } else { 100 })),
        30..45 => ("en", only_own(rng, 600)),
        45..60 => (
            OTHERS[rng.random_range(0..OTHERS.len())],
            only_own(rng, 500),
        ),
        _ => ("zh", true),
    };
    let mut langs = Vec::with_capacity(2);
    langs.push(first.to_owned());
    if first != "zh" && !own_only {
        langs.push("zh".to_owned());
    } else if first == "zh" && age >= 60 && chance(rng, 350) {
        langs.push("wuu".to_owned());
    }
    langs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_give_the_drawn_age() {
        let mut rng = StreamRng::new(1, 0);
        let on = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for age in 0..=MAX_AGE {
            for _ in 0..50 {
                let r = Resident::new(
                    ResidentId(1),
                    birth_date(age, on, &mut rng),
                    GeoPoint { lat: 0.0, lon: 0.0 },
                    GridId(1),
                );
                assert_eq!(r.age_on(on), age);
            }
        }
    }

    #[test]
    fn age_table_carries_the_configured_shares() {
        let cfg = DistrictConfig::new(1, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let t = AgeTable::new(&cfg);
        let share = |from: u32| (from..=MAX_AGE).map(|a| t.pmf(a)).sum::<f64>();
        assert!((share(60) - 0.25).abs() < 1e-9);
        assert!((share(65) - 0.15).abs() < 1e-9);
        assert!((share(80) - 0.035).abs() < 1e-9);
        assert!((share(0) - 1.0).abs() < 1e-9);
    }
}
