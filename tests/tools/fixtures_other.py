"""Deadline, score and snapshot fixtures, worked out by hand (calendar arithmetic and counts)."""
import json
import math
import pathlib

CASES = []


def case(name, kind, description, input, expected):
    CASES.append({"name": name, "description": description, "kind": kind, "input": input,
                  "expected": expected})


def dl(created, urgency):
    return {"deadline": {"created_at": created, "urgency": urgency}}


# Deadlines ----------------------------------------------------------------------------------
case("deadline_weekend_default_calendar", "deadline",
     "Default policy and calendar (Sat/Sun off). Complex need created Fri 2026-11-20 16:30: 3 "
     "working days are Mon 23, Tue 24, Wed 25 -> 2026-11-25 16:30. Emergency: +120 min -> "
     "18:30 the same day. General created Sat 21 23:30: +24 h elapsed, weekends count -> Sun 22 "
     "23:30. Special group created Sun 22 08:00 -> Mon 23 08:00.",
     {"queries": [dl("2026-11-20T16:30:00", "complex"), dl("2026-11-20T16:30:00", "emergency"),
                  dl("2026-11-21T23:30:00", "general"), dl("2026-11-22T08:00:00", "special_group")]},
     {"results": ["2026-11-25T16:30:00", "2026-11-20T18:30:00", "2026-11-22T23:30:00",
                  "2026-11-23T08:00:00"]})

NATIONAL_DAY = {"weekend": ["Sat", "Sun"],
                "holidays": ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
                "make_up_days": ["2026-09-27", "2026-10-10"]}
case("deadline_national_day_holidays", "deadline",
     "National Day 2026: holidays Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 October (Sat 3, Sun 4 are "
     "weekend anyway); make-up working days Sun 27 September and Sat 10 October. A complex need "
     "created Wed 30 Sep 15:00 counts Thu 8 (1), Fri 9 (2), Sat 10 make-up (3) -> 2026-10-10 "
     "15:00. Created Fri 25 Sep 09:00: Sun 27 make-up (1), Mon 28 (2), Tue 29 (3) -> 2026-09-29 "
     "09:00. Working day checks: 10 Oct yes (make-up), 3 Oct no, 8 Oct yes, 5 Oct no. Working "
     "days after 30 Sep up to 9 Oct: 8 and 9 -> 2; after 25 Sep up to 28 Sep: 27 and 28 -> 2.",
     {"calendar": NATIONAL_DAY,
      "queries": [dl("2026-09-30T15:00:00", "complex"), dl("2026-09-25T09:00:00", "complex"),
                  {"is_working_day": "2026-10-10"}, {"is_working_day": "2026-10-03"},
                  {"is_working_day": "2026-10-08"}, {"is_working_day": "2026-10-05"},
                  {"working_days_between": ["2026-09-30", "2026-10-09"]},
                  {"working_days_between": ["2026-09-25", "2026-09-28"]}]},
     {"results": ["2026-10-10T15:00:00", "2026-09-29T09:00:00", True, False, True, False, 2, 2]})

case("deadline_custom_policy_and_no_working_day", "deadline",
     "Custom deadlines: general 1 working day, emergency 30 minutes. General created Fri "
     "2026-11-20 17:00 -> next working day Mon 23 17:00. Emergency created 23:50 -> 00:20 the "
     "next day. With every weekday a weekend there is no working day: adding working days "
     "gives null (the search stops after ten years), and 0 working days returns the same moment.",
     {"calendar": {"weekend": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]},
      "deadlines": {"general": {"working_days": 1}, "emergency": {"minutes": 30}},
      "queries": [{"add_working_days": {"from": "2026-11-20T17:00:00", "days": 1}},
                  dl("2026-11-20T23:50:00", "emergency"),
                  {"add_working_days": {"from": "2026-11-20T17:00:00", "days": 0}}]},
     {"results": [None, "2026-11-21T00:20:00", "2026-11-20T17:00:00"]})

