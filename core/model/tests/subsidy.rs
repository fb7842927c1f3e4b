//! Who pays what: the documents' three subsidy classes get free service where a service is
//! free for them; others pay the low-cost price, with a fixed care-card price (3 yuan a meal)
//! or a percentage discount. Worked by hand from the documents' wording.

use chrono::NaiveDate;
use huzhu::model::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// A resident born on 24 November of `born`, so aged exactly 2026 − `born` on the day.
fn resident(
    born: i32,
    household: Household,
    self_care: SelfCare,
    groups: &[SpecialGroup],
) -> Resident {
    let mut r = Resident::new(
        ResidentId(1),
        NaiveDate::from_ymd_opt(born, 11, 24).unwrap(),
        GeoPoint {
            lat: 31.2,
            lon: 121.5,
        },
        GridId(1),
    );
    r.household = household;
    r.self_care = self_care;
    r.groups = groups.iter().copied().collect();
    r
}

#[test]
fn the_three_subsidy_classes() {
    use Household::{LivesAlone, WithFamily};
    use SelfCare::{Dependent, Full, Partial};
    use SubsidyClass::{AgedLivingAloneDependent, EconomicHardship, SpecialContribution};
    let p = SubsidyPolicy::default();
    let class = |r: Resident| r.subsidy_class(day(), &p);
    // Economic hardship: minimum allowance (低保) or extreme-poverty support (特困), any age.
    assert_eq!(
        class(resident(
            1990,
            WithFamily,
            Full,
            &[SpecialGroup::MinimumAllowance]
        )),
        Some(EconomicHardship)
    );
    assert_eq!(
        class(resident(
            1960,
            WithFamily,
            Full,
            &[SpecialGroup::ExtremePoverty]
        )),
        Some(EconomicHardship)
    );
    // Special contribution (特殊贡献).
    assert_eq!(
        class(resident(
            1950,
            WithFamily,
            Full,
            &[SpecialGroup::SpecialContribution]
        )),
        Some(SpecialContribution)
    );
    // Aged 80 today, living alone, partly self-caring: the third class; 79 is not.
    assert_eq!(
        class(resident(1946, LivesAlone, Partial, &[])),
        Some(AgedLivingAloneDependent)
    );
    assert_eq!(class(resident(1947, LivesAlone, Dependent, &[])), None);
    // 85 but with family, or alone and fully self-caring: other groups, not free.
    assert_eq!(class(resident(1941, WithFamily, Dependent, &[])), None);
    assert_eq!(class(resident(1941, LivesAlone, Full, &[])), None);
    // Elderly living alone or disabled are special groups but not subsidy classes by themselves.
    assert_eq!(
        class(resident(
            1960,
            WithFamily,
            Partial,
            &[SpecialGroup::Disabled]
        )),
        None
    );
    // A changed default: from 75.
    let p75 = SubsidyPolicy { aged_from: 75 };
    assert_eq!(
        resident(1950, LivesAlone, Partial, &[]).subsidy_class(day(), &p75),
        Some(AgedLivingAloneDependent)
    );
}

#[test]
fn free_for_the_classes_card_price_or_discount_for_others() {
    let p = SubsidyPolicy::default();
    let mut meal = Service::new(
        ServiceId(1),
        ProviderId(1),
        "Lunch",
        vec!["elder.meals".into()],
        GeoPoint {
            lat: 31.2,
            lon: 121.5,
        },
    );
    // A 6-yuan meal; card holders pay a fixed 3 yuan (3元/餐); free for the subsidy classes.
    meal.fee = Fee::LowCost {
        price_fen: 600,
        care_card_discount_pct: 0,
        care_card_price_fen: Some(300),
    };
    meal.free_for_subsidised = true;
    let hardship = resident(
        1950,
        Household::WithFamily,
        SelfCare::Full,
        &[SpecialGroup::MinimumAllowance],
    );
    let mut card = resident(1950, Household::WithFamily, SelfCare::Full, &[]);
    card.care_card = true;
    let other = resident(1950, Household::WithFamily, SelfCare::Full, &[]);
    assert_eq!(meal.price_for(&hardship, day(), &p), 0);
    assert_eq!(meal.price_for(&card, day(), &p), 300);
    assert_eq!(meal.price_for(&other, day(), &p), 600);
    // A 10% card discount instead: 540 fen.
    meal.fee = Fee::LowCost {
        price_fen: 600,
        care_card_discount_pct: 10,
        care_card_price_fen: None,
    };
    assert_eq!(meal.price_for(&card, day(), &p), 540);
    // Not free for the classes: the subsidised resident pays like anyone without a card.
    meal.free_for_subsidised = false;
    assert_eq!(meal.price_for(&hardship, day(), &p), 600);
    // A card price above the price is no dearer than the price.
    meal.fee = Fee::LowCost {
        price_fen: 200,
        care_card_discount_pct: 0,
        care_card_price_fen: Some(300),
    };
    assert_eq!(meal.price_for(&card, day(), &p), 200);
    // The former field name still reads.
    let mut json = serde_json::to_value(&meal).unwrap();
    let fields = json.as_object_mut().unwrap();
    fields.remove("free_for_subsidised");
    fields.insert("free_for_priority".into(), true.into());
    let s: Service = serde_json::from_value(json).unwrap();
    assert!(s.free_for_subsidised);
}
