"""The generated and API-level rows of tests/bad-input.md (A1–A19) through Python's own API.

The Rust tests of these rows are core/tests/badinput_*.rs; sizes are theirs. Each bad input gives
a typed error naming the record and field (a TypeError for a wrong type), never a panic, and a
refused operation leaves the ledger as it was.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any, Callable

import pytest

import huzhu

from badinput_support import catalogue, raised

ROWS = {r["id"]: r for r in catalogue()}
BASE = ROWS["match.pin_unknown_need"]["case"]["input"]["community"]
I64_MAX = 2**63 - 1
MAX_COST = 2**32 - 1
T = "2026-11-24T09:00:00"


def text(snapshot: dict) -> str:
    return json.dumps(snapshot, separators=(",", ":"))


def community(**changes: Any) -> huzhu.Community:
    return huzhu.Community.from_json(text(dict(copy.deepcopy(BASE), **changes)))


RESIDENT = {"id": 1, "birth_date": "1950-01-01", "lat": 31.2, "lon": 121.5, "grid": 1}


# --- 113, 114: NaN and infinite coordinates -----------------------------------------------


@pytest.mark.parametrize("lat, lon, field", [(float("inf"), 121.5, "home.lat"), (31.2, float("-inf"), "home.lon")])
def test_a1_a2_infinite_coordinates_are_refused_by_name(lat: float, lon: float, field: str) -> None:
    """Row 114. Python floats reach the core through a table: the core's not-finite check."""
    e = raised(lambda: huzhu.Community.from_tables([dict(RESIDENT, lat=lat, lon=lon)]))
    assert type(e) is huzhu.ValidationError
    assert str(e) == f"table `residents`, row 0: resident#1: field `{field}` is NaN or infinite"
    assert (e.record, e.field, e.table, e.row) == ("resident#1", field, "residents", "0")


@pytest.mark.parametrize("lat, lon, column", [(float("nan"), 121.5, "lat"), (31.2, float("nan"), "lon")])
def test_a1_nan_coordinates_are_refused_by_name(lat: float, lon: float, column: str) -> None:
    """Row 113. A table reads NaN as a missing value (pandas' convention): a required cell."""
    e = raised(lambda: huzhu.Community.from_tables([dict(RESIDENT, lat=lat, lon=lon)]))
    assert type(e) is huzhu.ValidationError
    assert str(e) == f"table `residents`, row 0 (resident#1), column `{column}`: required value is empty"
    assert (e.record, e.field, e.table, e.column) == ("resident#1", column, "residents", column)


def test_a1_nan_in_json_text_is_a_parse_error() -> None:
    """Row 113. json.dumps writes NaN, which is not JSON: the snapshot reader refuses it."""
    snapshot = copy.deepcopy(BASE)
    snapshot["residents"][0]["home"]["lat"] = float("nan")
    e = raised(lambda: huzhu.Community.from_json(json.dumps(snapshot)))
    assert type(e) is huzhu.ValidationError and str(e).startswith("JSON, line 1 column ")
    assert e.line == 1 and e.record is None


# --- 115: durations at the u32 extremes -------------------------------------------------------


@pytest.mark.parametrize("minutes, message", [
    (0, "need#1: field `duration_minutes` must be positive"),
    (10081, "need#1: field `duration_minutes` value 10081 is outside 1..=10080"),
    (2**32 - 1, "need#1: field `duration_minutes` value 4294967295 is outside 1..=10080"),
])
def test_a3_durations_beyond_a_week_and_zero_are_refused(minutes: int, message: str) -> None:
    needs = [dict(BASE["needs"][0], duration_minutes=minutes)]
    e = raised(lambda: community(needs=needs))
    assert type(e) is huzhu.ValidationError and str(e) == message
    assert (e.record, e.field) == ("need#1", "duration_minutes")


def test_a3_duration_beyond_u32_in_a_table() -> None:
    needs = [{"id": 1, "resident": 1, "category": "elder.cleaning", "created_at": "2026-11-24T08:00:00",
              "window_start": "2026-11-24T10:00:00", "window_end": "2026-11-24T12:00:00", "duration_minutes": 2**32}]
    e = raised(lambda: huzhu.Community.from_tables([RESIDENT], needs))
    assert type(e) is huzhu.ValidationError
    assert (e.table, e.column) == ("needs", "duration_minutes")


