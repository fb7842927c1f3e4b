//! What the search returns.

/// One vehicle's planned route.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PlannedRoute {
    /// The vehicle.
    pub vehicle: usize,
    /// Its visits in order.
    pub visits: Vec<usize>,
    /// The start of service at each visit.
    pub starts: Vec<i64>,
    /// When it is back at its end location.
    pub end_time: i64,
    /// Its travel time.
    pub travel: i64,
    /// Its cost: travel, the vehicle's fixed cost, continuity costs.
    pub cost: i64,
}

/// A solution: the used vehicles' routes (by vehicle), the unserved visits, the cost.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Solution {
    /// Routes of the vehicles that serve at least one visit, by vehicle.
    pub routes: Vec<PlannedRoute>,
    /// Visits no route serves, ascending.
    pub unserved: Vec<usize>,
    /// The routes' total cost.
    pub cost: i64,
    /// Destroy-and-repair iterations run.
    pub iterations: u64,
}

impl Solution {
    /// The routes as `(vehicle, visits)` pairs, to warm-start another search.
    pub fn warm_start(&self) -> Vec<(usize, Vec<usize>)> {
        self.routes
            .iter()
            .map(|r| (r.vehicle, r.visits.clone()))
            .collect()
    }
}
