"""Participation, the residents' voice and organisations through the Python package: activities
and feedback tables, occupations, and the indicators of huzhu.scoring. Expected values are
worked by hand in the comments."""

from __future__ import annotations

import json
import pathlib

import pandas as pd
import pytest

import huzhu
from huzhu import scoring

ROOT = pathlib.Path(__file__).resolve().parents[2]

NOV = {"start": "2026-11-01", "end": "2026-12-01"}


def community() -> huzhu.Community:
    # Ages on 2026-11-01: r1 84, r2 66, r3 76, r4 36. Retired: r1, r2; working: r3, r4.
    residents = pd.DataFrame({
        "id": [1, 2, 3, 4],
        "birth_date": ["1942-03-01", "1960-06-01", "1950-01-01", "1990-01-01"],
        "lat": [31.2, 31.2, 31.21, 31.21], "lon": [121.5] * 4, "grid": [1, 1, 2, 2],
        "household": ["lives_alone", "with_family", "with_family", "with_family"],
        "occupation": ["retired", "retired", "working", "working"],
    })
    providers = pd.DataFrame({
        "id": [1, 2], "name": ["Silver volunteers", "Reading club"],
        "kind": ["volunteer_team", "social_organisation"], "stars": [3, 1],
    })
    activities = pd.DataFrame({
        "id": [1, 2, 3],
        "kind": ["meeting", "interest_group", "cultural"],
        "organiser": [None, 1, None],
        "start": ["2026-11-10T19:00:00", "2026-11-12T14:00:00", "2026-10-01T10:00:00"],
        "end": ["2026-11-10T21:00:00", "2026-11-12T16:00:00", "2026-10-01T12:00:00"],
        "place": ["Community centre", "Courtyard", "Library"],
        "attendees": ["1;2", "1; 3", "4"],  # text lists, as other list cells
    })
    feedback = pd.DataFrame({
        "id": [1, 2, 3],
        "kind": ["complaint", "suggestion", "suggestion"],
        "resident": [1, 2, 3],
        "received": ["2026-11-02T09:00:00", "2026-11-03T09:00:00", "2026-11-06T09:00:00"],
        "answered": ["2026-11-02T15:00:00", "2026-11-05T09:00:00", "2026-11-07T09:00:00"],
        "closed": ["2026-11-04T09:00:00", "2026-11-10T09:00:00", "2026-11-20T09:00:00"],
        "outcome": ["upheld", "adopted", "not_adopted"],
        "text": ["Lift noisy", "Bench in the courtyard", "Later library hours"],
    })
    return huzhu.Community.from_tables(residents, providers=providers, activities=activities, feedback=feedback)


def test_tables_round_trip_through_the_snapshot() -> None:
    c = community()
    assert (c.counts["activities"], c.counts["feedback"]) == (3, 3)
    assert c.residents.to_pandas()["occupation"].tolist() == ["retired", "retired", "working", "working"]
    a = c.activities.to_pylist()
    assert [x["attendees"] for x in a] == [[1, 2], [1, 3], [4]]
    assert a[1]["organiser"] == 1 and a[0]["organiser"] is None
    f = c.feedback.to_pylist()
    assert [x["outcome"] for x in f] == ["upheld", "adopted", "not_adopted"]
    back = huzhu.Community.from_json(c.to_json())
    assert back == c
    snapshot = json.loads(c.to_json())
    assert len(snapshot["activities"]) == 3 and len(snapshot["feedback"]) == 3
    again = huzhu.Community.from_tables(**c.to_tables())
    assert again.to_json() == c.to_json()


def test_bad_rows_get_the_cores_typed_error() -> None:
    c = community()
    bad = pd.DataFrame({"id": [9], "kind": ["picnic"], "start": ["2026-11-10T19:00:00"], "end": ["2026-11-10T21:00:00"]})
    with pytest.raises(huzhu.ValidationError) as info:
        c.with_tables(activities=bad)
    assert (info.value.table, info.value.row, info.value.column) == ("activities", "0", "kind")
    # A complaint cannot be adopted: the core refuses the record, naming its field.
    bad = pd.DataFrame({"id": [9], "kind": ["complaint"], "received": ["2026-11-10T09:00:00"], "outcome": ["adopted"]})
    with pytest.raises(huzhu.ValidationError) as info:
        c.with_tables(feedback=bad)
    assert (info.value.table, info.value.field) == ("feedback", "outcome")
    # An attendee nobody knows.
    bad = pd.DataFrame({"id": [9], "kind": ["meeting"], "start": ["2026-11-10T19:00:00"],
                        "end": ["2026-11-10T21:00:00"], "attendees": [[7]]})
    with pytest.raises(huzhu.ValidationError) as info:
        c.with_tables(activities=bad)
    assert info.value.table == "activities" and info.value.code


