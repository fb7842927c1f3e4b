//! One route: a vehicle's visits in order, their service start times, and the checks that
//! keep it feasible (windows, shift, working time, capacity).

use crate::problem::{Problem, Vehicle, Visit};

/// The earliest start of service at or after `arrival` within `windows` (any time if none).
#[inline]
pub(crate) fn earliest_start(windows: &[(i64, i64)], arrival: i64) -> Option<i64> {
    if windows.is_empty() {
        return Some(arrival);
    }
    windows
        .iter()
        .find(|&&(_, close)| close >= arrival)
        .map(|&(open, _)| open.max(arrival))
}

/// A vehicle's route with its schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub vehicle: usize,
    pub visits: Vec<usize>,
    /// Service start of each visit.
    pub starts: Vec<i64>,
    pub load: i64,
    /// Travel time of the route (0 when empty).
    pub travel: i64,
    /// Return time to the end location.
    pub end_time: i64,
}

/// What a route needs to know about the problem, borrowed.
pub(crate) struct View<'a> {
    pub problem: &'a Problem,
}

impl View<'_> {
    #[inline]
    pub fn time(&self, vehicle: &Vehicle, a: usize, b: usize) -> i64 {
        self.problem.matrices[vehicle.profile].time(a, b)
    }

    #[inline]
    pub fn visit(&self, v: usize) -> &Visit {
        &self.problem.visits[v]
    }
}

/// The departure that reaches the first visit just in time (not before the shift starts):
/// working time counts from it.
fn departure(view: &View<'_>, vehicle: &Vehicle, first: Option<(usize, i64)>) -> i64 {
    match first {
        Some((v, start)) => {
            let travel = view.time(vehicle, vehicle.start, view.visit(v).location);
            (start - travel).max(vehicle.shift.0)
        }
        None => vehicle.shift.0,
    }
}

impl Route {
    pub fn empty(vehicle: usize, problem: &Problem) -> Self {
        Self {
            vehicle,
            visits: Vec::new(),
            starts: Vec::new(),
            load: 0,
            travel: 0,
            end_time: problem.vehicles[vehicle].shift.0,
        }
    }

    /// Recomputes the schedule of `visits` for `vehicle`; `None` if infeasible.
    pub fn build(view: &View<'_>, vehicle: usize, visits: Vec<usize>) -> Option<Self> {
        let k = &view.problem.vehicles[vehicle];
        let mut starts = Vec::with_capacity(visits.len());
        let (mut loc, mut ready, mut load, mut travel) = (k.start, k.shift.0, 0i64, 0i64);
        for &v in &visits {
            let visit = view.visit(v);
            let t = view.time(k, loc, visit.location);
            let start = earliest_start(&visit.windows, ready + t)?;
            starts.push(start);
            travel += t;
            load += visit.demand;
            ready = start + visit.duration;
            loc = visit.location;
        }
        if visits.is_empty() {
            return Some(Self::empty(vehicle, view.problem));
        }
        let back = view.time(k, loc, k.end);
        let end_time = ready + back;
        travel += back;
        let route = Self {
            vehicle,
            visits,
            starts,
            load,
            travel,
            end_time,
        };
        route.within_limits(view).then_some(route)
    }

    fn within_limits(&self, view: &View<'_>) -> bool {
        let k = &view.problem.vehicles[self.vehicle];
        if self.end_time > k.shift.1 || k.capacity.is_some_and(|c| self.load > c) {
            return false;
        }
        let first = self.visits.first().map(|&v| (v, self.starts[0]));
        let depart = departure(view, k, first);
        k.max_duration.is_none_or(|d| self.end_time - depart <= d)
    }

    /// The ready time (end of service) and location after position `i - 1` (the start for 0).
    #[inline]
    fn before(&self, view: &View<'_>, i: usize) -> (usize, i64) {
        let k = &view.problem.vehicles[self.vehicle];
        if i == 0 {
            (k.start, k.shift.0)
        } else {
            let v = self.visits[i - 1];
            (
                view.visit(v).location,
                self.starts[i - 1] + view.visit(v).duration,
            )
        }
    }

    /// The location after position `i` (the end when past the last visit).
    #[inline]
    fn after(&self, view: &View<'_>, i: usize) -> usize {
        match self.visits.get(i) {
            Some(&v) => view.visit(v).location,
            None => view.problem.vehicles[self.vehicle].end,
        }
    }

