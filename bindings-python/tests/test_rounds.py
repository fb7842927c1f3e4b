"""Visit rounds (huzhu.plan_rounds, huzhu.replan_rounds, huzhu.Rounds): the hand-worked cases of
core/tests/routing_rounds.rs, every stop checked in Python from the definitions (great-circle
distance in whole metres × detour at the server's speed, rounded up to whole seconds; visits
inside their windows and shifts), the same plan from pandas, polars, pyarrow, dicts and JSON
text, re-planning, and bad input named by record and field (or table, row and column)."""

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
from rounds_support import (
    CENTRE_POINT,
    check,
    distance_m,
    minutes,
    offset,
    t,
    travel_s,
    visit,
    visits_frame,
    window,
    worker,
    workers_frame,
)


def plan(visits: list[dict], workers: list[dict], **policy: Any) -> huzhu.Rounds:
    """The plan from tables and from the core's JSON: the same."""
    from_tables = huzhu.plan_rounds(visits_frame(visits), workers_frame(workers), **policy)
    from_records = huzhu.plan_rounds(visits, workers, **policy)
    assert from_tables.to_dict() == from_records.to_dict()
    return from_tables


MORNING = [window(t(8, 9), t(8, 12))]


# --- hand-worked cases --------------------------------------------------------------------


def test_each_unplanned_visit_says_why() -> None:
    legal = visit(1, 300.0, 0.0, 30, MORNING, skills=["legal"])
    early = visit(2, 300.0, 0.0, 30, [window(t(8, 6), t(8, 7))])  # before any shift
    general = visit(8, 100.0, 0.0, 35, MORNING)
    emergencies = [visit(i, 100.0, 0.0, 35, MORNING, urgency="emergency") for i in range(3, 8)]
    visits = [legal, early, general, *emergencies]
    workers = [worker("worker#1", MORNING)]
    p = plan(visits, workers)
    assert sorted(check(p, visits, workers)) == [3, 4, 5, 6, 7], "five 35-minute emergencies fill three hours"
    reasons = {u["visit"]: u for u in p.unplanned.to_pylist()}
    assert {k: u["reason"] for k, u in reasons.items()} == {1: "no_skilled_server", 2: "window_unreachable", 8: "outcompeted"}
    assert (reasons[8]["by"], reasons[8]["server"]) == ([3, 4, 5, 6, 7], "worker#1")
    assert (reasons[1]["by"], reasons[1]["server"]) == ([], None)
    assert (reasons[1]["lat"], reasons[1]["lon"]) == (legal["place"]["lat"], legal["place"]["lon"])
    assert p.to_dict()["unplanned"][0] == [1, {"reason": "no_skilled_server"}]


def test_a_lunch_break_splits_a_window_and_the_e_bike_goes_further() -> None:
    # 3 km east: 3,900 m of streets, 52 minutes' walk each way, 13 by e-bike (300 m a minute).
    far = visit(1, 0.0, 3000.0, 60, [window(t(8, 9), t(8, 11, 30)), window(t(8, 13, 30), t(8, 16))])
    walker = worker("worker#1", [window(t(8, 9), t(8, 11))])
    rider = worker("volunteer#2", [window(t(8, 13), t(8, 17))], mode="e_bike")
    assert distance_m(CENTRE_POINT, far["place"]) == 3000
    assert travel_s(CENTRE_POINT, far["place"], "e_bike", 130) == 13 * 60
    assert travel_s(CENTRE_POINT, far["place"], "walking", 130) == 52 * 60
    p = plan([far], [walker, rider])
    check(p, [far], [walker, rider])
    # The walker cannot be back by 11:00 (52 + 60 + 52 minutes); the rider takes the afternoon
    # window, leaving at 13:17 to start when it opens at 13:30, back at 14:43.
    assert p.rounds.to_pylist() == [{
        "server": "volunteer#2", "shift": 0, "depart": t(8, 13, 17), "back": t(8, 14, 43),
        "travel_minutes": 26, "visits": [1],
    }]
    assert p.stops.to_pylist() == [{
        "server": "volunteer#2", "shift": 0, "order": 1, "visit": 1,
        "arrive": t(8, 13, 30), "start": t(8, 13, 30), "end": t(8, 14, 30),
        "lat": far["place"]["lat"], "lon": far["place"]["lon"],
    }]
    assert p.travel_minutes == 26
    assert len(p.unplanned) == 0


