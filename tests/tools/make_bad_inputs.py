"""Writes tests/bad-inputs.json: every kind of bad input tried through run_case.

Each row: id, kind (what is wrong), example (short), case (a run_case case), at (JSON pointer
to the error object in the output), rust (code and message, filled from real runs and reviewed),
python / js (what each binding's own API raises, confirmed by the tests each names: see
`native_columns`). Rows that JSON cannot
express (NaN floats through an API, huge generated inputs) are tests in core/tests/badinput_*.rs
and listed in tests/bad-input.md.

Run: python3 tests/tools/make_bad_inputs.py  (keeps the reviewed `rust` column of existing rows)
"""
import copy
import json
import pathlib
import re

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
snapshot_row("snapshot.bad_datetime", "malformed date-time", "created_at = 2026-11-24 08:00", snap(needs=[with_(NEED, created_at="2026-11-24 08:00")]))
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
OPEN = [{"open": {"account": V1}}, {"open": {"account": {"volunteer": 2}}}]


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
           policy={"cap": "none"})
ledger_row("ledger.minutes_beyond_i64", "minutes beyond i64", "minutes = 2^63", [sub("a", dict(EARN, minutes=9223372036854775808))], at="/error")
ledger_row("ledger.minutes_float", "wrong type (float minutes)", "minutes = 1.5", [sub("a", dict(EARN, minutes=1.5))], at="/error")
ledger_row("ledger.minutes_negative", "negative amount", "minutes = -60", [sub("a", dict(EARN, minutes=-60))])
ledger_row("ledger.minutes_zero", "zero amount", "minutes = 0", [sub("a", dict(EARN, minutes=0))])
ledger_row("ledger.empty_key", "empty string (key)", "key = \"\"", [sub("", EARN)])
ledger_row("ledger.empty_operator", "empty string (operator)", "operator = \"\"", [sub("a", EARN, operator="")])
ledger_row("ledger.unknown_account", "unknown account", "earn to volunteer 9", [sub("a", dict(EARN, account={"volunteer": 9}))])
ledger_row("ledger.non_member", "non-member account", "redeem from the fund", [sub("a", {"op": "redeem", "account": "fund", "minutes": 10, "need": None})])
ledger_row("ledger.self_transfer", "transfer to itself", "v1 → v1", [sub("e", EARN), sub("t", {"op": "transfer", "from": V1, "to": V1, "minutes": 10})])
ledger_row("ledger.nested_batch", "batch inside a batch", "batch [batch [...]]", [sub("b", {"op": "batch", "operations": [{"op": "batch", "operations": [EARN]}]})])
ledger_row("ledger.empty_batch", "empty batch", "batch []", [sub("b", {"op": "batch", "operations": []})])
ledger_row("ledger.time_backwards", "time going backwards", "10:00 then 09:00", [sub("a", EARN, "10:00"), sub("b", dict(EARN, need=2), "09:00")])
ledger_row("ledger.reverse_unknown", "dangling reference (reversal)", "reverse tx 7", [sub("x", {"op": "reverse", "transaction": 7})])
ledger_row("ledger.reverse_twice", "double reversal", "reverse tx 1 twice", [sub("e", EARN), sub("x", {"op": "reverse", "transaction": 1}), sub("y", {"op": "reverse", "transaction": 1})])
ledger_row("ledger.duplicate_account", "duplicate account", "open volunteer 1 twice", [{"open": {"account": V1}}])
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

# --- Journal -------------------------------------------------------------------------------
JSTEPS = [{"open": {"account": V1}}, sub("e1", EARN), sub("r1", {"op": "redeem", "account": V1, "minutes": 30, "need": None}, "10:00")]


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


def fault_of_message(message):
    """Record, field and line that a core message names, read from the reviewed Rust message:
    `need#1: field `windows[0].end` …`, `need#1: duplicate id`, `volunteer#9: unknown helper`,
    `JSON snapshot, line 1 column 9: …` (no record: the line says where)."""
    m = re.match(r"^JSON snapshot, line (\d+) column \d+: ", message)
    if m:
        return None, None, int(m.group(1))
    m = re.match(r"^(.*?): field `([^`]*)`", message)
    if m:
        return m.group(1), m.group(2), None
    m = re.match(r"^(.*?): (duplicate id|not open for matching|unknown helper|no such record)$", message)
    if m:
        return m.group(1), None, None
    return None, None, None


