//! Visit rounds: which worker visits which homes, in what order, at what times.
//!
//! A vehicle routing problem with time windows in integers ([`Problem`]): visits with a
//! location, a duration, any number of time windows, skills, a required or preferred vehicle
//! and a priority tier; vehicles (one worker's shift each) with a start and an end, a shift,
//! a working-time limit, a capacity, skills and a travel-time matrix for their mode of travel.
//! [`solve`] serves the most important tiers first, then minimises travel, fixed and
//! continuity costs, by an adaptive large neighbourhood search (random, worst, related and
//! route removal; greedy and regret insertion; relocate and 2-opt* local search; simulated
//! annealing). It is pure and seeded: the same seed and budget give the same routes, and the
//! caller passes any time limit in ([`solve_with`]).

// Visits are v and w, vehicles k, positions i and j, as in the routing literature.
#![allow(clippy::many_single_char_names)]

mod error;
mod local;
mod operators;
mod problem;
mod reasons;
mod route;
mod search;
mod solution;
mod state;

pub use error::RoutingError;
pub use problem::{Matrix, Problem, Vehicle, Visit};
pub use reasons::{Unserved, explain};
pub use search::{Options, reroute, solve, solve_with};
pub use solution::{PlannedRoute, Solution};
