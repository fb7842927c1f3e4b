"""Match fixtures. Expected outputs are written by hand from the documented cost model
(MatchPolicy defaults), with distances from the haversine formula on a 6,371,008.8 m sphere
computed here independently of the library; nothing below is copied from run_case output.

Cost model used in the reasoning (defaults): travel = 10 x ceil(metres / 80); reliability
= 5 x (1000 - 950) / 10 = 25 for helpers without a record; delay = weight(urgency) x minutes
after the first window start / 60 (general 20/h, special 60/h); professional on unskilled +50;
soft preference unmet +200; continuity -150; a 3A+ organisation's service -30; score = round((2000 - total) x 100 / 2000).
Fairness: each volunteer's first 2 tasks are free, the k-th further task costs 40 k.
Penalties: general 100,000, special group 300,000, emergency 900,000.
"""
import math

R = 6371008.8
BASE = (31.2, 121.5)
DAY = "2026-11-24"  # a Tuesday


def metres(dlat):
    return round(R * math.radians(dlat))


def travel(dlat):
    return 10 * math.ceil(metres(dlat) / 80)


def score(total):
    left = (2000 - min(max(total, 0), 2000)) * 100
    return (left + 1000) // 2000


def t(hm, day=DAY):
    return f"{day}T{hm}:00"


def resident(rid, dlat=0.0, groups=None, **kw):
    r = {"id": rid, "birth_date": "1940-01-01", "household": "lives_alone", "self_care": "full",
         "home": {"lat": BASE[0] + dlat, "lon": BASE[1]}, "grid": 1}
    if groups:
        r["groups"] = groups
    r.update(kw)
    return r


def volunteer(vid, dlat, opens="09:00", closes="12:00", minutes=240, **kw):
    v = {"id": vid, "availability": [{"weekday": "Tue", "opens": opens + ":00", "closes": closes + ":00"}],
         "minutes_per_week": minutes, "max_travel_m": 1200,
         "home": {"lat": round(BASE[0] + dlat, 6), "lon": BASE[1]}}
    v.update(kw)
    return v


def need(nid, rid, start="10:00", end="12:00", minutes=60, urgency="general",
         category="elder.cleaning", created="08:00", **kw):
    n = {"id": nid, "resident": rid, "category": category, "urgency": urgency,
         "created_at": t(created), "windows": [{"start": t(start), "end": t(end)}],
         "duration_minutes": minutes, "place": {"kind": "home"}}
    n.update(kw)
    return n


def community(residents, volunteers, needs, **kw):
    c = {"format": "huzhu.community", "version": 1, "name": "Conformance lane",
         "residents": residents, "volunteers": volunteers, "needs": needs}
    c.update(kw)
    return c


def V(i):
    return {"kind": "volunteer", "id": i}


def cost(travel=0, reliability=25, delay=0, late=0, fee=0, skill_fit=0, preferences=0, continuity=0,
         priority=0):
    total = max(0, travel + reliability + delay + late + fee + skill_fit + preferences - continuity
                - priority)
    return {"travel": travel, "delay": delay, "late": late, "fee": fee, "reliability": reliability,
            "skill_fit": skill_fit, "preferences": preferences, "continuity": continuity,
            "priority": priority, "total": total}


def assignment(n, helper, c, dlat, start="10:00", load_cost=0, pinned=False):
    return {"need": n, "helper": helper, "start": t(start), "distance_m": metres(dlat), "cost": c,
            "load_cost": load_cost, "score": score(c["total"]), "pinned": pinned}


def plan(assignments, unmatched=(), extra_penalty=0):
    obj = sum(a["cost"]["total"] + a["load_cost"] for a in assignments) + sum(u["penalty"] for u in unmatched)
    return {"ok": {"assignments": assignments, "unmatched": list(unmatched), "objective": obj,
                   "lower_bound": obj, "optimal": True}}


OK = {"ok": "ok"}
CASES = []


def case(name, description, input, expected):
    CASES.append({"name": name, "description": description, "kind": "match", "input": input,
                  "expected": expected})


