//! The residents' voice: complaints and suggestions received in a period, answered against the
//! deadline, handling time, repeat complaints and the share of suggestions adopted.

use chrono::{Duration, NaiveDateTime};

use super::records::Period;
use super::stats::{percentile, rate};
use crate::model::{Community, Feedback, FeedbackId, FeedbackKind, FeedbackOutcome, Urgency};

/// Complaints and suggestions of a period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VoiceReport {
    /// Complaints received in the period.
    pub complaints: u32,
    /// Suggestions received in the period.
    pub suggestions: u32,
    /// Of all received, those whose answer deadline (the general 24 h, on the calendar) had
    /// passed by `now` or that were answered: the ones that can be judged.
    pub decided: u32,
    /// Of those, answered by the deadline.
    pub answered_on_time: u32,
    /// `answered_on_time / decided`.
    pub answered_on_time_share: Option<f64>,
    /// Minutes from received to answered, median and 90th percentile (nearest rank).
    pub p50_answer_minutes: Option<i64>,
    /// 90th percentile of the same.
    pub p90_answer_minutes: Option<i64>,
    /// Received in the period and closed (by `now`).
    pub closed: u32,
    /// Mean days from received to closed of those (the documents: 7 days → 2).
    pub mean_handling_days: Option<f64>,
    /// Complaints of the period whose resident had complained about the same subject (or, with
    /// no subject, the same category) within the `repeat_window_days` before.
    pub repeat_complaints: u32,
    /// `repeat_complaints / complaints` (the documents: −40%).
    pub repeat_complaint_share: Option<f64>,
    /// Suggestions of the period closed as adopted or not adopted.
    pub suggestions_decided: u32,
    /// Of those, adopted.
    pub suggestions_adopted: u32,
    /// `suggestions_adopted / suggestions_decided` (target 70%).
    pub adopted_share: Option<f64>,
    /// Still unanswered past their deadline at `now`, in id order.
    pub overdue: Vec<FeedbackId>,
    /// The window of the repeat-complaint rule, in days.
    pub repeat_window_days: u32,
}

fn same_matter(a: &Feedback, b: &Feedback) -> bool {
    match (a.subject, b.subject) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.category.is_some() && a.category == b.category,
        _ => false,
    }
}

/// Complaints and suggestions received in `period`, judged at `now`: the answer deadline is the
/// community's general deadline (24 h by default) from receipt; a complaint repeats one by the
/// same resident about the same matter in the `repeat_window_days` before it.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// use huzhu::scoring::{Period, voice};
/// let at = |d, h| NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let mut c = Community::new("x");
/// let mut s = Feedback::new(FeedbackId(1), FeedbackKind::Suggestion, at(2, 9));
/// s.answered = Some(at(2, 17));
/// s.closed = Some(at(4, 9));
/// s.outcome = Some(FeedbackOutcome::Adopted);
/// c.add_feedback(s).unwrap();
/// let nov = Period::new(at(1, 0).date(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).unwrap();
/// let r = voice(&c, nov, at(30, 0), 90);
/// assert_eq!((r.answered_on_time, r.adopted_share, r.mean_handling_days), (1, Some(1.0), Some(2.0)));
/// ```
pub fn voice(
    community: &Community,
    period: Period,
    now: NaiveDateTime,
    repeat_window_days: u32,
) -> VoiceReport {
    let all: Vec<&Feedback> = community.all_feedback().collect();
    let received: Vec<&Feedback> = all
        .iter()
        .copied()
        .filter(|f| period.contains(f.received) && f.received <= now)
        .collect();
    let deadline = |f: &Feedback| {
        community
            .deadlines()
            .deadline(f.received, Urgency::General, community.calendar())
    };
    let mut decided = 0u32;
    let mut on_time = 0u32;
    let mut answer_minutes = Vec::new();
    let mut overdue = Vec::new();
    let mut handling = Vec::new();
    for f in &received {
        let due = deadline(f);
        let answered = f.answered.filter(|a| *a <= now);
        if let Some(a) = answered {
            decided += 1;
            on_time += u32::from(due.is_none_or(|d| a <= d));
            answer_minutes.push((a - f.received).num_minutes());
        } else if let Some(d) = due
            && d < now
        {
            decided += 1;
            overdue.push(f.id);
        }
        if let Some(c) = f.closed.filter(|c| *c <= now) {
            handling.push((c - f.received).num_minutes() as f64 / (24.0 * 60.0));
        }
    }
    answer_minutes.sort_unstable();
    let complaints: Vec<&&Feedback> = received
        .iter()
        .filter(|f| f.kind == FeedbackKind::Complaint)
        .collect();
    let window = Duration::days(i64::from(repeat_window_days));
    let repeats = complaints
        .iter()
        .filter(|f| {
            f.resident.is_some()
                && all.iter().any(|g| {
                    g.id != f.id
                        && g.kind == FeedbackKind::Complaint
                        && g.resident == f.resident
                        && g.received < f.received
                        && g.received >= f.received - window
                        && same_matter(f, g)
                })
        })
        .count() as u32;
    let suggestions: Vec<&&Feedback> = received
        .iter()
        .filter(|f| f.kind == FeedbackKind::Suggestion)
        .collect();
    let decided_suggestions: Vec<_> = suggestions
        .iter()
        .filter(|f| f.closed.is_some_and(|c| c <= now))
        .filter_map(|f| f.outcome)
        .filter(|o| matches!(o, FeedbackOutcome::Adopted | FeedbackOutcome::NotAdopted))
        .collect();
    let adopted = decided_suggestions
        .iter()
        .filter(|o| **o == FeedbackOutcome::Adopted)
        .count() as u32;
    VoiceReport {
        complaints: complaints.len() as u32,
        suggestions: suggestions.len() as u32,
        decided,
        answered_on_time: on_time,
        answered_on_time_share: rate(u64::from(on_time), u64::from(decided)),
        p50_answer_minutes: percentile(&answer_minutes, 50),
        p90_answer_minutes: percentile(&answer_minutes, 90),
        closed: handling.len() as u32,
        mean_handling_days: (!handling.is_empty())
            .then(|| handling.iter().sum::<f64>() / handling.len() as f64),
        repeat_complaints: repeats,
        repeat_complaint_share: rate(u64::from(repeats), complaints.len() as u64),
        suggestions_decided: decided_suggestions.len() as u32,
        suggestions_adopted: adopted,
        adopted_share: rate(u64::from(adopted), decided_suggestions.len() as u64),
        overdue,
        repeat_window_days,
    }
}
