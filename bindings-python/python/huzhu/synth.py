"""The seeded synthetic district, so every example runs with no data of one's own."""

from __future__ import annotations

from typing import Any

from ._huzhu import District, Ledger, Plan
from ._huzhu import generate_district as _generate
from ._huzhu import time_bank as _time_bank


def generate(
    residents: int = 2000,
    *,
    seed: int = 2026,
    week_start: Any = None,
    name: str | None = None,
    centre: tuple[float, float] | None = None,
    needs_per_thousand: int | None = None,
    volunteer_permille: int | None = None,
    recorded_in_advance: bool = False,
    **settings: Any,
) -> District:
    """A realistic district of `residents` people with a week of needs (same seed, same district).

    With ``recorded_in_advance=True`` every need of the week is already recorded at the week's
    start (weekly planning: match once at ``week_start``); otherwise each need is recorded a
    little before it is wanted (rolling planning through the week). Any other setting of the
    core's district configuration is a keyword (``residents_per_grid``, ``density_per_km2``, …);
    the core reads them all, refuses unknown ones and names the setting at fault
    (``huzhu.PolicyError``, record ``district config``).
    """
    return _generate(
        residents,
        seed=seed,
        week_start=week_start,
        name=name,
        centre=centre,
        needs_per_thousand=needs_per_thousand,
        volunteer_permille=volunteer_permille,
        recorded_in_advance=recorded_in_advance,
        **settings,
    )


def time_bank_week(plan: Plan, *, week_start: Any, policy: dict[str, Any] | None = None, **settings: Any) -> tuple[Ledger, dict[str, int]]:
    """A week of time-bank exchanges for the plan's assignments: ``(ledger, summary)``."""
    return _time_bank(plan, week_start=week_start, policy=policy, **settings)


__all__ = ["District", "generate", "time_bank_week"]
