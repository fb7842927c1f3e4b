"""Clearing between time banks (通存通兑) through the native driver, `huzhu.Clearing`.

The shared hand-worked fixture (tests/fixtures/clearing_transfer_applied_refused_and_settled.json,
its format documented at the top of tests/src/clearing.rs) is replayed step by step with the
calls a user makes — `Ledger.open_account`, `Ledger.submit`, `Clearing.prepare`, `apply`,
`refuse`, `settle`, `Clearing.unsettled` — once on in-memory ledgers and once on bank files
closed and reopened between every step. Then bad inputs: every malformed request, message or
reply is a typed error naming the field, a message for another bank is refused, and a refused
call changes nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pathlib
import subprocess
import sys
import textwrap
from typing import Any, Callable

import pytest
from hypothesis import given, settings, strategies as st

import huzhu

from badinput_support import raised

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "clearing_transfer_applied_refused_and_settled.json"
CASE = json.loads(FIXTURE.read_text(encoding="utf-8"))
OPERATOR = CASE["input"]["operator"]


# --- the fixture, natively ------------------------------------------------------------------


class Banks:
    """One ledger per bank of the fixture: in memory, or a SQLite file per bank."""

    def __init__(self, banks: dict[str, Any], directory: pathlib.Path | None) -> None:
        self.directory = directory
        self.ledgers: dict[str, huzhu.Ledger] = {}
        for name, bank in banks.items():
            policy = bank.get("policy") or {}
            if directory is None:
                self.ledgers[name] = huzhu.Ledger(policy)
            else:
                self.ledgers[name] = huzhu.Ledger.open(self.path(name), policy)

    def path(self, name: str) -> pathlib.Path:
        assert self.directory is not None
        return self.directory / f"{name}.sqlite"

    def reopen(self) -> None:
        """Closes every bank file and opens it again (its stored policy): what a step wrote
        must be there."""
        if self.directory is None:
            return
        for name in list(self.ledgers):
            head = self.ledgers[name].head
            del self.ledgers[name]  # the last reference: the connection closes
            self.ledgers[name] = huzhu.Ledger.open(self.path(name))
            assert self.ledgers[name].head == head

    def __getitem__(self, name: str) -> huzhu.Ledger:
        return self.ledgers[name]


def open_account(ledger: huzhu.Ledger, account: dict[str, Any]) -> str:
    rest = set(account) - {"id", "priority", "group", "family"}
    assert not rest, f"an account field this test does not map: {rest}"
    ledger.open_account(account["id"], priority=account.get("priority", False),
                        group=account.get("group", False), family=account.get("family"))
    return "ok"


def meta(spec: dict[str, Any]) -> dict[str, Any]:
    return {"at": spec["at"], "key": spec["key"], "operator": spec["operator"], "memo": spec.get("memo", "")}


def run_step(step: dict[str, Any], ledger: huzhu.Ledger, clearing: huzhu.Clearing,
             produced: list[Any]) -> tuple[Any, Any]:
    """Runs one step; returns its result (the value compared) and what later steps may use (a
    message or a reply, raw)."""
    (action,) = set(step) - {"bank"}
    spec = step[action]
    if action == "open":
        return open_account(ledger, spec), None
    if action == "submit":
        return ledger.submit(spec["operation"], **meta(spec)), None
    if action == "prepare":
        message = huzhu.Clearing.prepare(ledger, spec["request"], **meta(spec))
        return message, message
    if action == "apply":
        reply = clearing.apply(ledger, produced[spec["message"]], at=spec["at"])
        return reply, reply
    if action == "refuse":
        reply = clearing.refuse(ledger, produced[spec["message"]], spec["reason"], at=spec["at"])
        return reply, reply
    if action == "settle":
        return clearing.settle(ledger, produced[spec["reply"]], at=spec["at"]), None
    if action == "unsettled":
        assert spec == {}
        return [m["transfer_key"] for m in huzhu.Clearing.unsettled(ledger)], None
    raise AssertionError(f"unknown step {action}")


def head_names(banks: Banks) -> dict[str, str]:
    """Every line hash of every bank's journal, named `<bank>:<lines>`."""
    names = {}
    for name, ledger in banks.ledgers.items():
        for text in ledger.export_journal().splitlines():
            line = json.loads(text)
            if line["entry"].get("type") == "seal":
                continue  # the export's closing seal: not a line of the journal
            names[line["hash"]] = f"{name}:{line['seq'] + 1}"
    return names