case("deadline_one_working_day_default_weekend", "deadline",
     "Deadline policy general = 1 working day on the default calendar: created Fri 2026-11-20 "
     "17:00 -> Mon 2026-11-23 17:00; created Wed 2026-12-30 09:00 with 1 Jan 2027 a holiday -> "
     "Thu 31 Dec 09:00; created Thu 31 Dec 09:00 -> Fri 1 Jan is a holiday, Sat/Sun weekend -> "
     "Mon 4 Jan 2027 09:00.",
     {"calendar": {"holidays": ["2027-01-01"]}, "deadlines": {"general": {"working_days": 1}},
      "queries": [dl("2026-11-20T17:00:00", "general"), dl("2026-12-30T09:00:00", "general"),
                  dl("2026-12-31T09:00:00", "general")]},
     {"results": ["2026-11-23T17:00:00", "2026-12-31T09:00:00", "2027-01-04T09:00:00"]})

# Scores -------------------------------------------------------------------------------------
P1 = {"start": "2026-09-01", "end": "2026-10-01"}
P2 = {"start": "2026-10-01", "end": "2026-11-01"}
V1, V2 = {"kind": "volunteer", "id": 1}, {"kind": "volunteer", "id": 2}


def survey(i, helper, period, value, respondent=1):
    dims = ["content", "efficiency", "attitude", "sustainability", "innovation"]
    return {"id": i, "respondent": respondent, "helper": helper, "period": period,
            "answers": {d: value for d in dims}}


def small_community(needs=()):
    home = {"lat": 31.2, "lon": 121.5}
    return {"format": "huzhu.community", "version": 1, "name": "Scoring lane",
            "residents": [{"id": 1, "birth_date": "1940-01-01", "household": "lives_alone",
                           "self_care": "full", "home": home, "grid": 1}],
            "volunteers": [{"id": i, "availability": [], "minutes_per_week": 240,
                            "max_travel_m": 1200, "home": home} for i in (1, 2)],
            "needs": list(needs)}


P0 = {"start": "2025-10-01", "end": "2025-11-01"}
PA = {"start": "2026-08-01", "end": "2026-09-01"}
surveys = ([survey(1, V1, P0, 5)] + [survey(i, V1, P0, 1) for i in (2, 3)]
           + [survey(i, V1, PA, 5) for i in (4, 5)]
           + [survey(i, V1, P1, 5) for i in (6, 7)] + [survey(i, V1, P1, 2) for i in (8, 9)]
           + [survey(10, V1, P2, 5)] + [survey(i, V1, P2, 1) for i in (11, 12)]
           + [survey(13, V2, P1, 5), survey(14, V2, P1, 1)]
           + [survey(i, V2, P2, 4) for i in (15, 16, 17)])


def wilson(k, n, z=1.96):
    """The Wilson score interval, from its published formula (Wilson 1927)."""
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return [max(0.0, centre - half), min(1.0, centre + half)]


def alert(helper, period, k, n, years, verdict):
    return {"helper": helper, "period": period, "n": n, "share_satisfied": k / n,
            "interval": wilson(k, n), "years_below": years, "verdict": verdict}


