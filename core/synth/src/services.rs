//! Providers and their services: in every grid a community service centre, a health station,
//! a day-care centre and an elder canteen; across the district social organisations,
//! companies and schools.
//!
//! # Capacity left for matching
//! A facility's `capacity_per_week` is the places it offers the matching system in the week:
//! its whole weekly capacity less what its regular users already hold (the canteen's daily
//! diners, the day-care centre's enrolled elders, the classes' members, the family doctor's
//! contracted follow-ups, the companies' standing customers). Regulars are served outside the
//! dispatching, so the places left are few and they bind; utilisation is read against them.
//! No document gives these figures: whole capacities and regular shares are our assumptions,
//! sized for a grid of about 3,000 residents of whom about 750 are aged 60+.
//!
//! | service | whole capacity a week | held by regulars | left for matching (3,000 residents) |
//! |---|---|---|---|
//! | elder canteen | 1 meal per 8 residents (≈375, 50–60 a day) | 90% (daily diners) | ≈37 |
//! | meal delivery | 1 per 30 residents (≈100) | 85% (standing subscribers) | ≈15 |
//! | home help: cleaning, errands, visits, medicine | 1 per 40 residents (≈75: 3 helpers × 5 visits × 5 days) | 70% (clients on standing order) | ≈22 |
//! | activities and classes | 1 per 30 residents (≈100 places) | 85% (enrolled members) | ≈15 |
//! | day care | 1 per 60 residents (≈50 places) | 85% (enrolled elders) | ≈7 |
//! | family doctor | 1 per 60 residents (≈50 visits) | 70% (contracted follow-ups) | ≈15 |
//! | rehabilitation | 1 per 150 residents (≈20 sessions) | 70% (courses under way) | ≈6 |
//! | hardship relief; legal clinic | 1 per 200 residents; 6 | none | all |
//! | counselling and company (district) | 25 | 60% (clients in counselling) | 10 |
//! | children and families (district) | 30 | 70% (enrolled families) | 9 |
//! | housekeeping company | 60 | 80% (paying customers) | 12 |
//! | hospital escort company | 40 | 70% (booked patients) | 12 |
//! | emergency call button | 200 | none: stand-by capacity, idle by design | 200 |
//! | after-school class | 40 | 90% (enrolled pupils) | 4 |
//! | student digital helpers | 20 | 50% (returning learners) | 10 |

use crate::rng::StreamRng;
use chrono::{NaiveTime, Weekday};
use rand::Rng;

use super::DistrictConfig;
use super::geography::{GridArea, Layout, in_disc};
use huzhu_model::error::ModelError;
use huzhu_model::{
    CategoryCode, Community, Eligibility, Fee, GeoPoint, Provider, ProviderId, ProviderKind,
    Service, ServiceId, ServiceMode, ServiceStatus, SpecialGroup, SpecialGroups, WeeklySchedule,
    WeeklySlot,
};

/// Default service radius of the planning documents (metres).
const RADIUS_M: u32 = 500;
/// Radius of door-to-door services (metres).
const DOOR_TO_DOOR_RADIUS_M: u32 = 1_500;
/// Radius of district-wide services (metres).
const DISTRICT_RADIUS_M: u32 = 3_000;
/// The 6-yuan elder-canteen meal, in fen.
const CANTEEN_MEAL_FEN: u32 = 600;
/// Care-card discount at low-cost services, percent.
const CARE_CARD_PCT: u8 = 10;

/// The places of a weekly capacity of `whole` that its regular users leave for matching, with
/// `regular_pct` percent held by them (at least one place).
fn left_for_matching(whole: u32, regular_pct: u32) -> u32 {
    (whole * (100 - regular_pct.min(100)) / 100).max(1)
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid clock time")
}

fn weekdays(oh: u32, om: u32, ch: u32, cm: u32) -> WeeklySchedule {
    WeeklySchedule::weekdays(hm(oh, om), hm(ch, cm))
}

fn daily(oh: u32, om: u32, ch: u32, cm: u32) -> WeeklySchedule {
    WeeklySchedule::daily(hm(oh, om), hm(ch, cm))
}

fn low_cost(price_fen: u32) -> Fee {
    Fee::LowCost {
        price_fen,
        care_card_discount_pct: CARE_CARD_PCT,
        care_card_price_fen: None,
    }
}

