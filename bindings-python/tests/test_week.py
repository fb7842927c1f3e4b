"""A week of rounds keeping contact intervals (huzhu.plan_week, huzhu.Week) and rounds from the care
files (huzhu.contact_rounds, huzhu.contact_visits, huzhu.walkers_from_homes): the hand-worked weeks
of core/tests/routing_week.rs, every day's rounds checked in Python from the definitions, the
volunteers' minutes handed to the matcher, the same week from every input form, the synthetic
district's week, bad input named by record and field, the shared week fixtures replayed natively,
and the visit-rounds notebook using the core's functions instead of its own copy of them."""

from __future__ import annotations

import ast
import datetime as dt
import json
import pathlib
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import huzhu
from huzhu import care

from badinput_support import SHARED, raised
from rounds_support import check, offset, t, visit, visits_frame, window, worker, workers_frame

MONDAY = dt.date(2026, 12, 7)
NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"


def day(n: int) -> dt.date:
    """Monday 7 December 2026 plus `n` days."""
    return MONDAY + dt.timedelta(days=n)


def weekdays(start: tuple[int, int], end: tuple[int, int]) -> list[dict[str, Any]]:
    """Monday to Friday (7–11 December), `start`–`end` o'clock and minutes."""
    return [window(t(d, *start), t(d, *end)) for d in range(7, 12)]


def at_centre(id: int, every_days: int, last: dt.date | None) -> dict[str, Any]:
    """A contact round: a 30-minute visit at the centre (no travel), every `every_days`, last
    made on `last`."""
    return {"visit": visit(id, 0.0, 0.0, 30, []), "every_days": every_days, "last": last}


def plans_frame(plans: list[dict]) -> pd.DataFrame:
    """One row per contact round: the visit's columns, every_days, last."""
    frame = visits_frame([p["visit"] for p in plans])
    return frame.assign(every_days=[p["every_days"] for p in plans], last=[p.get("last") for p in plans])


def week(plans: list[dict], workers: list[dict], **kw: Any) -> huzhu.Week:
    """Monday 7 to Sunday 13 December, planned from tables and from the core's JSON (the same);
    every day's rounds checked against the definitions and the week's shifts."""
    kw = {"start": day(0), "through": day(6), **kw}
    from_tables = huzhu.plan_week(plans_frame(plans), workers_frame(workers), **kw)
    from_records = huzhu.plan_week(plans, workers, **kw)
    assert from_tables.to_dict() == from_records.to_dict()
    visits = {p["visit"]["id"]: p["visit"] for p in plans}
    for d in from_tables.days:
        assert isinstance(d, huzhu.DayRounds) and isinstance(d.plan, huzhu.Rounds)
        ids = [s["visit"] for s in d.plan.stops.to_pylist()] + [u["visit"] for u in d.plan.unplanned.to_pylist()]
        check(d.plan, [visits[i] for i in ids], workers)
        assert all(s["start"].date() == d.date for s in d.plan.stops.to_pylist())
    return from_tables


def contact(w: huzhu.Week, id: int) -> dict[str, Any]:
    return next(c for c in w.contacts.to_pylist() if c["visit"] == id)


def unplanned(plan: huzhu.Rounds) -> list[tuple[int, str]]:
    return [(u["visit"], u["reason"]) for u in plan.unplanned.to_pylist()]


# --- hand-worked weeks (core/tests/routing_week.rs) ---------------------------------------------


def test_with_time_for_one_visit_a_day_the_second_due_on_monday_is_made_late_on_tuesday() -> None:
    # Shifts of 40 minutes; both residents were last seen a week before Monday: both due Monday.
    workers = [worker("worker#1", weekdays((9, 0), (9, 40)))]
    w = week([at_centre(1, 7, day(-7)), at_centre(2, 7, day(-7))], workers)
    assert [d.date for d in w.days] == [day(n) for n in range(5)], "one entry per working day"
    monday = w.days[0].plan
    [first] = monday.rounds.to_pylist()[0]["visits"]
    second = 3 - first
    # Both general: the one left waits for a full shift, not for a more urgent visit.
    assert unplanned(monday) == [(second, "shift_full")]
    assert contact(w, first) == {"visit": first, "made": [day(0)], "overdue_days": [], "next_due": day(7), "kept": True}
    # Eight days between its visits: Tuesday is overdue, Monday was not yet.
    assert contact(w, second) == {"visit": second, "made": [day(1)], "overdue_days": [day(1)], "next_due": day(8), "kept": False}
    assert w.kept == 1
    # Two 30-minute visits with no travel.
    assert (w.minutes_worked, w.travel_minutes) == ({"worker#1": 60}, 0)
    assert w.committed_tasks(60) == {}, "workers have no matcher budget"