# 1 ------------------------------------------------------------------------------------------
c1 = cost(travel=travel(0.0027))  # 300 m -> 4 min -> 40; total 65
c2 = cost(travel=travel(0.0081))  # 901 m -> 12 min -> 120; total 145
case("match_nearest_volunteer",
     "One need (Tue 10-12, 60 min), two volunteers free Tue 9-12 at 300 m (0.0027 deg north: "
     "4 walking min, travel 40, total 40+25=65) and 901 m (12 min, travel 120, total 145). "
     "The nearer serves: objective 65, score round(1935*100/2000)=97. Explain: runner-up "
     "volunteer#2 would need to be 145-65=80 cheaper. Why not #2: costlier, reduced cost and "
     "shortfall 80 (duals: #1 has free capacity so its potential is 0, need potential 65), "
     "requiring it would move need 1, #2 serves nothing.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0081)], [need(1, 1)]),
      "context": {"now": t("08:00")},
      "steps": ["solve", "verify", {"explain": {"need": 1}}, {"why_not": {"need": 1, "helper": V(2)}}]},
     {"steps": [plan([assignment(1, V(1), c1, 0.0027)]), OK,
                {"ok": {"kind": "matched", "need": 1, "helper": V(1), "cost": c1, "score": 97,
                        "runner_up": [V(2), 80], "pinned": False}},
                {"ok": {"kind": "costlier", "cost": c2, "reduced_cost": 80, "shortfall": 80,
                        "would_move": [1], "would_drop": None, "helper_marginal": 0,
                        "need_marginal": 65, "serving": []}}]})

# 2 ------------------------------------------------------------------------------------------
case("match_tie_same_cost",
     "Two volunteers at the same spot 300 m north (total 65 each) for one need: a tie. The "
     "optimum is 65 either way; candidates are ordered cheapest first with ties by helper id, "
     "and the plan takes the lower id, volunteer#1. Explain gives runner-up #2 with 0 to spare.",
     {"community": community([resident(1)], [volunteer(2, 0.0027), volunteer(1, 0.0027)], [need(1, 1)]),
      "context": {"now": t("08:00")},
      "steps": ["solve", "verify", {"explain": {"need": 1}}]},
     {"steps": [plan([assignment(1, V(1), c1, 0.0027)]), OK,
                {"ok": {"kind": "matched", "need": 1, "helper": V(1), "cost": c1, "score": 97,
                        "runner_up": [V(2), 0], "pinned": False}}]})

# 3 ------------------------------------------------------------------------------------------
case("match_infeasible_too_far",
     "The only volunteer lives 3,002 m away (0.027 deg), beyond their 1,200 m travel limit: no "
     "candidate. The need stays unmatched with the general penalty 100,000 (objective 100,000), "
     "reason no_candidate with one helper eliminated as too far.",
     {"community": community([resident(1)], [volunteer(1, 0.027)], [need(1, 1)]),
      "context": {"now": t("08:00")}},
     {"steps": [{"ok": {"assignments": [], "unmatched": [
         {"need": 1, "penalty": 100000, "reason": {"kind": "no_candidate",
          "eliminated": [{"constraint": {"constraint": "too_far"}, "count": 1}],
          "summary": "1 too far"}}], "objective": 100000, "lower_bound": 100000, "optimal": True}}, OK]})

# 4 ------------------------------------------------------------------------------------------
case("match_missing_skill",
     "The need asks for skill `nursing` (required_skills) and the only volunteer has none: no "
     "candidate, eliminated 1 for missing skill. The resident is in a special group "
     "(elderly_living_alone), so the unmatched penalty is the special one, 300,000.",
     {"community": community([resident(1, groups=["elderly_living_alone"])], [volunteer(1, 0.0027)],
                             [need(1, 1, required_skills=["nursing"])]),
      "context": {"now": t("08:00")}},
     {"steps": [{"ok": {"assignments": [], "unmatched": [
         {"need": 1, "penalty": 300000, "reason": {"kind": "no_candidate",
          "eliminated": [{"constraint": {"constraint": "missing_skill", "skill": "nursing"}, "count": 1}],
          "summary": "1 without skill `nursing`"}}], "objective": 300000, "lower_bound": 300000,
          "optimal": True}}, OK]})

