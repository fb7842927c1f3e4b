//! Comparing two periods' scorecards: changes, and whether a rate moved more than noise.

use chrono::NaiveDate;
use huzhu::model::Community;
use huzhu::scoring::*;

fn card(m: u32) -> Scorecard {
    let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    let c = Community::new("Compare lane");
    Scorecard::compute(
        &ScoringInputs::new(
            &c,
            Period::new(d(m), d(m + 1)).unwrap(),
            d(m + 1).and_hms_opt(0, 0, 0).unwrap(),
        ),
        &ScoringPolicy::default(),
    )
    .unwrap()
}

#[test]
fn the_documents_match_rate_rise_is_more_than_noise_three_answers_are_not() {
    // The pilot's match rate: 55 of 100 needs before, 82 of 100 after.
    let (mut before, mut after) = (card(10), card(11));
    (before.supply.matched, before.supply.demand) = (55, 100);
    (after.supply.matched, after.supply.demand) = (82, 100);
    // Suggestions adopted: 1 of 3, then 3 of 3 — a big jump on three answers.
    (
        before.voice.suggestions_adopted,
        before.voice.suggestions_decided,
    ) = (1, 3);
    (
        after.voice.suggestions_adopted,
        after.voice.suggestions_decided,
    ) = (3, 3);
    let cmp = compare(&before, &after, 1.96);
    let rate = |code: &str| cmp.rates.iter().find(|r| r.code == code).unwrap().clone();
    let m = rate("match_rate");
    // +0.27; Newcombe's interval from the Wilson intervals of 55/100 and 82/100 (computed
    // independently from the published formulas): 0.1422 to 0.3861, above zero.
    assert!((m.change.unwrap() - 0.27).abs() < 1e-12);
    let (lo, hi) = m.interval.unwrap();
    assert!(
        (lo - 0.142_244).abs() < 1e-5 && (hi - 0.386_129).abs() < 1e-5,
        "{lo} {hi}"
    );
    assert!(m.significant);
    // 1/3 → 3/3 is +0.67 but the interval straddles zero: not more than noise.
    let s = rate("suggestions_adopted");
    assert!((s.change.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert!(!s.significant, "{:?}", s.interval);
    // No data on either side: no change, no interval.
    let v = rate("visits");
    assert_eq!((v.change, v.interval, v.significant), (None, None, false));
    assert_eq!((cmp.before, cmp.after), (before.period, after.period));
}
