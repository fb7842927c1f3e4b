"""Rolling planning: a community built once from the tables that do not change, then each round
`update(needs=...)` with only the rows that changed (new needs, status changes), gives the plans
that building everything from scratch each round gives."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import huzhu

from badinput_support import raised

T = dt.datetime
RESIDENTS = pd.DataFrame({
    "id": [1, 2, 3], "birth_date": ["1941-03-08", "1944-05-01", "1950-07-07"],
    "lat": [31.2300, 31.2302, 31.2304], "lon": [121.4700, 121.4702, 121.4704], "grid": [1, 1, 1],
})
# One volunteer with 60 minutes a week: one task of an hour.
VOLUNTEERS = pd.DataFrame({
    "id": [1], "lat": [31.2305], "lon": [121.4705], "skills": ["cleaning"],
    "availability": ["Mon-Fri 09:00-12:00"], "minutes_per_week": [60],
})


def need(id: int, resident: int, *, urgency: str = "general", status: str = "open", day: int = 24,
         created: dt.datetime = T(2026, 11, 23, 8)) -> dict[str, Any]:
    """A need for an hour of cleaning between 9:00 and 12:00 on 2026-11-`day`."""
    return {"id": id, "resident": resident, "category": "elder.cleaning", "urgency": urgency,
            "created_at": created, "window_start": T(2026, 11, day, 9), "window_end": T(2026, 11, day, 12),
            "duration_minutes": 60, "status": status}


def rows(*needs: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(needs))


def matched(plan: huzhu.Plan) -> list[tuple[int, str, str]]:
    return [(a["need"], a["helper"], a["start"].isoformat()) for a in plan.assignments.to_pylist()]


def test_a_rolling_loop_by_hand() -> None:
    """Built once; each round passes only what changed; each plan is the one expected."""
    base = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS)
    # Monday 18:00: the first need arrives and gets the volunteer on Tuesday at 9:00.
    monday = base.update(needs=rows(need(1, 1)))
    assert matched(monday.match(now=T(2026, 11, 23, 18))) == [(1, "volunteer#1", "2026-11-24T09:00:00")]
    # 20:00: an emergency arrives; the volunteer's one hour goes to it, need#1 is outcompeted.
    emergency = monday.update(needs=rows(need(2, 2, urgency="emergency", created=T(2026, 11, 23, 19))))
    plan = emergency.match(now=T(2026, 11, 23, 20))
    assert matched(plan) == [(2, "volunteer#1", "2026-11-24T09:00:00")]
    assert [(u["need"], u["reason"]) for u in plan.unmatched.to_pylist()] == [(1, "outcompeted")]
    # 21:00: the emergency is withdrawn (a status change): need#1 has the volunteer again.
    withdrawn = emergency.update(needs=rows(need(2, 2, urgency="emergency", status="cancelled", created=T(2026, 11, 23, 19))))
    assert matched(withdrawn.match(now=T(2026, 11, 23, 21))) == [(1, "volunteer#1", "2026-11-24T09:00:00")]
    # 22:00: need#1 moves to Wednesday (its row replaced whole).
    moved = withdrawn.update(needs=rows(need(1, 1, day=25)))
    assert matched(moved.match(now=T(2026, 11, 23, 22))) == [(1, "volunteer#1", "2026-11-25T09:00:00")]
    # Each community is what it was made as: an update changes none that came before.
    assert (base.counts["needs"], monday.counts["needs"], moved.counts["needs"]) == (0, 1, 2)
    assert [(n["id"], n["status"]) for n in emergency.needs.to_pylist()] == [(1, "open"), (2, "open")]
    assert [(n["id"], n["status"]) for n in moved.needs.to_pylist()] == [(1, "open"), (2, "cancelled")]
    assert [n["window_start"].day for n in withdrawn.needs.to_pylist()] == [24, 24]
    # The same as building from the tables as they stand.
    now = rows(need(1, 1, day=25), need(2, 2, urgency="emergency", status="cancelled", created=T(2026, 11, 23, 19)))
    scratch = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS, needs=now)
    assert moved.to_json() == scratch.to_json()


def test_rounds_of_a_district_give_the_plans_of_building_from_scratch(district: huzhu.District) -> None:
    """A district planned every twelve hours: each round the needs created since the last, plus
    the needs the last plan matched, now `matched` in the needs DataFrame (changed in place)."""
    tables = {k: v.to_pandas() for k, v in district.community.to_tables().items()}
    needs = tables.pop("needs")
    static = {k: tables[k] for k in ("residents", "volunteers", "services", "providers")}
    last = needs["created_at"].max().to_pydatetime()
    nows = [last - dt.timedelta(hours=12 * k) for k in range(7, -1, -1)]
    c = huzhu.Community.from_tables(**static)
    seen = pd.Series(False, index=needs.index)
    changed = pd.Series(False, index=needs.index)
    arrivals, status_changes = 0, 0
    for now in nows:
        known = needs["created_at"] <= now
        c = c.update(needs=needs[(known & ~seen) | changed])
        arrivals, status_changes = arrivals + int((known & ~seen).sum()), status_changes + int((changed & seen).sum())
        seen, changed = known, pd.Series(False, index=needs.index)
        scratch = huzhu.Community.from_tables(**static, needs=needs[known])
        assert c.to_json() == scratch.to_json()
        plan, expected = c.match(now=now), scratch.match(now=now)
        assert plan.assignments.to_pylist() == expected.assignments.to_pylist()
        assert plan.unmatched.to_pylist() == expected.unmatched.to_pylist()
        assert plan.objective == expected.objective
        # Record the matches in the DataFrame itself, as a data team's store would.
        ids = needs["id"].isin([a["need"] for a in plan.assignments.to_pylist()])
        needs.loc[ids, "status"] = "matched"
        changed = ids
    assert c.counts["needs"] == len(needs)
    assert arrivals == len(needs) and status_changes > 10  # both kinds of change were made


def test_a_dataframe_changed_in_place_is_read_as_it_is_now() -> None:
    """Nothing is cached: the same DataFrame object, changed in place between calls, is read
    again in full; the tables not given are the community's own records, as read before."""
    base = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS)
    needs = rows(need(1, 1), need(2, 2, urgency="emergency"))
    first = base.update(needs=needs)
    assert matched(first.match(now=T(2026, 11, 23, 18))) == [(2, "volunteer#1", "2026-11-24T09:00:00")]
    needs.loc[needs["id"] == 2, "status"] = "cancelled"  # the same object, changed in place
    needs.loc[needs["id"] == 1, "window_start"] = T(2026, 11, 24, 10)
    for again in (first.update(needs=needs), base.update(needs=needs), base.with_tables(needs=needs)):
        assert matched(again.match(now=T(2026, 11, 23, 18))) == [(1, "volunteer#1", "2026-11-24T10:00:00")]
    assert matched(first.match(now=T(2026, 11, 23, 18))) == [(2, "volunteer#1", "2026-11-24T09:00:00")]
    # The residents DataFrame changed in place after `base` was built: `base` keeps what it read.
    residents = RESIDENTS.copy()
    built = huzhu.Community.from_tables(residents=residents, volunteers=VOLUNTEERS)
    residents.loc[0, "lat"] = 31.9
    assert built.residents.to_pylist()[0]["lat"] == 31.23
    assert huzhu.Community.from_tables(residents=residents).residents.to_pylist()[0]["lat"] == 31.9


