"""A week of rounds keeping contact intervals, worked by hand from the rules of plan_week:
each working day takes the visits that cannot wait for a later working day (general while due
that day, special group once overdue), and, at the lowest priority, a visit due by the next
working day when making it early adds no visit before the week ends. A visit made resets the
resident's clock; a day is overdue when more than the interval has passed since the last
visit made before it (never visited: overdue). A server's minutes worked are from setting out
to coming back, rounded up to whole minutes per round; a weekly budget caps the day's shift at
what is left. Travel as in fixtures_rounds.py (haversine × 1.3 at 1.25 m/s, whole seconds up).
"""
import math
from datetime import date, datetime, timedelta

from fixtures_rounds import CENTRE, iso, metres, place, walk

CASES = []


def day(n):
    return date(2026, 12, 7) + timedelta(days=n)      # 7 December 2026 is a Monday


def at(n, h, m=0, s=0):
    return datetime(2026, 12, 7, h, m, s) + timedelta(days=n)


def d(x):
    return x.isoformat()


def empty(n):
    return {"date": d(day(n)), "plan": {"rounds": [], "unplanned": [], "travel_minutes": 0}}


def ceil_minutes(seconds):
    return math.ceil(seconds / 60)


# --- Time for one visit a day: the second resident due on Monday is made late on Tuesday ----
NEAR = (31.2027, 121.5)
FAR = (31.2054, 121.5)
a = walk(CENTRE, NEAR)
b = walk(CENTRE, FAR)
both = a + walk(NEAR, FAR) + b + 60 * 60
assert both > 3600 and 2 * b + 1800 <= 3600  # either alone fits 9:00-10:00, not both

worker = {"server": "worker#1", "start": place(CENTRE), "end": place(CENTRE),
          "shifts": [{"start": iso(at(n, 9)), "end": iso(at(n, 10))} for n in range(5)]}
plans = [
    {"visit": {"id": 1, "place": place(NEAR), "minutes": 30}, "every_days": 7, "last": d(day(-7))},
    {"visit": {"id": 2, "place": place(FAR), "minutes": 30}, "every_days": 7, "last": d(day(-7))},
]


def out_and_back(n, shift, visit, leg):
    arrive = at(n, 9) + timedelta(seconds=leg)
    end = arrive + timedelta(minutes=30)
    return {"server": "worker#1", "shift": shift, "depart": iso(at(n, 9)),
            "stops": [{"visit": visit, "arrive": iso(arrive), "start": iso(arrive), "end": iso(end)}],
            "back": iso(end + timedelta(seconds=leg)), "travel_minutes": round(2 * leg / 60)}


CASES.append({
    "name": "week_one_visit_a_day_the_second_is_made_late",
    "description": (
        f"One walker, 9:00-10:00 Monday to Friday. Residents 1 ({metres(CENTRE, NEAR)} m north) and 2 "
        f"({metres(CENTRE, FAR)} m) were both last visited a week before Monday, so both are due on Monday; "
        f"either visit fits the hour alone, not both ({both} s). Both are general: the nearer one "
        f"({2 * a} s there and back against {2 * b} s) is made Monday, the other waits for a full shift "
        f"(shift_full). On Tuesday resident 2 is overdue and made: eight days after the last visit, so "
        f"Tuesday is an overdue day for it. Nothing is due Wednesday to Friday (next visits fall after "
        f"Sunday). Worked: {ceil_minutes(1800 + 2 * a)} + {ceil_minutes(1800 + 2 * b)} minutes."),
    "kind": "week",
    "input": {"plans": plans, "workers": [worker], "from": d(day(0)), "through": d(day(6))},
    "expected": {
        "days": [
            {"date": d(day(0)), "plan": {"rounds": [out_and_back(0, 0, 1, a)],
                                         "unplanned": [[2, {"reason": "shift_full"}]],
                                         "travel_minutes": round(2 * a / 60)}},
            {"date": d(day(1)), "plan": {"rounds": [out_and_back(1, 1, 2, b)], "unplanned": [],
                                         "travel_minutes": round(2 * b / 60)}},
            empty(2), empty(3), empty(4),
        ],
        "contacts": [
            {"visit": 1, "made": [d(day(0))], "overdue_days": [], "next_due": d(day(7))},
            {"visit": 2, "made": [d(day(1))], "overdue_days": [d(day(1))], "next_due": d(day(8))},
        ],
        "kept": 1,
        "minutes_worked": {"worker#1": ceil_minutes(1800 + 2 * a) + ceil_minutes(1800 + 2 * b)},
        "travel_minutes": round(2 * a / 60) + round(2 * b / 60),
    },
})

