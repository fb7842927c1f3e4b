//! Statistical and structural properties of generated districts.
//!
//! Tolerances come from the stated targets (DOMAIN.md and the generator's documented defaults),
//! not from the generator's output: at 20,000 residents a share of 25% has a sampling standard
//! deviation of about 0.3 points, so ±2 points is far outside chance.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime, Timelike};
use huzhu::model::{
    Community, Household, NeedPlace, ProviderKind, SpecialGroup, Urgency, VolunteerTier,
};
use huzhu::synth::{District, DistrictConfig, generate};
use proptest::prelude::*;

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The shared 20,000-resident district.
fn district() -> &'static District {
    static D: OnceLock<District> = OnceLock::new();
    D.get_or_init(|| generate(&DistrictConfig::new(20_000, monday()).with_seed(2026)).unwrap())
}

fn pct(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole as f64
}

fn share_aged(d: &District, min: u32) -> f64 {
    let c = &d.community;
    let n = c
        .residents()
        .filter(|r| r.age_on(d.week_start) >= min)
        .count();
    pct(n, c.residents().len())
}

#[test]
fn age_structure_meets_the_targets() {
    let d = district();
    assert_eq!(d.community.residents().len(), 20_000);
    let a60 = share_aged(d, 60);
    let a65 = share_aged(d, 65);
    let a80 = share_aged(d, 80);
    assert!((a60 - 25.0).abs() <= 2.0, "60+: {a60:.2}%");
    assert!((a65 - 15.0).abs() <= 2.0, "65+: {a65:.2}%");
    assert!((a80 - 3.5).abs() <= 1.5, "80+: {a80:.2}%");
    let children = 100.0 - share_aged(d, 18);
    assert!((children - 13.0).abs() <= 2.0, "under 18: {children:.2}%");
    assert!(
        d.community
            .residents()
            .all(|r| r.age_on(d.week_start) <= 100)
    );
}

#[test]
fn volunteers_are_about_five_percent_of_residents() {
    let c = &district().community;
    let v = pct(c.volunteers().len(), c.residents().len());
    assert!((v - 5.0).abs() <= 0.5, "volunteers: {v:.2}%");
    let residents = c.volunteers().filter(|v| v.resident.is_some()).count();
    assert!(
        pct(residents, c.volunteers().len()) >= 70.0,
        "most volunteers live in the district"
    );
    assert!(
        c.volunteers()
            .any(|v| v.tier == VolunteerTier::Professional)
    );
    assert!(c.volunteers().any(|v| v.tier == VolunteerTier::Ordinary));
    assert!(c.volunteers().any(|v| v.group));
    for v in c.volunteers() {
        assert!((60..=240).contains(&v.minutes_per_week), "{}", v.id);
        assert!((500..=2_000).contains(&v.max_travel_m), "{}", v.id);
        assert!(!v.languages.is_empty(), "{}", v.id);
    }
    // Registered is not active: about a third give time this week, the others have no slots.
    let active = c
        .volunteers()
        .filter(|v| !v.availability.slots.is_empty())
        .count();
    let share = pct(active, c.volunteers().len());
    assert!(
        (28.0..=42.0).contains(&share),
        "active volunteers: {share:.1}%"
    );
}

#[test]
fn volunteers_hold_every_skill_the_taxonomy_requires() {
    let d = district();
    let c = &d.community;
    let required: BTreeSet<_> = c
        .taxonomy()
        .iter()
        .flat_map(|cat| cat.required_skills.iter().cloned())
        .collect();
    assert!(required.len() >= 9);
    for skill in &required {
        let holders = c
            .volunteers()
            .filter(|v| v.has_skill(skill, d.week_start))
            .count();
        assert!(holders > 0, "nobody holds {skill}");
    }
}

