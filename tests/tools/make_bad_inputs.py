"""Writes tests/bad-inputs.json: every kind of bad input tried through run_case.

Each row: id, kind (what is wrong), example (short), case (a run_case case), at (JSON pointer
to the error object in the output), rust (code and message, filled from real runs and reviewed),
python / js (what each binding's own API raises, confirmed by the tests each names: see
`native_columns`). Rows that JSON cannot
express (NaN floats through an API, huge generated inputs) are tests in core/tests/badinput_*.rs
and listed in tests/bad-input.md.

Run: python3 tests/tools/make_bad_inputs.py  (keeps the reviewed `rust` column of existing rows;
`python3 tests/tools/make_bad_inputs.py --refill FILE` takes the `rust` column from FILE, the
output of `HUZHU_BAD_INPUT_PRINT=1 cargo test -p huzhu-conformance --test bad_inputs -- --nocapture`,
for rows whose error changed on purpose, after reviewing each)
"""
import copy
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "bad-inputs.json"

RES = {"id": 1, "birth_date": "1950-01-01", "household": "lives_alone", "self_care": "full",
       "home": {"lat": 31.2, "lon": 121.5}, "grid": 1}
VOL = {"id": 1, "availability": [{"weekday": "Tue", "opens": "09:00:00", "closes": "12:00:00"}],
       "minutes_per_week": 240, "max_travel_m": 1200, "home": {"lat": 31.2027, "lon": 121.5}}
NEED = {"id": 1, "resident": 1, "category": "elder.cleaning", "urgency": "general",
        "created_at": "2026-11-24T08:00:00",
        "windows": [{"start": "2026-11-24T10:00:00", "end": "2026-11-24T12:00:00"}],
        "duration_minutes": 60, "place": {"kind": "home"}}
PROVIDER = {"id": 1, "name": "Canteen", "kind": "canteen"}
SERVICE = {"id": 1, "provider": 1, "name": "Lunch", "categories": ["elder.meals"],
           "location": {"lat": 31.2, "lon": 121.5}, "radius_m": 500,
           "schedule": [{"weekday": "Tue", "opens": "11:00:00", "closes": "13:00:00"}],
           "capacity_per_week": 100, "fee": {"tier": "free"}, "mode": "at_facility"}


def snap(**kw):
    s = {"format": "huzhu.community", "version": 1, "name": "Bad lane", "residents": [RES],
         "volunteers": [VOL], "needs": [NEED]}
    s.update(kw)
    return s


def with_(record, **kw):
    r = copy.deepcopy(record)
    r.update(kw)
    return r


ROWS = []


def row(id, kind, example, case, at, py="HuzhuError (ValueError)", js="HuzhuError"):
    ROWS.append({"id": id, "kind": kind, "example": example, "case": case, "at": at,
                 "python": {"expected": py, "status": "pending"},
                 "js": {"expected": js, "status": "pending"}})


def snapshot_row(id, kind, example, snapshot=None, text=None, py="HuzhuError (ValueError)", js="HuzhuError"):
    inp = {"text": text} if text is not None else {"snapshot": snapshot}
    row(id, kind, example, {"kind": "snapshot", "input": inp}, "/error", py, js)


# --- Snapshot: coordinates, numbers -------------------------------------------------------
snapshot_row("snapshot.latitude_91", "latitude 91", "home.lat = 91", snap(residents=[with_(RES, home={"lat": 91.0, "lon": 0.0})]))
snapshot_row("snapshot.latitude_below_minus_90", "latitude below -90", "home.lat = -90.5", snap(residents=[with_(RES, home={"lat": -90.5, "lon": 0.0})]))
snapshot_row("snapshot.longitude_181", "longitude 181", "volunteer home.lon = 181", snap(volunteers=[with_(VOL, home={"lat": 31.2, "lon": 181.0})]))
snapshot_row("snapshot.nan_literal", "NaN coordinate (JSON text)", "\"lat\": NaN",
             text=json.dumps(snap()).replace('"lat": 31.2,', '"lat": NaN,', 1))
snapshot_row("snapshot.infinite_literal", "infinite coordinate (JSON text)", "\"lat\": 1e999",
             text=json.dumps(snap()).replace('"lat": 31.2,', '"lat": 1e999,', 1))
snapshot_row("snapshot.service_radius_nan_text", "NaN in a service location (JSON text)", "location.lon = -Infinity",
             text=json.dumps(snap(providers=[PROVIDER], services=[SERVICE])).replace('"lon": 121.5}, "radius_m"', '"lon": -Infinity}, "radius_m"', 1))
# --- Snapshot: durations and windows -------------------------------------------------------
snapshot_row("snapshot.zero_duration", "zero duration", "duration_minutes = 0", snap(needs=[with_(NEED, duration_minutes=0)]))
snapshot_row("snapshot.negative_duration", "negative duration", "duration_minutes = -30", snap(needs=[with_(NEED, duration_minutes=-30)]))
snapshot_row("snapshot.duration_overflow_u32", "integer overflow in minutes", "duration_minutes = 4294967296", snap(needs=[with_(NEED, duration_minutes=4294967296)]))
snapshot_row("snapshot.duration_too_long", "duration beyond the limit", "duration_minutes = 4294967295", snap(needs=[with_(NEED, duration_minutes=4294967295)]))
snapshot_row("snapshot.window_ends_before_start", "window ending before it starts", "10:00-09:00",
             snap(needs=[with_(NEED, windows=[{"start": "2026-11-24T10:00:00", "end": "2026-11-24T09:00:00"}])]))
snapshot_row("snapshot.window_empty", "zero-length window", "10:00-10:00",
             snap(needs=[with_(NEED, windows=[{"start": "2026-11-24T10:00:00", "end": "2026-11-24T10:00:00"}])]))
snapshot_row("snapshot.no_windows", "need without windows", "windows = []", snap(needs=[with_(NEED, windows=[])]))
snapshot_row("snapshot.window_shorter_than_duration", "window shorter than the duration", "1 h window, 90 min task",
             snap(needs=[with_(NEED, duration_minutes=150)]))
snapshot_row("snapshot.slot_closes_before_opens", "availability slot closing before it opens", "opens 12:00, closes 09:00",
             snap(volunteers=[with_(VOL, availability=[{"weekday": "Tue", "opens": "12:00:00", "closes": "09:00:00"}])]))
snapshot_row("snapshot.minutes_per_week_zero", "zero weekly minutes", "minutes_per_week = 0", snap(volunteers=[with_(VOL, minutes_per_week=0)]))
snapshot_row("snapshot.minutes_per_week_over_week", "more weekly minutes than a week has", "minutes_per_week = 10081", snap(volunteers=[with_(VOL, minutes_per_week=10081)]))
snapshot_row("snapshot.walking_speed_zero", "zero walking speed", "walking.metres_per_minute = 0", snap(walking={"metres_per_minute": 0}))
snapshot_row("snapshot.invalid_date", "impossible date", "birth_date = 2026-02-30", snap(residents=[with_(RES, birth_date="2026-02-30")]))
snapshot_row("snapshot.bad_datetime", "malformed date-time", "created_at = 24/11/2026 08:00", snap(needs=[with_(NEED, created_at="24/11/2026 08:00")]))
snapshot_row("snapshot.datetime_with_offset", "date-time with a UTC offset (times are local)", "created_at = 2026-11-24T08:00:00+08:00",
             snap(needs=[with_(NEED, created_at="2026-11-24T08:00:00+08:00")]))
snapshot_row("snapshot.leap_second", "leap second", "windows[0].end = 2026-12-31T23:59:60",
             snap(needs=[with_(NEED, created_at="2026-12-31T08:00:00", windows=[{"start": "2026-12-31T22:00:00", "end": "2026-12-31T23:59:60"}])]))
