//! Two scorecards side by side: what moved between two periods, and for the rates whether the
//! change is more than noise, so nobody celebrates three answers.

use super::records::Period;
use super::scorecard::Scorecard;
use super::stats::wilson_interval;

/// A rate as counted: how many of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Count {
    /// The numerator.
    pub of: u64,
    /// The denominator.
    pub n: u64,
}

/// One rate in two periods.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RateChange {
    /// Stable code of the rate (an index indicator's code where there is one).
    pub code: String,
    /// The earlier period's count.
    pub before: Count,
    /// The later period's count.
    pub after: Count,
    /// `after − before` in shares (0.27 is 27 percentage points), `None` without data on one
    /// side.
    pub change: Option<f64>,
    /// Newcombe's interval for the difference of the two shares (from the two Wilson intervals
    /// at the scorecard's z).
    pub interval: Option<(f64, f64)>,
    /// Whether the interval leaves out zero: the change is more than noise.
    pub significant: bool,
}

/// What moved between two scorecards.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Comparison {
    /// The earlier period.
    pub before: Period,
    /// The later period.
    pub after: Period,
    /// The index in both, and its change in points.
    pub index: (Option<f64>, Option<f64>, Option<f64>),
    /// Every rate both scorecards count, in a fixed order.
    pub rates: Vec<RateChange>,
}

/// Newcombe's hybrid score interval (his method 10) for `p2 − p1`, from Wilson intervals at `z`.
///
/// ```
/// use huzhu::scoring::{Count, difference_interval};
/// // Newcombe's own example (Statistics in Medicine 17, 1998): 56/70 − 48/80 = 0.2000,
/// // method 10 gives 0.0524 to 0.3339.
/// let (lo, hi) = difference_interval(Count { of: 48, n: 80 }, Count { of: 56, n: 70 }, 1.959964).unwrap();
/// assert!((lo - 0.0524).abs() < 5e-5 && (hi - 0.3339).abs() < 5e-5, "{lo} {hi}");
/// ```
pub fn difference_interval(before: Count, after: Count, z: f64) -> Option<(f64, f64)> {
    let (l1, u1) = wilson_interval(before.of, before.n, z)?;
    let (l2, u2) = wilson_interval(after.of, after.n, z)?;
    let p1 = before.of as f64 / before.n as f64;
    let p2 = after.of as f64 / after.n as f64;
    let d = p2 - p1;
    let lower = d - ((p2 - l2).powi(2) + (u1 - p1).powi(2)).sqrt();
    let upper = d + ((u2 - p2).powi(2) + (p1 - l1).powi(2)).sqrt();
    Some((lower, upper))
}

/// The counted rates of a scorecard, by code.
pub(crate) fn counts(card: &Scorecard) -> Vec<(&'static str, Count)> {
    let count = |of: u32, n: u32| Count {
        of: u64::from(of),
        n: u64::from(n),
    };
    let mut rates = vec![
        ("match_rate", count(card.supply.matched, card.supply.demand)),
        (
            "response_compliance",
            count(card.response.overall.on_time, card.response.overall.decided),
        ),
    ];
    let overall = card
        .satisfaction
        .row(&super::satisfaction::Scope::All, card.period)
        .and_then(|r| r.overall);
    rates.push((
        "satisfaction",
        overall.map_or(count(0, 0), |all| count(all.satisfied, all.n)),
    ));
    let (done, records) = card
        .delivery
        .iter()
        .fold((0, 0), |(d, t), h| (d + h.done, t + h.records));
    rates.push(("completion", count(done, records)));
    let sg = &card.special_groups.all;
    rates.push(("special_group_coverage", count(sg.covered, sg.residents)));
    rates.push((
        "visits",
        count(card.visits.on_schedule, card.visits.in_scope),
    ));
    let vp = &card.participation;
    rates.push((
        "volunteer_participation",
        count(vp.participated, vp.residents),
    ));
    let eng = &card.engagement.all;
    rates.push((
        "community_affairs",
        count(
            eng.community_affairs.participated,
            eng.community_affairs.residents,
        ),
    ));
    rates.push((
        "activity_participation",
        count(eng.activities.participated, eng.activities.residents),
    ));
    let id = &card.identity;
    rates.push((
        "neighbours_known",
        count(id.neighbours_known, id.neighbours_answered),
    ));
    let vo = &card.voice;
    rates.push(("feedback_answered", count(vo.answered_on_time, vo.decided)));
    rates.push((
        "suggestions_adopted",
        count(vo.suggestions_adopted, vo.suggestions_decided),
    ));
    rates
}

/// Compares two scorecards: the index and its change, and every counted rate with its change
/// and whether that change is more than noise at confidence `z` (1.96: 95%).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::Community;
/// use huzhu::scoring::{Period, Scorecard, ScoringInputs, ScoringPolicy, compare};
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let c = Community::new("x");
/// let card = |m| Scorecard::compute(&ScoringInputs::new(&c, Period::new(d(m), d(m + 1)).unwrap(),
///     d(m + 1).and_hms_opt(0, 0, 0).unwrap()), &ScoringPolicy::default()).unwrap();
/// let cmp = compare(&card(10), &card(11), 1.96);
/// assert!(cmp.rates.iter().all(|r| r.change.is_none() && !r.significant)); // nothing counted
/// ```
pub fn compare(before: &Scorecard, after: &Scorecard, z: f64) -> Comparison {
    let a = counts(before);
    let b = counts(after);
    let rates = a
        .into_iter()
        .zip(b)
        .map(|((code, x), (_, y))| {
            let share = |c: Count| (c.n > 0).then(|| c.of as f64 / c.n as f64);
            let change = share(x).zip(share(y)).map(|(p1, p2)| p2 - p1);
            let interval = difference_interval(x, y, z);
            RateChange {
                code: code.to_owned(),
                before: x,
                after: y,
                change,
                interval,
                significant: interval.is_some_and(|(lo, hi)| lo > 0.0 || hi < 0.0),
            }
        })
        .collect();
    let (i1, i2) = (before.index.score, after.index.score);
    Comparison {
        before: before.period,
        after: after.period,
        index: (i1, i2, i1.zip(i2).map(|(x, y)| y - x)),
        rates,
    }
}
