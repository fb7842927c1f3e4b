"""Care-loop fixtures (kind "care"), worked out by hand from the documented rules: the rounds
(contact schedule), risk flags, latent-need rules, the week's needs from a care package, the
identification indicators, the quarterly needs list and the 24-hour rule for special groups."""
import copy

CASES = []


def case(name, description, input, expected):
    CASES.append({"name": name, "description": description, "kind": "care", "input": input,
                  "expected": expected})


HOME1 = {"lat": 31.2, "lon": 121.5}
HOME2 = {"lat": 31.21, "lon": 121.5}


def res(id, born, household, self_care, groups, grid):
    return {"id": id, "birth_date": born, "household": household, "self_care": self_care,
            "home": HOME1 if grid == 1 else HOME2, "grid": grid, "groups": groups}


def need(id, resident, category, created, urgency="general", status="open", **kw):
    n = {"id": id, "resident": resident, "category": category, "urgency": urgency,
         "created_at": created,
         "windows": [{"start": "2026-11-25T11:00:00", "end": "2026-11-25T12:30:00"}],
         "duration_minutes": 30, "place": {"kind": "home"}, "status": status}
    n.update(kw)
    return n


def contact(id, resident, at, kind, worker=1):
    return {"id": id, "resident": resident, "worker": worker, "at": at, "kind": kind}


# Tuesday 24 November 2026, 09:00.
NOW = "2026-11-24T09:00:00"
COMMUNITY = {
    "format": "huzhu.community", "version": 1, "name": "Care lane",
    "residents": [
        # r1 84, living alone, partly self-caring now (assessed fully self-caring in January).
        res(1, "1942-03-01", "lives_alone", "partial", ["elderly_living_alone"], 1),
        # r2 66, living alone, disabled.
        res(2, "1960-06-01", "lives_alone", "full", ["disabled"], 1),
        # r3 82, with family, dependent, minimum allowance; no care file.
        res(3, "1944-05-10", "with_family", "dependent", ["minimum_allowance"], 2),
        # r4 86, living alone, in no group, no file: on the rounds by the documents' age rule.
        res(4, "1940-01-01", "lives_alone", "full", [], 2),
    ],
    "needs": [
        need(1, 1, "elder.meals", "2026-11-22T09:00:00", channel="care_package"),
        need(2, 3, "elder.meals", "2026-11-10T09:00:00", urgency="complex", status="done"),
        need(3, 4, "elder.home_visit", "2026-11-05T09:00:00", urgency="complex", status="done",
             kind="latent", channel="inferred", inferred_by="aged_alone_without_contact",
             confirmed=True),
        need(4, 2, "elder.cleaning", "2026-11-06T09:00:00", status="cancelled", kind="latent",
             channel="inferred", inferred_by="dependent_without_cleaning", confirmed=False),
    ],
    "workers": [
        {"id": 1, "name": "Li Hua", "role": "grid_worker", "grids": [1]},
        {"id": 2, "name": "Wang Fang", "role": "social_worker", "grids": [2]},
    ],
    "care_files": [
        {"resident": 1, "opened": "2026-01-05", "worker": 1, "risk": "medium",
         "assessment": {"date": "2026-01-05", "assessor": "worker#1", "self_care": "full"},
         "package": [
             {"category": "elder.cleaning", "every": "weekly", "weekday": "Wed",
              "from": "09:00:00", "until": "12:00:00", "duration_minutes": 90},
             {"category": "elder.meals", "every": "weekdays",
              "from": "11:00:00", "until": "12:30:00", "duration_minutes": 30}]},
        {"resident": 2, "opened": "2026-02-01", "worker": 1,
         "assessment": {"date": "2026-02-01", "assessor": "worker#1", "self_care": "full"}},
    ],
    "contacts": [
        contact(1, 1, "2026-11-18T10:00:00", "visit"),
        contact(2, 2, "2026-11-01T10:00:00", "visit"),
        contact(3, 2, "2026-11-20T15:00:00", "phone"),
        contact(4, 3, "2026-03-15T10:00:00", "survey"),
    ],
}


def inp(**kw):
    d = {"community": copy.deepcopy(COMMUNITY), "now": NOW}
    d.update(kw)
    return d


def due(resident, grid, worker, age, interval, last, days, status):
    return {"resident": resident, "grid": grid, "worker": worker, "age": age, "kind": "visit",
            "interval_days": interval, "last": last, "days_since": days, "status": status}