# 5 ------------------------------------------------------------------------------------------
case("match_windows_passed",
     "It is 13:00 and the need's only window closed at 12:00: the need takes part but no helper "
     "can serve it (not available, windows passed, counted once per helper: 2). Unmatched, "
     "general penalty 100,000.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0081)], [need(1, 1)]),
      "context": {"now": t("13:00")}},
     {"steps": [{"ok": {"assignments": [], "unmatched": [
         {"need": 1, "penalty": 100000, "reason": {"kind": "no_candidate",
          "eliminated": [{"constraint": {"constraint": "not_available", "window": None}, "count": 2}],
          "summary": "2 not available (windows passed)"}}], "objective": 100000,
          "lower_bound": 100000, "optimal": True}}, OK]})

# 6 ------------------------------------------------------------------------------------------
case("match_pin_then_unpin",
     "Same data as match_nearest_volunteer. Pinning need 1 to the farther volunteer#2 and "
     "re-solving gives #2 (total 145, pinned, objective 145); unpinning and re-solving returns "
     "to #1 at 65. Plans of re-solves are exact and verify.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0081)], [need(1, 1)]),
      "context": {"now": t("08:00")},
      "steps": ["solve", {"pin": {"need": 1, "helper": V(2)}}, "solve", "verify",
                {"unpin": {"need": 1}}, "solve", "verify"]},
     {"steps": [plan([assignment(1, V(1), c1, 0.0027)]), OK,
                plan([assignment(1, V(2), c2, 0.0081, pinned=True)]), OK, OK,
                plan([assignment(1, V(1), c1, 0.0027)]), OK]})

# 7 ------------------------------------------------------------------------------------------
case("match_pin_not_a_candidate",
     "Pinning need 1 to volunteer#3, who lives 3,002 m away (over the 1,200 m limit), is "
     "refused with not_a_candidate naming the need, helper and constraint; the next solve is "
     "the unpinned optimum (#1, 65).",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(3, 0.027)], [need(1, 1)]),
      "context": {"now": t("08:00")},
      "steps": [{"pin": {"need": 1, "helper": V(3)}}, "solve"]},
     {"steps": [{"error": {"code": "MATCH_NOT_A_CANDIDATE",
                           "message": "cannot pin need#1 to volunteer#3: too far"}},
                plan([assignment(1, V(1), c1, 0.0027)])]})

# 8 ------------------------------------------------------------------------------------------
c_v1 = cost(travel=travel(0.0027))           # 65
c_v2_late = cost(travel=travel(0.0036), delay=10)  # 400 m: 50 + 25 + delay 30 min x 20/h = 10 -> 85
c_v2 = cost(travel=travel(0.0036))           # 75
case("match_fairness_spreads_load",
     "Three needs of one resident; volunteer#1 at 300 m (65 each), volunteer#2 at 400 m "
     "(5 min, travel 50, total 75) but free only from 10:30. Needs 1 and 2 open 10:00 so #2 "
     "starts them 30 min late (delay 20/h x 0.5 h = 10, total 85); need 3 opens 10:30 (75). "
     "All three at #1 cost 195 + load 40 (third task) = 235; moving need 3 to #2 costs "
     "65+65+75 = 205; moving need 1 or 2 instead costs 215. Optimum 205.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0036, opens="10:30")],
                             [need(1, 1), need(2, 1), need(3, 1, start="10:30")]),
      "context": {"now": t("08:00")}},
     {"steps": [plan([assignment(1, V(1), c_v1, 0.0027), assignment(2, V(1), c_v1, 0.0027),
                      assignment(3, V(2), c_v2, 0.0036, start="10:30")]), OK]})

case("match_fairness_off",
     "As match_fairness_spreads_load with fairness_step 0: every task is free of load cost, so "
     "all three needs go to the cheaper volunteer#1 (65 x 3 = 195); #1's capacity is "
     "240/60 = 4 tasks.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0036, opens="10:30")],
                             [need(1, 1), need(2, 1), need(3, 1, start="10:30")]),
      "policy": {"fairness_step": 0},
      "context": {"now": t("08:00")}},
     {"steps": [plan([assignment(1, V(1), c_v1, 0.0027), assignment(2, V(1), c_v1, 0.0027),
                      assignment(3, V(1), c_v1, 0.0027, start="10:30")]), OK]})

