"""The care loop (一人一档, 走访) from Python: care records in and out of tables and Python objects,
and every function of `huzhu.care`, on one small community whose expected values are worked by
hand in the comments; then bad inputs (a typed error naming record and field), and the shared
care fixtures replayed through the native API.

The community ("Care lane"), judged on Tuesday 24 Nov 2026 at 09:00:

    resident  born        age  household    self-care  groups                grid  care file
    r1        1942-03-01  84   lives alone  partial    elderly_living_alone  1     w1, medium risk, assessed `full`
    r2        1960-06-01  66   lives alone  dependent  disabled              1     w1, high risk
    r3        1950-01-01  76   with family  full       minimum_allowance     2     w2, low risk, own plan: visits 30 d, calls 10 d
    r4        1990-01-01  36   with family  full       —                     2     —

Workers: w1 Li Hua (grid worker, grid 1), w2 Wang Fang (social worker, grid 2).
Packages: r1 meals on weekdays 11:00–12:30 (30 min) and cleaning on Wednesdays 09:00–12:00
(90 min); r2 bathing every other Thursday 14:00–16:00 (60 min), file opened Monday 2 Feb.
Contacts: c1 r1 visit 18 Nov 10:00; c2 r2 visit 10 Nov 10:00; c3 r2 phone 20 Nov 15:00;
c4 r3 survey 20 Nov 10:00; c6 r4 survey 15 Mar 10:00 (no worker).
Needs: n1 r1 meals, created 20 Nov 09:00, open (care package); n2 r4 repairs, 5 Nov, done
(dynamic, hotline); n3 r3 home visit, 6 Nov, done (latent, inferred, confirmed); n4 r2
cleaning, 7 Nov, cancelled (latent, inferred, not confirmed); n5 r1 meals, 15 Aug, done (care
package); n6 r4 repairs, 10 Nov, done (dynamic, online, with its status history).
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from typing import Any

import pandas as pd
import polars as pl
import pytest

import huzhu
from huzhu import care, scoring

from badinput_support import SHARED, raised

D, T = dt.date, dt.datetime
NOW = T(2026, 11, 24, 9)
HISTORY = [
    {"at": "2026-11-10T09:00:00", "status": "matched", "by": "matcher"},
    {"at": "2026-11-10T14:00:00", "status": "in_progress", "by": "volunteer#1"},
    {"at": "2026-11-10T15:00:00", "status": "done", "by": "volunteer#1"},
]


def need(id: int, resident: int, category: str, created: str, start: str, end: str, minutes: int, status: str, **more: Any) -> dict:
    return dict(id=id, resident=resident, category=category, created_at=created, window_start=start, window_end=end,
                duration_minutes=minutes, urgency="general", status=status, **more)


def tables() -> dict[str, pd.DataFrame]:
    residents = pd.DataFrame({
        "id": [1, 2, 3, 4],
        "birth_date": ["1942-03-01", "1960-06-01", "1950-01-01", "1990-01-01"],
        "lat": [31.2, 31.2, 31.21, 31.21], "lon": [121.5] * 4, "grid": [1, 1, 2, 2],
        "household": ["lives_alone", "lives_alone", "with_family", "with_family"],
        "self_care": ["partial", "dependent", "full", "full"],
        "groups": ["elderly_living_alone", "disabled", "minimum_allowance", ""],
    })
    needs = pd.DataFrame([
        need(1, 1, "elder.meals", "2026-11-20T09:00", "2026-11-25T11:00", "2026-11-25T12:30", 30, "open", kind="basic", channel="care_package"),
        need(2, 4, "home.repairs", "2026-11-05T09:00", "2026-11-06T09:00", "2026-11-06T12:00", 60, "done", kind="dynamic", channel="hotline"),
        need(3, 3, "elder.home_visit", "2026-11-06T09:00", "2026-11-07T09:00", "2026-11-07T12:00", 60, "done", kind="latent",
             channel="inferred", inferred_by="aged_alone_without_contact", confirmed=True),
        need(4, 2, "elder.cleaning", "2026-11-07T09:00", "2026-11-08T09:00", "2026-11-08T12:00", 90, "cancelled", kind="latent",
             channel="inferred", inferred_by="dependent_without_cleaning", confirmed=False),
        need(5, 1, "elder.meals", "2026-08-15T09:00", "2026-08-17T11:00", "2026-08-17T12:30", 30, "done", kind="basic", channel="care_package"),
        need(6, 4, "home.repairs", "2026-11-10T08:00", "2026-11-10T13:00", "2026-11-10T17:00", 60, "done", kind="dynamic", channel="online",
             history=json.dumps(HISTORY)),
    ])
    workers = pd.DataFrame({"id": [1, 2], "name": ["Li Hua", "Wang Fang"], "role": ["grid_worker", "social_worker"], "grids": [[1], [2]]})
    care_files = pd.DataFrame([
        dict(resident=1, opened=D(2026, 1, 5), worker=1, assessment_date=D(2026, 1, 5), assessor="worker#1", self_care="full",
             health_risks=["falls"], living_risks=["stairs"], risk="medium"),
        dict(resident=2, opened=D(2026, 2, 2), worker=1, assessment_date=D(2026, 2, 2), assessor="worker#1", self_care="dependent",
             health_risks=[], living_risks=[], risk="high"),
        dict(resident=3, opened=D(2026, 3, 1), worker=2, assessment_date=D(2026, 3, 1), assessor="Wang Fang", self_care="full",
             health_risks=[], living_risks=[], risk="low", visit_every_days=30, call_every_days=10),
    ])
    packages = pd.DataFrame([
        {"resident": 1, "category": "elder.meals", "every": "weekdays", "weekday": None, "from": dt.time(11), "until": dt.time(12, 30), "duration_minutes": 30},
        {"resident": 1, "category": "elder.cleaning", "every": "weekly", "weekday": "Wed", "from": dt.time(9), "until": dt.time(12), "duration_minutes": 90},
        {"resident": 2, "category": "elder.bathing", "every": "fortnightly", "weekday": "Thu", "from": dt.time(14), "until": dt.time(16), "duration_minutes": 60},
    ])
    contacts = pd.DataFrame([
        dict(id=1, resident=1, worker=1, at=T(2026, 11, 18, 10), kind="visit", notes="well, asked about the canteen"),
        dict(id=2, resident=2, worker=1, at=T(2026, 11, 10, 10), kind="visit", notes=""),
        dict(id=3, resident=2, worker=1, at=T(2026, 11, 20, 15), kind="phone", notes=""),
        dict(id=4, resident=3, worker=2, at=T(2026, 11, 20, 10), kind="survey", notes=""),
        dict(id=6, resident=4, worker=None, at=T(2026, 3, 15, 10), kind="survey", notes=""),
    ])
    return dict(residents=residents, needs=needs, workers=workers, care_files=care_files, packages=packages, contacts=contacts)


@pytest.fixture(scope="module")
def lane() -> huzhu.Community:
    return huzhu.Community.from_tables(**tables(), name="Care lane")


# --- care records in and out ------------------------------------------------------------------


def test_care_tables_come_out_in_the_columns_they_went_in(lane: huzhu.Community) -> None:
    assert {k: lane.counts[k] for k in ("workers", "care_files", "contacts")} == {"workers": 2, "care_files": 3, "contacts": 5}
    # `qualified` was left out going in: the core's default, False.
    assert lane.workers.to_pylist() == [
        {"id": 1, "name": "Li Hua", "role": "grid_worker", "grids": [1], "qualified": False},
        {"id": 2, "name": "Wang Fang", "role": "social_worker", "grids": [2], "qualified": False},
    ]
    files = lane.care_files.to_pylist()
    assert files[0] == {"resident": 1, "opened": D(2026, 1, 5), "closed": None, "worker": 1, "assessment_date": D(2026, 1, 5),
                        "assessor": "worker#1", "self_care": "full", "health_risks": ["falls"], "living_risks": ["stairs"],
                        "risk": "medium", "visit_every_days": None, "call_every_days": None}
    # r3's own plan; the others follow the policy's default (both columns empty).
    assert [(f["visit_every_days"], f["call_every_days"]) for f in files] == [(None, None), (None, None), (30, 10)]
    assert lane.packages.to_pylist()[1] == {"resident": 1, "category": "elder.cleaning", "every": "weekly", "weekday": "Wed",
                                            "from": dt.time(9), "until": dt.time(12), "duration_minutes": 90}
    assert [c["worker"] for c in lane.contacts.to_pylist()] == [1, 1, 1, 2, None]
    assert lane.contacts.to_pylist()[0]["notes"] == "well, asked about the canteen"
    assert "care files" in lane._repr_html_()


@pytest.mark.parametrize("form", ["pandas", "polars", "arrow", "native"])
def test_care_records_round_trip_through_tables(lane: huzhu.Community, form: str) -> None:
    convert = {"pandas": lambda t: t.to_pandas(), "polars": lambda t: t.to_polars(), "arrow": lambda t: t.to_arrow(), "native": lambda t: t}[form]
    back = huzhu.Community.from_tables(**{k: convert(v) for k, v in lane.to_tables().items()}, name="Care lane")
    assert back == lane
    if form == "polars":
        assert isinstance(convert(lane.care_files), pl.DataFrame)


def test_care_records_round_trip_through_the_snapshot(lane: huzhu.Community) -> None:
    snapshot = json.loads(lane.to_json())
    assert snapshot["care_files"][2]["contact"] == {"visit_every_days": 30, "call_every_days": 10}
    assert snapshot["care_files"][1]["package"] == [{"category": "elder.bathing", "every": "fortnightly", "weekday": "Thu",
                                                     "from": "14:00:00", "until": "16:00:00", "duration_minutes": 60}]
    assert snapshot["needs"][5]["history"] == HISTORY
    assert huzhu.Community.from_json(lane.to_json()) == lane


def test_care_records_from_python_objects_in_the_core_shape(lane: huzhu.Community) -> None:
    """`with_records` reads the snapshot's own record lists: the same community as from tables."""
    snapshot = json.loads(lane.to_json())
    bare = huzhu.Community.from_tables(tables()["residents"], tables()["needs"], name="Care lane")
    assert bare.counts["care_files"] == 0
    built = bare.with_records({k: snapshot[k] for k in ("workers", "care_files", "contacts")})
    assert built == lane and bare.counts["care_files"] == 0  # a new community; the old one unchanged


