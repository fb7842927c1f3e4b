//! A uniform grid index over points, in a local metric projection, so that candidate
//! generation looks only at nearby helpers: near-linear in needs and helpers.

use rustc_hash::FxHashMap;

use huzhu_model::{EARTH_RADIUS_M, GeoPoint};

/// Local equirectangular projection around a reference latitude, in metres.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Projection {
    lat0: f64,
    lon0: f64,
    cos0: f64,
}

impl Projection {
    pub(crate) fn around(origin: GeoPoint) -> Self {
        Self {
            lat0: origin.lat,
            lon0: origin.lon,
            cos0: origin.lat.to_radians().cos().max(1e-6),
        }
    }

    pub(crate) fn project(&self, p: GeoPoint) -> (f64, f64) {
        let x = (p.lon - self.lon0).to_radians() * EARTH_RADIUS_M * self.cos0;
        let y = (p.lat - self.lat0).to_radians() * EARTH_RADIUS_M;
        (x, y)
    }
}

/// Points bucketed in square cells of `cell_m` metres. Items are kept in insertion order
/// within a cell, so queries are deterministic.
#[derive(Debug)]
pub(crate) struct GridIndex {
    cell_m: f64,
    cells: FxHashMap<(i64, i64), Vec<u32>>,
    xy: Vec<(f64, f64)>,
}

impl GridIndex {
    pub(crate) fn build(projection: &Projection, points: &[GeoPoint], cell_m: f64) -> Self {
        let mut cells: FxHashMap<(i64, i64), Vec<u32>> = FxHashMap::default();
        let mut xy = Vec::with_capacity(points.len());
        for (i, p) in points.iter().enumerate() {
            let q = projection.project(*p);
            xy.push(q);
            cells
                .entry(Self::cell_of(q, cell_m))
                .or_default()
                .push(i as u32);
        }
        Self { cell_m, cells, xy }
    }

    /// Adds one more item (its index must be the next one).
    pub(crate) fn insert(&mut self, projection: &Projection, point: GeoPoint) -> u32 {
        let q = projection.project(point);
        let i = self.xy.len() as u32;
        self.xy.push(q);
        self.cells
            .entry(Self::cell_of(q, self.cell_m))
            .or_default()
            .push(i);
        i
    }

    fn cell_of((x, y): (f64, f64), cell_m: f64) -> (i64, i64) {
        ((x / cell_m).floor() as i64, (y / cell_m).floor() as i64)
    }

    /// Like [`GridIndex::within`], ring by ring of cells outwards from `at`: after each ring,
    /// `keep_going(d)` is asked whether to go on, where `d` is a lower bound on the distance of
    /// every item not yet visited. Returns whether every ring within `radius_m` was visited.
    pub(crate) fn within_rings(
        &self,
        at: (f64, f64),
        radius_m: f64,
        mut visit: impl FnMut(u32, f64),
        mut keep_going: impl FnMut(f64) -> bool,
    ) -> bool {
        let (cx, cy) = Self::cell_of(at, self.cell_m);
        let k = (radius_m / self.cell_m).ceil() as i64 + 1;
        let r2 = radius_m * radius_m;
        let mut cell = |gx: i64, gy: i64| {
            if let Some(items) = self.cells.get(&(gx, gy)) {
                for &i in items {
                    let (x, y) = self.xy[i as usize];
                    let d2 = (x - at.0).powi(2) + (y - at.1).powi(2);
                    if d2 <= r2 {
                        visit(i, d2.sqrt());
                    }
                }
            }
        };
        for r in 0..=k {
            if r == 0 {
                cell(cx, cy);
            } else {
                for gx in cx - r..=cx + r {
                    cell(gx, cy - r);
                    cell(gx, cy + r);
                }
                for gy in cy - r + 1..cy + r {
                    cell(cx - r, gy);
                    cell(cx + r, gy);
                }
            }
            // Cells of ring r + 1 are at least r whole cells away from `at`.
            if r < k && !keep_going(r as f64 * self.cell_m) {
                return false;
            }
        }
        true
    }

    /// Calls `visit(item, projected_distance_m)` for every item within `radius_m` of `at`
    /// (projected distance; callers confirm with the great-circle distance). Cells are visited
    /// in a fixed order.
    pub(crate) fn within(&self, at: (f64, f64), radius_m: f64, mut visit: impl FnMut(u32, f64)) {
        let (cx, cy) = Self::cell_of(at, self.cell_m);
        let k = (radius_m / self.cell_m).ceil() as i64 + 1;
        let r2 = radius_m * radius_m;
        for gx in cx - k..=cx + k {
            for gy in cy - k..=cy + k {
                let Some(items) = self.cells.get(&(gx, gy)) else {
                    continue;
                };
                for &i in items {
                    let (x, y) = self.xy[i as usize];
                    let d2 = (x - at.0).powi(2) + (y - at.1).powi(2);
                    if d2 <= r2 {
                        visit(i, d2.sqrt());
                    }
                }
            }
        }
    }
}