def named(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, dict):
        value = dict(value)
        for field in ("source_head", "dest_head"):
            if field in value:
                value[field] = names.get(value[field], value[field])
    return value


def run_fixture(directory: pathlib.Path | None) -> None:
    banks = Banks(CASE["input"]["banks"], directory)
    clearing = huzhu.Clearing(OPERATOR)
    assert clearing.operator == OPERATOR
    produced: list[Any] = []
    results: list[dict[str, Any]] = []
    for i, step in enumerate(CASE["input"]["steps"]):
        ledger = banks[step["bank"]]
        before = (ledger.head, ledger.balances().to_pylist())
        try:
            value, made = run_step(step, ledger, clearing, produced)
            results.append({"ok": value})
        except huzhu.HuzhuError as e:
            assert not isinstance(e, huzhu.InternalError), f"step {i}: {e!r}"
            assert (ledger.head, ledger.balances().to_pylist()) == before, f"step {i}: a refusal changed the ledger"
            results.append({"error": {"code": e.code, "message": str(e)}})
            made = None
        produced.append(made)
        banks.reopen()
    names = head_names(banks)
    expected = CASE["expected"]
    assert len(results) == len(expected["steps"])
    for i, (got, want) in enumerate(zip(results, expected["steps"])):
        if "ok" in got:
            got = {"ok": named(got["ok"], names)}
        assert got == want, f"step {i} ({CASE['input']['steps'][i]})"
    for name, want in expected["banks"].items():
        ledger = banks[name]
        balances = [[r["account"], r["balance"]] for r in ledger.balances().to_pylist()]
        assert balances == want["balances"], name
        assert ledger.total_balance == want["total_balance"], name
        assert ledger.head[0] == want["lines"], name
        journal = [json.loads(t) for t in ledger.export_journal().splitlines()]
        assert len([j for j in journal if j["entry"].get("type") != "seal"]) == want["lines"], name
    # The raw messages and replies are the ones the ledgers rebuild.
    for step, made in zip(CASE["input"]["steps"], produced):
        if made is None:
            continue
        if "source_head" in made:
            assert huzhu.Clearing.message(banks[made["from_bank"]], made["transfer_key"]) == made
        else:
            assert huzhu.Clearing.reply(banks[made["to_bank"]], made["from_bank"], made["transfer_key"]) == made


def test_the_fixture_in_memory() -> None:
    run_fixture(None)