def test_the_known_worker_keeps_a_resident_unless_it_costs_too_much() -> None:
    # The home is 500 m from worker 1's start, 100 m from worker 2's.
    home = visit(1, 0.0, 400.0, 30, [])
    shift = [window(t(8, 9), t(8, 12))]
    workers = [worker("worker#1", shift, east=-100.0), worker("worker#2", shift, east=500.0)]
    # Worker 1 travels 2 × 500 m × 1.3 / 75 = 17.3 minutes, worker 2 3.5: 13.9 more, below the
    # 20 minutes continuity is worth.
    assert travel_s(workers[0]["start"], home["place"], "walking", 130) == 520
    assert travel_s(workers[1]["start"], home["place"], "walking", 130) == 104
    known = dict(home, preferred="worker#1")
    p = plan([known], workers)
    check(p, [known], workers)
    assert p.rounds.to_pylist()[0]["server"] == "worker#1"
    assert p.travel_minutes == minutes(2 * 520) == 17
    # At 10 minutes, continuity is not worth the walk.
    p = plan([known], workers, continuity_minutes=10)
    check(p, [known], workers)
    assert p.rounds.to_pylist()[0]["server"] == "worker#2"
    assert p.travel_minutes == minutes(2 * 104) == 3
    assert p.policy == {"detour_percent": 130, "continuity_minutes": 10, "stability_minutes": 30, "keep_times_minutes": None, "iterations": 2000, "seed": 1}
    # A required worker is kept whatever the cost.
    required = dict(home, required="worker#1")
    p = plan([required], workers, policy={"continuity_minutes": 10})
    check(p, [required], workers)
    assert p.rounds.to_pylist()[0]["server"] == "worker#1"


def week() -> tuple[list[dict], list[dict]]:
    visits = [visit(i, 200.0 * i, 0.0, 45, [window(t(7 + i % 3, 9), t(7 + i % 3, 12))]) for i in range(1, 7)]
    workers = [worker("worker#1", [window(t(d, 9), t(d, 12)) for d in (7, 8, 9)])]
    return visits, workers


def test_a_week_of_shifts_keeps_each_visit_on_its_day() -> None:
    visits, workers = week()
    frame = workers_frame(workers)
    assert len(frame) == 3, "one row per shift"
    p = plan(visits, workers)
    assert len(check(p, visits, workers)) == 6
    rounds = p.rounds.to_pylist()
    assert [(r["shift"], r["depart"].day) for r in rounds] == [(0, 7), (1, 8), (2, 9)], "one round a day"
    for r in rounds:
        assert sorted(r["visits"]) == sorted(i for i in range(1, 7) if 7 + i % 3 == r["depart"].day)
    # GeoJSON: a LineString per round from the centre through its two homes and back, then a
    # Point per stop, in order.
    g = p.geojson()
    assert g["type"] == "FeatureCollection"
    features = g["features"]
    assert len(features) == 3 + 6
    line = features[0]
    assert line["geometry"]["type"] == "LineString"
    coords = line["geometry"]["coordinates"]
    assert len(coords) == 4 and coords[0] == [121.5, 31.2] and coords[0] == coords[3]
    assert line["properties"]["server"] == "worker#1"
    first = next(v for v in visits if v["id"] == line["properties"]["visits"][0])
    assert coords[1] == [first["place"]["lon"], first["place"]["lat"]]
    assert features[1]["geometry"]["type"] == "Point" and features[1]["properties"]["order"] == 1


