"""Shared by the rounds and week tests (a plain module next to them, not a test file): huzhu's
travel definitions in Python, the independent checker of a plan, and records in the core's JSON
and as tables."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pandas as pd

import huzhu

EARTH_RADIUS_M = 6_371_008.8
CENTRE = (31.2, 121.5)
# Metres a minute (huzhu.routing's TravelMode).
SPEED = {"walking": 75, "cycling": 200, "e_bike": 300}


# --- the definitions, in Python -----------------------------------------------------------


def offset(north: float, east: float) -> dict[str, float]:
    """The point `north` and `east` metres from the centre (GeoPoint::offset_m)."""
    lat, lon = CENTRE
    return {
        "lat": lat + math.degrees(north / EARTH_RADIUS_M),
        "lon": lon + math.degrees(east / (EARTH_RADIUS_M * math.cos(math.radians(lat)))),
    }


def distance_m(a: dict[str, float], b: dict[str, float]) -> int:
    """Great-circle (haversine) distance in whole metres, rounded to nearest."""
    la1, la2 = math.radians(a["lat"]), math.radians(b["lat"])
    dlat = la2 - la1
    dlon = math.radians(b["lon"] - a["lon"])
    s1, s2 = math.sin(dlat / 2.0), math.sin(dlon / 2.0)
    h = s1 * s1 + math.cos(la1) * math.cos(la2) * s2 * s2
    d = 2.0 * EARTH_RADIUS_M * math.asin(min(math.sqrt(h), 1.0))
    return math.floor(d + 0.5)


def travel_s(a: dict[str, float], b: dict[str, float], mode: str, detour_percent: int) -> int:
    """Seconds from a to b: street metres (distance × detour) at the mode's speed, rounded up."""
    metres = distance_m(a, b) * (detour_percent / 100.0)
    return math.ceil(metres / (SPEED[mode] / 60.0))


def minutes(seconds: int) -> int:
    return math.floor(seconds / 60.0 + 0.5)


def when(x: Any) -> dt.datetime:
    return x if isinstance(x, dt.datetime) else dt.datetime.fromisoformat(x)


def check(plan: huzhu.Rounds, visits: list[dict], workers: list[dict], detour_percent: int = 130) -> list[int]:
    """Checks every round and stop against the definitions; returns the planned visit ids."""
    by_id = {v["id"]: v for v in visits}
    by_server = {w["server"]: w for w in workers}
    stops = plan.stops.to_pylist()
    planned: list[int] = []
    total = 0
    for r in plan.rounds.to_pylist():
        w = by_server[r["server"]]
        mode = w.get("mode", "walking")
        shift = w["shifts"][r["shift"]]
        assert when(shift["start"]) <= r["depart"] and r["back"] <= when(shift["end"]), r
        mine = [s for s in stops if (s["server"], s["shift"]) == (r["server"], r["shift"])]
        assert [s["order"] for s in mine] == list(range(1, len(mine) + 1))
        assert [s["visit"] for s in mine] == r["visits"]
        at, ready, seconds = w["start"], r["depart"], 0
        for s in mine:
            v = by_id[s["visit"]]
            leg = travel_s(at, v["place"], mode, detour_percent)
            seconds += leg
            assert s["arrive"] == ready + dt.timedelta(seconds=leg), f"visit {v['id']} arrival"
            assert s["start"] >= s["arrive"]
            assert s["end"] - s["start"] == dt.timedelta(minutes=v["minutes"])
            windows = v.get("windows", [])
            assert not windows or any(when(x["start"]) <= s["start"] and s["end"] <= when(x["end"]) for x in windows), s
            assert set(v.get("skills", [])) <= set(w.get("skills", [])), s
            assert v.get("required") in (None, r["server"]), s
            assert (s["lat"], s["lon"]) == (v["place"]["lat"], v["place"]["lon"])
            at, ready = v["place"], s["end"]
            planned.append(v["id"])
        back = travel_s(at, w["end"], mode, detour_percent)
        seconds += back
        assert r["back"] == ready + dt.timedelta(seconds=back)
        assert r["travel_minutes"] == minutes(seconds)
        total += seconds
    assert plan.travel_minutes == minutes(total)
    unplanned = [u["visit"] for u in plan.unplanned.to_pylist()]
    assert sorted(planned + unplanned) == sorted(by_id), "every visit planned once or unplanned"
    return planned


# --- records, in the core's JSON and as tables --------------------------------------------


def t(day: int, h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, h, m)


def window(start: dt.datetime, end: dt.datetime) -> dict[str, Any]:
    return {"start": start, "end": end}


def visit(id: int, north: float, east: float, minutes: int, windows: list[dict], **extra: Any) -> dict[str, Any]:
    return {"id": id, "source": {"contact": id}, "place": offset(north, east), "minutes": minutes, "windows": windows, **extra}


def worker(server: str, shifts: list[dict], mode: str = "walking", east: float = 0.0, **extra: Any) -> dict[str, Any]:
    home = offset(0.0, east)
    return {"server": server, "start": home, "end": home, "shifts": shifts, "mode": mode, **extra}


def text(x: dict[str, Any]) -> str:
    """A window in the core's text form, `start/end`."""
    return f"{x['start'].isoformat()}/{x['end'].isoformat()}"


def visits_frame(visits: list[dict]) -> pd.DataFrame:
    """One row per visit: the first window in window_start/window_end, the others in `windows`."""
    rows = []
    for v in visits:
        ws = v.get("windows", [])
        rows.append({
            "id": v["id"], "lat": v["place"]["lat"], "lon": v["place"]["lon"], "minutes": v["minutes"],
            "window_start": ws[0]["start"] if ws else None, "window_end": ws[0]["end"] if ws else None,
            "windows": [text(x) for x in ws[1:]],
            "skills": v.get("skills", []), "required": v.get("required"), "preferred": v.get("preferred"),
            "urgency": v.get("urgency"), "source": json.dumps(v["source"]) if "source" in v else None,
        })
    frame = pd.DataFrame(rows)
    for c in ("window_start", "window_end"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


def workers_frame(workers: list[dict]) -> pd.DataFrame:
    """One row per server's shift."""
    rows = []
    for w in workers:
        for s in w["shifts"] or [None]:
            rows.append({
                "server": w["server"], "start_lat": w["start"]["lat"], "start_lon": w["start"]["lon"],
                "end_lat": w["end"]["lat"], "end_lon": w["end"]["lon"],
                "shift_start": s["start"] if s else None, "shift_end": s["end"] if s else None,
                "skills": w.get("skills", []), "max_minutes_per_shift": w.get("max_minutes_per_shift"),
                "mode": w.get("mode"),
            })
    frame = pd.DataFrame(rows)
    for c in ("shift_start", "shift_end"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


CENTRE_POINT = {"lat": CENTRE[0], "lon": CENTRE[1]}
