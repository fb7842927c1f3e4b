"""Every row of the bad-input catalogue (tests/bad-inputs.json) through Python's own API.

test_conformance.py runs the rows through the shared Rust runner; here each row's case is
interpreted by a small driver per case kind and replayed with the native calls a user makes
(`Community.from_json`, `Community.match`, `Ledger.earn`, `Ledger.import_journal`,
`scoring.scorecard`, `Clearing.apply`, `plan_rounds`, `plan_week`, …). The expected exception,
code, message, record, field and line are the row's `python` column (written by
tests/tools/make_bad_inputs.py from the reviewed Rust column).
A rejected ledger operation or clearing step must leave the ledger (every bank) exactly as it
was, and no row may panic.
"""

from __future__ import annotations

import builtins
import copy
import json
from typing import Any

import pytest

import huzhu
from huzhu import care, conformance, scoring

from badinput_support import catalogue, label, ledger_step, pointer, raised

ROWS = catalogue()
BY_ID = {r["id"]: r for r in ROWS}
THIS = "bindings-python/tests/test_bad_inputs_native.py"

# The valid little community every row starts from (need#1 of resident#1, volunteer#1).
BASE = BY_ID["match.pin_unknown_need"]["case"]["input"]["community"]


def rust_text(value: object) -> str:
    """JSON as run_case hands it to the core (serde_json: keys sorted, compact), so that parse
    errors point at the same line and column as in the Rust column."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# Rows whose python column predicts a fact the core does not give, with what it gives (reported
# to the catalogue's owner; the binding passes the core's facts through unchanged):
# - ledger.unknown_op: the core's JSON reader names the tag's path, `operation.op`.

FACTS = ("code", "record", "field", "setting", "account", "key", "transaction", "line", "index", "cause")


def check(e: BaseException, spec: dict) -> None:
    """The exception is the column's class (exactly), with its code, message, record and field
    (and line, where the column gives one); a huzhu error carries every fact attribute."""
    raises = spec["raises"]
    cls = getattr(huzhu, raises.removeprefix("huzhu.")) if raises.startswith("huzhu.") else getattr(builtins, raises)
    assert type(e) is cls, f"{type(e).__name__} is not {raises}: {e}"
    if raises in ("ValueError", "TypeError"):
        assert not isinstance(e, huzhu.HuzhuError)
    else:
        for name in FACTS:
            assert hasattr(e, name), f"{name} missing on {e!r}"
    if spec.get("message") is not None:
        assert str(e) == spec["message"]
    if spec.get("message_contains") is not None:
        assert spec["message_contains"] in str(e)
    assert getattr(e, "code", None) == spec["code"], f"code of {e}"
    assert getattr(e, "record", None) == spec["record"], f"record of {e}"
    assert getattr(e, "field", None) == spec["field"], f"field of {e}"
    if "line" in spec:
        assert getattr(e, "line") == spec["line"], f"line of {e}"


# --- drivers, one per case kind -----------------------------------------------------------


def snapshot_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    text = inp["text"] if "text" in inp else rust_text(inp["snapshot"])
    return raised(lambda: huzhu.Community.from_json(text))


def match_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    steps = inp.get("steps", [])
    community = huzhu.Community.from_json(rust_text(inp["community"]))
    now = inp["context"]["now"]
    if not steps:  # a policy or context the matcher refuses before it starts
        context = {k: v for k, v in inp["context"].items() if k != "now"}  # reliability=, history=, …
        return raised(lambda: community.match(now=now, policy=inp.get("policy"), **context))
    step = steps[-1]
    name = next(iter(step))
    if name == "pin":
        pin = step["pin"]
        return raised(lambda: community.match(now=now, pinned={pin["need"]: label(pin["helper"])}))
    if name == "why_not":
        plan = community.match(now=now)
        q = step["why_not"]
        return raised(lambda: plan.why_not(q["need"], label(q["helper"])))
    if name == "add_need":
        snapshot = copy.deepcopy(inp["community"])
        snapshot["needs"].append(step["add_need"])
        return raised(lambda: huzhu.Community.from_json(rust_text(snapshot)))
    raise AssertionError(f"no native driver for step {name}")


def ledger_of(policy: dict | None) -> huzhu.Ledger:
    return huzhu.Ledger(**(policy or {}))


def state(ledger: huzhu.Ledger) -> tuple:
    """Everything a refusal must leave alone: the journal (accounts, postings, policy), the
    transaction count, the pending reviews and the balances."""
    balances = ledger.balances().to_arrow().to_pylist()
    return ledger.export_journal(), len(ledger), repr(ledger.pending), ledger.total_balance, balances


def ledger_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    if row["rust"]["code"] == "LEDGER_INVALID_POLICY":
        return raised(lambda: ledger_of(inp.get("policy")))
    ledger = ledger_of(inp.get("policy"))
    *before, last = inp["steps"]
    for step in before:
        ledger_step(ledger, step)
    was = state(ledger)
    e = raised(lambda: ledger_step(ledger, last))
    assert state(ledger) == was, "a rejected operation changed the ledger"
    assert ledger.verify_balances() and ledger.total_balance == 0
    return e


def clearing_step(banks: dict[str, huzhu.Ledger], clearing: huzhu.Clearing, step: dict, produced: list) -> object:
    """Runs one step of a clearing case (format at the top of tests/src/clearing.rs) at its bank
    with the native call a user makes; returns its result. `message` and `reply` name an earlier
    step's result, which must be a message (from `prepare`) or a reply (from `apply`/`refuse`)."""
    ledger = banks[step["bank"]]
    [name] = set(step) - {"bank"}
    s = step[name]

    def earlier(n: int, what: str) -> dict:
        made = produced[n] if n < len(produced) else None
        assert isinstance(made, dict) and ("source_head" in made) == (what == "message"), f"step {n} gave no {what}"
        return made

    if name in ("open", "submit"):
        return ledger_step(ledger, {name: s})
    if name == "prepare":
        meta = {"at": s["at"], "key": s["key"], "operator": s["operator"], "memo": s.get("memo", "")}
        return huzhu.Clearing.prepare(ledger, s["request"], **meta)
    if name == "apply":
        return clearing.apply(ledger, earlier(s["message"], "message"), at=s["at"])
    if name == "refuse":
        return clearing.refuse(ledger, earlier(s["message"], "message"), s["reason"], at=s["at"])
    if name == "settle":
        return clearing.settle(ledger, earlier(s["reply"], "reply"), at=s["at"])
    assert name == "unsettled" and s == {}, name
    return huzhu.Clearing.unsettled(ledger)


