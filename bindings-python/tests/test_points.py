"""Points (积分) on the Ledger: the second unit, with caps, a catalogue and stock. Expected values
are worked by hand in the comments."""

from __future__ import annotations

import pytest

import huzhu

R = "resident#1"


def day(d: int, h: int = 9) -> str:
    return f"2026-11-{d:02d}T{h:02d}:00:00"


def test_daily_cap_of_two_trims_then_refuses_and_resets_at_midnight() -> None:
    ledger = huzhu.Ledger()  # default policy: 2 a day, 600 in all
    ledger.open_account(R)
    ledger.earn_points(R, "meeting", 1, at=day(24, 9), key="p1")
    # 3 asked, 1 left under today's cap of 2: 1 issued, 2 not.
    ledger.earn_points(R, "activity", 3, at=day(24, 15), key="p2")
    assert ledger.points_balance(R) == 2
    assert ledger.points_balance("fund") == -2
    with pytest.raises(huzhu.LedgerError) as info:
        ledger.earn_points(R, "activity", 1, at=day(24, 16), key="p3")
    e = info.value
    assert (e.code, e.setting, e.field, e.key, e.account) == (
        "LEDGER_POINTS_CAP_REACHED", "points_daily_cap", "points", "p3", R)
    # The next day has its own 2.
    ledger.earn_points(R, "activity", 2, at=day(25, 9), key="p4")
    assert ledger.points_balance(R) == 4
    assert ledger.balance(R) == 0  # minutes untouched
    assert ledger.total_points == 0 and ledger.verify_balances()
    assert ledger.policy.get("points_daily_cap", 2) == 2


def test_lifetime_cap_of_600() -> None:
    ledger = huzhu.Ledger(points_daily_cap=None)
    ledger.open_account(R)
    ledger.earn_points(R, "activity", 590, at=day(1), key="a")
    # 590 earned, 10 left of 600: asking 25 credits 10.
    ledger.earn_points(R, "activity", 25, at=day(2), key="b")
    assert ledger.points_balance(R) == 600
    assert ledger.points_earned(R) == 600
    with pytest.raises(huzhu.LedgerError) as info:
        ledger.earn_points(R, "activity", 1, at=day(3), key="c")
    assert (info.value.code, info.value.setting) == ("LEDGER_POINTS_CAP_REACHED", "points_lifetime_cap")


def state(ledger: huzhu.Ledger) -> tuple:
    return (ledger.export_journal(), len(ledger), ledger.points_balances().to_pylist(),
            ledger.catalogue().to_pylist(), ledger.balances().to_pylist())


def test_exchange_with_stock_reversal_restores_it_and_refusals_change_nothing() -> None:
    ledger = huzhu.Ledger(points_daily_cap=None)
    ledger.open_account(R)
    listed = ledger.list_item({"code": "slot", "name": "Clinic priority slot", "price": 20, "stock": 2},
                              at=day(24), key="l1")
    assert listed == {"status": "posted", "transaction": "tx#1"}
    ledger.earn_points(R, "suggestion_adopted", 50, at=day(24), key="p1")
    # 2 slots at 20: 50 - 40 = 10 left, stock 2 -> 0.
    receipt = ledger.exchange(R, "slot", 2, at=day(24, 10), key="x1")
    assert receipt == {"status": "posted", "transaction": "tx#3"}
    assert ledger.points_balance(R) == 10
    assert ledger.item("slot")["stock"] == 0
    was = state(ledger)
    for call, code, field in [
        (lambda: ledger.exchange(R, "slot", 1, at=day(24, 10), key="x2"), "LEDGER_STOCK_SHORT", "quantity"),
        (lambda: ledger.exchange(R, "soap", 1, at=day(24, 10), key="x3"), "LEDGER_UNKNOWN_ITEM", "item"),
        (lambda: ledger.list_item({"code": "slot", "name": "Again", "price": 5}, at=day(24, 10), key="l2"),
         "LEDGER_DUPLICATE_ITEM", "item.code"),
        (lambda: ledger.reverse("tx#1", at=day(24, 11), key="rv0"), "LEDGER_NOT_REVERSIBLE", "transaction"),
    ]:
        with pytest.raises(huzhu.LedgerError) as info:
            call()
        assert (info.value.code, info.value.field) == (code, field)
        assert state(ledger) == was, code
    # Restock 3: stock 0 -> 3; then 10 points buy nothing at 20 each.
    ledger.restock("slot", 3, at=day(24, 11), key="s1")
    assert ledger.item("slot")["stock"] == 3
    was = state(ledger)
    with pytest.raises(huzhu.LedgerError) as info:
        ledger.exchange(R, "slot", 1, at=day(24, 11), key="x4")
    assert info.value.code == "LEDGER_INSUFFICIENT_POINTS"
    assert state(ledger) == was
    # Reversing the exchange (tx#3): +40 back, stock 3 + 2 = 5.
    ledger.reverse("tx#3", at=day(24, 12), key="rv")
    assert ledger.points_balance(R) == 50
    assert ledger.catalogue().to_pylist() == [{"code": "slot", "name": "Clinic priority slot", "price": 20, "stock": 5}]
    assert ledger.total_points == 0 and ledger.total_balance == 0 and ledger.verify_balances()


def test_statements_show_both_units_and_postings_name_their_unit() -> None:
    ledger = huzhu.Ledger()
    ledger.open_account(R)
    ledger.earn(R, 1, 60, at=day(1), key="e1")
    ledger.earn_points(R, "meeting", 2, at=day(1), key="p1")
    ledger.earn_points(R, "activity", 2, at=day(2), key="p2")
    minutes, points = ledger.statements(R, day(1, 0), day(3, 0))
    assert (minutes.unit, minutes.closing) == ("minutes", 60)
    # 2 on the 1st, 2 on the 2nd: balances 2, 4.
    assert (points.unit, points.closing) == ("points", 4)
    assert points.lines.to_pylist()[-1]["balance"] == 4
    assert ledger.statement(R, day(1, 0), day(3, 0), unit="points").to_dict() == points.to_dict()
    assert ledger.statement(R, day(1, 0), day(3, 0)).to_dict() == minutes.to_dict()
    units = {(r["key"], r["unit"]) for r in ledger.transactions.to_pylist()}
    assert units == {("e1", "minutes"), ("p1", "points"), ("p2", "points")}
    with pytest.raises(huzhu.ValidationError) as info:
        ledger.statement(R, day(1, 0), day(3, 0), unit="hours")
    assert info.value.code == "INVALID_ID"  # the core's reader of unit labels


def test_bad_arguments_are_typed() -> None:
    ledger = huzhu.Ledger()
    ledger.open_account(R)
    with pytest.raises(TypeError) as info:
        ledger.earn_points(R, "meeting", 1.5, at=day(1))
    assert (info.value.code, info.value.field) == ("INVALID_ARGUMENT", "points")
    with pytest.raises(huzhu.ValidationError) as v:
        ledger.exchange(R, "slot", -1, at=day(1))
    assert v.value.field == "quantity"
    with pytest.raises(huzhu.PolicyError) as p:
        huzhu.Ledger(points_daily_cap=-1)
    assert (p.value.code, p.value.setting) == ("LEDGER_INVALID_POLICY", "points_daily_cap")
    # The journal carries points and the catalogue: it imports to the same ledger.
    ledger.list_item({"code": "tea", "name": "Tea", "price": 1}, at=day(1))
    text = ledger.export_journal()
    assert huzhu.Ledger.import_journal(text).export_journal() == text
