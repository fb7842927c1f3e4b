//! The figures of a replay: match rate, on-time response, special groups and emergencies
//! served, travel and fairness.

use std::collections::BTreeMap;

use super::replay::{Fate, NeedOutcome};
use crate::model::{Community, HelperId, Urgency};

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
    (of > 0).then(|| f64::from(count) / f64::from(of))
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
    let median_response_minutes =
        (!response.is_empty()).then(|| response[(response.len() - 1) / 2]);
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

/// The Gini coefficient of non-negative counts, `None` when they sum to zero:
/// `2 Σ i·x₍ᵢ₎ / (n Σ x) − (n + 1) / n` over the counts sorted ascending, `i` from 1.
///
/// Worked by hand: `[0, 0, 0, 4]` gives `2·16/(4·4) − 5/4 = 0.75`; equal counts give 0.
pub(crate) fn gini(counts: &[u32]) -> Option<f64> {
    let mut x: Vec<u64> = counts.iter().map(|&c| u64::from(c)).collect();
    x.sort_unstable();
    let n = x.len() as u128;
    let total: u128 = x.iter().map(|&c| u128::from(c)).sum();
    if total == 0 {
        return None;
    }
    let weighted: u128 = x
        .iter()
        .enumerate()
        .map(|(i, &c)| (i as u128 + 1) * u128::from(c))
        .sum();
    // (2·weighted − (n + 1)·total) / (n·total), exact in integers until the last division.
    let num = 2 * weighted as i128 - ((n + 1) * total) as i128;
    Some(num as f64 / (n * total) as f64)
}

#[cfg(test)]
mod tests {
    use super::gini;

    #[test]
    fn gini_by_hand() {
        assert_eq!(gini(&[0, 0, 0, 4]), Some(0.75));
        assert_eq!(gini(&[3, 3, 3]), Some(0.0));
        // [1, 3]: 2·(1 + 6)/(2·4) − 3/2 = 1.75 − 1.5 = 0.25
        assert_eq!(gini(&[3, 1]), Some(0.25));
        assert_eq!(gini(&[0, 0]), None);
        assert_eq!(gini(&[]), None);
    }
}