def test_the_fixture_on_bank_files_reopened_between_steps(tmp_path: pathlib.Path) -> None:
    run_fixture(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.sqlite")) == ["pudong.sqlite", "xuhui.sqlite"]


# --- a small pair of banks -----------------------------------------------------------------

AT = dt.datetime(2026, 11, 24, 9, 0)
V1, R7 = "volunteer#1", "resident#7"
REQUEST = {"transfer_key": "t1", "to_bank": "xuhui", "from_account": V1, "to_account": R7, "minutes": 45}


def pair(tmp_path: pathlib.Path | None) -> dict[str, huzhu.Ledger]:
    """Pudong (volunteer#1 holds 120) and Xuhui (resident#7), clearing with each other; and
    Minhang, which clears with nobody yet."""
    def make(bank: str) -> huzhu.Ledger:
        policy = {"clearing": {"bank": bank}}
        return huzhu.Ledger(policy) if tmp_path is None else huzhu.Ledger.open(tmp_path / f"{bank}.sqlite", policy)
    banks = {b: make(b) for b in ("pudong", "xuhui", "minhang")}
    banks["pudong"].open_account("clearing#xuhui")
    banks["pudong"].open_account(V1)
    banks["xuhui"].open_account("clearing#pudong")
    banks["xuhui"].open_account(R7)
    banks["minhang"].open_account(R7)
    banks["pudong"].earn(V1, 1, 120, at=AT, key="e1")
    return banks


@pytest.fixture(params=["memory", "stored"])
def banks(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> dict[str, huzhu.Ledger]:
    return pair(None if request.param == "memory" else tmp_path)


def state(ledger: huzhu.Ledger) -> tuple[Any, ...]:
    return (ledger.head, ledger.balances().to_pylist(), len(ledger), ledger.pending)


def unchanged(ledger: huzhu.Ledger, call: Callable[[], object]) -> BaseException:
    """`call` raises (never a panic) and leaves `ledger` as it was (reopened too, for a file)."""
    before = state(ledger)
    e = raised(call)
    assert state(ledger) == before, f"{e!r} changed the ledger"
    if ledger.location is not None:
        assert huzhu.Ledger.open(ledger.location.removeprefix("sqlite:")).head == before[0]
    return e


def test_three_phases_and_their_keys(banks: dict[str, huzhu.Ledger]) -> None:
    pudong, xuhui = banks["pudong"], banks["xuhui"]
    clearing = huzhu.Clearing("clearing:city")
    message = huzhu.Clearing.prepare(pudong, REQUEST, at=AT, key="send-1", operator="desk:li", memo="to grandma")
    assert message == dict(REQUEST, from_bank="pudong", source_head=pudong.head[1])
    # The same request under the same key: the same message, nothing written.
    head = pudong.head
    again = huzhu.Clearing.prepare(pudong, REQUEST, at=AT, key="send-1", operator="desk:li", memo="to grandma")
    assert again == message
    assert pudong.head == head
    assert huzhu.Clearing.unsettled(pudong) == [message]
    reply = clearing.apply(xuhui, message, at=AT + dt.timedelta(hours=1))
    assert reply == {"transfer_key": "t1", "from_bank": "pudong", "to_bank": "xuhui",
                     "outcome": {"state": "applied"}, "dest_head": xuhui.head[1]}
    assert xuhui.balance(R7) == 45
    receipt = clearing.settle(pudong, reply, at=AT + dt.timedelta(hours=2))
    assert receipt["status"] == "posted"
    assert clearing.settle(pudong, reply, at=AT + dt.timedelta(hours=3)) == receipt
    assert huzhu.Clearing.unsettled(pudong) == []
    assert (pudong.balance(V1), pudong.balance("clearing#xuhui")) == (75, 45)
    keys = {t["key"]: t["operator"] for t in xuhui.transactions.to_pylist()}
    assert keys[huzhu.Clearing.apply_key("pudong", "t1")] == "clearing:city"
    keys = {t["key"]: (t["operator"], t["memo"]) for t in pudong.transactions.to_pylist()}
    assert keys["send-1"] == ("desk:li", "to grandma")
    ack = pudong.transaction(receipt["transaction"])  # no postings: not in the postings table
    assert (ack["key"], ack["operator"]) == (huzhu.Clearing.acknowledge_key("t1"), "clearing:city")
    assert huzhu.Clearing.apply_key("pudong", "t1") == "clearing:apply:pudong:t1"
    assert huzhu.Clearing.refuse_key("Pudong", "t1") == "clearing:refuse:pudong:t1"
    assert huzhu.Clearing.acknowledge_key("t1") == "clearing:ack:t1"
    assert huzhu.Clearing.cancel_key("t1") == "clearing:cancel:t1"
    assert huzhu.Clearing.message(pudong, "nope") is None
    assert huzhu.Clearing.reply(xuhui, "pudong", "nope") is None
    assert repr(clearing) == '<huzhu.Clearing: operator "clearing:city">'


def test_a_timeout_refusal_is_cancelled_and_the_minutes_come_back(banks: dict[str, huzhu.Ledger]) -> None:
    pudong, xuhui = banks["pudong"], banks["xuhui"]
    clearing = huzhu.Clearing("clearing:city")
    message = huzhu.Clearing.prepare(pudong, REQUEST, at=AT, key="send-1")
    reply = clearing.refuse(xuhui, message, "timeout", at=AT)
    assert reply["outcome"] == {"state": "refused", "reason": "timeout"}
    # It arrives late: the refusal stands.
    assert clearing.apply(xuhui, message, at=AT) == reply
    assert xuhui.balance(R7) == 0
    clearing.settle(pudong, reply, at=AT)
    assert pudong.balance(V1) == 120
    cancel = [t for t in pudong.transactions.to_pylist() if t["key"] == huzhu.Clearing.cancel_key("t1")]
    assert cancel and {t["memo"] for t in cancel} == {"timeout"}


def test_stored_steps_survive_a_reopen(tmp_path: pathlib.Path) -> None:
    banks = pair(tmp_path)
    clearing = huzhu.Clearing("clearing:city")
    message = huzhu.Clearing.prepare(banks["pudong"], REQUEST, at=AT, key="send-1")
    del banks
    pudong = huzhu.Ledger.open(tmp_path / "pudong.sqlite")
    xuhui = huzhu.Ledger.open(tmp_path / "xuhui.sqlite")
    # A coordinator that lost its state finds the message again in the sending bank.
    assert huzhu.Clearing.unsettled(pudong) == [message]
    reply = clearing.apply(xuhui, huzhu.Clearing.unsettled(pudong)[0], at=AT)
    del xuhui
    xuhui = huzhu.Ledger.open(tmp_path / "xuhui.sqlite")
    assert huzhu.Clearing.reply(xuhui, "pudong", "t1") == reply
    assert xuhui.balance(R7) == 45


# --- bad inputs ------------------------------------------------------------------------------


def message_of(banks: dict[str, huzhu.Ledger]) -> dict[str, Any]:
    return huzhu.Clearing.prepare(banks["pudong"], REQUEST, at=AT, key="send-1")


def without(d: dict[str, Any], field: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != field}


# (what is wrong, the dict, the field named, text in the message)
MALFORMED: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]], str, str]] = [
    ("missing transfer_key", lambda d: without(d, "transfer_key"), "transfer_key", "missing field `transfer_key`"),
    ("missing minutes", lambda d: without(d, "minutes"), "minutes", "missing field `minutes`"),
    ("missing to_bank", lambda d: without(d, "to_bank"), "to_bank", "missing field `to_bank`"),
    ("unknown field", lambda d: dict(d, colour="red"), "colour", "unknown field `colour`"),
    ("bad bank code", lambda d: dict(d, to_bank="Xu Hui!"), "to_bank", "is not a bank code"),
    ("bad account label", lambda d: dict(d, to_account="resident#x"), "to_account", "is not an account"),
    ("bool minutes", lambda d: dict(d, minutes=True), "minutes", "invalid type: boolean"),
    ("float minutes", lambda d: dict(d, minutes=45.0), "minutes", "invalid type: floating point"),
    ("minutes as text", lambda d: dict(d, minutes="45"), "minutes", "invalid type: string"),
    ("minutes beyond 64 bits", lambda d: dict(d, minutes=2**64), "minutes", "outside the 64-bit range"),
    ("transfer key not text", lambda d: dict(d, transfer_key=1), "transfer_key", "invalid type: integer"),
]


