//! Why a visit is left unserved.

use crate::problem::Problem;
use crate::route::{Route, View};
use crate::solution::Solution;

/// Why a visit is unserved, from the most to the least fundamental.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "reason", rename_all = "snake_case"))]
pub enum Unserved {
    /// No vehicle may serve it: none has every skill it needs (or none of the vehicles it is
    /// limited to does).
    NoVehicle,
    /// Every vehicle that may serve it fails even with nothing else to do: its windows cannot
    /// be reached within the shift, the working time or the capacity.
    Unreachable,
    /// A vehicle could serve it alone, but every such route is full of visits at least as
    /// important.
    Full,
    /// A route would have room without these more important visits: on one of the visit's
    /// preferred vehicles if any would do, else the smallest such set over the vehicles that
    /// may serve it (ties by vehicle).
    Outcompeted {
        /// The more important visits on that route.
        by: Vec<usize>,
        /// That route's vehicle.
        vehicle: usize,
    },
}

/// The reason for each unserved visit of `solution`, in the order of `solution.unserved`.
///
/// ```
/// use huzhu_routing::{Matrix, Options, Problem, Unserved, Vehicle, Visit, explain, solve};
/// let m = Matrix::from_fn(3, |a, b| if a == b { 0 } else { 10 })?;
/// let p = Problem {
///     matrices: vec![m],
///     visits: vec![
///         Visit::new(1, 30).with_skills([7]),               // nobody has skill 7
///         Visit::new(1, 30).with_windows([(500, 510)]),     // after the shift
///         Visit::new(2, 40).with_tier(0),                   // fills the only shift
///         Visit::new(1, 40).with_tier(1),                   // so this one waits
///     ],
///     vehicles: vec![Vehicle::new(0, 0, (0, 70))],
/// };
/// let s = solve(&p, &Options::default())?;
/// let reasons = explain(&p, &s);
/// assert_eq!(s.unserved, [0, 1, 3]);
/// assert_eq!(reasons[0], Unserved::NoVehicle);
/// assert_eq!(reasons[1], Unserved::Unreachable);
/// assert_eq!(reasons[2], Unserved::Outcompeted { by: vec![2], vehicle: 0 });
/// # Ok::<(), huzhu_routing::RoutingError>(())
/// ```
pub fn explain(problem: &Problem, solution: &Solution) -> Vec<Unserved> {
    let view = View { problem };
    let route_of = |k: usize| solution.routes.iter().find(|r| r.vehicle == k);
    solution
        .unserved
        .iter()
        .map(|&v| {
            let visit = &problem.visits[v];
            let allowed: Vec<usize> = (0..problem.vehicles.len())
                .filter(|&k| {
                    (visit.vehicles.is_empty() || visit.vehicles.contains(&k))
                        && visit
                            .skills
                            .iter()
                            .all(|s| problem.vehicles[k].skills.contains(s))
                })
                .collect();
            if allowed.is_empty() {
                return Unserved::NoVehicle;
            }
            if allowed
                .iter()
                .all(|&k| Route::build(&view, k, vec![v]).is_none())
            {
                return Unserved::Unreachable;
            }
            let mut best: Option<((bool, usize), Vec<usize>, usize)> = None;
            for &k in &allowed {
                let Some(route) = route_of(k) else { continue };
                let (higher, rest): (Vec<usize>, Vec<usize>) = route
                    .visits
                    .iter()
                    .partition(|&&w| problem.visits[w].tier < visit.tier);
                if higher.is_empty() {
                    continue;
                }
                let fits = Route::build(&view, k, rest)
                    .and_then(|r| r.best_insertion(&view, v))
                    .is_some();
                // The resident's own server's round explains best; then the fewest to blame.
                let rank = (!visit.preferred.contains(&k), higher.len());
                if fits && best.as_ref().is_none_or(|(r, _, _)| rank < *r) {
                    let mut by = higher;
                    by.sort_unstable();
                    best = Some((rank, by, k));
                }
            }
            match best {
                Some((_, by, vehicle)) => Unserved::Outcompeted { by, vehicle },
                None => Unserved::Full,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Matrix, Options, Vehicle, Visit, solve};

    /// Two shifts with room for one visit each, both taken by emergencies: the general visit
    /// that prefers vehicle 1 is explained by vehicle 1's emergency, not vehicle 0's.
    #[test]
    fn the_preferred_round_explains_first() {
        let m = Matrix::from_fn(2, |a, b| if a == b { 0 } else { 5 }).unwrap();
        let p = Problem {
            matrices: vec![m],
            visits: vec![
                Visit::new(1, 50).with_tier(0),
                Visit::new(1, 50).with_tier(0),
                Visit::new(1, 50).with_tier(1).with_preferred([1], 10),
            ],
            vehicles: vec![Vehicle::new(0, 0, (0, 60)), Vehicle::new(0, 0, (0, 60))],
        };
        let s = solve(&p, &Options::default().with_iterations(50)).unwrap();
        assert_eq!(s.unserved, [2]);
        let on_one = s
            .routes
            .iter()
            .find(|r| r.vehicle == 1)
            .unwrap()
            .visits
            .clone();
        assert_eq!(
            explain(&p, &s),
            [Unserved::Outcompeted {
                by: on_one,
                vehicle: 1
            }]
        );
    }
}