#[test]
fn every_special_group_is_present_at_plausible_rates() {
    let d = district();
    let c = &d.community;
    let n = c.residents().len();
    let count = |g| c.residents().filter(|r| r.groups.contains(g)).count();
    for g in SpecialGroup::ALL {
        assert!(count(g) > 0, "no resident in {g:?}");
    }
    let disabled = pct(count(SpecialGroup::Disabled), n);
    assert!((1.5..=3.5).contains(&disabled), "disabled {disabled:.2}%");
    let allowance = pct(count(SpecialGroup::MinimumAllowance), n);
    assert!(
        (1.0..=3.0).contains(&allowance),
        "minimum allowance {allowance:.2}%"
    );
    let contribution = pct(count(SpecialGroup::SpecialContribution), n);
    assert!(
        (0.5..=1.5).contains(&contribution),
        "special contribution {contribution:.2}%"
    );
    // Elderly living alone means exactly: aged 60+ and living alone.
    for r in c.residents() {
        let alone_elderly = r.age_on(d.week_start) >= 60 && r.household == Household::LivesAlone;
        assert_eq!(
            r.groups.contains(SpecialGroup::ElderlyLivingAlone),
            alone_elderly,
            "{}",
            r.id
        );
        if r.groups.contains(SpecialGroup::ChildInDifficulty) {
            assert!(r.age_on(d.week_start) < 18, "{}", r.id);
        }
        if r.groups.contains(SpecialGroup::EmptyNest) {
            assert!(r.age_on(d.week_start) >= 60, "{}", r.id);
        }
    }
    // Living alone is common among the elderly: clearly more than among younger adults.
    let alone_share = |lo: u32, hi: u32| {
        let group: Vec<_> = c
            .residents()
            .filter(|r| (lo..=hi).contains(&r.age_on(d.week_start)))
            .collect();
        pct(
            group
                .iter()
                .filter(|r| r.household == Household::LivesAlone)
                .count(),
            group.len(),
        )
    };
    assert!(alone_share(80, 200) > alone_share(18, 59));
    // Care cards go to the elderly.
    assert!(
        c.residents()
            .filter(|r| r.care_card)
            .all(|r| r.age_on(d.week_start) >= 60)
    );
}

#[test]
fn needs_per_hundred_residents_lie_in_the_intended_range() {
    let c = &district().community;
    let per_100 = pct(c.needs().len(), c.residents().len());
    assert!((2.0..=4.0).contains(&per_100), "{per_100:.2} needs per 100");
    // The elderly (25% of residents) raise most of the needs.
    let d = district();
    let elderly = c
        .needs()
        .filter(|n| c.resident(n.resident).unwrap().age_on(d.week_start) >= 60)
        .count();
    assert!(pct(elderly, c.needs().len()) > 50.0);
    assert!(c.needs().any(|n| n.urgency == Urgency::Emergency));
    assert!(c.needs().any(|n| n.urgency == Urgency::Complex));
    assert!(c.needs().any(|n| n.urgency == Urgency::SpecialGroup));
    assert!(c.needs().any(|n| matches!(n.place, NeedPlace::At { .. })));
    assert!(c.needs().any(|n| !n.preferences.is_empty()));
    assert!(c.needs().any(|n| !n.required_skills.is_empty()));
}

#[test]
fn every_need_is_well_formed_and_inside_the_week() {
    let d = district();
    let c = &d.community;
    let week = d.week_start.and_time(NaiveTime::MIN);
    assert_eq!(d.now, week + chrono::Duration::days(7));
    for n in c.needs() {
        assert!(c.taxonomy().contains(&n.category), "{}", n.id);
        assert!((15..=180).contains(&n.duration_minutes), "{}", n.id);
        assert!(week <= n.created_at && n.created_at < d.now, "{}", n.id);
        assert!(matches!(n.windows.len(), 1 | 2), "{}", n.id);
        for w in &n.windows {
            assert!(week <= w.start && w.end <= d.now, "{}: {w:?}", n.id);
            assert!(w.minutes() >= i64::from(n.duration_minutes), "{}", n.id);
            assert!(
                n.created_at <= w.start,
                "{} is due before it is raised",
                n.id
            );
            if n.urgency != Urgency::Emergency {
                assert!(w.start.hour() >= 8 && w.end.hour() <= 20, "{}: {w:?}", n.id);
                assert_eq!(w.start.date(), w.end.date(), "{}", n.id);
            }
        }
        let r = c.resident(n.resident).unwrap();
        if n.category.as_str() == "elder.emergency" {
            assert_eq!(n.urgency, Urgency::Emergency);
        } else if r.is_priority() {
            assert_eq!(n.urgency, Urgency::SpecialGroup, "{}", n.id);
        }
        if n.category.as_str() == "family.childcare" {
            assert!(r.age_on(d.week_start) < 18, "{}", n.id);
        }
    }
}