# 9 ------------------------------------------------------------------------------------------
c_special = cost(travel=travel(0.0027))
case("match_capacity_priority_first",
     "One volunteer with 60 min a week (capacity one task) and two needs: need 1 from an "
     "ordinary resident (penalty 100,000), need 2 from a resident living alone (special group, "
     "300,000), both at the same spot 300 m away (65). Serving need 2 costs 65 + 100,000; "
     "serving need 1 costs 65 + 300,000, so need 2 is served. Need 1 is outcompeted: closest "
     "volunteer#1, cost 65, shortfall exactly 200,000 (the objective rise if forced), taken by "
     "and dropping need 2. Its reduced cost 200,000 equals the shortfall here: the volunteer's "
     "potential must make need 2's arc tight (need 2 dual 300,000 = 65 + helper potential "
     "299,935) and need 1's dual is its penalty 100,000, so 65 + 299,935 - 100,000 = 200,000.",
     {"community": community([resident(1), resident(2, groups=["elderly_living_alone"])],
                             [volunteer(1, 0.0027, minutes=60)], [need(1, 1), need(2, 2)]),
      "context": {"now": t("08:00")}},
     {"steps": [{"ok": {"assignments": [assignment(2, V(1), c_special, 0.0027)],
                        "unmatched": [{"need": 1, "penalty": 100000, "reason": {
                            "kind": "outcompeted", "closest": V(1), "cost": 65,
                            "reduced_cost": 200000, "shortfall": 200000, "taken_by": [2],
                            "would_move": [], "would_drop": 2, "candidates": 1}}],
                        "objective": 100065, "lower_bound": 100065, "optimal": True}}, OK]})

# 10 -----------------------------------------------------------------------------------------
c_soft_v1 = cost(travel=travel(0.0027), preferences=200)  # 265
c_soft_v2 = cost(travel=travel(0.0081))                   # 145
case("match_soft_language_preference",
     "The need softly prefers a helper speaking `wuu`. Volunteer#1 (300 m) does not: 65 + 200 "
     "= 265. Volunteer#2 (901 m, 145) speaks it: chosen, objective 145, score "
     "round(1855*100/2000)=93.",
     {"community": community([resident(1)], [volunteer(1, 0.0027, languages=["zh"]),
                                             volunteer(2, 0.0081, languages=["zh", "wuu"])],
                             [need(1, 1, preferences=[{"kind": {"kind": "language", "value": "wuu"},
                                                       "strength": "soft"}])]),
      "context": {"now": t("08:00")}},
     {"steps": [plan([assignment(1, V(2), c_soft_v2, 0.0081)]), OK]})

# 11 -----------------------------------------------------------------------------------------
case("match_hard_gender_preference",
     "The need requires a female helper (hard). Volunteer#1 (300 m) is male: ruled out with the "
     "hard preference. Volunteer#2 (901 m, female) serves at 145.",
     {"community": community([resident(1)], [volunteer(1, 0.0027, gender="male"),
                                             volunteer(2, 0.0081, gender="female")],
                             [need(1, 1, preferences=[{"kind": {"kind": "helper_gender", "value": "female"},
                                                       "strength": "hard"}])]),
      "context": {"now": t("08:00")},
      "steps": ["solve", {"why_not": {"need": 1, "helper": V(1)}}]},
     {"steps": [plan([assignment(1, V(2), c_soft_v2, 0.0081)]),
                {"ok": {"kind": "ruled_out", "constraint": {"constraint": "hard_preference",
                        "preference": {"kind": "helper_gender", "value": "female"}}}}]})

# 12 -----------------------------------------------------------------------------------------
case("match_emergency_after_deadline",
     "An emergency need created 08:00 must start by its deadline 10:00 (2 h; acting before the "
     "deadline is hard for emergencies). Its window is 08:00-12:00 but the only volunteer is "
     "free from 10:30: no candidate (after_deadline), emergency penalty 900,000.",
     {"community": community([resident(1)], [volunteer(1, 0.0027, opens="10:30")],
                             [need(1, 1, start="08:00", urgency="emergency")]),
      "context": {"now": t("08:00")}},
     {"steps": [{"ok": {"assignments": [], "unmatched": [
         {"need": 1, "penalty": 900000, "reason": {"kind": "no_candidate",
          "eliminated": [{"constraint": {"constraint": "after_deadline"}, "count": 1}],
          "summary": "1 unable to start before the deadline"}}], "objective": 900000,
          "lower_bound": 900000, "optimal": True}}, OK]})

