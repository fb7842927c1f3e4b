//! The rules of the clearing operations, planned like every other operation: checked against
//! a scratch copy of the balances, nothing applied unless all of it passes.

use super::bank::BankId;
use super::policy::TransferLimit;
use super::{ClearingChange, IncomingOutcome, TransferStatus};
use crate::ledger::account::AccountId;
use crate::ledger::error::LedgerError;
use crate::ledger::plan::Planner;
use crate::ledger::transaction::{Operation, Posting};

impl Planner<'_> {
    /// Plans one clearing operation (the planner sends only those here).
    pub(in crate::ledger) fn clearing(&mut self, operation: &Operation) -> Result<(), LedgerError> {
        match operation {
            Operation::ClearingPrepare {
                transfer,
                from_bank,
                to_bank,
                from,
                to,
                minutes,
            } => {
                let own = self.own_bank()?;
                self.is_this_bank(own, "from_bank", *from_bank)?;
                self.is_other_bank(own, "to_bank", *to_bank)?;
                self.prepare(transfer, *to_bank, *from, *to, *minutes)
            }
            Operation::ClearingApply {
                transfer,
                from_bank,
                to_bank,
                from,
                to,
                minutes,
                source_head,
            } => {
                let own = self.own_bank()?;
                self.is_this_bank(own, "to_bank", *to_bank)?;
                self.is_other_bank(own, "from_bank", *from_bank)?;
                self.head("source_head", source_head)?;
                self.apply_incoming(*from_bank, transfer, *from, *to, *minutes, source_head)
            }
            Operation::ClearingRefuse {
                transfer,
                from_bank,
                to_bank,
                source_head,
                reason,
            } => {
                let own = self.own_bank()?;
                self.is_this_bank(own, "to_bank", *to_bank)?;
                self.is_other_bank(own, "from_bank", *from_bank)?;
                self.head("source_head", source_head)?;
                self.refuse(*from_bank, transfer, source_head, reason)
            }
            Operation::ClearingAcknowledge {
                transfer,
                from_bank,
                to_bank,
                dest_head,
            }
            | Operation::ClearingCancel {
                transfer,
                from_bank,
                to_bank,
                dest_head,
            } => {
                let own = self.own_bank()?;
                self.is_this_bank(own, "from_bank", *from_bank)?;
                self.head("dest_head", dest_head)?;
                let cancel = matches!(operation, Operation::ClearingCancel { .. });
                self.settle(transfer, *to_bank, dest_head, cancel)
            }
            _ => Ok(()),
        }
    }

    fn own_bank(&self) -> Result<BankId, LedgerError> {
        self.ledger
            .policy
            .clearing()
            .bank()
            .ok_or_else(|| LedgerError::ClearingDisabled { key: self.key() })
    }

    fn is_this_bank(
        &self,
        own: BankId,
        field: &'static str,
        found: BankId,
    ) -> Result<(), LedgerError> {
        if found == own {
            Ok(())
        } else {
            Err(LedgerError::WrongBank {
                key: self.key(),
                field,
                expected: own,
                found,
            })
        }
    }

    fn is_other_bank(
        &self,
        own: BankId,
        field: &'static str,
        found: BankId,
    ) -> Result<(), LedgerError> {
        if found == own {
            Err(LedgerError::SameBank {
                key: self.key(),
                field,
                bank: own,
            })
        } else {
            Ok(())
        }
    }

    fn head(&self, field: &'static str, head: &str) -> Result<(), LedgerError> {
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if head.len() == 64 && head.bytes().all(hex) {
            Ok(())
        } else {
            Err(LedgerError::InvalidHead {
                key: self.key(),
                field,
                head: head.to_owned(),
            })
        }
    }

    fn transfer_key(&self, transfer: &str) -> Result<(), LedgerError> {
        if transfer.is_empty() {
            Err(LedgerError::EmptyText {
                key: self.key(),
                field: "transfer",
            })
        } else {
            Ok(())
        }
    }

    /// A member account id (it need not be open here: it lives in the other bank).
    fn remote_member(&self, account: AccountId) -> Result<(), LedgerError> {
        if account.is_member() {
            Ok(())
        } else {
            Err(LedgerError::NotAMemberAccount {
                key: self.key(),
                account,
            })
        }
    }

    fn prepare(
        &mut self,
        transfer: &str,
        to_bank: BankId,
        from: AccountId,
        to: AccountId,
        minutes: i64,
    ) -> Result<(), LedgerError> {
        self.transfer_key(transfer)?;
        if self.ledger.clearing.outgoing.contains_key(transfer) {
            return Err(LedgerError::DuplicateTransfer {
                key: self.key(),
                transfer: transfer.to_owned(),
            });
        }
        let sender = self.member(from)?;
        self.not_group(sender)?;
        self.remote_member(to)?;
        self.amount("minutes", minutes)?;
        let clearing = AccountId::Clearing(to_bank);
        self.account(clearing)?;
        self.limits(from, clearing, minutes)?;
        self.post(from, minutes.saturating_neg(), false)?;
        self.post(clearing, minutes, false)?;
        self.plan.clearing = Some(ClearingChange::Prepare {
            transfer: transfer.to_owned(),
            to_bank,
            from,
            to,
            minutes,
        });
        Ok(())
    }

    /// Checks the policy's limits for `minutes` more from `from` through `clearing`.
    fn limits(
        &self,
        from: AccountId,
        clearing: AccountId,
        minutes: i64,
    ) -> Result<(), LedgerError> {
        let policy = self.ledger.policy.clearing();
        for which in TransferLimit::ALL {
            let Some(value) = policy.limit(which) else {
                continue;
            };
            let subject = if which.is_pair() { clearing } else { from };
            let day = which.is_daily().then_some(self.day);
            let sent = self.ledger.clearing.sent(subject, day);
            if i128::from(sent) + i128::from(minutes) > i128::from(value) {
                return Err(LedgerError::ClearingLimit {
                    key: self.key(),
                    account: subject,
                    limit: which,
                    value,
                    sent,
                    amount: minutes,
                });
            }
        }
        Ok(())
    }

    /// Refuses a transfer this bank applied or refused before.
    fn not_seen(&self, from_bank: BankId, transfer: &str) -> Result<(), LedgerError> {
        let Some(seen) = self
            .ledger
            .clearing
            .incoming
            .get(&(from_bank, transfer.to_owned()))
        else {
            return Ok(());
        };
        let (key, transfer, tx) = (self.key(), transfer.to_owned(), seen.tx);
        Err(match seen.outcome {
            IncomingOutcome::Applied { .. } => LedgerError::TransferAlreadyApplied {
                key,
                from_bank,
                transfer,
                tx,
            },
            IncomingOutcome::Refused { .. } => LedgerError::TransferRefused {
                key,
                from_bank,
                transfer,
                tx,
            },
        })
    }

    fn apply_incoming(
        &mut self,
        from_bank: BankId,
        transfer: &str,
        from: AccountId,
        to: AccountId,
        minutes: i64,
        source_head: &str,
    ) -> Result<(), LedgerError> {
        self.transfer_key(transfer)?;
        self.not_seen(from_bank, transfer)?;
        self.remote_member(from)?;
        self.member(to)?;
        self.amount("minutes", minutes)?;
        let clearing = AccountId::Clearing(from_bank);
        self.account(clearing)?;
        self.post(clearing, minutes.saturating_neg(), false)?;
        self.post(to, minutes, false)?;
        self.plan.clearing = Some(ClearingChange::Incoming {
            from_bank,
            transfer: transfer.to_owned(),
            outcome: IncomingOutcome::Applied {
                from,
                to,
                minutes,
                source_head: source_head.to_owned(),
            },
        });
        Ok(())
    }

    fn refuse(
        &mut self,
        from_bank: BankId,
        transfer: &str,
        source_head: &str,
        reason: &str,
    ) -> Result<(), LedgerError> {
        self.transfer_key(transfer)?;
        if reason.is_empty() {
            return Err(LedgerError::EmptyText {
                key: self.key(),
                field: "reason",
            });
        }
        self.not_seen(from_bank, transfer)?;
        self.plan.clearing = Some(ClearingChange::Incoming {
            from_bank,
            transfer: transfer.to_owned(),
            outcome: IncomingOutcome::Refused {
                reason: reason.to_owned(),
                source_head: source_head.to_owned(),
            },
        });
        Ok(())
    }

    fn settle(
        &mut self,
        transfer: &str,
        to_bank: BankId,
        dest_head: &str,
        cancel: bool,
    ) -> Result<(), LedgerError> {
        self.transfer_key(transfer)?;
        let ledger = self.ledger;
        let record =
            ledger
                .clearing
                .outgoing
                .get(transfer)
                .ok_or_else(|| LedgerError::UnknownTransfer {
                    key: self.key(),
                    transfer: transfer.to_owned(),
                })?;
        if record.to_bank != to_bank {
            return Err(LedgerError::TransferMismatch {
                key: self.key(),
                transfer: transfer.to_owned(),
                field: "to_bank",
            });
        }
        let settled = match &record.status {
            TransferStatus::Prepared => None,
            TransferStatus::Acknowledged { tx, .. } => Some((*tx, false)),
            TransferStatus::Cancelled { tx, .. } => Some((*tx, true)),
        };
        if let Some((tx, cancelled)) = settled {
            return Err(LedgerError::TransferSettled {
                key: self.key(),
                transfer: transfer.to_owned(),
                tx,
                cancelled,
            });
        }
        if cancel {
            // The minutes go back to the member whole, even above the cap (the member may have
            // earned since): the member held them before, and a refusal elsewhere must neither
            // leave the transfer stuck nor cost the member a minute.
            let (from, minutes) = (record.from, record.minutes);
            self.post(
                AccountId::Clearing(to_bank),
                minutes.saturating_neg(),
                false,
            )?;
            let back =
                self.balance(from)
                    .checked_add(minutes)
                    .ok_or_else(|| LedgerError::Overflow {
                        key: self.key(),
                        account: from,
                    })?;
            self.plan.balances.insert(from, back);
            self.plan.postings.push(Posting::new(from, minutes, false));
        }
        self.plan.clearing = Some(ClearingChange::Settle {
            transfer: transfer.to_owned(),
            dest_head: dest_head.to_owned(),
            cancelled: cancel,
        });
        Ok(())
    }
}