fn aged(min: u32) -> Eligibility {
    Eligibility {
        min_age: Some(min),
        ..Eligibility::default()
    }
}

/// Adds providers and services to `community`, numbering from 1.
pub(super) struct ServiceBuilder<'a> {
    community: &'a mut Community,
    rng: &'a mut StreamRng,
    next_provider: u32,
    next_service: u32,
}

impl<'a> ServiceBuilder<'a> {
    pub fn new(community: &'a mut Community, rng: &'a mut StreamRng) -> Self {
        Self {
            community,
            rng,
            next_provider: 1,
            next_service: 1,
        }
    }

    fn provider(
        &mut self,
        name: String,
        kind: ProviderKind,
        stars: u8,
    ) -> Result<ProviderId, ModelError> {
        let id = ProviderId(self.next_provider);
        self.next_provider += 1;
        self.community.add_provider(Provider {
            id,
            name,
            kind,
            stars,
        })?;
        Ok(id)
    }

    /// A service with the given essentials; the caller adjusts the rest with `edit`.
    fn service(
        &mut self,
        provider: ProviderId,
        name: String,
        categories: &[&str],
        location: GeoPoint,
        mode: ServiceMode,
        edit: impl FnOnce(&mut Service),
    ) -> Result<(), ModelError> {
        let id = ServiceId(self.next_service);
        self.next_service += 1;
        let mut s = Service {
            id,
            provider,
            name,
            categories: categories.iter().map(|c| CategoryCode::from(*c)).collect(),
            location,
            radius_m: match mode {
                ServiceMode::AtFacility => RADIUS_M,
                ServiceMode::DoorToDoor => DOOR_TO_DOOR_RADIUS_M,
                ServiceMode::Device => DISTRICT_RADIUS_M,
            },
            schedule: weekdays(9, 0, 17, 0),
            capacity_per_week: 20,
            recurring: huzhu_model::RecurringSchedule::default(),
            eligibility: Eligibility::default(),
            fee: Fee::Free,
            free_for_subsidised: false,
            mode,
            status: ServiceStatus::Active,
        };
        edit(&mut s);
        // A few services are closed for refurbishment this week.
        if self.rng.random_range(0..100) < 2 {
            s.status = ServiceStatus::TemporarilyClosed;
        }
        self.community.add_service(s)
    }

    fn near(&mut self, grid: &GridArea) -> GeoPoint {
        let c = grid.compounds[self.rng.random_range(0..grid.compounds.len())];
        in_disc(c, grid.compound_radius_m, self.rng)
    }