def test_care_records_added_from_tables_and_text_cells(lane: huzhu.Community) -> None:
    """`with_tables` adds records to a copy; package times may be text (`11:00`), lists `;` text."""
    t = tables()
    bare = huzhu.Community.from_tables(t["residents"], t["needs"], name="Care lane")
    packages = t["packages"].assign(**{"from": ["11:00", "09:00:00", "14:00"], "until": ["12:30", "12:00", "16:00"]})
    workers = t["workers"].assign(grids=["1", "2"])
    files = t["care_files"].assign(health_risks=["falls", "", ""], living_risks=["stairs", "", ""])
    built = bare.with_tables(workers=workers, care_files=files, packages=packages, contacts=t["contacts"])
    assert built == lane


def test_packages_of_files_already_in_the_community_replace_their_package(lane: huzhu.Community) -> None:
    # r2's package becomes weekly cleaning on Fridays; r1's file is untouched.
    cleaning = [{"resident": 2, "category": "elder.cleaning", "every": "weekly", "weekday": "Fri", "from": "09:00", "until": "11:00", "duration_minutes": 90}]
    changed = lane.with_tables(packages=cleaning)
    items = [(p["resident"], p["category"], p["weekday"]) for p in changed.packages.to_pylist()]
    assert items == [(1, "elder.meals", None), (1, "elder.cleaning", "Wed"), (2, "elder.cleaning", "Fri")]
    assert changed.care_files.to_pylist() == lane.care_files.to_pylist()
    # Checked like a new file: 60 minutes of window for 90 of cleaning.
    e = raised(lambda: lane.with_tables(packages=[dict(cleaning[0], until="10:00")]))
    assert facts(e) == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "care file of resident#2", "package[0].until", "packages", "0", None)