# The ledger's record and field for each core error (bindings-python/src/errors.rs `ledger_fault`,
# bindings-wasm/src/error.rs `From<LedgerError>`): the record is the transaction by its key (or the
# account, for account queries; the policy for policy errors), the field the part of the request
# at fault.
LEDGER_FIELD = {
    "floor_breach": "minutes", "cap_breach": "minutes", "overflow": "minutes",
    "non_positive_amount": "minutes", "idempotency_conflict": "key", "not_pending": "key",
    "unknown_account": "account", "not_a_member_account": "account", "same_account": "account",
    "duplicate_account": "account", "account_not_open": "account", "empty_batch": "operations",
    "time_out_of_order": "at", "unknown_transaction": "transaction", "already_reversed": "transaction",
}


def ledger_fault(code, message):
    if code == "invalid_policy":
        return "ledger policy", re.match(r"invalid ledger policy: (\w+)", message).group(1)
    if code == "empty_field":
        return None, re.match(r"(\w+) must not be empty", message).group(1)
    m = re.match(r"^account (\S+) is", message)
    if m:
        return m.group(1), "account"
    record = "transaction '%s'" % re.match(r"^transaction '([^']*)'", message).group(1)
    if code == "not_allowed_in_batch":
        return record, "operations[%s]" % re.search(r"\(item (\d+)\)$", message).group(1)
    if code == "batch_item":
        index = re.search(r"batch item (\d+) rejected", message).group(1)
        return record, f"operations[{index}].minutes"  # the item's own field (a floor breach: minutes)
    return record, LEDGER_FIELD[code]


def ledger_methods(step, code):
    """The native calls that replay a ledger row's refused step, in Python and in JS."""
    if code == "invalid_policy":
        return "`huzhu.Ledger(**policy)`", "`new Ledger(policy)`"
    name, s = next(iter(step.items()))
    if name == "open":
        return "`Ledger.open_account`", "`Ledger.openAccount`"
    if name in ("approve", "statement"):
        return f"`Ledger.{name}`", f"`Ledger.{name}`"
    op = s["operation"]["op"]
    py = {"earn": "earn", "redeem": "redeem", "transfer": "transfer", "batch": "batch", "reverse": "reverse"}
    return f"`Ledger.{py[op]}`", f"`Ledger.{py[op]}`"


def camel(code):
    return "".join(part.title() for part in code.split("_"))


def spec(via, raises, message=None, record=None, field=None, test=PY_TEST, **extra):
    out = {"status": "confirmed", "via": via, "raises": raises, "message": message,
           "record": record, "field": field, "test": test}
    out.update(extra)
    return out


def run_case_only(reason, test):
    return {"status": "confirmed", "via": "run_case", "reason": reason, "raises": None,
            "message": None, "record": None, "field": None, "test": test}