# --- Snapshot: ids and references ----------------------------------------------------------
snapshot_row("snapshot.duplicate_resident", "duplicate id", "two residents with id 1", snap(residents=[RES, RES]))
snapshot_row("snapshot.duplicate_need", "duplicate need id", "two needs with id 1", snap(needs=[NEED, NEED]))
snapshot_row("snapshot.dangling_need_resident", "dangling reference (need → resident)", "need.resident = 9", snap(needs=[with_(NEED, resident=9)]))
snapshot_row("snapshot.dangling_volunteer_resident", "dangling reference (volunteer → resident)", "volunteer.resident = 9", snap(volunteers=[with_(VOL, resident=9)]))
snapshot_row("snapshot.dangling_service_provider", "dangling reference (service → provider)", "service.provider = 5", snap(providers=[PROVIDER], services=[with_(SERVICE, provider=5)]))
snapshot_row("snapshot.excluded_unknown_volunteer", "dangling reference (need → excluded volunteer)", "excluded_volunteers = [42]", snap(needs=[with_(NEED, excluded_volunteers=[42])]))
snapshot_row("snapshot.unknown_category_need", "unknown category", "need.category = elder.juggling", snap(needs=[with_(NEED, category="elder.juggling")]))
snapshot_row("snapshot.unknown_category_service", "unknown category (service)", "categories = [nope]", snap(providers=[PROVIDER], services=[with_(SERVICE, categories=["nope"])]))
snapshot_row("snapshot.id_negative", "negative id", "resident id = -1", snap(residents=[with_(RES, id=-1)]))
snapshot_row("snapshot.id_over_u32", "id beyond u32", "resident id = 4294967296", snap(residents=[with_(RES, id=4294967296)]))
# --- Snapshot: strings, enums, shape -------------------------------------------------------
snapshot_row("snapshot.service_name_empty", "empty string", "service.name = \"\"", snap(providers=[PROVIDER], services=[with_(SERVICE, name="")]))
snapshot_row("snapshot.name_too_long", "over-long string", "name of 201 characters", snap(name="长" * 201))
snapshot_row("snapshot.provider_name_empty", "empty provider name", "provider.name = \"\"", snap(providers=[with_(PROVIDER, name="")]))
snapshot_row("snapshot.category_code_empty", "empty category code", "categories[0].code = \"\"",
             snap(categories=[{"code": "", "name_en": "X", "name_zh": "X", "group": "culture", "required_skills": [], "essential": False}]))
snapshot_row("snapshot.category_duplicate_builtin", "category duplicating a built-in code", "code = elder.meals",
             snap(categories=[{"code": "elder.meals", "name_en": "X", "name_zh": "X", "group": "elder", "required_skills": [], "essential": False}]))
snapshot_row("snapshot.unknown_enum", "unknown enum value", "household = alone", snap(residents=[with_(RES, household="alone")]))
snapshot_row("snapshot.wrong_type_id_string", "wrong type (string for integer)", "resident id = \"1\"", snap(residents=[with_(RES, id="1")]),
             py="HuzhuError (ValueError); TypeError if passed natively", js="HuzhuError; TypeError if passed natively")
snapshot_row("snapshot.null_required", "null for a required field", "birth_date = null", snap(residents=[with_(RES, birth_date=None)]),
             py="HuzhuError (ValueError); TypeError for None natively", js="HuzhuError; TypeError for null/undefined natively")
# --- Snapshot: the care loop (workers, care files, the contact log) ---------------------------
WORKER = {"id": 1, "name": "Li Hua", "role": "grid_worker", "grids": [1]}
FILE = {"resident": 1, "opened": "2026-01-05", "worker": 1,
        "assessment": {"date": "2026-01-05", "assessor": "worker#1", "self_care": "partial"}}
ITEM = {"category": "elder.cleaning", "every": "weekly", "weekday": "Wed", "from": "09:00:00",
        "until": "12:00:00", "duration_minutes": 90}
CONTACT = {"id": 1, "resident": 1, "worker": 1, "at": "2026-11-20T10:00:00", "kind": "visit"}
snapshot_row("snapshot.worker_name_empty", "empty worker name", "worker.name = \"\"", snap(workers=[with_(WORKER, name=" ")]))
snapshot_row("snapshot.worker_unknown_role", "unknown worker role", "role = janitor", snap(workers=[with_(WORKER, role="janitor")]))
snapshot_row("snapshot.care_file_unknown_worker", "dangling reference (care file → worker)", "care_files[0].worker = 9",
             snap(workers=[WORKER], care_files=[with_(FILE, worker=9)]))
snapshot_row("snapshot.care_file_unknown_resident", "dangling reference (care file → resident)", "care_files[0].resident = 9",
             snap(workers=[WORKER], care_files=[with_(FILE, resident=9)]))
snapshot_row("snapshot.care_file_duplicate", "two care files for one resident", "two files for resident 1",
             snap(workers=[WORKER], care_files=[FILE, FILE]))
snapshot_row("snapshot.care_file_closed_before_opened", "care file closed before it opened", "opened 2026-01-05, closed 2026-01-01",
             snap(workers=[WORKER], care_files=[with_(FILE, closed="2026-01-01")]))
snapshot_row("snapshot.care_file_assessor_empty", "assessment without an assessor", "assessment.assessor = \"\"",
             snap(workers=[WORKER], care_files=[with_(FILE, assessment={"date": "2026-01-05", "assessor": "", "self_care": "full"})]))
snapshot_row("snapshot.package_window_too_short", "package window shorter than its duration", "09:00-10:00 for 90 min",
             snap(workers=[WORKER], care_files=[with_(FILE, package=[with_(ITEM, until="10:00:00")])]))
snapshot_row("snapshot.package_weekly_without_weekday", "weekly package item without a weekday", "every = weekly, no weekday",
             snap(workers=[WORKER], care_files=[with_(FILE, package=[{k: v for k, v in ITEM.items() if k != "weekday"}])]))
snapshot_row("snapshot.package_unknown_category", "package item of an unknown category", "category = elder.juggling",
             snap(workers=[WORKER], care_files=[with_(FILE, package=[with_(ITEM, category="elder.juggling")])]))
snapshot_row("snapshot.contact_plan_zero_days", "contact plan visiting every 0 days", "contact.visit_every_days = 0",
             snap(workers=[WORKER], care_files=[with_(FILE, contact={"visit_every_days": 0})]))
snapshot_row("snapshot.contact_unknown_resident", "dangling reference (contact → resident)", "contacts[0].resident = 9",
             snap(workers=[WORKER], contacts=[with_(CONTACT, resident=9)]))
snapshot_row("snapshot.contact_unknown_worker", "dangling reference (contact → worker)", "contacts[0].worker = 9",
             snap(workers=[WORKER], contacts=[with_(CONTACT, worker=9)]))
snapshot_row("snapshot.contact_with_offset", "contact time with a UTC offset", "at = 2026-11-20T10:00:00+08:00",
             snap(workers=[WORKER], contacts=[with_(CONTACT, at="2026-11-20T10:00:00+08:00")]))
snapshot_row("snapshot.contact_unknown_kind", "unknown contact kind", "kind = letter", snap(workers=[WORKER], contacts=[with_(CONTACT, kind="letter")]))
snapshot_row("snapshot.need_unknown_channel", "unknown intake channel", "channel = pigeon", snap(needs=[with_(NEED, channel="pigeon")]))
snapshot_row("snapshot.need_history_out_of_order", "status history going back in time", "history[0].at before created_at",
             snap(needs=[with_(NEED, history=[{"at": "2026-11-23T08:00:00", "status": "matched"}])]))
# --- Snapshot: activities, complaints and suggestions, occupations ------------------------------
ACT = {"id": 1, "kind": "meeting", "start": "2026-11-24T19:00:00", "end": "2026-11-24T21:00:00", "attendees": [1]}
FB = {"id": 1, "kind": "complaint", "resident": 1, "received": "2026-11-24T09:00:00"}
snapshot_row("snapshot.activity_unknown_attendee", "dangling reference (activity → attendee)", "attendees = [9]",
             snap(activities=[with_(ACT, attendees=[9])]))
snapshot_row("snapshot.activity_attendee_twice", "an attendee listed twice", "attendees = [1, 1]",
             snap(activities=[with_(ACT, attendees=[1, 1])]))
snapshot_row("snapshot.activity_ends_before_start", "activity ending before it starts", "21:00-19:00",
             snap(activities=[with_(ACT, start="2026-11-24T21:00:00", end="2026-11-24T19:00:00")]))
snapshot_row("snapshot.activity_unknown_organiser", "dangling reference (activity → organiser)", "organiser = 5",
             snap(activities=[with_(ACT, organiser=5)]))
snapshot_row("snapshot.activity_unknown_kind", "unknown activity kind", "kind = party", snap(activities=[with_(ACT, kind="party")]))
snapshot_row("snapshot.feedback_outcome_while_open", "an outcome on feedback not closed", "outcome = upheld, not closed",
             snap(feedback=[with_(FB, outcome="upheld")]))
snapshot_row("snapshot.feedback_wrong_outcome", "an outcome of the other kind", "a complaint adopted",
             snap(feedback=[with_(FB, closed="2026-11-25T09:00:00", outcome="adopted")]))
snapshot_row("snapshot.feedback_answered_before_received", "answered before it was received", "answered 08:00, received 09:00",
             snap(feedback=[with_(FB, answered="2026-11-24T08:00:00")]))
snapshot_row("snapshot.feedback_unknown_subject", "dangling reference (feedback → service)", "subject = service 7",
             snap(feedback=[with_(FB, subject={"kind": "service", "id": 7})]))