def test_replanning_after_a_sick_worker_keeps_the_others_rounds() -> None:
    day = [window(t(8, 9), t(8, 16))]
    visits = [visit(i, 150.0 * (i % 4), 150.0 * (i // 4), 30, day) for i in range(1, 13)]
    workers = [worker(f"worker#{i}", day) for i in (1, 2, 3)]
    before = plan(visits, workers)
    check(before, visits, workers)
    sick = before.rounds.to_pylist()[0]["server"]
    others = [w for w in workers if w["server"] != sick]
    after = huzhu.replan_rounds(before, visits_frame(visits), workers_frame(others))
    assert len(check(after, visits, others)) == 12
    now = {r["server"]: r["visits"] for r in after.rounds.to_pylist()}
    for r in before.rounds.to_pylist():
        if r["server"] != sick:
            assert set(r["visits"]) <= set(now[r["server"]]), f"{r['server']} lost a visit"
    # The previous plan may come back as its JSON (a dict, or text) and as records.
    for previous in (before.to_dict(), before.to_json(), json.loads(before.to_json())):
        again = huzhu.replan_rounds(previous, visits, others)
        assert again.to_dict() == after.to_dict()


def test_the_same_plan_from_every_kind_of_input() -> None:
    visits, workers = week()
    visits[0] = dict(visits[0], skills=["first_aid"], urgency="special_group", preferred="volunteer#2")
    visits[1] = dict(visits[1], windows=[*visits[1]["windows"], window(t(9, 13), t(9, 16))])
    workers.append(worker("volunteer#2", [window(t(7, 9), t(7, 11)), window(t(8, 9), t(8, 11))], mode="cycling", east=100.0,
                          skills=["first_aid", "lifting"], max_minutes_per_shift=90))
    expected = huzhu.plan_rounds(visits, workers, seed=3)
    check(expected, visits, workers)
    vf, wf = visits_frame(visits), workers_frame(workers)
    as_text = (json.dumps(visits, default=str), json.dumps(workers, default=str))
    # Lists in `;`-separated text, as in a CSV file.
    csv_v = vf.assign(skills=vf["skills"].str.join(";"), windows=vf["windows"].str.join(";"))
    csv_w = wf.assign(skills=wf["skills"].str.join(";"))
    for v, w in [
        (vf, wf),
        (pa.Table.from_pandas(vf, preserve_index=False), pa.Table.from_pandas(wf, preserve_index=False)),
        (pl.from_pandas(vf), pl.from_pandas(wf)),
        (pa.Table.from_pandas(vf).to_pydict(), pa.Table.from_pandas(wf).to_pydict()),  # a dict of columns
        (csv_v, csv_w),
        (vf.iloc[::-1].iloc[::-1], wf.iloc[::-1].iloc[::-1]),  # a pandas index that is not a range
        as_text,
        (tuple(visits), tuple(workers)),
    ]:
        got = huzhu.plan_rounds(v, w, seed=3)
        assert got.to_dict() == expected.to_dict(), type(v)


def test_optional_columns_take_the_core_defaults() -> None:
    visits = pd.DataFrame({"id": [1], "lat": [31.2027], "lon": [121.5], "minutes": [30]})
    workers = pd.DataFrame({"server": ["volunteer#4"], "start_lat": [31.2], "start_lon": [121.5], "end_lat": [31.2],
                            "end_lon": [121.5], "shifts": [["2026-12-08T09:00:00/2026-12-08T12:00:00"]]})
    p = huzhu.plan_rounds(visits, workers)
    records = [{"id": 1, "place": {"lat": 31.2027, "lon": 121.5}, "minutes": 30}]
    servers = [{"server": "volunteer#4", "start": {"lat": 31.2, "lon": 121.5}, "end": {"lat": 31.2, "lon": 121.5},
                "shifts": [{"start": "2026-12-08T09:00:00", "end": "2026-12-08T12:00:00"}]}]
    assert p.to_dict() == huzhu.plan_rounds(records, servers).to_dict()
    check(p, records, servers)  # walking, any time in the shift: leaving at 09:00
    leg = travel_s(CENTRE_POINT, records[0]["place"], "walking", 130)
    assert p.stops.to_pylist()[0]["arrive"] == t(8, 9) + dt.timedelta(seconds=leg)


def test_a_server_with_no_shift_and_no_visits() -> None:
    p = huzhu.plan_rounds([], [worker("worker#1", [])])
    assert (len(p.rounds), len(p.stops), len(p.unplanned), p.travel_minutes) == (0, 0, 0, 0)
    assert p.stops.column_names == ["server", "shift", "order", "visit", "arrive", "start", "end", "lat", "lon"]
    assert p.unplanned.column_names == ["visit", "reason", "by", "server", "lat", "lon"]
    lone = visit(1, 0.0, 0.0, 30, [])
    p = huzhu.plan_rounds(visits_frame([lone]), workers_frame([worker("worker#1", [])]))
    assert p.unplanned.to_pylist()[0]["reason"] == "no_skilled_server"


def test_repr_and_html() -> None:
    visits, workers = week()
    p = huzhu.plan_rounds(visits, workers)
    assert repr(p) == f"<huzhu.Rounds: 3 rounds, 6 visits planned, 0 unplanned, {p.travel_minutes} minutes travelling>"
    assert "worker#1" in p._repr_html_()
    assert isinstance(p, huzhu.Rounds) and isinstance(p.stops, huzhu.Table)


# --- bad input ----------------------------------------------------------------------------


def facts(e: BaseException) -> tuple:
    return (type(e), e.code, e.record, e.field, e.table, e.row, e.column)


OK_VISIT = visit(1, 0.0, 0.0, 30, [])
ONE = [worker("worker#1", MORNING)]


@pytest.mark.parametrize("form", ["records", "table"])
@pytest.mark.parametrize(
    "visits, workers, record, field",
    [
        ([OK_VISIT, OK_VISIT], ONE, "visit 1", "id"),
        ([dict(OK_VISIT, minutes=0)], ONE, "visit 1", "minutes"),
        ([dict(OK_VISIT, windows=[window(t(8, 9), t(8, 9, 20))])], ONE, "visit 1", "windows[0]"),
        ([dict(OK_VISIT, windows=[*MORNING, window(t(8, 9), t(8, 9, 20))])], ONE, "visit 1", "windows[1]"),
        ([dict(OK_VISIT, place={"lat": 91.0, "lon": 0.0})], ONE, "visit 1", "place.lat"),
        ([dict(OK_VISIT, place={"lat": 0.0, "lon": -180.5})], ONE, "visit 1", "place.lon"),
        ([OK_VISIT], [worker("worker#1", [window(t(8, 12), t(8, 9))])], "worker#1", "shifts[0]"),
        ([OK_VISIT], [dict(ONE[0], start={"lat": 0.0, "lon": 200.0})], "worker#1", "start.lon"),
    ],
    ids=["duplicate id", "no minutes", "short window", "short second window", "lat 91", "lon -180.5",
         "shift ends before it starts", "start lon 200"],
)
def test_records_the_core_refuses_are_named(form: str, visits: list, workers: list, record: str, field: str) -> None:
    if form == "table":
        e = raised(lambda: huzhu.plan_rounds(visits_frame(visits), workers_frame(workers)))
    else:
        e = raised(lambda: huzhu.plan_rounds(visits, workers))
    assert facts(e) == (huzhu.ValidationError, "ROUNDS_INVALID", record, field, None, None, None)
    assert str(e).startswith(f"{record}: {field} ")


def test_a_server_listed_twice() -> None:
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], ONE + ONE))
    assert facts(e) == (huzhu.ValidationError, "ROUNDS_INVALID", "worker#1", "server", None, None, None)
    # In a table a server has a row per shift; rows that disagree on anything but the shift are
    # refused, naming the row and the column.
    rows = workers_frame([worker("worker#1", [*MORNING, window(t(9, 9), t(9, 12))])])
    assert len(huzhu.plan_rounds([OK_VISIT], rows).rounds) == 1
    for column, value in [("start_lat", 31.3), ("end_lon", 121.6), ("mode", "cycling"), ("max_minutes_per_shift", 60),
                          ("skills", ["legal"])]:
        bad = rows.copy()
        bad[column] = bad[column].astype(object)
        bad.at[1, column] = value
        e = raised(lambda: huzhu.plan_rounds([OK_VISIT], bad))
        assert facts(e) == (huzhu.ValidationError, "INVALID_ARGUMENT", "worker#1", column, "workers", "1", column)
        assert str(e) == (f"table `workers`, row 1 (worker#1), column `{column}`: differs from row 0 of the same server "
                          "(a server's rows differ only in their shift)")
    # Empty cells (or the same values) in a server's further rows are the first row's.
    sparse = rows.copy()
    for column in ("start_lat", "start_lon", "end_lat", "end_lon", "mode"):
        sparse[column] = sparse[column].astype(object)
        sparse.at[1, column] = None
    assert huzhu.plan_rounds([OK_VISIT], sparse).to_dict() == huzhu.plan_rounds([OK_VISIT], rows).to_dict()