#[test]
fn every_grid_has_its_four_facilities() {
    let d = district();
    let c = &d.community;
    let kinds = [
        ProviderKind::ServiceCentre,
        ProviderKind::HealthStation,
        ProviderKind::DayCareCentre,
        ProviderKind::Canteen,
    ];
    for k in kinds {
        let n = c.providers().filter(|p| p.kind == k).count();
        assert_eq!(n, d.grids.len(), "{k:?}");
    }
    for k in [
        ProviderKind::SocialOrganisation,
        ProviderKind::Company,
        ProviderKind::School,
    ] {
        assert!(c.providers().any(|p| p.kind == k), "{k:?}");
    }
    // The canteen meal of the planning documents: 6 yuan, 10% off with a care card.
    let canteen = c
        .services()
        .find(|s| s.categories.iter().any(|x| x.as_str() == "elder.meals"))
        .unwrap();
    assert_eq!(canteen.fee.price_for(false), 600);
    assert_eq!(canteen.fee.price_for(true), 540);
    assert_eq!(canteen.eligibility.min_age, Some(60));
    assert!(canteen.free_for_subsidised);
    // Every category a need can have is served by some service.
    let served: BTreeSet<_> = c
        .services()
        .flat_map(|s| s.categories.iter().cloned())
        .collect();
    for n in c.needs() {
        assert!(served.contains(&n.category), "{} unserved", n.category);
    }
}

#[test]
fn density_stays_realistic_as_the_district_grows() {
    for n in [3_000, 20_000, 60_000] {
        let d = if n == 20_000 {
            district().clone()
        } else {
            generate(&DistrictConfig::new(n, monday()).with_needs_per_thousand(0)).unwrap()
        };
        let km2 = d.summary.area_m2 as f64 / 1e6;
        let density = f64::from(n) / km2;
        assert!(
            (15_000.0..=30_000.0).contains(&density),
            "{n}: {density:.0} per km²"
        );
        for g in &d.grids {
            assert!((1_000..=5_000).contains(&g.residents), "{}", g.id);
            assert!(g.compounds.len() >= 2, "{}", g.id);
        }
        // Residents live within their grid cell (plus a little slack for compound discs).
        for r in d.community.residents() {
            let g = &d.grids[r.grid.get() as usize - 1];
            assert_eq!(g.id, r.grid);
            assert!(r.home.distance_m(g.centre) <= g.side_m, "{}", r.id);
        }
    }
}

#[test]
fn the_same_config_gives_the_same_district_and_seeds_differ() {
    let cfg = DistrictConfig::new(3_000, monday()).with_seed(11);
    let a = generate(&cfg).unwrap().community.to_json();
    let b = generate(&cfg).unwrap().community.to_json();
    assert_eq!(a, b);
    let other = generate(&cfg.clone().with_seed(12))
        .unwrap()
        .community
        .to_json();
    assert_ne!(a, other);
}

#[test]
fn changing_the_volunteer_share_leaves_residents_alone() {
    let cfg = DistrictConfig::new(2_000, monday()).with_seed(5);
    let a = generate(&cfg).unwrap();
    let b = generate(&cfg.clone().with_volunteer_permille(100)).unwrap();
    assert!(a.community.residents().eq(b.community.residents()));
    assert!(b.community.volunteers().len() > a.community.volunteers().len());
}

#[test]
fn bad_configs_are_rejected_with_the_field_named() {
    let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let e = generate(&DistrictConfig::new(10, tuesday)).unwrap_err();
    assert_eq!(e.field(), Some("week_start"));
    let e = generate(&DistrictConfig::new(10, monday()).with_age_structure(200, 250, 10, 100))
        .unwrap_err();
    assert_eq!(e.field(), Some("aged_65_plus_permille"));
    let e = generate(&DistrictConfig::new(10, monday()).with_grid_size(0, 10)).unwrap_err();
    assert_eq!(e.field(), Some("residents_per_grid"));
}