# A volunteer free on weekdays, and two 60-minute needs of the week the matcher gives them.
MATCH_SNAPSHOT = {
    "format": "huzhu.community", "version": 1, "name": "budget",
    "categories": [{"code": "local.chat", "name_en": "Chat", "name_zh": "聊天", "group": "culture",
                    "required_skills": [], "essential": False}],
    "residents": [{"id": i, "birth_date": "1945-01-01", "household": "lives_alone", "self_care": "full",
                   "home": {"lat": 31.2, "lon": 121.5 + 0.001 * i}, "grid": 1} for i in (1, 2)],
    "volunteers": [{"id": 7, "skills": [], "minutes_per_week": 120, "max_travel_m": 2000,
                    "availability": [{"weekday": d, "opens": "09:00:00", "closes": "17:00:00"}
                                     for d in ("Mon", "Tue", "Wed", "Thu", "Fri")],
                    "home": {"lat": 31.2, "lon": 121.5}}],
    "needs": [{"id": i, "resident": i, "category": "local.chat", "urgency": "general", "created_at": "2026-12-07T08:00:00",
               "windows": [{"start": "2026-12-08T09:00:00", "end": "2026-12-08T12:00:00"}], "duration_minutes": 60,
               "place": {"kind": "home"}} for i in (1, 2)],
}


def test_a_volunteer_s_weekly_budget_caps_the_week_and_is_handed_back_to_the_matcher() -> None:
    workers = [worker("volunteer#7", weekdays((9, 0), (12, 0)))]
    # Three residents never visited: all overdue on Monday.
    plans = [at_centre(i, 7, None) for i in (1, 2, 3)]
    w = week(plans, workers, budgets={"volunteer#7": 70})
    # 70 minutes: two 30-minute visits on Monday; the 10 left never fit a third.
    assert sum(len(contact(w, i)["made"]) for i in (1, 2, 3)) == 2
    assert len(w.days[0].plan.stops) == 2
    [never] = [i for i in (1, 2, 3) if not contact(w, i)["made"]]
    assert contact(w, never)["overdue_days"] == [day(n) for n in range(7)], "overdue every day of the week"
    # Monday's 70 minutes are full with two visits; from Tuesday the 10 minutes left are too few
    # for it alone: the budget is named.
    assert unplanned(w.days[0].plan) == [(never, "shift_full")]
    for d in w.days[1:]:
        assert unplanned(d.plan) == [(never, "budget_spent")]
        assert d.plan.unplanned.to_pylist()[0]["server"] is None
    assert w.kept == 0, "the two seen were overdue on Monday"
    assert w.minutes_worked == {"volunteer#7": 60}
    # 60 minutes are one 60-minute task for the matcher (the match policy's default), two of 30.
    assert w.committed_tasks(60) == w.committed_tasks() == {"volunteer#7": 1}
    assert w.committed_tasks(nominal_task_minutes=30) == {"volunteer#7": 2}
    assert w.committed_tasks(45) == {"volunteer#7": 2}, "rounded up"
    # The matcher takes it as it is: of the volunteer's two 60-minute tasks a week one is left.
    community = huzhu.Community.from_json(json.dumps(MATCH_SNAPSHOT))
    assert len(community.match(now="2026-12-07T08:00:00")) == 2
    plan = community.match(now="2026-12-07T08:00:00", committed=w.committed_tasks())
    assert len(plan) == 1 and plan.unmatched.to_pylist()[0]["reason"] == "outcompeted"
    # Without the budget, all three on Monday.
    free = week(plans, workers)
    assert len(free.days[0].plan.stops) == 3 and free.minutes_worked == {"volunteer#7": 90}


def test_a_visit_possible_only_on_wednesday_afternoon_waits_for_it() -> None:
    workers = [worker("worker#1", weekdays((9, 0), (17, 0)))]
    # Due Friday (seen last Friday); the resident is home on Wednesday afternoon only.
    plans = [{"visit": visit(1, 400.0, 0.0, 45, [window(t(9, 14), t(9, 17))]), "every_days": 7, "last": day(-3)}]
    w = week(plans, workers)
    assert contact(w, 1)["made"] == [day(2)]
    [wednesday] = w.days[2].plan.rounds.to_pylist()
    assert wednesday["shift"] == 2, "the week's third shift"
    assert w.days[2].plan.stops.to_pylist()[0]["start"] >= t(9, 14)
    assert w.kept == 1
    assert [len(d.plan.rounds) for d in w.days] == [0, 0, 1, 0, 0]


def test_a_daily_visit_is_made_every_weekday_and_sunday_is_overdue() -> None:
    w = week([at_centre(1, 1, day(-1))], [worker("worker#1", weekdays((9, 0), (12, 0)))])
    # Saturday is one day after Friday's visit; Sunday two.
    assert contact(w, 1) == {"visit": 1, "made": [day(n) for n in range(5)], "overdue_days": [day(6)],
                             "next_due": day(5), "kept": False}


def test_visits_made_a_day_early_keep_every_interval_that_waiting_would_break() -> None:
    # One visit a day. Residents 1 and 2 are due on Wednesday, resident 3 on Friday.
    workers = [worker("worker#1", weekdays((9, 0), (9, 40)))]
    plans = [at_centre(1, 7, day(-5)), at_centre(2, 7, day(-5)), at_centre(3, 7, day(-3))]
    # Early (the default, one working day): one of 1 and 2 on Tuesday, the other on Wednesday,
    # resident 3 on Thursday. Every interval holds.
    early = week(plans, workers)
    assert sorted(contact(early, 1)["made"] + contact(early, 2)["made"]) == [day(1), day(2)]
    assert contact(early, 3)["made"] == [day(3)]
    assert early.kept == 3
    assert early.policy["early_days"] == 1
    # Not early: both on Wednesday do not fit; one is made late on Thursday, resident 3 on Friday.
    for late in (week(plans, workers, early_days=0), week(plans, workers, policy={"early_days": 0})):
        assert sorted(contact(late, 1)["made"] + contact(late, 2)["made"]) == [day(2), day(3)]
        assert contact(late, 3)["made"] == [day(4)]
        assert late.kept == 2
        assert late.policy == {"early_days": 0, "rounds": huzhu.plan_rounds([], []).policy}