    /// The four facilities every grid has.
    pub fn grid_facilities(&mut self, grid: &GridArea) -> Result<(), ModelError> {
        let g = grid.id.get();
        let per = |n: u32| (grid.residents / n).max(5);
        let elderly_groups = SpecialGroups::from_iter([
            SpecialGroup::MinimumAllowance,
            SpecialGroup::ElderlyLivingAlone,
            SpecialGroup::Disabled,
            SpecialGroup::ChildInDifficulty,
        ]);

        let centre = self.provider(
            format!("Grid {g} community service centre 第{g}网格社区服务中心"),
            ProviderKind::ServiceCentre,
            4,
        )?;
        let at = in_disc(grid.centre, grid.compound_radius_m, self.rng);
        self.service(
            centre,
            format!("Home help, grid {g} 居家助老"),
            &[
                "elder.cleaning",
                "elder.errands",
                "elder.home_visit",
                "elder.medicine_delivery",
            ],
            at,
            ServiceMode::DoorToDoor,
            |s| {
                s.schedule = weekdays(8, 30, 17, 0);
                s.schedule
                    .slots
                    .push(WeeklySlot::new(Weekday::Sat, hm(9, 0), hm(12, 0)));
                s.capacity_per_week = left_for_matching(per(40), 70);
                s.eligibility = aged(60);
                s.fee = low_cost(2_000);
                s.free_for_subsidised = true;
            },
        )?;
        self.service(
            centre,
            format!("Activities and classes, grid {g} 社区活动与课堂"),
            &[
                "culture.activities",
                "culture.reading",
                "culture.sports",
                "education.skills",
                "education.digital",
                "social.newcomer",
                "work.employment",
            ],
            at,
            ServiceMode::AtFacility,
            |s| s.capacity_per_week = left_for_matching(per(30), 85),
        )?;
        self.service(
            centre,
            format!("Hardship relief, grid {g} 困难帮扶"),
            &["elder.hardship_relief"],
            at,
            ServiceMode::AtFacility,
            |s| {
                s.capacity_per_week = per(200);
                s.eligibility.groups_any = elderly_groups;
            },
        )?;
        self.service(
            centre,
            format!("Legal clinic, grid {g} 法律咨询"),
            &["legal.aid"],
            at,
            ServiceMode::AtFacility,
            |s| {
                s.schedule = WeeklySchedule {
                    slots: vec![WeeklySlot::new(Weekday::Wed, hm(14, 0), hm(17, 0))],
                };
                s.capacity_per_week = 6;
            },
        )?;

        let health = self.provider(
            format!("Grid {g} health station 第{g}网格卫生服务站"),
            ProviderKind::HealthStation,
            4,
        )?;
        let at = self.near(grid);
        self.service(
            health,
            format!("Family doctor, grid {g} 家庭医生"),
            &["health.family_doctor", "health.chronic_followup"],
            at,
            ServiceMode::DoorToDoor,
            |s| {
                s.radius_m = 2_000;
                s.schedule = weekdays(8, 0, 16, 30);
                s.capacity_per_week = left_for_matching(per(60), 70);
            },
        )?;
        self.service(
            health,
            format!("Rehabilitation, grid {g} 康复理疗"),
            &["health.rehabilitation"],
            at,
            ServiceMode::AtFacility,
            |s| {
                s.schedule = weekdays(8, 30, 16, 0);
                s.capacity_per_week = left_for_matching(per(150), 70);
                s.fee = low_cost(3_000);
                s.free_for_subsidised = true;
            },
        )?;

        let stars = self.rng.random_range(2..=5);
        let day_care = self.provider(
            format!("Grid {g} elderly day-care centre 第{g}网格日间照料中心"),
            ProviderKind::DayCareCentre,
            stars,
        )?;
        let at = self.near(grid);
        self.service(
            day_care,
            format!("Day care, grid {g} 日间照料"),
            &[
                "elder.day_care",
                "elder.recreation",
                "elder.emotional_support",
            ],
            at,
            ServiceMode::AtFacility,
            |s| {
                s.schedule = weekdays(8, 0, 17, 30);
                s.capacity_per_week = left_for_matching(per(60), 85);
                s.eligibility = aged(60);
                s.fee = low_cost(1_500);
                s.free_for_subsidised = true;
            },
        )?;

        let stars = self.rng.random_range(2..=5);
        let canteen = self.provider(
            format!("Grid {g} elder canteen 第{g}网格长者食堂"),
            ProviderKind::Canteen,
            stars,
        )?;
        let at = self.near(grid);
        self.service(
            canteen,
            format!("Elder canteen, grid {g} 长者食堂"),
            &["elder.meals"],
            at,
            ServiceMode::AtFacility,
            |s| {
                let mut sched = daily(10, 30, 13, 0);
                sched.slots.extend(daily(16, 30, 18, 30).slots);
                s.schedule = sched;
                s.capacity_per_week = left_for_matching(per(8), 90);
                s.eligibility = aged(60);
                s.fee = low_cost(CANTEEN_MEAL_FEN);
                s.free_for_subsidised = true;
            },
        )?;
        self.service(
            canteen,
            format!("Meal delivery, grid {g} 助餐送餐"),
            &["elder.meals"],
            at,
            ServiceMode::DoorToDoor,
            |s| {
                s.schedule = daily(10, 30, 12, 30);
                s.capacity_per_week = left_for_matching(per(30), 85);
                s.eligibility = aged(60);
                s.fee = low_cost(CANTEEN_MEAL_FEN + 300);
                s.free_for_subsidised = true;
            },
        )
    }