#[test]
fn an_empty_district_is_empty() {
    let d = generate(&DistrictConfig::new(0, monday())).unwrap();
    assert_eq!(
        d.community,
        Community::new(&DistrictConfig::new(0, monday()).name)
    );
    assert_eq!(d.summary.residents, 0);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any seed and size up to 2,000 gives a community that survives a JSON round trip.
    #[test]
    fn any_seed_and_size_generates_a_valid_community(seed in any::<u64>(), size in 0u32..=2_000) {
        let d = generate(&DistrictConfig::new(size, monday()).with_seed(seed)).unwrap();
        prop_assert_eq!(d.community.residents().len() as u32, size);
        let json = d.community.to_json();
        let back = Community::from_json(&json).unwrap();
        prop_assert_eq!(&back, &d.community);
        prop_assert_eq!(back.to_json(), json);
    }
}

#[test]
fn weekly_planning_records_needs_before_the_week() {
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let d = huzhu::synth::generate(
        &huzhu::synth::DistrictConfig::new(3_000, monday)
            .with_seed(5)
            .with_needs_recorded_in_advance(true),
    )
    .unwrap();
    let week = monday.and_hms_opt(0, 0, 0).unwrap();
    let mut advance = 0;
    for n in d.community.needs() {
        if n.urgency == huzhu::model::Urgency::Emergency {
            assert!(n.created_at >= week);
        } else {
            assert!(n.created_at < week && n.created_at >= week - chrono::Duration::days(3));
            advance += 1;
        }
    }
    assert!(advance > 50);
}

/// The care loop is in the district: a grid worker per grid, care files for most (not all)
/// special-group residents and only for them, packages for those not fully self-caring, a
/// contact log that is mostly but not wholly on schedule, and needs surveys.
#[test]
fn the_care_loop_has_files_contacts_and_gaps() {
    use huzhu::care::{DueStatus, contact_schedule, package_needs};
    use huzhu::model::{ContactKind, ContactPolicy, NeedId, SelfCare, WorkerRole};
    let d = district();
    let c = &d.community;
    let grid_workers = c
        .workers()
        .filter(|w| w.role == WorkerRole::GridWorker)
        .count();
    assert_eq!(grid_workers, d.grids.len());
    assert!(c.workers().any(|w| w.role == WorkerRole::SocialWorker));
    let special = c.residents().filter(|r| r.is_priority()).count();
    let files = c.care_files().len();
    let share = pct(files, special);
    assert!((80.0..=95.0).contains(&share), "files for {share:.1}%");
    for f in c.care_files() {
        let r = c.resident(f.resident).unwrap();
        assert!(r.is_priority(), "{}", r.id);
        assert!(f.opened < d.week_start && f.is_open_on(d.week_start));
        assert_eq!(
            f.package.is_empty(),
            r.self_care == SelfCare::Full,
            "{}",
            r.id
        );
        assert!(c.worker(f.worker).is_some());
    }
    // Every contact before the end of the week; visits and calls for files, surveys for many.
    assert!(c.contacts().all(|x| x.at < d.now));
    let surveyed: BTreeSet<_> = c
        .contacts()
        .filter(|x| x.kind == ContactKind::Survey)
        .map(|x| x.resident)
        .collect();
    let surveyed = pct(surveyed.len(), c.residents().len());
    assert!((55.0..=75.0).contains(&surveyed), "surveyed {surveyed:.1}%");
    // Most of the rounds are on schedule, but not all.
    let rounds = contact_schedule(c, &[], d.now, &ContactPolicy::default());
    let on = rounds.share_on_schedule.unwrap();
    assert!((0.4..0.95).contains(&on), "on schedule {on:.2}");
    assert!(rounds.due.iter().any(|x| x.status == DueStatus::Overdue));
    // The packages give the week's personalised needs, for residents with files only.
    let needs = package_needs(c, d.week_start, NeedId(1_000_000));
    assert!(!needs.is_empty());
    assert!(needs.iter().all(|n| c.care_file(n.resident).is_some()));
}