case("care_rounds_due_and_overdue",
     "The rounds on Tuesday 24 Nov 2026. r1 (file; 84 and living alone: weekly visits, no calls) "
     "last visited 18 Nov, 6 days ago: 6 >= 7 - 1 (due a day early) -> due. r2 (file; 66: the "
     "under-70 plan, visits every 15 days and calls every 7) last visited 1 Nov, 23 days > 15 -> "
     "visit overdue; called 20 Nov, 4 days < 6 -> no call due (a visit counts as a call, the "
     "latest of the two is 20 Nov). r3 has no file and lives with family: not on the rounds. r4 "
     "has no file but is 86 and living alone: on the rounds by the documents' rule, weekly "
     "visits, never contacted -> overdue; no file, so the worker covering grid 2 (worker#2). "
     "3 in scope, only r1 has nothing overdue: 1/3 on schedule.",
     inp(sections=["contacts"]),
     {"sections": {"contacts": {
         "today": "2026-11-24", "in_scope": 3, "on_schedule": 1, "share_on_schedule": 1 / 3,
         "due": [due(1, 1, 1, 84, 7, "2026-11-18", 6, "due"),
                 due(2, 1, 1, 66, 15, "2026-11-01", 23, "overdue"),
                 due(4, 2, 2, 86, 7, None, None, "overdue")],
         "by_worker": {"1": {"residents": 2, "due": 1, "overdue": 1},
                       "2": {"residents": 1, "due": 0, "overdue": 1}},
         "by_grid": {"1": {"residents": 2, "due": 1, "overdue": 1},
                     "2": {"residents": 1, "due": 0, "overdue": 1}}}}})

case("care_risk_flags_with_reasons",
     "Risk flags for the open files on 24 Nov 09:00, in file order. r1: need#1 (meals, a daily-care "
     "need of a special-group resident) created Sun 22 Nov 09:00 has the 24-hour deadline Mon 23 "
     "09:00 and is still open -> unserved past its deadline; assessed fully self-caring, partly "
     "now -> self-care fell. r2: the visit is 23 days old against 15 -> missed contact. r4 is "
     "overdue too but has no file, so no flag.",
     inp(sections=["risk"]),
     {"sections": {"risk": [
         {"resident": 1, "worker": 1, "level": "medium", "reason": "unserved_past_deadline",
          "need": 1, "deadline": "2026-11-23T09:00:00"},
         {"resident": 1, "worker": 1, "level": "medium", "reason": "self_care_fell",
          "assessed": "full", "now": "partial"},
         {"resident": 2, "worker": 1, "level": "low", "reason": "missed_contact", "kind": "visit",
          "days_since": 23, "interval_days": 15}]}})

case("care_latent_needs_default_rules",
     "The three default rules on 24 Nov 09:00, by resident then rule. aged_alone_without_contact "
     "(80+, living alone, no contact for 14 days): r1 84 was visited 18 Nov (6 days) -> no; r4 86 "
     "never contacted -> a home visit (60 min), facts age 86, household lives_alone, last_contact "
     "never (need#3, a home visit, is done: no open need blocks it). dependent_without_cleaning: "
     "r3 is dependent with no cleaning need ever -> cleaning (90 min), facts self_care dependent, "
     "last_elder.cleaning never. hardship_elderly_without_meals (70+, minimum allowance or "
     "extreme poverty, no meals for 30 days): r3 is 82 on the minimum allowance but had meals on "
     "10 Nov (need#2, done), 14 days ago -> no.",
     inp(sections=["infer"]),
     {"sections": {"infer": [
         {"resident": 3, "category": "elder.cleaning", "rule": "dependent_without_cleaning",
          "facts": {"self_care": "dependent", "last_elder.cleaning": "never"},
          "duration_minutes": 90},
         {"resident": 4, "category": "elder.home_visit", "rule": "aged_alone_without_contact",
          "facts": {"age": "86", "household": "lives_alone", "last_contact": "never"},
          "duration_minutes": 60}]}})

case("care_latent_needs_user_rule",
     "A user's own rule replaces the defaults: 75+ living alone with no contact for 5 days -> a "
     "45-minute home visit. r1 (84) last contacted 18 Nov 10:00, before 19 Nov 09:00 (5 days "
     "back) -> fires, facts age 84, last_contact 2026-11-18; r4 (86) never -> fires; r2 is 66.",
     inp(sections=["infer"], rules=[{
         "code": "alone_75_no_contact_5", "who": {"min_age": 75, "household": "lives_alone"},
         "lacking": {"kind": "contact", "days": 5}, "infer": "elder.home_visit",
         "duration_minutes": 45}]),
     {"sections": {"infer": [
         {"resident": 1, "category": "elder.home_visit", "rule": "alone_75_no_contact_5",
          "facts": {"age": "84", "household": "lives_alone", "last_contact": "2026-11-18"},
          "duration_minutes": 45},
         {"resident": 4, "category": "elder.home_visit", "rule": "alone_75_no_contact_5",
          "facts": {"age": "86", "household": "lives_alone", "last_contact": "never"},
          "duration_minutes": 45}]}})