case("score_quality_alerts_every_verdict", "score",
     "Alert policy: at least 3 answers, correct below 60%, retire after 2 consecutive calendar "
     "years below (the documents' annual evaluations: a year's answers pooled). Every answer "
     "rates all five dimensions alike, so the overall score is that rating; 4 or more counts as "
     "satisfied. volunteer#1: October 2025 1 of 3 (0.333333) -> correct, 2025 below: 1 year; "
     "August 2026 2 of 2 -> too few answers, above the line -> insufficient_data, but the year "
     "2026 pooled is (2 + 2 + 1) / (2 + 4 + 3) = 5/9 < 0.6 and 2025 was below: 2 years; "
     "September 2026 2 of 4 (0.5) -> below in a second consecutive year -> retire; October 2026 "
     "1 of 3 -> retire. volunteer#2: September 2026 1 of 2 (0.5) -> too few answers but below "
     "the line -> below_few_answers (2026 pooled 4/5 = 0.8: 0 years); October 3 of 3 -> ok. "
     "Intervals are Wilson's at z = 1.96. Floats are canonical with six decimals.",
     {"community": small_community(), "period": P2, "now": "2026-11-01T00:00:00",
      "surveys": surveys, "policy": {"alerts": {"min_answers": 3}}, "sections": ["alerts"]},
     {"sections": {"alerts": [alert(V1, P0, 1, 3, 1, "correct"),
                              alert(V1, PA, 2, 2, 2, "insufficient_data"),
                              alert(V1, P1, 2, 4, 2, "retire"),
                              alert(V1, P2, 1, 3, 2, "retire"),
                              alert(V2, P1, 1, 2, 0, "below_few_answers"),
                              alert(V2, P2, 3, 3, 0, "ok")]}})

needs = [{"id": i, "resident": 1, "category": "elder.cleaning", "urgency": "general",
          "created_at": "2026-10-05T08:00:00",
          "windows": [{"start": "2026-10-06T09:00:00", "end": "2026-10-06T12:00:00"}],
          "duration_minutes": 60, "place": {"kind": "home"}, "status": "matched"} for i in (1, 2, 3, 4, 5)]


def rec(i, n, helper, outcome, day="2026-10-06"):
    return {"id": i, "need": n, "helper": helper, "started": f"{day}T09:00:00",
            "finished": f"{day}T10:00:00", "outcome": outcome}


case("score_delivery_counts", "score",
     "Service records in October: volunteer#1 done, done, done, no_show (4 records: completion "
     "3/4 = 0.75, no-show 1/4 = 0.25); volunteer#2 one cancelled (completion 0, no-show 0). A "
     "record of volunteer#2 started 2026-11-02 lies outside the period [1 Oct, 1 Nov) and is "
     "not counted.",
     {"community": small_community(needs), "period": P2, "now": "2026-11-01T00:00:00",
      "records": [rec(1, 1, V1, "done"), rec(2, 2, V1, "done"), rec(3, 3, V1, "done"),
                  rec(4, 4, V1, "no_show"), rec(5, 5, V2, "cancelled"),
                  rec(6, 5, V2, "done", day="2026-11-02")],
      "sections": ["delivery"]},
     {"sections": {"delivery": [
         {"helper": V1, "records": 4, "done": 3, "no_show": 1, "cancelled": 0,
          "completion_rate": 0.75, "no_show_rate": 0.25},
         {"helper": V2, "records": 1, "done": 0, "no_show": 0, "cancelled": 1,
          "completion_rate": 0.0, "no_show_rate": 0.0}]}})

def person(id, born, household, occupation, grid):
    return {"id": id, "birth_date": born, "household": household, "self_care": "full",
            "home": {"lat": 31.2, "lon": 121.5}, "grid": grid, "occupation": occupation}


ITEMS = ["belong", "proud", "trust", "help", "care", "leave"]
PART = {"format": "huzhu.community", "version": 1, "name": "Voice lane",
        "residents": [person(1, "1950-01-01", "lives_alone", "retired", 1),
                      person(2, "1990-01-01", "with_family", "working", 1),
                      person(3, "1985-01-01", "with_family", "working", 2)],
        "providers": [{"id": 1, "name": "Silver team", "kind": "volunteer_team", "stars": 4}],
        "activities": [{"id": 1, "kind": "meeting", "start": "2026-11-05T19:00:00",
                        "end": "2026-11-05T21:00:00", "attendees": [1]},
                       {"id": 2, "kind": "volunteer_event", "organiser": 1, "start": "2026-11-12T09:00:00",
                        "end": "2026-11-12T12:00:00", "attendees": [1, 2]}],
        "feedback": [{"id": 1, "kind": "complaint", "resident": 2, "category": "elder.meals",
                      "received": "2026-11-02T09:00:00", "answered": "2026-11-02T12:00:00",
                      "closed": "2026-11-04T09:00:00", "outcome": "upheld"},
                     {"id": 2, "kind": "suggestion", "resident": 1, "received": "2026-11-09T10:00:00",
                      "answered": "2026-11-11T10:00:00", "closed": "2026-11-13T10:00:00",
                      "outcome": "adopted"}]}


