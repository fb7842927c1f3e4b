//! A deterministic generator of realistic synthetic districts, for demos, tests and benchmarks.
//!
//! [`generate`] turns a [`DistrictConfig`] (size, seed, centre, week, population shares) into a
//! [`District`]: a validated [`Community`] of residents, volunteers, providers, services and one
//! week of needs, plus the map it was laid out on. The same config always gives the same
//! district, byte for byte; no clock or operating-system randomness is read.
//!
//! # What is generated
//! - **Map**: grid cells (网格) of about 3,000 residents on a square lattice around the centre,
//!   sized for the configured density (default 20,000 residents/km²), so the district grows in
//!   area with its population; several compounds (小区) per cell; one hospital per 100,000
//!   residents.
//! - **Residents**: the configured age structure (default 25% aged 60+, 15% aged 65+, 3.5% aged
//!   80+, 13% under 18); households (living alone is common among the elderly); self-care
//!   skewed by age and disability; the eight special groups (elderly living alone, empty nest,
//!   disabled ≈2.3% of whom about 30% severely, children in difficulty, minimum allowance ≈2%,
//!   extreme-poverty support, special contribution ≈1%);
//!   care cards for the elderly; languages (mostly `zh`, some `yue`, `en` and others, and `wuu`
//!   among older residents); gender.
//! - **Volunteers**: ≈5% of residents, mostly residents themselves (younger retirees, students,
//!   working people and professionals), the rest from outside; skills and certificates tied to
//!   the taxonomy's required skills; 1–4 hours a week; 500–2,000 m travel; about 35% give time in
//!   the week (weekly availability), the others are registered but unavailable this week.
//! - **Providers and services**: in every grid a community service centre, a health station, a
//!   day-care centre and an elder canteen (6-yuan meal, 10% off with a care card, free for
//!   priority groups); across the district social organisations, companies and schools. A
//!   service's weekly capacity is the places left for matching after its regular users (see the
//!   services module's table: the canteen's diners hold 90%, for instance), so capacity binds.
//! - **Needs**: about 3 per 100 residents in the week (configurable), by category shaped by
//!   age, self-care and group, with one or two daytime windows, durations by category, some at
//!   a hospital, some extra required skills and language, gender and volunteer preferences.
//! - **The care loop**: a grid worker per grid and a social worker per 2,000 residents; a care
//!   file for about 88% of special-group residents (assessment, risk level from self-care and
//!   severe disability, a tailored package for those not fully self-caring: weekly cleaning,
//!   fortnightly bathing and for some weekday meals for the dependent; a few assessed as more
//!   able than they are now); five weeks of visits and calls at each file's contact interval,
//!   about 85% made; needs surveys of about 65% of residents through the year.
//! - **The residents' part**: an occupation for everyone (by age); in every grid an owners'
//!   committee, a volunteer team (about 30% dormant) and two interest groups graded 1A–5A;
//!   thirteen weeks of monthly meetings, a hearing, weekly interest-group sessions and volunteer
//!   events with their attendees (about 31% of adults at a meeting or hearing, about 25% at an
//!   activity, retirees far more than working people); complaints and suggestions (about 12
//!   suggestions and 5 complaints per 1,000 residents a month, some complaints repeated).
//!
//! Each phase draws from its own random stream, so changing, say, the volunteer share leaves
//! the residents unchanged.

mod care;
mod config;
mod geography;
mod needs;
mod participation;
mod residents;
pub mod rng;
mod services;
mod volunteers;

use std::collections::BTreeMap;

use crate::rng::StreamRng;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

pub use config::{DEFAULT_CENTRE, DistrictConfig};
pub use geography::GridArea;

use huzhu_model::error::ModelError;
use huzhu_model::{Community, GeoPoint, SpecialGroup, VolunteerId};

