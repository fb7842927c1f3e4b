from __future__ import annotations

import datetime as dt

import pytest

import huzhu
from huzhu import scoring


@pytest.fixture(scope="module")
def evidence(plan: huzhu.Plan) -> huzhu.Evidence:
    return scoring.simulate(plan, seed=3)


def test_scorecard(plan: huzhu.Plan, evidence: huzhu.Evidence, district: huzhu.District) -> None:
    ledger, summary = huzhu.synth.time_bank_week(plan, week_start=district.week_start, starting_grant=60)
    assert summary["earned"] > 0 and ledger.total_balance == 0
    card = scoring.scorecard(plan, evidence, community_workers=3, social_workers=3, ledger=ledger)
    assert card.score is not None and 0 <= card.score <= 100
    for name in ["satisfaction", "alerts", "response", "coverage", "staffing", "visits", "index"]:
        t = getattr(card, name)
        assert isinstance(t, huzhu.Table)
        t.to_pandas()
    assert "index" in str(card).lower() or "指数" in str(card)
    assert "<table>" in card._repr_html_() and repr(card).startswith("<huzhu.Scorecard")
    assert card.to_dict()["index"]["score"] == card.score
    card2 = scoring.scorecard(plan, evidence)
    assert card2.score is not None


def test_indicator_functions(plan: huzhu.Plan, evidence: huzhu.Evidence, community: huzhu.Community) -> None:
    s = scoring.satisfaction(community, evidence).to_pandas()
    assert {"scope", "dimension", "mean", "share_satisfied"} <= set(s.columns)
    assert s["mean"].between(1, 5).all()
    a = scoring.quality_alerts(community, evidence)
    assert set(a.to_pandas()["verdict"]) <= {"ok", "correct", "retire", "below_few_answers", "insufficient_data"}
    r = scoring.response_times(plan, evidence).to_pandas()
    assert len(r) == community.counts["needs"]
    c = scoring.coverage(community, threshold_minutes=15).to_pandas()
    assert c["share"].dropna().between(0, 1).all()
    st = scoring.staffing(community, community_workers=2, social_workers=1).to_pandas()
    assert list(st["role"]) == ["community_workers", "social_workers", "volunteers"]
    v = scoring.visits(community, evidence, now=plan.now).to_pandas()
    assert set(v["status"]) <= {"due", "overdue"}
    score, table = scoring.composite_index({"satisfaction": 0.8, "match_rate": 0.6})
    assert score is not None and 0 <= score <= 100 and len(table) >= 2


def test_evidence_round_trip(evidence: huzhu.Evidence) -> None:
    back = huzhu.Evidence.from_tables(
        records=evidence.records.to_pandas(),
        surveys=evidence.surveys.to_pandas(),
        care_records=evidence.care_records.to_pandas(),
        visits=evidence.visits.to_pandas(),
    )
    for name in ["records", "surveys", "care_records", "visits"]:
        assert getattr(back, name).to_pylist() == getattr(evidence, name).to_pylist()
    assert repr(back).startswith("<huzhu.Evidence")


def test_scoring_errors(plan: huzhu.Plan, community: huzhu.Community) -> None:
    with pytest.raises(huzhu.ScoringError):
        scoring.scorecard(plan, start=dt.date(2026, 12, 1), end=dt.date(2026, 11, 1))
    with pytest.raises(huzhu.PolicyError):
        scoring.satisfaction(community, huzhu.Evidence.from_tables(), not_a_knob=1)
    with pytest.raises(huzhu.ValidationError) as e:
        scoring.composite_index({"happiness": 1.0})
    assert e.value.code == "MODEL_JSON" and "unknown variant `happiness`" in str(e.value)
    with pytest.raises(huzhu.PolicyError) as e:
        scoring.composite_index({"match_rate": 1.0}, {"match_rate": -1.0})
    assert e.value.setting is not None and e.value.setting.startswith("index_weights")
    with pytest.raises(huzhu.ValidationError) as e:
        huzhu.Evidence.from_tables(records=[{"id": 1, "need": 1, "helper": "volunteer#1", "started": "2026-11-24T09:00", "finished": "yesterday"}])
    assert e.value.table == "records" and e.value.column == "finished" and e.value.code == "INVALID_DATE"


def test_error_hierarchy() -> None:
    for cls in [huzhu.ValidationError, huzhu.PolicyError, huzhu.LedgerError, huzhu.MatchError, huzhu.ScoringError, huzhu.InternalError]:
        assert issubclass(cls, huzhu.HuzhuError)
    assert issubclass(huzhu.JournalError, huzhu.LedgerError)
    assert issubclass(huzhu.InfeasibleError, huzhu.MatchError)
    assert issubclass(huzhu.HuzhuError, ValueError)


# --- the documents' defaults (issue 17), worked by hand -------------------------------------------