def native_columns(r):
    """What each binding's own API gives for the row, confirmed by the tests named in `test`.

    Python: the exception class (`huzhu.HuzhuError` subclasses) and its `record` / `field`
    attributes (LedgerError adds `kind`, the core variant). JS: a `HuzhuError` with `code`,
    `record`, `field`. `message` is the exact text (`message_contains` where the native text
    adds a position); it is the Rust message whenever the native call reaches the same core check.
    """
    rid, code, message = r["id"], r["rust"]["code"], r["rust"]["message"]
    kind = rid.split(".")[0]
    same = {"message": message}
    if kind in ("snapshot",) or (kind == "match" and code.startswith("model.")):
        leaf = code.split(".")[-1]
        record, field, line = fault_of_message(message)
        extra = {} if line is None else {"line": line}
        if kind == "snapshot":
            py_via, js_via = "`Community.from_json`", "`Community.fromJson`"
        else:
            py_via = "`Community.from_json` (the snapshot with the need added: Python's Community has no add_need)"
            js_via = "`Community.addNeed` (the community is unchanged after the refusal)"
        r["python"] = spec(py_via, "huzhu.ValidationError", record=record, field=field, **same, **extra)
        r["js"] = spec(js_via, "HuzhuError", record=record, field=field, test=JS_TEST,
                       code=f"MODEL_{leaf.upper()}", **same, **extra)
    elif kind == "match" and code == "invalid_policy":
        first = message.removeprefix("invalid match policy: ").split()[0]
        r["python"] = spec("`Community.match(policy=…)`", "huzhu.PolicyError", record="match policy",
                           field=first if "_" in first else None, **same)
        r["js"] = spec("`Community.match(now, policy)`", "HuzhuError", record="match policy",
                       field="policy", test=JS_TEST, code="MATCH_INVALID_POLICY", **same)
    elif kind == "match" and code in ("unknown_need", "unknown_helper"):
        record, _, _ = fault_of_message(message)
        if rid == "match.why_not_unknown_helper":
            py_via, js_via = "`Plan.why_not`", "`Matcher.solve`, then `Matcher.whyNot`"
        else:
            py_via, js_via = "`Community.match(pinned=…)`", "`Matcher.pin`"
        if rid == "match.remove_unknown_need":
            r["python"] = run_case_only(
                "Python's Community is immutable and Plan has no remove_need: no native call removes a need",
                PY_RUN_CASE)
            r["js"] = spec("`Community.removeNeed` (the JS Matcher has no removeNeed; the community's own "
                           "removal says the record does not exist)", "HuzhuError",
                           message="need#9: no such record", record="need#9", test=JS_TEST,
                           code="MODEL_NOT_FOUND")
        else:
            r["python"] = spec(py_via, "huzhu.MatchError", record=record, **same)
            r["js"] = spec(js_via, "HuzhuError", record=record, test=JS_TEST,
                           code=f"MATCH_{code.upper()}", **same)
    elif kind == "ledger" and code != "case_json":
        record, field = ledger_fault(code, message)
        via_py, via_js = ledger_methods(r["case"]["input"]["steps"][-1], code)
        r["python"] = spec(via_py, "huzhu.PolicyError" if code == "invalid_policy" else "huzhu.LedgerError",
                           record=record, field=field, kind=camel(code), **same)
        r["js"] = spec(via_js, "HuzhuError", record=record, field=field, test=JS_TEST,
                       code=f"LEDGER_{code.upper()}", **same)
        if rid == "ledger.minutes_overflow":
            r["js"]["via"] = ("`Ledger.earn`: JS numbers stop at 2^53, so 1,024 earns of 2^53−1 to volunteer#1, "
                              "then earn 'b' of 2^53−1 to volunteer#2 overflows the fund")
    elif kind == "journal":
        line = int(re.match(r"^journal line (\d+):", message).group(1))
        r["python"] = spec("`Ledger.export_journal`, the edit, `Ledger.import_journal`", "huzhu.JournalError",
                           record=f"journal line {line}", line=line, kind=camel(code.split(".")[1]), **same)
        r["js"] = spec("`Ledger.exportJournal`, the edit, `Ledger.importJournal`", "HuzhuError",
                       record=f"journal line {line}", line=line, test=JS_TEST,
                       code="JOURNAL_" + code.split(".")[1].upper(), **same)
    elif kind == "score" and code != "case_json":
        record, field, _ = fault_of_message(message)
        r["python"] = spec("`Evidence.from_tables`, then `scoring.scorecard(plan, evidence, start=, end=, now=, policy=)`",
                           "huzhu.ScoringError", record=record, field=field, **same)
        r["js"] = spec("`scorecard(community, inputs, policy)`", "HuzhuError", record=record, field=field,
                       test=JS_TEST, code=f"SCORING_{code.upper()}", **same)
    elif kind == "deadline":
        via_py, via_js = "`Community.from_json` (a snapshot whose need has the urgency)", "`Community.fromJson` (the same snapshot)"
        if rid == "deadline.bad_weekday":
            via_py, via_js = "`Community.from_json` (a snapshot whose calendar has the weekend)", "`Community.fromJson` (the same snapshot)"
        r["python"] = spec(via_py, "huzhu.ValidationError", message_contains=message, line=1,
                           note="no deadline function is exported; the urgency and the calendar reach the core through the snapshot")
        r["js"] = spec(via_js, "HuzhuError", message_contains=message, line=1, test=JS_TEST, code="MODEL_JSON",
                       note="no deadline function is exported; the urgency and the calendar reach the core through the snapshot")
    else:
        r["python"], r["js"] = NATIVE_OVERRIDES[rid]()


def _match_wrong_type():
    return (spec("`Community.match(policy=…)`", "huzhu.PolicyError",
                 message='match policy: fairness_step: invalid type: string "40", expected i64',
                 record="match policy", field="fairness_step"),
            spec("`Community.match(now, policy)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
                 message='policy.fairness_step: invalid type: string "40", expected i64', field="policy.fairness_step"))