snapshot_row("snapshot.resident_unknown_occupation", "unknown occupation", "occupation = astronaut",
             snap(residents=[with_(RES, occupation="astronaut")]))
snapshot_row("snapshot.unknown_field", "unknown field", "top-level \"colour\"", snap(colour="red"))
snapshot_row("snapshot.wrong_format", "wrong format tag", "format = huzhu.other", snap(format="huzhu.other"))
snapshot_row("snapshot.future_version", "unsupported version", "version = 2", snap(version=2))
snapshot_row("snapshot.not_json", "not JSON", "text \"residents:\"", text="residents:")
snapshot_row("snapshot.truncated_json", "truncated JSON", "first 40 bytes", text=json.dumps(snap())[:40])
snapshot_row("snapshot.top_level_array", "wrong top-level type", "[]", text="[]")
snapshot_row("snapshot.deep_nesting", "pathologically nested JSON", "100,000 nested arrays", text="[" * 100000 + "]" * 100000)

# --- Matching ------------------------------------------------------------------------------
CTX = {"now": "2026-11-24T08:00:00"}


def match_row(id, kind, example, steps=None, policy=None, context=CTX, at="/steps/0/error", snapshot=None):
    inp = {"community": snapshot or snap(), "context": context}
    if policy is not None:
        inp["policy"] = policy
    if steps is not None:
        inp["steps"] = steps
    row(id, kind, example, {"kind": "match", "input": inp}, at)


V9 = {"kind": "volunteer", "id": 9}
match_row("match.policy_negative_weight", "negative policy weight", "travel_per_minute = -1", policy={"travel_per_minute": -1}, at="/error")
match_row("match.policy_task_minutes_zero", "zero nominal task length", "nominal_task_minutes = 0", policy={"nominal_task_minutes": 0}, at="/error")
match_row("match.policy_penalty_huge", "penalty beyond the solver limit", "unassigned_penalty_emergency = 10^13", policy={"unassigned_penalty_emergency": 10 ** 13}, at="/error")
match_row("match.policy_penalty_order", "penalties out of order", "special < general", policy={"unassigned_penalty_special": 100}, at="/error")
match_row("match.policy_score_scale_zero", "zero score scale", "score_scale = 0", policy={"score_scale": 0}, at="/error")
match_row("match.policy_wrong_type", "wrong type in policy", "fairness_step = \"40\"", policy={"fairness_step": "40"}, at="/error")
match_row("match.context_bad_now", "malformed time in context", "now = \"yesterday\"", context={"now": "yesterday"}, at="/error")
match_row("match.context_now_with_offset", "date-time with a UTC offset (now)", "now = 2026-11-24T08:00:00+08:00",
          context={"now": "2026-11-24T08:00:00+08:00"}, at="/error")
match_row("match.context_reliability_over_1000", "reliability above 1000 per mille", "reliability volunteer#1 = 1001",
          context={"now": "2026-11-24T08:00:00", "reliability": {"volunteer#1": 1001}}, at="/error")
match_row("match.pin_unknown_need", "unknown id (pin need)", "pin need 9", steps=[{"pin": {"need": 9, "helper": {"kind": "volunteer", "id": 1}}}])
match_row("match.pin_unknown_helper", "unknown id (pin helper)", "pin to volunteer 9", steps=[{"pin": {"need": 1, "helper": V9}}])
match_row("match.why_not_unknown_helper", "unknown id (why-not helper)", "why_not volunteer 9", steps=["solve", {"why_not": {"need": 1, "helper": V9}}], at="/steps/1/error")
match_row("match.remove_unknown_need", "unknown id (remove)", "remove need 9", steps=[{"remove_need": {"need": 9}}])
match_row("match.add_duplicate_need", "duplicate id (add need)", "add need 1 again", steps=[{"add_need": NEED}])
match_row("match.add_dangling_need", "dangling reference (add need)", "need for resident 9", steps=[{"add_need": with_(NEED, id=2, resident=9)}])
match_row("match.add_need_bad_window", "window ending before it starts (add need)", "added need 12:00-10:00",
          steps=[{"add_need": with_(NEED, id=2, windows=[{"start": "2026-11-24T12:00:00", "end": "2026-11-24T10:00:00"}])}])
match_row("match.unknown_step", "unknown operation", "step \"teleport\"", steps=["teleport"], at="/error")

# --- Ledger --------------------------------------------------------------------------------
def at_(hm):
    return f"2026-11-24T{hm}:00"


V1 = {"volunteer": 1}
OPEN = [{"open": {"id": V1}}, {"open": {"id": {"volunteer": 2}}}]


def sub(key, op, hm="09:00", operator="desk"):
    return {"submit": {"key": key, "operator": operator, "at": at_(hm), "operation": op}}


def ledger_row(id, kind, example, steps, policy=None, at=None):
    inp = {"steps": OPEN + steps}
    if policy is not None:
        inp["policy"] = policy
    row(id, kind, example, {"kind": "ledger", "input": inp}, at or f"/steps/{len(OPEN) + len(steps) - 1}/error")


EARN = {"op": "earn", "account": V1, "need": 1, "minutes": 60}
ledger_row("ledger.floor_breach", "redeem below the floor", "redeem 61 with 60", [sub("e", EARN), sub("r", {"op": "redeem", "account": V1, "minutes": 61, "need": None})])
ledger_row("ledger.batch_floor_halfway", "a batch that breaks a floor halfway", "[earn 30, redeem 200, earn 10]",
           [sub("b", {"op": "batch", "operations": [dict(EARN, minutes=30), {"op": "redeem", "account": V1, "minutes": 200, "need": None}, dict(EARN, minutes=10)]})])
ledger_row("ledger.replayed_key_other_content", "replayed idempotency key with different content", "key e: 60 then 90", [sub("e", EARN), sub("e", dict(EARN, minutes=90))])
ledger_row("ledger.minutes_overflow", "integer overflow in minutes", "earn i64::MAX twice without a cap",
           [sub("a", dict(EARN, minutes=9223372036854775807)), sub("b", {"op": "earn", "account": {"volunteer": 2}, "need": 2, "minutes": 9223372036854775807})],
           policy={"cap": None})
ledger_row("ledger.minutes_beyond_i64", "minutes beyond i64", "minutes = 2^63", [sub("a", dict(EARN, minutes=9223372036854775808))], at="/error")
ledger_row("ledger.minutes_float", "wrong type (float minutes)", "minutes = 1.5", [sub("a", dict(EARN, minutes=1.5))], at="/error")
ledger_row("ledger.minutes_negative", "negative amount", "minutes = -60", [sub("a", dict(EARN, minutes=-60))])
ledger_row("ledger.minutes_zero", "zero amount", "minutes = 0", [sub("a", dict(EARN, minutes=0))])
ledger_row("ledger.empty_key", "empty string (key)", "key = \"\"", [sub("", EARN)])
ledger_row("ledger.empty_operator", "empty string (operator)", "operator = \"\"", [sub("a", EARN, operator="")])
ledger_row("ledger.unknown_account", "unknown account", "earn to volunteer 9", [sub("a", dict(EARN, account={"volunteer": 9}))])
ledger_row("ledger.non_member", "non-member account", "redeem from the fund", [sub("a", {"op": "redeem", "account": "fund", "minutes": 10, "need": None})])
ledger_row("ledger.legacy_pool_label", "an account in an input-only spelling (named back in the one spelling)", "redeem from \"donation-pool\"",
           [sub("a", {"op": "redeem", "account": "donation-pool", "minutes": 10, "need": None})])
ledger_row("ledger.bad_account_label", "an account label that does not read", "account = \"volunteer#x\"",
           [sub("a", dict(EARN, account="volunteer#x"))], at="/error")