def check_malformed(e: BaseException, root: str, field: str, text: str) -> None:
    assert isinstance(e, huzhu.ValidationError), repr(e)
    assert e.code in ("MODEL_JSON", "INVALID_ARGUMENT"), repr(e)
    assert e.field == f"{root}.{field}", repr(e)
    assert text in str(e), repr(e)


@pytest.mark.parametrize("what,change,field,text", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_request_names_the_field(banks: dict[str, huzhu.Ledger], what: str,
                                             change: Callable[[dict[str, Any]], dict[str, Any]],
                                             field: str, text: str) -> None:
    pudong = banks["pudong"]
    e = unchanged(pudong, lambda: huzhu.Clearing.prepare(pudong, change(dict(REQUEST)), at=AT, key="send-1"))
    check_malformed(e, "request", field, text)


@pytest.mark.parametrize("what,change,field,text", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_message_names_the_field(banks: dict[str, huzhu.Ledger], what: str,
                                             change: Callable[[dict[str, Any]], dict[str, Any]],
                                             field: str, text: str) -> None:
    message = message_of(banks)
    xuhui = banks["xuhui"]
    clearing = huzhu.Clearing("clearing:city")
    bad = change(dict(message))
    check_malformed(unchanged(xuhui, lambda: clearing.apply(xuhui, bad, at=AT)), "message", field, text)
    check_malformed(unchanged(xuhui, lambda: clearing.refuse(xuhui, bad, "timeout", at=AT)), "message", field, text)


REPLY_MALFORMED: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]], str, str]] = [
    ("missing dest_head", lambda d: without(d, "dest_head"), "dest_head", "missing field `dest_head`"),
    ("missing outcome", lambda d: without(d, "outcome"), "outcome", "missing field `outcome`"),
    ("unknown field", lambda d: dict(d, colour="red"), "colour", "unknown field `colour`"),
    ("bad bank code", lambda d: dict(d, from_bank=""), "from_bank", "bank code"),
    ("unknown outcome", lambda d: dict(d, outcome={"state": "lost"}), "outcome.state", "unknown variant `lost`"),
    ("outcome not a dict", lambda d: dict(d, outcome="applied"), "outcome", "invalid type: string"),
    ("unknown field in an applied outcome", lambda d: dict(d, outcome={"state": "applied", "reason": "x"}),
     "outcome.reason", "unknown field `reason`"),
    ("unknown field in a refused outcome", lambda d: dict(d, outcome={"state": "refused", "reason": "x", "why": 1}),
     "outcome.why", "unknown field `why`"),
]