def test_an_overdue_visit_outranks_one_due_today() -> None:
    # Room for one: resident 2 is already two days late, resident 1 due today.
    w = week([at_centre(1, 7, day(-7)), at_centre(2, 7, day(-9))], [worker("worker#1", [window(t(7, 9), t(7, 9, 40))])])
    assert contact(w, 2)["made"] == [day(0)]
    assert w.days[0].plan.unplanned.to_pylist()[0] | {"lat": 0, "lon": 0} == {
        "visit": 1, "reason": "outcompeted", "by": [2], "server": "worker#1", "lat": 0, "lon": 0}


# --- the week's surface -------------------------------------------------------------------------


def test_each_day_is_a_rounds_with_its_tables_geojson_and_replan() -> None:
    plans = [{"visit": visit(i, 150.0 * i, 0.0, 30, []), "every_days": 2, "last": day(-1)} for i in (1, 2, 3)]
    workers = [worker("worker#1", weekdays((9, 0), (12, 0)))]
    w = week(plans, workers)
    assert [d.date for d in w.days] == [day(n) for n in range(5)]
    tuesday = w.days[1]
    date, plan = tuesday  # a named tuple
    assert (date, plan.travel_minutes) == (tuesday.date, tuesday.plan.travel_minutes)
    assert dict(w.days)[day(1)].to_dict() == plan.to_dict()
    # Every two days from Sunday: Tuesday, Thursday, and Friday as no shift comes before
    # Saturday's deadline; each a round of the three homes.
    assert [len(d.plan.stops) for d in w.days] == [0, 3, 0, 3, 3]
    assert plan.rounds.to_pylist()[0]["shift"] == 1
    assert plan.policy == w.policy["rounds"]
    g = plan.geojson()
    assert [f["geometry"]["type"] for f in g["features"]] == ["LineString", "Point", "Point", "Point"]
    assert g["features"][0]["geometry"]["coordinates"][0] == [121.5, 31.2]
    # A day's plan re-plans like any other.
    assert huzhu.replan_rounds(plan, [p["visit"] for p in plans], workers).to_dict() == plan.to_dict()
    # The week as data.
    as_dict = w.to_dict()
    assert set(as_dict) == {"days", "contacts", "kept", "minutes_worked", "travel_minutes"}
    assert json.loads(w.to_json()) == as_dict
    assert as_dict["days"][1] == {"date": "2026-12-08", "plan": plan.to_dict()}
    assert as_dict["contacts"][0] == {"visit": 1, "made": ["2026-12-08", "2026-12-10", "2026-12-11"],
                                      "overdue_days": [], "next_due": "2026-12-13"}
    assert w.travel_minutes == sum(d.plan.travel_minutes for d in w.days)
    assert (w.start, w.through) == (day(0), day(6))
    assert w.contacts.column_names == ["visit", "made", "overdue_days", "next_due", "kept"]
    assert str(w.contacts.to_arrow().schema.field("made").type) == "list<item: date32[day]>"
    assert repr(w) == (f"<huzhu.Week 2026-12-07 to 2026-12-13: 5 working days, 3 of 3 contact intervals kept, "
                       f"{w.minutes_worked['worker#1']} minutes worked, {w.travel_minutes} minutes travelling>")
    assert "2026-12-08" in w._repr_html_()
    assert isinstance(w, huzhu.Week) and isinstance(w.contacts, huzhu.Table)


def test_each_day_draws_as_a_map() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from huzhu import plot

    plans = [{"visit": visit(i, 150.0 * i, 0.0, 30, []), "every_days": 2, "last": day(-1)} for i in (1, 2, 3)]
    w = huzhu.plan_week(plans, [worker("worker#1", weekdays((9, 0), (12, 0)))], start=day(0), through=day(6))
    for d in w.days:
        fig = plot.routes(d.plan)
        assert len(fig.axes[0].lines) == len(d.plan.rounds)
        assert sorted(int(x.get_text()) for x in fig.axes[0].texts) == sorted(s["order"] for s in d.plan.stops.to_pylist())
        plt.close(fig)


