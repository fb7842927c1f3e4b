"""Evaluation fixtures: KPI progress, roll-up by level, staffing beyond head counts and funding,
and staffing advice. Expected values are worked out here by hand from the documented rules
(calendar days, shares of numerators and denominators, nearest-rank percentiles, the match cost
model of fixtures_match); nothing is copied from run_case output."""
import math

import fixtures_match as fm

CASES = []


def case(name, kind, description, input, expected):
    CASES.append({"name": name, "description": description, "kind": kind, "input": input,
                  "expected": expected})


# KPIs ---------------------------------------------------------------------------------------
def kpi(code, measure, baseline, target, direction, name_en, name_zh):
    k = {"code": code, "measure": measure, "name_en": name_en, "name_zh": name_zh,
         "baseline_date": "2026-01-01", "target": target, "deadline": "2029-01-01",
         "phase": "consolidation", "direction": direction}
    if baseline is not None:
        k["baseline"] = baseline
    return k


SPAN = 365 + 365 + 366  # 2026-01-01 .. 2029-01-01
TODAY_TO_DEADLINE = SPAN - 181  # from 2026-07-01: 915 days
QUARTERS_LEFT = math.ceil(TODAY_TO_DEADLINE / 91)  # 10.05 -> 11

case("kpi_progress_quarterly_mid_pilot", "kpi",
     "Five KPIs of a plan from 2026-01-01, due 2029-01-01 (1,096 days), judged on 2026-07-01 "
     "with quarterly (91-day) evaluations: 915 days left = 10.05 quarters -> 11. Match rate "
     "0.55 -> 0.82, observed 0.58 on 1 April and 0.64 on 1 July: change 0.09, progress "
     "0.09/0.27 = 1/3, expected 181/1096 = 0.165146, on track; 0.18 still to gain / 11 = 0.016364 "
     "a quarter. Handling days 7 -> 2 (lower is better), 6.8 on 1 April and no value on 1 July: "
     "the latest value is April's; change -0.2, progress -0.2/-5 = 0.04 < expected 90/1096 = "
     "0.082117: behind; (2 - 6.8)/11 = -0.436364 a quarter. Funding per resident: no baseline, "
     "target 50, observed 52: met. Identity index 52 -> 75 with no observation: no data. Facility "
     "idle share (a norm, lower is better, no baseline) at 0.45 > 0.30: below target, its pace "
     "not judged (on_track null), (0.30 - 0.45)/11 = -0.013636 a quarter still needed. 2026-07-01 "
     "is month 7: roll-out.",
     {"kpis": [kpi("match_rate", "match_rate", 0.55, 0.82, "increase", "Match rate", "供需匹配率"),
               kpi("handling_days", "handling_days", 7.0, 2.0, "decrease", "Handling time", "办理时长"),
               kpi("funding", "funding_per_resident", None, 50.0, "increase", "Funding", "经费"),
               kpi("identity", "identity_index", 52.0, 75.0, "increase", "Identity", "认同"),
               kpi("idle", "facility_idle_share", None, 0.30, "decrease", "Idle", "闲置率")],
      "series": {"match_rate": [{"date": "2026-04-01", "value": 0.58},
                                {"date": "2026-07-01", "value": 0.64}],
                 "handling_days": [{"date": "2026-04-01", "value": 6.8},
                                   {"date": "2026-07-01", "value": None}],
                 "funding": [{"date": "2026-07-01", "value": 52.0}],
                 "idle": [{"date": "2026-07-01", "value": 0.45}]},
      "today": "2026-07-01", "period_days": 91},
     {"progress": [
         {"code": "match_rate", "latest": {"date": "2026-07-01", "value": 0.64}, "change": 0.09,
          "progress": 1 / 3, "expected": 181 / SPAN, "on_track": True, "status": "on_track",
          "remaining_periods": QUARTERS_LEFT, "needed_per_period": 0.18 / QUARTERS_LEFT,
          "phase_now": "roll_out"},
         {"code": "handling_days", "latest": {"date": "2026-04-01", "value": 6.8}, "change": -0.2,
          "progress": 0.04, "expected": 90 / SPAN, "on_track": False, "status": "behind",
          "remaining_periods": QUARTERS_LEFT, "needed_per_period": (2 - 6.8) / QUARTERS_LEFT,
          "phase_now": "roll_out"},
         {"code": "funding", "latest": {"date": "2026-07-01", "value": 52.0}, "change": None,
          "progress": None, "expected": 181 / SPAN, "on_track": True, "status": "met",
          "remaining_periods": QUARTERS_LEFT, "needed_per_period": None, "phase_now": "roll_out"},
         {"code": "identity", "latest": None, "change": None, "progress": None, "expected": None,
          "on_track": None, "status": "no_data", "remaining_periods": QUARTERS_LEFT,
          "needed_per_period": None, "phase_now": "roll_out"},
         {"code": "idle", "latest": {"date": "2026-07-01", "value": 0.45}, "change": None,
          "progress": None, "expected": 181 / SPAN, "on_track": None, "status": "below_target",
          "remaining_periods": QUARTERS_LEFT, "needed_per_period": (0.30 - 0.45) / QUARTERS_LEFT,
          "phase_now": "roll_out"}]})

