//! Property tests of points (积分), the ledger's second unit, over random sequences mixing
//! points and minutes: conservation of each unit, units never mixing, rejected operations
//! changing nothing, idempotent retries, and the journal replay reproducing every balance of
//! both units. 256 cases each (the journal round trip 128).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use huzhu::ledger::{
    Account, AccountId, CatalogueItem, Ledger, LedgerPolicy, Operation, TxId, TxMeta, Unit,
};
use huzhu::model::{NeedId, ResidentId, VolunteerId};
use proptest::prelude::*;

const MEMBERS: [AccountId; 3] = [
    AccountId::Resident(ResidentId(1)),
    AccountId::Resident(ResidentId(2)),
    AccountId::Volunteer(VolunteerId(1)),
];
const ITEMS: [&str; 3] = ["soap", "slot", "tea"];

/// 0–2: members; 3: fund; 4: pool; 5: never opened.
fn account(i: u8) -> AccountId {
    match i {
        0..=2 => MEMBERS[usize::from(i)],
        3 => AccountId::Fund,
        4 => AccountId::DonationPool,
        _ => AccountId::Resident(ResidentId(99)),
    }
}

#[derive(Debug, Clone)]
enum Step {
    EarnPoints(u8, i64),
    Exchange(u8, usize, u32),
    List(usize, i64, Option<u32>),
    Restock(usize, u32),
    Earn(u8, i64),
    Transfer(u8, u8, i64),
    Reverse(u64),
    Batch(Vec<Step>),
}

impl Step {
    fn operation(&self) -> Operation {
        match self {
            Self::EarnPoints(a, p) => Operation::EarnPoints {
                account: account(*a),
                rule: "activity".into(),
                points: *p,
            },
            Self::Exchange(a, i, q) => Operation::Exchange {
                account: account(*a),
                item: ITEMS[*i].into(),
                quantity: *q,
            },
            Self::List(i, price, stock) => Operation::ListItem {
                item: match stock {
                    Some(s) => CatalogueItem::new(ITEMS[*i], ITEMS[*i], *price).with_stock(*s),
                    None => CatalogueItem::new(ITEMS[*i], ITEMS[*i], *price),
                },
            },
            Self::Restock(i, q) => Operation::Restock {
                item: ITEMS[*i].into(),
                quantity: *q,
            },
            Self::Earn(a, m) => Operation::Earn {
                account: account(*a),
                need: NeedId(1),
                minutes: *m,
            },
            Self::Transfer(f, t, m) => Operation::Transfer {
                from: account(*f),
                to: account(*t),
                minutes: *m,
            },
            Self::Reverse(n) => Operation::Reverse {
                transaction: TxId(*n),
            },
            Self::Batch(items) => Operation::Batch {
                operations: items.iter().map(Self::operation).collect(),
            },
        }
    }
}

fn simple() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u8..6, -1i64..5).prop_map(|(a, p)| Step::EarnPoints(a, p)),
        3 => (0u8..6, 0usize..3, 0u32..3).prop_map(|(a, i, q)| Step::Exchange(a, i, q)),
        2 => (0usize..3, -1i64..4, proptest::option::of(0u32..3))
            .prop_map(|(i, p, s)| Step::List(i, p, s)),
        1 => (0usize..3, 0u32..3).prop_map(|(i, q)| Step::Restock(i, q)),
        2 => (0u8..6, -10i64..120).prop_map(|(a, m)| Step::Earn(a, m)),
        1 => (0u8..6, 0u8..6, 0i64..60).prop_map(|(f, t, m)| Step::Transfer(f, t, m)),
        2 => (0u64..12).prop_map(Step::Reverse),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => simple(),
        1 => proptest::collection::vec(simple(), 0..4).prop_map(Step::Batch),
    ]
}

/// Steps with hour offsets (0–9), so sequences cross midnight.
fn steps() -> impl Strategy<Value = Vec<(i64, Step)>> {
    proptest::collection::vec((0i64..10, step()), 1..40)
}