def test_the_same_week_from_every_kind_of_input() -> None:
    workers = [worker("worker#1", weekdays((9, 0), (12, 0))), worker("volunteer#7", weekdays((14, 0), (16, 0)), mode="cycling")]
    plans = [{"visit": visit(i, 100.0 * i, 50.0 * (i % 3), 30 + 5 * (i % 2), weekdays((9, 0), (17, 0)) if i % 2 else []),
              "every_days": 2 + i % 4, "last": day(-(i % 3)) if i % 4 else None} for i in range(1, 9)]
    plans[0]["visit"]["preferred"] = "volunteer#7"
    expected = huzhu.plan_week(plans, workers, start=day(0), through=day(6), budgets={"volunteer#7": 150},
                               rounds={"iterations": 300}).to_dict()
    pf, wf = plans_frame(plans), workers_frame(workers)
    csv = pf.assign(windows=pf["windows"].str.join(";"), skills="", last=pf["last"].astype(str).replace("None", ""))
    as_text = (json.dumps(plans, default=str), json.dumps(workers, default=str))
    for p, w in [
        (pf, wf),
        (pa.Table.from_pandas(pf, preserve_index=False), pa.Table.from_pandas(wf, preserve_index=False)),
        # (polars types a column of empty lists List(Null), which pyo3-arrow cannot import: typed)
        (pl.from_pandas(pf).with_columns(pl.col("skills").cast(pl.List(pl.Utf8))),
         pl.from_pandas(wf).with_columns(pl.col("skills").cast(pl.List(pl.Utf8)))),
        (csv, wf),
        (pf.iloc[::-1].iloc[::-1], wf),  # a pandas index that is not a range
        as_text,
        (tuple(plans), tuple(workers)),
    ]:
        got = huzhu.plan_week(p, w, start=day(0), through=day(6), budgets={"volunteer#7": 150}, rounds={"iterations": 300})
        assert got.to_dict() == expected, type(p)
    # Dates as dates, text or midnights; budgets keyed by label or pair.
    for start, through, budgets in [("2026-12-07", "2026-12-13", {("volunteer", 7): 150}),
                                    (dt.datetime(2026, 12, 7), pd.Timestamp("2026-12-13"), {"Volunteer:7": 150})]:
        got = huzhu.plan_week(plans, workers, start=start, through=through, budgets=budgets, policy={"rounds": {"iterations": 300}})
        assert got.to_dict() == expected


def test_a_week_shorter_than_seven_days_and_shifts_outside_it() -> None:
    # Tuesday to Thursday: Monday's and Friday's shifts are left out; a round's shift still
    # counts the server's shifts in the week's list.
    w = huzhu.plan_week([at_centre(1, 1, day(0))], [worker("worker#1", weekdays((9, 0), (12, 0)))],
                        start=day(1), through=day(3))
    assert [d.date for d in w.days] == [day(1), day(2), day(3)]
    assert [r["shift"] for d in w.days for r in d.plan.rounds.to_pylist()] == [1, 2, 3]
    assert contact(w, 1)["made"] == [day(1), day(2), day(3)] and w.kept == 1


# --- rounds from the care files -----------------------------------------------------------------


@pytest.fixture(scope="module")
def district() -> huzhu.District:
    return huzhu.synth.generate(residents=2000, seed=5, residents_per_grid=500)


def homes(community: huzhu.Community) -> dict[int, tuple[float, float]]:
    return {r["id"]: (r["lat"], r["lon"]) for r in community.residents.to_pylist()}


def test_contact_rounds_take_interval_last_visit_and_worker_from_the_care_files(district: huzhu.District) -> None:
    c, now = district.community, district.now
    windows = [window(dt.datetime.combine(day(n), dt.time(9)), dt.datetime.combine(day(n), dt.time(17))) for n in range(5)]
    plans = huzhu.contact_rounds(c, now, minutes=40, windows=windows).to_pylist()
    # Everyone on the home-visit rounds, due yet or not: the schedule with "due soon" unbounded.
    due = [d for d in care.contact_schedule(c, now=now, due_soon_days=100_000).due.to_pylist() if d["kind"] == "visit"]
    assert len(plans) == len(due) > 20
    at = homes(c)
    for p, d in zip(plans, due):
        assert (p["id"], p["every_days"], p["last"]) == (d["resident"], d["interval_days"], d["last"])
        assert p["preferred"] == (f"worker#{d['worker']}" if d["worker"] is not None else None)
        assert (p["lat"], p["lon"]) == at[d["resident"]]
        assert (p["minutes"], p["urgency"], p["source"], p["required"], p["skills"]) == (40, "general", json.dumps({"contact": p["id"]}, separators=(",", ":")), None, [])
        assert (p["window_start"], p["window_end"]) == (windows[0]["start"], windows[0]["end"])
        assert p["windows"] == [f"{x['start'].isoformat()}/{x['end'].isoformat()}" for x in windows[1:]]
    # The defaults: 30 minutes, any time in a shift; the contact policy as care.contact_schedule's.
    plain = huzhu.contact_rounds(c, now=now).to_pylist()
    assert [(p["id"], p["minutes"], p["window_start"], p["windows"]) for p in plain] == [(p["id"], 30, None, []) for p in plans]
    fortnightly = huzhu.contact_rounds(c, now, older_visit_days=14).to_pylist()
    assert fortnightly != plain and huzhu.contact_rounds(c, now, policy={"older_visit_days": 14}).to_pylist() == fortnightly


def schedule_visits(c: huzhu.Community, schedule: Any, per_worker: int | None) -> list[dict[str, Any]]:
    """contact_visits by its definition: the schedule's home visits, overdue first, then by
    resident, at most `per_worker` per worker, the worker preferred, overdue ones special_group."""
    due = [d for d in schedule.due.to_pylist() if d["kind"] == "visit"]
    due.sort(key=lambda d: (d["status"] != "overdue", d["resident"]))
    taken: dict[int, int] = {}
    out = []
    for d in due:
        if d["worker"] is not None and per_worker is not None:
            if taken.get(d["worker"], 0) == per_worker:
                continue
            taken[d["worker"]] = taken.get(d["worker"], 0) + 1
        out.append({"id": d["resident"], "preferred": f"worker#{d['worker']}" if d["worker"] is not None else None,
                    "urgency": "special_group" if d["status"] == "overdue" else "general"})
    return out