def test_the_new_need_fields_round_trip(lane: huzhu.Community) -> None:
    n = {r["id"]: r for r in lane.needs.to_pylist()}
    assert (n[1]["kind"], n[1]["channel"], n[1]["inferred_by"], n[1]["confirmed"]) == ("basic", "care_package", None, None)
    assert (n[3]["kind"], n[3]["channel"], n[3]["inferred_by"], n[3]["confirmed"]) == ("latent", "inferred", "aged_alone_without_contact", True)
    assert n[4]["confirmed"] is False
    assert json.loads(n[6]["history"]) == HISTORY and n[1]["history"] is None
    # A need without the columns is basic, with no channel: the core's defaults.
    plain = huzhu.Community.from_tables(tables()["residents"], tables()["needs"].drop(columns=["kind", "channel", "inferred_by", "confirmed", "history"]))
    assert {(r["kind"], r["channel"]) for r in plain.needs.to_pylist()} == {("basic", None)}


# --- the rounds -------------------------------------------------------------------------------


def test_contact_schedule_per_resident_worker_and_grid(lane: huzhu.Community) -> None:
    s = care.contact_schedule(lane, now=NOW)
    # On the rounds: r1, r2, r3 (open care files); r4 has none and lives with family. 3 in scope.
    # r1: 84 and living alone -> weekly visits, no calls. Last visit 18 Nov, 6 days ago: 6 > 7?
    #     no; 6 >= 7 - 1 (due a day early) -> due.
    # r2: 66 -> visits every 15 days and calls every 7, but a high-risk file is visited weekly at
    #     least: min(15, 7) = 7. Last visit 10 Nov, 14 days > 7 -> overdue. Calls: the latest of the
    #     visit (10 Nov) and the call (20 Nov) is 4 days ago, 4 < 7 - 1 -> nothing due.
    # r3: its own plan, visits every 30 days: never visited -> overdue. Calls every 10: the survey
    #     of 20 Nov counts as a call, 4 days < 9 -> nothing due.
    assert s.due.to_pylist() == [
        {"resident": 1, "grid": 1, "worker": 1, "age": 84, "kind": "visit", "interval_days": 7, "last": D(2026, 11, 18), "days_since": 6, "status": "due"},
        {"resident": 2, "grid": 1, "worker": 1, "age": 66, "kind": "visit", "interval_days": 7, "last": D(2026, 11, 10), "days_since": 14, "status": "overdue"},
        {"resident": 3, "grid": 2, "worker": 2, "age": 76, "kind": "visit", "interval_days": 30, "last": None, "days_since": None, "status": "overdue"},
    ]
    # Only r1 has nothing overdue: 1 of 3.
    assert (s.today, s.in_scope, s.on_schedule, s.share_on_schedule) == (D(2026, 11, 24), 3, 1, pytest.approx(1 / 3))
    # w1 keeps r1 (due) and r2 (overdue); w2 keeps r3 (overdue). Grid 1 = r1, r2; grid 2 = r3.
    assert s.by_worker.to_pylist() == [
        {"worker": 1, "name": "Li Hua", "residents": 2, "due": 1, "overdue": 1},
        {"worker": 2, "name": "Wang Fang", "residents": 1, "due": 0, "overdue": 1},
    ]
    assert s.by_grid.to_pylist() == [{"grid": 1, "residents": 2, "due": 1, "overdue": 1}, {"grid": 2, "residents": 1, "due": 0, "overdue": 1}]
    assert s.to_dict()["by_worker"] == {"1": {"residents": 2, "due": 1, "overdue": 1}, "2": {"residents": 1, "due": 0, "overdue": 1}}
    assert repr(s) == "<huzhu.ContactSchedule 2026-11-24: 3 on the rounds, 1 on schedule, 1 contacts due, 2 overdue>"
    assert "Li Hua" in s._repr_html_()