/// A generated district: the community and the map and week it was generated for.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// Every record, validated.
    pub community: Community,
    /// Monday of the week the needs fall in.
    pub week_start: NaiveDate,
    /// The end of that week (the next Monday, 00:00): the moment to score the week at.
    pub now: NaiveDateTime,
    /// The grid cells, in id order.
    pub grids: Vec<GridArea>,
    /// Hospital locations (escort needs take place there).
    pub hospitals: Vec<GeoPoint>,
    /// Counts of what was generated.
    pub summary: DistrictSummary,
}

/// Counts of a generated district.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DistrictSummary {
    /// Residents.
    pub residents: u32,
    /// Residents aged 60 or more at the start of the week.
    pub aged_60_plus: u32,
    /// Residents aged 65 or more.
    pub aged_65_plus: u32,
    /// Residents aged 80 or more.
    pub aged_80_plus: u32,
    /// Residents under 18.
    pub children: u32,
    /// Residents in each special group (a resident may be in several).
    pub special_groups: BTreeMap<SpecialGroup, u32>,
    /// Grid cells.
    pub grids: u32,
    /// Compounds.
    pub compounds: u32,
    /// Area of the district in square metres.
    pub area_m2: u64,
    /// Volunteers.
    pub volunteers: u32,
    /// Volunteers who are residents.
    pub resident_volunteers: u32,
    /// Provider organisations.
    pub providers: u32,
    /// Services.
    pub services: u32,
    /// Needs in the week.
    pub needs: u32,
    /// Grid and social workers.
    pub workers: u32,
    /// Care files (一人一档) of special-group residents.
    pub care_files: u32,
    /// Contacts in the log (visits, calls, needs surveys).
    pub contacts: u32,
    /// Meetings, hearings and activities of the thirteen weeks up to the end of the week.
    pub activities: u32,
    /// Complaints and suggestions of those weeks.
    pub feedback: u32,
}

