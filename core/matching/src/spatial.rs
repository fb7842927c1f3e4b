//! Uniform grid indexes over points, in a local metric projection, so that candidate generation
//! looks only at nearby helpers: near-linear in needs and helpers. Also the bounds that relate
//! a projected distance to the great-circle distance, so that most distance decisions need no
//! trigonometry.

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

    /// The cosine of the reference latitude the projection scales longitudes by.
    pub(crate) fn cos0(&self) -> f64 {
        self.cos0
    }
}

/// An item of a [`Grid`]: its projected position.
pub(crate) trait Located: Copy {
    fn xy(&self) -> (f64, f64);
}

/// Where each cell's items sit in [`Grid::items`]: a dense table over the cells' bounding box
/// when it is not much larger than the number of items, else a hash map.
#[derive(Debug)]
enum Layout {
    Dense {
        gx0: i64,
        gy0: i64,
        width: i64,
        height: i64,
        /// `starts[c]..starts[c + 1]` are cell `c`'s items (row-major from `(gx0, gy0)`).
        starts: Vec<u32>,
    },
    Sparse(FxHashMap<(i64, i64), (u32, u32)>),
}

/// Items bucketed in square cells of `cell_m` metres, each cell's items contiguous and in
/// insertion order (items inserted after the build follow the others), so queries are
/// deterministic and read memory in order.
#[derive(Debug)]
pub(crate) struct Grid<T> {
    cell_m: f64,
    layout: Layout,
    items: Vec<T>,
    /// Items inserted after the build, by cell, in insertion order.
    later: FxHashMap<(i64, i64), Vec<T>>,
}

impl<T: Located> Grid<T> {
    pub(crate) fn build(items: &[T], cell_m: f64) -> Self {
        let cells: Vec<(i64, i64)> = items.iter().map(|t| cell_of(t.xy(), cell_m)).collect();
        let (mut lo, mut hi) = ((i64::MAX, i64::MAX), (i64::MIN, i64::MIN));
        for &(gx, gy) in &cells {
            lo = (lo.0.min(gx), lo.1.min(gy));
            hi = (hi.0.max(gx), hi.1.max(gy));
        }
        let area = if cells.is_empty() {
            None
        } else {
            let width = i128::from(hi.0) - i128::from(lo.0) + 1;
            let height = i128::from(hi.1) - i128::from(lo.1) + 1;
            Some((width, height)).filter(|(w, h)| w * h <= 4 * cells.len() as i128 + 4096)
        };
        let (layout, order) = if let Some((width, height)) = area {
            let (width, height) = (width as i64, height as i64);
            let slot = |(gx, gy): (i64, i64)| ((gy - lo.1) * width + (gx - lo.0)) as usize;
            let mut starts = vec![0u32; (width * height) as usize + 1];
            for &c in &cells {
                starts[slot(c) + 1] += 1;
            }
            for i in 1..starts.len() {
                starts[i] += starts[i - 1];
            }
            let mut next = starts.clone();
            let mut order = vec![0u32; cells.len()];
            for (i, &c) in cells.iter().enumerate() {
                let at = &mut next[slot(c)];
                order[*at as usize] = i as u32;
                *at += 1;
            }
            (
                Layout::Dense {
                    gx0: lo.0,
                    gy0: lo.1,
                    width,
                    height,
                    starts,
                },
                order,
            )
        } else {
            let mut order: Vec<u32> = (0..cells.len() as u32).collect();
            // Stable: items of one cell keep their insertion order.
            order.sort_by_key(|&i| cells[i as usize]);
            let mut map = FxHashMap::default();
            for (at, &i) in order.iter().enumerate() {
                let e = map
                    .entry(cells[i as usize])
                    .or_insert((at as u32, at as u32));
                e.1 = at as u32 + 1;
            }
            (Layout::Sparse(map), order)
        };
        Self {
            cell_m,
            layout,
            items: order.iter().map(|&i| items[i as usize]).collect(),
            later: FxHashMap::default(),
        }
    }