def test_contact_visits_are_the_schedule_s_home_visits(district: huzhu.District) -> None:
    c, now = district.community, district.now
    schedule = care.contact_schedule(c, now=now)
    day_window = (now.replace(hour=9), now.replace(hour=17))
    for per_worker in (None, 5):
        got = huzhu.contact_visits(c, schedule, window=day_window, per_worker=per_worker).to_pylist()
        assert [{k: v[k] for k in ("id", "preferred", "urgency")} for v in got] == schedule_visits(c, schedule, per_worker)
        at = homes(c)
        for v in got:
            assert ((v["lat"], v["lon"]), v["minutes"], v["window_start"], v["window_end"], v["windows"]) == (
                at[v["id"]], 30, day_window[0], day_window[1], [])
    assert len(got) < len(schedule_visits(c, schedule, None))
    # The schedule, or the time it is made at (default contact policy); the window in any form.
    same = huzhu.contact_visits(c, now, window="2026-11-30T09:00:00/2026-11-30T17:00:00", per_worker=5, minutes=30)
    assert same.to_pylist() == got
    same = huzhu.contact_visits(c, str(now), window={"start": day_window[0], "end": day_window[1]}, per_worker=5)
    assert same.to_pylist() == got
    # Straight into plan_rounds.
    walkers = huzhu.walkers_from_homes(huzhu.contact_visits(c, schedule, window=day_window, per_worker=5), [day_window])
    rounds = huzhu.plan_rounds(huzhu.contact_visits(c, schedule, window=day_window, per_worker=5), walkers, iterations=50)
    assert len(rounds.stops) + len(rounds.unplanned) == len(got)


def test_walkers_set_out_from_the_middle_of_their_homes(district: huzhu.District) -> None:
    c, now = district.community, district.now
    visits = huzhu.contact_visits(c, now, window=(now.replace(hour=9), now.replace(hour=17)))
    shifts = [(now.replace(hour=9), now.replace(hour=12)), "2026-11-30T14:00/2026-11-30T17:00"]
    walkers = huzhu.walkers_from_homes(visits, shifts).to_pylist()
    rows = visits.to_pylist()
    servers = sorted({v["preferred"] for v in rows if v["preferred"]})
    assert [w["server"] for w in walkers] == [s for s in servers for _ in shifts], "one row per server and shift"
    for w in walkers:
        mine = [v for v in rows if v["preferred"] == w["server"]]
        assert w["start_lat"] == pytest.approx(sum(v["lat"] for v in mine) / len(mine), abs=1e-12)
        assert w["start_lon"] == pytest.approx(sum(v["lon"] for v in mine) / len(mine), abs=1e-12)
        assert (w["end_lat"], w["end_lon"]) == (w["start_lat"], w["start_lon"])
        assert (w["mode"], w["skills"], w["max_minutes_per_shift"]) == ("walking", [], None)
    assert [(w["shift_start"], w["shift_end"]) for w in walkers[:2]] == [(now.replace(hour=9), now.replace(hour=12)),
                                                                          (now.replace(hour=14), now.replace(hour=17))]
    # From contact rounds (their visits), a list of dicts or JSON text: the same.
    plans = huzhu.contact_rounds(c, now)
    from_plans = huzhu.walkers_from_homes(plans, shifts).to_pylist()
    records = [{"id": p["id"], "place": {"lat": p["lat"], "lon": p["lon"]}, "minutes": 30, "preferred": p["preferred"]}
               for p in plans.to_pylist()]
    assert huzhu.walkers_from_homes(records, shifts).to_pylist() == from_plans
    as_plans = [{"visit": r, "every_days": 7} for r in records]
    assert huzhu.walkers_from_homes(json.dumps(as_plans), shifts).to_pylist() == from_plans
    # No shifts: one row per server with no shift, read back as a server with no shift.
    bare = huzhu.walkers_from_homes(records, [])
    assert [w["shift_start"] for w in bare.to_pylist()] == [None] * len(servers)
    assert huzhu.plan_rounds([], bare).to_dict() == {"rounds": [], "unplanned": [], "travel_minutes": 0}


def core_json_of(plans: huzhu.Table) -> list[dict[str, Any]]:
    """The contact rounds table in the core's JSON, by the documented columns."""
    out = []
    for p in plans.to_pylist():
        windows = ([{"start": p["window_start"], "end": p["window_end"]}] if p["window_start"] else []) + [
            dict(zip(("start", "end"), x.split("/"))) for x in p["windows"]]
        v = {"id": p["id"], "source": json.loads(p["source"]), "place": {"lat": p["lat"], "lon": p["lon"]},
             "minutes": p["minutes"], "windows": windows, "skills": p["skills"], "required": p["required"],
             "preferred": p["preferred"], "urgency": p["urgency"]}
        out.append({"visit": v, "every_days": p["every_days"], "last": p["last"]})
    return out


