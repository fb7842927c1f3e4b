from __future__ import annotations

import datetime as dt

import pytest

import huzhu


def test_plan_basics(plan: huzhu.Plan, community: huzhu.Community) -> None:
    assert plan.optimal
    assert plan.verify()
    a = plan.assignments.to_pandas()
    u = plan.unmatched.to_pandas()
    assert len(a) == len(plan) > 0
    assert len(a) + len(u) <= community.counts["needs"]
    assert set(a["helper_kind"]) <= {"volunteer", "service"}
    assert 0 < plan.match_rate <= 1
    assert isinstance(plan.objective, int)
    assert plan.stats["needs"] >= len(a)
    assert repr(plan).startswith("<huzhu.Plan")
    assert "<table>" in plan._repr_html_()
    assert set(u["reason"]) <= {"no_candidate", "outcompeted", "unserved"}
    assert plan.to_dict()["objective"] == plan.objective


def test_explain(plan: huzhu.Plan) -> None:
    a = plan.assignments.to_pandas()
    need = int(a["need"].iloc[0])
    e = plan.explain(need)
    assert e["kind"] == "matched" and e["helper"]["id"] == int(a["helper_id"].iloc[0])
    assert plan.explain(f"need#{need}") == e  # the label, or (input only) a bare number
    assert plan.explain_text(need).startswith(f"need#{need} → {a['helper'].iloc[0]}: score ")
    u = plan.unmatched.to_pandas()
    if len(u):
        e = plan.explain(int(u["need"].iloc[0]))
        assert e["kind"] == "unmatched" and plan.explain_text(int(u["need"].iloc[0]))
    with pytest.raises(huzhu.MatchError):
        plan.explain(10**9)


def test_why_not(plan: huzhu.Plan) -> None:
    a = plan.assignments.to_pandas()
    need, helper = int(a["need"].iloc[0]), str(a["helper"].iloc[0])
    assert plan.why_not(need, helper)["kind"] == "chosen"
    with pytest.raises(ValueError):
        plan.why_not(need, "nobody#1")


def test_policy_kwargs_and_errors(community: huzhu.Community) -> None:
    p = community.match(travel_per_minute=20, candidate_cap=5)
    assert p.optimal
    with pytest.raises(huzhu.PolicyError, match="unknown field `not_a_setting`") as e:
        community.match(not_a_setting=1)
    assert (e.value.code, e.value.setting, e.value.record) == ("MATCH_INVALID_POLICY", "not_a_setting", "match policy")
    with pytest.raises(huzhu.PolicyError):
        community.match(policy={"travel_per_minute": "fast"})


def test_pinned_and_infeasible(plan: huzhu.Plan, community: huzhu.Community) -> None:
    a = plan.assignments.to_pandas()
    need, helper = int(a["need"].iloc[0]), str(a["helper"].iloc[0])
    p = community.match(pinned={need: helper})
    assert p.assignments.to_pandas().set_index("need").loc[need, "pinned"]
    u = plan.unmatched.to_pandas()
    nc = u[u["reason"] == "no_candidate"]
    if len(nc):
        with pytest.raises(huzhu.InfeasibleError) as e:
            community.match(pinned={int(nc["need"].iloc[0]): helper})
        assert isinstance(e.value, huzhu.MatchError)


def test_progress_callback_and_bar(community: huzhu.Community) -> None:
    seen: list[tuple[str, int, int]] = []
    community.match(progress=lambda phase, done, total: seen.append((phase, done, total)))
    assert {p for p, _, _ in seen} <= {"candidates", "solve"} and seen
    assert community.match(progress=True).optimal


def test_progress_callback_error_propagates(community: huzhu.Community) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        community.match(progress=boom)


def test_keyboard_interrupt_stops(community: huzhu.Community) -> None:
    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        community.match(progress=interrupt)


def test_hours_mode(example: huzhu.Community) -> None:
    p = example.match(hours=True)
    assert p.lower_bound is not None and p.lower_bound <= p.objective
    for n in p.assignments.to_pandas()["need"]:
        assert p.explain(int(n))["kind"] == "matched"


def test_context_arguments(community: huzhu.Community, plan: huzhu.Plan) -> None:
    a = plan.assignments.to_pandas()
    helper = str(a["helper"].iloc[0])
    p = community.match(unavailable=[helper], committed={helper: 1}, reliability={helper: 900}, history=[(int(a["resident"].iloc[0]), helper)])
    assert helper not in set(p.assignments.to_pandas()["helper"])


def test_same_seed_same_district() -> None:
    a = huzhu.synth.generate(residents=300, seed=5).community
    b = huzhu.synth.generate(residents=300, seed=5).community
    assert a == b
    d = huzhu.synth.generate(residents=300, seed=5)
    assert d.summary["residents"] == 300 and len(d.grids) == d.summary["grids"]
    assert repr(d).startswith("<huzhu.District")


def test_weekly_planning_district_records_every_need_before_the_week() -> None:
    d = huzhu.synth.generate(residents=1000, seed=3, recorded_in_advance=True)
    needs = d.community.needs.to_pandas()
    start = dt.datetime.combine(d.week_start, dt.time())
    # Every need but an emergency (which nobody can record in advance) is recorded before the week.
    planned = needs[needs["urgency"] != "emergency"]
    assert len(planned) > 0 and (planned["created_at"] <= start).all()
    # Matched once at the week's start, every planned need of the week is open.
    plan = d.community.match(now=start)
    assert len(plan.assignments) + len(plan.unmatched) == len(planned)
    rolling = huzhu.synth.generate(residents=1000, seed=3)
    assert (rolling.community.needs.to_pandas()["created_at"] > start).any()
