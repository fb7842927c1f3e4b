//! Exact min-cost flow solvers for matching needs to suppliers: network simplex, successive
//! shortest paths, and [`verify`].
//!
//! A [`FlowProblem`] has needs, suppliers with convex load [`Tier`]s, candidate arcs with
//! costs, optional unassigned penalties, pins and exclusions. [`NetworkSimplex`] is the main
//! solver; [`SuccessiveShortestPaths`] suits small problems and re-solves warm-started from an
//! earlier [`Solution`]. Every solution carries dual potentials that prove it optimal;
//! [`verify`] checks them and [`Solution::reduced_cost`] explains "why not this arc".
//!
//! All arithmetic is on `i64` integers, results are deterministic (ties by index), and no
//! input makes the solvers panic: bad input is a [`ProblemError`] or [`SolveError`].
//! [`Residual`] gives exact sensitivity from an optimum: what forcing a pairing would cost and
//! which needs it would move.
//!
//! The solver inside [huzhu](https://example.invalid/huzhu)'s matcher (re-exported there as
//! `huzhu::matching::solver`), in a crate of its own: it knows nothing of residents or
//! volunteers, and builds tuned for size can still compile it for speed. [`bmatch`] reads the
//! matching benchmark's text format, on [`text`], the reader of such instance files.
//!
//! ```
//! use huzhu_solver::{verify, FlowProblem, NetworkSimplex, SuccessiveShortestPaths, Tier};
//!
//! let mut p = FlowProblem::new();
//! // A helper whose second task in a day costs 5 extra.
//! let helper = p.add_supplier(&[Tier::new(1, 0), Tier::new(1, 5)])?;
//! let other = p.add_supplier(&[Tier::new(2, 0)])?;
//! let a = p.add_need(None)?;
//! let b = p.add_need(Some(100))?;
//! p.add_arc(a, helper, 1)?;
//! p.add_arc(b, helper, 2)?;
//! p.add_arc(b, other, 6)?;
//! let ns = NetworkSimplex::new().solve(&p)?;
//! let ssp = SuccessiveShortestPaths::new().solve(&p)?;
//! verify(&p, &ns)?;
//! verify(&p, &ssp)?;
//! assert_eq!(ns.objective, 7); // 1 + 6: sending b to the busy helper would cost 2 + 5
//! assert_eq!(ssp.objective, ns.objective);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod bmatch;
mod error;
mod network;
mod problem;
mod residual;
mod simplex;
mod solution;
mod ssp;
pub mod text;

pub use error::{CostField, FlowArc, ProblemError, SolveError, VerifyError};
pub use problem::{Candidate, FlowProblem, MAX_COST, MAX_ITEMS, Tier};
pub use residual::{ForcedPath, Residual};
pub use simplex::NetworkSimplex;
pub use solution::{Solution, verify};
pub use ssp::SuccessiveShortestPaths;
