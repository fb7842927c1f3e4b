"""Scoring: the scorecard and each indicator as a table."""

from __future__ import annotations

from ._huzhu import Evidence, Scorecard
from ._huzhu import composite_index, coverage, quality_alerts, response_times, satisfaction, scorecard, staffing, visits
from ._huzhu import simulate_evidence as simulate
from ._huzhu import corrective_actions, default_identity_items, engagement, engagement_table, identity_index, organisations, voice

__all__ = [
    "Evidence",
    "Scorecard",
    "composite_index",
    "corrective_actions",
    "default_identity_items",
    "engagement",
    "engagement_table",
    "identity_index",
    "organisations",
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
