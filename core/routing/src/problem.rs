//! The routing problem in integers: locations joined by travel-time matrices, visits with
//! time windows, and vehicles (a worker's shift) with a start, an end, skills and limits.
//!
//! Times are integer units chosen by the caller (seconds of the week for care rounds; the
//! instance's own units for Solomon). A window `(open, close)` bounds the *start* of service.

use crate::error::RoutingError;

/// Travel times between locations, `n × n`, row-major: `time(a, b)` from `a` to `b`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Matrix {
    size: usize,
    times: Vec<i64>,
}

impl Matrix {
    /// A matrix from its rows. Every row must have `rows.len()` non-negative entries.
    ///
    /// ```
    /// use huzhu_routing::Matrix;
    /// let m = Matrix::from_rows(&[vec![0, 5], vec![6, 0]])?;
    /// assert_eq!((m.size(), m.time(0, 1), m.time(1, 0)), (2, 5, 6));
    /// # Ok::<(), huzhu_routing::RoutingError>(())
    /// ```
    pub fn from_rows(rows: &[Vec<i64>]) -> Result<Self, RoutingError> {
        let size = rows.len();
        let mut times = Vec::with_capacity(size * size);
        for (i, row) in rows.iter().enumerate() {
            if row.len() != size {
                return Err(RoutingError::MatrixShape {
                    row: i,
                    found: row.len(),
                    expected: size,
                });
            }
            for (j, &t) in row.iter().enumerate() {
                if t < 0 {
                    return Err(RoutingError::NegativeTravel {
                        from: i,
                        to: j,
                        time: t,
                    });
                }
            }
            times.extend_from_slice(row);
        }
        Ok(Self { size, times })
    }

    /// A matrix computed by `time(a, b)` for every pair (negative results are refused).
    pub fn from_fn(size: usize, time: impl Fn(usize, usize) -> i64) -> Result<Self, RoutingError> {
        let mut times = Vec::with_capacity(size * size);
        for a in 0..size {
            for b in 0..size {
                let t = time(a, b);
                if t < 0 {
                    return Err(RoutingError::NegativeTravel {
                        from: a,
                        to: b,
                        time: t,
                    });
                }
                times.push(t);
            }
        }
        Ok(Self { size, times })
    }

    /// The number of locations.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Travel time from `a` to `b`.
    #[inline]
    pub fn time(&self, a: usize, b: usize) -> i64 {
        self.times[a * self.size + b]
    }
}

/// A place to serve: where, how long, when it may start, what it needs, how much it matters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Visit {
    /// Its location (an index into the matrices).
    pub location: usize,
    /// Service time.
    pub duration: i64,
    /// When service may start: `(open, close)` pairs, sorted, not overlapping. Empty means any
    /// time within the vehicle's shift. Several windows model a lunch break or several days.
    pub windows: Vec<(i64, i64)>,
    /// Load it takes from the vehicle's capacity (0 for care visits; Solomon's demand).
    pub demand: i64,
    /// Skills the server must have (ids chosen by the caller).
    pub skills: Vec<u32>,
    /// Only these vehicles may serve it (a required worker's shifts, or a pin); empty: any
    /// vehicle with the skills.
    pub vehicles: Vec<usize>,
    /// The vehicles the resident prefers (the usual worker's shifts, for continuity): serving
    /// it with another costs [`continuity_cost`](Self::continuity_cost). Empty: no preference.
    pub preferred: Vec<usize>,
    /// Cost added when a vehicle outside [`preferred`](Self::preferred) serves it.
    pub continuity_cost: i64,
    /// Cost added when it is left unserved, on top of its tier's penalty: which visits of a
    /// tier go unserved is then weighed (a re-route charges it for dropping a visit that was
    /// planned, as for moving one).
    pub drop_cost: i64,
    /// Priority tier: 0 is the most important. A visit of a lower tier number is never left
    /// unserved to serve any number of visits of higher tier numbers.
    pub tier: u8,
}