def test_the_synthetic_district_s_week_keeps_its_intervals_as_reported(district: huzhu.District) -> None:
    c, now = district.community, district.now
    monday = now.date()
    days = [monday + dt.timedelta(days=n) for n in range(5)]
    at = [(dt.datetime.combine(d, dt.time(9)), dt.datetime.combine(d, dt.time(17))) for d in days]
    plans = huzhu.contact_rounds(c, now, windows=at)
    shifts = [(dt.datetime.combine(d, dt.time(a)), dt.datetime.combine(d, dt.time(b))) for d in days for a, b in [(9, 12), (14, 17)]]
    walkers = huzhu.walkers_from_homes(plans, shifts)
    w = huzhu.plan_week(plans, walkers, start=monday, through=monday + dt.timedelta(days=6), rounds={"iterations": 50})
    # The tables read back as the core's JSON they stand for.
    again = huzhu.plan_week(core_json_of(plans), walkers, start=monday, through=monday + dt.timedelta(days=6),
                            rounds={"iterations": 50})
    assert again.to_dict() == w.to_dict()
    rows = plans.to_pylist()
    contacts = w.contacts.to_pylist()
    assert [k["visit"] for k in contacts] == [p["id"] for p in rows]
    for p, k in zip(rows, contacts):
        # Each gap between visits (from the last before the week) is within the interval unless
        # the day of the visit is reported overdue.
        seen = p["last"]
        for m in k["made"]:
            late = seen is None or (m - seen).days > p["every_days"]
            assert late == (m in k["overdue_days"]), f"visit {k['visit']}"
            seen = m
        assert k["made"] == sorted(set(k["made"]))
        assert k["kept"] == (not k["overdue_days"])
    assert w.kept == sum(k["kept"] for k in contacts) > len(contacts) // 2
    assert w.travel_minutes == sum(d.plan.travel_minutes for d in w.days)
    made = sum(len(k["made"]) for k in contacts)
    assert made == sum(len(d.plan.stops) for d in w.days)
    assert sum(w.minutes_worked.values()) >= 30 * made


# --- bad input ----------------------------------------------------------------------------------


OK = at_centre(1, 7, None)
ONE = [worker("worker#1", weekdays((9, 0), (12, 0)))]


def facts(e: BaseException) -> tuple:
    return (type(e), e.code, e.record, e.field)


@pytest.mark.parametrize("form", ["records", "table"])
@pytest.mark.parametrize(
    "plans, kw, record, field",
    [
        ([at_centre(1, 0, None)], {}, "visit 1", "every_days"),
        ([at_centre(4, 7, None), at_centre(4, 7, None)], {}, "visit 4", "id"),
        ([at_centre(2, 7, day(1))], {}, "visit 2", "last"),
        ([dict(OK, visit=dict(OK["visit"], minutes=0))], {}, "visit 1", "minutes"),
        ([dict(OK, visit=dict(OK["visit"], windows=[window(t(7, 9), t(7, 9, 20))]))], {}, "visit 1", "windows[0]"),
        ([OK], {"budgets": {"volunteer#9": 60}}, "volunteer#9", "budget"),
        ([OK], {"start": day(6), "through": day(0)}, "week", "through"),
    ],
    ids=["every_days 0", "id twice", "last after the first day", "no minutes", "short window", "budget of nobody",
         "through before start"],
)
def test_bad_weeks_are_named(form: str, plans: list, kw: dict, record: str, field: str) -> None:
    kw = {"start": day(0), "through": day(6), **kw}
    given = plans_frame(plans) if form == "table" else plans
    e = raised(lambda: huzhu.plan_week(given, workers_frame(ONE) if form == "table" else ONE, **kw))
    assert facts(e) == (huzhu.ValidationError, "ROUNDS_INVALID", record, field)
    assert str(e).startswith(f"{record}: {field} ")
    assert (e.table, e.row, e.column) == (None, None, None)


def test_bad_week_messages() -> None:
    e = raised(lambda: huzhu.plan_week([at_centre(1, 0, None)], ONE, start=day(0), through=day(6)))
    assert str(e) == "visit 1: every_days must be from 1 to 3660 (ten years)"
    e = raised(lambda: huzhu.plan_week([], ONE, start=day(0), through=day(6), budgets={"volunteer#9": 60}))
    assert str(e) == "volunteer#9: budget names a server that has no entry in the workers"
    e = raised(lambda: huzhu.plan_week([], ONE, start=day(6), through=day(0)))
    assert str(e) == "week: through is before its first day"
    e = raised(lambda: huzhu.plan_week([], ONE + ONE, start=day(0), through=day(6)))
    assert facts(e) == (huzhu.ValidationError, "ROUNDS_INVALID", "worker#1", "server")


@pytest.mark.parametrize(
    "settings, cls, code, record, field",
    [
        ({"rounds": {"detour_percent": 90}}, huzhu.PolicyError, "ROUNDS_INVALID", "rounds policy", "detour_percent"),
        ({"rounds": {"iterations": 0}}, huzhu.PolicyError, "ROUNDS_INVALID", "rounds policy", "iterations"),
        ({"early_days": -1}, huzhu.PolicyError, "MODEL_JSON", "week policy", "early_days"),
        ({"iterations": 100}, huzhu.PolicyError, "MODEL_JSON", "week policy", "iterations"),
        ({"rounds": {"detour": 130}}, huzhu.PolicyError, "MODEL_JSON", "week policy", "rounds.detour"),
    ],
)
def test_the_week_policy_is_read_and_checked_by_the_core(settings: dict, cls: type, code: str, record: str, field: str) -> None:
    for call in (lambda: huzhu.plan_week([OK], ONE, start=day(0), through=day(6), **settings),
                 lambda: huzhu.plan_week([OK], ONE, start=day(0), through=day(6), policy=settings)):
        e = raised(call)
        assert facts(e) == (cls, code, record, field)
        if code == "MODEL_JSON":
            assert e.setting == field
    e = raised(lambda: huzhu.plan_week([OK], ONE, start=day(0), through=day(6), iterations=100))
    assert str(e).startswith("week policy: iterations cannot be read: unknown field `iterations`, expected `rounds` or `early_days`")