@pytest.mark.parametrize("what,change,field,text", REPLY_MALFORMED, ids=[m[0] for m in REPLY_MALFORMED])
def test_a_malformed_reply_names_the_field(banks: dict[str, huzhu.Ledger], what: str,
                                           change: Callable[[dict[str, Any]], dict[str, Any]],
                                           field: str, text: str) -> None:
    clearing = huzhu.Clearing("clearing:city")
    reply = clearing.apply(banks["xuhui"], message_of(banks), at=AT)
    pudong = banks["pudong"]
    bad = change(copy.deepcopy(reply))
    e = unchanged(pudong, lambda: clearing.settle(pudong, bad, at=AT))
    assert isinstance(e, huzhu.ValidationError), repr(e)
    assert e.field is not None and e.field.startswith("reply"), repr(e)
    assert e.field in (f"reply.{field}", f"reply.{field.split('.')[0]}"), repr(e)
    assert text in str(e), repr(e)


def test_not_a_dict_is_a_type_error(banks: dict[str, huzhu.Ledger]) -> None:
    clearing = huzhu.Clearing("clearing:city")
    for call, field in [
        (lambda: huzhu.Clearing.prepare(banks["pudong"], "t1", at=AT), "request"),
        (lambda: huzhu.Clearing.prepare(banks["pudong"], [REQUEST], at=AT), "request"),
        (lambda: clearing.apply(banks["xuhui"], None, at=AT), "message"),
        (lambda: clearing.refuse(banks["xuhui"], 42, "timeout", at=AT), "message"),
        (lambda: clearing.settle(banks["pudong"], object(), at=AT), "reply"),
    ]:
        e = unchanged(banks["pudong"], call)
        assert type(e) is TypeError and not isinstance(e, huzhu.HuzhuError), repr(e)
        assert (e.code, e.field) == ("INVALID_ARGUMENT", field), repr(e)  # type: ignore[attr-defined]
    e = raised(lambda: huzhu.Clearing.unsettled("pudong"))  # type: ignore[arg-type]
    assert isinstance(e, TypeError)
    e = raised(lambda: huzhu.Clearing.reply(banks["xuhui"], "Pu Dong", "t1"))
    assert isinstance(e, huzhu.ValidationError) and e.field == "from_bank"
    e = raised(lambda: huzhu.Clearing.apply_key(None, "t1"))  # type: ignore[arg-type]
    assert isinstance(e, TypeError) and e.field == "from_bank"  # type: ignore[attr-defined]


