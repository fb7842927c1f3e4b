//! Scoring inputs from the library's own objects: the match plan and the time-bank ledger.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::{AccountKind, AccountSummary, Assignment, Period, TimeBankPeriod};
use crate::ledger::{AccountId, Ledger, Operation, Transaction};
use crate::matching::MatchPlan;
use crate::model::Community;

/// The plan's assignments as scoring reads them, all matched at `matched_at`.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::matching::{match_needs, MatchContext, MatchPolicy};
/// use huzhu::model::Community;
/// use huzhu::scoring::assignments_from_plan;
/// let t = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let plan = match_needs(&Community::new("x"), &MatchPolicy::default(), &MatchContext::new(t)).unwrap();
/// assert!(assignments_from_plan(&plan, t).is_empty());
/// ```
pub fn assignments_from_plan(plan: &MatchPlan, matched_at: NaiveDateTime) -> Vec<Assignment> {
    plan.assignments
        .iter()
        .map(|a| Assignment {
            need: a.need,
            helper: a.helper,
            matched_at,
        })
        .collect()
}

#[derive(Default)]
struct Flows {
    earned: i64,
    redeemed: i64,
    transferred: i64,
    donated: i64,
}

/// Adds the flows of one operation (a batch's parts, a reversal's negation) to `flows`.
fn add_flows(
    op: &Operation,
    tx: &Transaction,
    ledger: &Ledger,
    sign: i64,
    flows: &mut BTreeMap<AccountId, Flows>,
) {
    match op {
        Operation::Earn { account, .. } => {
            // The credited amount, not the part of an earn above the cap (that goes to the pool).
            let credited: i64 = tx
                .postings
                .iter()
                .filter(|p| p.account == *account && !p.cap_excess)
                .map(|p| p.amount)
                .sum();
            flows.entry(*account).or_default().earned += sign * credited.abs();
        }
        Operation::Redeem {
            account, minutes, ..
        } => flows.entry(*account).or_default().redeemed += sign * minutes,
        Operation::Transfer { from, minutes, .. } => {
            flows.entry(*from).or_default().transferred += sign * minutes;
        }
        Operation::Donate { from, minutes } => {
            flows.entry(*from).or_default().donated += sign * minutes;
        }
        Operation::Batch { operations } => {
            for o in operations {
                add_flows(o, tx, ledger, sign, flows);
            }
        }
        Operation::Reverse { transaction } => {
            if let Some(original) = ledger.transaction(*transaction) {
                add_flows(&original.operation, original, ledger, -sign, flows);
            }
        }
        _ => {}
    }
}

/// Summarises a ledger for one period: per account the minutes earned, redeemed, transferred
/// and donated by transactions posted in the period (a reversal counts against the kind it
/// reverses), and the balance at the period's end. Accounts are numbered in [`AccountId`]
/// order from 1; a volunteer's holder is its resident record, if any. Flows negated by
/// reversals are clamped at zero.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
/// use huzhu::model::{Community, NeedId, VolunteerId};
/// use huzhu::scoring::{time_bank_from_ledger, Period};
/// let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
/// let mut l = Ledger::new(LedgerPolicy::default()).unwrap();
/// let v = AccountId::Volunteer(VolunteerId(1));
/// l.open_account(Account::new(v)).unwrap();
/// l.earn(TxMeta::new("k1", "office", day(24).and_hms_opt(10, 0, 0).unwrap()), v, NeedId(1), 90).unwrap();
/// let tb = time_bank_from_ledger(&l, &Community::new("x"), Period::new(day(23), day(30)).unwrap(), Some(90_000));
/// let member = tb.accounts.iter().find(|a| a.earned > 0).unwrap();
/// assert_eq!((member.earned, member.balance), (90, 90));
/// ```
pub fn time_bank_from_ledger(
    ledger: &Ledger,
    community: &Community,
    period: Period,
    cap_minutes: Option<i64>,
) -> TimeBankPeriod {
    let start = period.start.and_hms_opt(0, 0, 0).unwrap_or_default();
    let end = period.end.and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut flows: BTreeMap<AccountId, Flows> = BTreeMap::new();
    for tx in ledger.transactions() {
        if tx.posted_at >= start && tx.posted_at < end {
            add_flows(&tx.operation, tx, ledger, 1, &mut flows);
        }
    }
    let mut ids: Vec<AccountId> = ledger.accounts().map(crate::ledger::Account::id).collect();
    crate::cold::sort(&mut ids);
    let accounts = ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let f = flows.remove(&id).unwrap_or_default();
            let holder = match id {
                AccountId::Resident(r) => community.resident(r).map(|_| r),
                AccountId::Volunteer(v) => community
                    .volunteer(v)
                    .and_then(|v| v.resident)
                    .filter(|r| community.resident(*r).is_some()),
                _ => None,
            };
            let balance_before_end = ledger
                .balance_at(id, end - chrono::Duration::nanoseconds(1))
                .unwrap_or(0);
            AccountSummary {
                account: (i + 1) as u32,
                kind: if id.is_member() {
                    AccountKind::Member
                } else {
                    AccountKind::Fund
                },
                holder,
                earned: f.earned.max(0),
                redeemed: f.redeemed.max(0),
                transferred: f.transferred.max(0),
                donated: f.donated.max(0),
                balance: balance_before_end,
            }
        })
        .collect();
    TimeBankPeriod {
        period,
        cap_minutes,
        accounts,
    }
}
