"""Issue 24: every row of tests/hostile-matrix.json (a hostile value in one argument of one public
function) is refused as its class's rule says (tests/tools/make_hostile_matrix.py), and a refused
ledger operation changes nothing.

Each function is a builder of valid arguments (surface-neutral names, as the matrix's `argument`)
and a call; the row's value replaces one argument, a setting, or a member of a record."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pathlib
from typing import Any, Callable

import pytest

import huzhu
from huzhu import routing, scoring

from badinput_support import raised

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROWS = [r for r in json.loads((ROOT / "tests" / "hostile-matrix.json").read_text(encoding="utf-8")) if "python" in r["expected"]]
EXAMPLE = (ROOT / "core" / "examples" / "community.json").read_text(encoding="utf-8")
T0 = "2026-11-24T09:00:00"
T1 = "2026-11-24T10:00:00"
NOW = "2026-11-24T08:00:00"


def value(v: Any) -> Any:
    """A row's value: markers decoded."""
    if isinstance(v, dict) and "$float" in v:
        return float(v["$float"])
    if isinstance(v, dict) and "$aware" in v:
        return dt.datetime.fromisoformat(v["$aware"])
    return v


_community: list[huzhu.Community] = []


def community() -> huzhu.Community:
    if not _community:
        _community.append(huzhu.Community.from_json(EXAMPLE))
    return _community[0]


# --- the ledger -----------------------------------------------------------------------------


def ledger() -> huzhu.Ledger:
    led = huzhu.Ledger(points_daily_cap=None)
    for a in ["resident#1", "volunteer#1"]:
        led.open_account(a)
    led.open_account("volunteer#2", family=["volunteer#1"])  # transfers are family only
    led.earn("volunteer#1", 1, 120, at=T0, key="s1")
    led.list_item({"code": "slot", "name": "Clinic slot", "price": 20, "stock": 2}, at=T0, key="s2")
    led.earn_points("resident#1", "suggestion_adopted", 50, at=T0, key="s3")
    led.donate("volunteer#1", 30, at=T0, key="s4")
    return led


def state(led: huzhu.Ledger) -> Any:
    return (led.balances().to_pylist(), led.points_balances().to_pylist(), len(led), led.catalogue().to_pylist(), led.pending)


LEDGER_ARGS: dict[str, dict[str, Any]] = {
    "ledger.earn": {"account": "volunteer#1", "need": 1, "minutes": 30},
    "ledger.redeem": {"account": "volunteer#1", "minutes": 10, "need": None},
    "ledger.transfer": {"from": "volunteer#1", "to": "volunteer#2", "minutes": 10},
    "ledger.donate": {"account": "volunteer#1", "minutes": 10},
    "ledger.pool_grant": {"recipients": ["resident#1"], "minutes_each": 10},
    "ledger.earn_points": {"account": "resident#1", "rule": "suggestion_adopted", "points": 10},
    "ledger.restock": {"item": "slot", "quantity": 1},
    "ledger.exchange": {"account": "resident#1", "item": "slot", "quantity": 1},
    "ledger.grant": {"account": "resident#1"},
    "ledger.approve": {"key": "nope", "reviewer": "boss"},
    "ledger.balance": {"account": "volunteer#1"},
    "ledger.reverse": {"tx": "tx#1"},
    "ledger.statement": {"account": "volunteer#1", "start": "2026-11-01", "until": "2026-12-01"},
}


def ledger_call(led: huzhu.Ledger, fn: str, a: dict[str, Any]) -> Any:
    meta = {"at": a.get("at", T1), "key": a.get("key", "h1")}
    match fn:
        case "ledger.earn":
            return led.earn(a["account"], a["need"], a["minutes"], **meta)
        case "ledger.redeem":
            return led.redeem(a["account"], a["minutes"], need=a["need"], **meta)
        case "ledger.transfer":
            return led.transfer(a["from"], a["to"], a["minutes"], **meta)
        case "ledger.donate":
            return led.donate(a["account"], a["minutes"], **meta)
        case "ledger.pool_grant":
            return led.pool_grant(a["recipients"], a["minutes_each"], **meta)
        case "ledger.earn_points":
            return led.earn_points(a["account"], a["rule"], a["points"], **meta)
        case "ledger.restock":
            return led.restock(a["item"], a["quantity"], **meta)
        case "ledger.exchange":
            return led.exchange(a["account"], a["item"], a["quantity"], **meta)
        case "ledger.grant":
            return led.grant(a["account"], **meta)
        case "ledger.approve":
            return led.approve(a["key"], a["reviewer"], a.get("at", T1))
        case "ledger.balance":
            return led.balance(a["account"])
        case "ledger.reverse":
            return led.reverse(a["tx"], **meta)
        case "ledger.statement":
            return led.statement(a["account"], a["start"], a["until"])
    raise AssertionError(fn)