def test_timezone_aware_times_are_refused_not_converted() -> None:
    vf = visits_frame([visit(1, 0.0, 0.0, 30, MORNING)])
    aware = vf.assign(window_start=vf["window_start"].dt.tz_localize("Asia/Shanghai"))
    e = raised(lambda: huzhu.plan_rounds(aware, ONE))
    assert facts(e) == (huzhu.ValidationError, "INVALID_DATE", None, "window_start", "visits", None, "window_start")
    assert "UTC offset" in str(e)
    wf = workers_frame(ONE)
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], wf.assign(shift_end=wf["shift_end"].dt.tz_localize("UTC"))))
    assert facts(e)[1:] == ("INVALID_DATE", None, "shift_end", "workers", None, "shift_end")
    # Text with an offset in a cell: the row and its record are named.
    e = raised(lambda: huzhu.plan_rounds(vf.assign(window_start=["2026-12-08T09:00:00+08:00"]), ONE))
    assert facts(e)[1:] == ("INVALID_DATE", "visit 1", "window_start", "visits", "0", "window_start")
    e = raised(lambda: huzhu.plan_rounds(vf.assign(windows=[["2026-12-08T13:00:00Z/2026-12-08T14:00:00"]]), ONE))
    assert facts(e)[1:] == ("INVALID_DATE", "visit 1", "windows", "visits", "0", "windows")
    # A timezone-aware datetime or text with an offset in the core's JSON.
    tz = dt.timezone(dt.timedelta(hours=8))
    e = raised(lambda: huzhu.plan_rounds([dict(OK_VISIT, windows=[window(t(8, 9).replace(tzinfo=tz), t(8, 12))])], ONE))
    assert facts(e) == (huzhu.ValidationError, "INVALID_DATE", None, "visits[0].windows[0].start", None, None, None)
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], [dict(ONE[0], shifts=[{"start": "2026-12-08T09:00:00Z", "end": "2026-12-08T12:00:00"}])]))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_JSON", None, "workers[0].shifts[0].start")
    assert "UTC offset" in str(e)