impl Visit {
    /// A visit at `location` lasting `duration`, open any time, tier 0, no skills needed.
    pub fn new(location: usize, duration: i64) -> Self {
        Self {
            location,
            duration,
            windows: Vec::new(),
            demand: 0,
            skills: Vec::new(),
            vehicles: Vec::new(),
            preferred: Vec::new(),
            continuity_cost: 0,
            drop_cost: 0,
            tier: 0,
        }
    }

    /// Sets the windows.
    #[must_use]
    pub fn with_windows(mut self, windows: impl Into<Vec<(i64, i64)>>) -> Self {
        self.windows = windows.into();
        self
    }

    /// Sets the demand.
    #[must_use]
    pub fn with_demand(mut self, demand: i64) -> Self {
        self.demand = demand;
        self
    }

    /// Sets the skills needed.
    #[must_use]
    pub fn with_skills(mut self, skills: impl Into<Vec<u32>>) -> Self {
        self.skills = skills.into();
        self
    }

    /// Sets the tier.
    #[must_use]
    pub fn with_tier(mut self, tier: u8) -> Self {
        self.tier = tier;
        self
    }

    /// Only these vehicles may serve it.
    #[must_use]
    pub fn with_vehicles(mut self, vehicles: impl Into<Vec<usize>>) -> Self {
        self.vehicles = vehicles.into();
        self
    }

    /// Prefers these vehicles, at `cost` for serving it with another.
    #[must_use]
    pub fn with_preferred(mut self, vehicles: impl Into<Vec<usize>>, cost: i64) -> Self {
        self.preferred = vehicles.into();
        self.continuity_cost = cost;
        self
    }
}

/// One worker's shift: where it starts and ends, when, with which skills and limits, and the
/// travel-time matrix of its mode of travel.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Vehicle {
    /// Start location.
    pub start: usize,
    /// End location.
    pub end: usize,
    /// Earliest departure from the start and latest return to the end.
    pub shift: (i64, i64),
    /// Longest working time from departure to return, if limited.
    pub max_duration: Option<i64>,
    /// Capacity for the visits' demand, if limited.
    pub capacity: Option<i64>,
    /// Skills it has.
    pub skills: Vec<u32>,
    /// Which of the problem's matrices gives its travel times (its mode: walking, e-bike…).
    pub profile: usize,
    /// Cost of using it at all (0 by default).
    pub fixed_cost: i64,
}

impl Vehicle {
    /// A vehicle from `start` back to `end` within `shift`, profile 0, no limits or skills.
    pub fn new(start: usize, end: usize, shift: (i64, i64)) -> Self {
        Self {
            start,
            end,
            shift,
            max_duration: None,
            capacity: None,
            skills: Vec::new(),
            profile: 0,
            fixed_cost: 0,
        }
    }

    /// Sets the capacity.
    #[must_use]
    pub fn with_capacity(mut self, capacity: i64) -> Self {
        self.capacity = Some(capacity);
        self
    }

    /// Sets the skills.
    #[must_use]
    pub fn with_skills(mut self, skills: impl Into<Vec<u32>>) -> Self {
        self.skills = skills.into();
        self
    }

    /// Limits the working time.
    #[must_use]
    pub fn with_max_duration(mut self, duration: i64) -> Self {
        self.max_duration = Some(duration);
        self
    }

    /// Sets the travel profile.
    #[must_use]
    pub fn with_profile(mut self, profile: usize) -> Self {
        self.profile = profile;
        self
    }
}

/// A whole problem: matrices (one per travel profile), visits and vehicles.
///
/// The objective, minimised lexicographically by tier and then as a sum: first serve as many
/// visits of tier 0 as possible, then of tier 1, and so on; then the travel time of every
/// route, plus vehicles' fixed costs, plus continuity costs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Problem {
    /// Travel times, one matrix per profile, all of the same size.
    pub matrices: Vec<Matrix>,
    /// The visits.
    pub visits: Vec<Visit>,
    /// The vehicles.
    pub vehicles: Vec<Vehicle>,
}

