//! The bank behind a `huzhu.Ledger`: in memory, or a durable SQLite store (`Ledger.open`),
//! where every operation is one database transaction committed before the call returns.

use huzhu::ledger::{Account, Ledger, LedgerError, Operation, Receipt, TxMeta};
use huzhu_store::{LedgerStore, StoreError};
use pyo3::PyErr;

use crate::errors::{core_err, store_err};

/// Where a ledger's state lives.
pub(crate) enum Bank {
    /// In this process only (export the journal to keep it).
    Memory(Box<Ledger>),
    /// In a SQLite file; other processes may write the same file.
    Stored(Box<LedgerStore>),
}

/// A refusal of the ledger, or a failure of the store.
pub(crate) enum BankError {
    Ledger(LedgerError),
    Store(StoreError),
}

impl From<LedgerError> for BankError {
    fn from(e: LedgerError) -> Self {
        Self::Ledger(e)
    }
}

impl From<StoreError> for BankError {
    fn from(e: StoreError) -> Self {
        match e {
            // The ledger refused: the same exception as in memory.
            StoreError::Ledger(l) => Self::Ledger(l),
            other => Self::Store(other),
        }
    }
}

impl From<BankError> for PyErr {
    fn from(e: BankError) -> Self {
        match e {
            BankError::Ledger(l) => core_err(l),
            BankError::Store(s) => store_err(&s),
        }
    }
}

impl Bank {
    /// The ledger as it stands (for a store: as of its last operation or refresh).
    pub(crate) fn ledger(&self) -> &Ledger {
        match self {
            Self::Memory(l) => l,
            Self::Stored(s) => s.ledger(),
        }
    }

    /// Submits an operation; a store commits it before returning.
    pub(crate) fn submit(&mut self, meta: TxMeta, op: Operation) -> Result<Receipt, BankError> {
        Ok(match self {
            Self::Memory(l) => l.submit(meta, op)?,
            Self::Stored(s) => s.submit(meta, op)?,
        })
    }

    /// Opens an account.
    pub(crate) fn open_account(&mut self, account: Account) -> Result<(), BankError> {
        match self {
            Self::Memory(l) => l.open_account(account)?,
            Self::Stored(s) => s.open_account(account)?,
        }
        Ok(())
    }

    /// Runs several ledger calls (a step of the clearing driver) as one change: a store runs
    /// them in one database transaction (all written or none); in memory they run on the
    /// ledger as it is.
    pub(crate) fn transact<R>(
        &mut self,
        calls: impl FnOnce(&mut Ledger) -> Result<R, LedgerError>,
    ) -> Result<R, BankError> {
        Ok(match self {
            Self::Memory(l) => calls(l)?,
            Self::Stored(s) => s.transact(calls)?,
        })
    }

    /// A reviewer's approval.
    pub(crate) fn approve(
        &mut self,
        key: &str,
        reviewer: &str,
        at: chrono::NaiveDateTime,
    ) -> Result<Receipt, BankError> {
        Ok(match self {
            Self::Memory(l) => l.approve(key, reviewer, at)?,
            Self::Stored(s) => s.approve(key, reviewer, at)?,
        })
    }
}
