"""Visit rounds, worked by hand from the definitions: travel between two places is the
great-circle distance (haversine on a sphere of radius 6,371,008.8 m, rounded to whole metres)
times the detour (1.30) at the server's speed (walking 75 m a minute = 1.25 m/s), rounded up
to whole seconds; a visit starts on arrival or when its window opens; the worker leaves the
start just in time for the first visit (not before the shift); the round's travel minutes are
its seconds / 60, rounded. The haversine below is the formula, written here independently.
"""
import math
from datetime import datetime, timedelta

CASES = []
R = 6_371_008.8
CENTRE = (31.2, 121.5)


def metres(a, b):
    (la1, lo1), (la2, lo2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return round(2 * R * math.asin(math.sqrt(h)))


def walk(a, b):
    return math.ceil(metres(a, b) * 1.3 / 1.25)


def t(h, m=0, s=0):
    return datetime(2026, 12, 8, h, m, s)


def iso(x):
    return x.strftime("%Y-%m-%dT%H:%M:%S")


def place(p):
    return {"lat": p[0], "lon": p[1]}


# Two homes due north of the centre; the far one must be visited first (its window closes at
# 10:00), the near one not before 10:00.
FAR = (31.2054, 121.5)
NEAR = (31.2027, 121.5)
a = walk(CENTRE, FAR)             # centre -> far home
b = walk(FAR, NEAR)               # far -> near
c = walk(NEAR, CENTRE)            # near -> centre
far_arrive = t(9) + timedelta(seconds=a)   # leaves at 9:00, the shift's start
far_end = far_arrive + timedelta(minutes=30)
near_arrive = far_end + timedelta(seconds=b)
near_start = max(near_arrive, t(10))
near_end = near_start + timedelta(minutes=30)
back = near_end + timedelta(seconds=c)
travel = round((a + b + c) / 60)

visits = [
    {"id": 1, "place": place(NEAR), "minutes": 30, "windows": [{"start": iso(t(10)), "end": iso(t(12))}]},
    {"id": 2, "place": place(FAR), "minutes": 30, "windows": [{"start": iso(t(9)), "end": iso(t(10))}]},
    # Nobody has the skill.
    {"id": 3, "place": place(NEAR), "minutes": 30, "skills": ["legal"]},
    # Its only window is over before the shift starts.
    {"id": 4, "place": place(NEAR), "minutes": 30, "windows": [{"start": iso(t(6)), "end": iso(t(7))}]},
]
workers = [{"server": "worker#1", "start": place(CENTRE), "end": place(CENTRE),
            "shifts": [{"start": iso(t(9)), "end": iso(t(12))}]}]
CASES.append({
    "name": "rounds_windows_order_the_round_and_reasons",
    "description": (
        f"One walker from the centre, 9:00-12:00. The far home ({metres(CENTRE, FAR)} m north) closes "
        f"at 10:00, the near one ({metres(CENTRE, NEAR)} m) opens at 10:00: out to the far home "
        f"({a} s at 1.25 m/s with a 1.3 detour), 30 minutes, back to the near one ({b} s), wait for "
        f"10:00, 30 minutes, home ({c} s): {travel} minutes walking. Visit 3 needs a skill nobody has; "
        f"visit 4's window closes before the shift starts."),
    "kind": "rounds",
    "input": {"visits": visits, "workers": workers},
    "expected": {
        "rounds": [{
            "server": "worker#1", "shift": 0, "depart": iso(t(9)),
            "stops": [
                {"visit": 2, "arrive": iso(far_arrive), "start": iso(far_arrive), "end": iso(far_end)},
                {"visit": 1, "arrive": iso(near_arrive), "start": iso(near_start), "end": iso(near_end)},
            ],
            "back": iso(back), "travel_minutes": travel,
        }],
        "unplanned": [[3, {"reason": "no_skilled_server"}], [4, {"reason": "window_unreachable"}]],
        "travel_minutes": travel,
    },
})

CASES.append({
    "name": "rounds_bad_window_named",
    "description": "A 30-minute visit whose only window lasts 20 minutes is refused, naming the visit and the window.",
    "kind": "rounds",
    "input": {"visits": [{"id": 5, "place": place(NEAR), "minutes": 30,
                          "windows": [{"start": iso(t(9)), "end": iso(t(9, 20))}]}],
              "workers": workers},
    "expected": {"error": {"code": "ROUNDS_INVALID", "message": "visit 5: windows[0] is shorter than the visit"}},
})
