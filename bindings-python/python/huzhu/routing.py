"""Visit rounds (上门走访路线): which care worker or volunteer makes which home visit, in what
order and when — the most urgent visits first, then the least travel, keeping residents with the
worker they know when that costs less than ``continuity_minutes`` of travel; and a week of rounds
that keeps each resident's contact interval (``plan_week``), within volunteers' hours shared with
the matcher.

Visits and servers go in as tables (pandas, polars, pyarrow) or as lists of dicts in the core's
JSON. A visits table has one row per visit: ``id``, ``lat``, ``lon``, ``minutes``, and optionally
``window_start`` + ``window_end`` (one window; more in ``windows``, a list of
``"2026-12-08T13:30:00/2026-12-08T16:00:00"``), ``skills``, ``required`` and ``preferred`` (server
labels ``worker#3``, ``volunteer#12``), ``urgency`` (``emergency``, ``special_group``,
``general``, ``complex``) and ``source`` (``other``, or ``{"contact": 3}`` / ``{"need": 7}``).
A servers table has one row per shift: ``server``, ``start_lat``, ``start_lon``, ``end_lat``,
``end_lon``, ``shift_start``, ``shift_end`` (or ``shifts``, a list as ``windows``), and optionally
``skills``, ``max_minutes_per_shift`` and ``mode`` (``walking`` 75 m a minute, ``cycling`` 200,
``e_bike`` 300); a server's other cells repeat on each of its rows (or are left empty). Lists are
Arrow lists or text separated by ``;``. Times are local wall-clock times: a timezone-aware
column or value is refused. Travel is the great-circle distance lengthened by
``detour_percent`` (130) at the server's speed, rounded up to whole seconds.

>>> import pandas as pd
>>> import huzhu
>>> visits = pd.DataFrame({
...     "id": [1, 2, 3],
...     "lat": [31.2054, 31.2027, 31.2000],
...     "lon": [121.5000, 121.5000, 121.5063],
...     "minutes": [30, 30, 45],
...     "window_start": pd.to_datetime(["2026-12-08 09:00"] * 3),
...     "window_end": pd.to_datetime(["2026-12-08 12:00"] * 3),
... })
>>> workers = pd.DataFrame({
...     "server": ["worker#1"],
...     "start_lat": [31.2], "start_lon": [121.5], "end_lat": [31.2], "end_lon": [121.5],
...     "shift_start": pd.to_datetime(["2026-12-08 09:00"]),
...     "shift_end": pd.to_datetime(["2026-12-08 12:00"]),
... })
>>> plan = huzhu.plan_rounds(visits, workers)
>>> plan
<huzhu.Rounds: 1 rounds, 3 visits planned, 0 unplanned, 35 minutes travelling>
>>> [(s["order"], s["visit"], str(s["start"])) for s in plan.stops.to_pylist()]
[(1, 3, '2026-12-08 09:10:23'), (2, 1, '2026-12-08 10:10:05'), (3, 2, '2026-12-08 10:45:17')]
>>> plan.rounds.column_names
['server', 'shift', 'depart', 'back', 'travel_minutes', 'visits']

A visit nobody can make says why; the policy is the core's (``policy={...}`` or keywords):

>>> legal = pd.DataFrame({"id": [4], "lat": [31.2], "lon": [121.5], "minutes": [30], "skills": ["legal_aid"]})
>>> huzhu.plan_rounds(pd.concat([visits, legal]), workers, seed=7).unplanned.to_pylist()[0]["reason"]
'no_skilled_server'
>>> huzhu.plan_rounds(visits, workers, detour_percent=90)
Traceback (most recent call last):
...
huzhu.PolicyError: rounds policy: detour_percent must be at least 100 (streets are never shorter than the straight line)

After a change — a worker off sick, an urgent visit added — ``replan_rounds`` moves as little as
it can; the rounds are also GeoJSON (a LineString per round, a Point per stop) and a map
(``huzhu.plot.routes``):

>>> again = huzhu.replan_rounds(plan, visits, workers)
>>> again.to_dict() == plan.to_dict()
True
>>> [f["geometry"]["type"] for f in plan.geojson()["features"]]
['LineString', 'Point', 'Point', 'Point']

A week that keeps each resident's contact interval: ``plan_week`` takes contact rounds (a visit,
``every_days`` at most between two visits, the ``last`` visit) and plans the week day by day —
the visits that cannot wait for a later working day first (overdue ones as ``special_group``),
visits due a working day later early where that adds no visit to the week (``early_days``). Two
residents 300 m and 600 m north of the centre, both last seen a week before Monday, and an hour a
day: both are due on Monday, either visit fits the hour alone (41 and 51 minutes with the walk),
not both. The nearer is made on Monday; the other waits for Tuesday, a day late:

>>> centre = {"lat": 31.2, "lon": 121.5}
>>> hour = [{"start": f"2026-12-{d:02d}T09:00:00", "end": f"2026-12-{d:02d}T10:00:00"} for d in range(7, 12)]
>>> li = [{"server": "worker#1", "start": centre, "end": centre, "shifts": hour}]
>>> plans = [{"visit": {"id": i, "place": {"lat": lat, "lon": 121.5}, "minutes": 30}, "every_days": 7, "last": "2026-11-30"}
...          for i, lat in [(1, 31.2027), (2, 31.2054)]]
>>> week = huzhu.plan_week(plans, li, start="2026-12-07", through="2026-12-13")
>>> week
<huzhu.Week 2026-12-07 to 2026-12-13: 5 working days, 1 of 2 contact intervals kept, 92 minutes worked, 31 minutes travelling>
>>> [(c["visit"], [str(d) for d in c["made"]], [str(d) for d in c["overdue_days"]]) for c in week.contacts.to_pylist()]
[(1, ['2026-12-07'], []), (2, ['2026-12-08'], ['2026-12-08'])]
>>> monday = week.days[0]
>>> str(monday.date), monday.plan, monday.plan.unplanned.to_pylist()[0]["reason"]
('2026-12-07', <huzhu.Rounds: 1 rounds, 1 visits planned, 1 unplanned, 10 minutes travelling>, 'shift_full')

A volunteer's weekly minutes are shared with the matcher: ``budgets`` caps their rounds, and
``committed_tasks`` hands the minutes worked back as tasks for ``Community.match(committed=…)``.
With 50 minutes left of the week, the volunteer makes the nearer visit (41 minutes); the other
would take 51, so it waits, unplanned as ``budget_spent``, every day:

>>> v7 = [dict(li[0], server="volunteer#7")]
>>> shared = huzhu.plan_week(plans, v7, start="2026-12-07", through="2026-12-13", budgets={"volunteer#7": 50})
>>> shared.minutes_worked, shared.committed_tasks(60)
({'volunteer#7': 41}, {'volunteer#7': 1})
>>> {u["reason"] for d in shared.days for u in d.plan.unplanned.to_pylist()}
{'budget_spent'}

The rounds from the care files, as the tables above: ``contact_rounds`` (every resident on the
home-visit rounds, with interval and last visit), ``contact_visits`` (the home visits a contact
schedule finds due, overdue first) and ``walkers_from_homes`` (a walker for each worker the visits
prefer, from the middle of their homes):

>>> district = huzhu.synth.generate(residents=500, seed=7)
>>> community, now = district.community, district.now
>>> huzhu.contact_rounds(community, now).column_names[-2:]
['every_days', 'last']
>>> visits = huzhu.contact_visits(community, huzhu.care.contact_schedule(community, now=now),
...                               window="2026-11-30T09:00/2026-11-30T17:00")
>>> walkers = huzhu.walkers_from_homes(visits, ["2026-11-30T09:00/2026-11-30T12:00", "2026-11-30T14:00/2026-11-30T17:00"])
>>> huzhu.plan_rounds(visits, walkers, iterations=100)
<huzhu.Rounds: 4 rounds, 20 visits planned, 3 unplanned, 7 minutes travelling>
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ._huzhu import (
    Rounds,
    Week,
    contact_rounds,
    contact_visits,
    plan_rounds,
    plan_week,
    replan_rounds,
    walkers_from_homes,
)


class DayRounds(NamedTuple):
    """One working day of a ``Week``: its ``date`` and its ``plan`` (a ``Rounds``)."""

    date: dt.date
    plan: Rounds


__all__ = [
    "DayRounds",
    "Rounds",
    "Week",
    "contact_rounds",
    "contact_visits",
    "plan_rounds",
    "plan_week",
    "replan_rounds",
    "walkers_from_homes",
]