def small_community(groups: str = "") -> huzhu.Community:
    residents = [{"id": 1, "birth_date": "1940-01-01", "lat": 31.2, "lon": 121.5, "grid": 1, "groups": groups}]
    volunteers = [{"id": v, "lat": 31.2, "lon": 121.5} for v in (1, 2, 3)]
    return huzhu.Community.from_tables(residents, volunteers=volunteers)


def surveys(first_id: int, helper: str, start: str, end: str, n: int, answer: int) -> list[dict]:
    dims = ["content", "efficiency", "attitude", "sustainability", "innovation"]
    return [{"id": first_id + i, "respondent": 1, "helper": helper, "period_start": start, "period_end": end, **{d: answer for d in dims}}
            for i in range(n)]


def test_quality_alerts_by_calendar_year_and_on_few_answers() -> None:
    # volunteer#1: 30 answers of 2 (not satisfied: below 4) in Nov 2025 and again in Nov 2026.
    #   Each year pools to 0 of 30 < 60% on enough answers (30) -> a year below. 2025: 1 year below
    #   -> correct; 2026: 2025 and 2026 below, two consecutive years -> retire.
    # volunteer#2: 10 answers of 2 in Nov 2026: 0% < 60% on fewer than 30 -> "below the line, few
    #   answers", with its Wilson interval at z = 1.96: centre = (0 + 1.96²/20) / (1 + 1.96²/10)
    #   = 0.19208 / 1.38416 = 0.13877, half the same -> (0, 0.2775). The year has too few answers
    #   to count as below: 0 years.
    # volunteer#3: 10 answers of 5: 100% on few answers -> insufficient data, interval (0.7225, 1).
    ev = huzhu.Evidence.from_tables(surveys=(
        surveys(1, "volunteer#1", "2025-11-01", "2025-12-01", 30, 2)
        + surveys(101, "volunteer#1", "2026-11-01", "2026-12-01", 30, 2)
        + surveys(201, "volunteer#2", "2026-11-01", "2026-12-01", 10, 2)
        + surveys(301, "volunteer#3", "2026-11-01", "2026-12-01", 10, 5)
    ))
    a = scoring.quality_alerts(small_community(), ev).to_pylist()
    assert "periods_below" not in a[0]
    assert [(r["helper"], r["period_start"], r["n"], r["share_satisfied"], r["years_below"], r["verdict"]) for r in a] == [
        ("volunteer#1", dt.date(2025, 11, 1), 30, 0.0, 1, "correct"),
        ("volunteer#1", dt.date(2026, 11, 1), 30, 0.0, 2, "retire"),
        ("volunteer#2", dt.date(2026, 11, 1), 10, 0.0, 0, "below_few_answers"),
        ("volunteer#3", dt.date(2026, 11, 1), 10, 1.0, 0, "insufficient_data"),
    ]
    assert (a[2]["ci_low"], a[2]["ci_high"]) == (0.0, pytest.approx(0.2775, abs=1e-4))
    assert (a[3]["ci_low"], a[3]["ci_high"]) == (pytest.approx(0.7225, abs=1e-4), 1.0)
    # The former setting name is read too: retire after 3 years -> 2026 is only "correct".
    again = scoring.quality_alerts(small_community(), ev, policy={"alerts": {"retire_after_periods": 3}}).to_pylist()
    assert again[1]["verdict"] == "correct"


def test_coverage_within_the_walk_and_the_service_radius() -> None:
    # One resident at (31.2, 121.5) and a meals service 0.004° north: 0.004° × π/180 × 6,371 km
    # = 444.8 m, rounded 445 m; walked at 80 m/min in 5.6 -> 6 minutes. Within 15 minutes and
    # within 500 m; not within a 400 m radius. The other five essential categories have no site.
    services = [{"id": 1, "provider": 1, "categories": "elder.meals", "lat": 31.204, "lon": 121.5, "capacity_per_week": 40,
                 "schedule": "daily 08:00-20:00"}]
    c = small_community("elderly_living_alone").with_tables(services=services)
    rows = {(r["category"], r["group"]): r for r in scoring.coverage(c).to_pylist()}
    meals = rows[("elder.meals", "all")]
    assert (meals["residents"], meals["covered"], meals["share"], meals["covered_radius"], meals["share_radius"]) == (1, 1, 1.0, 1, 1.0)
    # The group rows are counted by the circle only.
    group = rows[("elder.meals", "elderly_living_alone")]
    assert (group["covered"], group["covered_radius"], group["share_radius"]) == (1, None, None)
    assert rows[("elder.day_care", "all")]["covered_radius"] == 0
    near = {(r["category"], r["group"]): r for r in scoring.coverage(c, radius_m=400).to_pylist()}
    assert (near[("elder.meals", "all")]["covered"], near[("elder.meals", "all")]["covered_radius"]) == (1, 0)
    assert len([k for k in rows if k[1] == "all"]) == 6