def run_ledger(row: dict) -> BaseException:
    led = ledger()
    before = state(led)
    a = dict(LEDGER_ARGS[row["function"]])
    if row["value"] == {"$swap": True}:
        a["start"], a["until"] = a["until"], a["start"]
    else:
        a[row["argument"]] = value(row["value"])
    e = raised(lambda: ledger_call(led, row["function"], a))
    assert state(led) == before, "a refused operation changed the ledger"
    return e


# --- records, settings, options ----------------------------------------------------------------

RES = {"id": 9001, "birth_date": "1950-01-01", "household": "lives_alone", "self_care": "full",
       "home": {"lat": 31.2, "lon": 121.5}, "grid": 1}
NEED = {"id": 9001, "resident": 1, "category": "elder.cleaning", "urgency": "general", "created_at": "2026-11-24T08:00:00",
        "windows": [{"start": "2026-11-24T10:00:00", "end": "2026-11-24T12:00:00"}], "duration_minutes": 60, "place": {"kind": "home"}}
VOL = {"id": 9001, "availability": [{"weekday": "Tue", "opens": "09:00:00", "closes": "12:00:00"}],
       "minutes_per_week": 240, "max_travel_m": 1200, "home": {"lat": 31.2027, "lon": 121.5}}


def put(record: dict, path: str, v: Any) -> dict:
    r = copy.deepcopy(record)
    *parents, last = path.split(".")
    at = r
    for p in parents:
        at = at[p]
    at[last] = v
    return r


def add_record(kind: str, base: dict, row: dict) -> Any:
    if row["value"] == {"$swap": True}:
        rec = put(base, "windows", [{"start": "2026-11-24T12:00:00", "end": "2026-11-24T10:00:00"}])
    else:
        rec = put(base, row["argument"], value(row["value"]))
    c = community()
    e = raised(lambda: c.with_records({kind: [rec]}))
    assert c.counts == community().counts
    return e


def visit(**kw: Any) -> dict:
    return {"id": 1, "place": {"lat": 31.201, "lon": 121.501}, "minutes": 30,
            "windows": [{"start": "2026-12-07T09:00:00", "end": "2026-12-07T12:00:00"}], **kw}


def worker(shifts: list[dict] | None = None) -> dict:
    home = {"lat": 31.2, "lon": 121.5}
    return {"server": "worker#1", "start": home, "end": home,
            "shifts": shifts or [{"start": "2026-12-07T08:00:00", "end": "2026-12-07T13:00:00"}]}


def rounds(row: dict) -> Any:
    arg, v = row["argument"], value(row["value"])
    if arg == "visit.minutes":
        return lambda: routing.plan_rounds([visit(minutes=v)], [worker()])
    if arg == "visit.window":
        return lambda: routing.plan_rounds([visit(windows=[{"start": "2026-12-07T12:00:00", "end": "2026-12-07T09:00:00"}])], [worker()])
    if arg == "visit.window.start":
        return lambda: routing.plan_rounds([visit(windows=[{"start": v, "end": "2026-12-07T12:00:00"}])], [worker()])
    if arg == "worker.shift":
        return lambda: routing.plan_rounds([visit()], [worker([{"start": "2026-12-07T13:00:00", "end": "2026-12-07T08:00:00"}])])
    return lambda: routing.plan_rounds([visit()], [worker()], **{arg: v})


def week(row: dict) -> Any:
    plans = [{"visit": visit(windows=[]), "every_days": 7, "last": "2026-12-04"}]
    shifts = [{"start": f"2026-12-{d:02}T08:00:00", "end": f"2026-12-{d:02}T13:00:00"} for d in range(7, 12)]
    a = {"start": "2026-12-07", "through": "2026-12-11"}
    if row["value"] == {"$swap": True}:
        a = {"start": "2026-12-11", "through": "2026-12-07"}
    else:
        a[row["argument"]] = value(row["value"])
    return lambda: routing.plan_week(plans, [worker(shifts)], **a)