def _match_bad_now():
    return (spec("`Community.match(now=…)`", "huzhu.ValidationError", field="now",
                 message='now: expected a date and time (YYYY-MM-DDTHH:MM:SS), got "yesterday"'),
            spec("`Community.match(now)`", "HuzhuError", test=JS_TEST, code="INVALID_DATE", field="now",
                 message='now: "yesterday" is not a local ISO date-time like 2026-11-24T09:00:00 (no offset)'))


def _no_steps(r_id):
    reason = ("a case step names an operation; natively an operation is a method, and an unknown one "
              "is refused by the language (AttributeError / not a function) before huzhu runs")
    return (run_case_only(reason, PY_RUN_CASE), run_case_only(reason, JS_RUN_CASE))


def _not_a_case():
    reason = "the case file itself is malformed; the native APIs take no case files"
    return (run_case_only(reason, PY_RUN_CASE), run_case_only(reason, JS_RUN_CASE))


NATIVE_OVERRIDES = {
    "match.policy_wrong_type": _match_wrong_type,
    "match.context_bad_now": _match_bad_now,
    "match.unknown_step": lambda: _no_steps("match.unknown_step"),
    "ledger.minutes_beyond_i64": lambda: (
        spec("`Ledger.earn(…, minutes=2**63)`", "huzhu.ValidationError", field="minutes",
             message="minutes: 9223372036854775808 is outside the 64-bit range of minutes"),
        spec("`Ledger.earn(meta, account, need, 2 ** 63)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="minutes", message="minutes: 9223372036854776000 is not a whole number of minutes",
             note="JS numbers are exact to 2^53 only: minutes beyond it are refused")),
    "ledger.minutes_float": lambda: (
        spec("`Ledger.earn(…, minutes=1.5)`", "TypeError", field="minutes",
             message="minutes: expected whole minutes (an int), got 1.5"),
        spec("`Ledger.earn(meta, account, need, 1.5)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="minutes", message="minutes: 1.5 is not a whole number of minutes")),
    "ledger.unknown_op": lambda: (
        spec("`Ledger.submit({\"op\": \"mint\", …})`", "huzhu.PolicyError", record="ledger operation",
             field="operation",
             message="ledger operation: unknown variant `mint`, expected one of `earn`, `redeem`, `transfer`, "
                     "`donate`, `starting_grant`, `pool_grant`, `batch`, `reverse` (operations look like "
                     "{\"op\": \"earn\", \"account\": \"volunteer#1\", \"need\": 7, \"minutes\": 60})"),
        spec("`Ledger.submit(meta, {op: \"mint\", …})`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="operation",
             message="operation: unknown variant `mint`, expected one of `earn`, `redeem`, `transfer`, "
                     "`donate`, `starting_grant`, `pool_grant`, `batch`, `reverse`")),
    "ledger.null_account": lambda: (
        spec("`Ledger.earn(None, …)`", "TypeError", field="account",
             message="account: expected an account such as \"volunteer#3\", got None"),
        spec("`Ledger.earn(meta, null, …)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="account", message="account: expected value")),
    "score.unknown_dimension": lambda: (
        spec("`Evidence.from_tables(surveys=[{…, \"beauty\": 3}])`, then `scoring.scorecard`", "huzhu.ScoringError",
             record="survey#1", field="answers", message="survey#1: field `answers` must not be empty",
             note="a table may carry other columns: Evidence.from_tables reads the five dimension columns, "
                  "so `beauty` is ignored and the survey has no answers"),
        spec("`scorecard(community, inputs, policy)`", "HuzhuError", test=JS_TEST, code="INVALID_ARGUMENT",
             field="inputs.surveys[0].answers.beauty",
             message="inputs.surveys[0].answers.beauty: unknown variant `beauty`, expected one of `content`, "
                     "`efficiency`, `attitude`, `sustainability`, `innovation`")),
    "case.unknown_kind": _not_a_case,
    "case.not_json": _not_a_case,
}


old = {}
if OUT.exists():
    for r in json.loads(OUT.read_text()):
        old[r["id"]] = r.get("rust")
ids = [r["id"] for r in ROWS]
assert len(ids) == len(set(ids)), "duplicate row ids"
for r in ROWS:
    r["rust"] = old.get(r["id"])
    native_columns(r)
OUT.write_text(json.dumps(ROWS, ensure_ascii=False, indent=1) + "\n")
print(f"{len(ROWS)} rows")
