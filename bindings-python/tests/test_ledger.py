from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

import huzhu

T = dt.datetime(2026, 11, 24, 9, 0)


def bank(**policy: object) -> huzhu.Ledger:
    l = huzhu.Ledger(**policy)
    l.open_account("volunteer#1", family=["resident#2"])
    l.open_account("resident#2", priority=True)
    l.open_account("resident#3")
    return l


def test_every_operation() -> None:
    l = bank(starting_grant=30)
    r = l.earn("volunteer#1", 7, 120, at=T, key="e1", memo="cleaning")
    assert r == {"status": "posted", "transaction": "tx#1"}
    assert l.transaction("tx#1")["operation"] == {"op": "earn", "account": "volunteer#1", "need": 7, "minutes": 120}
    assert l.balance("volunteer#1") == 120
    l.transfer("volunteer#1", "resident#2", 30, at=T, key="t1")
    l.donate("volunteer#1", 30, at=T)
    l.grant("resident#3", at=T)
    l.redeem(("resident", 3), 10, at=T, need=8)
    l.pool_grant(["resident#2", "resident#3"], 15, at=T)
    l.batch([{"op": "earn", "account": "volunteer#1", "need": 9, "minutes": 60}, {"op": "donate", "from": "volunteer#1", "minutes": 60}], at=T)
    l.submit({"op": "redeem", "account": "resident#2", "minutes": 5, "need": None}, at=T)
    assert l.balance("volunteer#1") == 60
    assert l.balance("resident#2") == 30 + 15 - 5
    assert l.total_balance == 0 and l.verify_balances()
    b = l.balances().to_pandas()
    assert set(b["account"]) >= {"fund", "donation_pool", "volunteer#1"}
    t = l.transactions.to_pandas()
    assert t.groupby("tx")["amount"].sum().eq(0).all()
    tx = t.loc[t["key"] == "t1", "tx"].iloc[0]
    assert tx == "tx#2"
    l.reverse(tx, at=T, key="rev-t1")
    assert l.balance("volunteer#1") == 90
    with pytest.raises(huzhu.LedgerError) as e:
        l.reverse(tx, at=T, key="rev-t1-again")
    assert (e.value.code, e.value.transaction, e.value.key) == ("LEDGER_ALREADY_REVERSED", "tx#2", "rev-t1-again")
    s = l.statement("volunteer#1", T - dt.timedelta(days=1), T + dt.timedelta(days=1))
    assert s.opening == 0 and s.closing == l.balance("volunteer#1")
    assert s.lines.to_pandas()["amount"].sum() == s.closing
    assert "<table>" in s._repr_html_() and repr(s).startswith("<huzhu.Statement")
    assert repr(l).startswith("<huzhu.Ledger")
    assert l.policy["starting_grant"] == 30


def test_refusals_change_nothing() -> None:
    l = bank()
    l.earn("volunteer#1", 1, 60, at=T)
    journal = l.export_journal()
    with pytest.raises(huzhu.LedgerError) as e:
        l.redeem("volunteer#1", 61, at=T)
    assert (e.value.code, e.value.account, e.value.field) == ("LEDGER_FLOOR_BREACH", "volunteer#1", "minutes")
    with pytest.raises(huzhu.LedgerError):
        l.transfer("volunteer#1", "resident#3", 10, at=T)  # not family
    with pytest.raises(huzhu.LedgerError):
        l.batch([{"op": "donate", "from": "volunteer#1", "minutes": 30}, {"op": "redeem", "account": "volunteer#1", "minutes": 31}], at=T)
    with pytest.raises(huzhu.LedgerError):
        l.earn("volunteer#9", 1, 60, at=T)
    assert l.export_journal() == journal


def test_reviews() -> None:
    l = bank(reviewers_required=2)
    r = l.earn("volunteer#1", 1, 60, at=T, key="k")
    assert r["status"] == "pending" and l.pending
    l.approve("k", "alice", T)
    assert l.approve("k", "bob", T)["status"] == "posted"
    assert l.balance("volunteer#1") == 60


def test_journal_round_trip_and_tamper() -> None:
    l = bank()
    l.earn("volunteer#1", 1, 60, at=T)
    text = l.export_journal()
    back = huzhu.Ledger.import_journal(text)
    assert back.balance("volunteer#1") == 60 and back.export_journal() == text
    with pytest.raises(huzhu.JournalError) as e:
        huzhu.Ledger.import_journal(text.replace('"minutes":60', '"minutes":600'))
    assert isinstance(e.value, huzhu.LedgerError)


def test_policy_errors() -> None:
    with pytest.raises(huzhu.PolicyError):
        huzhu.Ledger(unit=0)
    with pytest.raises(huzhu.PolicyError) as e:
        huzhu.Ledger(colour="blue")
    assert (e.value.code, e.value.setting) == ("LEDGER_INVALID_POLICY", "colour")
    with pytest.raises(huzhu.ValidationError) as e:
        bank().earn("martian#1", 1, 60, at=T)
    assert (e.value.code, e.value.field) == ("INVALID_ID", "account")
    with pytest.raises(huzhu.ValidationError) as e:
        bank().batch([{"op": "fly"}], at=T)
    assert (e.value.code, e.value.field) == ("MODEL_JSON", "operations[0].op")


ACCOUNTS = ["volunteer#1", "resident#2", "resident#3"]
op = st.one_of(
    st.tuples(st.just("earn"), st.sampled_from(ACCOUNTS), st.integers(-5, 300)),
    st.tuples(st.just("redeem"), st.sampled_from(ACCOUNTS), st.integers(-5, 300)),
    st.tuples(st.just("transfer"), st.sampled_from(ACCOUNTS), st.integers(-5, 300)),
    st.tuples(st.just("donate"), st.sampled_from(ACCOUNTS), st.integers(-5, 300)),
    st.tuples(st.just("reverse"), st.sampled_from(ACCOUNTS), st.integers(1, 40)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(op, max_size=40), st.integers(0, 200))
def test_ledger_invariants(ops: list[tuple[str, str, int]], cap_hours: int) -> None:
    """Whatever is attempted: balances sum to zero, members stay within floor and cap, postings
    of each transaction sum to zero, and a refused operation leaves the journal unchanged."""
    cap = cap_hours * 60 if cap_hours else None
    l = bank(cap=cap)
    for i, (kind, acc, n) in enumerate(ops):
        before = l.export_journal()
        at = T + dt.timedelta(minutes=i)
        try:
            if kind == "earn":
                l.earn(acc, i, n, at=at)
            elif kind == "redeem":
                l.redeem(acc, n, at=at)
            elif kind == "transfer":
                l.transfer(acc, "resident#2", n, at=at)
            elif kind == "donate":
                l.donate(acc, n, at=at)
            else:
                l.reverse(n, at=at)
        except huzhu.LedgerError:
            assert l.export_journal() == before
        assert l.total_balance == 0
        assert l.verify_balances()
        for a in ACCOUNTS:
            b = l.balance(a)
            assert b >= 0
            if cap is not None:
                assert b <= cap
    t = l.transactions.to_pandas()
    if len(t):
        assert t.groupby("tx")["amount"].sum().eq(0).all()
    assert huzhu.Ledger.import_journal(l.export_journal()).balances().to_pylist() == l.balances().to_pylist()
