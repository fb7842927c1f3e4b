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
    assert set(a.to_pandas()["verdict"]) <= {"ok", "correct", "retire", "insufficient_data"}
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
