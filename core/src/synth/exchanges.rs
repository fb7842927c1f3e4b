//! A week of time-bank exchanges driven by a match plan, for demos, tests and benchmarks.

use chrono::{Duration, NaiveDateTime};

use crate::ledger::{Account, AccountId, Ledger, LedgerError, LedgerPolicy, TxMeta};
use crate::matching::Assignment;
use crate::model::{Community, HelperId};

/// What [`time_bank_week`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExchangeSummary {
    /// Accounts opened.
    pub accounts: usize,
    /// Minutes credited to volunteers for completed services.
    pub earned: i64,
    /// Minutes residents spent on services received.
    pub redeemed: i64,
    /// Minutes volunteers donated to the pool (including all group-earned minutes).
    pub donated: i64,
    /// Minutes the pool granted to residents, priority groups first.
    pub pool_granted: i64,
    /// Minutes of starting grants.
    pub starting_grants: i64,
    /// Operations the ledger refused (e.g. a redeem beyond a balance); each changed nothing.
    pub refused: usize,
}

/// Runs a week of exchanges for the given assignments through a fresh ledger: every resident with a matched need gets the
/// policy's starting grant; each volunteer assignment earns the volunteer the need's minutes
/// when the service ends and the resident redeems them if the balance allows; group volunteers
/// donate what they earned, other volunteers a tenth; at the end of the week the donation pool
/// grants up to an hour to residents who could not pay, priority groups first.
///
/// Everything is deterministic: operations run in time order, ties by need id.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::ledger::LedgerPolicy;
/// use huzhu::matching::{match_needs, MatchContext, MatchPolicy};
/// use huzhu::synth::{generate, time_bank_week, DistrictConfig};
/// let d = generate(&DistrictConfig::new(2_000, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())).unwrap();
/// let start = d.week_start.and_hms_opt(0, 0, 0).unwrap();
/// // Plan on Wednesday at noon, with the needs recorded by then.
/// let wednesday = start + chrono::Duration::hours(2 * 24 + 12);
/// let plan = match_needs(&d.community, &MatchPolicy::default(), &MatchContext::new(wednesday)).unwrap();
/// let (ledger, summary) = time_bank_week(&d.community, &plan.assignments, LedgerPolicy::default().with_starting_grant(60), start).unwrap();
/// assert_eq!(ledger.total_balance(), 0); // double entry: every transaction sums to zero
/// assert!(summary.earned > 0);
/// ```
pub fn time_bank_week(
    community: &Community,
    assignments: &[Assignment],
    policy: LedgerPolicy,
    week_start: NaiveDateTime,
) -> Result<(Ledger, ExchangeSummary), LedgerError> {
    let grant = policy.starting_grant();
    let mut ledger = Ledger::new(policy)?;
    let mut summary = ExchangeSummary::default();
    let operator = "huzhu-demo";
    for v in community.volunteers() {
        ledger.open_account(Account::new(AccountId::Volunteer(v.id)).with_group(v.group))?;
        summary.accounts += 1;
    }
    let mut served: Vec<_> = assignments
        .iter()
        .filter(|a| matches!(a.helper, HelperId::Volunteer(_)))
        .filter_map(|a| community.need(a.need).map(|n| (a, n)))
        .collect();
    let mut residents: Vec<_> = served.iter().map(|(_, n)| n.resident).collect();
    residents.sort_unstable();
    residents.dedup();
    for r in &residents {
        let priority = community
            .resident(*r)
            .is_some_and(crate::model::Resident::is_priority);
        ledger.open_account(Account::new(AccountId::Resident(*r)).with_priority(priority))?;
        summary.accounts += 1;
        if grant > 0 {
            let meta = TxMeta::new(format!("grant-{}", r.get()), operator, week_start);
            ledger.starting_grant(meta, AccountId::Resident(*r))?;
            summary.starting_grants += grant;
        }
    }
    crate::cold::sort_by_key(&mut served, |(a, n)| {
        (
            a.start + Duration::minutes(i64::from(n.duration_minutes)),
            a.need,
        )
    });
    let mut unpaid = Vec::new();
    for (a, n) in &served {
        let HelperId::Volunteer(v) = a.helper else {
            continue;
        };
        let done = a.start + Duration::minutes(i64::from(n.duration_minutes));
        let minutes = i64::from(n.duration_minutes);
        let meta = TxMeta::new(format!("earn-{}", n.id.get()), operator, done)
            .with_memo(format!("{} for {}", n.category, n.resident));
        ledger.earn(meta, AccountId::Volunteer(v), n.id, minutes)?;
        summary.earned += minutes;
        let meta = TxMeta::new(format!("redeem-{}", n.id.get()), operator, done);
        if ledger
            .redeem(meta, AccountId::Resident(n.resident), minutes, Some(n.id))
            .is_ok()
        {
            summary.redeemed += minutes;
        } else {
            summary.refused += 1;
            unpaid.push(AccountId::Resident(n.resident));
        }
    }
    let end = week_start + Duration::days(7);
    let volunteers: Vec<_> = community.volunteers().map(|v| (v.id, v.group)).collect();
    for (id, group) in volunteers {
        let account = AccountId::Volunteer(id);
        let balance = ledger.balance(account)?;
        let gift = if group { balance } else { balance / 10 };
        if gift > 0 {
            let meta = TxMeta::new(format!("donate-{}", id.get()), operator, end);
            if ledger.donate(meta, account, gift).is_ok() {
                summary.donated += gift;
            } else {
                summary.refused += 1;
            }
        }
    }
    unpaid.sort_unstable();
    unpaid.dedup();
    if !unpaid.is_empty() {
        let before = ledger.balance(AccountId::DonationPool)?;
        let meta = TxMeta::new("pool-grant-week", operator, end);
        if ledger.pool_grant(meta, unpaid, 60).is_ok() {
            summary.pool_granted = before - ledger.balance(AccountId::DonationPool)?;
        }
    }
    Ok((ledger, summary))
}