    /// The items of the build, in the order queries read them.
    pub(crate) fn items_mut(&mut self) -> &mut [T] {
        &mut self.items
    }

    /// Adds one more item, after those already in its cell.
    pub(crate) fn insert(&mut self, item: T) {
        self.later
            .entry(cell_of(item.xy(), self.cell_m))
            .or_default()
            .push(item);
    }

    /// The items of a cell: those of the build, then those inserted later.
    #[inline]
    fn cell(&self, gx: i64, gy: i64) -> (&[T], &[T]) {
        let built: &[T] = match &self.layout {
            Layout::Dense {
                gx0,
                gy0,
                width,
                height,
                starts,
            } => {
                let (x, y) = (gx.wrapping_sub(*gx0), gy.wrapping_sub(*gy0));
                if x < 0 || y < 0 || x >= *width || y >= *height {
                    &[]
                } else {
                    let c = (y * width + x) as usize;
                    &self.items[starts[c] as usize..starts[c + 1] as usize]
                }
            }
            Layout::Sparse(map) => map
                .get(&(gx, gy))
                .map_or(&[], |&(a, b)| &self.items[a as usize..b as usize]),
        };
        let later: &[T] = if self.later.is_empty() {
            &[]
        } else {
            self.later.get(&(gx, gy)).map_or(&[], Vec::as_slice)
        };
        (built, later)
    }