def rate(p, n):
    return {"participated": p, "residents": n, "share": p / n if n else None}


def eng(a, b):
    return {"community_affairs": rate(*a), "activities": rate(*b)}


case("score_residents_part", "score",
     "November 2026, judged on 1 Dec. Residents 18+: r1 (76, alone, retired, grid 1) at the "
     "meeting (affairs) and the volunteer event (activity); r2 (36, family, working, grid 1) at "
     "the volunteer event; r3 (41, family, working, grid 2) nowhere. Affairs 1/3, activities "
     "2/3, r1 came twice, r3 never reached; by band 60_79 r1, 35_59 r2 and r3. Identity: r1 "
     "answers 5 5 4 4 5 and 1 to 'leave' (scored 5): mean 28/6 -> (28/6 - 1)/4 x 100 = 91.67; "
     "r2 all 3 -> 50; index 70.83; item variances (n - 1) 2 2 0.5 0.5 2 2 = 9, totals 28 and 18 "
     "-> variance 50, alpha 6/5 x (1 - 9/50) = 0.984; knows >= 3 neighbours: r1 (6) yes, r2 (1) "
     "no -> 1/2. Voice: the complaint answered in 3 h (on time), the suggestion in 48 h (late: "
     "the general 24 h) -> 1/2; answer minutes 180 and 2,880 -> p50 180, p90 2,880; handled in 2 "
     "and 4 days -> 3.0; no repeat; the suggestion adopted -> 1/1. Organisations: the 4A "
     "volunteer team ran the event (members r1, r2), active; no services, so no projects.",
     {"community": PART, "period": P2 | {"start": "2026-11-01", "end": "2026-12-01"},
      "now": "2026-12-01T00:00:00",
      "identity": [{"respondent": 1, "date": "2026-11-05", "neighbours_known": 6,
                    "answers": dict(zip(ITEMS, [5, 5, 4, 4, 5, 1]))},
                   {"respondent": 2, "date": "2026-11-06", "neighbours_known": 1,
                    "answers": dict(zip(ITEMS, [3, 3, 3, 3, 3, 3]))}],
      "sections": ["engagement", "identity", "voice", "organisations"]},
     {"sections": {
         "engagement": {"period": {"start": "2026-11-01", "end": "2026-12-01"}, "min_age": 18,
                        "all": eng((1, 3), (2, 3)),
                        "by_age_band": {"60_79": eng((1, 1), (1, 1)), "35_59": eng((0, 2), (1, 2))},
                        "by_household": {"lives_alone": eng((1, 1), (1, 1)), "with_family": eng((0, 2), (1, 2))},
                        "by_occupation": {"retired": eng((1, 1), (1, 1)), "working": eng((0, 2), (1, 2))},
                        "by_grid": {"1": eng((1, 2), (2, 2)), "2": eng((0, 1), (0, 1))},
                        "repeat_participants": 1, "never_reached": 1},
         "identity": {"respondents": 2, "index": (28 / 6 - 1) / 4 * 100 / 2 + 25.0, "alpha": 1.2 * (1 - 9 / 50),
                      "item_means": {"belong": 4.0, "proud": 4.0, "trust": 3.5, "help": 3.5, "care": 4.0, "leave": 4.0},
                      "neighbours_answered": 2, "neighbours_known": 1, "neighbours_known_share": 0.5,
                      "neighbours_threshold": 3},
         "voice": {"complaints": 1, "suggestions": 1, "decided": 2, "answered_on_time": 1,
                   "answered_on_time_share": 0.5, "p50_answer_minutes": 180, "p90_answer_minutes": 2880,
                   "closed": 2, "mean_handling_days": 3.0, "repeat_complaints": 0,
                   "repeat_complaint_share": 0.0, "suggestions_decided": 1, "suggestions_adopted": 1,
                   "adopted_share": 1.0, "overdue": [], "repeat_window_days": 90},
         "organisations": {"rows": [{"provider": 1, "kind": "volunteer_team", "stars": 4, "priority": True,
                                     "activities": 1, "members": 2, "dormant": False}],
                           "dormant": 0, "dormant_share": 0.0, "volunteer_teams": 1,
                           "volunteer_teams_dormant": 0, "projects": 0, "by_social_and_companies": 0,
                           "social_share": None, "dormant_after_days": 90}}})

