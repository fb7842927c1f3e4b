"""Visit rounds (上门走访路线): which care worker or volunteer makes which home visit, in what
order and when — the most urgent visits first, then the least travel, keeping residents with the
worker they know when that costs less than ``continuity_minutes`` of travel.

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
"""

from __future__ import annotations

from ._huzhu import Rounds, plan_rounds, replan_rounds

__all__ = ["Rounds", "plan_rounds", "replan_rounds"]
