"""Writes tests/hostile-matrix.json: hostile values × the public functions that take them.

Issue 24, "no silent wrong values": every surface refuses what it cannot mean. Each row tries one
hostile value (a class below) in one argument of one function, with every other argument valid;
bindings-python/tests/test_hostile_matrix.py and bindings-wasm/tests/node/hostile-matrix.test.mjs
run every row through a table of callables keyed by `function` and assert the refusal (and, for a
ledger operation, that no balance, point or journal line changed).

A row: {id, class, function, argument, value, expected: {python: {exception, code?, field?,
names?}, js: {name, code?, field?, names?}}}. `function` and `argument` are surface-neutral
(each test maps them onto its own call); `value` is JSON with markers for what JSON lacks:
{"$float": "nan" | "inf" | "-inf"}, {"$aware": "<ISO text with offset>"} (a timezone-aware
`datetime` in Python; JavaScript has no aware time: a `Date` is a local time by the package's
rule, so such rows are Python only), {"$swap": true} (the range's start and end exchanged).
A row without a `js` (or `python`) expectation is not run on that surface. `field` is matched
exactly; `names` must appear in the error's field, setting or record (a JSON path whose prefix is
the surface's own argument name).

The rule per class (what each surface does; the expected outcomes below come from it, never
from running the code):

* bool — a bool is never a number, an id, a time or a coordinate (one exception, Python only:
  see PYTHON_BOOL_AS_INT below). An argument the binding reads:
  Python TypeError (code INVALID_ARGUMENT, field the argument); JS HuzhuError INVALID_ARGUMENT
  naming the argument. A member of an object the core reads (a record, settings, a JSON option
  object): HuzhuError from the core's reader naming the member, on both surfaces.
* numeric_string — "30" is text, not a number: refused like a bool (no surface documents numeric
  text for a quantity). Ids are not in this class: their text form is the core's label grammar.
* nan / infinity — not a number anyone means. A whole-number argument: Python TypeError (a float
  is not an int); JS HuzhuError INVALID_ARGUMENT. A member of an object (a record, settings,
  values): Python HuzhuError INVALID_ARGUMENT (the binding refuses the float before the core
  reads it: JSON has no NaN); JS HuzhuError MODEL_JSON naming the member (JSON.stringify writes
  null: the core's reader refuses it where a number is required, the binding where null would be
  read as "none").
* fractional — 1.5 where a whole number is asked: like nan (Python TypeError, JS INVALID_ARGUMENT;
  inside a core-read object, the core's reader).
* out_of_range — negative minutes, latitude 91, Likert 0 or 6, ids ≥ 2^32 or 2^63, zero days:
  HuzhuError naming the argument, code the checker's (the core's where the core checks it:
  LEDGER_NON_POSITIVE_AMOUNT, INVALID_ID; INVALID_ARGUMENT where the binding's integer type ends).
* aware_time — a UTC offset ("…+08:00", "Z") or a timezone-aware datetime: never converted, never
  dropped. An argument: HuzhuError INVALID_DATE naming it. A member of a core-read object:
  HuzhuError from the core's JSON reader naming the member (MODEL_JSON or the reader's code).
* leap_second — "2026-12-31T23:59:60": local clocks do not show it; as aware_time.
* missing_time — None / null where a time is required: Python TypeError INVALID_ARGUMENT naming the
  argument; JS HuzhuError (INVALID_ARGUMENT for an argument; the core's reader for a member).
* number_as_time — an epoch number where a time is asked: as missing_time.
* reversed_range — a period, window or week ending before it starts: HuzhuError from the core's
  check naming the range.
* empty_input — "" as an id, an account, a key or a path: HuzhuError (INVALID_ID for a label read
  by the core, the core's own code otherwise). In JS a need id is a number only, so "" there is a
  wrong type: INVALID_ARGUMENT.

Run: python3 tests/tools/make_hostile_matrix.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "hostile-matrix.json"

NAN = {"$float": "nan"}
INF = {"$float": "inf"}
NEG_INF = {"$float": "-inf"}
SWAP = {"$swap": True}
AWARE_TEXT = "2026-11-24T09:00:00+08:00"
ZULU_TEXT = "2026-11-24T09:00:00Z"
AWARE_OBJ = {"$aware": "2026-11-24T09:00:00+08:00"}
LEAP = "2026-12-31T23:59:60"
EPOCH = 1764000000

ROWS = []


def py_type(field):
    return {"exception": "TypeError", "code": "INVALID_ARGUMENT", "field": field}


def py_huzhu(code=None, field=None, names=None):
    e = {"exception": "HuzhuError"}
    if code:
        e["code"] = code
    if field:
        e["field"] = field
    if names:
        e["names"] = names
    return e


def js_huzhu(code=None, field=None, names=None):
    e = {"name": "HuzhuError"}
    if code:
        e["code"] = code
    if field:
        e["field"] = field
    if names:
        e["names"] = names
    return e


def row(cls, function, argument, value, python, js, tag=None):
    rid = f"{function}.{argument}.{cls}" + (f".{tag}" if tag else "")
    assert rid not in {r["id"] for r in ROWS}, rid
    expected = {}
    if python is not None:
        expected["python"] = python
    if js is not None:
        expected["js"] = js
    ROWS.append({"id": rid, "class": cls, "function": function, "argument": argument,
                 "value": value, "expected": expected})


# --- whole-number arguments the bindings read ------------------------------------------------

def whole_arg(function, argument, py, js, negative=None, huge=True, js_fn=True, py_bool=True):
    """A whole-number argument (minutes, a count): the type classes, then `negative` (the code
    a negative value gets, or None when 0 is also refused and tested elsewhere). `py_bool`
    False: the Python binding reads a bool as an int there (see PYTHON_BOOL_AS_INT)."""
    js_field = js if js_fn else None
    for cls, value, tag in [("bool", True, "true"), ("bool", False, "false"),
                            ("numeric_string", "30", None), ("nan", NAN, None),
                            ("infinity", INF, None), ("fractional", 1.5, None)]:
        row(cls, function, argument, value, py_type(py) if py_bool or cls != "bool" else None,
            js_huzhu("INVALID_ARGUMENT", js_field) if js_fn else None, tag)
    if negative:
        row("out_of_range", function, argument, -30, py_huzhu(negative, py),
            js_huzhu(negative, js_field) if js_fn else None, "negative")
    if huge:
        row("out_of_range", function, argument, 2**63, py_huzhu("INVALID_ARGUMENT", py),
            js_huzhu("INVALID_ARGUMENT", js_field) if js_fn else None, "two_pow_63")


def time_arg(function, argument, py, js, js_member=False, required=True, date=False):
    """A local-time argument. `js_member`: in JS the time is a member of an object the core
    reads (the ledger's `meta.at`), so the core's JSON reader refuses it."""
    def js_exp(direct_code):
        if js is None:
            return None
        return js_huzhu(None if js_member else direct_code, js if not js_member else None,
                        js if js_member else None)
    row("aware_time", function, argument, AWARE_TEXT, py_huzhu("INVALID_DATE", py), js_exp("INVALID_DATE"), "offset")
    row("aware_time", function, argument, ZULU_TEXT, py_huzhu("INVALID_DATE", py), js_exp("INVALID_DATE"), "zulu")
    row("aware_time", function, argument, AWARE_OBJ, py_huzhu("INVALID_DATE", py), None, "datetime")
    if not date:
        row("leap_second", function, argument, LEAP, py_huzhu("INVALID_DATE", py), js_exp("INVALID_DATE"))
    if required:
        row("missing_time", function, argument, None, py_type(py), js_exp("INVALID_ARGUMENT"))
    row("bool", function, argument, True, py_type(py), js_exp("INVALID_ARGUMENT"))
    row("number_as_time", function, argument, EPOCH, py_type(py), js_exp("INVALID_ARGUMENT"))


# --- the time bank ------------------------------------------------------------------------
LEDGER_OPS = {
    # function: (minutes-like argument (py, js) or None, whether it takes an account)
    "ledger.earn": ("minutes", "LEDGER_NON_POSITIVE_AMOUNT"),
    "ledger.redeem": ("minutes", "LEDGER_NON_POSITIVE_AMOUNT"),
    "ledger.transfer": ("minutes", "LEDGER_NON_POSITIVE_AMOUNT"),
    "ledger.donate": ("minutes", "LEDGER_NON_POSITIVE_AMOUNT"),
    "ledger.pool_grant": ("minutes_each", "LEDGER_NON_POSITIVE_AMOUNT"),
    "ledger.earn_points": ("points", None),
    "ledger.restock": ("quantity", None),
    "ledger.exchange": ("quantity", None),
}
# The field a JS error names (the core's name of the amount, as the ledger's own errors give it).
JS_NAME = {"minutes": "minutes", "minutes_each": "minutes_each", "points": "points", "quantity": "quantity"}
# The JS parameter an account is (donate's `from`, startingGrant's `to`).
JS_ACCOUNT = {"ledger.donate": "from", "ledger.grant": "to"}
for fn, (arg, neg) in LEDGER_OPS.items():
    whole_arg(fn, arg, arg, JS_NAME[arg], negative=neg)
    time_arg(fn, "at", "at", "meta.at", js_member=True)
time_arg("ledger.grant", "at", "at", "meta.at", js_member=True)
time_arg("ledger.approve", "at", "at", "at")

# ids and labels
for fn in ["ledger.earn", "ledger.redeem"]:
    for cls, value, tag in [("bool", True, None), ("fractional", 1.5, None), ("nan", NAN, None)]:
        row(cls, fn, "need", value, py_type("need"), js_huzhu("INVALID_ARGUMENT", "need"), tag)
    row("out_of_range", fn, "need", 2**32, py_huzhu("INVALID_ID", "need"), js_huzhu("INVALID_ID", "need"), "two_pow_32")
    row("out_of_range", fn, "need", 2**63, py_huzhu("INVALID_ID", "need"), js_huzhu("INVALID_ID", "need"), "two_pow_63")
    row("out_of_range", fn, "need", -1, py_huzhu("INVALID_ID", "need"), js_huzhu("INVALID_ID", "need"), "negative")
    row("empty_input", fn, "need", "", py_huzhu("INVALID_ID", "need"), js_huzhu("INVALID_ARGUMENT", "need"))
for fn in ["ledger.earn", "ledger.donate", "ledger.grant", "ledger.earn_points", "ledger.balance"]:
    js = JS_ACCOUNT.get(fn, "account")
    row("bool", fn, "account", True, py_type("account"), js_huzhu("INVALID_ARGUMENT", js))
    row("empty_input", fn, "account", "", py_huzhu("INVALID_ID", "account"), js_huzhu("INVALID_ID", js))
    row("numeric_string", fn, "account", "3", py_huzhu("INVALID_ID", "account"), js_huzhu("INVALID_ID", js))
for a in ["from", "to"]:
    row("bool", "ledger.transfer", a, True, py_type("from_" if a == "from" else "to"), js_huzhu("INVALID_ARGUMENT", a))
    row("empty_input", "ledger.transfer", a, "", py_huzhu("INVALID_ID", "from_" if a == "from" else "to"), js_huzhu("INVALID_ID", a))
row("bool", "ledger.reverse", "tx", True, py_type("tx"), js_huzhu("INVALID_ARGUMENT", "transaction"))
row("fractional", "ledger.reverse", "tx", 1.5, py_type("tx"), js_huzhu("INVALID_ARGUMENT", "transaction"))
row("empty_input", "ledger.reverse", "tx", "", py_huzhu("INVALID_ID", "tx"), js_huzhu("INVALID_ID", "transaction"))
row("empty_input", "ledger.earn", "key", "", py_huzhu("LEDGER_EMPTY_FIELD"), js_huzhu("LEDGER_EMPTY_FIELD"))
# statements: times and the reversed range (read only)
for arg, js in [("start", "from"), ("until", "until")]:
    time_arg("ledger.statement", arg, arg, js)
row("reversed_range", "ledger.statement", "range", SWAP, py_huzhu("LEDGER_INVALID_OPERATION", "until"),
    js_huzhu("LEDGER_INVALID_OPERATION", "until"))

# --- the community: records (the core's JSON: with_records / add*) --------------------------
for arg, names in [("home.lat", "home.lat"), ("home.lon", "home.lon")]:
    for cls, value, tag in [("bool", True, None), ("numeric_string", "31.2", None)]:
        row(cls, "community.add_resident", arg, value, py_huzhu("MODEL_JSON", names=names), js_huzhu("MODEL_JSON", names=names), tag)
    row("nan", "community.add_resident", arg, NAN, py_huzhu("INVALID_ARGUMENT", names=names), js_huzhu("MODEL_JSON", names=names))
    row("infinity", "community.add_resident", arg, NEG_INF, py_huzhu("INVALID_ARGUMENT", names=names), js_huzhu("MODEL_JSON", names=names))
row("out_of_range", "community.add_resident", "home.lat", 91, py_huzhu("MODEL_INVALID_FIELD", names="home.lat"),
    js_huzhu("MODEL_INVALID_FIELD", names="home.lat"), "ninety_one")
row("out_of_range", "community.add_resident", "home.lon", -181, py_huzhu("MODEL_INVALID_FIELD", names="home.lon"),
    js_huzhu("MODEL_INVALID_FIELD", names="home.lon"), "minus_181")
for cls, value, tag in [("bool", True, None), ("numeric_string", "9001", None), ("fractional", 9001.5, None)]:
    row(cls, "community.add_resident", "id", value, py_huzhu("MODEL_JSON", names="id"), js_huzhu("MODEL_JSON", names="id"), tag)
for value, tag in [(2**32, "two_pow_32"), (2**63, "two_pow_63"), (-1, "negative")]:
    row("out_of_range", "community.add_resident", "id", value, py_huzhu("MODEL_JSON", names="id"), js_huzhu("MODEL_JSON", names="id"), tag)
for cls, value, tag in [("aware_time", "1950-01-01T00:00:00+08:00", None), ("bool", True, None), ("missing_time", None, None)]:
    row(cls, "community.add_resident", "birth_date", value, py_huzhu("MODEL_JSON", names="birth_date"),
        js_huzhu("MODEL_JSON", names="birth_date"), tag)
for cls, value, tag in [("aware_time", AWARE_TEXT, "offset"), ("aware_time", ZULU_TEXT, "zulu"), ("leap_second", LEAP, None),
                        ("bool", True, None), ("missing_time", None, None), ("number_as_time", EPOCH, None)]:
    row(cls, "community.add_need", "created_at", value, py_huzhu("MODEL_JSON", names="created_at"),
        js_huzhu("MODEL_JSON", names="created_at"), tag)
for cls, value, tag in [("bool", True, None), ("numeric_string", "60", None), ("fractional", 60.5, None), ("nan", NAN, None)]:
    row(cls, "community.add_need", "duration_minutes", value,
        py_huzhu("INVALID_ARGUMENT" if cls == "nan" else "MODEL_JSON", names="duration_minutes"),
        js_huzhu("MODEL_JSON", names="duration_minutes"), tag)
row("out_of_range", "community.add_need", "duration_minutes", -30, py_huzhu("MODEL_JSON", names="duration_minutes"),
    js_huzhu("MODEL_JSON", names="duration_minutes"), "negative")
row("reversed_range", "community.add_need", "window", SWAP, py_huzhu("MODEL_INVALID_FIELD", names="windows"),
    js_huzhu("MODEL_INVALID_FIELD", names="windows"))
for cls, value, tag in [("bool", True, None), ("numeric_string", "240", None), ("fractional", 240.5, None)]:
    row(cls, "community.add_volunteer", "minutes_per_week", value, py_huzhu("MODEL_JSON", names="minutes_per_week"),
        js_huzhu("MODEL_JSON", names="minutes_per_week"), tag)
row("empty_input", "community.add_volunteer", "skills", [""], py_huzhu(names="skills"), js_huzhu(names="skills"))

# --- matching --------------------------------------------------------------------------------
time_arg("community.match", "now", "now", "now", required=False)
for setting in ["travel_per_minute", "nominal_task_minutes"]:
    for cls, value, tag in [("bool", True, None), ("numeric_string", "30", None), ("fractional", 1.5, None)]:
        row(cls, "community.match", setting, value, py_huzhu(names=setting), js_huzhu(names=setting), tag)
    row("nan", "community.match", setting, NAN, py_huzhu("INVALID_ARGUMENT", names=setting), js_huzhu("MODEL_JSON", names=setting))
    row("out_of_range", "community.match", setting, -5, py_huzhu(names=setting), js_huzhu(names=setting), "negative")
for cls, value, tag in [("bool", True, None), ("fractional", 1.5, None), ("nan", NAN, None)]:
    row(cls, "plan.explain", "need", value, py_type("need"), js_huzhu("INVALID_ARGUMENT", "need"), tag)
row("out_of_range", "plan.explain", "need", 2**32, py_huzhu("INVALID_ID", "need"), js_huzhu("INVALID_ID", "need"), "two_pow_32")
row("empty_input", "plan.explain", "need", "", py_huzhu("INVALID_ID", "need"), js_huzhu("INVALID_ARGUMENT", "need"))

# --- scoring -----------------------------------------------------------------------------------
for arg in ["values", "weights"]:
    for cls, value, tag in [("bool", True, None), ("numeric_string", "0.8", None)]:
        row(cls, "composite_index", arg, value, py_huzhu(names=arg), js_huzhu("MODEL_JSON", names=arg), tag)
    row("nan", "composite_index", arg, NAN, py_huzhu("INVALID_ARGUMENT", names=arg), js_huzhu("MODEL_JSON", names=arg))
    row("infinity", "composite_index", arg, INF, py_huzhu("INVALID_ARGUMENT", names=arg), js_huzhu("MODEL_JSON", names=arg))
# PYTHON_BOOL_AS_INT: the Python evaluation functions' whole-number arguments (threshold_minutes,
# radius_m, period_days) read True as 1, a rule pinned by bindings-python/tests/
# test_evaluation_bad_inputs.py::test_a_bool_period_is_read_as_an_int_like_every_int_argument,
# which predates issue 24; their bool rows are JS only until that test's owner settles it.
whole_arg("coverage", "threshold_minutes", "threshold_minutes", "thresholdMinutes", py_bool=False)
row("out_of_range", "coverage", "threshold_minutes", -15, py_huzhu("INVALID_ARGUMENT", "threshold_minutes"),
    js_huzhu("INVALID_ARGUMENT", "thresholdMinutes"), "negative")
for cls, value, tag in [("bool", True, None), ("numeric_string", "500", None), ("fractional", 1.5, None)]:
    row(cls, "coverage", "radius_m", value, None if cls == "bool" else py_type("radius_m"),
        js_huzhu("INVALID_ARGUMENT", "radiusM"), tag)
whole_arg("kpi_progress", "period_days", "period_days", "periodDays", huge=False, py_bool=False)
for cls, value, tag in [("aware_time", "2026-07-01T00:00:00+08:00", None), ("missing_time", None, None), ("bool", True, None),
                        ("number_as_time", EPOCH, None)]:
    code = "INVALID_DATE" if cls == "aware_time" else None
    row(cls, "kpi_progress", "today", value, py_huzhu(code, "today") if code else py_type("today"),
        js_huzhu(code or "INVALID_ARGUMENT", "today"), tag)
row("aware_time", "kpi_progress", "today", AWARE_OBJ, py_huzhu("INVALID_DATE", "today"), None, "datetime")
for cls, value, tag in [("aware_time", "2026-01-01T00:00:00+08:00", None), ("missing_time", None, None), ("bool", True, None)]:
    code = "INVALID_DATE" if cls == "aware_time" else None
    row(cls, "default_kpis", "start", value, py_huzhu(code, "start") if code else py_type("start"),
        js_huzhu(code or "INVALID_ARGUMENT", "start"), tag)
# Likert answers (1–5) of the identity survey; its period
for cls, value, tag in [("out_of_range", 0, "zero"), ("out_of_range", 6, "six"), ("bool", True, None),
                        ("numeric_string", "3", None), ("fractional", 2.5, None)]:
    row(cls, "identity_index", "answer", value, py_huzhu(names="answers"), js_huzhu(names="answers"), tag)
row("nan", "identity_index", "answer", NAN, py_huzhu("INVALID_ARGUMENT", names="answers"), js_huzhu("MODEL_JSON", names="answers"))
row("reversed_range", "identity_index", "period", SWAP, py_huzhu(), js_huzhu(names="period"))
row("reversed_range", "engagement", "period", SWAP, py_huzhu(), js_huzhu(names="period"))
for arg in ["start", "end"]:
    for cls, value, tag in [("aware_time", "2026-11-01T00:00:00+08:00", None), ("bool", True, None), ("missing_time", None, None)]:
        py = py_huzhu("INVALID_DATE", arg) if cls == "aware_time" else py_type(arg)
        row(cls, "engagement", arg, value, py, js_huzhu(names=f"period.{arg}" if False else "period"), tag)

# --- rounds ------------------------------------------------------------------------------------
for setting in ["detour_percent", "iterations", "seed"]:
    for cls, value, tag in [("bool", True, None), ("numeric_string", "130", None), ("fractional", 1.5, None)]:
        row(cls, "plan_rounds", setting, value, py_huzhu(names=setting), js_huzhu(names=setting), tag)
    row("nan", "plan_rounds", setting, NAN, py_huzhu("INVALID_ARGUMENT", names=setting), js_huzhu("MODEL_JSON", names=setting))
    row("out_of_range", "plan_rounds", setting, -1, py_huzhu(names=setting), js_huzhu(names=setting), "negative")
for cls, value, tag in [("bool", True, None), ("numeric_string", "30", None), ("fractional", 30.5, None)]:
    row(cls, "plan_rounds", "visit.minutes", value, py_huzhu(names="minutes"), js_huzhu(names="minutes"), tag)
row("reversed_range", "plan_rounds", "visit.window", SWAP, py_huzhu(), js_huzhu())
row("reversed_range", "plan_rounds", "worker.shift", SWAP, py_huzhu(), js_huzhu())
for cls, value, tag in [("aware_time", AWARE_TEXT, None), ("leap_second", LEAP, None), ("bool", True, None)]:
    row(cls, "plan_rounds", "visit.window.start", value, py_huzhu(), js_huzhu(), tag)
row("reversed_range", "plan_week", "week", SWAP, py_huzhu(), js_huzhu())
for arg, js in [("start", "from"), ("through", "through")]:
    for cls, value, tag in [("aware_time", "2026-12-07T00:00:00+08:00", None), ("bool", True, None), ("missing_time", None, None)]:
        py = py_huzhu("INVALID_DATE", arg) if cls == "aware_time" else py_type(arg)
        row(cls, "plan_week", arg, value, py, js_huzhu(names=js), tag)

# --- dispatch replay ---------------------------------------------------------------------------
for cls, value, tag in [("aware_time", AWARE_TEXT, None), ("leap_second", LEAP, None), ("bool", True, None),
                        ("missing_time", None, None), ("number_as_time", EPOCH, None)]:
    row(cls, "compare_dispatchers", "start", value, py_huzhu(names="start"), js_huzhu(names="start"), tag)
row("aware_time", "compare_dispatchers", "start", AWARE_OBJ, py_huzhu("INVALID_DATE", names="start"), None, "datetime")
for setting in ["days", "every_minutes"]:
    for cls, value, tag in [("bool", True, None), ("numeric_string", "7", None), ("fractional", 1.5, None),
                            ("out_of_range", -1, "negative"), ("out_of_range", 0, "zero")]:
        row(cls, "compare_dispatchers", setting, value, py_huzhu(names=setting), js_huzhu(names=setting), tag)
    row("nan", "compare_dispatchers", setting, NAN, py_huzhu("INVALID_ARGUMENT", names=setting), js_huzhu("MODEL_JSON", names=setting))

# --- the synthetic district --------------------------------------------------------------------
for setting in ["residents", "seed", "needs_per_thousand", "volunteer_permille"]:
    for cls, value, tag in [("bool", True, None), ("numeric_string", "500", None), ("fractional", 1.5, None)]:
        # Every setting, `residents` and `seed` too, is read by the core's district configuration.
        row(cls, "synth.generate", setting, value, py_huzhu(names=setting), js_huzhu(names=setting), tag)
    row("out_of_range", "synth.generate", setting, -1, py_huzhu(names=setting), js_huzhu(names=setting), "negative")
for cls, value, tag in [("aware_time", "2026-11-23T00:00:00+08:00", None), ("bool", True, None), ("number_as_time", EPOCH, None)]:
    py = py_huzhu("INVALID_DATE", names="week_start") if cls == "aware_time" else py_type("week_start")
    row(cls, "synth.generate", "week_start", value, py, js_huzhu(names="week_start"), tag)


def main():
    OUT.write_text(json.dumps(ROWS, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    py = sum(1 for r in ROWS if "python" in r["expected"])
    js = sum(1 for r in ROWS if "js" in r["expected"])
    print(f"{len(ROWS)} rows: {py} Python, {js} JS -> {OUT.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
