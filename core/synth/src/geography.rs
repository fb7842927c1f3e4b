//! The map of a generated district: grid cells (网格) on a square lattice around the centre,
//! compounds (小区) inside each cell, hospitals, and points scattered around them.

use crate::rng::StreamRng;
use rand::Rng;

use super::DistrictConfig;
use huzhu_model::{GeoPoint, GridId};

/// Residents per hospital; a district has at least one.
const RESIDENTS_PER_HOSPITAL: u32 = 100_000;

/// One grid cell (网格) of a generated district.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GridArea {
    /// Id shared by the residents of the cell.
    pub id: GridId,
    /// Centre of the cell.
    pub centre: GeoPoint,
    /// Side of the (square) cell in metres.
    pub side_m: u32,
    /// Number of residents living in it.
    pub residents: u32,
    /// Centres of its compounds (小区).
    pub compounds: Vec<GeoPoint>,
    /// Radius in metres of the disc around a compound centre where its residents live.
    pub compound_radius_m: u32,
}

impl GridArea {
    /// Which compound the `j`-th resident of the cell lives in.
    pub(super) fn compound_of(&self, j: u32) -> usize {
        let n = self.compounds.len() as u64;
        (u64::from(j) * n / u64::from(self.residents.max(1))) as usize
    }
}

/// The whole map.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub grids: Vec<GridArea>,
    pub hospitals: Vec<GeoPoint>,
    /// Half the side of the whole lattice, north–south and east–west, in metres.
    pub half_extent_m: (f64, f64),
}

impl Layout {
    pub fn new(cfg: &DistrictConfig, rng: &mut StreamRng) -> Self {
        let n = cfg.residents;
        let n_grids = n.div_ceil(cfg.residents_per_grid);
        if n_grids == 0 {
            return Self {
                grids: Vec::new(),
                hospitals: Vec::new(),
                half_extent_m: (0.0, 0.0),
            };
        }
        let mean_pop = f64::from(n) / f64::from(n_grids);
        // Side of a square holding `mean_pop` residents at the configured density.
        let side = (mean_pop / f64::from(cfg.density_per_km2)).sqrt() * 1_000.0;
        let cols = f64::from(n_grids).sqrt().ceil() as u32;
        let rows = n_grids.div_ceil(cols);
        let mut grids = Vec::with_capacity(n_grids as usize);
        for g in 0..n_grids {
            let (row, col) = (g / cols, g % cols);
            let north = (f64::from(row) - f64::from(rows - 1) / 2.0) * side;
            let east = (f64::from(col) - f64::from(cols - 1) / 2.0) * side;
            let centre = snap(cfg.centre.offset_m(north, east));
            let start = u64::from(g) * u64::from(n) / u64::from(n_grids);
            let end = u64::from(g + 1) * u64::from(n) / u64::from(n_grids);
            let residents = (end - start) as u32;
            let n_comp = ((residents + cfg.residents_per_compound / 2)
                / cfg.residents_per_compound)
                .clamp(1, 64);
            let k = f64::from(n_comp).sqrt().ceil() as u32;
            let sub = side / f64::from(k);
            let compounds = (0..n_comp)
                .map(|c| {
                    let (r, q) = (c / k, c % k);
                    let dn = (f64::from(r) + 0.5) * sub - side / 2.0
                        + rng.random_range(-0.2..=0.2) * sub;
                    let de = (f64::from(q) + 0.5) * sub - side / 2.0
                        + rng.random_range(-0.2..=0.2) * sub;
                    snap(centre.offset_m(dn, de))
                })
                .collect();
            grids.push(GridArea {
                id: GridId(g + 1),
                centre,
                side_m: side.round() as u32,
                residents,
                compounds,
                compound_radius_m: (sub * 0.3).round().max(1.0) as u32,
            });
        }
        let half_extent_m = (f64::from(rows) * side / 2.0, f64::from(cols) * side / 2.0);
        let n_hosp = n.div_ceil(RESIDENTS_PER_HOSPITAL).max(1);
        let hospitals = (0..n_hosp)
            .map(|_| {
                let g = &grids[rng.random_range(0..grids.len())];
                let half = side / 2.0;
                snap(g.centre.offset_m(
                    rng.random_range(-half..=half),
                    rng.random_range(-half..=half),
                ))
            })
            .collect();
        Self {
            grids,
            hospitals,
            half_extent_m,
        }
    }

    /// The hospital nearest to `p`.
    pub fn nearest_hospital(&self, p: GeoPoint) -> Option<GeoPoint> {
        self.hospitals
            .iter()
            .copied()
            .min_by_key(|h| h.distance_m(p))
    }

    /// A uniform point anywhere in the district.
    pub fn anywhere(&self, cfg: &DistrictConfig, rng: &mut StreamRng) -> GeoPoint {
        let (hn, he) = self.half_extent_m;
        snap(
            cfg.centre
                .offset_m(rng.random_range(-hn..=hn), rng.random_range(-he..=he)),
        )
    }
}

/// `p` rounded to 1e-7 degrees (about 1 cm), so that every coordinate survives a JSON round
/// trip exactly, whatever float parser reads it back.
pub(super) fn snap(p: GeoPoint) -> GeoPoint {
    let r = |x: f64| (x * 1e7).round() / 1e7;
    GeoPoint {
        lat: r(p.lat),
        lon: r(p.lon),
    }
}

/// A uniform point in the disc of `radius_m` around `centre`.
pub(super) fn in_disc(centre: GeoPoint, radius_m: u32, rng: &mut StreamRng) -> GeoPoint {
    let r = f64::from(radius_m) * rng.random::<f64>().sqrt();
    let a = rng.random::<f64>() * std::f64::consts::TAU;
    snap(centre.offset_m(r * a.sin(), r * a.cos()))
}