def identity(row: dict) -> Any:
    items = scoring.default_identity_items()
    answers = {i["code"]: 3 for i in items}
    period = {"start": "2026-11-01", "end": "2026-12-01"}
    if row["argument"] == "answer":
        answers[items[0]["code"]] = value(row["value"])
    else:
        period = {"start": "2026-12-01", "end": "2026-11-01"}
    responses = [{"respondent": 1, "date": "2026-11-10", "answers": answers}]
    return lambda: scoring.identity_index(responses, community=community(), **period)


def engagement(row: dict) -> Any:
    period: dict[str, Any] = {"start": "2026-11-01", "end": "2026-12-01"}
    if row["value"] == {"$swap": True}:
        period = {"start": "2026-12-01", "end": "2026-11-01"}
    else:
        period[row["argument"]] = value(row["value"])
    return lambda: scoring.engagement(community(), **period)


def kpi(row: dict) -> Any:
    k = scoring.default_kpis("2026-01-01")[0]
    a: dict[str, Any] = {"today": "2026-07-01", "period_days": 91}
    a[row["argument"]] = value(row["value"])
    return lambda: scoring.kpi_progress(k, [{"date": "2026-07-01", "value": 0.64}], **a)


def composite(row: dict) -> Any:
    v = value(row["value"])
    if row["argument"] == "values":
        return lambda: scoring.composite_index({"satisfaction": v})
    return lambda: scoring.composite_index({"satisfaction": 0.8}, {"satisfaction": v})


def coverage(row: dict) -> Any:
    a: dict[str, Any] = {"threshold_minutes": 15, "radius_m": 500}
    a[row["argument"]] = value(row["value"])
    return lambda: scoring.coverage(community(), **a)


def match(row: dict) -> Any:
    if row["argument"] == "now":
        return lambda: community().match(now=value(row["value"]))
    return lambda: community().match(now=NOW, **{row["argument"]: value(row["value"])})


def dispatch(row: dict) -> Any:
    a: dict[str, Any] = {"start": "2026-11-24", "days": 1, "every_minutes": 120}
    a[row["argument"]] = value(row["value"])
    return lambda: huzhu.compare_dispatchers(community(), **a)


def generate(row: dict) -> Any:
    a: dict[str, Any] = {"residents": 200, "seed": 1, "week_start": "2026-11-23"}
    a[row["argument"]] = value(row["value"])
    return lambda: huzhu.synth.generate(**a)


CALLS: dict[str, Callable[[dict], Any]] = {
    "community.match": match,
    "plan.explain": lambda row: lambda: community().match(now=NOW).explain(value(row["value"])),
    "composite_index": composite,
    "coverage": coverage,
    "kpi_progress": kpi,
    "default_kpis": lambda row: lambda: scoring.default_kpis(value(row["value"])),
    "identity_index": identity,
    "engagement": engagement,
    "plan_rounds": rounds,
    "plan_week": week,
    "compare_dispatchers": dispatch,
    "synth.generate": generate,
}
RECORDS = {"community.add_resident": ("residents", RES), "community.add_need": ("needs", NEED),
           "community.add_volunteer": ("volunteers", VOL)}


def run(row: dict) -> BaseException:
    fn = row["function"]
    if fn.startswith("ledger."):
        return run_ledger(row)
    if fn in RECORDS:
        return add_record(*RECORDS[fn], row)
    return raised(CALLS[fn](row))


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_hostile_value_is_refused(row: dict) -> None:
    want = row["expected"]["python"]
    e = run(row)
    facts = f"{type(e).__name__}: {e} (code {getattr(e, 'code', None)}, field {getattr(e, 'field', None)})"
    if want["exception"] == "TypeError":
        assert isinstance(e, TypeError), facts
    else:
        assert isinstance(e, huzhu.HuzhuError), facts
    if "code" in want:
        assert getattr(e, "code", None) == want["code"], facts
    if "field" in want:
        assert getattr(e, "field", None) == want["field"], facts
    if "names" in want:
        said = [getattr(e, a, None) or "" for a in ("field", "setting", "record", "column")]
        assert any(want["names"] in s for s in said), facts


def test_the_matrix_is_large_enough() -> None:
    assert len(ROWS) >= 200
    assert {r["class"] for r in ROWS} >= {"bool", "numeric_string", "nan", "infinity", "fractional", "out_of_range",
                                          "aware_time", "leap_second", "missing_time", "reversed_range", "empty_input"}
