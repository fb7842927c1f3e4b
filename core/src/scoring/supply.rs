//! Supply against demand per category, grid and period, and facility utilisation.

use std::collections::{BTreeMap, BTreeSet};

use super::policy::ScoringPolicy;
use super::records::{Assignment, Outcome, Period, ServiceRecord};
use super::stats;
use crate::model::{CategoryCode, Community, GeoPoint, GridId, HelperId, ServiceId, ServiceStatus};

/// Demand and supply of one category in one grid over the period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SupplyRow {
    /// The category.
    pub category: CategoryCode,
    /// The grid.
    pub grid: GridId,
    /// Needs created in the period.
    pub demand: u32,
    /// Of those, needs with an assignment.
    pub matched: u32,
    /// `demand − matched`.
    pub unmet: u32,
    /// `matched / demand` (`None` without demand).
    pub match_rate: Option<f64>,
    /// Tasks the active services of this category located in this grid could take in the
    /// period (`capacity_per_week × days / 7`).
    pub capacity: f64,
    /// Capacity left after the tasks assigned to those services in the period (never negative).
    pub surplus: f64,
}

/// Supply and demand per category × grid, with totals.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SupplyReport {
    /// The period.
    pub period: Period,
    /// Rows ordered by category, then grid.
    pub rows: Vec<SupplyRow>,
    /// Total needs created in the period.
    pub demand: u32,
    /// Total of those matched.
    pub matched: u32,
    /// Overall match rate.
    pub match_rate: Option<f64>,
}

/// The grid of a service: the grid whose residents' mean home is nearest its location (ties to
/// the lower grid id); `None` in a community without residents.
pub fn service_grids(community: &Community) -> BTreeMap<ServiceId, GridId> {
    let mut sums: BTreeMap<GridId, (f64, f64, f64)> = BTreeMap::new();
    for r in community.residents() {
        let e = sums.entry(r.grid).or_default();
        e.0 += r.home.lat;
        e.1 += r.home.lon;
        e.2 += 1.0;
    }
    let centres: Vec<(GridId, GeoPoint)> = sums
        .into_iter()
        .map(|(g, (lat, lon, n))| {
            (
                g,
                GeoPoint {
                    lat: lat / n,
                    lon: lon / n,
                },
            )
        })
        .collect();
    crate::cold::collect(community.services().filter_map(|s| {
        centres
            .iter()
            .min_by_key(|(g, c)| (c.distance_m(s.location), *g))
            .map(|(g, _)| (s.id, *g))
    }))
}

fn capacity_in(capacity_per_week: u32, period: Period) -> f64 {
    f64::from(capacity_per_week) * f64::from(period.days()) / 7.0
}

/// Demand, matches and surplus capacity per category × grid for the needs created in `period`.
///
/// A need's grid is its resident's. A service counts in the grid found by [`service_grids`] and
/// in each of its categories (so surplus of a multi-category service shows in each, and surplus
/// must not be summed across categories). Only active services have capacity.
///
/// ```
/// use huzhu::model::Community;
/// use huzhu::scoring::{supply_demand, Period};
/// use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let r = supply_demand(&Community::new("x"), &[], Period::new(d(1), d(2)).unwrap());
/// assert_eq!((r.demand, r.match_rate), (0, None));
/// ```
pub fn supply_demand(
    community: &Community,
    assignments: &[Assignment],
    period: Period,
) -> SupplyReport {
    let matched_needs: BTreeSet<_> = crate::cold::collect(assignments.iter().map(|a| a.need));
    let mut used: BTreeMap<ServiceId, u32> = BTreeMap::new();
    for a in assignments.iter().filter(|a| period.contains(a.matched_at)) {
        if let HelperId::Service(s) = a.helper {
            *used.entry(s).or_default() += 1;
        }
    }
    // (demand, matched, capacity, surplus)
    let mut cells: BTreeMap<(CategoryCode, GridId), (u32, u32, f64, f64)> = BTreeMap::new();
    let (mut demand, mut matched) = (0u32, 0u32);
    for n in community.needs().filter(|n| period.contains(n.created_at)) {
        let Some(r) = community.resident(n.resident) else {
            continue;
        };
        let e = cells.entry((n.category.clone(), r.grid)).or_default();
        e.0 += 1;
        demand += 1;
        if matched_needs.contains(&n.id) {
            e.1 += 1;
            matched += 1;
        }
    }
    let grids = service_grids(community);
    for s in community
        .services()
        .filter(|s| s.status == ServiceStatus::Active)
    {
        let Some(g) = grids.get(&s.id) else { continue };
        let cap = capacity_in(s.capacity_per_week, period);
        let free = (cap - f64::from(used.get(&s.id).copied().unwrap_or(0))).max(0.0);
        for c in &s.categories {
            let e = cells.entry((c.clone(), *g)).or_default();
            e.2 += cap;
            e.3 += free;
        }
    }
    SupplyReport {
        period,
        rows: cells
            .into_iter()
            .map(|((category, grid), (d, m, capacity, surplus))| SupplyRow {
                category,
                grid,
                demand: d,
                matched: m,
                unmet: d - m,
                match_rate: stats::rate(u64::from(m), u64::from(d)),
                capacity,
                surplus,
            })
            .collect(),
        demand,
        matched,
        match_rate: stats::rate(u64::from(matched), u64::from(demand)),
    }
}

/// Utilisation of one facility over the period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FacilityUse {
    /// The service.
    pub service: ServiceId,
    /// Its name.
    pub name: String,
    /// Tasks it could take in the period.
    pub capacity: f64,
    /// Delivered service records started in the period.
    pub used: u32,
    /// `used / capacity` (may exceed 1 when overbooked).
    pub utilisation: f64,
    /// `max(0, (capacity − used) / capacity)`.
    pub idle_share: f64,
    /// Idle share above the policy's `idle_share_flag`: reallocate.
    pub reallocate: bool,
}

/// Utilisation of every active service with capacity, in id order: delivered records over
/// capacity; idle share above `policy.idle_share_flag` (default 30%) flags it for reallocation.
///
/// ```
/// use huzhu::model::Community;
/// use huzhu::scoring::{facility_use, Period, ScoringPolicy};
/// use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// assert!(facility_use(&Community::new("x"), &[], Period::new(d(1), d(2)).unwrap(), &ScoringPolicy::default()).is_empty());
/// ```
pub fn facility_use(
    community: &Community,
    records: &[ServiceRecord],
    period: Period,
    policy: &ScoringPolicy,
) -> Vec<FacilityUse> {
    let mut used: BTreeMap<ServiceId, u32> = BTreeMap::new();
    for r in records
        .iter()
        .filter(|r| r.outcome == Outcome::Done && period.contains(r.started))
    {
        if let HelperId::Service(s) = r.helper {
            *used.entry(s).or_default() += 1;
        }
    }
    community
        .services()
        .filter(|s| s.status == ServiceStatus::Active)
        .filter_map(|s| {
            let capacity = capacity_in(s.capacity_per_week, period);
            if capacity <= 0.0 {
                return None;
            }
            let used = used.get(&s.id).copied().unwrap_or(0);
            let utilisation = f64::from(used) / capacity;
            // (capacity − used) / capacity rather than 1 − utilisation: exact at round shares.
            let idle_share = ((capacity - f64::from(used)) / capacity).max(0.0);
            Some(FacilityUse {
                service: s.id,
                name: s.name.clone(),
                capacity,
                used,
                utilisation,
                idle_share,
                reallocate: idle_share > policy.idle_share_flag,
            })
        })
        .collect()
}