def test_unknown_columns_and_fields_are_refused() -> None:
    e = raised(lambda: huzhu.plan_rounds(visits_frame([OK_VISIT]).assign(colour="red"), ONE))
    assert facts(e) == (huzhu.ValidationError, "INVALID_ARGUMENT", None, "colour", "visits", None, "colour")
    assert str(e).startswith("table `visits`, column `colour`: unknown column, expected some of id, lat, lon, minutes")
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], workers_frame(ONE).rename(columns={"mode": "travel"})))
    assert facts(e)[1:] == ("INVALID_ARGUMENT", None, "travel", "workers", None, "travel")
    e = raised(lambda: huzhu.plan_rounds([dict(OK_VISIT, colour="red")], ONE))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_JSON", None, "visits[0].colour")
    assert "unknown field `colour`" in str(e)
    # Flat rows as dicts are not the core's JSON: the first column it does not know is named.
    e = raised(lambda: huzhu.plan_rounds([{"id": 1, "lat": 31.2, "lon": 121.5, "minutes": 30}], ONE))
    assert (e.code, e.field) == ("MODEL_JSON", "visits[0].lat")


def test_labels_and_codes_are_the_cores() -> None:
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], workers_frame(ONE).assign(server="resident#3")))
    assert facts(e) == (huzhu.ValidationError, "INVALID_ID", None, "server", "workers", "0", "server")
    assert "worker#3 or volunteer#12" in str(e)
    e = raised(lambda: huzhu.plan_rounds(visits_frame([OK_VISIT]).assign(required="resident#3"), ONE))
    assert facts(e)[1:] == ("INVALID_ID", "visit 1", "required", "visits", "0", "required")
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], [dict(ONE[0], server="resident#3")]))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_JSON", None, "workers[0].server")
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], workers_frame(ONE).assign(mode="bike")))
    assert facts(e)[1:] == ("MODEL_JSON", "worker#1", "mode", "workers", "0", "mode")
    assert "e_bike" in str(e)
    e = raised(lambda: huzhu.plan_rounds(visits_frame([OK_VISIT]).assign(urgency="soon"), ONE))
    assert facts(e)[1:] == ("MODEL_JSON", "visit 1", "urgency", "visits", "0", "urgency")
    e = raised(lambda: huzhu.plan_rounds(visits_frame([OK_VISIT]).assign(source='{"resident": 3}'), ONE))
    assert facts(e)[1:3] == ("MODEL_JSON", "visit 1") and facts(e)[4:] == ("visits", "0", "source")
    # Codes are read as elsewhere in the package (any case, `-` or a space for `_`).
    p = huzhu.plan_rounds(visits_frame([OK_VISIT]).assign(urgency="Special Group", source="other"),
                          workers_frame(ONE).assign(mode="E-Bike", server="Worker#1"))
    assert p.rounds.to_pylist()[0]["server"] == "worker#1"