fn policy() -> impl Strategy<Value = LedgerPolicy> {
    (
        proptest::option::of(0i64..4),
        proptest::option::of(0i64..12),
    )
        .prop_map(|(d, l)| {
            LedgerPolicy::default()
                .with_transfer_rule(huzhu::ledger::TransferRule::Anyone)
                .with_points_daily_cap(d)
                .with_points_lifetime_cap(l)
        })
}

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 3, 1)
        .and_then(|d| d.and_hms_opt(20, 0, 0))
        .expect("valid time")
}

fn open(policy: LedgerPolicy) -> Ledger {
    let mut l = Ledger::new(policy).expect("valid policy");
    for a in MEMBERS {
        l.open_account(Account::new(a)).expect("fresh");
    }
    l
}

fn points(l: &Ledger) -> Vec<(AccountId, i64)> {
    l.points_balances().collect()
}

fn minutes(l: &Ledger) -> Vec<(AccountId, i64)> {
    l.balances().collect()
}

/// Runs the steps, checking after each: conservation of each unit, cached balances equal to
/// the postings, a rejected step changing nothing, a retry changing nothing, and a step of
/// one unit leaving the other unit's balances alone.
fn run(policy: LedgerPolicy, steps: &[(i64, Step)]) -> Result<Ledger, TestCaseError> {
    let mut l = open(policy);
    let mut at = start();
    for (i, (hours, step)) in steps.iter().enumerate() {
        at += Duration::hours(*hours);
        let op = step.operation();
        let meta = TxMeta::new(format!("k{i}"), "desk", at);
        let before = l.clone();
        match l.submit(meta.clone(), op.clone()) {
            Err(_) => prop_assert_eq!(&l, &before),
            Ok(receipt) => {
                let after = l.clone();
                prop_assert_eq!(l.submit(meta, op.clone()), Ok(receipt));
                prop_assert_eq!(&l, &after);
                match op.unit() {
                    Some(Unit::Points) => prop_assert_eq!(minutes(&l), minutes(&before)),
                    Some(Unit::Minutes) => prop_assert_eq!(points(&l), points(&before)),
                    None => {}
                }
            }
        }
        prop_assert_eq!(l.total_points(), 0);
        prop_assert_eq!(l.total_balance(), 0);
        prop_assert!(l.verify_balances());
        for (a, b) in l.points_balances() {
            if a.is_member() {
                prop_assert!(b >= 0, "{a} holds {b} points");
            }
        }
    }
    Ok(l)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn each_unit_is_conserved_and_rejections_change_nothing(
        policy in policy(), steps in steps()
    ) {
        run(policy, &steps)?;
    }

    #[test]
    fn earned_points_never_exceed_the_caps(policy in policy(), steps in steps()) {
        let l = run(policy.clone(), &steps)?;
        for a in MEMBERS {
            if let Some(cap) = policy.points_lifetime_cap() {
                prop_assert!(l.points_earned(a) <= cap);
            }
            if let Some(cap) = policy.points_daily_cap() {
                for d in 0..5 {
                    let day = start().date() + Duration::days(d);
                    prop_assert!(l.points_earned_on(a, day) <= cap);
                }
            }
        }
    }
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn journal_replay_reproduces_both_units(policy in policy(), steps in steps()) {
        let l = run(policy, &steps)?;
        let text = l.export_journal().expect("export");
        let copy = Ledger::import_journal(&text).expect("import");
        prop_assert_eq!(minutes(&copy), minutes(&l));
        prop_assert_eq!(points(&copy), points(&l));
        prop_assert_eq!(copy.catalogue().collect::<Vec<_>>(), l.catalogue().collect::<Vec<_>>());
        prop_assert_eq!(&copy, &l);
        prop_assert_eq!(copy.export_journal().expect("export"), text);
    }
}
