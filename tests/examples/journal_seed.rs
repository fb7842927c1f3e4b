//! Prints the journal of a small ledger (a fuzzing seed):
//! `cargo run -p huzhu-conformance --example journal_seed > fuzz/corpus/journal/seed`.

use chrono::NaiveDate;
use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
use huzhu::model::{NeedId, ResidentId, VolunteerId};

fn main() -> Result<(), huzhu::ledger::LedgerError> {
    let at = |h| {
        NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let mut ledger = Ledger::new(LedgerPolicy::default().with_reviewers_required(1))?;
    let v = AccountId::Volunteer(VolunteerId(1));
    let r = AccountId::Resident(ResidentId(1));
    ledger.open_account(Account::new(v).with_family([r]))?;
    ledger.open_account(Account::new(r).with_priority(true))?;
    ledger.earn(TxMeta::new("e1", "desk", at(9)), v, NeedId(1), 120)?;
    ledger.approve("e1", "rev", at(10))?;
    ledger.transfer(TxMeta::new("t1", "desk", at(11)), v, r, 30)?;
    ledger.donate(TxMeta::new("d1", "desk", at(12)), v, 30)?;
    print!("{}", ledger.export_journal()?);
    Ok(())
}