def test_contact_schedule_reads_the_policy_and_the_evidence(lane: huzhu.Community) -> None:
    # Visits every 5 days from 70: r1's 6 days are now overdue too, so nobody is on schedule.
    s = care.contact_schedule(lane, now=NOW, older_visit_days=5)
    assert [(r["resident"], r["interval_days"], r["status"]) for r in s.due.to_pylist()][0] == (1, 5, "overdue")
    assert s.on_schedule == 0
    assert care.contact_schedule(lane, now=NOW, policy={"older_visit_days": 5}).to_dict() == s.to_dict()
    # A home visit to r2 logged as evidence on 23 Nov: 1 day ago, no longer overdue.
    ev = huzhu.Evidence.from_tables(visits=[{"resident": 2, "at": "2026-11-23T10:00:00", "kind": "home"}])
    assert [r["resident"] for r in care.contact_schedule(lane, now=NOW, evidence=ev).due.to_pylist()] == [1, 3]
    # The same rounds are the scoring indicator's: scoring.visits gives the same table.
    assert scoring.visits(lane, ev, now=NOW).to_pylist() == care.contact_schedule(lane, now=NOW, evidence=ev).due.to_pylist()


def test_package_needs_are_the_weeks_needs_ready_for_the_matcher(lane: huzhu.Community) -> None:
    week = care.package_needs(lane, week_start=D(2026, 11, 23), first_id=100)
    rows = week.to_pylist()
    # Resident, then item, then day: r1 meals Mon–Fri (23–27 Nov) = 100–104; r1 cleaning on
    # Wednesday 25 Nov = 105; r2 bathing every other Thursday counted from the week of its file
    # (Monday 2 Feb): 2 Feb → 23 Nov is 294 days = 42 weeks, even, so Thursday 26 Nov = 106.
    assert [(r["id"], r["resident"], r["category"], r["window_start"]) for r in rows] == [
        (100, 1, "elder.meals", T(2026, 11, 23, 11)),
        (101, 1, "elder.meals", T(2026, 11, 24, 11)),
        (102, 1, "elder.meals", T(2026, 11, 25, 11)),
        (103, 1, "elder.meals", T(2026, 11, 26, 11)),
        (104, 1, "elder.meals", T(2026, 11, 27, 11)),
        (105, 1, "elder.cleaning", T(2026, 11, 25, 9)),
        (106, 2, "elder.bathing", T(2026, 11, 26, 14)),
    ]
    # Recorded at the week's start; planned, basic, from the package; r1 and r2 are in special
    # groups, so special_group urgency.
    assert {(r["created_at"], r["kind"], r["channel"], r["urgency"]) for r in rows} == {(T(2026, 11, 23), "basic", "care_package", "special_group")}
    assert rows[5]["window_end"] == T(2026, 11, 25, 12) and rows[5]["duration_minutes"] == 90
    # Without first_id the ids follow the community's needs (n1–n6): 7–13.
    assert [r["id"] for r in care.package_needs(lane, week_start="2026-11-23").to_pylist()] == list(range(7, 14))
    # A week later r2's bathing is off (43 weeks, odd): 5 meals + 1 cleaning.
    assert len(care.package_needs(lane, week_start=D(2026, 11, 30))) == 6
    # Into the community and the matcher, no re-keying: a volunteer who can give personal care.
    volunteer = [{"id": 1, "lat": 31.2, "lon": 121.5, "skills": "personal_care", "availability": "daily 08:00-20:00", "minutes_per_week": 600}]
    ready = lane.with_tables(needs=week, volunteers=volunteer)
    assert ready.counts["needs"] == 6 + 7 and lane.counts["needs"] == 6
    plan = ready.match(now=T(2026, 11, 23))
    # Open at Monday 00:00: n1 (open since 20 Nov) and the 7 package needs.
    assert len(plan.assignments) + len(plan.unmatched) == 8
    assert set(plan.assignments.to_pandas()["helper"]) == {"volunteer#1"}


def test_risk_flags_say_why(lane: huzhu.Community) -> None:
    flags = care.risk_flags(lane, now=NOW).to_pylist()
    # r1: n1 (meals, general) was recorded 20 Nov 09:00 and is still open. r1 is in a special
    #     group and meals are daily care, so 24 h at most: 21 Nov 09:00 < now -> unserved past its
    #     deadline. Self-care is partial now, full when assessed -> fell.
    # r2: the visit overdue above (14 days, every 7). Self-care as assessed (dependent).
    # r3: the visit never made (every 30 days).
    assert [(f["resident"], f["worker"], f["level"], f["reason"], f["message"]) for f in flags] == [
        (1, 1, "medium", "unserved_past_deadline", "need#1 unserved past its deadline 2026-11-21T09:00:00"),
        (1, 1, "medium", "self_care_fell", "self-care fell from full to partial since the assessment"),
        (2, 1, "high", "missed_contact", "no visit for 14 days (every 7 planned)"),
        (3, 2, "low", "missed_contact", "no visit on record"),
    ]
    assert (flags[0]["need"], flags[0]["deadline"]) == (1, T(2026, 11, 21, 9))
    assert (flags[1]["assessed"], flags[1]["self_care"]) == ("full", "partial")
    assert (flags[2]["kind"], flags[2]["days_since"], flags[2]["interval_days"]) == ("visit", 14, 7)
    assert (flags[3]["days_since"], flags[3]["interval_days"], flags[3]["need"]) == (None, 30, None)