def test_cells_that_do_not_read_are_named() -> None:
    vf = visits_frame([OK_VISIT])
    e = raised(lambda: huzhu.plan_rounds(vf.drop(columns=["lat"]), ONE))
    assert facts(e) == (huzhu.ValidationError, "INVALID_ARGUMENT", "visit 1", "lat", "visits", "0", "lat")
    assert str(e) == "table `visits`, row 0 (visit 1), column `lat`: required column is missing"
    e = raised(lambda: huzhu.plan_rounds(vf.assign(minutes=[-5]), ONE))
    assert facts(e)[1:] == ("INVALID_ARGUMENT", "visit 1", "minutes", "visits", "0", "minutes")
    e = raised(lambda: huzhu.plan_rounds(vf.assign(window_start=[t(8, 9)], window_end=[None]), ONE))
    assert facts(e)[1:] == ("INVALID_ARGUMENT", "visit 1", "window_end", "visits", "0", "window_end")
    e = raised(lambda: huzhu.plan_rounds(vf.assign(windows=[["2026-12-08T09:00:00"]]), ONE))
    assert facts(e)[1:] == ("INVALID_TEXT", "visit 1", "windows", "visits", "0", "windows")
    e = raised(lambda: huzhu.plan_rounds(vf.assign(id=[None]), ONE))
    assert facts(e)[1:] == ("INVALID_ARGUMENT", None, "id", "visits", "0", "id")
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], workers_frame(ONE).drop(columns=["end_lon"])))
    assert facts(e)[1:] == ("INVALID_ARGUMENT", "worker#1", "end_lon", "workers", "0", "end_lon")
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], 42))
    assert isinstance(e, TypeError)


@pytest.mark.parametrize(
    "settings, code, field",
    [
        ({"detour_percent": 90}, "ROUNDS_INVALID", "detour_percent"),
        ({"iterations": 0}, "ROUNDS_INVALID", "iterations"),
        ({"detour": 130}, "MODEL_JSON", "detour"),
        ({"seed": -1}, "MODEL_JSON", "seed"),
        ({"continuity_minutes": "a lot"}, "MODEL_JSON", "continuity_minutes"),
    ],
)
def test_the_policy_is_read_and_checked_by_the_core(settings: dict, code: str, field: str) -> None:
    for call in (lambda: huzhu.plan_rounds([OK_VISIT], ONE, **settings),
                 lambda: huzhu.plan_rounds([OK_VISIT], ONE, policy=settings),
                 lambda: huzhu.replan_rounds({"rounds": [], "unplanned": [], "travel_minutes": 0}, [OK_VISIT], ONE, **settings)):
        e = raised(call)
        assert (type(e), e.code, e.record, e.field, e.setting) == (huzhu.PolicyError, code, "rounds policy", field, field)


def test_policy_messages() -> None:
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], ONE, detour_percent=90))
    assert str(e) == "rounds policy: detour_percent must be at least 100 (streets are never shorter than the straight line)"
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], ONE, detour=130))
    assert str(e).startswith("rounds policy: detour cannot be read: unknown field `detour`, expected one of `detour_percent`")
    e = raised(lambda: huzhu.plan_rounds([OK_VISIT], ONE, policy=[("seed", 1)]))
    assert (type(e), e.code, e.field) == (TypeError, "INVALID_ARGUMENT", "policy")


def test_bad_previous_plans() -> None:
    e = raised(lambda: huzhu.replan_rounds({"rounds": []}, [OK_VISIT], ONE))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "MODEL_JSON", "previous")
    assert "missing field `unplanned`" in str(e)
    e = raised(lambda: huzhu.replan_rounds({"rounds": [{"server": "resident#1"}], "unplanned": [], "travel_minutes": 0},
                                           [OK_VISIT], ONE))
    assert (e.code, e.field) == ("MODEL_JSON", "previous.rounds[0].server")
    e = raised(lambda: huzhu.replan_rounds(object(), [OK_VISIT], ONE))
    assert isinstance(e, TypeError)
    # A previous plan naming a server or visit no longer there is fine: they are left out.
    before = huzhu.plan_rounds([OK_VISIT, dict(OK_VISIT, id=2)], [worker("worker#9", MORNING)])
    after = huzhu.replan_rounds(before, [OK_VISIT], ONE)
    assert [r["visits"] for r in after.rounds.to_pylist()] == [[1]]