impl Problem {
    /// Checks every record, naming the first fault.
    ///
    /// ```
    /// use huzhu_routing::{Matrix, Problem, Vehicle, Visit};
    /// let m = Matrix::from_rows(&[vec![0, 5], vec![5, 0]])?;
    /// let p = Problem { matrices: vec![m], visits: vec![Visit::new(1, 10).with_windows([(20, 10)])],
    ///     vehicles: vec![Vehicle::new(0, 0, (0, 100))] };
    /// let e = p.validate().unwrap_err();
    /// assert_eq!((e.record().as_deref(), e.field()), (Some("visit 0"), Some("windows[0]")));
    /// # Ok::<(), huzhu_routing::RoutingError>(())
    /// ```
    pub fn validate(&self) -> Result<(), RoutingError> {
        let size = self.matrices.first().map_or(0, Matrix::size);
        if self.matrices.is_empty() {
            return Err(RoutingError::NoMatrix);
        }
        for (i, m) in self.matrices.iter().enumerate() {
            if m.size() != size {
                return Err(RoutingError::MatrixShape {
                    row: i,
                    found: m.size(),
                    expected: size,
                });
            }
        }
        let location = |l: usize, record: String, field: &'static str| {
            if l < size {
                Ok(())
            } else {
                Err(RoutingError::Invalid {
                    record,
                    field: field.to_owned(),
                    reason: format!("location {l} is not below the matrix size {size}"),
                })
            }
        };
        for (i, v) in self.vehicles.iter().enumerate() {
            let record = || format!("vehicle {i}");
            location(v.start, record(), "start")?;
            location(v.end, record(), "end")?;
            if v.shift.0 > v.shift.1 {
                return Err(invalid(record(), "shift", "ends before it starts"));
            }
            if v.max_duration.is_some_and(|d| d < 0) {
                return Err(invalid(record(), "max_duration", "is negative"));
            }
            if v.capacity.is_some_and(|c| c < 0) {
                return Err(invalid(record(), "capacity", "is negative"));
            }
            if v.profile >= self.matrices.len() {
                return Err(invalid(record(), "profile", "names no matrix"));
            }
            if v.fixed_cost < 0 {
                return Err(invalid(record(), "fixed_cost", "is negative"));
            }
        }
        for (i, v) in self.visits.iter().enumerate() {
            let record = || format!("visit {i}");
            location(v.location, record(), "location")?;
            if v.duration < 0 {
                return Err(invalid(record(), "duration", "is negative"));
            }
            if v.demand < 0 {
                return Err(invalid(record(), "demand", "is negative"));
            }
            if v.continuity_cost < 0 {
                return Err(invalid(record(), "continuity_cost", "is negative"));
            }
            if v.drop_cost < 0 {
                return Err(invalid(record(), "drop_cost", "is negative"));
            }
            let mut last: Option<i64> = None;
            for (w, &(open, close)) in v.windows.iter().enumerate() {
                let reason = if open > close {
                    "closes before it opens"
                } else if last.is_some_and(|l| open <= l) {
                    "does not open after the window before closes"
                } else {
                    last = Some(close);
                    continue;
                };
                return Err(RoutingError::Invalid {
                    record: record(),
                    field: format!("windows[{w}]"),
                    reason: reason.to_owned(),
                });
            }
            for (field, list) in [("vehicles", &v.vehicles), ("preferred", &v.preferred)] {
                if let Some(at) = list.iter().position(|&k| k >= self.vehicles.len()) {
                    return Err(RoutingError::Invalid {
                        record: record(),
                        field: format!("{field}[{at}]"),
                        reason: "names no vehicle".to_owned(),
                    });
                }
            }
        }
        Ok(())
    }
}

fn invalid(record: String, field: &'static str, reason: &str) -> RoutingError {
    RoutingError::Invalid {
        record,
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
}