# --- needs found before they are asked ---------------------------------------------------------


def test_default_rules_infer_latent_needs_with_their_facts(lane: huzhu.Community) -> None:
    rules = care.default_rules()
    assert [r["code"] for r in rules] == ["aged_alone_without_contact", "dependent_without_cleaning", "hardship_elderly_without_meals"]
    found = care.infer_needs(lane, now=NOW).to_pylist()
    # aged_alone_without_contact (80+, alone, no contact for 14 days): only r1 is 80+ alone, and
    #   was visited 18 Nov, after 10 Nov 09:00 -> no.
    # dependent_without_cleaning: r2 is dependent; its only cleaning need (n4) was cancelled, which
    #   does not count -> no cleaning ever -> fires.
    # hardship_elderly_without_meals (70+, minimum allowance or extreme poverty, no meals for 30
    #   days): r3, 76, minimum allowance, never had meals -> fires.
    assert [(f["resident"], f["grid"], f["category"], f["rule"], f["duration_minutes"]) for f in found] == [
        (2, 1, "elder.cleaning", "dependent_without_cleaning", 90),
        (3, 2, "elder.meals", "hardship_elderly_without_meals", 30),
    ]
    assert json.loads(found[0]["facts"]) == {"self_care": "dependent", "last_elder.cleaning": "never"}
    assert found[1]["reason"] == "resident#3 needs elder.meals (hardship_elderly_without_meals: age 76, group minimum_allowance, last_elder.meals never)"
    # The rules given back unchanged find the same.
    assert care.infer_needs(lane, now=NOW, rules=rules).to_pylist() == found


def test_user_rules_replace_the_defaults_as_dicts_or_json(lane: huzhu.Community) -> None:
    rule = {"code": "alone_75_no_contact_5", "who": {"min_age": 75, "household": "lives_alone"},
            "lacking": {"kind": "contact", "days": 5}, "infer": "elder.home_visit", "duration_minutes": 45}
    # Only r1 is 75+ and alone; last contact 18 Nov 10:00, before 19 Nov 09:00 (5 days back) -> fires.
    found = care.infer_needs(lane, now=NOW, rules=[rule]).to_pylist()
    assert [(f["resident"], f["rule"], json.loads(f["facts"])) for f in found] == [
        (1, "alone_75_no_contact_5", {"age": "84", "household": "lives_alone", "last_contact": "2026-11-18"}),
    ]
    assert care.infer_needs(lane, now=NOW, rules=json.dumps([rule])).to_pylist() == found
    # On 22 Nov 12:00 the visit is only 4 days old: nothing.
    assert len(care.infer_needs(lane, now="2026-11-22T12:00", rules=[rule])) == 0


def test_inferred_needs_are_recorded_naming_their_rule(lane: huzhu.Community) -> None:
    needs = care.inferred_needs(lane, now=NOW).to_pylist()
    # The two findings above, numbered after n6, created now, open for 7 days (to 1 Dec 00:00).
    assert [(n["id"], n["resident"], n["category"], n["inferred_by"]) for n in needs] == [
        (7, 2, "elder.cleaning", "dependent_without_cleaning"),
        (8, 3, "elder.meals", "hardship_elderly_without_meals"),
    ]
    assert {(n["kind"], n["channel"], n["urgency"], n["created_at"], n["window_start"], n["window_end"]) for n in needs} == {
        ("latent", "inferred", "general", NOW, NOW, T(2026, 12, 1))}
    assert care.inferred_needs(lane, now=NOW, first_id=50, days=2).to_pylist()[1]["window_end"] == T(2026, 11, 26)
    grown = lane.with_tables(needs=care.inferred_needs(lane, now=NOW))
    assert grown.counts["needs"] == 8
    # Recorded, they are open needs of their category: the rules do not fire for them again.
    assert len(care.infer_needs(grown, now=NOW)) == 0


def test_identification_indicators(lane: huzhu.Community) -> None:
    # November: n1, n2, n3, n4, n6 (n5 is August) = 5 needs.
    # Accuracy: inferred and decided n3 (confirmed) and n4 (not) -> 1 of 2 = 0.5.
    # Personalised: from a care package, n1 -> 1 of 5 = 0.2.
    # Surveys in the 365 days to 1 Dec: r3 (20 Nov), r4 (15 Mar) -> 2 of 4 residents = 0.5.
    t = care.identification(lane, start=D(2026, 11, 1), end=D(2026, 12, 1)).to_pylist()
    assert [(r["indicator"], r["count"], r["of"], r["share"]) for r in t] == [
        ("identification_accuracy", 1, 2, 0.5),
        ("personalised_services", 1, 5, 0.2),
        ("survey_coverage", 2, 4, 0.5),
    ]
    assert (t[0]["name_en"], t[0]["name_zh"]) == ("Needs identified accurately", "需求识别准确率")
    # Surveys within 30 days only: r3 -> 1 of 4.
    t30 = care.identification(lane, start="2026-11-01", end="2026-12-01", survey_window_days=30).to_pylist()
    assert (t30[2]["count"], t30[2]["share"]) == (1, 0.25)
    # Nothing to judge is no data, not 0%: October has no needs.
    october = care.identification(lane, start="2026-10-01", end="2026-11-01").to_pylist()
    assert [r["share"] for r in october[:2]] == [None, None]