def test_a_bad_time_is_refused_naming_at(banks: dict[str, huzhu.Ledger]) -> None:
    clearing = huzhu.Clearing("clearing:city")
    message = message_of(banks)
    aware = dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc)
    for at in (aware, "noon", None):
        e = unchanged(banks["xuhui"], lambda: clearing.apply(banks["xuhui"], message, at=at))
        assert getattr(e, "field", None) == "at", repr(e)
        e = unchanged(banks["pudong"], lambda: huzhu.Clearing.prepare(banks["pudong"], REQUEST, at=at, key="k"))
        assert getattr(e, "field", None) == "at", repr(e)


def test_a_message_for_another_bank_is_refused_and_changes_nothing(banks: dict[str, huzhu.Ledger]) -> None:
    clearing = huzhu.Clearing("clearing:city")
    message = message_of(banks)
    minhang = banks["minhang"]
    for call in (lambda: clearing.apply(minhang, message, at=AT),
                 lambda: clearing.refuse(minhang, message, "timeout", at=AT)):
        e = unchanged(minhang, call)
        assert type(e) is huzhu.LedgerError, repr(e)
        assert (e.code, e.field) == ("LEDGER_WRONG_BANK", "to_bank"), repr(e)
        assert "xuhui" in str(e) and "minhang" in str(e), str(e)
    # Nor does the reply settle at a bank that did not send it.
    reply = clearing.apply(banks["xuhui"], message, at=AT)
    e = unchanged(minhang, lambda: clearing.settle(minhang, reply, at=AT))
    assert (type(e), e.code) == (huzhu.LedgerError, "LEDGER_WRONG_BANK"), repr(e)
    # A ledger without a bank code does not clear.
    plain = huzhu.Ledger()
    e = unchanged(plain, lambda: huzhu.Clearing.prepare(plain, REQUEST, at=AT, key="k"))
    assert isinstance(e, huzhu.LedgerError), repr(e)
    assert e.code == "LEDGER_CLEARING_DISABLED", repr(e)
    assert huzhu.Clearing.unsettled(plain) == [] and huzhu.Clearing.message(plain, "t1") is None