ledger_row("ledger.self_transfer", "transfer to itself", "v1 → v1", [sub("e", EARN), sub("t", {"op": "transfer", "from": V1, "to": V1, "minutes": 10})])
ledger_row("ledger.nested_batch", "batch inside a batch", "batch [batch [...]]", [sub("b", {"op": "batch", "operations": [{"op": "batch", "operations": [EARN]}]})])
ledger_row("ledger.empty_batch", "empty batch", "batch []", [sub("b", {"op": "batch", "operations": []})])
ledger_row("ledger.time_backwards", "time going backwards", "10:00 then 09:00", [sub("a", EARN, "10:00"), sub("b", dict(EARN, need=2), "09:00")])
ledger_row("ledger.reverse_unknown", "dangling reference (reversal)", "reverse tx 7", [sub("x", {"op": "reverse", "transaction": 7})])
ledger_row("ledger.reverse_twice", "double reversal", "reverse tx 1 twice", [sub("e", EARN), sub("x", {"op": "reverse", "transaction": 1}), sub("y", {"op": "reverse", "transaction": 1})])
ledger_row("ledger.duplicate_account", "duplicate account", "open volunteer 1 twice", [{"open": {"id": V1}}])
ledger_row("ledger.unknown_op", "unknown operation", "op = \"mint\"", [sub("a", {"op": "mint", "account": V1, "minutes": 5})], at="/error")
ledger_row("ledger.null_account", "null account", "account = null", [sub("a", dict(EARN, account=None))], at="/error")
ledger_row("ledger.policy_unit_zero", "invalid policy (unit 0)", "unit = 0", [], policy={"unit": 0}, at="/error")
ledger_row("ledger.policy_negative_cap", "invalid policy (negative cap)", "cap = -1", [], policy={"cap": -1}, at="/error")
ledger_row("ledger.policy_grant_over_cap", "invalid policy (grant above cap)", "starting_grant 120 > cap 60", [], policy={"cap": 60, "starting_grant": 120}, at="/error")
ledger_row("ledger.policy_negative_overdraft", "invalid policy (negative overdraft)", "overdraft_limit = -5", [], policy={"overdraft_limit": -5}, at="/error")
ledger_row("ledger.approve_unknown", "approval of an unknown key", "approve \"nope\"", [{"approve": {"key": "nope", "reviewer": "rev", "at": at_("09:00")}}])
ledger_row("ledger.approve_empty_reviewer", "empty reviewer", "reviewer = \"\"", [{"approve": {"key": "nope", "reviewer": "", "at": at_("09:00")}}])
ledger_row("ledger.statement_unknown_account", "statement of an unknown account", "statement of resident 9",
           [{"statement": {"account": {"resident": 9}, "from": at_("00:00"), "until": at_("23:00")}}])

# --- Ledger: clearing between banks (通存通兑) ------------------------------------------------
XFER = {"transfer": "t1", "from_bank": "pudong", "to_bank": "xuhui", "from": V1, "to": {"volunteer": 7}, "minutes": 90}
PUDONG = {"clearing": {"bank": "pudong"}}
XUHUI = {"clearing": {"bank": "xuhui"}}
HEAD = "ab" * 32
ledger_row("ledger.clearing_disabled", "clearing without a bank code", "prepare with no clearing.bank",
           [sub("e", EARN), sub("p", dict(XFER, op="clearing_prepare"))])
ledger_row("ledger.clearing_same_bank", "clearing to the same bank", "pudong → pudong",
           [{"open": {"id": "clearing#pudong"}}, sub("e", EARN), sub("p", dict(XFER, op="clearing_prepare", to_bank="pudong"))],
           policy=PUDONG)
ledger_row("ledger.clearing_daily_limit", "clearing over the member's daily limit", "90 with a 60-minute limit",
           [{"open": {"id": "clearing#xuhui"}}, sub("e", EARN), sub("p", dict(XFER, op="clearing_prepare"))],
           policy={"clearing": {"bank": "pudong", "member_daily_limit": 60}})
ledger_row("ledger.clearing_applied_twice", "a transfer applied twice under another key", "apply t1, apply t1 again",
           [{"open": {"id": "clearing#pudong"}},
            sub("a1", dict(XFER, op="clearing_apply", to=V1, source_head=HEAD)),
            sub("a2", dict(XFER, op="clearing_apply", to=V1, source_head=HEAD))],
           policy=XUHUI)
ledger_row("ledger.clearing_unknown_transfer", "acknowledging a transfer never prepared", "acknowledge t9",
           [sub("k", {"op": "clearing_acknowledge", "transfer": "t9", "from_bank": "pudong", "to_bank": "xuhui",
                      "dest_head": HEAD})],
           policy=PUDONG)


# --- Clearing driver: the steps between banks (kind "clearing", tests/src/clearing.rs) -----------
def clearing_row(id, kind, example, steps, banks=None):
    base = [{"bank": "pudong", "open": {"id": "clearing#xuhui"}}, {"bank": "pudong", "open": {"id": V1}},
            {"bank": "xuhui", "open": {"id": "clearing#pudong"}}, {"bank": "xuhui", "open": {"id": V1}},
            {"bank": "pudong", "submit": {"key": "e", "operator": "desk", "at": "2026-11-24T09:00:00",
                                          "operation": EARN}},
            {"bank": "pudong", "prepare": {"key": "send", "operator": "desk", "at": "2026-11-24T10:00:00",
                                           "request": {"transfer_key": "t1", "to_bank": "xuhui",
                                                       "from_account": V1, "to_account": V1, "minutes": 45}}}]
    inp = {"banks": banks or {"pudong": {"policy": PUDONG}, "xuhui": {"policy": XUHUI}},
           "operator": "clearing:city", "steps": base + steps}
    row(id, kind, example, {"kind": "clearing", "input": inp}, f"/steps/{len(base) + len(steps) - 1}/error")


clearing_row("clearing.message_to_another_bank", "a clearing message delivered to the wrong bank",
             "Pudong's message for Xuhui applied at Pudong",
             [{"bank": "pudong", "apply": {"message": 5, "at": "2026-11-24T11:00:00"}}])
clearing_row("clearing.bank_without_code", "a clearing message at a bank that takes no part in clearing",
             "applied at a bank whose policy names no bank",
             [{"bank": "jingan", "apply": {"message": 5, "at": "2026-11-24T11:00:00"}}],
             banks={"pudong": {"policy": PUDONG}, "xuhui": {"policy": XUHUI}, "jingan": {"policy": {}}})
clearing_row("clearing.refusal_without_reason", "a clearing refusal without a reason", "reason = \"\"",
             [{"bank": "xuhui", "refuse": {"message": 5, "reason": "", "at": "2026-11-24T11:00:00"}}])
clearing_row("clearing.reply_settled_at_the_receiver", "a clearing reply settled at the bank that sent it",
             "Xuhui's reply settled at Xuhui",
             [{"bank": "xuhui", "apply": {"message": 5, "at": "2026-11-24T11:00:00"}},
              {"bank": "xuhui", "settle": {"reply": 6, "at": "2026-11-24T12:00:00"}}])



# --- Visit rounds (kind "rounds", tests/src/rounds.rs) -------------------------------------------
R_PLACE = {"lat": 31.2, "lon": 121.5}
R_MORNING = {"start": "2026-12-08T09:00:00", "end": "2026-12-08T12:00:00"}
R_VISIT = {"id": 1, "place": R_PLACE, "minutes": 30, "windows": [R_MORNING]}
R_WORKER = {"server": "worker#1", "start": R_PLACE, "end": R_PLACE, "shifts": [R_MORNING]}


def rounds_row(id, kind, example, visits=None, workers=None, policy=None):
    inp = {"visits": visits if visits is not None else [R_VISIT],
           "workers": workers if workers is not None else [R_WORKER]}
    if policy is not None:
        inp["policy"] = policy
    row(id, kind, example, {"kind": "rounds", "input": inp}, "/error")


rounds_row("rounds.duplicate_visit_id", "a visit id used twice", "two visits with id 1", visits=[R_VISIT, R_VISIT])
rounds_row("rounds.zero_minutes", "a visit of no time", "minutes = 0", visits=[dict(R_VISIT, minutes=0)])
rounds_row("rounds.window_shorter_than_visit", "a window shorter than the visit", "30 minutes in 9:00-9:20",
           visits=[dict(R_VISIT, windows=[{"start": "2026-12-08T09:00:00", "end": "2026-12-08T09:20:00"}])])
rounds_row("rounds.latitude_91", "latitude 91 (a visit's place)", "place.lat = 91",
           visits=[dict(R_VISIT, place={"lat": 91.0, "lon": 121.5})])
rounds_row("rounds.shift_reversed", "a shift that ends before it starts", "shift 12:00-9:00",
           workers=[dict(R_WORKER, shifts=[{"start": "2026-12-08T12:00:00", "end": "2026-12-08T09:00:00"}])])
rounds_row("rounds.duplicate_server", "a server listed twice", "worker#1 twice", workers=[R_WORKER, R_WORKER])
rounds_row("rounds.policy_detour_below_100", "a street detour shorter than the straight line", "detour_percent = 90",
           policy={"detour_percent": 90})

# --- A week of rounds (kind "week", tests/src/week.rs) ----------------------------------------
W_WORKER = {"server": "worker#1", "start": R_PLACE, "end": R_PLACE,
            "shifts": [{"start": f"2026-12-{d:02}T09:00:00", "end": f"2026-12-{d:02}T12:00:00"} for d in range(7, 12)]}
W_PLAN = {"visit": {"id": 1, "place": R_PLACE, "minutes": 30}, "every_days": 7, "last": "2026-12-01"}


