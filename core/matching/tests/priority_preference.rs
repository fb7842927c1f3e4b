//! The documents: self-governing and social organisations graded 3A and above get resources
//! first. Where huzhu allocates, that is a documented preference: a service of such an
//! organisation costs `priority_discount` less (default 30, three walking minutes).

use huzhu::matching::{MatchContext, MatchPolicy, match_needs};
use huzhu::model::*;
use huzhu_testkit::{need, now, origin, resident, service};

/// Two identical cleaning services at the resident's door: service#1 of a 5-star company (not
/// graded, so no priority), service#2 of a social organisation graded `stars`.
fn community(stars: u8) -> Community {
    let mut c = Community::new("Priority lane");
    c.add_resident(resident(1, origin())).unwrap();
    let org = |id, kind, stars| Provider {
        stars,
        ..Provider::new(ProviderId(id), "Org", kind)
    };
    c.add_provider(org(1, ProviderKind::Company, 5)).unwrap();
    c.add_provider(org(2, ProviderKind::SocialOrganisation, stars))
        .unwrap();
    c.add_service(service(1, "elder.cleaning", origin(), 10))
        .unwrap();
    c.add_service(Service {
        provider: ProviderId(2),
        ..service(2, "elder.cleaning", origin(), 10)
    })
    .unwrap();
    c.add_need(need(1, 1)).unwrap();
    c
}

#[test]
fn a_three_a_organisation_is_preferred_among_equals() {
    let c = community(3);
    let plan = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now())).unwrap();
    let a = plan.assignment(NeedId(1)).unwrap();
    assert_eq!(a.helper, HelperId::Service(ServiceId(2)));
    assert_eq!(a.cost.priority, 30);
    // Without the preference the two cost the same and the tie goes to the lower id.
    let policy = MatchPolicy {
        priority_discount: 0,
        ..MatchPolicy::default()
    };
    let plan = match_needs(&c, &policy, &MatchContext::new(now())).unwrap();
    assert_eq!(
        plan.assignment(NeedId(1)).unwrap().helper,
        HelperId::Service(ServiceId(1))
    );
}

#[test]
fn a_two_a_grade_or_an_ungraded_kind_gives_no_preference() {
    let c = community(2);
    let plan = match_needs(&c, &MatchPolicy::default(), &MatchContext::new(now())).unwrap();
    let a = plan.assignment(NeedId(1)).unwrap();
    assert_eq!(
        (a.helper, a.cost.priority),
        (HelperId::Service(ServiceId(1)), 0)
    );
    // A negative discount is refused naming the setting.
    let bad = MatchPolicy {
        priority_discount: -1,
        ..MatchPolicy::default()
    };
    assert_eq!(
        bad.check().unwrap_err().setting(),
        Some("priority_discount")
    );
}