def test_engagement_by_group() -> None:
    r = scoring.engagement(community(), **NOV)
    # In November: the meeting (community affairs) had r1, r2; the interest group r1, r3. The
    # October event is outside. Of 4 residents aged 18+: affairs 2/4, activities 2/4.
    assert r["all"]["community_affairs"] == {"residents": 4, "participated": 2, "share": 0.5}
    assert r["all"]["activities"] == {"residents": 4, "participated": 2, "share": 0.5}
    # Retired r1, r2: both at the meeting, r1 at the group. Working r3, r4: r3 at the group.
    retired, working = r["by_occupation"]["retired"], r["by_occupation"]["working"]
    assert (retired["community_affairs"]["participated"], retired["activities"]["participated"]) == (2, 1)
    assert (working["community_affairs"]["participated"], working["activities"]["participated"]) == (0, 1)
    # Age bands: r4 (36) in 35_59, r2 66 and r3 76 in 60_79, r1 84 in 80_plus.
    assert {k: v["community_affairs"]["residents"] for k, v in r["by_age_band"].items()} == {
        "35_59": 1, "60_79": 2, "80_plus": 1}
    # r1 came twice in the period.
    assert r["repeat_participants"] == 1
    # Over 60s only: r1, r2, r3; affairs 2/3.
    older = scoring.engagement(community(), **NOV, participation_min_age=60)
    assert older["all"]["community_affairs"]["residents"] == 3
    # The same as a table, one row per group, for a groupby: all first, then age bands,
    # households, occupations, grids.
    t = scoring.engagement_table(community(), **NOV).to_pandas()
    assert list(t.columns) == ["dimension", "group", "residents", "community_affairs",
                               "community_affairs_share", "activities", "activities_share"]
    first = t.iloc[0]
    assert (first["dimension"], first["group"], first["residents"], first["community_affairs"], first["activities_share"]) == ("all", "all", 4, 2, 0.5)
    occ = t[t["dimension"] == "occupation"].set_index("group")
    assert (occ.loc["retired", "community_affairs"], occ.loc["working", "activities"]) == (2, 1)
    assert list(t["dimension"].unique()) == ["all", "age_band", "household", "occupation", "grid"]


def test_identity_index_on_a_few_responses() -> None:
    items = scoring.default_identity_items()
    assert items and all({"code", "en", "zh"} <= set(i) for i in items)

    def answers(level: int) -> dict[str, int]:
        # A reverse-keyed item is answered 6 - level, so every item scores `level`.
        return {i["code"]: 6 - level if i.get("reverse") else level for i in items}

    responses = [
        {"respondent": 1, "date": "2026-11-20", "answers": answers(4), "neighbours_known": 6},
        {"respondent": 2, "date": "2026-11-21", "answers": answers(5), "neighbours_known": 1},
    ]
    r = scoring.identity_index(responses, **NOV, community=community(), neighbours_threshold=5)
    # Scores (level - 1) / 4 * 100: 75 and 100, mean 87.5.
    assert r["respondents"] == 2
    assert r["index"] == pytest.approx(87.5)
    # Each respondent answers every item alike, so the items move together: alpha 1.
    assert r["alpha"] == pytest.approx(1.0)
    # Knowing 5 or more neighbours: r1 (6) yes, r2 (1) no: 1 of 2.
    assert (r["neighbours_answered"], r["neighbours_known"], r["neighbours_known_share"]) == (2, 1, 0.5)
    bad = [dict(responses[0], respondent=99)]
    with pytest.raises(huzhu.ScoringError) as info:
        scoring.identity_index(bad, **NOV, community=community())
    assert info.value.code and info.value.record == "identity response[0]"


def test_voice_counts() -> None:
    r = scoring.voice(community(), **NOV, now="2026-11-30T09:00:00")
    # One complaint, two suggestions; both suggestions decided, one adopted.
    assert (r["complaints"], r["suggestions"]) == (1, 2)
    assert (r["suggestions_decided"], r["suggestions_adopted"], r["adopted_share"]) == (2, 1, 0.5)
    # All three closed; none is a repeat (one complaint only).
    assert r["closed"] == 3 and r["repeat_complaints"] == 0
    assert r["overdue"] == []


def test_organisations_dormancy() -> None:
    r = scoring.organisations(community(), **NOV)
    rows = {row["provider"]: row for row in r["rows"]}
    # Provider 1 ran the interest group on 11-12 (attended by r1, r3): active, 3A = priority.
    assert (rows[1]["activities"], rows[1]["members"], rows[1]["dormant"], rows[1]["priority"]) == (1, 2, False, True)
    # Provider 2 ran nothing in the 90 days to 12-01: dormant; 1A is no priority.
    assert (rows[2]["activities"], rows[2]["dormant"], rows[2]["priority"]) == (0, True, False)
    assert r["dormant"] == 1 and r["volunteer_teams_dormant"] == 0