case("kpi_template_norm_below_target_and_missed", "kpi",
     "The documents' template from 2026-01-01 (due 2029-01-01), judged on 2029-01-01 with "
     "half-yearly periods: no time left (0 periods). Community workers per 10,000 residents "
     "(a norm, no baseline) at 16 < 18 on the deadline's eve: no pace to judge (on_track null), "
     "but the deadline has come: missed. Match rate 0.80 < 0.82 at the deadline: missed. Only these two have series; every other KPI has no data. "
     "2029-01-01 is after month 36: no phase.",
     {"template_start": "2026-01-01", "today": "2029-01-01", "period_days": 182,
      "series": {"community_workers_per_10k": [{"date": "2028-12-31", "value": 16.0}],
                 "match_rate": [{"date": "2029-01-01", "value": 0.80}]}},
     {"progress": [
         {"code": code, "latest": None, "change": None, "progress": None, "expected": None,
          "on_track": None, "status": "no_data", "remaining_periods": 0,
          "needed_per_period": None, "phase_now": None}
         if code not in ("match_rate", "community_workers_per_10k") else
         ({"code": "match_rate", "latest": {"date": "2029-01-01", "value": 0.80},
           "change": 0.80 - 0.55, "progress": (0.80 - 0.55) / (0.82 - 0.55), "expected": 1.0,
           "on_track": False, "status": "missed", "remaining_periods": 0,
           "needed_per_period": None, "phase_now": None}
          if code == "match_rate" else
          {"code": code, "latest": {"date": "2028-12-31", "value": 16.0}, "change": None,
           "progress": None, "expected": (SPAN - 1) / SPAN, "on_track": None,
           "status": "missed", "remaining_periods": 0, "needed_per_period": None,
           "phase_now": None})
         for code in ["match_rate", "community_affairs", "activity_participation",
                      "identity_index", "neighbours_known", "handling_days",
                      "special_group_satisfaction", "special_group_coverage",
                      "suggestions_adopted", "facility_idle_share", "radius_coverage",
                      "circle_coverage", "community_workers_per_10k",
                      "residents_per_social_worker", "volunteer_share", "residents_per_worker",
                      "qualified_share", "training_hours", "funding_per_resident"]]})


# Roll-up ------------------------------------------------------------------------------------
def node(id, level, parent=None):
    n = {"id": id, "name": id.upper(), "level": level}
    if parent:
        n["parent"] = parent
    return n


def tally(residents, counts, minutes):
    return {"residents": residents,
            "counts": {k: {"of": of, "n": n} for k, (of, n) in counts.items()},
            "samples": {"response_minutes": minutes}}


def nearest_rank(values, q):
    v = sorted(values)
    return v[max(1, math.ceil(q * len(v))) - 1]