def test_wrong_python_types_are_type_errors_naming_the_argument(district: huzhu.District) -> None:
    c, now = district.community, district.now
    ok = {"start": day(0), "through": day(6)}
    for call, field in [
        (lambda: huzhu.plan_week([OK], ONE, **ok, budgets=[("volunteer#7", 70)]), "budgets"),
        (lambda: huzhu.plan_week([OK], ONE, start=42, through=day(6)), "start"),
        (lambda: huzhu.plan_week([OK], ONE, start=day(0), through=None), "through"),
        (lambda: huzhu.plan_week([OK], ONE, **ok, policy=[("early_days", 0)]), "policy"),
        (lambda: huzhu.contact_visits(c, 42, window=("2026-11-30T09:00", "2026-11-30T17:00")), "schedule"),
        (lambda: huzhu.contact_visits(c, now, window=42), "window"),
        (lambda: huzhu.contact_visits(c, now, window=("2026-11-30T09:00", "2026-11-30T17:00"), per_worker="5"), "per_worker"),
        (lambda: huzhu.contact_rounds(c, now, minutes="30"), "minutes"),
        (lambda: huzhu.contact_rounds(c, now, windows={"start": "2026-11-30T09:00", "end": "2026-11-30T17:00"}), "windows"),
        (lambda: huzhu.contact_rounds(c, now, windows=[42]), "windows[0]"),
        (lambda: huzhu.contact_rounds(c, None), "now"),
        (lambda: huzhu.walkers_from_homes([], "2026-11-30T09:00/2026-11-30T12:00"), "shifts"),
        (lambda: huzhu.plan_week([OK], ONE, **ok).committed_tasks("60"), "nominal_task_minutes"),
        (lambda: huzhu.contact_rounds("community", now), "community"),
        (lambda: huzhu.contact_visits(None, now, window=("2026-11-30T09:00", "2026-11-30T17:00")), "community"),
    ]:
        e = raised(call)
        assert type(e) is TypeError, repr(e)
        assert (e.code, e.field) == ("INVALID_ARGUMENT", field), repr(e)
        assert str(e).startswith(f"{field}: ")
    e = raised(lambda: huzhu.plan_week(42, ONE, **ok))
    assert isinstance(e, TypeError)


def test_values_and_cells_that_do_not_read_are_named(district: huzhu.District) -> None:
    c, now = district.community, district.now
    ok = {"start": day(0), "through": day(6)}
    e = raised(lambda: huzhu.plan_week([OK], ONE, **ok, budgets={"volunteer#7": -5}))
    assert (type(e), e.code) == (huzhu.ValidationError, "MODEL_JSON") and e.field.startswith("budgets")
    e = raised(lambda: huzhu.plan_week([OK], ONE, **ok, budgets={"resident#3": 60}))
    assert (type(e), e.code) == (huzhu.ValidationError, "MODEL_JSON") and e.field.startswith("budgets")
    assert "worker#3 or volunteer#12" in str(e)
    e = raised(lambda: huzhu.plan_week([OK], ONE, start="2026-12-07T00:00:00+08:00", through=day(6)))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_DATE", "start")
    e = raised(lambda: huzhu.plan_week([OK], ONE, start=day(0), through="2026-12-13T09:00:00"))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_DATE", "through")
    # A table's cells: table, row, column and the visit.
    frame = plans_frame([OK])
    e = raised(lambda: huzhu.plan_week(frame.drop(columns=["every_days"]), ONE, **ok))
    assert (type(e), e.code, e.record, e.table, e.row, e.column) == (
        huzhu.ValidationError, "INVALID_ARGUMENT", "visit 1", "plans", "0", "every_days")
    assert str(e) == "table `plans`, row 0 (visit 1), column `every_days`: required column is missing"
    e = raised(lambda: huzhu.plan_week(frame.assign(last=["last friday"]), ONE, **ok))
    assert (e.code, e.record, e.table, e.column) == ("INVALID_DATE", "visit 1", "plans", "last")
    e = raised(lambda: huzhu.plan_week(frame.assign(every_days=[-7]), ONE, **ok))
    assert (e.code, e.record, e.column) == ("INVALID_ARGUMENT", "visit 1", "every_days")
    e = raised(lambda: huzhu.plan_week(frame.assign(interval=[7]), ONE, **ok))
    assert (e.code, e.table, e.column) == ("INVALID_ARGUMENT", "plans", "interval")
    e = raised(lambda: huzhu.plan_week([dict(OK, next=day(7))], ONE, **ok))
    assert (e.code, e.field) == ("MODEL_JSON", "plans[0].next")
    e = raised(lambda: huzhu.plan_week([{"visit": OK["visit"]}], ONE, **ok))
    assert (e.code, e.field) == ("MODEL_JSON", "plans[0]") and "missing field `every_days`" in str(e)
    # Windows and numbers of the care functions.
    e = raised(lambda: huzhu.contact_visits(c, now, window="2026-11-30T09:00+08:00/2026-11-30T17:00"))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_DATE", "window")
    e = raised(lambda: huzhu.contact_visits(c, now, window=("2026-11-30T09:00",)))
    assert (type(e), e.code) == (huzhu.ValidationError, "MODEL_JSON") and e.field.startswith("window")
    e = raised(lambda: huzhu.contact_visits(c, now, window=("2026-11-30T09:00", "2026-11-30T17:00"), per_worker=-1))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_ARGUMENT", "per_worker")
    e = raised(lambda: huzhu.contact_rounds(c, now, windows=[("2026-11-30T09:00", "2026-11-30T17:00"), "9 to 5"]))
    assert (type(e), e.field) == (huzhu.ValidationError, "windows[1]")
    e = raised(lambda: huzhu.contact_rounds(c, now, elderly=80))
    assert (type(e), e.setting) == (huzhu.PolicyError, "elderly")
    e = raised(lambda: huzhu.walkers_from_homes([{"id": 1, "lat": 31.2, "lon": 121.5, "minutes": 30}], []))
    assert (e.code, e.field) == ("MODEL_JSON", "visits[0].lat")
    # A window the core cannot use is refused where the rounds are planned.
    back = huzhu.contact_visits(c, now, window=(now.replace(hour=17), now.replace(hour=9)), per_worker=1)
    e = raised(lambda: huzhu.plan_rounds(back, huzhu.walkers_from_homes(back, [])))
    assert (e.code, e.field) == ("ROUNDS_INVALID", "windows[0]")


