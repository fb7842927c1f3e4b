//! The example snapshot in the repository loads, matches as worked out by hand, and round-trips.

use chrono::NaiveDate;
use huzhu::matching::{MatchContext, MatchPolicy, match_needs};
use huzhu::model::*;

const EXAMPLE: &str = include_str!("../../examples/community.json");

#[test]
fn example_snapshot_loads_and_round_trips() {
    let c = Community::from_json(EXAMPLE).unwrap();
    assert_eq!(
        (
            c.residents().len(),
            c.volunteers().len(),
            c.services().len(),
            c.needs().len()
        ),
        (3, 2, 2, 3)
    );
    assert!(c.taxonomy().contains(&"local.tea_house".into()));
    assert_eq!(Community::from_json(&c.to_json()).unwrap(), c);
}

#[test]
fn example_snapshot_matches_as_expected() {
    let c = Community::from_json(EXAMPLE).unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let plan = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now)).unwrap();
    // Lunch: the canteen (the resident is 85, living alone, so free); follow-up: the health
    // station's door-to-door service; childcare: volunteer 2 (female, holds `childcare`,
    // free Tuesday 15:30–18:30).
    let helper = |n| plan.assignment(NeedId(n)).unwrap().helper;
    assert_eq!(helper(1), HelperId::Service(ServiceId(1)));
    assert_eq!(helper(2), HelperId::Service(ServiceId(2)));
    assert_eq!(helper(3), HelperId::Volunteer(VolunteerId(2)));
    assert_eq!(plan.assignment(NeedId(1)).unwrap().cost.fee, 0);
    assert!(plan.unmatched.is_empty());
}