/// Generates the district `config` describes.
///
/// Every record goes through the community's validating `add_*` methods; the only errors are
/// a bad config (the field is named `config.<field>`).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::synth::{DistrictConfig, generate};
/// let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let district = generate(&DistrictConfig::new(2_000, monday).with_seed(42)).unwrap();
/// let c = &district.community;
/// assert_eq!(c.residents().count(), 2_000);
/// assert!(c.volunteers().count() > 50 && c.needs().count() > 20);
/// assert!(c.needs().all(|n| n.windows.iter().all(|w| w.end <= district.now)));
/// // Same config, same district.
/// let again = generate(&DistrictConfig::new(2_000, monday).with_seed(42)).unwrap();
/// assert_eq!(again.community, district.community);
/// ```
pub fn generate(config: &DistrictConfig) -> Result<District, ModelError> {
    config.check()?;
    let week_start = config.week_start;
    let mut community = Community::new(&config.name);
    let mut summary = DistrictSummary::default();

    let layout = geography::Layout::new(config, &mut StreamRng::new(config.seed, 1));

    let mut service_rng = StreamRng::new(config.seed, 2);
    let mut builder = services::ServiceBuilder::new(&mut community, &mut service_rng);
    for grid in &layout.grids {
        builder.grid_facilities(grid)?;
    }
    builder.district_providers(config, &layout)?;

    // Residents and the volunteers among them, in one pass.
    let mut resident_rng = StreamRng::new(config.seed, 3);
    let mut volunteer_rng = StreamRng::new(config.seed, 4);
    let ages = residents::AgeTable::new(config);
    let odds = volunteers::VolunteerOdds::new(config, &ages);
    let mut by_grid: needs::VolunteersByGrid = vec![Vec::new(); layout.grids.len()];
    let mut next_resident = 1;
    let mut next_volunteer = 1;
    let mut weight_sum = 0.0;
    for (gi, grid) in layout.grids.iter().enumerate() {
        for j in 0..grid.residents {
            let compound = grid.compounds[grid.compound_of(j)];
            let home = geography::in_disc(compound, grid.compound_radius_m, &mut resident_rng);
            let age = ages.sample(&mut resident_rng);
            let r = residents::resident(
                next_resident.into(),
                age,
                home,
                grid.id,
                week_start,
                &mut resident_rng,
            );
            next_resident += 1;
            weight_sum += needs::need_weight(&r, age);
            tally(&mut summary, &r, age);
            let v = odds.draws(&r, age, &mut volunteer_rng).then(|| {
                volunteers::volunteer(
                    VolunteerId(next_volunteer),
                    Some((&r, age)),
                    r.home,
                    week_start,
                    u32::from(config.active_volunteer_permille),
                    &mut volunteer_rng,
                )
            });
            community.add_resident(r)?;
            if let Some(v) = v {
                by_grid[gi].push(v.id);
                next_volunteer += 1;
                summary.resident_volunteers += 1;
                community.add_volunteer(v)?;
            }
        }
    }
    // Volunteers from outside: hospital staff, lawyers, university students.
    let outside = (u64::from(config.residents)
        * u64::from(config.volunteer_permille)
        * u64::from(1_000 - config.resident_volunteer_permille)
        + 500_000)
        / 1_000_000;
    if !layout.grids.is_empty() {
        for _ in 0..outside {
            let home = layout.anywhere(config, &mut volunteer_rng);
            let v = volunteers::volunteer(
                VolunteerId(next_volunteer),
                None,
                home,
                week_start,
                u32::from(config.active_volunteer_permille),
                &mut volunteer_rng,
            );
            next_volunteer += 1;
            let nearest = layout
                .grids
                .iter()
                .enumerate()
                .min_by_key(|(_, g)| g.centre.distance_m(home))
                .map_or(0, |(i, _)| i);
            by_grid[nearest].push(v.id);
            community.add_volunteer(v)?;
        }
    }

    // Needs: a second walk over the residents, now that the total need weight is known.
    let expected = f64::from(config.residents) * f64::from(config.needs_per_thousand) / 1_000.0;
    let mut maker = needs::NeedMaker {
        week_start,
        in_advance: config.recorded_in_advance,
        layout: &layout,
        by_grid: &by_grid,
        per_weight: if weight_sum > 0.0 {
            expected / weight_sum
        } else {
            0.0
        },
        next_id: 1,
    };
    let mut need_rng = StreamRng::new(config.seed, 5);
    let mut week_needs = Vec::with_capacity(expected as usize + 16);
    for r in community.residents() {
        maker.needs_of(r, &mut need_rng, &mut week_needs);
    }
    for n in week_needs {
        community.add_need(n)?;
    }
    care::care_records(
        &mut community,
        &layout.grids,
        week_start,
        &mut StreamRng::new(config.seed, 6),
    )?;
    participation::participation_records(
        &mut community,
        &layout.grids,
        week_start,
        &mut StreamRng::new(config.seed, 7),
    )?;

    summary.residents = community.residents().len() as u32;
    summary.grids = layout.grids.len() as u32;
    summary.compounds = layout.grids.iter().map(|g| g.compounds.len() as u32).sum();
    summary.area_m2 = layout
        .grids
        .iter()
        .map(|g| u64::from(g.side_m) * u64::from(g.side_m))
        .sum();
    summary.volunteers = community.volunteers().len() as u32;
    summary.providers = community.providers().len() as u32;
    summary.services = community.services().len() as u32;
    summary.needs = community.needs().len() as u32;
    summary.workers = community.workers().len() as u32;
    summary.care_files = community.care_files().len() as u32;
    summary.contacts = community.contacts().len() as u32;
    summary.activities = community.activities().len() as u32;
    summary.feedback = community.all_feedback().len() as u32;
    Ok(District {
        community,
        week_start,
        now: (week_start + Duration::days(7)).and_time(NaiveTime::MIN),
        grids: layout.grids,
        hospitals: layout.hospitals,
        summary,
    })
}

fn tally(summary: &mut DistrictSummary, r: &huzhu_model::Resident, age: u32) {
    summary.aged_60_plus += u32::from(age >= 60);
    summary.aged_65_plus += u32::from(age >= 65);
    summary.aged_80_plus += u32::from(age >= 80);
    summary.children += u32::from(age < 18);
    for g in r.groups.iter() {
        *summary.special_groups.entry(g).or_default() += 1;
    }
}
