"""Scoring: the scorecard and each indicator as a table; the evaluation — KPIs against their
targets, results by level (grid → community → street → district → city) and the report.

KPIs track the scorecard's measures (``measures()``) from period to period. ``default_kpis`` are
the documents' targets (match rate 55% → 82%, handling time 7 days → 2, …) in the core's JSON:

>>> import datetime as dt
>>> from huzhu import scoring
>>> kpi = scoring.default_kpis(dt.date(2026, 1, 1))[0]
>>> (kpi["code"], kpi["baseline"], kpi["target"], kpi["deadline"])
('match_rate', 0.55, 0.82, '2029-01-01')
>>> p = scoring.kpi_progress(kpi, [{"date": "2026-07-01", "value": 0.64}], today="2026-07-01")
>>> (p["status"], p["remaining_periods"], round(p["progress"], 4))
('on_track', 11, 0.3333)

Rates add up the hierarchy from their counts, never as averages of shares:

>>> nodes = [{"id": "s", "name": "Street", "level": "street"},
...          {"id": "a", "name": "A", "level": "community", "parent": "s"},
...          {"id": "b", "name": "B", "level": "community", "parent": "s"}]
>>> t = lambda of, n: {"counts": {"match_rate": {"of": of, "n": n}}}
>>> levels = scoring.rollup(nodes, {"a": t(9, 10), "b": t(1, 10)})
>>> [(r["node"], r["count"], r["of_total"], r["share"]) for r in levels.table.to_pylist()]
[('s', 10, 20, 0.5), ('a', 9, 10, 0.9), ('b', 1, 10, 0.1)]
"""

from __future__ import annotations

from ._huzhu import Evidence, Rollup, Scorecard
from ._huzhu import composite_index, coverage, quality_alerts, response_times, satisfaction, scorecard, staffing, visits
from ._huzhu import simulate_evidence as simulate
from ._huzhu import corrective_actions, default_identity_items, engagement, engagement_table, identity_index, organisations, voice
from ._huzhu import default_kpis, evaluate_kpis, kpi_progress, measures, rollup
from ._huzhu import evaluation_html

__all__ = [
    "Evidence",
    "Rollup",
    "Scorecard",
    "composite_index",
    "corrective_actions",
    "default_identity_items",
    "default_kpis",
    "engagement",
    "engagement_table",
    "evaluate_kpis",
    "evaluation_html",
    "identity_index",
    "kpi_progress",
    "measures",
    "organisations",
    "rollup",
    "voice",
    "coverage",
    "quality_alerts",
    "response_times",
    "satisfaction",
    "scorecard",
    "simulate",
    "staffing",
    "visits",
]
