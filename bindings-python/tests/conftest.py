from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import huzhu

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "core" / "examples" / "community.json"


@pytest.fixture(scope="session")
def district() -> huzhu.District:
    return huzhu.synth.generate(residents=1500, seed=11)


@pytest.fixture(scope="session")
def community(district: huzhu.District) -> huzhu.Community:
    return district.community


@pytest.fixture(scope="session")
def plan(community: huzhu.Community) -> huzhu.Plan:
    return community.match()


@pytest.fixture(scope="session")
def example() -> huzhu.Community:
    return huzhu.Community.from_json(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture()
def t0() -> dt.datetime:
    return dt.datetime(2026, 11, 24, 9, 0)