def test_rows_equal_to_the_needs_there_change_nothing() -> None:
    c = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS, needs=rows(need(1, 1), need(2, 2)))
    assert c.update(needs=rows(need(2, 2), need(1, 1))) == c
    assert c.update(needs=rows(need(1, 1)).iloc[:0]) == c
    assert c.update() == c and c.update(needs=None) == c


@pytest.mark.parametrize("kind", ["pyarrow", "polars", "records"])
def test_any_table_will_do(kind: str) -> None:
    c = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS, needs=rows(need(1, 1)))
    new = [need(1, 1, status="done"), need(2, 2)]
    table = {"pyarrow": pa.Table.from_pylist(new), "polars": pl.DataFrame(new), "records": new}[kind]
    assert [(n["id"], n["status"]) for n in c.update(needs=table).needs.to_pylist()] == [(1, "done"), (2, "open")]


def bad_update(table: Any) -> huzhu.HuzhuError:
    c = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS, needs=rows(need(1, 1)))
    before = c.to_json()
    e = raised(lambda: c.update(needs=table))
    assert c.to_json() == before  # a refused update leaves the community as it was
    assert isinstance(e, huzhu.HuzhuError)
    return e


def test_an_id_given_twice_is_refused_at_its_second_row() -> None:
    e = bad_update(rows(need(2, 2), need(1, 1, status="done"), need(2, 3)))
    assert type(e) is huzhu.ValidationError
    assert (e.code, e.table, e.row, e.record) == ("MODEL_DUPLICATE_ID", "needs", "2", "need#2")
    assert str(e) == "table `needs`, row 2: need#2: duplicate id"


def test_a_need_of_an_unknown_resident_names_table_row_record_and_field() -> None:
    e = bad_update(rows(need(1, 1, status="done"), need(2, 9)))
    assert type(e) is huzhu.ValidationError
    assert (e.code, e.table, e.row, e.record, e.field) == ("MODEL_UNKNOWN_REFERENCE", "needs", "1", "need#2", "resident")


def test_a_replacement_the_core_refuses_is_refused_whole() -> None:
    """need#1 replaced by a row whose window is shorter than its duration: refused, nothing
    changed (not even need#2 of the row before)."""
    short = dict(need(1, 1), window_end=T(2026, 11, 24, 9, 30))
    e = bad_update(rows(need(2, 2), short))
    assert type(e) is huzhu.ValidationError
    assert (e.code, e.table, e.row, e.record) == ("MODEL_INVALID_FIELD", "needs", "1", "need#1")


def test_a_bad_cell_names_its_column() -> None:
    e = bad_update(rows(dict(need(1, 1), window_start="2026-11-24T09:00:00+08:00")))
    assert (type(e), e.code, e.table, e.row, e.column, e.record) == (
        huzhu.ValidationError, "INVALID_DATE", "needs", "0", "window_start", "need#1")
    e = bad_update(rows(need(1, 1)).drop(columns=["created_at"]))
    assert (e.code, e.table, e.row, e.column) == ("INVALID_ARGUMENT", "needs", "0", "created_at")
    assert "required column is missing" in str(e)


def test_not_a_table() -> None:
    c = huzhu.Community.from_tables(residents=RESIDENTS)
    assert isinstance(raised(lambda: c.update(needs=42)), (TypeError, ValueError))
    with pytest.raises(TypeError):
        c.update(rows(need(1, 1)))  # type: ignore[misc]  # keyword only


def test_the_snapshot_keeps_no_trace_of_how_it_was_built() -> None:
    once = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS).update(needs=rows(need(1, 1), need(2, 2)))
    steps = huzhu.Community.from_tables(residents=RESIDENTS, volunteers=VOLUNTEERS, needs=rows(need(1, 1, status="done")))
    steps = steps.update(needs=rows(need(2, 2))).update(needs=rows(need(1, 1)))
    assert json.loads(once.to_json()) == json.loads(steps.to_json())
