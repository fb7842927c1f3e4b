//! The figures of a replay: match rate, on-time response, special groups and emergencies
//! served, travel and fairness.

use std::collections::BTreeMap;

use super::replay::{Fate, NeedOutcome};
use crate::model::{Community, HelperId, Urgency};
use crate::scoring::stats::{self, gini};

/// The figures of a replay. A rate over no needs is `None` ("no data"), never a number.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DispatchSummary {
    /// Needs open at the start and recorded by the last run.
    pub needs: u32,
    /// Of them, booked with a helper.
    pub served: u32,
    /// `served / needs`.
    pub match_rate: Option<f64>,
    /// Needs decided for response: booked, or not booked with the deadline passed.
    pub decided: u32,
    /// Of them, booked by the deadline.
    pub on_time: u32,
    /// `on_time / decided`.
    pub on_time_rate: Option<f64>,
    /// Needs of special groups (special-group urgency or a resident in a special group).
    pub special_needs: u32,
    /// Of them, booked.
    pub special_served: u32,
    /// `special_served / special_needs`.
    pub special_rate: Option<f64>,
    /// Emergency needs.
    pub emergency_needs: u32,
    /// Of them, booked.
    pub emergency_served: u32,
    /// `emergency_served / emergency_needs`.
    pub emergency_rate: Option<f64>,
    /// Needs whose windows all passed unserved.
    pub expired: u32,
    /// Needs no helper could ever serve.
    pub no_candidate: u32,
    /// Needs still waiting at the end with a window ahead.
    pub waiting: u32,
    /// Metres between helpers (or facilities) and places, over every booking.
    pub travel_m: u64,
    /// `travel_m / served`.
    pub mean_travel_m: Option<f64>,
    /// The median minutes from a need's recording to its booking (the lower middle of an even
    /// count).
    pub median_response_minutes: Option<i64>,
    /// Gini coefficient of tasks over the community's volunteers (0: every volunteer took as
    /// many; near 1: a few took them all); `None` when volunteers took no task.
    pub volunteer_load_gini: Option<f64>,
    /// Most tasks any one volunteer took.
    pub busiest_volunteer_tasks: u32,
}

fn rate(count: u32, of: u32) -> Option<f64> {
    stats::rate(u64::from(count), u64::from(of))
}

/// The figures of a list of outcomes, with the community's volunteers for fairness.
pub(crate) fn summarise(community: &Community, outcomes: &[NeedOutcome]) -> DispatchSummary {
    let count = |f: &dyn Fn(&NeedOutcome) -> bool| {
        u32::try_from(outcomes.iter().filter(|o| f(o)).count()).unwrap_or(u32::MAX)
    };
    let served = |o: &NeedOutcome| o.fate == Fate::Served;
    let needs = u32::try_from(outcomes.len()).unwrap_or(u32::MAX);
    let served_n = count(&served);
    let decided = count(&|o| o.on_time.is_some());
    let on_time = count(&|o| o.on_time == Some(true));
    let special_needs = count(&|o| o.special);
    let special_served = count(&|o| o.special && served(o));
    let emergency = |o: &NeedOutcome| o.urgency == Urgency::Emergency;
    let emergency_needs = count(&emergency);
    let emergency_served = count(&|o| emergency(o) && served(o));
    let travel_m: u64 = outcomes
        .iter()
        .filter_map(|o| o.booking)
        .map(|b| u64::from(b.distance_m))
        .sum();
    let mut response: Vec<i64> = outcomes
        .iter()
        .filter_map(|o| o.booking.map(|b| (b.at - o.created_at).num_minutes()))
        .collect();
    response.sort_unstable();
    let median_response_minutes = stats::percentile(&response, 50);
    let mut tasks: BTreeMap<HelperId, u32> = community
        .volunteers()
        .map(|v| (HelperId::Volunteer(v.id), 0))
        .collect();
    for b in outcomes.iter().filter_map(|o| o.booking) {
        if let Some(t) = tasks.get_mut(&b.helper) {
            *t += 1;
        }
    }
    let loads: Vec<u32> = tasks.into_values().collect();
    DispatchSummary {
        needs,
        served: served_n,
        match_rate: rate(served_n, needs),
        decided,
        on_time,
        on_time_rate: rate(on_time, decided),
        special_needs,
        special_served,
        special_rate: rate(special_served, special_needs),
        emergency_needs,
        emergency_served,
        emergency_rate: rate(emergency_served, emergency_needs),
        expired: count(&|o| o.fate == Fate::Expired),
        no_candidate: count(&|o| o.fate == Fate::NoCandidate),
        waiting: count(&|o| o.fate == Fate::Waiting),
        travel_m,
        mean_travel_m: (served_n > 0).then(|| travel_m as f64 / f64::from(served_n)),
        median_response_minutes,
        volunteer_load_gini: gini(&loads),
        busiest_volunteer_tasks: loads.iter().copied().max().unwrap_or(0),
    }
}