def clearing_case(row: dict) -> BaseException:
    """A `huzhu.Ledger` per bank from the case's policies and a `huzhu.Clearing(operator)`; the
    steps run in order (every one but the last must succeed), their messages and replies kept
    for later steps; the last, the `Clearing.<step>` the python column names, is refused and
    leaves every bank as it was."""
    inp = row["case"]["input"]
    banks = {name: ledger_of(bank.get("policy")) for name, bank in inp["banks"].items()}
    clearing = huzhu.Clearing(inp["operator"])
    assert clearing.operator == inp["operator"]
    *before, last = inp["steps"]
    assert row["at"] == f"/steps/{len(before)}/error"
    [name] = set(last) - {"bank"}
    assert row["python"]["via"].startswith(f"`Clearing.{name}`"), row["python"]["via"]
    produced: list = []
    for step in before:
        produced.append(clearing_step(banks, clearing, step, produced))
    was = {bank: state(ledger) for bank, ledger in banks.items()}
    e = raised(lambda: clearing_step(banks, clearing, last, produced))
    assert {bank: state(ledger) for bank, ledger in banks.items()} == was, "a refused clearing step changed a bank"
    for ledger in banks.values():
        assert ledger.verify_balances() and ledger.total_balance == 0
    return e


def tamper(text: str, edits: list[dict]) -> str:
    """The edits of tests/src/ledger.rs `tamper`, in Python (lines numbered from 1)."""
    for edit in edits:
        [(name, arg)] = edit.items()
        if name == "replace":
            text = text.replace(arg["from"], arg["to"], 1)
            continue
        lines = text.splitlines()
        if name == "swap_lines":
            i, j = arg
            if 1 <= i <= len(lines) and 1 <= j <= len(lines):
                lines[i - 1], lines[j - 1] = lines[j - 1], lines[i - 1]
        elif name == "delete_line":
            if 1 <= arg <= len(lines):
                del lines[arg - 1]
        elif name == "truncate_lines":
            lines = lines[:arg]
        elif name == "append":
            lines.append(arg)
        text = "\n".join(lines) + ("\n" if lines and "\n".join(lines) else "")
    return text


def journal_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    ledger = ledger_of(inp.get("policy"))
    for step in inp["steps"]:
        ledger_step(ledger, step)
    text = ledger.export_journal()
    assert huzhu.Ledger.import_journal(text).export_journal() == text  # the untouched journal imports
    was = state(ledger)
    e = raised(lambda: huzhu.Ledger.import_journal(tamper(text, inp["tamper"])))
    assert state(ledger) == was
    return e