def test_quarterly_needs_list_by_grid_and_category(lane: huzhu.Community) -> None:
    rows = care.needs_list(lane).to_pylist()
    # Q3 (from 1 Jul): n5, grid 1 meals, basic, done.
    # Q4 (from 1 Oct): grid 1 (r1, r2): n4 cleaning latent cancelled (neither served nor pending),
    #   n1 meals basic open; grid 2 (r3, r4): n3 home visit latent done, n2 + n6 repairs dynamic done.
    assert [(r["quarter"], r["grid"], r["category"], r["basic"], r["dynamic"], r["latent"], r["served"], r["pending"]) for r in rows] == [
        (D(2026, 7, 1), 1, "elder.meals", 1, 0, 0, 1, 0),
        (D(2026, 10, 1), 1, "elder.cleaning", 0, 0, 1, 0, 0),
        (D(2026, 10, 1), 1, "elder.meals", 1, 0, 0, 0, 1),
        (D(2026, 10, 1), 2, "elder.home_visit", 0, 0, 1, 1, 0),
        (D(2026, 10, 1), 2, "home.repairs", 0, 2, 0, 2, 0),
    ]
    assert (rows[4]["name_en"], rows[4]["name_zh"]) == ("Repairs", "维修")


# --- bad input: a typed error naming record and field ------------------------------------------


def facts(e: BaseException) -> tuple:
    return (type(e), e.code, e.record, e.field, e.table, e.row, e.column)


def from_tables(**change: Any) -> huzhu.Community:
    return huzhu.Community.from_tables(**{**tables(), **change})


def test_a_package_window_shorter_than_its_duration_names_the_item() -> None:
    packages = tables()["packages"]
    packages.loc[0, "until"] = dt.time(11, 20)  # 20 minutes for a 30-minute meal
    e = raised(lambda: from_tables(packages=packages))
    assert facts(e) == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "care file of resident#1", "package[0].until", "care_files", "0", None)
    assert str(e) == "table `care_files`, row 0: care file of resident#1: field `package[0].until` leaves 20 minutes, shorter than the duration of 30 minutes"


def test_bad_care_file_rows() -> None:
    t = tables()
    e = raised(lambda: from_tables(packages=t["packages"].assign(category=["elder.meals", "elder.juggling", "elder.bathing"])))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_UNKNOWN_CATEGORY", "care file of resident#1", "package[1].category")
    e = raised(lambda: from_tables(packages=t["packages"].assign(weekday=[None, "Wed", None])))
    assert facts(e) == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "care file of resident#2", "package[0].weekday", "care_files", "1", None)
    e = raised(lambda: from_tables(care_files=t["care_files"].assign(worker=[1, 9, 2])))
    assert facts(e) == (huzhu.ValidationError, "MODEL_UNKNOWN_REFERENCE", "care file of resident#2", "worker", "care_files", "1", None)
    e = raised(lambda: from_tables(care_files=t["care_files"].assign(assessor=["worker#1", " ", "x"])))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "care file of resident#2", "assessment.assessor")
    e = raised(lambda: from_tables(care_files=t["care_files"].assign(closed=[None, D(2026, 1, 1), None])))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "care file of resident#2", "closed")
    e = raised(lambda: from_tables(care_files=t["care_files"].assign(visit_every_days=[None, 0, 30])))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "care file of resident#2", "contact.visit_every_days")
    dup = pd.concat([t["care_files"], t["care_files"].iloc[[0]]], ignore_index=True)
    e = raised(lambda: from_tables(care_files=dup))
    assert facts(e) == (huzhu.ValidationError, "MODEL_DUPLICATE_ID", "care file of resident#1", None, "care_files", "3", None)


def test_bad_care_cells_name_table_row_column_and_record() -> None:
    t = tables()
    # A call interval without a visit interval: a contact plan has both.
    e = raised(lambda: from_tables(care_files=t["care_files"].assign(call_every_days=[7, None, 10])))
    assert facts(e) == (huzhu.ValidationError, "INVALID_ARGUMENT", "care file of resident#1", "visit_every_days", "care_files", "0", "visit_every_days")
    e = raised(lambda: from_tables(care_files=t["care_files"].drop(columns=["worker"])))
    assert facts(e)[1:] == ("INVALID_ARGUMENT", "care file of resident#1", "worker", "care_files", "0", "worker")
    assert "required column is missing" in str(e)
    e = raised(lambda: from_tables(packages=t["packages"].assign(**{"from": ["noon", "09:00", "14:00"]})))
    assert facts(e) == (huzhu.ValidationError, "INVALID_TEXT", "care file of resident#1", "from", "packages", "0", "from")
    assert '"noon" is not a time of day like 11:00 or 11:00:00' in str(e)
    e = raised(lambda: from_tables(packages=t["packages"].assign(every=["weekdays", "hourly", "fortnightly"])))
    assert facts(e)[1:] == ("MODEL_JSON", "care file of resident#1", "every", "packages", "1", "every")
    assert "expected one of `daily`, `weekdays`, `weekly`, `fortnightly`" in str(e)
    e = raised(lambda: from_tables(workers=t["workers"].assign(role=["grid_worker", "janitor"])))
    assert facts(e) == (huzhu.ValidationError, "MODEL_JSON", "worker#2", "role", "workers", "1", "role")
    e = raised(lambda: from_tables(workers=t["workers"].assign(name=["Li Hua", ""])))
    assert facts(e) == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "worker#2", "name", "workers", "1", None)
    # Package items of a resident whose file is not in the table: the core's "not found".
    extra = pd.concat([t["packages"], t["packages"].iloc[[0]].assign(resident=4)], ignore_index=True)
    e = raised(lambda: from_tables(packages=extra))
    assert facts(e) == (huzhu.ValidationError, "MODEL_NOT_FOUND", "care file of resident#4", None, "packages", "3", None)


