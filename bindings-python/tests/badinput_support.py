"""Shared by the bad-input and conformance tests (a plain module next to them, not a test file)."""

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