def test_a_rejected_call_changes_nothing(banks: dict[str, huzhu.Ledger]) -> None:
    pudong, xuhui = banks["pudong"], banks["xuhui"]
    clearing = huzhu.Clearing("clearing:city")
    # More than the member holds.
    e = unchanged(pudong, lambda: huzhu.Clearing.prepare(pudong, dict(REQUEST, minutes=121), at=AT, key="k"))
    assert (type(e), e.code) == (huzhu.LedgerError, "LEDGER_FLOOR_BREACH"), repr(e)
    message = message_of(banks)
    # The same transfer key under another request key.
    e = unchanged(pudong, lambda: huzhu.Clearing.prepare(pudong, REQUEST, at=AT, key="send-again"))
    assert (type(e), e.code) == (huzhu.LedgerError, "LEDGER_DUPLICATE_TRANSFER"), repr(e)
    # Earlier than the receiving ledger's latest change.
    later = AT + dt.timedelta(days=1)
    xuhui.open_account("resident#8")
    xuhui.earn("resident#8", 1, 10, at=later, key="e-late")
    e = unchanged(xuhui, lambda: clearing.apply(xuhui, message, at=AT))
    assert (type(e), e.code, e.field) == (huzhu.LedgerError, "LEDGER_TIME_OUT_OF_ORDER", "at"), repr(e)
    reply = clearing.apply(xuhui, message, at=later)
    assert reply["outcome"] == {"state": "applied"}
    # A reply that contradicts the transfer's outcome: it was applied, not refused.
    refused = dict(reply, outcome={"state": "refused", "reason": "timeout"})
    clearing.settle(pudong, reply, at=later)
    e = unchanged(pudong, lambda: clearing.settle(pudong, refused, at=later))
    assert (type(e), e.code) == (huzhu.LedgerError, "LEDGER_TRANSFER_SETTLED"), repr(e)
    # A message whose head is not a head hash at all: refused outright, not recorded.
    forged = dict(message, transfer_key="t9", source_head="zz")
    e = unchanged(xuhui, lambda: clearing.apply(xuhui, forged, at=later))
    assert (type(e), e.code, e.field) == (huzhu.LedgerError, "LEDGER_INVALID_HEAD", "source_head"), repr(e)
    assert huzhu.Clearing.reply(xuhui, "pudong", "t9") is None


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats() | st.text(max_size=12)
    | st.sampled_from(["pudong", "xuhui", "minhang", "volunteer#1", "resident#7", "clearing#xuhui", "applied", "refused"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(field=st.sampled_from(["transfer_key", "from_bank", "to_bank", "from_account", "to_account", "minutes",
                              "source_head", "outcome", "dest_head", "state"]),
       value=JSONISH, drop=st.booleans())
def test_no_dict_panics_or_changes_a_ledger(field: str, value: object, drop: bool) -> None:
    banks = pair(None)
    clearing = huzhu.Clearing("clearing:city")
    message = message_of(banks)
    reply = clearing.apply(banks["xuhui"], message, at=AT)
    for ledger, base, call in [
        (banks["pudong"], dict(REQUEST), lambda d: huzhu.Clearing.prepare(banks["pudong"], d, at=AT, key="k2")),
        (banks["xuhui"], dict(message), lambda d: clearing.apply(banks["xuhui"], d, at=AT)),
        (banks["minhang"], dict(message), lambda d: clearing.refuse(banks["minhang"], d, "timeout", at=AT)),
        (banks["pudong"], copy.deepcopy(reply), lambda d: clearing.settle(banks["pudong"], d, at=AT)),
    ]:
        bad = without(base, field) if drop else dict(base, **{field: value})
        before = state(ledger)
        try:
            call(bad)
        except (huzhu.HuzhuError, TypeError) as e:
            assert not isinstance(e, huzhu.InternalError), repr(e)
            assert state(ledger) == before, repr(e)
            if isinstance(e, huzhu.ValidationError):
                assert e.field is not None, repr(e)


# --- threads ---------------------------------------------------------------------------------

THREADS = textwrap.dedent(
    """
    import threading, time, huzhu
    AT = "2026-11-24T09:00:00"
    pudong = huzhu.Ledger(clearing={"bank": "pudong"})
    minhang = huzhu.Ledger(clearing={"bank": "minhang"})
    pudong.open_account("clearing#xuhui")
    pudong.open_account("volunteer#1")
    pudong.earn("volunteer#1", 1, 120, at=AT, key="e1")
    clearing = huzhu.Clearing("clearing:city")
    message = huzhu.Clearing.prepare(pudong, {"transfer_key": "t1", "to_bank": "xuhui",
        "from_account": "volunteer#1", "to_account": "resident#7", "minutes": 45}, at=AT, key="s1")
    stop = time.monotonic() + 1.5
    def refuse():
        i = 0
        while time.monotonic() < stop:
            for call in (lambda: pudong.redeem("volunteer#1", 1000, at=AT, key=f"r{i}"),
                         lambda: clearing.apply(minhang, message, at=AT),
                         lambda: huzhu.Clearing.prepare(pudong, {"transfer_key": "t1", "to_bank": "xuhui",
                             "from_account": "volunteer#1", "to_account": "resident#7", "minutes": 45},
                             at=AT, key=f"again{i}")):
                try:
                    call()
                except huzhu.LedgerError:
                    pass
            i += 1
    def read():
        while time.monotonic() < stop:
            pudong.balance("volunteer#1"); len(pudong); pudong.export_journal()
            huzhu.Clearing.unsettled(pudong); minhang.head
    threads = [threading.Thread(target=f, daemon=True) for f in (refuse, read, refuse, read)]
    for t in threads: t.start()
    for t in threads: t.join(20)
    print(sum(t.is_alive() for t in threads))
    """
)


def test_threads_refused_and_reading_at_once_never_deadlock() -> None:
    """A refusal becomes an exception (which takes the GIL) only once the ledger's lock is
    released, and the lock is taken without the GIL: threads that fail and read at once go on."""
    out = subprocess.run([sys.executable, "-c", THREADS], capture_output=True, text=True, timeout=90)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0"
