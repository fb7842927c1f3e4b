//! The demo's clearing between banks (通存通兑): a volunteer of this district sends hours to a
//! relative who lives in the neighbouring district, whose time bank is another SQLite file.
//! Each step of the two-phase protocol is one database transaction at one bank.

use std::path::Path;

use chrono::{Duration, NaiveDateTime};
use huzhu::ledger::{Account, AccountId, BankId, Clearing, LedgerPolicy, TransferRequest, TxMeta};
use huzhu::model::ResidentId;
use huzhu_store::LedgerStore;

/// Sends `minutes` from the member with the most minutes in `bank` to resident 1 of the
/// neighbouring bank `neighbour` (a new file beside `bank`'s), and prints both sides.
pub fn clearing(
    bank: &mut LedgerStore,
    neighbour: BankId,
    dir: &Path,
    minutes: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    let own = bank
        .ledger()
        .policy()
        .clearing()
        .bank()
        .ok_or("the demo bank has no bank code")?;
    let path = dir.join(format!("huzhu-demo-bank-{neighbour}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let policy = LedgerPolicy::default().with_clearing(
        huzhu::ledger::ClearingPolicy::for_bank(neighbour).with_member_daily_limit(Some(600)),
    );
    let mut other = LedgerStore::open_sqlite(&path, Some(policy))?;
    let relative = AccountId::Resident(ResidentId(1));
    other.open_account(Account::new(AccountId::Clearing(own)))?;
    other.open_account(Account::new(relative))?;
    bank.open_account(Account::new(AccountId::Clearing(neighbour)))?;

    let (sender, held) = bank
        .ledger()
        .balances()
        .filter(|(a, _)| a.is_member())
        .max_by_key(|&(a, b)| (b, std::cmp::Reverse(a)))
        .ok_or("no member holds minutes")?;
    let minutes = minutes.min(held);
    let start: NaiveDateTime = bank
        .ledger()
        .latest_time()
        .ok_or("the bank has no history")?
        + Duration::hours(1);
    let at = |h: i64| start + Duration::minutes(h * 10);

    let members = |l: &huzhu::ledger::Ledger| -> i64 {
        l.balances()
            .filter(|(a, _)| a.is_member())
            .map(|(_, b)| b)
            .sum()
    };
    let held_before = members(bank.ledger()) + members(other.ledger());
    let driver = Clearing::new("clearing:city");
    let request = TransferRequest::new("gift-1", neighbour, sender, relative, minutes);
    let meta = TxMeta::new("send-gift-1", "desk:centre", at(0)).with_memo("hours for a parent");
    let message = bank.transact(|l| Clearing::prepare(l, meta, &request))?;
    let reply = other.transact(|l| driver.apply(l, &message, at(1)))?;
    // The message delivered twice (a retry after a lost reply) changes nothing.
    let lines = other.head().seq;
    let again = other.transact(|l| driver.apply(l, &message, at(2)))?;
    bank.transact(|l| driver.settle(l, &reply, at(3)))?;

    let reopened = LedgerStore::open_sqlite(&path, None)?;
    let held_after = members(bank.ledger()) + members(reopened.ledger());
    println!("\nClearing between banks (通存通兑), two SQLite files");
    println!(
        "  {sender} in {own} sends {minutes} min to {relative} in {neighbour}: prepared, applied, \
         acknowledged ({:?}); the message delivered again gives the same reply and no new line: {}",
        reply.outcome,
        again == reply && other.head().seq == lines
    );
    println!(
        "  {own}: {sender} {} min, clearing#{neighbour} {}; {neighbour} (reopened): {relative} {} min, \
         clearing#{own} {}; unsettled: {}",
        bank.ledger().balance(sender)?,
        bank.ledger().balance(AccountId::Clearing(neighbour))?,
        reopened.ledger().balance(relative)?,
        reopened.ledger().balance(AccountId::Clearing(own))?,
        Clearing::unsettled(bank.ledger())?.len()
    );
    println!(
        "  members' minutes in both banks: {held_before} before, {held_after} after (moved, none made or lost)"
    );
    Ok(())
}
