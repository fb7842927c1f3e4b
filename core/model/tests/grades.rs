//! Star grades (星级评定) belong to self-governing and social organisations: 3A and above get
//! resources first; a canteen's stars give no such priority.

use huzhu::model::*;

fn org(id: u32, kind: ProviderKind, stars: u8) -> Provider {
    Provider {
        stars,
        ..Provider::new(ProviderId(id), "Org", kind)
    }
}

#[test]
fn three_a_and_above_of_graded_organisations_come_first() {
    use ProviderKind::*;
    for kind in [OwnersCommittee, VolunteerTeam, InterestGroup] {
        assert!(kind.is_self_governing() && kind.is_graded(), "{kind:?}");
    }
    assert!(SocialOrganisation.is_graded() && !SocialOrganisation.is_self_governing());
    for kind in [
        ServiceCentre,
        HealthStation,
        DayCareCentre,
        Canteen,
        Company,
        School,
        Other,
    ] {
        assert!(!kind.is_graded(), "{kind:?}");
    }
    assert!(org(1, VolunteerTeam, 3).has_priority());
    assert!(!org(2, VolunteerTeam, 2).has_priority());
    assert!(org(3, SocialOrganisation, 5).has_priority());
    assert!(!org(4, Canteen, 5).has_priority());
    assert!(!org(5, InterestGroup, 0).has_priority());
    assert_eq!(PRIORITY_STARS, 3);
    // 6A does not exist.
    let e = org(6, OwnersCommittee, 6).check().unwrap_err();
    assert_eq!(
        (e.record().map(|r| r.to_string()), e.field()),
        (Some("provider#6".into()), Some("stars"))
    );
}

#[test]
fn the_new_kinds_read_by_their_codes() {
    let json = r#"{"format": "huzhu.community", "version": 1, "name": "X",
        "providers": [{"id": 1, "name": "Owners' committee", "kind": "owners_committee", "stars": 4},
                      {"id": 2, "name": "Silver team", "kind": "volunteer_team", "stars": 3},
                      {"id": 3, "name": "Calligraphy", "kind": "interest_group"}]}"#;
    let c = Community::from_json(json).unwrap();
    let kinds: Vec<_> = c.providers().map(|p| (p.kind, p.has_priority())).collect();
    assert_eq!(
        kinds,
        [
            (ProviderKind::OwnersCommittee, true),
            (ProviderKind::VolunteerTeam, true),
            (ProviderKind::InterestGroup, false)
        ]
    );
}

/// Facility time goes first to 3A+ self-governing and social organisations, then by grade,
/// then by id; an organisation asking twice is served once.
#[test]
fn facility_time_is_allocated_to_three_a_first() {
    use ProviderKind::*;
    let asking = [
        org(7, Company, 5),
        org(2, VolunteerTeam, 3),
        org(5, OwnersCommittee, 4),
        org(3, InterestGroup, 3),
        org(9, Canteen, 0),
        org(2, VolunteerTeam, 3),
        org(1, InterestGroup, 2),
    ];
    // Priority: 5 (4A), then 2 and 3 (3A, by id); then the company (5 stars, no priority), the
    // 2A group, the canteen.
    let order: Vec<u32> = allocation_order(&asking).iter().map(|p| p.0).collect();
    assert_eq!(order, [5, 2, 3, 7, 1, 9]);
}
