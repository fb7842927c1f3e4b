"""Scoring: the scorecard and each indicator as a table."""

from __future__ import annotations

from ._huzhu import Evidence, Scorecard
from ._huzhu import composite_index, coverage, quality_alerts, response_times, satisfaction, scorecard, staffing, visits
from ._huzhu import simulate_evidence as simulate

__all__ = [
    "Evidence",
    "Scorecard",
    "composite_index",
    "coverage",
    "quality_alerts",
    "response_times",
    "satisfaction",
    "scorecard",
    "simulate",
    "staffing",
    "visits",
]