def week_row(id, kind, example, plans=None, workers=None, budgets=None, through="2026-12-13", policy=None):
    inp = {"plans": plans if plans is not None else [W_PLAN],
           "workers": workers if workers is not None else [W_WORKER],
           "from": "2026-12-07", "through": through}
    if budgets is not None:
        inp["budgets"] = budgets
    if policy is not None:
        inp["policy"] = policy
    row(id, kind, example, {"kind": "week", "input": inp}, "/error")


week_row("week.every_days_zero", "a contact interval of no days", "every_days = 0",
         plans=[dict(W_PLAN, every_days=0)])
week_row("week.every_days_huge", "a contact interval past ten years", "every_days = 4294967295",
         plans=[dict(W_PLAN, every_days=4294967295)])
week_row("week.longer_than_a_year", "a plan over more than a year", "from 2026-12-07 through 2027-12-31",
         through="2027-12-31")
week_row("week.duplicate_plan_id", "a visit id used twice in a week", "two plans for visit 1",
         plans=[W_PLAN, W_PLAN])
week_row("week.last_after_first_day", "a last visit after the week's first day", "last = 2026-12-09 for a week from 12-07",
         plans=[dict(W_PLAN, last="2026-12-09")])
week_row("week.zero_minutes_not_due", "a visit of no time, even one not due this week",
         "minutes = 0, last visited the day before",
         plans=[dict(W_PLAN, visit=dict(W_PLAN["visit"], minutes=0), last="2026-12-06")])
week_row("week.budget_unknown_server", "a weekly budget for a server with no shifts listed",
         "budgets = {volunteer#9: 60}", budgets={"volunteer#9": 60})
week_row("week.through_before_from", "a week that ends before it starts", "from 12-07 through 12-01",
         through="2026-12-01")
week_row("week.policy_iterations_zero", "a week's rounds settings with no search iterations",
         "policy.rounds.iterations = 0", policy={"rounds": {"iterations": 0}})


# --- Ledger: points (积分), the second unit ----------------------------------------------------
def earn_points(n, rule="meeting"):
    return {"op": "earn_points", "account": V1, "rule": rule, "points": n}


def item(code, price, stock=None):
    return {"code": code, "name": "Clinic priority slot", "price": price, "stock": stock}


LIST = sub("l", {"op": "list_item", "item": item("slot", 20, 1)})
ledger_row("ledger.points_daily_cap", "points past the daily cap", "2 points, then 1 more the same day",
           [sub("p1", earn_points(2)), sub("p2", earn_points(1), "10:00")])
ledger_row("ledger.points_lifetime_cap", "points past the lifetime cap", "lifetime cap 2: 2, then 1 the next day",
           [sub("p1", earn_points(2)), {"submit": {"key": "p2", "operator": "desk", "at": "2026-11-25T09:00:00", "operation": earn_points(1)}}],
           policy={"points_lifetime_cap": 2, "points_daily_cap": 2})
ledger_row("ledger.points_exchange_short", "exchange beyond the points balance", "20-point slot with 2 points",
           [sub("p", earn_points(2)), LIST, sub("x", {"op": "exchange", "account": V1, "item": "slot", "quantity": 1}, "10:00")])
ledger_row("ledger.points_stock_short", "exchange beyond the stock", "2 slots, 1 in stock",
           [LIST, sub("x", {"op": "exchange", "account": V1, "item": "slot", "quantity": 2}, "10:00")])
ledger_row("ledger.points_unknown_item", "exchange of an unlisted item", "item = \"massage\"",
           [sub("x", {"op": "exchange", "account": V1, "item": "massage", "quantity": 1})])
ledger_row("ledger.points_duplicate_item", "listing an item twice", "list \"slot\" twice",
           [LIST, sub("l2", {"op": "list_item", "item": item("slot", 30)}, "10:00")])
ledger_row("ledger.points_price_zero", "item priced at 0 points", "price = 0",
           [sub("l", {"op": "list_item", "item": item("slot", 0)})])
ledger_row("ledger.points_restock_unlimited", "restocking an item of unlimited stock", "restock an unlimited item",
           [sub("l", {"op": "list_item", "item": item("slot", 20)}), sub("r", {"op": "restock", "item": "slot", "quantity": 5}, "10:00")])
ledger_row("ledger.points_reverse_listing", "reversing a listing", "reverse tx 1 (the listing)",
           [LIST, sub("x", {"op": "reverse", "transaction": 1}, "10:00")])
ledger_row("ledger.points_policy_negative_cap", "invalid policy (negative points cap)", "points_daily_cap = -1", [],
           policy={"points_daily_cap": -1}, at="/error")

# --- Journal -------------------------------------------------------------------------------
JSTEPS = [{"open": {"id": V1}}, sub("e1", EARN), sub("r1", {"op": "redeem", "account": V1, "minutes": 30, "need": None}, "10:00")]


def journal_row(id, kind, example, tamper):
    row(id, kind, example, {"kind": "journal", "input": {"steps": JSTEPS, "tamper": tamper}}, "/import/error")


journal_row("journal.edited", "journal edited", "amount 60 → 600", [{"replace": {"from": "\"amount\":60", "to": "\"amount\":600"}}])
journal_row("journal.edited_whitespace", "journal edited (whitespace only)", "a space after the first comma", [{"replace": {"from": ",", "to": ", "}}])
journal_row("journal.reordered", "journal reordered", "lines 3 and 4 swapped", [{"swap_lines": [3, 4]}])
journal_row("journal.truncated", "journal truncated", "seal cut off", [{"truncate_lines": 4}])
journal_row("journal.line_removed", "journal line removed", "line 3 deleted", [{"delete_line": 3}])
journal_row("journal.empty", "empty journal", "\"\"", [{"truncate_lines": 0}])
journal_row("journal.not_json", "journal line not JSON", "line 2 replaced by \"hello\"", [{"replace": {"from": "{\"entry\":{\"account\"", "to": "hello"}}])
journal_row("journal.trailing", "content after the seal", "extra line", [{"append": "{\"seq\":5}"}])
journal_row("journal.header_removed", "journal without header", "line 1 deleted", [{"delete_line": 1}])
journal_row("journal.wrong_format", "journal of another format", "format renamed", [{"replace": {"from": "huzhu-ledger-journal", "to": "huzhu-ledger-journat"}}])

# --- Scoring -------------------------------------------------------------------------------
P = {"start": "2026-10-01", "end": "2026-11-01"}
SV = {"id": 1, "respondent": 1, "helper": {"kind": "volunteer", "id": 1}, "period": P, "answers": {"attitude": 4}}
REC = {"id": 1, "need": 1, "helper": {"kind": "volunteer", "id": 1}, "started": "2026-10-06T09:00:00",
       "finished": "2026-10-06T10:00:00", "outcome": "done"}


def score_row(id, kind, example, **kw):
    inp = {"community": snap(), "period": P, "now": "2026-11-01T00:00:00", "sections": ["alerts"]}
    inp.update(kw)
    row(id, kind, example, {"kind": "score", "input": inp}, "/error")


score_row("score.period_reversed", "period ending before it starts", "period 1 Nov → 1 Oct", period={"start": "2026-11-01", "end": "2026-10-01"})
score_row("score.answer_out_of_range", "Likert answer out of range", "attitude = 6", surveys=[with_(SV, answers={"attitude": 6})])
score_row("score.answer_zero", "Likert answer zero", "attitude = 0", surveys=[with_(SV, answers={"attitude": 0})])
score_row("score.survey_unknown_helper", "dangling reference (survey → helper)", "volunteer 9", surveys=[with_(SV, helper={"kind": "volunteer", "id": 9})])
score_row("score.survey_no_answers", "survey without answers", "answers = {}", surveys=[with_(SV, answers={})])
score_row("score.duplicate_survey", "duplicate survey id", "two surveys with id 1", surveys=[SV, SV])
score_row("score.record_finished_before_started", "record finishing before it starts", "10:00 → 09:00", records=[with_(REC, finished="2026-10-06T08:00:00")])
score_row("score.record_unknown_need", "dangling reference (record → need)", "need 9", records=[with_(REC, need=9)])
score_row("score.policy_nan_like", "policy threshold out of range", "alerts.correct_below = 1.5", policy={"alerts": {"correct_below": 1.5}})
score_row("score.unknown_dimension", "unknown survey dimension", "answers.beauty", surveys=[with_(SV, answers={"beauty": 3})])


WORKER = {"id": 1, "name": "Li Hua", "role": "grid_worker", "grids": [1]}
TRAINING = {"worker": 1, "date": "2026-10-10", "minutes": 120}
FUNDING = {"source": "government", "date": "2026-10-10", "amount_fen": 100000}
score_row("score.training_zero_minutes", "training of zero minutes", "minutes = 0",
          community=snap(workers=[WORKER]), training=[with_(TRAINING, minutes=0)])