def test_bad_contact_rows() -> None:
    t = tables()
    e = raised(lambda: from_tables(contacts=t["contacts"].assign(resident=[1, 2, 9, 3, 4])))
    assert facts(e) == (huzhu.ValidationError, "MODEL_UNKNOWN_REFERENCE", "contact#3", "resident", "contacts", "2", None)
    assert str(e) == "table `contacts`, row 2: contact#3: field `resident` refers to unknown resident#9"
    e = raised(lambda: from_tables(contacts=t["contacts"].assign(worker=[1, 1, 7, 2, None])))
    assert facts(e)[1:4] == ("MODEL_UNKNOWN_REFERENCE", "contact#3", "worker")
    e = raised(lambda: from_tables(contacts=t["contacts"].assign(kind=["visit", "letter", "phone", "survey", "survey"])))
    assert facts(e)[1:] == ("MODEL_JSON", "contact#2", "kind", "contacts", "1", "kind")
    at = t["contacts"]["at"].astype(str).tolist()
    at[0] = "2026-11-18T10:00:00+08:00"
    e = raised(lambda: from_tables(contacts=t["contacts"].assign(at=at)))
    assert facts(e)[1:] == ("INVALID_DATE", "contact#1", "at", "contacts", "0", "at")
    aware = t["contacts"].assign(at=t["contacts"]["at"].dt.tz_localize("Asia/Shanghai"))
    e = raised(lambda: from_tables(contacts=aware))
    assert facts(e)[1:] == ("INVALID_DATE", None, "at", "contacts", None, "at")


def test_bad_records_from_python_objects() -> None:
    bare = huzhu.Community.from_tables(tables()["residents"])
    worker = {"id": 1, "name": "Li Hua", "role": "grid_worker"}
    file = {"resident": 1, "opened": "2026-01-05", "worker": 1,
            "assessment": {"date": "2026-01-05", "assessor": "worker#1", "self_care": "full"},
            "package": [{"category": "elder.meals", "every": "daily", "from": "11:00:00", "until": "11:20:00", "duration_minutes": 30}]}
    e = raised(lambda: bare.with_records({"workers": [worker], "care_files": [file]}))
    assert facts(e) == (huzhu.ValidationError, "MODEL_INVALID_FIELD", "care file of resident#1", "package[0].until", None, None, None)
    contact = {"id": 3, "resident": 9, "at": "2026-11-20T10:00:00", "kind": "visit"}
    e = raised(lambda: bare.with_records({"contacts": [contact]}))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_UNKNOWN_REFERENCE", "contact#3", "resident")
    e = raised(lambda: bare.with_records({"workers": [worker], "care_files": [dict(file, opened="last spring")]}))
    assert facts(e)[:4] == (huzhu.ValidationError, "MODEL_JSON", None, "care_files[0].opened")
    e = raised(lambda: bare.with_records({"contacts": [dict(contact, resident=1, at="2026-11-20T10:00:00Z")]}))
    assert (e.code, e.field) == ("MODEL_JSON", "contacts[0].at") and "UTC offset" in str(e)
    e = raised(lambda: bare.with_records({"care_file": []}))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_ARGUMENT", "care_file")
    e = raised(lambda: bare.with_records([worker]))
    assert (type(e), e.code, e.field) == (TypeError, "INVALID_ARGUMENT", "records")


