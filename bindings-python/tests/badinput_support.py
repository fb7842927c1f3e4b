"""Shared by the bad-input, conformance and vocabulary tests (a plain module next to them, not a
test file): the catalogue, and the native driver of a ledger case step."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Callable

import huzhu

SHARED = pathlib.Path(__file__).resolve().parents[2] / "tests"


def catalogue() -> list[dict[str, Any]]:
    """The rows of tests/bad-inputs.json."""
    return json.loads((SHARED / "bad-inputs.json").read_text(encoding="utf-8"))


def raised(fn: Callable[[], object]) -> BaseException:
    """Runs `fn`, which must raise; returns what it raised: an Exception, never a panic
    (PanicException is a BaseException) nor huzhu.InternalError."""
    try:
        fn()
    except BaseException as e:  # noqa: BLE001 - a panic is a BaseException: catch it to report it
        assert isinstance(e, Exception), f"not an Exception: {type(e).__module__}.{type(e).__name__}: {e}"
        assert type(e).__name__ != "PanicException" and not isinstance(e, huzhu.InternalError), repr(e)
        return e
    raise AssertionError("nothing was raised")


def pointer(doc: Any, path: str) -> Any:
    """The member of `doc` at a JSON pointer (`/steps/2/error`)."""
    for part in [p for p in path.split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def label(ref: Any) -> Any:
    """An account or helper in the core's JSON form as Python passes it: the object form
    `{"kind": "volunteer", "id": 3}` as its label, the input-only `{"volunteer": 3}` as the pair
    `("volunteer", 3)` (which the core also reads)."""
    if isinstance(ref, dict) and "kind" in ref:
        return f"{ref['kind']}#{ref['id']}"
    if isinstance(ref, dict) and len(ref) == 1:
        [(kind, ident)] = ref.items()
        return (kind, ident)
    return ref


def native_op(op: dict) -> dict:
    """An operation of a case in the dict form `Ledger.batch` and `Ledger.submit` take."""
    out = {}
    for k, v in op.items():
        if k in ("account", "from", "to"):
            out[k] = label(v)
        elif k == "recipients":
            out[k] = [label(a) for a in v]
        elif k == "operations":
            out[k] = [native_op(o) for o in v]
        else:
            out[k] = v
    return out


def ledger_step(ledger: huzhu.Ledger, step: dict) -> object:
    """Runs one step of a ledger case (tests/fixtures, tests/bad-inputs.json) with the native
    method a user calls; returns what it returns (a receipt, a balance, None)."""
    [(name, s)] = step.items()
    if name == "open":
        fam = [label(a) for a in s.get("family", [])]
        return ledger.open_account(label(s["id"]), priority=s.get("priority", False), group=s.get("group", False), family=fam)
    if name == "approve":
        return ledger.approve(s["key"], s["reviewer"], s["at"])
    if name == "statement":
        return ledger.statement(label(s["account"]), s["from"], s["until"], unit=s.get("unit"))
    if name == "balance":
        return ledger.balance(label(s))
    if name == "points_balance":
        return ledger.points_balance(label(s))
    assert name == "submit", name
    meta = {"at": s["at"], "key": s["key"], "operator": s["operator"], "memo": s.get("memo", "")}
    op = s["operation"]
    kind = op["op"]
    if kind == "earn":
        return ledger.earn(label(op["account"]), op["need"], op["minutes"], **meta)
    if kind == "redeem":
        return ledger.redeem(label(op["account"]), op["minutes"], need=op.get("need"), **meta)
    if kind == "transfer":
        return ledger.transfer(label(op["from"]), label(op["to"]), op["minutes"], **meta)
    if kind == "donate":
        return ledger.donate(label(op["from"]), op["minutes"], **meta)
    if kind == "starting_grant":
        return ledger.grant(label(op["to"]), **meta)
    if kind == "pool_grant":
        return ledger.pool_grant([label(a) for a in op["recipients"]], op["minutes_each"], **meta)
    if kind == "batch":
        return ledger.batch([native_op(o) for o in op["operations"]], **meta)
    if kind == "reverse":
        return ledger.reverse(op["transaction"], **meta)
    if kind == "earn_points" and set(op) == {"op", "account", "rule", "points"}:
        return ledger.earn_points(label(op["account"]), op["rule"], op["points"], **meta)
    if kind == "exchange" and set(op) == {"op", "account", "item", "quantity"}:
        return ledger.exchange(label(op["account"]), op["item"], op["quantity"], **meta)
    if kind == "list_item" and set(op) == {"op", "item"}:
        return ledger.list_item(op["item"], **meta)
    if kind == "restock" and set(op) == {"op", "item", "quantity"}:
        return ledger.restock(op["item"], op["quantity"], **meta)
    # anything else ("mint", a points operation with a field of the other unit) as a dict
    return ledger.submit(native_op(op), **meta)