def test_scorecard_carries_identification_and_the_new_indicators(plan: huzhu.Plan, evidence: huzhu.Evidence) -> None:
    card = scoring.scorecard(plan, evidence)
    ident = card.identification.to_pylist()
    assert [r["indicator"] for r in ident] == ["identification_accuracy", "personalised_services", "survey_coverage"]
    assert card.to_dict()["identification"]["residents"] == ident[2]["of"]
    codes = set(card.index.to_pandas()["indicator"])
    assert {"volunteer_participation", "identification_accuracy", "personalised_services", "survey_coverage"} <= codes
    assert "participation" not in codes
    # The former code is read on input: one indicator of 0.5 alone makes an index of 50.
    score, table = scoring.composite_index({"participation": 0.5})
    assert score == 50.0
    assert [(r["indicator"], r["value"]) for r in table.to_pylist() if r["value"] is not None] == [("volunteer_participation", 0.5)]
    # The former policy name too: participation_target 0.5 == volunteer_participation_target 0.5.
    old = scoring.scorecard(plan, evidence, participation_target=0.5).to_dict()["index"]
    new = scoring.scorecard(plan, evidence, volunteer_participation_target=0.5).to_dict()["index"]
    assert old == new


def test_comparing_two_periods_says_what_moved_more_than_noise() -> None:
    # Satisfaction of the whole community: October 12 of 40 answers satisfied (answers of 4 count,
    # 2 do not), November 30 of 40. Change +18/40 = +0.45. Newcombe's interval from the two
    # Wilson intervals (z = 1.96), computed from the published formulas: 0.2334 to 0.6110 ->
    # above zero, more than noise. No match data in either month: no change, no interval.
    c = small_community()
    plan = c.match(now="2026-10-01T00:00:00")
    oct_, nov = ("2026-10-01", "2026-11-01"), ("2026-11-01", "2026-12-01")
    def card(period, satisfied):
        ev = huzhu.Evidence.from_tables(surveys=(
            surveys(1, "volunteer#1", *period, satisfied, 4) + surveys(101, "volunteer#2", *period, 40 - satisfied, 2)))
        return scoring.scorecard(plan, ev, start=period[0], end=period[1], now=period[1] + "T00:00:00")
    before, after = card(oct_, 12), card(nov, 30)
    rows = {r["rate"]: r for r in after.compare(before).to_pylist()}
    s = rows["satisfaction"]
    assert (s["before_count"], s["before_total"], s["after_count"], s["after_total"]) == (12, 40, 30, 40)
    assert s["change"] == pytest.approx(0.45)
    assert (s["low"], s["high"]) == (pytest.approx(0.2334, abs=1e-4), pytest.approx(0.6110, abs=1e-4))
    assert s["significant"] is True
    assert (rows["match_rate"]["change"], rows["match_rate"]["significant"]) == (None, False)
    # The same months the other way round: a fall, just as significant.
    back = {r["rate"]: r for r in before.compare(after).to_pylist()}["satisfaction"]
    assert back["change"] == pytest.approx(-0.45) and back["significant"] is True
    with pytest.raises(ValueError):
        after.compare(before, z=0)


@pytest.mark.parametrize(
    ("value", "record", "field"),
    [
        (2.0, "index values", "match_rate"),
        (-0.1, "index values", "match_rate"),
        # Not a number at all: refused where it crosses the boundary, by its path.
        (float("nan"), None, "values.match_rate"),
        (float("inf"), None, "values.match_rate"),
    ],
)
def test_composite_index_refuses_values_it_cannot_mean(value: float, record: str | None, field: str) -> None:
    # Never clamped to 100, never counted as missing.
    with pytest.raises(huzhu.HuzhuError) as e:
        scoring.composite_index({"satisfaction": 0.8, "match_rate": value})
    assert (e.value.record, e.value.field) == (record, field)


def test_an_empty_community_has_no_score() -> None:
    c = huzhu.Community.from_tables(residents=[])
    plan = c.match(now="2026-11-24T08:00:00")
    card = scoring.scorecard(plan, scoring.simulate(plan, seed=1))
    index = card.index.to_pandas()
    assert index["value"].isna().all()
    assert card.to_dict()["index"]["score"] is None
    st = scoring.staffing(c, community_workers=0, social_workers=0).to_pandas()
    assert st["meets"].isna().all() and st["ratio"].isna().all()


@pytest.mark.parametrize("call", ["satisfaction", "quality_alerts", "corrective_actions"])
def test_a_likert_answer_off_the_scale_is_refused_by_every_function(
    call: str, evidence: huzhu.Evidence, community: huzhu.Community
) -> None:
    surveys = evidence.surveys.to_pandas()
    surveys.loc[0, "content"] = 0
    bad = huzhu.Evidence.from_tables(surveys=surveys)
    with pytest.raises(huzhu.ScoringError) as e:
        getattr(scoring, call)(community, bad)
    assert (e.value.record, e.value.field) == (f"survey#{surveys.loc[0, 'id']}", "answers.content")