# --- 116-119: huge and strange snapshots -------------------------------------------------------


def residents_text(n: int, extra: str = "") -> str:
    one = '{{"id":{},"birth_date":"1950-01-01","household":"with_family","self_care":"full","home":{{"lat":31.2,"lon":121.5}},"grid":1}}'
    return '{"format":"huzhu.community","version":1,"name":"Big","residents":[' + ",".join(one.format(i) for i in range(1, n + 1)) + extra + "]}"


def test_a4_a_snapshot_of_50000_residents_loads_and_a_duplicate_at_the_end_is_found() -> None:
    assert huzhu.Community.from_json(residents_text(50_000)).counts["residents"] == 50_000
    dup = ',{"id":50000,"birth_date":"1950-01-01","household":"with_family","self_care":"full","home":{"lat":31.2,"lon":121.5},"grid":1}'
    e = raised(lambda: huzhu.Community.from_json(residents_text(50_000, dup)))
    assert type(e) is huzhu.ValidationError and str(e) == "resident#50000: duplicate id"
    assert (e.record, e.field) == ("resident#50000", None)


def test_a5_a_ten_megabyte_name_is_refused_as_too_long() -> None:
    name = "长" * (10 * 1024 * 1024 // 3)
    e = raised(lambda: huzhu.Community.from_json(f'{{"format":"huzhu.community","version":1,"name":"{name}"}}'))
    assert type(e) is huzhu.ValidationError and str(e) == "snapshot: field `name` is longer than 200 characters"
    assert (e.record, e.field) == ("snapshot", "name")


@pytest.mark.parametrize("depth", [1_000, 1_000_000])
def test_a6_deeply_nested_json_is_a_parse_error_not_a_stack_overflow(depth: int) -> None:
    nest = "[" * depth + "]" * depth
    e = raised(lambda: huzhu.Community.from_json(f'{{"format":"huzhu.community","version":1,"name":"X","residents":{nest}}}'))
    assert type(e) is huzhu.ValidationError and str(e).startswith("JSON, line 1 column ")
    assert e.line == 1


@pytest.mark.parametrize("escaped", [r"\u0000", r"\u0001", "\ufeff", r"\n\t"])
def test_a7_control_characters_are_kept_and_round_trip(escaped: str) -> None:
    c = huzhu.Community.from_json(f'{{"format":"huzhu.community","version":1,"name":"{escaped}"}}')
    assert json.loads(f'"{escaped}"') == c.name
    assert huzhu.Community.from_json(c.to_json()) == c


@pytest.mark.parametrize("escaped", [r"\ud800", r"\udfff\ud800", "\u0001"])
def test_a7_unpaired_surrogates_and_raw_control_characters_are_a_parse_error(escaped: str) -> None:
    e = raised(lambda: huzhu.Community.from_json(f'{{"format":"huzhu.community","version":1,"name":"{escaped}"}}'))
    assert type(e) is huzhu.ValidationError and str(e).startswith("JSON, line 1 column ")


def test_a7_a_str_holding_a_lone_surrogate_cannot_reach_rust() -> None:
    """Python refuses to encode it as UTF-8 before huzhu runs (a ValueError subclass)."""
    e = raised(lambda: huzhu.Community.from_json('{"format":"huzhu.community","version":1,"name":"\ud800"}'))
    assert type(e) is UnicodeEncodeError


# --- 120-122: the ledger at the i64 extremes ----------------------------------------------------


def bank(**policy: Any) -> huzhu.Ledger:
    ledger = huzhu.Ledger(**policy)
    ledger.open_account("volunteer#1")
    ledger.open_account("volunteer#2")
    return ledger


def state(ledger: huzhu.Ledger) -> tuple:
    return ledger.export_journal(), len(ledger), ledger.total_balance


def refused(ledger: huzhu.Ledger, fn: Callable[[], object]) -> BaseException:
    """The refusal leaves the ledger as it was and the books balanced."""
    before = state(ledger)
    e = raised(fn)
    assert state(ledger) == before, "a rejected operation changed the ledger"
    assert ledger.verify_balances() and ledger.total_balance == 0
    return e


def test_a8_amounts_at_the_i64_extremes_never_overflow_or_lose_a_minute() -> None:
    ledger = bank(cap=None, overdraft_limit=I64_MAX)
    ledger.earn("volunteer#1", 1, I64_MAX, at=T, key="a")
    ledger.earn("volunteer#2", 1, 1, at=T, key="b")  # the fund reaches i64::MIN
    e = refused(ledger, lambda: ledger.earn("volunteer#2", 1, 1, at=T, key="c"))
    assert type(e) is huzhu.LedgerError and str(e) == "transaction 'c': the balance of fund would overflow"
    assert (e.code, e.record, e.field, e.account, e.key) == ("LEDGER_OVERFLOW", "transaction 'c'", "minutes", "fund", "c")
    for minutes in [-(2**63), -(2**63) + 1, -1, 0]:
        e = refused(ledger, lambda: ledger.earn("volunteer#2", 1, minutes, at=T, key="d"))
        assert type(e) is huzhu.LedgerError and e.code == "LEDGER_NON_POSITIVE_AMOUNT" and e.field == "minutes"
        assert str(e) == f"transaction 'd': minutes must be positive, got {minutes}"
        e = refused(ledger, lambda: ledger.redeem("volunteer#1", minutes, at=T, key="e"))
        assert type(e) is huzhu.LedgerError and e.code == "LEDGER_NON_POSITIVE_AMOUNT"
    # Beyond i64 the argument itself is refused, by name.
    for minutes in [2**63, -(2**63) - 1, 2**200]:
        e = refused(ledger, lambda: ledger.earn("volunteer#2", 1, minutes, at=T, key="f"))
        assert type(e) is huzhu.ValidationError and e.field == "minutes"
        assert str(e) == f"minutes: {minutes} is outside the 64-bit range of minutes"
    ledger.redeem("volunteer#2", I64_MAX, at=T, key="g")
    assert ledger.balance("volunteer#2") == 1 - I64_MAX
    e = refused(ledger, lambda: ledger.redeem("volunteer#2", 2, at=T, key="h"))
    assert type(e) is huzhu.LedgerError and e.code in ("LEDGER_FLOOR_BREACH", "LEDGER_OVERFLOW") and e.field == "minutes"
    assert huzhu.Ledger.import_journal(ledger.export_journal()).export_journal() == ledger.export_journal()


def test_a9_a_batch_summing_past_i64_is_refused_whole() -> None:
    ledger = bank(cap=None)
    earn = {"op": "earn", "account": "volunteer#1", "need": 1, "minutes": I64_MAX}
    e = refused(ledger, lambda: ledger.batch([earn, earn], at=T, key="b"))
    assert type(e) is huzhu.LedgerError and e.code == "LEDGER_BATCH_ITEM"
    assert str(e).startswith("transaction 'b': batch item 1 rejected: transaction 'b': the balance of ")
    assert str(e).endswith(" would overflow")
    assert (e.record, e.field, e.index, e.cause) == ("transaction 'b'", "operations[1].minutes", 1, "LEDGER_OVERFLOW")
    assert ledger.balance("volunteer#1") == 0


def test_a10_a_pool_grant_to_a_thousand_duplicates_gives_once() -> None:
    ledger = bank()
    ledger.earn("volunteer#1", 1, 100, at=T, key="e")
    ledger.donate("volunteer#1", 100, at=T, key="d")
    ledger.pool_grant(["volunteer#2"] * 1000, 10, at=T, key="g")
    assert ledger.balance("volunteer#2") == 10


# --- 123-125: forged and huge journals ---------------------------------------------------------


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def forge(journal: str, edit: Callable[[int, dict], None]) -> str:
    """Rewrites the chain (hash, prev, seal) after `edit` changed some entries, as an attacker
    who knows the format would (core/tests/badinput_ledger.rs `forge`)."""
    prev = "0" * 64
    out = []
    lines = journal.splitlines()
    for i, line in enumerate(lines):
        v = json.loads(line)
        v.pop("hash")
        v["prev"] = prev
        if i == len(lines) - 1:
            v["entry"]["head"] = prev
        else:
            edit(i + 1, v["entry"])
        digest = hashlib.sha256(canonical(v).encode()).hexdigest()
        v["hash"] = digest
        out.append(canonical(v))
        prev = digest
    return "\n".join(out) + "\n"


def sample() -> str:
    ledger = bank(cap=600)
    ledger.earn("volunteer#1", 1, 540, at="2026-11-24T09:00:00", key="e1", operator="desk")
    ledger.earn("volunteer#1", 2, 120, at="2026-11-24T09:01:00", key="e2", operator="desk")
    ledger.redeem("volunteer#1", 30, at="2026-11-24T09:02:00", key="r1", operator="desk")
    return ledger.export_journal()


def test_a11_a_forged_posting_with_recomputed_hashes_fails_the_replay() -> None:
    journal = sample()
    assert forge(journal, lambda line, entry: None) == journal, "the test's chain writer matches the library's"

    def edit(line: int, entry: dict) -> None:
        if line == 4:  # e1's submit: claim it posted 600, not 540
            entry["outcome"]["posted"]["postings"][1]["amount"] = 600

    e = raised(lambda: huzhu.Ledger.import_journal(forge(journal, edit)))
    assert type(e) is huzhu.JournalError and str(e) == "journal line 4: replay does not reproduce the recorded outcome"
    assert (e.code, e.record, e.line) == ("JOURNAL_REPLAY_MISMATCH", "journal line 4", 4)


@pytest.mark.parametrize("line, change", [
    (1, lambda entry: entry["policy"].update(unit=0)),
    (5, lambda entry: entry["operation"].update(minutes=I64_MAX)),
    (6, lambda entry: entry.update(key="e1")),
    (6, lambda entry: entry.update(at="2026-11-24T08:00:00")),
], ids=["invalid policy", "huge amount", "reused key", "time backwards"])
def test_a12_a_forged_policy_or_operation_is_refused_naming_the_line(line: int, change: Callable[[dict], None]) -> None:
    def edit(n: int, entry: dict) -> None:
        if n == line:
            change(entry)

    e = raised(lambda: huzhu.Ledger.import_journal(forge(sample(), edit)))
    assert type(e) is huzhu.JournalError and str(e).startswith(f"journal line {line}")
    assert (e.record, e.line) == (f"journal line {line}", line)


def test_a13_a_journal_of_5000_transactions_imports_and_a_late_edit_is_found() -> None:
    ledger = bank(cap=None)
    for i in range(5000):
        ledger.earn("volunteer#1", i, 1, at=f"2026-11-24T{9 + i // 6000:02}:{(i // 100) % 60:02}:00", key=f"k{i}", operator="desk")
    journal = ledger.export_journal()
    assert huzhu.Ledger.import_journal(journal).balance("volunteer#1") == 5000
    at = journal.rindex('"minutes":1,')
    edited = journal[:at] + '"minutes":2,' + journal[at + len('"minutes":1,'):]
    e = raised(lambda: huzhu.Ledger.import_journal(edited))
    assert type(e) is huzhu.JournalError and str(e) == "journal line 5003: content does not match its hash"
    assert (e.code, e.line) == ("JOURNAL_HASH_MISMATCH", 5003)


# --- 126-130: the matcher on huge or extreme input -----------------------------------------


def lone_volunteer(weekdays: bool = True, **changes: Any) -> dict:
    slots = [{"weekday": d, "opens": "09:00:00", "closes": "12:00:00"} for d in ["Mon", "Tue", "Wed", "Thu", "Fri"]]
    return dict(BASE["volunteers"][0], availability=slots if weekdays else [], **changes)


def need(i: int, start: str, end: str, created_at: str = "2026-11-23T08:00:00") -> dict:
    return dict(BASE["needs"][0], id=i, created_at=created_at, windows=[{"start": start, "end": end}])


def test_a14_a_window_spanning_millennia_with_no_availability_ends_quickly() -> None:
    c = community(volunteers=[lone_volunteer(weekdays=False)], needs=[need(1, "2026-11-24T10:00:00", "+262000-01-01T00:00:00")])
    plan = c.match(now="2026-11-23T08:00:00")
    assert plan.verify() and len(plan) == 0 and len(plan.unmatched) == 1


def test_a15_ten_thousand_needs_for_one_volunteer_solve_and_verify() -> None:
    needs = [need(i, "2026-11-24T09:00:00", "2026-11-24T12:00:00") for i in range(1, 10_001)]
    plan = community(volunteers=[lone_volunteer()], needs=needs).match(now="2026-11-23T08:00:00")
    assert plan.verify()
    assert (len(plan), len(plan.unmatched)) == (4, 9_996)  # 240 minutes a week at 60 a task


@pytest.mark.parametrize("settings, field", [
    ({"travel_per_minute": I64_MAX}, "travel_per_minute"),
    ({"delay_per_hour": [-(2**63), 0, 0, 0]}, "delay_per_hour"),
    ({"unassigned_penalty_emergency": I64_MAX}, "unassigned_penalty_emergency"),
    ({"unassigned_penalty_emergency": 10**12}, "unassigned_penalty_emergency"),
    ({"unassigned_penalty_emergency": MAX_COST + 1}, "unassigned_penalty_emergency"),
    ({"fairness_step": 1_000_000_000}, "fairness_step"),
])
def test_a16_extreme_policy_weights_are_refused(settings: dict, field: str) -> None:
    c = community(volunteers=[lone_volunteer()], needs=[need(1, "2026-11-24T09:00:00", "2026-11-24T12:00:00")])
    e = raised(lambda: c.match(now="2026-11-23T08:00:00", policy=settings))
    assert type(e) is huzhu.PolicyError and str(e).startswith("invalid match policy: ")
    assert (e.code, e.record, e.field, e.setting) == ("MATCH_INVALID_POLICY", "match policy", field, field)


def test_a16_the_largest_accepted_weights_are_capped() -> None:
    c = community(volunteers=[lone_volunteer()], needs=[need(1, "2026-11-24T09:00:00", "2026-11-24T12:00:00")])
    policy = {"travel_per_minute": 1_000_000_000, "delay_per_hour": [1_000_000_000] * 4, "late_per_hour": 1_000_000_000,
              "arc_cost_cap": 1_000_000_000, "unassigned_penalty_general": MAX_COST, "unassigned_penalty_special": MAX_COST,
              "unassigned_penalty_emergency": MAX_COST, "fairness_step": MAX_COST // 168}
    plan = c.match(now="2026-11-23T08:00:00", policy=policy)
    assert plan.verify()
    assert plan.to_dict()["assignments"][0]["cost"]["total"] == 1_000_000_000


def test_a17_largest_accepted_weights_with_a_far_window_do_not_overflow() -> None:
    far = need(1, "2026-11-22T09:00:00", "2026-11-22T12:00:00", created_at="2026-11-21T08:00:00")
    far["windows"].append({"start": "+200000-01-04T09:00:00", "end": "+200000-01-04T12:00:00"})  # Sunday first
    policy = {"delay_per_hour": [1_000_000_000] * 4, "late_per_hour": 1_000_000_000, "arc_cost_cap": 1_000_000_000,
              "unassigned_penalty_general": 2_000_000_001, "unassigned_penalty_special": 2_000_000_001,
              "unassigned_penalty_emergency": 2_000_000_001}
    plan = community(volunteers=[lone_volunteer()], needs=[far]).match(now="2026-11-22T08:00:00", policy=policy)
    assert plan.verify()
    [a] = plan.to_dict()["assignments"]
    assert a["cost"]["total"] == 1_000_000_000, "capped, not wrapped"
    assert a["cost"]["delay"] > 0 and a["cost"]["late"] > 0


def test_a18_pins_over_capacity_and_to_strangers_are_typed_errors() -> None:
    volunteers = [lone_volunteer(), lone_volunteer(id=2, minutes_per_week=60)]
    needs = [need(i, "2026-11-24T09:00:00", "2026-11-24T12:00:00") for i in (1, 2)]
    c = community(volunteers=volunteers, needs=needs)
    now = "2026-11-23T08:00:00"
    e = raised(lambda: c.match(now=now, pinned={1: "volunteer#2", 2: "volunteer#2"}))
    assert type(e) is huzhu.InfeasibleError
    assert str(e) == "cannot pin need#2 to volunteer#2: the helper is pinned to its full capacity"
    assert (e.code, e.record, e.field) == ("MATCH_PIN_OVER_CAPACITY", "need#2", "helper")
    e = raised(lambda: c.match(now=now, pinned={2: "volunteer#77"}))
    assert type(e) is huzhu.MatchError and str(e) == "volunteer#77: unknown helper" and e.record == "volunteer#77"
    e = raised(lambda: c.match(now=now, pinned={99: "volunteer#2"}))
    assert type(e) is huzhu.MatchError and str(e) == "need#99: not open for matching" and e.record == "need#99"
    plan = c.match(now=now, pinned={1: "volunteer#2"})
    assert plan.verify() and plan.explain(1)["helper"] == {"kind": "volunteer", "id": 2}


# --- 131: wrong types, None, through each main class ---------------------------------------

EXAMPLE = community()
LEDGER = bank()
PLAN = EXAMPLE.match()


def typed(e: BaseException) -> bool:
    return type(e) is TypeError or isinstance(e, huzhu.HuzhuError)


WRONG: list[tuple[str, Callable[[], object]]] = [
    ("Community.from_json(None)", lambda: huzhu.Community.from_json(None)),  # type: ignore[arg-type]
    ("Community.from_json(5)", lambda: huzhu.Community.from_json(5)),  # type: ignore[arg-type]
    ("Community.from_json(b'{}')", lambda: huzhu.Community.from_json(b"{}")),  # type: ignore[arg-type]
    ("Community.from_tables(5)", lambda: huzhu.Community.from_tables(5)),
    ("Community.from_tables(residents=[{'id': '1'}])", lambda: huzhu.Community.from_tables([dict(RESIDENT, id="one")])),
    ("Community.match(now=5)", lambda: EXAMPLE.match(now=5)),  # type: ignore[arg-type]
    ("Community.match(policy=5)", lambda: EXAMPLE.match(policy=5)),  # type: ignore[arg-type]
    ("Community.match(policy={'fairness_step': None})", lambda: EXAMPLE.match(policy={"fairness_step": None})),
    ("Community.match(pinned=[1])", lambda: EXAMPLE.match(pinned=[1])),  # type: ignore[arg-type]
    ("Community.match(unavailable=5)", lambda: EXAMPLE.match(unavailable=5)),  # type: ignore[arg-type]
    ("Community.match(colour=1)", lambda: EXAMPLE.match(colour=1)),
    ("Plan.why_not(9, 'volunteer#1')", lambda: PLAN.why_not(9, "volunteer#1")),
    ("Plan.explain(9)", lambda: PLAN.explain(9)),
    ("Ledger(policy='x')", lambda: huzhu.Ledger(policy="x")),  # type: ignore[arg-type]
    ("Ledger(cap='lots')", lambda: huzhu.Ledger(cap="lots")),
    ("Ledger.open_account(None)", lambda: LEDGER.open_account(None)),  # type: ignore[arg-type]
    ("Ledger.earn(None, ...)", lambda: LEDGER.earn(None, 1, 60, at=T)),  # type: ignore[arg-type]
    ("Ledger.earn(need='one')", lambda: LEDGER.earn("volunteer#1", "one", 60, at=T)),
    ("Ledger.earn(minutes='60')", lambda: LEDGER.earn("volunteer#1", 1, "60", at=T)),  # type: ignore[arg-type]
    ("Ledger.earn(minutes=None)", lambda: LEDGER.earn("volunteer#1", 1, None, at=T)),  # type: ignore[arg-type]
    ("Ledger.earn(at=None)", lambda: LEDGER.earn("volunteer#1", 1, 60, at=None)),  # type: ignore[arg-type]
    ("Ledger.earn(key=5)", lambda: LEDGER.earn("volunteer#1", 1, 60, at=T, key=5)),  # type: ignore[arg-type]
    ("Ledger.batch(None)", lambda: LEDGER.batch(None, at=T)),  # type: ignore[arg-type]
    ("Ledger.batch([5])", lambda: LEDGER.batch([5], at=T)),  # type: ignore[list-item]
    ("Ledger.reverse(-1)", lambda: LEDGER.reverse(-1, at=T)),
    ("Ledger.reverse('1')", lambda: LEDGER.reverse("1", at=T)),  # type: ignore[arg-type]
    ("Ledger.approve(None, 'r', T)", lambda: LEDGER.approve(None, "r", T)),  # type: ignore[arg-type]
    ("Ledger.statement('volunteer#1', None, T)", lambda: LEDGER.statement("volunteer#1", None, T)),  # type: ignore[arg-type]
    ("Ledger.import_journal(None)", lambda: huzhu.Ledger.import_journal(None)),  # type: ignore[arg-type]
    ("Evidence.from_tables(surveys=5)", lambda: huzhu.Evidence.from_tables(surveys=5)),
    ("scoring.scorecard(None)", lambda: huzhu.scoring.scorecard(None)),  # type: ignore[arg-type]
    ("scoring.scorecard(plan, community_workers=-1)", lambda: huzhu.scoring.scorecard(PLAN, community_workers=-1)),
    ("scoring.coverage(community, threshold_minutes=-1)", lambda: huzhu.scoring.coverage(EXAMPLE, threshold_minutes=-1)),
    ("scoring.coverage(community, threshold_minutes='15')", lambda: huzhu.scoring.coverage(EXAMPLE, threshold_minutes="15")),  # type: ignore[arg-type]
    ("scoring.staffing(community, community_workers=None, ...)", lambda: huzhu.scoring.staffing(EXAMPLE, community_workers=None, social_workers=0)),  # type: ignore[arg-type]
    ("scoring.composite_index({'satisfaction': 'x'})", lambda: huzhu.scoring.composite_index({"satisfaction": "x"})),  # type: ignore[dict-item]
]


@pytest.mark.parametrize("call", WRONG, ids=[name for name, _ in WRONG])
def test_a19_wrong_types_and_none_are_a_type_error_or_a_huzhu_error(call: tuple[str, Callable[[], object]]) -> None:
    before = state(LEDGER)
    e = raised(call[1])
    assert typed(e), f"{type(e).__module__}.{type(e).__name__}: {e}"
    assert state(LEDGER) == before


def test_a19_ledger_arguments_name_the_argument() -> None:
    for fn, field in [
        (lambda: LEDGER.earn(None, 1, 60, at=T), "account"),
        (lambda: LEDGER.earn("volunteer#1", "one", 60, at=T), "need"),
        (lambda: LEDGER.earn("volunteer#1", 1, "60", at=T), "minutes"),
        (lambda: LEDGER.earn("volunteer#1", 1, 60, at=None), "at"),
        (lambda: LEDGER.reverse(-1, at=T), "tx"),
        # The core's JSON reader names the operation (its path does not reach into a tagged enum).
        (lambda: LEDGER.batch([{"op": "earn", "account": "volunteer#1", "need": 1, "minutes": 2.5}], at=T), "operations[0]"),
        (lambda: huzhu.scoring.coverage(EXAMPLE, threshold_minutes=-1), "threshold_minutes"),
    ]:
        assert raised(fn).field == field


def test_a19_match_plan_and_synth_arguments_name_themselves() -> None:
    """Wrong values for match, plan and generator arguments: a HuzhuError (or TypeError) naming
    the argument, never a bare ValueError / OverflowError."""
    for fn, field in [
        (lambda: EXAMPLE.match(now="yesterday"), "now"),
        (lambda: EXAMPLE.match(pinned={1: None}), "pinned"),
        (lambda: EXAMPLE.match(committed={"nobody": 1}), "committed"),
        (lambda: PLAN.explain(None), "need"),
        (lambda: PLAN.why_not(1, 5), "helper"),
        (lambda: huzhu.synth.generate(residents=-1), "residents"),
        (lambda: huzhu.synth.generate(residents=10, seed=-1), "seed"),
    ]:
        e = raised(fn)
        assert isinstance(e, (huzhu.HuzhuError, TypeError)), repr(e)
        assert e.field == field, repr(e)
