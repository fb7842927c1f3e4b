"""huzhu (互助): neighbourhood community services on DataFrames.

Residents, needs, volunteers and services go in from the tables you have (pandas, polars,
pyarrow — anything that exports Arrow); huzhu matches supply to demand exactly and says why,
runs the time bank, and scores the community; results come back as tables.

>>> import huzhu
>>> district = huzhu.synth.generate(residents=500, seed=7)
>>> plan = district.community.match()
>>> plan.optimal
True
"""

from __future__ import annotations

from . import _huzhu
from ._huzhu import (
    Clearing,
    Community as _NativeCommunity,
    DispatchComparison,
    DispatchReplay,
    Evidence,
    HuzhuError,
    InfeasibleError,
    InternalError,
    JournalError,
    Ledger,
    LedgerError,
    MatchError,
    Plan,
    PolicyError,
    Scorecard,
    ScoringError,
    StoreError,
    StaffingAdvice,
    Statement,
    ValidationError,
    District,
    compare_dispatchers,
    replay_dispatch,
)
from ._table import Table
from . import care, formats, routing, scoring, synth
from .routing import (
    DayRounds,
    Rounds,
    Week,
    contact_rounds,
    contact_visits,
    plan_rounds,
    plan_week,
    replan_rounds,
    walkers_from_homes,
)

__version__: str = _huzhu.__version__

Community = _NativeCommunity

__all__ = [
    "Clearing",
    "Community",
    "DayRounds",
    "DispatchComparison",
    "DispatchReplay",
    "District",
    "Evidence",
    "HuzhuError",
    "InfeasibleError",
    "InternalError",
    "JournalError",
    "Ledger",
    "LedgerError",
    "MatchError",
    "Plan",
    "PolicyError",
    "Rounds",
    "Scorecard",
    "ScoringError",
    "StoreError",
    "StaffingAdvice",
    "Statement",
    "Table",
    "ValidationError",
    "Week",
    "care",
    "compare_dispatchers",
    "contact_rounds",
    "contact_visits",
    "formats",
    "plan_rounds",
    "plan_week",
    "replan_rounds",
    "replay_dispatch",
    "routing",
    "scoring",
    "synth",
    "walkers_from_homes",
    "__version__",
]