    /// Social organisations, companies and schools spread over the district.
    pub fn district_providers(
        &mut self,
        cfg: &DistrictConfig,
        layout: &Layout,
    ) -> Result<(), ModelError> {
        let n_grids = layout.grids.len() as u32;
        if n_grids == 0 {
            return Ok(());
        }
        for k in 1..=n_grids.div_ceil(4) {
            let stars = self.rng.random_range(1..=5);
            let org = self.provider(
                format!("Sunshine social work agency {k} 阳光社工服务社{k}"),
                ProviderKind::SocialOrganisation,
                stars,
            )?;
            let at = layout.anywhere(cfg, self.rng);
            self.service(
                org,
                format!("Counselling and company {k} 心理咨询与精神慰藉"),
                &[
                    "health.mental",
                    "elder.emotional_support",
                    "elder.home_visit",
                ],
                at,
                ServiceMode::DoorToDoor,
                |s| {
                    s.radius_m = DISTRICT_RADIUS_M;
                    s.capacity_per_week = left_for_matching(25, 60);
                    s.fee = low_cost(5_000);
                    s.free_for_subsidised = true;
                },
            )?;
            self.service(
                org,
                format!("Children and families {k} 儿童与家庭服务"),
                &["family.parenting", "family.childcare"],
                at,
                ServiceMode::AtFacility,
                |s| {
                    s.radius_m = 1_500;
                    let mut sched = weekdays(15, 30, 18, 30);
                    sched
                        .slots
                        .push(WeeklySlot::new(Weekday::Sat, hm(9, 0), hm(17, 0)));
                    s.schedule = sched;
                    s.capacity_per_week = left_for_matching(30, 70);
                },
            )?;
        }
        for k in 1..=n_grids.div_ceil(3) {
            let stars = self.rng.random_range(0..=3);
            let company = self.provider(
                format!("Anxin home services {k} 安心家政服务公司{k}"),
                ProviderKind::Company,
                stars,
            )?;
            let at = layout.anywhere(cfg, self.rng);
            self.service(
                company,
                format!("Housekeeping {k} 家政保洁"),
                &["elder.cleaning", "elder.errands"],
                at,
                ServiceMode::DoorToDoor,
                |s| {
                    s.radius_m = DISTRICT_RADIUS_M;
                    s.schedule = daily(8, 0, 20, 0);
                    s.capacity_per_week = left_for_matching(60, 80);
                    s.fee = Fee::Paid { price_fen: 5_000 };
                },
            )?;
            if k % 2 == 1 {
                self.service(
                    company,
                    format!("Hospital escort {k} 陪诊服务"),
                    &["elder.hospital_escort", "elder.medical_escort"],
                    at,
                    ServiceMode::DoorToDoor,
                    |s| {
                        s.radius_m = 5_000;
                        s.schedule = weekdays(7, 30, 17, 0);
                        s.capacity_per_week = left_for_matching(40, 70);
                        s.fee = Fee::Paid { price_fen: 8_000 };
                    },
                )?;
            } else {
                self.service(
                    company,
                    format!("Emergency call button {k} 一键呼叫"),
                    &["elder.emergency"],
                    at,
                    ServiceMode::Device,
                    |s| {
                        s.radius_m = 5_000;
                        s.schedule = daily(0, 0, 23, 59);
                        s.capacity_per_week = 200;
                        s.eligibility = aged(60);
                        s.fee = Fee::Paid { price_fen: 3_000 };
                        s.free_for_subsidised = true;
                    },
                )?;
            }
        }
        for k in 1..=n_grids.div_ceil(2) {
            let school = self.provider(
                format!("No. {k} primary school 第{k}小学"),
                ProviderKind::School,
                0,
            )?;
            let at = layout.anywhere(cfg, self.rng);
            self.service(
                school,
                format!("After-school class {k} 四点半课堂"),
                &["family.childcare"],
                at,
                ServiceMode::AtFacility,
                |s| {
                    s.radius_m = 1_000;
                    s.schedule = weekdays(16, 0, 18, 30);
                    s.capacity_per_week = left_for_matching(40, 90);
                    s.eligibility = Eligibility {
                        min_age: Some(6),
                        max_age: Some(12),
                        ..Eligibility::default()
                    };
                },
            )?;
            if k % 2 == 1 {
                self.service(
                    school,
                    format!("Student digital helpers {k} 学生数字助老"),
                    &["education.digital"],
                    at,
                    ServiceMode::AtFacility,
                    |s| {
                        s.radius_m = 1_000;
                        s.schedule = WeeklySchedule {
                            slots: vec![WeeklySlot::new(Weekday::Sat, hm(9, 0), hm(12, 0))],
                        };
                        s.capacity_per_week = left_for_matching(20, 50);
                        s.eligibility = aged(60);
                    },
                )?;
            }
        }
        Ok(())
    }
}
