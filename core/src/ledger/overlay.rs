//! The scratch balances of a plan: the new balances of the accounts an operation touches.
//!
//! Most operations touch two or three accounts, so the overlay keeps up to
//! [`INLINE`] entries inline (no allocation, a linear search) and moves to a B-tree only when
//! an operation touches more (a pool grant to many recipients, a large batch).

use std::collections::BTreeMap;

use smallvec::SmallVec;

use super::account::AccountId;

/// Entries kept inline before the overlay moves to a B-tree.
const INLINE: usize = 4;
/// Entries searched linearly before the overlay moves to a B-tree.
const LINEAR: usize = 16;

/// Account → new balance, for the accounts an operation touches.
#[derive(Debug)]
pub(crate) enum Overlay {
    /// Up to [`LINEAR`] accounts, unordered, searched linearly.
    Few(SmallVec<[(AccountId, i64); INLINE]>),
    /// More accounts.
    Many(BTreeMap<AccountId, i64>),
}

impl Default for Overlay {
    fn default() -> Self {
        Self::Few(SmallVec::new())
    }
}

impl Overlay {
    /// The new balance of `account`, if the operation touched it.
    pub(crate) fn get(&self, account: AccountId) -> Option<i64> {
        match self {
            Self::Few(entries) => entries
                .iter()
                .find(|(id, _)| *id == account)
                .map(|&(_, b)| b),
            Self::Many(map) => map.get(&account).copied(),
        }
    }

    /// Sets the new balance of `account`.
    pub(crate) fn insert(&mut self, account: AccountId, balance: i64) {
        match self {
            Self::Few(entries) => {
                if let Some(entry) = entries.iter_mut().find(|(id, _)| *id == account) {
                    entry.1 = balance;
                } else if entries.len() < LINEAR {
                    entries.push((account, balance));
                } else {
                    let mut map: BTreeMap<AccountId, i64> = entries.drain(..).collect();
                    map.insert(account, balance);
                    *self = Self::Many(map);
                }
            }
            Self::Many(map) => {
                map.insert(account, balance);
            }
        }
    }

    /// Every entry (in no particular order: each account appears once).
    pub(crate) fn into_entries(self) -> impl Iterator<Item = (AccountId, i64)> {
        let (few, many) = match self {
            Self::Few(entries) => (Some(entries.into_iter()), None),
            Self::Many(map) => (None, Some(map.into_iter())),
        };
        few.into_iter().flatten().chain(many.into_iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::VolunteerId;

    fn v(n: u32) -> AccountId {
        AccountId::Volunteer(VolunteerId(n))
    }

    #[test]
    fn keeps_the_last_balance_of_each_account_across_the_move_to_a_tree() {
        for n in [1, 3, LINEAR, LINEAR + 1, 100] {
            let mut overlay = Overlay::default();
            let mut expected = BTreeMap::new();
            for round in 0..3_i64 {
                for i in 1..=n as u32 {
                    let balance = i64::from(i) * 10 + round;
                    overlay.insert(v(i), balance);
                    expected.insert(v(i), balance);
                }
            }
            assert_eq!(overlay.get(v(1)), Some(12));
            assert_eq!(overlay.get(v(n as u32 + 1)), None);
            let got: BTreeMap<_, _> = overlay.into_entries().collect();
            assert_eq!(got, expected, "{n} accounts");
        }
    }
}
