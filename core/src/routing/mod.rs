//! Visit rounds: which worker visits which homes, in what order, at what times.
//!
//! [`plan_rounds`] takes visits ([`RoundVisit`]: a place, a length, windows, skills, a required
//! or preferred server, an urgency) and servers ([`RoundWorker`]: start and end places, shifts,
//! skills, a working-time limit, a way of travel) in the community's local times and places,
//! and returns each server's [`Round`] per shift and the visits not planned with their reason
//! ([`Unplanned`]). [`replan_rounds`] re-plans after a change, moving as little as it can.
//! [`plan_week`] plans a week day by day so each resident's contact interval
//! ([`ContactRound`]) holds, within servers' weekly minutes shared with the matcher.
//!
//! The engine is the crate `huzhu-routing`, re-exported here: a [`Problem`] in integers
//! (travel-time matrices, visits with time windows, vehicles for shifts) solved by a seeded
//! adaptive large neighbourhood search ([`solve`], [`solve_with`], [`reroute`], [`explain`]).

mod care;
mod error;
#[cfg(feature = "serde")]
mod geojson;
mod rounds;
mod week;

pub use care::{contact_rounds, contact_visits, walkers_from_homes};
pub use error::RoundsError;
#[doc(inline)]
pub use huzhu_routing::*;
pub use rounds::{
    Round, RoundVisit, RoundWorker, Rounds, RoundsPolicy, Server, Stop, TravelMode, Unplanned,
    VisitSource, plan_rounds, replan_rounds,
};
pub use week::{ContactKept, ContactRound, DayRounds, Week, WeekPolicy, plan_week};