def test_corrective_actions_without_alerts_is_empty() -> None:
    c = community()
    assert scoring.corrective_actions(c, huzhu.Evidence.from_tables()) == []


def test_identity_answers_reach_the_scorecard_as_evidence() -> None:
    # Two residents answer the default items: r1 agrees (4) with all but "leave" (2, scored 6 - 2
    # = 4) -> (4 - 1) / 4 x 100 = 75; r2 answers 5 throughout and 1 to "leave" (scored 5) ->
    # 100. Index (75 + 100) / 2 = 87.5. r1 knows 2 neighbours, r2 knows 8: 1 of 2 know 3 or more.
    community = huzhu.Community.from_json(open(ROOT / "core/examples/community.json").read())
    rows = pd.DataFrame({
        "respondent": [1, 2], "date": ["2026-11-24", "2026-11-25"], "neighbours_known": [2, 8],
        "belong": [4, 5], "proud": [4, 5], "trust": [4, 5], "help": [4, 5], "care": [4, 5], "leave": [2, 1],
    })
    evidence = huzhu.Evidence.from_tables(identity=rows)
    plan = community.match(now="2026-11-23T10:00:00")
    card = huzhu.scoring.scorecard(plan, evidence, start="2026-11-23", end="2026-11-30", now="2026-11-30T00:00:00")
    identity = card.to_dict()["identity"]
    assert (identity["respondents"], identity["index"], identity["neighbours_known_share"]) == (2, 87.5, 0.5)
    # The same through a dict in the core's shape, and a bad answer named by the core.
    same = huzhu.Evidence.from_dict({"identity": [
        {"respondent": 1, "date": "2026-11-24", "answers": {"belong": 4, "proud": 4, "trust": 4, "help": 4, "care": 4, "leave": 2}}]})
    assert huzhu.scoring.scorecard(plan, same, start="2026-11-23", end="2026-11-30", now="2026-11-30T00:00:00").to_dict()["identity"]["index"] == 75.0
    bad = huzhu.Evidence.from_tables(identity=rows.assign(trust=[4, 6]))
    with pytest.raises(huzhu.ScoringError) as e:
        huzhu.scoring.scorecard(plan, bad, start="2026-11-23", end="2026-11-30", now="2026-11-30T00:00:00")
    assert (e.value.record, e.value.field) == ("identity response[1]", "answers.trust")


def test_a_three_a_organisation_is_preferred_among_equal_services() -> None:
    # Two identical cleaning services at the resident's door, open all day: service#1 of a
    # 5-star company (companies are not graded: no priority), service#2 of a 3A social
    # organisation, which costs the default priority_discount of 30 less and gets the need.
    slot = [{"weekday": d, "opens": "08:00:00", "closes": "20:00:00"} for d in ("Mon", "Tue", "Wed", "Thu", "Fri")]
    home = {"lat": 31.23, "lon": 121.47}
    service = lambda i, p: {"id": i, "provider": p, "name": f"Cleaning {i}", "categories": ["elder.cleaning"],
                            "location": home, "radius_m": 500, "schedule": slot, "capacity_per_week": 10,
                            "fee": {"tier": "free"}, "mode": "door_to_door"}
    snapshot = {"format": "huzhu.community", "version": 1, "name": "Priority lane",
                "providers": [{"id": 1, "name": "Company", "kind": "company", "stars": 5},
                              {"id": 2, "name": "Agency", "kind": "social_organisation", "stars": 3}],
                "residents": [{"id": 1, "birth_date": "1951-01-01", "household": "with_family", "self_care": "full",
                               "home": home, "grid": 1}],
                "services": [service(1, 1), service(2, 2)],
                "needs": [{"id": 1, "resident": 1, "category": "elder.cleaning", "urgency": "general",
                           "created_at": "2026-11-23T08:00:00",
                           "windows": [{"start": "2026-11-24T10:00:00", "end": "2026-11-24T12:00:00"}],
                           "duration_minutes": 60, "place": {"kind": "home"}}]}
    c = huzhu.Community.from_json(json.dumps(snapshot))
    row = c.match(now="2026-11-23T08:00:00").assignments.to_pylist()[0]
    assert (row["helper"], row["cost_priority"]) == ("service#2", 30)
    # Without the preference the two are equal and the tie goes to the lower id.
    row = c.match(now="2026-11-23T08:00:00", priority_discount=0).assignments.to_pylist()[0]
    assert (row["helper"], row["cost_priority"]) == ("service#1", 0)