# 13 -----------------------------------------------------------------------------------------
c_cont_v2 = cost(travel=travel(0.0081), continuity=150)  # 145 - 150 -> clamps at 0
case("match_continuity_discount",
     "Volunteer#2 (901 m, 145) served this resident before: continuity discount 150 brings the "
     "total to max(0, 145-150) = 0, below #1's 65. #2 serves, score 100.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0081)], [need(1, 1)]),
      "context": {"now": t("08:00"), "history": [[1, V(2)]]}},
     {"steps": [plan([assignment(1, V(2), c_cont_v2, 0.0081)]), OK]})

# 14 -----------------------------------------------------------------------------------------
case("match_unavailable_and_committed",
     "Volunteer#1 (nearest) is unavailable today, so #2 (145) serves need 1. #2 has already "
     "taken 2 tasks this period (committed), so this task is its 3rd: load cost 40 (its two "
     "free tasks are used). Objective 145 + 40 = 185.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0081)], [need(1, 1)]),
      "context": {"now": t("08:00"), "unavailable": [V(1)], "committed": {"volunteer#2": 2}}},
     {"steps": [plan([assignment(1, V(2), c2, 0.0081, load_cost=40)]), OK]})

# 15 -----------------------------------------------------------------------------------------
c_rel = cost(travel=travel(0.0027), reliability=5 * (1000 - 700) // 10)  # 40 + 150 = 190
case("match_reliability_record",
     "Volunteer#1 (300 m) completes only 70% of tasks (700 per mille): unreliability "
     "5 x 300/10 = 150, total 190. Volunteer#2 (901 m) has no record (95%: 25), total 145, and "
     "serves.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0081)], [need(1, 1)]),
      "context": {"now": t("08:00"), "reliability": {"volunteer#1": 700}},
      "steps": ["solve", {"candidates": {"need": 1}}]},
     {"steps": [plan([assignment(1, V(2), c2, 0.0081)]),
                {"ok": {"need": 1, "candidates": [
                    {"helper": V(2), "start": t("10:00"), "distance_m": 901, "cost": c2},
                    {"helper": V(1), "start": t("10:00"), "distance_m": 300, "cost": c_rel}],
                        "capped": 0, "eliminated": []}}]})

# 16 -----------------------------------------------------------------------------------------
case("match_incremental_add_remove",
     "Start with need 1 (served by #1 at 65). Add need 2 (same resident, 11:00-12:00 window, "
     "60 min): #1 takes it too (its 2nd task is free), objective 130. Remove need 1: need 2 "
     "stays with #1, objective 65. Each warm re-solve is exact and verifies.",
     {"community": community([resident(1)], [volunteer(1, 0.0027), volunteer(2, 0.0081)], [need(1, 1)]),
      "context": {"now": t("08:00")},
      "steps": ["solve", {"add_need": need(2, 1, start="11:00")}, "solve", "verify",
                {"remove_need": {"need": 1}}, "solve", "verify"]},
     {"steps": [plan([assignment(1, V(1), c1, 0.0027)]), OK,
                plan([assignment(1, V(1), c1, 0.0027), assignment(2, V(1), c1, 0.0027, start="11:00")]), OK, OK,
                plan([assignment(2, V(1), c1, 0.0027, start="11:00")]), OK]})

# 17 -----------------------------------------------------------------------------------------
case("match_invalid_policy",
     "A policy whose general penalty (1,000) is not above twice the cost cap (2 x 45,000) is "
     "refused before any matching, with invalid_policy.",
     {"community": community([resident(1)], [volunteer(1, 0.0027)], [need(1, 1)]),
      "policy": {"unassigned_penalty_general": 1000},
      "context": {"now": t("08:00")}},
     {"error": {"code": "MATCH_INVALID_POLICY",
                "message": "invalid match policy: unassigned_penalty_general must exceed twice arc_cost_cap"}})

# 18 -----------------------------------------------------------------------------------------
case("match_need_created_later_ignored",
     "Need 2 is created at 09:00 but the matcher runs at 08:00: it does not exist yet and takes "
     "no part. Only need 1 is planned (65).",
     {"community": community([resident(1)], [volunteer(1, 0.0027)], [need(1, 1), need(2, 1, created="09:00")]),
      "context": {"now": t("08:00")},
      "steps": ["solve", {"explain": {"need": 2}}]},
     {"steps": [plan([assignment(1, V(1), c1, 0.0027)]),
                {"error": {"code": "MATCH_UNKNOWN_NEED", "message": "need#2: not open for matching"}}]})