# --- the shared week fixtures, natively ---------------------------------------------------------


WEEK_FIXTURES = sorted((SHARED / "fixtures").glob("week_*.json"))


def run_week(inp: dict) -> huzhu.Week:
    """A conformance case's input (tests/src/week.rs) as the native call a user makes."""
    known = {"plans", "workers", "budgets", "from", "through", "policy"}
    assert set(inp) <= known, set(inp) - known
    return huzhu.plan_week(inp["plans"], inp["workers"], start=inp["from"], through=inp["through"],
                           budgets=inp.get("budgets"), policy=inp.get("policy"))


def test_the_week_fixtures_are_there() -> None:
    assert len(WEEK_FIXTURES) >= 2


@pytest.mark.parametrize("path", WEEK_FIXTURES, ids=lambda p: p.stem)
def test_week_fixture_replayed_natively(path: pathlib.Path) -> None:
    """Each shared week fixture (worked by hand in tests/tools) gives the same through
    huzhu.plan_week as through the Rust runner: the week in the core's JSON, or the error's
    code, message, record and field."""
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["kind"] == "week"
    expected = case["expected"]
    if "error" in expected:
        e = raised(lambda: run_week(case["input"]))
        assert isinstance(e, huzhu.HuzhuError), repr(e)
        want = expected["error"]
        assert {k: str(e) if k == "message" else getattr(e, k) for k in want} == want
        return
    w = run_week(case["input"])
    assert w.to_dict() == expected
    # The tables say the same.
    contacts = [{**k, "made": [d.isoformat() for d in k["made"]], "overdue_days": [d.isoformat() for d in k["overdue_days"]],
                 "next_due": k["next_due"].isoformat()} for k in w.contacts.to_pylist()]
    assert contacts == [{**k, "kept": not k["overdue_days"]} for k in expected["contacts"]]
    for d, want in zip(w.days, expected["days"]):
        assert d.date.isoformat() == want["date"]
        assert [(u["visit"], u["reason"]) for u in d.plan.unplanned.to_pylist()] == [
            (v, r["reason"]) for v, r in want["plan"]["unplanned"]]


# --- the notebook -------------------------------------------------------------------------------


def notebook_cells(name: str) -> list[str]:
    """The cells of a notebook as make_notebooks.py writes them (read, not run: running it
    writes the notebooks)."""
    tree = ast.parse((NOTEBOOKS / "make_notebooks.py").read_text(encoding="utf-8"))
    [value] = [n.value for n in tree.body if isinstance(n, ast.Assign) and any(
        isinstance(x, ast.Name) and x.id == name for x in n.targets)]
    return ast.literal_eval(value)


def test_the_visit_rounds_notebook_uses_the_core_s_contact_visits_and_walkers() -> None:
    cells = notebook_cells("visit_rounds")
    written = json.loads((NOTEBOOKS / "visit_rounds.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in written["cells"]]
    assert sources == [c[3:] if c.startswith("md:") else c for c in cells], "visit_rounds.ipynb is make_notebooks.py's"
    code = "\n".join(c for c in cells if not c.startswith("md:"))
    for call in ("huzhu.contact_visits(", "huzhu.walkers_from_homes(", "huzhu.contact_rounds(", "huzhu.plan_week(",
                 ".committed_tasks("):
        assert call in code, call
    # What contact_visits and walkers_from_homes do is not written again by hand: no sorting
    # of the schedule by status, no cap per worker, no urgency from the status, no middle of
    # the homes.
    for copy in ("groupby('worker').head(", "'overdue': 'special_group'", "[['lat', 'lon']].mean()",
                 "sort_values(['worker', 'status'"):
        assert copy not in code, copy
    assert "## A week that keeps every contact interval" in "\n".join(c for c in cells if c.startswith("md:"))