score_row("score.training_unknown_worker", "dangling reference (training → worker)", "worker 9",
          community=snap(workers=[WORKER]), training=[with_(TRAINING, worker=9)])
score_row("score.funding_zero_amount", "funding of zero", "amount_fen = 0", funding=[with_(FUNDING, amount_fen=0)])
score_row("score.funding_unknown_source", "unknown funding source", "source = \"lottery\"",
          funding=[with_(FUNDING, source="lottery")])
score_row("score.policy_qualified_share", "staffing norm out of range", "staffing.qualified_share = 1.5",
          policy={"staffing": {"qualified_share": 1.5}})


# --- Evaluation: KPIs, levels, staffing advice ------------------------------------------------
KPI = {"code": "match_rate", "measure": "match_rate", "name_en": "Match rate", "name_zh": "供需匹配率",
       "baseline": 0.55, "baseline_date": "2026-01-01", "target": 0.82, "deadline": "2029-01-01",
       "direction": "increase"}


def kpi_row(id, kind, example, kpis=None, series=None, period_days=91):
    inp = {"kpis": kpis if kpis is not None else [KPI], "series": series or {}, "today": "2026-07-01",
           "period_days": period_days}
    row(id, kind, example, {"kind": "kpi", "input": inp}, "/error")


kpi_row("kpi.unknown_measure", "KPI of an unknown measure", "measure = \"happiness\"", [with_(KPI, measure="happiness")])
kpi_row("kpi.target_wrong_side", "target on the wrong side of the baseline", "0.55 → 0.40, increase", [with_(KPI, target=0.40)])
kpi_row("kpi.deadline_not_after_baseline", "deadline not after the baseline", "deadline = baseline_date",
        [with_(KPI, deadline="2026-01-01")])
kpi_row("kpi.direction_contradicts_measure", "direction against the measure", "match rate to decrease",
        [with_(KPI, direction="decrease", target=0.40)])
kpi_row("kpi.duplicate_code", "duplicate KPI code", "two KPIs match_rate", [KPI, KPI])
kpi_row("kpi.series_not_increasing", "observations out of date order", "1 July, then 1 April",
        series={"match_rate": [{"date": "2026-07-01", "value": 0.6}, {"date": "2026-04-01", "value": 0.58}]})
kpi_row("kpi.period_days_zero", "evaluation period of zero days", "period_days = 0", period_days=0)


def rollup_row(id, kind, example, nodes, tallies=None):
    row(id, kind, example, {"kind": "rollup", "input": {"nodes": nodes, "tallies": tallies or {}}}, "/error")


STREET = {"id": "s1", "name": "Street", "level": "street"}
COMMUNITY = {"id": "c1", "name": "Community", "level": "community", "parent": "s1"}
rollup_row("rollup.unknown_parent", "node under an unknown parent", "parent = \"s9\"",
           [STREET, with_(COMMUNITY, parent="s9")])
rollup_row("rollup.parent_at_lower_level", "parent at a lower level", "a street under a community",
           [with_(STREET, parent="c1"), with_(COMMUNITY, parent=None)])
rollup_row("rollup.duplicate_node", "duplicate node id", "two nodes s1", [STREET, STREET])
rollup_row("rollup.tally_unknown_node", "tally for a node not in the hierarchy", "tally of \"x\"",
           [STREET, COMMUNITY], {"x": {"residents": 1}})

row("advice.max_recruits_zero", "advice asking for no recruits", "options.max_recruits = 0",
    {"kind": "advice", "input": {"community": snap(), "now": "2026-11-24T08:00:00",
                                 "options": {"max_recruits": 0}}}, "/error")


# --- The care loop: the contact policy and latent-need rules -----------------------------------
def care_row(id, kind, example, section, **kw):
    inp = {"community": snap(), "now": "2026-11-24T09:00:00", "sections": [section]}
    inp.update(kw)
    at = "/error" if "policy" in kw else f"/sections/{section}/error"
    row(id, kind, example, {"kind": "care", "input": inp}, at, py="huzhu.PolicyError", js="HuzhuError")


RULE = {"code": "alone_no_contact", "who": {"min_age": 75}, "lacking": {"kind": "contact", "days": 7},
        "infer": "elder.home_visit", "duration_minutes": 45}
care_row("care.policy_zero_visit_interval", "contact policy visiting every 0 days", "older_visit_days = 0",
         "contacts", policy={"older_visit_days": 0})
care_row("care.policy_unknown_setting", "unknown contact-policy setting", "visit_every = 7", "contacts",
         policy={"visit_every": 7})
care_row("care.rule_unknown_category", "latent rule inferring an unknown category", "infer = elder.juggling",
         "infer", rules=[with_(RULE, infer="elder.juggling")])
care_row("care.rule_zero_days", "latent rule without contact for 0 days", "lacking.days = 0", "infer",
         rules=[RULE, with_(RULE, lacking={"kind": "contact", "days": 0})])
care_row("care.rule_zero_duration", "latent rule inferring a 0-minute need", "duration_minutes = 0", "infer",
         rules=[with_(RULE, duration_minutes=0)])

# --- Deadlines -----------------------------------------------------------------------------
row("deadline.unknown_urgency", "unknown urgency class", "urgency = \"whenever\"",
    {"kind": "deadline", "input": {"queries": [{"deadline": {"created_at": "2026-11-24T08:00:00", "urgency": "whenever"}}]}}, "/error")
row("deadline.bad_weekday", "unknown weekday", "weekend = [\"Caturday\"]",
    {"kind": "deadline", "input": {"calendar": {"weekend": ["Caturday"]}, "queries": []}}, "/error")
row("case.unknown_kind", "unknown case kind", "kind = \"dance\"", {"kind": "dance", "input": {}}, "/error")
row("case.not_json", "case not JSON", "text \"{\"", "{", "/error")

PY_TEST = "bindings-python/tests/test_bad_inputs_native.py"
JS_TEST = "bindings-wasm/tests/node/badinput.test.mjs"
PY_RUN_CASE = "bindings-python/tests/test_conformance.py (run_case)"
JS_RUN_CASE = "bindings-wasm/tests/node/conformance.test.mjs (runCase)"


# What each binding raises: the core's error, with the core's facts (code, message, record,
# field), whenever the native call reaches the same core check as run_case. The facts come
# from the reviewed `rust` column (which run_case fills with the record and field the error
# names) or, for ledger and journal errors, from the documented rules of LedgerError::record /
# field (core/src/ledger/error.rs).
LEDGER_FIELD = {
    "FLOOR_BREACH": "minutes", "CAP_BREACH": "minutes", "OVERFLOW": "minutes",
    "NON_POSITIVE_AMOUNT": "minutes", "IDEMPOTENCY_CONFLICT": "key", "NOT_PENDING": "key",
    "UNKNOWN_ACCOUNT": "account", "NOT_A_MEMBER_ACCOUNT": "account", "SAME_ACCOUNT": "account",
    "DUPLICATE_ACCOUNT": "account", "ACCOUNT_NOT_OPEN": "account", "EMPTY_BATCH": "operations",
    "TIME_OUT_OF_ORDER": "at", "UNKNOWN_TRANSACTION": "transaction", "ALREADY_REVERSED": "transaction",
    "POINTS_CAP_REACHED": "points", "INSUFFICIENT_POINTS": "points", "STOCK_SHORT": "quantity",
    "UNKNOWN_ITEM": "item", "DUPLICATE_ITEM": "item.code", "UNLIMITED_STOCK": "item",
    "NOT_REVERSIBLE": "transaction", "CLEARING_DISABLED": None, "SAME_BANK": "to_bank",
    "CLEARING_LIMIT": "minutes", "TRANSFER_ALREADY_APPLIED": "transfer", "UNKNOWN_TRANSFER": "transfer",
}
PY_CLASS = {"MODEL": "huzhu.ValidationError", "MATCH": "huzhu.MatchError", "LEDGER": "huzhu.LedgerError",
            "JOURNAL": "huzhu.JournalError", "SCORING": "huzhu.ScoringError"}


