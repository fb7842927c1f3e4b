"""The shared fixtures and the bad-input catalogue, through the Python package.

The expected outputs were worked out by hand (tests/tools in the repository); the Rust crate
huzhu-conformance and the JS package run the same files and must agree byte for byte.
"""

from __future__ import annotations

import json
import pathlib

import pytest

import huzhu
from huzhu import conformance

from badinput_support import SHARED, catalogue, pointer

FIXTURES = sorted((SHARED / "fixtures").glob("*.json"))
ROWS = catalogue()


def test_the_shared_files_are_there() -> None:
    assert len(FIXTURES) >= 30
    assert len(ROWS) >= 50


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_output_is_identical(path: pathlib.Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = json.loads(text)["expected"]
    assert conformance.run_case(text) == conformance.canonicalize(json.dumps(expected))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_bad_input_gives_its_typed_error(row: dict) -> None:
    case = row["case"]
    text = case if isinstance(case, str) else json.dumps(case)
    out = json.loads(conformance.run_case(text))
    error = pointer(out, row["at"])
    assert {k: error.get(k) for k in row["rust"]} == row["rust"]


SNAPSHOT_ROWS = [
    r for r in ROWS if isinstance(r["case"], dict) and r["case"].get("kind") == "snapshot"
    and isinstance(r["case"].get("input", {}).get("snapshot"), dict)
    # Parse errors carry line and column, which depend on the exact text: run_case covers them.
    and r["rust"]["code"] != "MODEL_JSON"
]


@pytest.mark.parametrize("row", SNAPSHOT_ROWS, ids=lambda r: r["id"])
def test_bad_snapshot_through_the_native_api(row: dict) -> None:
    """The same bad snapshot given to Community.from_json raises a HuzhuError with the core's
    code, message, record and field."""
    text = json.dumps(row["case"]["input"]["snapshot"])
    with pytest.raises(huzhu.HuzhuError) as info:
        huzhu.Community.from_json(text)
    e = info.value
    assert {k: str(e) if k == "message" else getattr(e, k) for k in row["rust"]} == row["rust"]
