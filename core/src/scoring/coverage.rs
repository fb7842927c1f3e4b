//! Facility coverage as the documents measure it — an essential service within the service
//! radius (服务半径, 500 m) — beside the planning concept of the 15-minute living circle
//! (15分钟生活圈): who can walk to each essential service in time. Both are reported.

use std::collections::BTreeMap;

use super::stats;
use crate::model::{
    Category, CategoryCode, Community, GeoPoint, ServiceStatus, SpecialGroup, WalkingSpeed,
};

/// Covered residents of a group.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Share {
    /// Residents counted.
    pub residents: u32,
    /// Of those, covered.
    pub covered: u32,
    /// `covered / residents`.
    pub share: Option<f64>,
}

impl Share {
    fn add(&mut self, covered: bool) {
        self.residents += 1;
        self.covered += u32::from(covered);
        self.share = stats::rate(u64::from(self.covered), u64::from(self.residents));
    }
}

/// Coverage of one essential category.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CategoryCoverage {
    /// The category.
    pub category: CategoryCode,
    /// English label.
    pub name_en: String,
    /// Chinese label.
    pub name_zh: String,
    /// All residents within the walking threshold.
    pub all: Share,
    /// Per special group, within the walking threshold.
    pub by_group: BTreeMap<SpecialGroup, Share>,
    /// All residents within the service radius.
    pub within_radius: Share,
}

/// Living-circle coverage of every essential category.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CoverageReport {
    /// The walking-time threshold in minutes.
    pub threshold_minutes: u32,
    /// The service radius in metres.
    pub radius_m: u32,
    /// One row per essential category, in code order.
    pub categories: Vec<CategoryCoverage>,
    /// Residents covered for every essential category at once.
    pub all_essential: Share,
    /// Mean of the categories' shares (`None` without essential categories or residents).
    pub mean_share: Option<f64>,
    /// Residents within the service radius of every essential category at once.
    pub all_essential_radius: Share,
    /// Mean of the categories' shares within the service radius: the facility coverage rate.
    pub mean_share_radius: Option<f64>,
}

/// Coverage of the essential categories: a resident is covered for a category within the circle
/// when some active service of it lies within `threshold_minutes` of walking from home
/// (great-circle distance at the community's walking speed, rounded up to whole minutes), and
/// within the radius when it lies within `radius_m` metres.
///
/// ```
/// use huzhu::model::Community;
/// use huzhu::scoring::circle_coverage;
/// let r = circle_coverage(&Community::new("x"), 15, 500);
/// assert_eq!(r.categories.len(), 6); // the default taxonomy's essential categories
/// assert_eq!(r.all_essential.share, None); // nobody lives there
/// ```
pub fn circle_coverage(
    community: &Community,
    threshold_minutes: u32,
    radius_m: u32,
) -> CoverageReport {
    let essential = EssentialSites::of(community, threshold_minutes);
    let mut rows: Vec<CategoryCoverage> = essential
        .categories
        .iter()
        .map(|c| CategoryCoverage {
            category: c.code.clone(),
            name_en: c.name_en.clone(),
            name_zh: c.name_zh.clone(),
            all: Share::default(),
            by_group: BTreeMap::new(),
            within_radius: Share::default(),
        })
        .collect();
    let mut all_essential = Share::default();
    let mut all_essential_radius = Share::default();
    for r in community.residents() {
        let (mut every, mut every_radius) = (true, true);
        let near = essential.within(r.home, radius_m);
        for ((row, covered), close) in rows.iter_mut().zip(essential.covered(r.home)).zip(near) {
            every &= covered;
            every_radius &= close;
            row.all.add(covered);
            row.within_radius.add(close);
            for g in r.groups.iter() {
                row.by_group.entry(g).or_default().add(covered);
            }
        }
        all_essential.add(every && !rows.is_empty());
        all_essential_radius.add(every_radius && !rows.is_empty());
    }
    let mean = |shares: Vec<f64>| stats::mean_sd(&shares).map(|(m, _)| m);
    CoverageReport {
        threshold_minutes,
        radius_m,
        mean_share: mean(rows.iter().filter_map(|r| r.all.share).collect()),
        mean_share_radius: mean(rows.iter().filter_map(|r| r.within_radius.share).collect()),
        categories: rows,
        all_essential,
        all_essential_radius,
    }
}

/// The essential categories of a community with their active service sites, answering which
/// of them lie within the walking threshold of a home. Shared by [`circle_coverage`] and the
/// GeoJSON coverage export.
pub(crate) struct EssentialSites<'c> {
    /// The essential categories, in taxonomy order.
    pub(crate) categories: Vec<&'c Category>,
    sites: Vec<Vec<GeoPoint>>,
    walking: WalkingSpeed,
    threshold_minutes: u32,
}

impl<'c> EssentialSites<'c> {
    pub(crate) fn of(community: &'c Community, threshold_minutes: u32) -> Self {
        let categories: Vec<&Category> = community
            .taxonomy()
            .iter()
            .filter(|c| c.essential)
            .collect();
        let sites = categories
            .iter()
            .map(|c| {
                community
                    .services()
                    .filter(|s| s.status == ServiceStatus::Active && s.categories.contains(&c.code))
                    .map(|s| s.location)
                    .collect()
            })
            .collect();
        Self {
            categories,
            sites,
            walking: community.walking(),
            threshold_minutes,
        }
    }

    /// For each essential category, in order, whether one of its sites is within `radius_m`.
    pub(crate) fn within(&self, home: GeoPoint, radius_m: u32) -> impl Iterator<Item = bool> + '_ {
        self.sites
            .iter()
            .map(move |sites| sites.iter().any(|p| home.distance_m(*p) <= radius_m))
    }

    /// For each essential category, in order, whether one of its sites is within the threshold.
    pub(crate) fn covered(&self, home: GeoPoint) -> impl Iterator<Item = bool> + '_ {
        self.sites.iter().map(move |sites| {
            sites
                .iter()
                .any(|p| self.walking.minutes_for(home.distance_m(*p)) <= self.threshold_minutes)
        })
    }
}