    /// Calls `visit` with the items of every cell ring by ring outwards from `at`, up to the
    /// ring that holds `radius_m` (and one more); after each ring, `keep_going(d)` is asked
    /// whether to go on, where `d` is a lower bound on the distance of every item not yet
    /// visited. Returns whether every ring was visited. Cells, and items within a cell, come in
    /// a fixed order; `visit` tells the items within `radius_m` from the others.
    pub(crate) fn rings(
        &self,
        at: (f64, f64),
        radius_m: f64,
        mut visit: impl FnMut(&[T]),
        mut keep_going: impl FnMut(f64) -> bool,
    ) -> bool {
        let (cx, cy) = cell_of(at, self.cell_m);
        let k = (radius_m / self.cell_m).ceil() as i64 + 1;
        let mut cell = |gx: i64, gy: i64| {
            let (built, later) = self.cell(gx, gy);
            visit(built);
            if !later.is_empty() {
                visit(later);
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

    /// Calls `visit` with the items of every cell of the square of cells around `at` that holds
    /// the disc of `radius_m` (and one cell more), column by column; `visit` tells the items
    /// within `radius_m` from the others.
    pub(crate) fn square(&self, at: (f64, f64), radius_m: f64, mut visit: impl FnMut(&[T])) {
        let (cx, cy) = cell_of(at, self.cell_m);
        let k = (radius_m / self.cell_m).ceil() as i64 + 1;
        for gx in cx - k..=cx + k {
            for gy in cy - k..=cy + k {
                let (built, later) = self.cell(gx, gy);
                visit(built);
                if !later.is_empty() {
                    visit(later);
                }
            }
        }
    }

    /// Calls `visit` with the items of every cell that meets the square of side `2 × radius_m`
    /// around `at`, in no particular order.
    pub(crate) fn around(&self, at: (f64, f64), radius_m: f64, mut visit: impl FnMut(&[T])) {
        // Not a number as well as negative.
        if radius_m.is_nan() || radius_m < 0.0 {
            return;
        }
        let (x0, y0) = cell_of((at.0 - radius_m, at.1 - radius_m), self.cell_m);
        let (x1, y1) = cell_of((at.0 + radius_m, at.1 + radius_m), self.cell_m);
        for gy in y0..=y1 {
            for gx in x0..=x1 {
                let (built, later) = self.cell(gx, gy);
                visit(built);
                if !later.is_empty() {
                    visit(later);
                }
            }
        }
    }
}

fn cell_of((x, y): (f64, f64), cell_m: f64) -> (i64, i64) {
    ((x / cell_m).floor() as i64, (y / cell_m).floor() as i64)
}

/// Bounds on the great-circle distance [`GeoPoint::distance_with_cosines`] computes between a
/// place and any point whose projected distance `p` from it is at most the `reach` they were
/// made for: `lower × p − SLACK_M ≤ d ≤ upper × p + SLACK_M`.
///
/// With `Δφ`, `Δλ` the differences of latitude and longitude (radians), `c₁`, `c₂` the cosines
/// of the two latitudes, `c₀` the projection's and `a` the larger half-difference, the
/// projection gives `p = R √(Δφ² + c₀² Δλ²)` and the haversine `d = 2R asin √h` with
/// `h = sin²(Δφ/2) + c₁c₂ sin²(Δλ/2)`. As `x(1 − x²/6) ≤ sin x ≤ x`, `y ≤ asin y` and
/// `asin y ≤ y / √(1 − y²)`:
/// `(1 − a²/6) · min(1, √(c₁c₂)/c₀) · p ≤ d ≤ max(1, √(c₁c₂)/c₀) · p / √(1 − 2a²)`,
/// where `p ≤ reach` bounds `a` by `reach / (2R c₀)`. A relative margin of 10⁻⁹ and
/// [`SLACK_M`] cover floating-point rounding (about 10⁻¹⁵ relative).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DistanceBounds {
    pub(crate) lower: f64,
    pub(crate) upper: f64,
}

/// Absolute slack of [`DistanceBounds`], in metres.
pub(crate) const SLACK_M: f64 = 1e-3;

impl DistanceBounds {
    /// The bounds for a place of latitude cosine `place_cos` and points whose latitude cosines
    /// lie in `cos_range`, within projected distance `reach` of it. When nothing useful can be
    /// said (far from the reference latitude, near a pole, a huge reach, or not-a-number), the
    /// bounds are `0` and infinity, which decide nothing.
    pub(crate) fn new(cos0: f64, place_cos: f64, cos_range: (f64, f64), reach: f64) -> Self {
        let none = Self {
            lower: 0.0,
            upper: f64::INFINITY,
        };
        let a = reach / (2.0 * EARTH_RADIUS_M * cos0.min(1.0));
        let (cmin, cmax) = cos_range;
        // Written so that not-a-number fails every test.
        if !((0.0..0.1).contains(&a) && place_cos > 0.0 && cmin > 0.0 && cmax >= cmin && cos0 > 0.0)
        {
            return none;
        }
        let lower = (1.0 - a * a / 6.0) * ((place_cos * cmin).sqrt() / cos0).min(1.0);
        let upper = ((place_cos * cmax).sqrt() / cos0).max(1.0) / (1.0 - 2.0 * a * a).sqrt();
        Self {
            lower: lower * (1.0 - 1e-9),
            upper: upper * (1.0 + 1e-9),
        }
    }

    /// A lower bound on the great-circle distance at projected distance `p`, as the whole metres
    /// [`GeoPoint::distance_with_cosines`] would round it to (never more than it).
    #[inline]
    pub(crate) fn rounded_lower(&self, p: f64) -> u32 {
        let d = self.lower * p - SLACK_M;
        if d > 0.0 { d.round() as u32 } else { 0 }
    }

    /// Whether the great-circle distance at projected distance `p` certainly rounds to at most
    /// `limit` metres (`Some(true)`), certainly above it (`Some(false)`), or may do either.
    #[inline]
    pub(crate) fn within(&self, p: f64, limit: u32) -> Option<bool> {
        // `d.round() <= limit` exactly when `d < limit + 0.5`.
        let edge = f64::from(limit) + 0.5;
        if self.upper * p + SLACK_M < edge {
            Some(true)
        } else if self.lower * p - SLACK_M >= edge {
            Some(false)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy)]
    struct P(f64, f64, u32);

    impl Located for P {
        fn xy(&self) -> (f64, f64) {
            (self.0, self.1)
        }
    }

    fn collect(grid: &Grid<P>, f: impl FnOnce(&Grid<P>, &mut dyn FnMut(&[P]))) -> Vec<u32> {
        let mut out = Vec::new();
        f(grid, &mut |items: &[P]| {
            out.extend(items.iter().map(|p| p.2));
        });
        out
    }

    #[test]
    fn dense_and_sparse_grids_visit_the_same_cells_in_the_same_order() {
        let mut points: Vec<P> = (0..500u32)
            .map(|i| {
                let t = f64::from(i);
                P(
                    (t * 37.0) % 2_000.0 - 1_000.0,
                    (t * 91.0) % 2_000.0 - 1_000.0,
                    i,
                )
            })
            .collect();
        let dense = Grid::build(&points, 100.0);
        assert!(matches!(dense.layout, Layout::Dense { .. }));
        // One point far away makes the bounding box too large for a table.
        points.push(P(1e9, 1e9, 500));
        let sparse = Grid::build(&points, 100.0);
        assert!(matches!(sparse.layout, Layout::Sparse(_)));
        for at in [(0.0, 0.0), (-950.0, 420.0), (5_000.0, 0.0)] {
            let a = collect(&dense, |g, v| {
                g.rings(at, 700.0, v, |_| true);
            });
            let b = collect(&sparse, |g, v| {
                g.rings(at, 700.0, v, |_| true);
            });
            assert_eq!(a, b);
            let a = collect(&dense, |g, v| g.square(at, 700.0, v));
            let b = collect(&sparse, |g, v| g.square(at, 700.0, v));
            assert_eq!(a, b);
        }
    }

    #[test]
    fn items_inserted_later_follow_those_of_their_cell() {
        let mut grid = Grid::build(&[P(10.0, 10.0, 0), P(20.0, 20.0, 1)], 100.0);
        grid.insert(P(30.0, 30.0, 2));
        grid.insert(P(150.0, 30.0, 3));
        let all = collect(&grid, |g, v| g.square((0.0, 0.0), 100.0, v));
        assert_eq!(all, vec![0, 1, 2, 3]);
    }

    #[test]
    fn bounds_hold_around_shanghai() {
        let centre = GeoPoint {
            lat: 31.2304,
            lon: 121.4737,
        };
        let projection = Projection::around(centre.offset_m(-3_000.0, 2_000.0));
        let points: Vec<GeoPoint> = (0..400)
            .map(|i| {
                let t = f64::from(i);
                centre.offset_m(
                    (t * 37.0) % 9_000.0 - 4_500.0,
                    (t * 53.0) % 9_000.0 - 4_500.0,
                )
            })
            .collect();
        let cos = |p: GeoPoint| p.cos_lat();
        let range = points.iter().fold((f64::INFINITY, 0.0f64), |(a, b), p| {
            (a.min(cos(*p)), b.max(cos(*p)))
        });
        for place in points.iter().step_by(7) {
            let at = projection.project(*place);
            let bounds = DistanceBounds::new(projection.cos0(), cos(*place), range, 20_000.0);
            assert!(bounds.lower > 0.999 && bounds.upper < 1.001);
            for q in &points {
                let (x, y) = projection.project(*q);
                let p = ((x - at.0).powi(2) + (y - at.1).powi(2)).sqrt();
                let d = q.distance_with_cosines(cos(*q), *place, cos(*place));
                assert!(bounds.rounded_lower(p) <= d);
                for limit in [d.saturating_sub(1), d, d + 1] {
                    if let Some(w) = bounds.within(p, limit) {
                        assert_eq!(w, d <= limit);
                    }
                }
            }
        }
    }

    #[test]
    fn bounds_decide_nothing_when_they_cannot() {
        let b = DistanceBounds::new(1.0, f64::NAN, (0.5, 0.6), 1_000.0);
        assert_eq!(b.within(10.0, 100), None);
        assert_eq!(b.rounded_lower(10.0), 0);
        let b = DistanceBounds::new(1.0, 0.8, (0.5, 0.6), 5e6);
        assert_eq!(b.within(10.0, 100), None);
    }
}