def score_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    community = huzhu.Community.from_json(rust_text(inp["community"]))
    plan = community.match()
    surveys = [
        {"id": s["id"], "respondent": s["respondent"], "helper": label(s["helper"]), "period_start": s["period"]["start"],
         "period_end": s["period"]["end"], **s["answers"]}
        for s in inp.get("surveys", [])
    ]
    records = [dict(r, helper=label(r["helper"])) for r in inp.get("records", [])]
    period, now, policy = inp["period"], inp["now"], inp.get("policy")
    training, funding = inp.get("training", []), inp.get("funding", [])

    def run() -> object:
        evidence = huzhu.Evidence.from_tables(records=records or None, surveys=surveys or None, training=training or None,
                                              funding=funding or None)
        return scoring.scorecard(plan, evidence, start=period["start"], end=period["end"], now=now, policy=policy)

    return raised(run)


def deadline_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    snapshot = copy.deepcopy(BASE)
    if "calendar" in inp:
        snapshot["calendar"] = inp["calendar"]
    for q in inp["queries"]:
        snapshot["needs"][0].update(created_at=q["deadline"]["created_at"], urgency=q["deadline"]["urgency"])
    return raised(lambda: huzhu.Community.from_json(rust_text(snapshot)))


def care_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    community = huzhu.Community.from_json(rust_text(inp["community"]))
    if "policy" in inp:
        return raised(lambda: care.contact_schedule(community, now=inp["now"], **inp["policy"]))
    return raised(lambda: care.infer_needs(community, now=inp["now"], rules=inp["rules"]))


def kpi_case(row: dict) -> BaseException:
    """As the shared runner: the set checked (codes unique), then each KPI's progress from its
    series."""
    inp = row["case"]["input"]
    kpis = inp["kpis"] if "kpis" in inp else scoring.default_kpis(inp["template_start"])
    series, today, period_days = inp.get("series", {}), inp["today"], inp.get("period_days", 91)

    def run() -> object:
        if len(kpis) > 1:
            scoring.evaluate_kpis(kpis, [], today=today)
        return [scoring.kpi_progress(k, series.get(k["code"], []), today=today, period_days=period_days) for k in kpis]

    return raised(run)


def rollup_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    return raised(lambda: scoring.rollup(inp["nodes"], inp.get("tallies", {})))


def advice_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    community = huzhu.Community.from_json(rust_text(inp["community"]))
    return raised(lambda: community.match(now=inp["now"], policy=inp.get("policy")).staffing_advice(**inp.get("options", {})))


def rounds_case(row: dict) -> BaseException:
    inp = row["case"]["input"]
    return raised(lambda: huzhu.plan_rounds(inp["visits"], inp["workers"], policy=inp.get("policy")))


def week_case(row: dict) -> BaseException:
    """The case's input (tests/src/week.rs: plans, workers, budgets, from, through, policy) as
    huzhu.plan_week's arguments, `from` as `start`."""
    inp = row["case"]["input"]
    assert set(inp) <= {"plans", "workers", "budgets", "from", "through", "policy"}, set(inp)
    return raised(lambda: huzhu.plan_week(inp["plans"], inp["workers"], start=inp["from"], through=inp["through"],
                                          budgets=inp.get("budgets"), policy=inp.get("policy")))


DRIVERS = {"snapshot": snapshot_case, "match": match_case, "ledger": ledger_case, "journal": journal_case,
           "score": score_case, "deadline": deadline_case, "care": care_case, "kpi": kpi_case, "rollup": rollup_case,
           "advice": advice_case, "clearing": clearing_case, "rounds": rounds_case, "week": week_case}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_native(row: dict) -> None:
    spec = row["python"]
    assert spec["status"] == "confirmed"
    if spec["via"] == "run_case":
        # Not expressible through the native API (the reason is in the catalogue): the shared
        # runner still gives the Rust error.
        assert spec["reason"] and spec["test"].startswith("bindings-python/tests/test_conformance.py")
        case = row["case"]
        out = json.loads(conformance.run_case(case if isinstance(case, str) else json.dumps(case)))
        error = pointer(out, row["at"])
        assert {k: error.get(k) for k in row["rust"]} == row["rust"]
        return
    assert spec["test"] == THIS
    kind = row["case"]["kind"]
    check(DRIVERS[kind](row), spec)


def test_every_row_has_a_confirmed_python_column() -> None:
    assert len(ROWS) == 202
    native = [r for r in ROWS if r["python"]["via"] != "run_case"]
    assert len(native) == 198
    # Every row naming this file is replayed natively by a driver of its case kind (test_native
    # runs every row), and every other row goes through the shared runner.
    assert [r for r in ROWS if r["python"]["test"] == THIS] == native
    assert {r["case"]["kind"] for r in native} <= set(DRIVERS)
    assert len([r for r in native if r["case"]["kind"] == "clearing"]) == 4
    assert len([r for r in native if r["case"]["kind"] == "rounds"]) == 7
    assert len([r for r in native if r["case"]["kind"] == "week"]) == 9