A1, A2, B = [5, 15], [25], [40, 60, 90]
case("rollup_grids_communities_street_district", "rollup",
     "District D > street S1 > communities A and B; A's grids A1 (match 3/4, 100 residents, "
     "response minutes 5, 15) and A2 (1/4, 50, 25) carry A's tally; B is given directly (2/2, 80 "
     "residents, 40, 60, 90, and satisfaction 3/4 that A's grids do not count). A = 4/8 = 0.5 "
     "with A1 of_part 3/4 and n_part 4/8; S1 = 6/10 = 0.6 (not the mean 0.75 of A and B), A's "
     "of_part 4/6 and n_part 8/10; satisfaction at S1 and D is B's 3/4 alone. Percentiles by "
     "nearest rank from the merged minutes: A [5,15,25] p50 rank 2 = 15, p90 rank 3 = 25; S1 "
     "[5..90] p50 rank 3 = 25, p90 rank ceil(5.4) = 6 = 90. Rows in tree order, siblings by id.",
     {"nodes": [node("d", "district"), node("s1", "street", "d"), node("b", "community", "s1"),
                node("a", "community", "s1"), node("a1", "grid", "a"), node("a2", "grid", "a")],
      "tallies": {"a1": tally(100, {"match_rate": (3, 4)}, A1),
                  "a2": tally(50, {"match_rate": (1, 4)}, A2),
                  "b": tally(80, {"match_rate": (2, 2), "satisfaction": (3, 4)}, B)}},
     {"rows": [
         {"id": "d", "level": "district", "depth": 0, "residents": 230,
          "rates": [{"code": "match_rate", "of": 6, "n": 10, "share": 0.6,
                     "children": [{"child": "s1", "of": 6, "n": 10, "of_part": 1.0, "n_part": 1.0}]},
                    {"code": "satisfaction", "of": 3, "n": 4, "share": 0.75,
                     "children": [{"child": "s1", "of": 3, "n": 4, "of_part": 1.0, "n_part": 1.0}]}],
          "response_p50": nearest_rank(A1 + A2 + B, 0.5), "response_p90": nearest_rank(A1 + A2 + B, 0.9)},
         {"id": "s1", "level": "street", "depth": 1, "residents": 230,
          "rates": [{"code": "match_rate", "of": 6, "n": 10, "share": 0.6,
                     "children": [{"child": "a", "of": 4, "n": 8, "of_part": 4 / 6, "n_part": 0.8},
                                  {"child": "b", "of": 2, "n": 2, "of_part": 2 / 6, "n_part": 0.2}]},
                    {"code": "satisfaction", "of": 3, "n": 4, "share": 0.75,
                     "children": [{"child": "b", "of": 3, "n": 4, "of_part": 1.0, "n_part": 1.0}]}],
          "response_p50": 25, "response_p90": 90},
         {"id": "a", "level": "community", "depth": 2, "residents": 150,
          "rates": [{"code": "match_rate", "of": 4, "n": 8, "share": 0.5,
                     "children": [{"child": "a1", "of": 3, "n": 4, "of_part": 0.75, "n_part": 0.5},
                                  {"child": "a2", "of": 1, "n": 4, "of_part": 0.25, "n_part": 0.5}]}],
          "response_p50": 15, "response_p90": 25},
         {"id": "a1", "level": "grid", "depth": 3, "residents": 100,
          "rates": [{"code": "match_rate", "of": 3, "n": 4, "share": 0.75, "children": []}],
          "response_p50": 5, "response_p90": 15},
         {"id": "a2", "level": "grid", "depth": 3, "residents": 50,
          "rates": [{"code": "match_rate", "of": 1, "n": 4, "share": 0.25, "children": []}],
          "response_p50": 25, "response_p90": 25},
         {"id": "b", "level": "community", "depth": 2, "residents": 80,
          "rates": [{"code": "match_rate", "of": 2, "n": 2, "share": 1.0, "children": []},
                    {"code": "satisfaction", "of": 3, "n": 4, "share": 0.75, "children": []}],
          "response_p50": 60, "response_p90": 90}]})


# Staffing beyond head counts and funding (kind "score") --------------------------------------
def res(id, grid):
    return {"id": id, "birth_date": "1950-01-01", "household": "with_family", "self_care": "full",
            "home": {"lat": 31.2, "lon": 121.5}, "grid": grid}


def care_file(resident, worker, closed=None):
    f = {"resident": resident, "opened": "2026-01-05", "worker": worker,
         "assessment": {"date": "2026-01-05", "assessor": "worker#1", "self_care": "full"}}
    if closed:
        f["closed"] = closed
    return f


