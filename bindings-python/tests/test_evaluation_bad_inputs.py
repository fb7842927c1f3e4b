"""Bad inputs to the evaluation (issue 19) through the native API: KPIs and their series, the
level hierarchy and tallies, training and funding, the staffing norms, staffing advice, and the
Python-side cases (a bool where a number is wanted, NaN, a timezone-aware day).

Each row gives the exception class (exactly), code, record, field and message: the facts the
core gives (KPI checks name `kpi <code>`, hierarchy checks `level node <id>`), passed through
unchanged, or the binding's own (`INVALID_ARGUMENT`, `INVALID_DATE`) for values Python hands
over. No row may panic.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

import pytest

import huzhu
from huzhu import scoring

from badinput_support import raised

KPIS = scoring.default_kpis("2026-01-01")


def kpi(**changes: Any) -> dict:
    """The default match-rate KPI (55% → 82% by 2029-01-01), changed."""
    return {**KPIS[0], **changes}


RESIDENT = {"id": 1, "birth_date": "1950-01-01", "lat": 31.2, "lon": 121.5, "grid": 1}
COMMUNITY = huzhu.Community.from_tables([RESIDENT], workers=[{"id": 1, "name": "Li", "role": "grid_worker", "grids": [1]}])
PLAN = COMMUNITY.match(now="2026-01-01T00:00:00")
NODES = [{"id": "s", "name": "S", "level": "street"}, {"id": "a", "name": "A", "level": "community", "parent": "s"}]


def card(evidence: huzhu.Evidence | None = None, **settings: Any) -> huzhu.Scorecard:
    return scoring.scorecard(PLAN, evidence, start="2026-01-01", end="2026-04-01", now="2026-04-01T00:00:00", **settings)


def progress(k: dict, series: list | None = None, **kw: Any) -> Any:
    return scoring.kpi_progress(k, series or [], today=kw.pop("today", "2026-07-01"), **kw)


def training(minutes: int, worker: int = 1) -> huzhu.Evidence:
    return huzhu.Evidence.from_tables(training=[{"worker": worker, "date": "2026-01-02", "minutes": minutes}])


def funding(source: str, fen: int) -> huzhu.Evidence:
    return huzhu.Evidence.from_tables(funding=[{"source": source, "date": "2026-01-02", "amount_fen": fen}])


UTC_DAY = dt.datetime(2026, 7, 1, tzinfo=dt.timezone.utc)
TZ_MESSAGE = ('today: "2026-07-01 00:00:00+00:00" is not a local date-time like 2026-11-24T09:00:00: it has a UTC offset or time '
              "zone, and huzhu's times are the community's local wall-clock time: convert to local time and leave the offset out")
SOURCES = "expected one of `government`, `welfare_lottery`, `charity`, `enterprise`, `service_fees`, `other`"

# (id, call, class, code, record, field, message)
CASES: list[tuple[str, Callable[[], object], type, str, str | None, str | None, str]] = [
    # KPIs (checked by the core: record "kpi <code>")
    ("kpi.unknown_measure", lambda: progress(kpi(code="x", measure="happiness")),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "kpi x", "measure", 'kpi x: field `measure` unknown measure "happiness"'),
    ("kpi.target_behind_baseline", lambda: progress(kpi(target=0.40)),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "kpi match_rate", "target", "kpi match_rate: field `target` target 0.4 does not increase from baseline 0.55"),
    ("kpi.deadline_not_after_baseline", lambda: progress(kpi(deadline="2026-01-01")),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "kpi match_rate", "deadline", "kpi match_rate: field `deadline` ends before (or when) it starts"),
    ("kpi.direction_against_measure", lambda: progress(kpi(direction="decrease")),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "kpi match_rate", "direction", "kpi match_rate: field `direction` match_rate should increase"),
    ("kpi.duplicate_code", lambda: scoring.evaluate_kpis([kpi(), kpi()], [], today="2026-07-01"),
     huzhu.ScoringError, "SCORING_DUPLICATE_ID", "kpi match_rate", None, "kpi match_rate: duplicate id"),
    ("kpi.observations_not_increasing", lambda: progress(kpi(), [{"date": "2026-07-01", "value": 0.6}, {"date": "2026-04-01", "value": 0.58}]),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "kpi match_rate observation[1]", "date",
     "kpi match_rate observation[1]: field `date` 2026-04-01 is not after the previous observation's 2026-07-01"),
    ("kpi.period_days_zero", lambda: progress(kpi(), period_days=0),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "kpi match_rate", "period_days", "kpi match_rate: field `period_days` must be positive"),
    # The hierarchy and tallies (record "level node <id>")
    ("levels.unknown_parent", lambda: scoring.rollup([{"id": "a", "name": "A", "level": "community", "parent": "nowhere"}], {}),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "level node a", "parent", 'level node a: field `parent` unknown node "nowhere"'),
    ("levels.parent_at_a_lower_level", lambda: scoring.rollup([{"id": "s", "name": "S", "level": "street", "parent": "a"}, {"id": "a", "name": "A", "level": "community"}], {}),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "level node s", "parent", 'level node s: field `parent` "a" is a community and cannot hold a street'),
    ("levels.duplicate_node", lambda: scoring.rollup(NODES + [{"id": "a", "name": "A2", "level": "community", "parent": "s"}], {}),
     huzhu.ScoringError, "SCORING_DUPLICATE_ID", "level node a", None, "level node a: duplicate id"),
    ("levels.tally_of_unknown_node", lambda: scoring.rollup(NODES, {"z": {}}),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "level node z", "id", "level node z: field `id` no such node in the hierarchy"),
    ("levels.unknown_level", lambda: scoring.rollup([{"id": "a", "name": "A", "level": "village"}], {}),
     huzhu.ValidationError, "MODEL_JSON", None, "nodes[0].level", "JSON: unknown variant `village`, expected one of `grid`, `community`, `street`, `district`, `city`"),
    # Training and funding (checked by the core when the scorecard is computed)
    ("training.zero_minutes", lambda: card(training(0)),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "training[0]", "minutes", "training[0]: field `minutes` must be positive"),
    ("training.unknown_worker", lambda: card(training(60, worker=9)),
     huzhu.ScoringError, "SCORING_UNKNOWN_REFERENCE", "training[0]", "worker", "training[0]: field `worker` refers to unknown worker#9"),
    ("funding.zero_amount", lambda: card(funding("government", 0)),
     huzhu.ScoringError, "SCORING_INVALID_FIELD", "funding[0]", "amount_fen", "funding[0]: field `amount_fen` must be positive"),
    ("funding.unknown_source_table", lambda: funding("lottery", 1),
     huzhu.ValidationError, "MODEL_JSON", None, "source", f"table `funding`, row 0, column `source`: JSON: unknown variant `lottery`, {SOURCES}"),
    ("funding.unknown_source_dict", lambda: huzhu.Evidence.from_dict({"funding": [{"source": "lottery", "date": "2026-01-02", "amount_fen": 1}]}),
     huzhu.ValidationError, "MODEL_JSON", None, "evidence.funding[0].source", f"JSON: unknown variant `lottery`, {SOURCES}"),
    # Norms and options
    ("policy.qualified_share_above_one", lambda: card(policy={"staffing": {"qualified_share": 1.5}}),
     huzhu.PolicyError, "SCORING_INVALID_FIELD", "scoring policy", "staffing.qualified_share", "scoring policy: field `staffing.qualified_share` value 1.5 is outside (0, 1]"),
    ("advice.max_recruits_zero", lambda: PLAN.staffing_advice(max_recruits=0),
     huzhu.PolicyError, "MATCH_INVALID_POLICY", "match policy", "advice.max_recruits", "invalid match policy: advice.max_recruits value 0 is outside 1..=100"),
    ("advice.unknown_option", lambda: PLAN.staffing_advice(colour=1),
     huzhu.PolicyError, "MATCH_INVALID_POLICY", "match policy", "advice.colour", "invalid match policy: advice.colour cannot be read: unknown field `colour`, expected one of `max_groups`, `max_recruits`, `minutes_per_week`, `max_travel_m`"),
    # Python-side values: a bool where a number is wanted (refused by the core's JSON reader),
    # NaN (refused before JSON: INVALID_ARGUMENT; in JSON text, a parse error), a zoned day.
    ("python.bool_kpi_target", lambda: progress(kpi(target=True)),
     huzhu.ValidationError, "MODEL_JSON", None, "kpi.target", "JSON: invalid type: boolean `true`, expected f64"),
    ("python.bool_kpis_target", lambda: scoring.evaluate_kpis([kpi(target=True)], [], today="2026-07-01"),
     huzhu.ValidationError, "MODEL_JSON", None, "kpis[0].target", "JSON: invalid type: boolean `true`, expected f64"),
    ("python.bool_tally_count", lambda: scoring.rollup(NODES, {"a": {"counts": {"match_rate": {"of": True, "n": 2}}}}),
     huzhu.ValidationError, "MODEL_JSON", None, "tallies.a.counts.match_rate.of", "JSON: invalid type: boolean `true`, expected u64"),
    ("python.bool_advice_option", lambda: PLAN.staffing_advice(max_recruits=True),
     huzhu.PolicyError, "MATCH_INVALID_POLICY", "match policy", "advice.max_recruits", "invalid match policy: advice.max_recruits cannot be read: invalid type: boolean `true`, expected u32"),
    ("python.nan_kpi_target", lambda: progress(kpi(target=float("nan"))),
     huzhu.ValidationError, "INVALID_ARGUMENT", None, "kpi.target", "kpi.target: NaN is not a finite number"),
    ("python.nan_observation", lambda: progress(kpi(), [{"date": "2026-07-01", "value": float("nan")}]),
     huzhu.ValidationError, "INVALID_ARGUMENT", None, "series[0].value", "series[0].value: NaN is not a finite number"),
    ("python.nan_in_kpi_json_text", lambda: scoring.evaluate_kpis(json.dumps([kpi()]).replace("0.82", "NaN"), [], today="2026-07-01"),
     huzhu.ValidationError, "MODEL_JSON", None, "kpis[0].target", "JSON, line 1 column 256: expected value at line 1 column 256"),
    ("python.tz_aware_today", lambda: progress(kpi(), today=UTC_DAY),
     huzhu.ValidationError, "INVALID_DATE", None, "today", TZ_MESSAGE),
    ("python.tz_aware_today_evaluate", lambda: scoring.evaluate_kpis(KPIS, [], today=UTC_DAY),
     huzhu.ValidationError, "INVALID_DATE", None, "today", TZ_MESSAGE),
    ("python.unknown_kpi_field", lambda: progress(kpi(colour=1)),
     huzhu.ValidationError, "MODEL_JSON", None, "kpi.colour",
     "JSON: unknown field `colour`, expected one of `code`, `measure`, `name_en`, `name_zh`, `baseline`, `baseline_date`, `target`, `deadline`, `phase`, `direction`"),
    ("python.negative_training_minutes", lambda: training(-1),
     huzhu.ValidationError, "INVALID_ARGUMENT", None, "minutes", "table `training`, row 0, column `minutes`: value -1 is outside 0..=4294967295"),
    ("python.tallies_not_a_dict", lambda: scoring.rollup(NODES, [1]),
     TypeError, "INVALID_ARGUMENT", None, "tallies", "tallies: expected a dict {node id: tally or Scorecard}"),
    ("python.not_a_scorecard", lambda: scoring.evaluate_kpis(KPIS, [1], today="2026-07-01"),
     TypeError, "INVALID_ARGUMENT", None, "scorecards[0]", "scorecards[0]: expected a huzhu.Scorecard"),
    ("python.report_z_zero", lambda: scoring.evaluation_html([card()], z=0),
     huzhu.ValidationError, "INVALID_ARGUMENT", None, "z", "z: must be a positive number, got 0"),
    ("python.advice_row_beyond", lambda: PLAN.staffing_advice().volunteers(0),
     huzhu.ValidationError, "INVALID_ARGUMENT", None, "row", "row: 0 is beyond the 0 pieces of advice"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input(case: tuple) -> None:
    _, call, cls, code, record, field, message = case
    e = raised(call)
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    # A TypeError carries code and field only (it is not a huzhu error).
    facts = (getattr(e, "code", None), getattr(e, "record", None), getattr(e, "field", None))
    assert facts == (code, record, field), facts
    assert str(e) == message


def test_policy_and_advice_errors_name_the_setting() -> None:
    assert raised(lambda: card(policy={"staffing": {"qualified_share": 1.5}})).setting == "staffing.qualified_share"
    assert raised(lambda: PLAN.staffing_advice(max_recruits=0)).setting == "advice.max_recruits"


def test_table_cells_name_the_table_row_and_column() -> None:
    e = raised(lambda: funding("lottery", 1))
    assert (e.table, e.row, e.column) == ("funding", "0", "source")
    e = raised(lambda: training(-1))
    assert (e.table, e.row, e.column) == ("training", "0", "minutes")


def test_a_bool_period_is_refused_like_every_bool_where_a_number_goes() -> None:
    # A bool is never a number (issue 24): True is not a one-day period.
    e = raised(lambda: progress(kpi(), period_days=True))
    assert type(e) is TypeError and "period_days" in str(e)


def test_an_unknown_measure_is_refused_not_read_as_no_data() -> None:
    e = raised(lambda: card().measure("match_rat"))
    assert type(e) is huzhu.ValidationError
    assert (e.code, e.field) == ("INVALID_ARGUMENT", "code")
    assert card().measure("match_rate") is None  # known, but no needs in the period
