"""The phone baseline beside huzhu's matcher, through Python: the hand-worked cases of
core/tests/dispatch.rs, the district's figures equal whichever way they are asked for, and bad
settings named."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import huzhu

MONDAY = dt.date(2026, 11, 23)
NORTH_PER_M = 1 / 111_195.0  # degrees of latitude per metre


def at(day: int, h: int, m: int = 0) -> str:
    return (dt.datetime.combine(MONDAY, dt.time(h, m)) + dt.timedelta(days=day)).isoformat()


def community(volunteers: list[dict], needs: list[dict]) -> huzhu.Community:
    return huzhu.Community.from_tables(
        residents=[{"id": 1, "birth_date": "1950-01-01", "lat": 31.23, "lon": 121.47, "grid": 1}],
        volunteers=[
            {
                "id": v["id"],
                "lat": 31.23 + v["metres"] * NORTH_PER_M,
                "lon": 121.47,
                "skills": v.get("skills", ""),
                "availability": "Mon-Sun 08:00-20:00",
                "minutes_per_week": 60 * v["tasks"],
            }
            for v in volunteers
        ],
        needs=[
            {
                "id": n["id"],
                "resident": 1,
                "category": "elder.meals",
                "created_at": n["created"],
                "window_start": n["from"],
                "window_end": n["to"],
                "duration_minutes": 60,
                "required_skills": n.get("skills", ""),
                "urgency": n.get("urgency", "general"),
            }
            for n in needs
        ],
    )


def test_first_come_first_served_loses_what_the_matcher_keeps() -> None:
    # Two volunteers of one task each; the second caller needs the nearer one's skill.
    c = community(
        [{"id": 1, "metres": 100, "tasks": 1, "skills": "nursing"}, {"id": 2, "metres": 600, "tasks": 1}],
        [
            {"id": 1, "created": at(0, 7), "from": at(0, 9), "to": at(0, 12)},
            {"id": 2, "created": at(0, 7, 30), "from": at(0, 9), "to": at(0, 12), "skills": "nursing"},
        ],
    )
    cmp = huzhu.compare_dispatchers(c, start=MONDAY, days=1)
    p, m = cmp.phone.summary, cmp.matcher.summary
    assert (p["served"], p["match_rate"]) == (1, 0.5)
    assert (m["served"], m["match_rate"]) == (2, 1.0)
    assert (p["travel_m"], m["travel_m"], m["mean_travel_m"]) == (100, 700, 350.0)
    # loads [1, 0]: Gini 0.5; [1, 1]: 0
    assert (p["volunteer_load_gini"], m["volunteer_load_gini"]) == (0.5, 0.0)
    o = cmp.phone.outcomes.to_pandas().set_index("need")
    assert o.loc[1, "helper"] == "volunteer#1"
    assert o.loc[2, "fate"] == "expired"
    assert o.loc[2, "expired_at"] == dt.datetime(2026, 11, 23, 12)
    assert o.loc[2, "why"] == "unserved: none of 1 candidates free; volunteer#1 held by need#1"
    side = cmp.summary.to_pandas().set_index("figure")
    assert (side.loc["match_rate", "phone"], side.loc["match_rate", "matcher"]) == (0.5, 1.0)


def test_the_phone_books_late_because_it_does_not_book_ahead() -> None:
    c = community(
        [{"id": 1, "metres": 100, "tasks": 3}],
        [{"id": 1, "created": at(0, 8), "from": at(2, 9), "to": at(2, 12)}],
    )
    cmp = huzhu.compare_dispatchers(c, times={"start": "2026-11-23"})
    m = cmp.matcher.outcomes.to_pandas().iloc[0]
    p = cmp.phone.outcomes.to_pandas().iloc[0]
    assert m["deadline"] == dt.datetime(2026, 11, 24, 8)
    assert (m["booked_at"], bool(m["on_time"])) == (dt.datetime(2026, 11, 23, 8), True)
    assert (p["booked_at"], bool(p["on_time"])) == (dt.datetime(2026, 11, 25, 8), False)
    assert cmp.phone.summary["median_response_minutes"] == 2880
    runs = cmp.phone.runs.to_pandas()
    assert len(runs) == 49
    assert list(runs.loc[14, "booked"]) == [1] and runs.loc[13, "waiting"] == 1


def test_expired_and_no_candidate_are_told_apart() -> None:
    c = community(
        [{"id": 1, "metres": 100, "tasks": 3}],
        [
            {"id": 1, "created": at(0, 8, 30), "from": at(0, 8, 45), "to": at(0, 9, 45)},
            {"id": 2, "created": at(0, 8, 30), "from": at(0, 14), "to": at(0, 16), "skills": "legal", "urgency": "emergency"},
        ],
    )
    for d in ("phone", "matcher"):
        r = huzhu.replay_dispatch(c, d, start=MONDAY, days=1)
        assert r.dispatcher == d
        o = r.outcomes.to_pandas().set_index("need")
        assert o.loc[1, "fate"] == "expired" and pd.isna(o.loc[1, "why"])
        assert o.loc[2, "fate"] == "no_candidate" and o.loc[2, "why"].startswith("no candidate: ")
        s = r.summary
        assert (s["expired"], s["no_candidate"], s["emergency_served"], s["emergency_needs"]) == (1, 1, 0, 1)


def test_an_empty_community_has_no_data_not_a_score() -> None:
    c = community([], [])
    cmp = huzhu.compare_dispatchers(c, start=MONDAY, days=1)
    for s in (cmp.phone.summary, cmp.matcher.summary):
        assert s["needs"] == 0
        for k in ("match_rate", "on_time_rate", "special_rate", "emergency_rate", "mean_travel_m",
                  "median_response_minutes", "volunteer_load_gini"):
            assert s[k] is None, k
    assert cmp.summary.to_pandas().set_index("figure").loc["match_rate"].isna().all()


def test_district_figures_agree_whichever_way_asked(district: huzhu.District) -> None:
    cmp = huzhu.compare_dispatchers(district.community, start=MONDAY)
    alone = huzhu.replay_dispatch(district.community, "phone", start=MONDAY)
    assert alone.summary == cmp.phone.summary
    s = cmp.matcher.summary
    assert s["served"] + s["expired"] + s["no_candidate"] + s["waiting"] == s["needs"] > 0
    o = cmp.matcher.outcomes.to_pandas()
    assert (o["fate"] == "served").sum() == s["served"]
    assert cmp.to_dict()["phone"]["summary"] == cmp.phone.summary


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"every_minutes": 0}, "every_minutes"),
        ({"days": 0}, "days"),
        ({"last": "07:00"}, "last"),
        ({"last": "23:59:60"}, "last"),
        ({"every": 60}, "every"),
    ],
)
def test_bad_times_name_the_setting(settings: dict, field: str) -> None:
    c = community([], [])
    with pytest.raises(huzhu.HuzhuError) as e:
        huzhu.compare_dispatchers(c, start=MONDAY, **settings)
    assert (e.value.record, e.value.field) == ("dispatch times", field)


def test_bad_arguments_are_type_errors() -> None:
    c = community([], [])
    with pytest.raises(TypeError, match="dispatcher"):
        huzhu.replay_dispatch(c, "fax", start=MONDAY)
    with pytest.raises(huzhu.HuzhuError) as e:
        huzhu.compare_dispatchers(c)  # no start
    assert (e.value.record, e.value.field) == ("dispatch times", "start")