# --- A volunteer's weekly budget of 70 minutes -----------------------------------------------
volunteer = {"server": "volunteer#7", "start": place(CENTRE), "end": place(CENTRE),
             "shifts": [{"start": iso(at(n, 9)), "end": iso(at(n, 12))} for n in range(5)]}
budget_plans = [
    # Never visited, at the centre; home 9:00-9:30 each weekday, so made first.
    {"visit": {"id": 3, "place": place(CENTRE), "minutes": 30,
               "windows": [{"start": iso(at(n, 9)), "end": iso(at(n, 9, 30))} for n in range(5)]},
     "every_days": 7},
    # Last visited Thursday 3 December: due Thursday 10 December.
    {"visit": {"id": 4, "place": place(NEAR), "minutes": 30}, "every_days": 7, "last": d(day(-4))},
    # Never visited, at the centre.
    {"visit": {"id": 5, "place": place(CENTRE), "minutes": 30}, "every_days": 7},
]
CASES.append({
    "name": "week_a_volunteer_budget_is_spent_and_named",
    "description": (
        "Volunteer 7 walks 9:00-12:00 Monday to Friday with 70 minutes left of the week's hours. "
        "Monday: residents 3 and 5, never visited, are overdue (special group): 3 at 9:00 (home until "
        "9:30), 5 at 9:30, no travel: 60 minutes, 10 left. Resident 4 is due Thursday: not a "
        "candidate before Wednesday, early on Wednesday (no extra visit before Sunday) but 10 minutes "
        "hold no 30-minute visit, and an early visit left out is not listed; due Thursday and overdue "
        "Friday, it is listed as budget_spent (the volunteer could make it alone but for the budget). "
        "Residents 3 and 5 were overdue on Monday; 4 from Friday (8 days since 3 December)."),
    "kind": "week",
    "input": {"plans": budget_plans, "workers": [volunteer], "budgets": {"volunteer#7": 70},
              "from": d(day(0)), "through": d(day(6))},
    "expected": {
        "days": [
            {"date": d(day(0)), "plan": {"rounds": [{
                "server": "volunteer#7", "shift": 0, "depart": iso(at(0, 9)),
                "stops": [
                    {"visit": 3, "arrive": iso(at(0, 9)), "start": iso(at(0, 9)), "end": iso(at(0, 9, 30))},
                    {"visit": 5, "arrive": iso(at(0, 9, 30)), "start": iso(at(0, 9, 30)), "end": iso(at(0, 10))},
                ],
                "back": iso(at(0, 10)), "travel_minutes": 0}],
                "unplanned": [], "travel_minutes": 0}},
            empty(1), empty(2),
            {"date": d(day(3)), "plan": {"rounds": [], "unplanned": [[4, {"reason": "budget_spent"}]],
                                         "travel_minutes": 0}},
            {"date": d(day(4)), "plan": {"rounds": [], "unplanned": [[4, {"reason": "budget_spent"}]],
                                         "travel_minutes": 0}},
        ],
        "contacts": [
            {"visit": 3, "made": [d(day(0))], "overdue_days": [d(day(0))], "next_due": d(day(7))},
            {"visit": 4, "made": [], "overdue_days": [d(day(4)), d(day(5)), d(day(6))], "next_due": d(day(3))},
            {"visit": 5, "made": [d(day(0))], "overdue_days": [d(day(0))], "next_due": d(day(7))},
        ],
        "kept": 0,
        "minutes_worked": {"volunteer#7": 60},
        "travel_minutes": 0,
    },
})