def test_bad_arguments_of_the_care_functions(lane: huzhu.Community) -> None:
    aware = dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    for fn in (care.contact_schedule, care.risk_flags, care.infer_needs, care.inferred_needs):
        e = raised(lambda: fn(lane, now=aware))
        assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_DATE", "now")
    e = raised(lambda: care.package_needs(lane, week_start="2026-11-23T09:00"))
    assert (e.code, e.field) == ("INVALID_DATE", "week_start")
    e = raised(lambda: care.package_needs(lane, week_start="2026-11-23", first_id="need#x"))
    assert (e.code, e.field) == ("INVALID_ID", "first_id")
    e = raised(lambda: care.identification(lane, start="2026-12-01", end="2026-11-01"))
    assert (type(e), e.code, e.field) == (huzhu.ScoringError, "SCORING_INVALID_FIELD", "period.end")
    e = raised(lambda: care.identification(lane, start="2026-11-01", end="2026-12-01", survey_window_days=-1))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "INVALID_ARGUMENT", "survey_window_days")
    # The contact policy is read and checked by the core, naming the setting.
    e = raised(lambda: care.contact_schedule(lane, now=NOW, older_visit_days=0))
    assert (type(e), e.code, e.record, e.setting) == (huzhu.PolicyError, "MODEL_INVALID_FIELD", "contact policy", "older_visit_days")
    assert str(e) == "contact policy: field `older_visit_days` must be positive"
    e = raised(lambda: care.contact_schedule(lane, now=NOW, high_risk_visit_days=0))
    assert e.setting == "high_risk_visit_days"
    e = raised(lambda: care.risk_flags(lane, now=NOW, visit_every=3))
    assert (type(e), e.setting) == (huzhu.PolicyError, "visit_every")
    # Rules are checked against the community: a category it does not know, a zero interval.
    e = raised(lambda: care.infer_needs(lane, now=NOW, rules=[{"code": "x", "lacking": {"kind": "contact", "days": 3}, "infer": "elder.juggling", "duration_minutes": 30}]))
    assert (type(e), e.code, e.record, e.field) == (huzhu.PolicyError, "MODEL_INVALID_FIELD", "latent rule[0]", "infer")
    e = raised(lambda: care.inferred_needs(lane, now=NOW, rules=[{"code": "x", "lacking": {"kind": "contact", "days": 0}, "infer": "elder.home_visit", "duration_minutes": 30}]))
    assert (e.record, e.field) == ("latent rule[0]", "lacking.days")
    # Rules are read by the core: the path of the bad value.
    rule = {"code": "x", "lacking": {"kind": "contact"}, "infer": "elder.home_visit", "duration_minutes": 30}
    e = raised(lambda: care.infer_needs(lane, now=NOW, rules=[rule]))
    assert (type(e), e.code, e.field) == (huzhu.ValidationError, "MODEL_JSON", "rules[0].lacking")
    assert "missing field `days`" in str(e)
    e = raised(lambda: care.infer_needs(lane, now=NOW, rules=json.dumps([dict(rule, lacking={"kind": "contact", "days": 3}, whom={})])))
    assert (e.code, e.field, e.line) == ("MODEL_JSON", "rules[0].whom", 1)


# --- the shared care fixtures, natively ---------------------------------------------------------


CARE_FIXTURES = sorted((SHARED / "fixtures").glob("care_*.json"))


def rows_like(expected: list[dict], got: list[dict], rename: dict[str, str] | None = None) -> list[dict]:
    """`got`'s rows with the keys of `expected` (renamed where the table's column differs),
    values in the core's JSON text form."""
    rename = rename or {}

    def text(v: Any) -> Any:
        if isinstance(v, dt.datetime):
            return v.isoformat()
        if isinstance(v, dt.date):
            return v.isoformat()
        return v

    return [{k: text(g[rename.get(k, k)]) for k in e} for e, g in zip(expected, got)]


@pytest.mark.parametrize("path", CARE_FIXTURES, ids=lambda p: p.stem)
def test_care_fixture_replayed_natively(path: pathlib.Path) -> None:
    """Each shared care fixture (worked by hand in tests/tools) gives the same through the Python
    functions and tables as through the Rust runner."""
    case = json.loads(path.read_text(encoding="utf-8"))
    inp, expected = case["input"], case["expected"]["sections"]
    c = huzhu.Community.from_json(json.dumps(inp["community"]))
    now, policy = inp["now"], inp.get("policy")
    for name, want in expected.items():
        if name == "contacts":
            s = care.contact_schedule(c, now=now, policy=policy)
            assert s.to_dict() == want
            assert rows_like(want["due"], s.due.to_pylist()) == want["due"]
        elif name == "risk":
            got = care.risk_flags(c, now=now, policy=policy).to_pylist()
            assert len(got) == len(want)
            assert rows_like(want, got, {"now": "self_care"}) == want
        elif name == "infer":
            got = care.infer_needs(c, now=now, rules=inp.get("rules")).to_pylist()
            for g in got:
                g["facts"] = json.loads(g["facts"])
            assert len(got) == len(want) and rows_like(want, got) == want
        elif name == "package":
            got = care.package_needs(c, week_start=inp["week_start"], first_id=inp.get("first_need", 1)).to_pylist()
            assert len(got) == len(want)
            assert rows_like(want, got, {"start": "window_start", "end": "window_end"}) == want
        elif name == "identification":
            got = care.identification(c, start=inp["period"]["start"], end=inp["period"]["end"],
                                      survey_window_days=inp.get("survey_window_days")).to_pylist()
            counts = [(r["count"], r["of"], r["share"]) for r in got]
            assert counts == [(want["inferred_confirmed"], want["inferred_decided"], want["accuracy"]),
                              (want["personalised"], want["needs"], want["personalised_share"]),
                              (want["surveyed"], want["residents"], want["survey_coverage"])]
        elif name == "needs_list":
            got = care.needs_list(c).to_pylist()
            assert len(got) == len(want) and rows_like(want, got) == want
        elif name == "deadlines":
            # Every need's deadline: the response table of a period holding all of them.
            start = min(n["created_at"] for n in inp["community"]["needs"])[:10]
            got = scoring.response_times(c.match(now=now), start=start, end="2100-01-01", now=now).to_pylist()
            assert {str(r["need"]): r["deadline"].isoformat() if r["deadline"] else None for r in got} == want
        else:
            raise AssertionError(f"no native replay for section {name}")