Q1_DAYS = 31 + 28 + 31
TRAINING_H = (300 + 120) / 60
case("score_workforce_and_funding", "score",
     "Four residents, two in grid 1 and two in grid 2. Worker 1 (grid worker, qualified) covers "
     "grid 1; worker 2 (social worker) covers grids 1 and 2. Grid 1 is shared by two workers: "
     "worker 1 serves 2/2 = 1 resident, worker 2 serves 2/2 + 2/1 = 3. Care files: resident 1 "
     "with worker 1 (open at the quarter's end), resident 3 with worker 2 closed on 1 February "
     "(not counted). Q1 2026 = 90 days. Training in the quarter: 300 + 120 minutes = 7 h; 600 "
     "minutes on 1 April are outside. 7 h / 2 workers x 365/90 = 14.194444 h a year < 40. "
     "Residents per worker 4/2 = 2, outside 500-800. Qualified 1 of 2 = 0.5 >= 0.12. Funding in "
     "the quarter: government 100 yuan + charity 50 yuan = 150 yuan (the 999.99 yuan of 1 April "
     "is outside); 150 / 4 residents x 365/90 = 152.083333 yuan a year >= 50.",
     {"community": {"format": "huzhu.community", "version": 1, "name": "Staffing lane",
                    "residents": [res(1, 1), res(2, 1), res(3, 2), res(4, 2)],
                    "workers": [{"id": 1, "name": "Li Hua", "role": "grid_worker", "grids": [1],
                                 "qualified": True},
                                {"id": 2, "name": "Wang Fang", "role": "social_worker",
                                 "grids": [1, 2]}],
                    "care_files": [care_file(1, 1), care_file(3, 2, closed="2026-02-01")]},
      "period": {"start": "2026-01-01", "end": "2026-04-01"}, "now": "2026-04-01T00:00:00",
      "training": [{"worker": 1, "date": "2026-02-10", "minutes": 300},
                   {"worker": 2, "date": "2026-03-31", "minutes": 120},
                   {"worker": 2, "date": "2026-04-01", "minutes": 600}],
      "funding": [{"source": "government", "date": "2026-01-15", "amount_fen": 10000},
                  {"source": "charity", "date": "2026-03-01", "amount_fen": 5000},
                  {"source": "other", "date": "2026-04-01", "amount_fen": 99999}],
      "sections": ["workforce", "funding"]},
     {"sections": {
         "workforce": {"residents": 4, "workers": 2, "residents_per_worker": 2.0,
                       "caseload_norm": [500.0, 800.0], "within_caseload": False,
                       "uncovered_residents": 0, "qualified": 1, "qualified_share": 0.5,
                       "meets_qualified": True,
                       "training_hours_per_year": TRAINING_H / 2 * 365 / Q1_DAYS,
                       "meets_training": False,
                       "loads": [{"worker": 1, "role": "grid_worker", "qualified": True,
                                  "grids": [1], "residents": 1.0, "care_files": 1,
                                  "training_minutes": 300, "over_caseload": False},
                                 {"worker": 2, "role": "social_worker", "qualified": False,
                                  "grids": [1, 2], "residents": 3.0, "care_files": 0,
                                  "training_minutes": 120, "over_caseload": False}]},
         "funding": {"residents": 4, "days": Q1_DAYS, "total_fen": 15000,
                     "by_source": {"government": 10000, "charity": 5000},
                     "per_resident_year": 150 / 4 * 365 / Q1_DAYS, "norm": 50.0,
                     "meets": True}}})


# Staffing advice ------------------------------------------------------------------------------
# Residents 1 and 2 in grid 12 need `legal` help Tuesday 10:00-12:00; resident 3 (grid 1) needs
# cleaning. Volunteer 1 (no skills) at the base, free Tuesday 09:00-12:00.
ADVICE_COMMUNITY = fm.community(
    [fm.resident(1, 0.0, grid=12), fm.resident(2, 0.0009, grid=12), fm.resident(3, 0.0)],
    [fm.volunteer(1, 0.0)],
    [fm.need(1, 1, required_skills=["legal"]), fm.need(2, 2, required_skills=["legal"]),
     fm.need(3, 3)])
RECRUIT_TRAVEL = fm.travel(0.00045)  # the recruit lives midway: 50 m from each -> 10
SERVED = fm.cost(travel=0)["total"]  # volunteer 1 serves need 3 at 0 m: 25
BEFORE = SERVED + 2 * 100_000
AFTER = SERVED + 2 * fm.cost(travel=RECRUIT_TRAVEL)["total"]  # first 2 tasks carry no load cost
case("advice_recruit_legal_volunteer", "advice",
     "Before: only need 3 is served (cost 25); needs 1 and 2 need skill `legal` that no "
     "volunteer has: no candidate, general penalty 100,000 each, objective 200,025. They form "
     "one group: skills [legal], grid 12, Tuesday, morning (first window 10:00). A recruit gives "
     "240 / 60 = 4 tasks a week, so one recruit, predicted to take both needs. The recruit lives "
     "at the needs' centroid (50 m from each: travel 10) and is free Tuesday 06:00-12:00; after "
     "re-solving both are served at 10 + 25 = 35 each (the first two tasks carry no load cost): "
     "objective 25 + 70 = 95, a gain of 199,930, +2 needs; a fresh match with the recruit added "
     "finds the same 2.",
     {"community": ADVICE_COMMUNITY, "now": "2026-11-24T08:00:00"},
     {"matched": 1, "advice": [
         {"skills": ["legal"], "grid": 12, "weekday": "Tue", "day_part": "morning",
          "group_needs": [1, 2], "recruits": 1, "predicted_needs": 2, "needs_met": 2,
          "objective_gain": BEFORE - AFTER,
          "text_en": "recruit 1 volunteer with `legal` in grid 12 for Tue mornings: +2 needs met",
          "text_zh": "在网格12招募1名具备`legal`技能的志愿者（周二上午）：可多满足2项需求",
          "rematched": 2}]})