def pkg(id, category, day, start, end, minutes):
    return {"id": id, "resident": 1, "category": category, "created_at": "2026-11-23T00:00:00",
            "start": f"2026-11-{day}T{start}", "end": f"2026-11-{day}T{end}",
            "duration_minutes": minutes, "urgency": "special_group", "kind": "basic",
            "channel": "care_package"}


case("care_package_week",
     "r1's package for the week of Monday 23 Nov, numbered from 100, item by item and day by "
     "day: cleaning weekly on Wednesday 09:00-12:00 (90 min) -> Wed 25; meals on weekdays "
     "11:00-12:30 (30 min) -> Mon 23 to Fri 27. Each is recorded at the start of the week, a "
     "basic need from the care package, urgency special_group (r1 is elderly living alone). "
     "r2's file has no package. Shown as id, resident, category, times, duration, class, kind "
     "and channel.",
     inp(sections=["package"], week_start="2026-11-23", first_need=100),
     {"sections": {"package": [
         pkg(100, "elder.cleaning", 25, "09:00:00", "12:00:00", 90),
         pkg(101, "elder.meals", 23, "11:00:00", "12:30:00", 30),
         pkg(102, "elder.meals", 24, "11:00:00", "12:30:00", 30),
         pkg(103, "elder.meals", 25, "11:00:00", "12:30:00", 30),
         pkg(104, "elder.meals", 26, "11:00:00", "12:30:00", 30),
         pkg(105, "elder.meals", 27, "11:00:00", "12:30:00", 30)]}})


def row(grid, category, basic=0, latent=0, served=0, pending=0):
    return {"quarter": "2026-10-01", "grid": grid, "category": category, "basic": basic,
            "dynamic": 0, "latent": latent, "served": served, "pending": pending}


case("care_identification_and_needs_list",
     "November 2026. Needs created in the month: 4. Inferred with a decision: need#3 (confirmed) "
     "and need#4 (not confirmed) -> accuracy 1/2. From a care package: need#1 -> personalised "
     "1/4. Residents 4; a needs survey of r3 on 15 Mar 2026 lies within the 365 days before 1 "
     "Dec -> surveyed 1/4. The needs list of Q4 2026 by grid then category: grid 1 cleaning "
     "(need#4 latent, cancelled), grid 1 meals (need#1 basic, open: pending), grid 2 home visit "
     "(need#3 latent, done: served), grid 2 meals (need#2 basic, done).",
     inp(sections=["identification", "needs_list"],
         period={"start": "2026-11-01", "end": "2026-12-01"}),
     {"sections": {
         "identification": {"inferred_decided": 2, "inferred_confirmed": 1, "accuracy": 0.5,
                            "needs": 4, "personalised": 1, "personalised_share": 0.25,
                            "residents": 4, "survey_window_days": 365, "surveyed": 1,
                            "survey_coverage": 0.25},
         "needs_list": [row(1, "elder.cleaning", latent=1), row(1, "elder.meals", basic=1, pending=1),
                        row(2, "elder.home_visit", latent=1, served=1),
                        row(2, "elder.meals", basic=1, served=1)]}})

case("care_identification_survey_window",
     "The same month with a 30-day survey window: r3's March survey no longer counts -> 0/4.",
     inp(sections=["identification"], period={"start": "2026-11-01", "end": "2026-12-01"},
         survey_window_days=30),
     {"sections": {
         "identification": {"inferred_decided": 2, "inferred_confirmed": 1, "accuracy": 0.5,
                            "needs": 4, "personalised": 1, "personalised_share": 0.25,
                            "residents": 4, "survey_window_days": 30, "surveyed": 0,
                            "survey_coverage": 0.0}}})

case("care_deadlines_special_group_care",
     "Deadlines under the default policy. need#1 general meals of r1 (special group), created Sun "
     "22 Nov 09:00 -> 24 h -> Mon 23 09:00. need#2 complex meals of r3 (minimum allowance) created "
     "Tue 10 Nov 09:00: complex would be 3 working days (Wed, Thu, Fri 13 09:00) but a daily-care "
     "need of a special-group resident is answered within 24 hours -> Wed 11 09:00. need#3 "
     "complex home visit of r4 (no group) created Thu 5 Nov 09:00 -> 3 working days Fri 6, Mon 9, "
     "Tue 10 -> 10 Nov 09:00. need#4 general cleaning of r2 (disabled) created Fri 6 Nov 09:00 "
     "-> Sat 7 09:00.",
     inp(sections=["deadlines"]),
     {"sections": {"deadlines": {"1": "2026-11-23T09:00:00", "2": "2026-11-11T09:00:00",
                                 "3": "2026-11-10T09:00:00", "4": "2026-11-07T09:00:00"}}})