def ledger_fault(code, message):
    """LedgerError::record and ::field for the row's error (the key is in the message)."""
    leaf = code.removeprefix("LEDGER_")
    if leaf == "INVALID_POLICY":
        return "ledger policy", re.match(r"invalid ledger policy: (\w+)", message).group(1)
    if leaf == "EMPTY_FIELD":
        named = re.match(r"^transaction '([^']*)': (\S+) must not be empty", message)
        if named:
            return f"transaction '{named.group(1)}'", named.group(2)
        return None, re.match(r"(\S+) must not be empty", message).group(1)
    m = re.match(r"^account (\S+) is", message)
    if m:
        return m.group(1), "account"
    record = "transaction '%s'" % re.match(r"^transaction '([^']*)'", message).group(1)
    if leaf == "NOT_ALLOWED_IN_BATCH":
        return record, "operations[%s]" % re.search(r"\(item (\d+)\)$", message).group(1)
    if leaf == "NON_POSITIVE_AMOUNT" and "item.price" in message:
        return record, "item.price"
    if leaf == "WRONG_BANK":  # the message names the bank field that points elsewhere
        return record, re.search(r"': (\w+) is ", message).group(1)
    if leaf == "BATCH_ITEM":
        index = re.search(r"batch item (\d+) rejected", message).group(1)
        return record, f"operations[{index}].minutes"  # the item's own field (a floor breach: minutes)
    return record, LEDGER_FIELD[leaf]


def ledger_methods(step, code):
    """The native calls that replay a ledger row's refused step, in Python and in JS."""
    if code == "LEDGER_INVALID_POLICY":
        return "`huzhu.Ledger(**policy)`", "`new Ledger(policy)`"
    name, s = next(iter(step.items()))
    if name == "open":
        return "`Ledger.open_account`", "`Ledger.openAccount`"
    if name in ("approve", "statement"):
        return f"`Ledger.{name}`", f"`Ledger.{name}`"
    op = s["operation"]["op"]
    if op.startswith("clearing_"):
        return (f"`Ledger.submit({{\"op\": \"{op}\", …}})`", f"`Ledger.submit(meta, {{op: \"{op}\", …}})`")
    camel = re.sub(r"_(\w)", lambda m: m.group(1).upper(), op)
    return f"`Ledger.{op}`", f"`Ledger.{camel}`"


def spec(via, raises, code=None, message=None, record=None, field=None, test=PY_TEST, **extra):
    out = {"status": "confirmed", "via": via, "raises": raises, "code": code, "message": message,
           "record": record, "field": field, "test": test}
    out.update(extra)
    return out


def run_case_only(reason, test):
    return {"status": "confirmed", "via": "run_case", "reason": reason, "raises": None, "code": None,
            "message": None, "record": None, "field": None, "test": test}


def both(py_via, js_via, facts, py_raises=None, **extra):
    """The same facts on both surfaces: Python raises its class for the code, JS a HuzhuError."""
    raises = py_raises or PY_CLASS[facts["code"].split("_")[0]]
    return (spec(py_via, raises, **facts, **extra),
            spec(js_via, "HuzhuError", test=JS_TEST, **facts, **extra))


def native_columns(r):
    """What each binding's own API gives for the row, confirmed by the tests named in `test`:
    Python's exception class and JS's HuzhuError, each with the core's `code`, `message`,
    `record` and `field` (and `line` for text). `message_contains` stands where a native call
    wraps the same core message in a longer one."""
    rid, rust = r["id"], r["rust"]
    code, message = rust["code"], rust["message"]
    kind = rid.split(".")[0]
    facts = {"code": code, "message": message, "record": rust.get("record"), "field": rust.get("field")}
    line = re.match(r"^JSON, line (\d+) column \d+: ", message)
    extra = {"line": int(line.group(1))} if line else {}
    if kind == "snapshot":
        r["python"], r["js"] = both("`Community.from_json`", "`Community.fromJson`", facts, **extra)
    elif kind == "match" and code.startswith("MODEL_"):
        need = r["case"]["input"]["steps"][0]["add_need"]
        record = f"need#{need['id']}"
        field = {"MODEL_INVALID_FIELD": "windows[0].end", "MODEL_UNKNOWN_REFERENCE": "resident"}.get(code)
        r["python"], r["js"] = both(
            "`Community.from_json` (the snapshot with the need added: Python's Community has no add_need)",
            "`Community.addNeed` (the community is unchanged after the refusal)",
            dict(facts, record=record, field=field))
    elif kind == "match" and code == "MATCH_INVALID_POLICY":
        setting = message.removeprefix("invalid match policy: ").split()[0]
        r["python"], r["js"] = both("`Community.match(policy=…)`", "`Community.match(now, policy)`",
                                    dict(facts, record="match policy", field=setting), py_raises="huzhu.PolicyError")
    elif kind == "match" and code == "MATCH_INVALID_CONTEXT" and rid != "match.context_reliability_over_1000":
        now = r["case"]["input"]["context"]["now"]
        why = ("it has a UTC offset or time zone, and huzhu's times are the community's local wall-clock "
               "time: convert to local time and leave the offset out") if "+" in now else \
            "write YYYY-MM-DDTHH:MM:SS (or a date for its midnight)"
        native = {"code": "INVALID_DATE", "record": None, "field": "now",
                  "message": f'now: "{now}" is not a local date-time like 2026-11-24T09:00:00: {why}'}
        r["python"], r["js"] = both("`Community.match(now=…)`", "`Community.match(now)`", native,
                                    py_raises="huzhu.ValidationError",
                                    note="natively `now` is an argument of its own, read by the core's local-time rule")
    elif kind == "match" and code == "MATCH_INVALID_CONTEXT":
        r["python"], r["js"] = both("`Community.match(reliability=…)`", "`Community.match(now, policy, context)`",
                                    dict(facts, record="match context",
                                         field=re.search(r"field `([^`]*)`", message).group(1)),
                                    py_raises="huzhu.ValidationError")
    elif kind == "match" and code in ("MATCH_UNKNOWN_NEED", "MATCH_UNKNOWN_HELPER"):
        record = message.split(":")[0]
        if rid == "match.why_not_unknown_helper":
            py_via, js_via = "`Plan.why_not`", "`Matcher.solve`, then `Matcher.whyNot`"
        else:
            py_via, js_via = "`Community.match(pinned=…)`", "`Matcher.pin`"
        if rid == "match.remove_unknown_need":
            r["python"] = run_case_only(
                "Python's Community is immutable and Plan has no remove_need: no native call removes a need",
                PY_RUN_CASE)
            r["js"] = spec("`Community.removeNeed` (the JS Matcher has no removeNeed; the community's own "
                           "removal says the record does not exist)", "HuzhuError", code="MODEL_NOT_FOUND",
                           message="need#9: no such record", record="need#9", test=JS_TEST)
        else:
            r["python"], r["js"] = both(py_via, js_via, dict(facts, record=record))
    elif kind == "ledger" and code != "CASE_JSON":
        record, field = ledger_fault(code, message)
        via_py, via_js = ledger_methods(r["case"]["input"]["steps"][-1], code)
        raises = "huzhu.PolicyError" if code == "LEDGER_INVALID_POLICY" else "huzhu.LedgerError"
        r["python"], r["js"] = both(via_py, via_js, dict(facts, record=record, field=field), py_raises=raises)
        if rid == "ledger.minutes_overflow":
            r["js"]["via"] = ("`Ledger.earn`: JS numbers stop at 2^53, so 1,024 earns of 2^53−1 to volunteer#1, "
                              "then earn 'b' of 2^53−1 to volunteer#2 overflows the fund")
    elif kind == "clearing":
        record, field = ledger_fault(code, message)
        name = next(k for k in r["case"]["input"]["steps"][-1] if k != "bank")
        r["python"], r["js"] = both(f"`Clearing.{name}` (a `Clearing` on `Ledger`s built from the case)",
                                    f"`Clearing.{name}` (a `Clearing` on `Ledger`s built from the case)",
                                    dict(facts, record=record, field=field), py_raises="huzhu.LedgerError")
    elif kind == "rounds":
        record, field, reason = re.match(r"^(.*?): (\S+) (.*)$", message).groups()
        raises = "huzhu.PolicyError" if record == "rounds policy" else "huzhu.ValidationError"
        r["python"], r["js"] = both("`huzhu.plan_rounds(visits, workers, policy=…)` (the core's JSON as lists of dicts)",
                                    "`planRounds(visits, workers, policy)`",
                                    dict(facts, record=record, field=field), py_raises=raises)
    elif kind == "week":
        record, field, reason = re.match(r"^(.*?): (\S+) (.*)$", message).groups()
        raises = "huzhu.PolicyError" if record == "rounds policy" else "huzhu.ValidationError"
        r["python"], r["js"] = both(
            "`huzhu.plan_week(plans, workers, start=, through=, budgets=, policy=)` (the core's JSON as lists of dicts)",
            "`planWeek(plans, workers, {from, through, budgets, policy})`",
            dict(facts, record=record, field=field), py_raises=raises)
    elif kind == "journal":
        line = int(re.match(r"^journal line (\d+):", message).group(1))
        r["python"], r["js"] = both("`Ledger.export_journal`, the edit, `Ledger.import_journal`",
                                    "`Ledger.exportJournal`, the edit, `Ledger.importJournal`",
                                    dict(facts, record=f"journal line {line}"), line=line)
    elif kind == "score" and code != "CASE_JSON":
        m = re.match(r"^(.*?): field `([^`]*)`", message) or re.match(r"^(.*?): (duplicate id)$", message)
        record = m.group(1)
        field = m.group(2) if m.group(2) != "duplicate id" else None
        raises = "huzhu.PolicyError" if record == "scoring policy" else "huzhu.ScoringError"
        r["python"], r["js"] = both(
            "`Evidence.from_tables`, then `scoring.scorecard(plan, evidence, start=, end=, now=, policy=)`",
            "`scorecard(community, inputs, policy)`", dict(facts, record=record, field=field), py_raises=raises)
    elif kind in ("kpi", "rollup"):
        m = re.match(r"^(.*?): field `([^`]*)`", message) or re.match(r"^(.*?): (duplicate id)$", message)
        record = m.group(1)
        field = m.group(2) if m.group(2) != "duplicate id" else None
        if kind == "rollup":
            vias = ("`scoring.rollup(nodes, tallies)`", "`rollup(nodes, tallies)`")
        elif rid == "kpi.duplicate_code":
            vias = ("`scoring.evaluate_kpis(kpis, scorecards, today=)`", "`evaluateKpis(kpis, scorecards, today)`")
        else:
            vias = ("`scoring.kpi_progress(kpi, series, today=, period_days=)`",
                    "`kpiProgress(kpi, series, today, periodDays)`")
        r["python"], r["js"] = both(*vias, dict(facts, record=record, field=field), py_raises="huzhu.ScoringError")
    elif kind == "advice":
        setting = message.removeprefix("invalid match policy: ").split()[0]
        r["python"], r["js"] = both("`Plan.staffing_advice(**options)`", "`staffingAdvice(community, now, options)`",
                                    dict(facts, record="match policy", field=setting), py_raises="huzhu.PolicyError")
    elif kind == "care":
        inp = r["case"]["input"]
        if "policy" in inp:
            vias = ("`care.contact_schedule(community, now=, **policy)`", "`contactSchedule(community, now, policy)`")
        else:
            vias = ("`care.infer_needs(community, now=, rules=)`", "`inferNeeds(community, now, rules)`")
        r["python"], r["js"] = both(*vias, facts, py_raises="huzhu.PolicyError")
    elif kind == "deadline":
        what = "calendar has the weekend" if rid == "deadline.bad_weekday" else "need has the urgency"
        path = "calendar.weekend[0]" if rid == "deadline.bad_weekday" else "needs[0].urgency"
        r["python"], r["js"] = both(f"`Community.from_json` (a snapshot whose {what})",
                                    "`Community.fromJson` (the same snapshot)",
                                    {"code": "MODEL_JSON", "record": None, "field": path},
                                    message_contains=message, line=1,
                                    note="no deadline function is exported; the urgency and the calendar reach the core through the snapshot")
    else:
        r["python"], r["js"] = NATIVE_OVERRIDES[rid]()