case("score_rejects_answer_out_of_range", "score",
     "A survey answer of 6 on a 1-5 scale is refused before anything is computed: the error "
     "names survey#1 and the field answers.attitude.",
     {"community": small_community(), "period": P2, "now": "2026-11-01T00:00:00",
      "surveys": [dict(survey(1, V1, P2, 4), answers={"attitude": 6})], "sections": ["alerts"]},
     {"error": {"code": "SCORING_INVALID_FIELD",
                "message": "survey#1: field `answers.attitude` value 6 is outside 1..=5"}})

# Snapshots ----------------------------------------------------------------------------------
root = pathlib.Path(__file__).resolve().parents[2]
example = (root / "core/examples/community.json").read_text()
case("snapshot_example_community", "snapshot",
     "The bundled example (core/examples/community.json) loads: Plum Blossom Lane with 2 "
     "providers, 3 residents, 2 volunteers, 2 services and 3 needs (counted in the file), and "
     "saving then reloading gives an equal community.",
     {"text": example},
     {"ok": {"name": "Plum Blossom Lane 梅花里", "providers": 2, "residents": 3, "volunteers": 2,
             "services": 2, "needs": 3, "roundtrip": "equal"}})

bad_res = {"id": 1, "birth_date": "1950-01-01", "household": "lives_alone", "self_care": "full",
           "home": {"lat": 91.0, "lon": 0.0}, "grid": 1}
case("snapshot_latitude_91", "snapshot",
     "A resident at latitude 91 is refused naming resident#1 and field home.lat (allowed "
     "-90..=90), as the snapshot documentation's own example says.",
     {"snapshot": {"format": "huzhu.community", "version": 1, "name": "X", "residents": [bad_res]}},
     {"error": {"code": "MODEL_INVALID_FIELD", "message": "resident#1: field `home.lat` value 91 is outside -90..=90",
                "record": "resident#1", "field": "home.lat"}})

ok_res = dict(bad_res, home={"lat": 31.2, "lon": 121.5})
case("snapshot_dangling_need_resident", "snapshot",
     "A need for resident#9, who is not in the snapshot, is refused: need#1, field resident, "
     "unknown resident#9.",
     {"snapshot": {"format": "huzhu.community", "version": 1, "name": "X", "residents": [ok_res],
                   "needs": [dict(needs[0], resident=9, status="open")]}},
     {"error": {"code": "MODEL_UNKNOWN_REFERENCE", "message": "need#1: field `resident` refers to unknown resident#9",
                "record": "need#1", "field": "resident"}})

case("snapshot_duplicate_resident", "snapshot",
     "Two residents with id 1: the second is refused as a duplicate id naming resident#1.",
     {"snapshot": {"format": "huzhu.community", "version": 1, "name": "X", "residents": [ok_res, ok_res]}},
     {"error": {"code": "MODEL_DUPLICATE_ID", "message": "resident#1: duplicate id", "record": "resident#1",
                "field": None}})
