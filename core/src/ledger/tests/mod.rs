//! Unit tests with hand-worked numbers.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
use crate::model::{ProviderId, ResidentId, VolunteerId};

mod errors;
#[cfg(feature = "serde")]
mod journal;
mod operations;
mod points;
mod reviews;
mod statement;

/// Volunteer 1, who lists resident 1 (his mother) as family.
const V1: AccountId = AccountId::Volunteer(VolunteerId(1));
/// Resident 1: priority.
const R1: AccountId = AccountId::Resident(ResidentId(1));
/// Resident 2: not priority, no family.
const R2: AccountId = AccountId::Resident(ResidentId(2));
/// Resident 3: priority.
const R3: AccountId = AccountId::Resident(ResidentId(3));
/// A group account (a volunteer team registered as an organisation).
const ORG: AccountId = AccountId::Organisation(ProviderId(1));
const FUND: AccountId = AccountId::Fund;
const POOL: AccountId = AccountId::DonationPool;

/// 2025-03-01 at `h:m`.
fn t(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 3, 1)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("valid test time")
}

/// Metadata for `key` at 2025-03-01 `h:00`, operated by the desk.
fn meta(key: &str, h: u32) -> TxMeta {
    TxMeta::new(key, "desk:li", t(h, 0))
}

/// A ledger under `policy` with V1, R1, R2, R3 and ORG open.
fn ledger_with(policy: LedgerPolicy) -> Ledger {
    let mut ledger = Ledger::new(policy).expect("valid policy");
    for account in [
        Account::new(V1).with_family([R1]),
        Account::new(R1).with_priority(true),
        Account::new(R2),
        Account::new(R3).with_priority(true),
        Account::new(ORG).with_group(true),
    ] {
        ledger.open_account(account).expect("fresh account");
    }
    ledger
}

fn ledger() -> Ledger {
    ledger_with(LedgerPolicy::default())
}

fn bal(ledger: &Ledger, account: AccountId) -> i64 {
    ledger.balance(account).expect("open account")
}