def _no_steps(r_id):
    reason = ("a case step names an operation; natively an operation is a method, and an unknown one "
              "is refused by the language (AttributeError / not a function) before huzhu runs")
    return (run_case_only(reason, PY_RUN_CASE), run_case_only(reason, JS_RUN_CASE))


def _not_a_case():
    reason = "the case file itself is malformed; the native APIs take no case files"
    return (run_case_only(reason, PY_RUN_CASE), run_case_only(reason, JS_RUN_CASE))


OPERATION_VARIANTS = ("unknown variant `mint`, expected one of `earn`, `redeem`, `transfer`, `donate`, "
                      "`starting_grant`, `pool_grant`, `batch`, `reverse`, `earn_points`, `exchange`, "
                      "`list_item`, `restock`, `clearing_prepare`, `clearing_apply`, `clearing_refuse`, "
                      "`clearing_acknowledge`, `clearing_cancel`")
NATIVE_OVERRIDES = {
    "match.unknown_step": lambda: _no_steps("match.unknown_step"),
    "ledger.minutes_beyond_i64": lambda: (
        spec("`Ledger.earn(…, minutes=2**63)`", "huzhu.ValidationError", code="INVALID_ARGUMENT", field="minutes",
             message="minutes: 9223372036854775808 is outside the 64-bit range of minutes"),
        spec("`Ledger.earn(meta, account, need, 2 ** 63)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="minutes", message="minutes: 9223372036854776000 is not a whole number of minutes",
             note="JS numbers are exact to 2^53 only: minutes beyond it are refused")),
    "ledger.minutes_float": lambda: (
        spec("`Ledger.earn(…, minutes=1.5)`", "TypeError", code="INVALID_ARGUMENT", field="minutes",
             message="minutes: expected whole minutes (an int), got 1.5"),
        spec("`Ledger.earn(meta, account, need, 1.5)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="minutes", message="minutes: 1.5 is not a whole number of minutes")),
    "ledger.unknown_op": lambda: both(
        "`Ledger.submit({\"op\": \"mint\", …})`", "`Ledger.submit(meta, {op: \"mint\", …})`",
        {"code": "MODEL_JSON", "record": None, "field": "operation.op",
         "message": f"JSON: {OPERATION_VARIANTS}"}, py_raises="huzhu.ValidationError"),
    "ledger.null_account": lambda: (
        spec("`Ledger.earn(None, …)`", "TypeError", code="INVALID_ARGUMENT", field="account",
             message="account: expected an account label such as \"volunteer#3\", got None"),
        spec("`Ledger.earn(meta, null, …)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="account", message="account: expected an account label such as \"volunteer#3\", got null")),
    "ledger.bad_account_label": lambda: both(
        "`Ledger.earn(\"volunteer#x\", …)`", "`Ledger.earn(meta, \"volunteer#x\", …)`",
        {"code": "INVALID_ID", "record": None, "field": "account",
         "message": "account: \"volunteer#x\" is not an account like resident#1, volunteer#2, organisation#3, "
                    "fund, donation_pool or clearing#pudong"}, py_raises="huzhu.ValidationError"),
    "score.unknown_dimension": lambda: (
        spec("`Evidence.from_tables(surveys=[{…, \"beauty\": 3}])`, then `scoring.scorecard`", "huzhu.ScoringError",
             code="SCORING_INVALID_FIELD", record="survey#1", field="answers",
             message="survey#1: field `answers` must not be empty",
             note="a table may carry other columns: Evidence.from_tables reads the five dimension columns, "
                  "so `beauty` is ignored and the survey has no answers"),
        spec("`scorecard(community, inputs, policy)`", "HuzhuError", test=JS_TEST, code="MODEL_JSON",
             field="inputs.surveys[0].answers",
             message="JSON: unknown variant `beauty`, expected one of `content`, "
                     "`efficiency`, `attitude`, `sustainability`, `innovation`")),
    "score.funding_unknown_source": lambda: (
        spec("`Evidence.from_tables(funding=[{\"source\": \"lottery\", …}])`", "huzhu.ValidationError",
             code="MODEL_JSON", field="source",
             message_contains="unknown variant `lottery`, expected one of `government`, `welfare_lottery`, "
                              "`charity`, `enterprise`, `service_fees`, `other`",
             note="the table reader names the table, row and column; the core reads the source"),
        spec("`scorecard(community, inputs, policy)`", "HuzhuError", test=JS_TEST, code="MODEL_JSON",
             field="inputs.funding[0].source",
             message_contains="unknown variant `lottery`, expected one of `government`, `welfare_lottery`, "
                              "`charity`, `enterprise`, `service_fees`, `other`")),
    "case.unknown_kind": _not_a_case,
    "case.not_json": _not_a_case,
}


old = {}
if OUT.exists():
    for r in json.loads(OUT.read_text()):
        old[r["id"]] = r.get("rust")
if len(sys.argv) == 3 and sys.argv[1] == "--refill":
    for line in pathlib.Path(sys.argv[2]).read_text().splitlines():
        rid, _, actual = line.partition("\t")
        if actual.startswith("{"):
            old[rid] = json.loads(actual)
ids = [r["id"] for r in ROWS]
assert len(ids) == len(set(ids)), "duplicate row ids"
for r in ROWS:
    r["rust"] = old.get(r["id"])
    if r["rust"] is None or not r["rust"]["code"].isupper():  # a new row: run it, review its `rust` column by hand, then rerun this
        r["python"] = r["js"] = {"status": "pending"}
        continue
    native_columns(r)
OUT.write_text(json.dumps(ROWS, ensure_ascii=False, indent=1) + "\n")
print(f"{len(ROWS)} rows")