    /// The cost added by inserting `v` at position `i` (travel, the fixed cost if the route
    /// was empty, continuity) and the route's new return time, if feasible.
    pub fn insertion(&self, view: &View<'_>, v: usize, i: usize) -> Option<(i64, i64)> {
        let k = &view.problem.vehicles[self.vehicle];
        let visit = view.visit(v);
        if k.capacity.is_some_and(|c| self.load + visit.demand > c) {
            return None;
        }
        let (prev_loc, ready) = self.before(view, i);
        let next_loc = self.after(view, i);
        let to = view.time(k, prev_loc, visit.location);
        let start = earliest_start(&visit.windows, ready + to)?;
        let from = view.time(k, visit.location, next_loc);
        let mut ready = start + visit.duration;
        let mut loc = visit.location;
        // Push the later visits until one starts as it did.
        let mut j = i;
        while j < self.visits.len() {
            let w = self.visits[j];
            let wv = view.visit(w);
            let s = earliest_start(&wv.windows, ready + view.time(k, loc, wv.location))?;
            if s == self.starts[j] {
                break;
            }
            ready = s + wv.duration;
            loc = wv.location;
            j += 1;
        }
        let end_time = if j == self.visits.len() {
            ready + view.time(k, loc, k.end)
        } else {
            self.end_time
        };
        if end_time > k.shift.1 {
            return None;
        }
        if let Some(limit) = k.max_duration {
            let first = if i == 0 {
                (v, start)
            } else {
                (self.visits[0], self.starts[0])
            };
            if end_time - departure(view, k, Some(first)) > limit {
                return None;
            }
        }
        let travel = if self.visits.is_empty() {
            to + from + k.fixed_cost
        } else {
            to + from - view.time(k, prev_loc, next_loc)
        };
        Some((travel + continuity_cost(visit, self.vehicle), end_time))
    }

    /// The best position for `v` and the cost it adds, if any position is feasible. Ties: the
    /// position that brings the vehicle back earliest (leaving the most room), then the
    /// earliest position.
    pub fn best_insertion(&self, view: &View<'_>, v: usize) -> Option<(usize, i64)> {
        let mut best: Option<(i64, i64, usize)> = None;
        for i in 0..=self.visits.len() {
            if let Some((d, end)) = self.insertion(view, v, i)
                && best.is_none_or(|b| (d, end) < (b.0, b.1))
            {
                best = Some((d, end, i));
            }
        }
        best.map(|(d, _, i)| (i, d))
    }

    /// Inserts `v` at `i` (known feasible) and recomputes the schedule.
    pub fn insert(&mut self, view: &View<'_>, v: usize, i: usize) {
        let mut visits = std::mem::take(&mut self.visits);
        visits.insert(i, v);
        *self = Self::build(view, self.vehicle, visits).expect("a checked insertion is feasible");
    }

    /// Removes the visits for which `drop` is true and recomputes (removing never breaks a
    /// route that was feasible: with the triangle inequality; otherwise the caller repairs).
    pub fn remove_where(&mut self, view: &View<'_>, drop: impl Fn(usize) -> bool) -> Vec<usize> {
        let (gone, kept): (Vec<usize>, Vec<usize>) = self.visits.iter().partition(|&&v| drop(v));
        if !gone.is_empty() {
            let Some(shorter) = Self::build(view, self.vehicle, kept.clone()) else {
                // Travel times without the triangle inequality can make the shorter route
                // arrive later and miss a window: then every visit leaves the route.
                let mut all = gone;
                all.extend(kept);
                *self = Self::empty(self.vehicle, view.problem);
                return all;
            };
            *self = shorter;
        }
        gone
    }

    /// The cost of the route: travel, the fixed cost if used, continuity costs.
    pub fn cost(&self, view: &View<'_>) -> i64 {
        if self.visits.is_empty() {
            return 0;
        }
        let k = &view.problem.vehicles[self.vehicle];
        let continuity: i64 = self
            .visits
            .iter()
            .map(|&v| continuity_cost(view.visit(v), self.vehicle))
            .sum();
        self.travel + k.fixed_cost + continuity
    }
}

/// The continuity cost of serving `visit` with `vehicle`.
#[inline]
pub(crate) fn continuity_cost(visit: &Visit, vehicle: usize) -> i64 {
    if visit.preferred.is_empty() || visit.preferred.contains(&vehicle) {
        0
    } else {
        visit.continuity_cost
    }
}
