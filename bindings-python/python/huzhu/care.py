"""The care loop (一人一档, 走访): one file per person in a special group, visits and calls on
schedule, needs found before they are asked, and how well they were found.

The records live in the community (``Community.from_tables(workers=, care_files=, packages=,
contacts=)``, ``Community.with_tables``, ``Community.with_records``, or the JSON snapshot); these
functions compute what follows from them as of a time you give (the core never reads the clock).

>>> import huzhu
>>> from huzhu import care
>>> district = huzhu.synth.generate(residents=500, seed=7)
>>> c = district.community
>>> rounds = care.contact_schedule(c, now=district.now)            # due and overdue contacts
>>> rounds.due.column_names
['resident', 'grid', 'worker', 'age', 'kind', 'interval_days', 'last', 'days_since', 'status']
>>> rounds.by_worker.column_names
['worker', 'name', 'residents', 'due', 'overdue']
>>> week = care.package_needs(c, week_start=district.week_start)  # the packages' needs, numbered after c's
>>> ready = c.with_tables(needs=week)                              # into the community: no re-keying
>>> ready.counts["needs"] == c.counts["needs"] + len(week)
True
>>> found = care.infer_needs(c, now=district.now)                 # latent needs, by the default rules
>>> found.column_names
['resident', 'grid', 'category', 'rule', 'facts', 'duration_minutes', 'reason']
>>> set(found.to_pandas()["rule"]) <= {r["code"] for r in care.default_rules()}
True
"""

from __future__ import annotations

from ._huzhu import ContactSchedule
from ._huzhu import contact_schedule, default_rules, identification, infer_needs, inferred_needs, needs_list, package_needs, risk_flags

__all__ = [
    "ContactSchedule",
    "contact_schedule",
    "default_rules",
    "identification",
    "infer_needs",
    "inferred_needs",
    "needs_list",
    "package_needs",
    "risk_flags",
]
