"""The one vocabulary at the boundary, natively: labels (input-only spellings accepted, the one
spelling written), local date-times (offsets and time zones refused on every path), the match
context read by the core (reliability above 1000 refused), and results in the core's shapes
(receipts and balances replayed from the shared ledger fixtures)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import huzhu
from huzhu import scoring

from badinput_support import SHARED, catalogue, ledger_step, raised

BASE = {r["id"]: r for r in catalogue()}["match.pin_unknown_need"]["case"]["input"]["community"]
T = "2026-11-24T09:00:00"
AWARE = dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
OFFSET = "it has a UTC offset or time zone"


def small() -> huzhu.Community:
    return huzhu.Community.from_json(json.dumps(BASE))


def refused_date(fn: Callable[[], object], field: str) -> huzhu.ValidationError:
    """`fn` is refused by the local-time rule, naming `field`."""
    e = raised(fn)
    assert type(e) is huzhu.ValidationError, repr(e)
    assert (e.code, e.field) == ("INVALID_DATE", field), repr(e)
    return e


# --- labels ---------------------------------------------------------------------------------


def test_accounts_read_every_input_spelling_and_write_one() -> None:
    ledger = huzhu.Ledger(transfer_rule="anyone")
    ledger.open_account("Volunteer:1")
    ledger.open_account(("resident", 2))
    ledger.open_account("organization#3", group=True)
    ledger.open_account("provider/4")
    for spelling in ["volunteer#1", "VOLUNTEER#1", " volunteer : 1 ", "volunteer/1", ("volunteer", 1)]:
        assert ledger.balance(spelling) == 0
    for pool in ["donation_pool", "donation-pool", "pool", "Donation_Pool"]:
        assert ledger.balance(pool) == 0
    r = ledger.earn(("volunteer", 1), "need#7", np.int64(60), at=T, key="e1")
    assert r == {"status": "posted", "transaction": "tx#1"}
    ledger.donate("volunteer:1", 10, at=T, key="d1")
    ledger.transfer("volunteer#1", "Resident#2", 5, at=T, key="t1")
    written = {row["account"] for row in ledger.balances().to_pylist()}
    assert written == {"volunteer#1", "resident#2", "organisation#3", "organisation#4", "fund", "donation_pool"}
    assert set(ledger.transactions.to_pandas()["account"]) <= written
    assert set(ledger.transactions.to_pandas()["tx"]) == {"tx#1", "tx#2", "tx#3"}
    assert ledger.transaction(2)["postings"] == [
        {"account": "volunteer#1", "amount": -10, "cap_excess": False},
        {"account": "donation_pool", "amount": 10, "cap_excess": False},
    ]
    assert ledger.statement("volunteer/1", T, "2026-11-25").account == "volunteer#1"
    assert ledger.statement("volunteer#1", T, "2026-11-25").to_dict()["account"] == "volunteer#1"
    e = raised(lambda: ledger.redeem("pool", 5, at=T, key="r"))
    assert (e.code, e.account, e.key) == ("LEDGER_NOT_A_MEMBER_ACCOUNT", "donation_pool", "r")
    assert str(e) == "transaction 'r': donation_pool is not a member account"


def test_transactions_are_read_as_labels_numbers_or_text() -> None:
    ledger = huzhu.Ledger()
    ledger.open_account("volunteer#1")
    for i in range(1, 5):
        ledger.earn("volunteer#1", i, 10, at=T, key=f"e{i}")
    for k, tx in enumerate([1, "2", "tx#3", "TX:4"]):
        assert ledger.reverse(tx, at=T, key=f"r{k}")["status"] == "posted"
    e = raised(lambda: ledger.reverse("tx#2", at=T, key="again"))
    assert (e.code, e.transaction, e.field) == ("LEDGER_ALREADY_REVERSED", "tx#2", "transaction")
    assert str(e) == "transaction 'again': tx#2 was already reversed by tx#6"
    e = raised(lambda: ledger.reverse("need#2", at=T, key="x"))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_ID", "tx")
    assert str(e) == 'tx: "need#2" is not a transaction id like tx#4'


def test_helpers_and_needs_read_every_input_spelling() -> None:
    c = small()
    plan = c.match(now="2026-11-24T08:00:00")
    assert plan.assignments.to_pylist()[0]["helper"] == "volunteer#1"
    for need in [1, "1", "need#1", "Need:1"]:
        for helper in ["volunteer#1", "Volunteer:1", "volunteer/1", ("volunteer", 1)]:
            assert plan.why_not(need, helper)["kind"] == "chosen"
            assert c.match(now="2026-11-24T08:00:00", pinned={need: helper}).to_dict()["assignments"][0]["pinned"]
    explained = plan.explain(1)
    assert explained["helper"] == {"kind": "volunteer", "id": 1}  # the core's JSON of a helper
    assert plan.explain(np.int64(1)) == explained  # a need straight from a pandas column
    e = raised(lambda: plan.why_not(1, "resident#1"))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_ID", "helper")
    assert str(e) == 'helper: "resident#1" is not a helper like volunteer#3 or service#2'


def test_error_facts_are_attributes_on_every_exception() -> None:
    e = raised(lambda: huzhu.Ledger(unit=0))
    facts = {k: getattr(e, k) for k in ("code", "record", "field", "setting", "account", "key", "transaction", "line", "index", "cause")}
    assert facts == {"code": "LEDGER_INVALID_POLICY", "record": "ledger policy", "field": "unit", "setting": "unit",
                     "account": None, "key": None, "transaction": None, "line": None, "index": None, "cause": None}
    assert not hasattr(e, "kind")
    e = raised(lambda: huzhu.Ledger().earn(None, 1, 60, at=T))
    assert (type(e), e.code, e.field) == (TypeError, "INVALID_ARGUMENT", "account")


# --- local date-times -------------------------------------------------------------------------


@pytest.mark.parametrize("now", [
    "2026-11-24T08:00:00+08:00", "2026-11-24T00:00:00Z", "2026-11-24 08:00+08", AWARE,
    pd.Timestamp("2026-11-24 08:00", tz="Asia/Shanghai"),
], ids=["offset", "Z", "short offset", "aware datetime", "aware Timestamp"])
def test_match_refuses_now_with_an_offset(now: Any) -> None:
    e = refused_date(lambda: small().match(now=now), "now")
    assert OFFSET in str(e) and str(e).startswith("now: ")


def test_match_reads_naive_times_dates_and_text_alike() -> None:
    c = small()
    at = [c.match(now=v).now for v in ["2026-11-24T08:00:00", "2026-11-24 08:00", dt.datetime(2026, 11, 24, 8),
                                         pd.Timestamp("2026-11-24 08:00")]]
    assert set(at) == {dt.datetime(2026, 11, 24, 8)}
    assert c.match(now=dt.date(2026, 11, 24)).now == dt.datetime(2026, 11, 24)
    e = refused_date(lambda: c.match(now=pd.NaT), "now")
    assert "NaT" in str(e)
    refused_date(lambda: c.match(now="2026-12-31T23:59:60"), "now")


def test_ledger_refuses_offsets_on_every_time_argument() -> None:
    ledger = huzhu.Ledger(reviewers_required=1)
    ledger.open_account("volunteer#1")
    refused_date(lambda: ledger.earn("volunteer#1", 1, 60, at=AWARE), "at")
    refused_date(lambda: ledger.earn("volunteer#1", 1, 60, at="2026-11-24T09:00:00Z"), "at")
    ledger.earn("volunteer#1", 1, 60, at=T, key="k")
    refused_date(lambda: ledger.approve("k", "rev", "2026-11-24T10:00:00+08:00"), "at")
    refused_date(lambda: ledger.statement("volunteer#1", AWARE, T), "start")
    refused_date(lambda: ledger.statement("volunteer#1", T, "2026-11-25T00:00:00-05:00"), "until")
    assert len(ledger) == 0 and ledger.pending[0]["key"] == "k"
    assert ledger.pending == [{"key": "k", "operator": "office", "at": T, "memo": "",
                               "operation": {"op": "earn", "account": "volunteer#1", "need": 1, "minutes": 60},
                               "approvals": []}]


def test_scoring_and_synth_refuse_offsets() -> None:
    c = small()
    plan = c.match(now="2026-11-24T08:00:00")
    refused_date(lambda: scoring.scorecard(plan, now=AWARE), "now")
    refused_date(lambda: scoring.scorecard(plan, start="2026-11-24T00:00:00+08:00"), "start")
    refused_date(lambda: scoring.scorecard(plan, end="2026-11-30T09:00:00"), "end")  # a date would drop the time
    refused_date(lambda: scoring.response_times(plan, now="2026-11-24T00:00:00Z"), "now")
    refused_date(lambda: scoring.visits(c, scoring.Evidence.from_tables(), now=AWARE), "now")
    refused_date(lambda: huzhu.synth.time_bank_week(plan, week_start=AWARE), "week_start")
    refused_date(lambda: huzhu.synth.generate(residents=50, week_start="2026-11-23T00:00:00+08:00"), "week_start")


def test_tables_refuse_offset_text_and_timezone_columns() -> None:
    resident = {"id": 1, "birth_date": "1950-01-01", "lat": 31.2, "lon": 121.5, "grid": 1}
    need = {"id": 1, "resident": 1, "category": "elder.cleaning", "created_at": "2026-11-24T08:00:00+08:00",
            "window_start": "2026-11-24T10:00:00", "window_end": "2026-11-24T12:00:00", "duration_minutes": 60}
    e = raised(lambda: huzhu.Community.from_tables([resident], [need]))
    assert (type(e), e.code, e.table, e.column, e.row, e.record) == (huzhu.ValidationError, "INVALID_DATE", "needs", "created_at", "0", "need#1")
    assert OFFSET in str(e)
    e = raised(lambda: huzhu.Community.from_tables([resident], [dict(need, created_at=T, windows="2026-11-24T10:00:00Z/2026-11-24T12:00:00")]))
    assert (e.code, e.column) == ("INVALID_DATE", "windows")
    aware = pd.DataFrame([dict(need, created_at=pd.Timestamp("2026-11-24 08:00", tz="Asia/Shanghai"))])
    e = raised(lambda: huzhu.Community.from_tables([resident], aware))
    assert (type(e), e.code, e.table, e.column, e.row) == (huzhu.ValidationError, "INVALID_DATE", "needs", "created_at", None)
    assert str(e).startswith("table `needs`, column `created_at`: \"2026-11-24") and OFFSET in str(e)
    utc = pa.table({"resident": [1], "at": pa.array([dt.datetime(2026, 11, 24, 1)], pa.timestamp("us", tz="UTC")), "kind": ["home"]})
    e = raised(lambda: huzhu.Evidence.from_tables(visits=utc))
    assert (e.code, e.table, e.column) == ("INVALID_DATE", "visits", "at")
    naive = huzhu.Community.from_tables([resident], [dict(need, created_at=T)])
    assert naive.needs.to_pylist()[0]["created_at"] == dt.datetime(2026, 11, 24, 9)


def test_evidence_json_is_read_by_the_core_rule() -> None:
    record = {"id": 1, "need": 1, "helper": "volunteer#1", "started": "2026-11-24T10:00:00",
              "finished": "2026-11-24T11:00:00", "outcome": "done"}
    ev = huzhu.Evidence.from_dict({"records": [record]})
    assert ev.to_dict()["records"][0]["helper"] == {"kind": "volunteer", "id": 1}
    assert huzhu.Evidence.from_json(json.dumps(ev.to_dict())).to_dict() == ev.to_dict()
    e = raised(lambda: huzhu.Evidence.from_dict({"records": [dict(record, started="2026-11-24T10:00:00+08:00")]}))
    assert (e.code, e.field) == ("MODEL_JSON", "evidence.records[0].started") and OFFSET in str(e)
    e = raised(lambda: huzhu.Evidence.from_dict({"record": []}))
    assert e.code == "MODEL_JSON"


# --- the match context -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["volunteer#1", "Volunteer:1", ("volunteer", 1)])
def test_reliability_above_1000_is_refused_by_the_core(key: Any) -> None:
    c = small()
    e = raised(lambda: c.match(now="2026-11-24T08:00:00", reliability={key: 1001}))
    assert type(e) is huzhu.ValidationError
    assert (e.code, e.record, e.field) == ("MATCH_INVALID_CONTEXT", "match context", "reliability.volunteer#1")
    assert str(e) == "match context: field `reliability.volunteer#1` value 1001 is outside 0..=1000"
    assert c.match(now="2026-11-24T08:00:00", reliability={key: 1000}).optimal


def test_context_fields_read_labels_and_pairs() -> None:
    c = small()
    now = "2026-11-24T08:00:00"
    assert len(c.match(now=now, unavailable=[("volunteer", 1)])) == 0
    assert len(c.match(now=now, unavailable=["volunteer:1"])) == 0
    assert len(c.match(now=now, history=[(1, ("volunteer", 1))], committed={"volunteer#1": 1})) == 1
    e = raised(lambda: c.match(now=now, committed={"nobody": 1}))
    assert (type(e), e.code, e.record) == (huzhu.ValidationError, "MATCH_INVALID_CONTEXT", "match context")
    assert e.field.startswith("committed")


# --- results in the core's shapes: the ledger fixtures replayed natively ----------------------


LEDGER_FIXTURES = sorted((SHARED / "fixtures").glob("ledger_*.json"))


@pytest.mark.parametrize("path", LEDGER_FIXTURES, ids=lambda p: p.stem)
def test_ledger_fixture_replayed_natively(path: Any) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    expected = case["expected"]
    ledger = huzhu.Ledger(**(case["input"].get("policy") or {}))
    steps = []
    for step in case["input"]["steps"]:
        try:
            out = ledger_step(ledger, step)
            if isinstance(out, huzhu.Statement):
                out = out.to_dict()
            steps.append({"ok": "ok" if out is None else out})
        except huzhu.HuzhuError as e:
            error = {"code": e.code, "message": str(e)}
            if e.code == "LEDGER_BATCH_ITEM":  # the runner's names for the item's facts
                error.update(item=e.index, item_code=e.cause)
            steps.append({"error": error})
    assert steps == expected["steps"]
    assert [[r["account"], r["balance"]] for r in ledger.balances().to_pylist()] == expected["balances"]
    assert ledger.total_balance == expected["total_balance"]
    assert [p["key"] for p in ledger.pending] == expected["pending"]
    transactions = [ledger.transaction(t["id"]) for t in expected["transactions"]]
    assert [{k: t[k] for k in e} for t, e in zip(transactions, expected["transactions"])] == expected["transactions"]
    assert len(ledger) == len(expected["transactions"])
    if "points_balances" in expected:  # cases that used points
        assert [[r["account"], r["points"]] for r in ledger.points_balances().to_pylist()] == expected["points_balances"]
        assert ledger.total_points == expected["total_points"]
        assert ledger.catalogue().to_pylist() == expected["catalogue"]
