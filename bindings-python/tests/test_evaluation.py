"""From scorecard to evaluation (issue 19): workforce and funding, KPIs, results by level, staffing
advice and the report — every expected value worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import huzhu
from huzhu import scoring

D = dt.date


# --- workforce and funding ------------------------------------------------------------------


def residents(n: int, grids: tuple[int, ...] = (1,)) -> list[dict]:
    return [{"id": i, "birth_date": "1950-01-01", "lat": 31.2, "lon": 121.5, "grid": grids[i % len(grids)]} for i in range(1, n + 1)]


def card_of(c: huzhu.Community, ev: huzhu.Evidence, start: str, end: str) -> huzhu.Scorecard:
    plan = c.match(now=start + "T00:00:00")
    return scoring.scorecard(plan, ev, start=start, end=end, now=end + "T00:00:00")


WORKERS = [
    {"id": 1, "name": "Li", "role": "grid_worker", "grids": [1], "qualified": True},
    {"id": 2, "name": "Wang", "role": "grid_worker", "grids": [2]},  # qualified left out: False
]


def test_workforce_residents_per_worker_qualified_share_and_training_by_hand() -> None:
    # 1,200 residents, 600 in grid 1 and 600 in grid 2; two grid workers, each covering one grid,
    # one qualified. Residents per worker 1,200 / 2 = 600 (within 500–800); each worker serves
    # 600; qualified 1 / 2 = 0.5 (≥ 12%). Training: 600 minutes in Q1 2026 (31 + 28 + 31 = 90
    # days) → 10 h / 2 workers × 365 / 90 = 20.2778 h a year, below 40. Training dated after the
    # period does not count.
    c = huzhu.Community.from_tables(residents(1200, (1, 2)), workers=WORKERS)
    assert c.workers.to_pylist()[0]["qualified"] is True and c.workers.to_pylist()[1]["qualified"] is False
    training = [{"worker": 1, "date": "2026-01-02", "minutes": 600}, {"worker": 2, "date": "2026-04-01", "minutes": 6000}]
    card = card_of(c, huzhu.Evidence.from_tables(training=training), "2026-01-01", "2026-04-01")
    w = card.workforce
    assert (w["residents"], w["workers"], w["residents_per_worker"], w["within_caseload"]) == (1200, 2, 600.0, True)
    assert (w["qualified"], w["qualified_share"], w["meets_qualified"]) == (1, 0.5, True)
    assert w["training_hours_per_year"] == pytest.approx(10 / 2 * 365 / 90, abs=1e-12)
    assert w["meets_training"] is False and w["uncovered_residents"] == 0
    loads = w["loads"].to_pylist()
    assert [(r["worker"], r["qualified"], r["grids"], r["residents"], r["training_minutes"], r["over_caseload"]) for r in loads] == [
        (1, True, [1], 600.0, 600, False),
        (2, False, [2], 600.0, 0, False),
    ]
    assert card.measure("residents_per_worker") == 600.0
    assert card.measure("qualified_share") == 0.5
    assert card.measure("training_hours") == pytest.approx(20.2778, abs=1e-4)
    with pytest.raises(huzhu.ValidationError):
        card.measure("happiness")
    # to_dict carries both reports in the core's JSON (loads as a list there).
    d = card.to_dict()
    assert d["workforce"]["loads"][0]["worker"] == 1 and d["funding"]["total_fen"] == 0


def test_funding_per_resident_a_year_by_hand_and_by_source() -> None:
    # 4,500 yuan (government 4,000 = 400,000 fen; charity 500 = 50,000 fen) in 2026 (365 days)
    # for 100 residents: 4,500 / 100 × 365 / 365 = 45 yuan a resident a year, below the 50 norm.
    # Shares: 400,000 / 450,000 = 8/9 and 1/9. Funding dated in 2027 is outside the period.
    c = huzhu.Community.from_tables(residents(100))
    funding = [
        {"source": "government", "date": "2026-02-01", "amount_fen": 400_000},
        {"source": "charity", "date": "2026-03-01", "amount_fen": 50_000},
        {"source": "enterprise", "date": "2027-02-01", "amount_fen": 100_000},
    ]
    ev = huzhu.Evidence.from_tables(funding=funding)
    assert ev.funding.to_pylist()[0] == {"source": "government", "date": D(2026, 2, 1), "amount_fen": 400_000}
    card = card_of(c, ev, "2026-01-01", "2027-01-01")
    f = card.funding
    assert (f["residents"], f["days"], f["total_fen"], f["norm"], f["meets"]) == (100, 365, 450_000, 50.0, False)
    assert f["per_resident_year"] == pytest.approx(45.0, abs=1e-12)
    assert card.measure("funding_per_resident") == pytest.approx(45.0, abs=1e-12)
    rows = f["by_source"].to_pylist()
    assert [(r["source"], r["name_zh"], r["amount_fen"]) for r in rows] == [("government", "财政拨款", 400_000), ("charity", "慈善捐赠", 50_000)]
    assert rows[0]["share"] == pytest.approx(8 / 9, abs=1e-12) and rows[1]["share"] == pytest.approx(1 / 9, abs=1e-12)


def test_training_and_funding_round_trip_through_tables_and_the_core_json() -> None:
    ev = huzhu.Evidence.from_tables(
        training=[{"worker": 1, "date": "2026-01-02", "minutes": 90}],
        funding=[{"source": "Welfare Lottery", "date": "2026-01-05", "amount_fen": 1}],  # codes read as the core reads them
    )
    assert ev.training.to_pylist() == [{"worker": 1, "date": D(2026, 1, 2), "minutes": 90}]
    assert ev.funding.to_pylist()[0]["source"] == "welfare_lottery"
    d = ev.to_dict()
    assert d["training"] == [{"worker": 1, "date": "2026-01-02", "minutes": 90}]
    assert d["funding"] == [{"source": "welfare_lottery", "date": "2026-01-05", "amount_fen": 1}]
    back = huzhu.Evidence.from_dict(d)
    assert back.to_dict() == d
    again = huzhu.Evidence.from_tables(training=ev.training.to_pandas(), funding=ev.funding.to_pandas())
    assert again.to_dict() == d


def test_special_group_satisfaction_is_its_own_scope() -> None:
    # Resident 1 lives alone (a special group): their 3 answers of 5 are all satisfied → the
    # special_groups scope has 3 of 3; resident 2 (no group) answers 2 → not in that scope.
    people = residents(2)
    people[0]["groups"] = "elderly_living_alone"
    c = huzhu.Community.from_tables(people, volunteers=[{"id": 1, "lat": 31.2, "lon": 121.5}])
    dims = ["content", "efficiency", "attitude", "sustainability", "innovation"]
    surveys = [{"id": i, "respondent": 1 if i <= 3 else 2, "helper": "volunteer#1", "period_start": "2026-01-01",
                "period_end": "2026-04-01", **{d: 5 if i <= 3 else 2 for d in dims}} for i in range(1, 6)]
    card = card_of(c, huzhu.Evidence.from_tables(surveys=surveys), "2026-01-01", "2026-04-01")
    s = {(r["scope"], r["dimension"]): r for r in card.satisfaction.to_pylist()}
    sg = s[("special_groups", "overall")]
    assert (sg["n"], sg["satisfied"], sg["share_satisfied"]) == (3, 3, 1.0)
    assert s[("all", "overall")]["n"] == 5
    assert card.measure("special_group_satisfaction") == 1.0
    assert card.measure("satisfaction") == pytest.approx(3 / 5)


def test_measures_table() -> None:
    m = {r["code"]: r for r in scoring.measures().to_pylist()}
    assert set(scoring.measures().column_names) == {"code", "name_en", "name_zh", "unit", "higher_is_better"}
    assert (m["match_rate"]["name_zh"], m["match_rate"]["unit"], m["match_rate"]["higher_is_better"]) == ("供需匹配率", "share", True)
    assert (m["handling_days"]["unit"], m["handling_days"]["higher_is_better"]) == ("days", False)
    assert {k["measure"] for k in scoring.default_kpis("2026-01-01")} <= set(m)


# --- KPIs -------------------------------------------------------------------------------------


def kpi(code: str) -> dict:
    return next(k for k in scoring.default_kpis(D(2026, 1, 1)) if k["code"] == code)


def test_kpi_progress_match_rate_by_hand() -> None:
    # Match rate 55% → 82% from 2026-01-01 to 2029-01-01: 365 × 3 + 1 (29 Feb 2028) = 1,096 days.
    # Observed 0.64 on 2026-07-01, day 31+28+31+30+31+30 = 181: progress (0.64 − 0.55) / (0.82 −
    # 0.55) = 0.09 / 0.27 = 1/3; expected 181 / 1,096 = 0.1651; 1/3 ≥ 0.1651 → on track. Judged
    # on 2026-07-01: 1,096 − 181 = 915 days left, ⌈915 / 91⌉ = 11 quarters; still 0.82 − 0.64 =
    # 0.18 to gain, 0.18 / 11 a quarter. 2026-07-01 is in month 7: roll-out.
    k = kpi("match_rate")
    assert (k["baseline"], k["target"], k["baseline_date"], k["deadline"], k["direction"]) == (0.55, 0.82, "2026-01-01", "2029-01-01", "increase")
    p = scoring.kpi_progress(k, [{"date": "2026-07-01", "value": 0.64}], today=D(2026, 7, 1), period_days=91)
    assert p["progress"] == pytest.approx(1 / 3, abs=1e-12)
    assert p["expected"] == pytest.approx(181 / 1096, abs=1e-12)
    assert (p["on_track"], p["status"], p["remaining_periods"], p["phase_now"]) == (True, "on_track", 11, "roll_out")
    assert p["needed_per_period"] == pytest.approx(0.18 / 11, abs=1e-12)
    assert p["change"] == pytest.approx(0.09, abs=1e-12)
    assert p["latest"] == {"date": "2026-07-01", "value": 0.64}
    # The default period is a quarter (91 days), and (date, value) pairs read as observations.
    assert scoring.kpi_progress(k, [(D(2026, 7, 1), 0.64)], today="2026-07-01") == p


def test_kpi_progress_handling_days_a_decreasing_kpi_by_hand() -> None:
    # Handling time 7 days → 2 by 2029-01-01 (1,096 days), lower is better. Observations: 6.5 on
    # 2026-04-01, 6.0 on 2026-10-01 (day 31+28+31+30+31+30+31+31+30 = 273). Latest 6.0: change
    # 6.0 − 7.0 = −1.0; progress −1 / (2 − 7) = 0.2; expected 273 / 1,096 = 0.2491; 0.2 < 0.2491
    # → behind. Judged on 2026-10-01: 1,096 − 273 = 823 days left, ⌈823 / 91⌉ = ⌈9.04⌉ = 10
    # quarters; (2 − 6) / 10 = −0.4 days a quarter still needed.
    k = kpi("handling_days")
    assert (k["baseline"], k["target"], k["direction"]) == (7.0, 2.0, "decrease")
    series = [{"date": "2026-04-01", "value": 6.5}, {"date": "2026-10-01", "value": 6.0}]
    p = scoring.kpi_progress(k, series, today="2026-10-01")
    assert p["change"] == pytest.approx(-1.0, abs=1e-12)
    assert p["progress"] == pytest.approx(0.2, abs=1e-12)
    assert p["expected"] == pytest.approx(273 / 1096, abs=1e-12)
    assert (p["on_track"], p["status"], p["remaining_periods"], p["phase_now"]) == (False, "behind", 10, "roll_out")
    assert p["needed_per_period"] == pytest.approx(-0.4, abs=1e-12)
    # Reaching 2 days is met (nothing more needed); a series without values has no data; past the
    # deadline unmet is missed.
    met = scoring.kpi_progress(k, series + [{"date": "2027-01-01", "value": 2.0}], today="2027-01-01")
    assert (met["status"], met["needed_per_period"]) == ("met", None)
    assert scoring.kpi_progress(k, [{"date": "2026-04-01", "value": None}], today="2026-04-01")["status"] == "no_data"
    late = scoring.kpi_progress(k, series, today="2029-01-01")
    assert (late["status"], late["remaining_periods"]) == ("missed", 0)


def test_evaluate_kpis_over_two_quarters() -> None:
    # The workforce community of above, Q1 and Q2 2026. Residents per worker 600 ≤ 800 → met; the
    # qualified share 0.5 ≥ 0.12 → met; training: Q1 20.28 h a year, Q2 none (0 h): not met, and
    # no baseline to judge the pace by → below target (on_track not judged); no needs → the
    # match rate has no data.
    c = huzhu.Community.from_tables(residents(1200, (1, 2)), workers=WORKERS)
    ev = huzhu.Evidence.from_tables(training=[{"worker": 1, "date": "2026-01-02", "minutes": 600}])
    cards = [card_of(c, ev, "2026-01-01", "2026-04-01"), card_of(c, ev, "2026-04-01", "2026-07-01")]
    t = scoring.evaluate_kpis(scoring.default_kpis("2026-01-01"), cards, today="2026-07-01")
    assert t.column_names == ["code", "name_en", "name_zh", "measure", "direction", "baseline", "baseline_date", "target", "deadline",
                              "phase", "latest", "latest_date", "change", "progress", "expected", "on_track", "status",
                              "remaining_periods", "needed_per_period", "phase_now"]
    rows = {r["code"]: r for r in t.to_pylist()}
    assert len(rows) == 19
    assert (rows["residents_per_worker"]["latest"], rows["residents_per_worker"]["status"]) == (600.0, "met")
    assert (rows["qualified_share"]["latest"], rows["qualified_share"]["status"]) == (0.5, "met")
    tr = rows["training_hours"]
    assert (tr["latest"], tr["latest_date"], tr["status"], tr["progress"], tr["on_track"]) == (0.0, D(2026, 7, 1), "below_target", None, None)
    # Q2 is 91 days (30 + 31 + 30): 1,096 − 181 = 915 days left → 11 periods; 40 / 11 h a period.
    assert (tr["remaining_periods"], tr["needed_per_period"]) == (11, pytest.approx(40 / 11, abs=1e-12))
    assert (rows["match_rate"]["status"], rows["match_rate"]["latest"]) == ("no_data", None)
    assert rows["match_rate"]["name_zh"] == "供需匹配率" and rows["match_rate"]["phase"] == "consolidation"
    # KPIs as JSON text read the same.
    import json

    assert scoring.evaluate_kpis(json.dumps(scoring.default_kpis("2026-01-01")), cards, today="2026-07-01").to_pylist() == t.to_pylist()


# --- results by level -------------------------------------------------------------------------


NODES = [
    {"id": "city", "name": "City", "level": "city"},
    {"id": "s", "name": "Street", "level": "street", "parent": "city"},
    {"id": "a", "name": "A", "level": "community", "parent": "s"},
    {"id": "b", "name": "B", "level": "community", "parent": "s"},
]


def tally(of: int, n: int, samples: list[int], residents: int) -> dict:
    return {"residents": residents, "counts": {"match_rate": {"of": of, "n": n}}, "samples": {"response_minutes": samples}}


def test_rollup_by_hand() -> None:
    # Community a matched 9 of 10 needs, b 1 of 10: the street 10 of 20 = 0.5 (not the mean of
    # 0.9 and 0.1 weighted by residents, 0.9 × 100/150 + 0.1 × 50/150 = 0.633). a made 9 of the
    # street's 10 matches (of_part 0.9) from 10 of its 20 needs (n_part 0.5). Response minutes
    # [10, 20, 30] + [40, 50]: nearest rank over the 5 merged values, p50 rank ⌈2.5⌉ = 3 → 30,
    # p90 rank ⌈4.5⌉ = 5 → 50; a alone p50 rank ⌈1.5⌉ = 2 → 20, p90 ⌈2.7⌉ = 3 → 30; b alone
    # p50 rank 1 → 40, p90 rank ⌈1.8⌉ = 2 → 50. The city has only the street: the same.
    r = scoring.rollup(NODES, {"a": tally(9, 10, [30, 10, 20], 100), "b": tally(1, 10, [50, 40], 50)})
    rows = [(x["node"], x["level"], x["parent"], x["depth"], x["rate"], x["count"], x["of_total"], x["share"], x["residents"], x["response_p50"], x["response_p90"])
            for x in r.table.to_pylist()]
    assert rows == [
        ("city", "city", None, 0, "match_rate", 10, 20, 0.5, 150, 30, 50),
        ("s", "street", "city", 1, "match_rate", 10, 20, 0.5, 150, 30, 50),
        ("a", "community", "s", 2, "match_rate", 9, 10, 0.9, 100, 20, 30),
        ("b", "community", "s", 2, "match_rate", 1, 10, 0.1, 50, 40, 50),
    ]
    parts = {(x["node"], x["child"]): x for x in r.contributions.to_pylist()}
    a = parts[("s", "a")]
    assert (a["count"], a["total"], a["share"], a["of_part"], a["n_part"]) == (9, 10, 0.9, 0.9, 0.5)
    assert parts[("s", "b")]["of_part"] == pytest.approx(0.1) and parts[("city", "s")]["of_part"] == 1.0
    assert [x["node"] for x in r.nodes.to_pylist()] == ["city", "s", "a", "b"]
    assert len(r) == 4 and repr(r) == "<huzhu.Rollup: 4 nodes, 1 root>" and "Street" in r._repr_html_()
    assert r.to_dict()[0]["rates"][0]["count"] == {"of": 10, "n": 20}
    # Nodes as a table read the same (a root's parent empty).
    import pandas as pd

    same = scoring.rollup(pd.DataFrame(NODES), {"a": tally(9, 10, [30, 10, 20], 100), "b": tally(1, 10, [50, 40], 50)})
    assert same.table.to_pylist() == r.table.to_pylist()


def test_rollup_of_grid_tallies_equals_the_scorecards_own_counts(plan: huzhu.Plan) -> None:
    # The grid tallies of a scorecard add up to its own counts at the community (for what is
    # counted by grid), and a Scorecard passed as a tally is its tally().
    ev = scoring.simulate(plan, seed=5)
    card = scoring.scorecard(plan, ev)
    grids = card.grid_tallies()
    assert grids and all(isinstance(g, int) for g in grids)
    nodes = [{"id": "c", "name": "C", "level": "community"}] + [{"id": str(g), "name": f"grid {g}", "level": "grid", "parent": "c"} for g in grids]
    top = {x["rate"]: x for x in scoring.rollup(nodes, grids).table.to_pylist() if x["node"] == "c"}
    own = card.tally()
    for code in ["match_rate", "response_compliance"]:
        assert (top[code]["count"], top[code]["of_total"]) == (own["counts"][code]["of"], own["counts"][code]["n"])
    assert top["match_rate"]["residents"] == own["residents"]
    whole = scoring.rollup([{"id": "c", "name": "C", "level": "community"}], {"c": card}).table.to_pylist()
    assert {x["rate"]: x["count"] for x in whole}["match_rate"] == own["counts"]["match_rate"]["of"]


# --- staffing advice ------------------------------------------------------------------------


NOW = "2026-11-23T08:00:00"  # a Monday


def legal_community() -> huzhu.Community:
    # Two residents in grid 12 each need legal aid (skill `legal`) on Tuesday 24 November, 09:00
    # to 11:00, for an hour; the only volunteer has no `legal` skill.
    people = [{"id": i, "birth_date": "1950-01-01", "lat": 31.2, "lon": 121.5 + 0.001 * i, "grid": 12} for i in (1, 2)]
    needs = [{"id": i, "resident": i, "category": "legal.aid", "created_at": "2026-11-23T07:00:00", "window_start": "2026-11-24T09:00:00",
              "window_end": "2026-11-24T11:00:00", "duration_minutes": 60, "required_skills": "legal"} for i in (1, 2)]
    volunteers = [{"id": 1, "lat": 31.2, "lon": 121.5, "skills": "cooking", "availability": "Tue 08:00-12:00"}]
    return huzhu.Community.from_tables(people, needs=needs, volunteers=volunteers, name="Legal lane")


def test_staffing_advice_recruit_one_legal_volunteer_for_tuesday_mornings() -> None:
    # Both needs go unmet. Their group: skill `legal`, grid 12, first window Tuesday 09:00
    # (morning). 2 × 60 = 120 minutes ≤ 240 a recruit gives → ⌈120 / 240⌉ = 1 recruit, who can
    # take both: +2 needs met.
    c = legal_community()
    plan = c.match(now=NOW)
    assert len(plan) == 0
    advice = plan.staffing_advice()
    t = advice.table.to_pylist()
    assert len(advice) == 1 and len(t) == 1
    row = t[0]
    assert (row["skills"], row["grid"], row["weekday"], row["day_part"], row["recruits"], row["needs_met"], row["group_needs"]) == (
        ["legal"], 12, "Tue", "morning", 1, 2, [1, 2])
    assert row["predicted_needs"] == 2 and row["objective_gain"] > 0
    assert row["text_en"] == "recruit 1 volunteer with `legal` in grid 12 for Tue mornings: +2 needs met"
    assert row["text_zh"] == "在网格12招募1名具备`legal`技能的志愿者（周二上午）：可多满足2项需求"
    # The advised volunteer, added through the public API, and a re-match: exactly 2 more needs.
    recruits = advice.volunteers(0)
    assert recruits.to_pylist()[0]["skills"] == ["legal"] and recruits.to_pylist()[0]["id"] == 2
    after = c.with_tables(volunteers=recruits).match(now=NOW)
    assert len(after) - len(plan) == 2
    assert advice.to_dict()[0]["needs_met"] == 2 and "legal" in repr(advice) and "招募" in advice._repr_html_()


def test_every_piece_of_advice_on_the_synthetic_district_is_what_adding_its_recruits_gives() -> None:
    # Few volunteers, every need of the week recorded at its start: needs go unmet.
    d = huzhu.synth.generate(residents=1500, seed=19, volunteer_permille=5, recorded_in_advance=True)
    c = d.community
    plan = c.match(now=d.week_start)
    advice = plan.staffing_advice(max_groups=4)
    rows = advice.table.to_pylist()
    assert 0 < len(rows) <= 4 and any(r["needs_met"] > 0 for r in rows)
    for i, row in enumerate(rows):
        after = c.with_tables(volunteers=advice.volunteers(i)).match(now=plan.now)
        assert len(after) - len(plan) == row["needs_met"], row["text_en"]


def test_staffing_advice_needs_the_exact_matcher() -> None:
    plan = legal_community().match(now=NOW, hours=True)
    with pytest.raises(huzhu.MatchError):
        plan.staffing_advice()


# --- the report ---------------------------------------------------------------------------------


def test_report_is_one_self_contained_file(tmp_path: Path) -> None:
    c = huzhu.Community.from_tables(residents(1200, (1, 2)), workers=WORKERS, name="<b>东湖 & Co</b>")
    ev = huzhu.Evidence.from_tables(training=[{"worker": 1, "date": "2026-01-02", "minutes": 600}])
    q1, q2 = card_of(c, ev, "2026-01-01", "2026-04-01"), card_of(c, ev, "2026-04-01", "2026-07-01")
    advice = legal_community().match(now=NOW).staffing_advice()
    levels = scoring.rollup(NODES, {"a": tally(9, 10, [10], 100), "b": tally(1, 10, [20], 50)})
    path = q2.report(tmp_path / "report.html", history=[q1], advice=advice, levels=levels, generated="2026-07-01",
                     title_zh="中期评估", title_en="Mid-term evaluation")
    assert isinstance(path, Path) and path == tmp_path / "report.html" and path.exists()
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls
    assert "<script" not in html.lower() and "<link" not in html.lower()
    for section in ["kpis", "levels", "map", "alerts", "advice", "staffing"]:
        assert f'id="{section}"' in html, section
    for k in scoring.default_kpis("2026-01-01"):
        assert k["name_zh"] in html and k["name_en"].replace("&", "&amp;") in html
    assert "&lt;b&gt;东湖 &amp; Co&lt;/b&gt;" in html and "<b>东湖" not in html
    assert "中期评估" in html and "2026 Q1" in html and "2026 Q2" in html
    assert "招募" in html and "Street" in html
    # The same document as a string.
    same = scoring.evaluation_html([q1, q2], advice=advice, levels=levels, generated=D(2026, 7, 1), title_zh="中期评估", title_en="Mid-term evaluation")
    assert same == html
    # Any iterable of scorecards (one pass): the community for the map is the last card's.
    assert scoring.evaluation_html(iter([q1, q2]), advice=advice, levels=levels, generated="2026-07-01", title_zh="中期评估",
                                   title_en="Mid-term evaluation") == html


def test_report_defaults(tmp_path: Path, plan: huzhu.Plan) -> None:
    card = scoring.scorecard(plan, scoring.simulate(plan, seed=2))
    html = card.report(str(tmp_path / "r.html")).read_text(encoding="utf-8")
    # Default KPIs from the period's start, the community scored on the map, today's date.
    assert "供需匹配率" in html and 'id="map"' in html and dt.date.today().isoformat() in html
    with pytest.raises(OSError):
        card.report(tmp_path / "no such folder" / "r.html")
