"""Writes tests/bad-input.md from tests/bad-inputs.json (with its confirmed python / js columns)
and the API-level rows below.

Run: python3 tests/tools/make_catalogue_md.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
rows = json.loads((ROOT / "bad-inputs.json").read_text())

# Rows that JSON cannot carry or that are generated: Rust tests in core/tests/badinput_*.rs, and
# the same inputs through each binding's own API. Columns: kind, example, Rust test, Rust (these
# four reviewed, unchanged), then what Python and JS give, each confirmed by the test named.
PY_API = "bindings-python/tests/test_bad_inputs_api.py"
JS_API = "bindings-wasm/tests/node/badinput-api.test.mjs"
API_ROWS = [
    ("NaN coordinate (API)", "`GeoPoint { lat: NaN, .. }` for a resident and a volunteer", "core/tests/badinput_model.rs::nan_and_infinite_coordinates_are_refused_by_name", "`InvalidField` `not_finite` on `home.lat` / `home.lon`, community unchanged",
     "`Community.from_tables`: a NaN cell is a missing value → `ValidationError` `table `residents`, row 0 (resident#1), column `lat`: required value is empty`, record `resident#1`, field `lat`; NaN written by `json.dumps` → `ValidationError` (JSON parse error, `line` 1). `test_a1_*`",
     "JSON has no NaN (it becomes `null`): `addResident` / `addVolunteer` → `INVALID_ARGUMENT`, field `resident.home.lat` (`invalid type: null, expected f64`), community unchanged; `fromSnapshot` → `MODEL_JSON`. `A1/A2`"),
    ("infinite coordinate (API)", "`lat: +inf`, `lon: -inf`", "core/tests/badinput_model.rs::nan_and_infinite_coordinates_are_refused_by_name", "`InvalidField` `not_finite`",
     "`Community.from_tables` → `ValidationError` `resident#1: field `home.lat` is NaN or infinite`, record `resident#1`, field `home.lat` / `home.lon`. `test_a1_a2_*`",
     "as NaN: `Infinity` becomes `null` → `INVALID_ARGUMENT` field `resident.home.lon`, community unchanged. `A1/A2`"),
    ("duration at u32 extremes (API)", "`duration_minutes` 0, 10081, `u32::MAX`", "core/tests/badinput_model.rs::durations_beyond_a_week_and_zero_are_refused", "`InvalidField` on `duration_minutes`",
     "0, 10081, 2^32−1 → `ValidationError` record `need#1`, field `duration_minutes`; 2^32 in a needs table → `ValidationError` table `needs`, column `duration_minutes`. `test_a3_*`",
     "`addNeed` with 0, 10081, 2^32−1 → `MODEL_INVALID_FIELD` record `need#1`, field `duration_minutes`, community unchanged; 2^32 → `INVALID_ARGUMENT` field `need.duration_minutes`. `A3`"),
    ("huge snapshot", "50,000 residents, then a duplicate at the end", "core/tests/badinput_model.rs::a_snapshot_of_50000_residents_loads_and_a_duplicate_at_the_end_is_found", "loads; duplicate → `resident#50000: duplicate id`",
     "loads; duplicate → `ValidationError` `resident#50000: duplicate id`, record `resident#50000`. `test_a4_*`",
     "loads; duplicate → `MODEL_DUPLICATE_ID`, same message, record `resident#50000`. `A4`"),
    ("huge string", "10 MB community name", "core/tests/badinput_model.rs::a_ten_megabyte_name_is_refused_as_too_long", "`snapshot: field `name` is longer than 200 characters`, < 5 s",
     "`ValidationError`, same message, record `snapshot`, field `name`. `test_a5_*`",
     "`MODEL_INVALID_FIELD`, same message, record `snapshot`, field `name`. `A5`"),
    ("pathological nesting", "10^6 nested arrays in a field", "core/tests/badinput_model.rs::deeply_nested_json_in_a_field_is_a_json_error_not_a_stack_overflow", "`ModelError::Json` (serde's recursion limit), no stack overflow",
     "10^3 and 10^6 deep → `ValidationError` `JSON snapshot, line 1 column …`, `line` 1. `test_a6_*`",
     "10^3 and 10^6 deep → `MODEL_JSON`, `line` 1. `A6`"),
    ("control characters, unpaired surrogates", "`\\u0000`, `\\ud800` in a name", "core/tests/badinput_model.rs::control_characters_and_unpaired_surrogates_do_not_panic", "accepted or `Json` error; round-trips when accepted",
     "escaped `\\u0000`, `\\u0001`, `\\n\\t` and a raw BOM are kept and round-trip; escaped lone surrogates and a raw control character → `ValidationError` (JSON); a `str` holding a lone surrogate → `UnicodeEncodeError` from Python before huzhu runs. `test_a7_*`",
     "the same, as `MODEL_JSON`; a JS string holding a lone surrogate reaches Rust as U+FFFD (the string conversion replaces it) and round-trips. `A7`"),
    ("integer overflow in ledger balances", "earn `i64::MAX`, then 1, then 1", "core/tests/badinput_ledger.rs::amounts_at_the_i64_extremes_never_overflow_or_lose_a_minute", "`Overflow` on the fund, ledger unchanged, books balance",
     "`LedgerError` kind `Overflow`, `transaction 'c': the balance of fund would overflow`, record `transaction 'c'`, field `minutes`, account `fund`, ledger unchanged; non-positive amounts → `NonPositiveAmount`; beyond i64 (2^63, −2^63−1, 2^200) → `ValidationError` field `minutes` (was a bare `OverflowError`). `test_a8_*`",
     "JS numbers stop at 2^53: 1,024 earns of 2^53−1 and 1,023 more bring the fund to i64::MIN, then `LEDGER_OVERFLOW`, same message, record, field and account, ledger unchanged; beyond 2^53, NaN, ±Infinity → `INVALID_ARGUMENT` field `minutes`; a BigInt → `TypeError`. `A8`"),
    ("batch summing past i64", "batch [earn `i64::MAX`, earn `i64::MAX`]", "core/tests/badinput_ledger.rs::a_batch_summing_past_i64_is_refused_whole", "`BatchItem { index: 1, Overflow }`, balance 0",
     "`LedgerError` kind `BatchItem`, record `transaction 'b'`, field `operations[1].minutes`, balance 0, ledger unchanged. `test_a9_*`",
     "1,025 earns of 2^53−1 in one batch → `LEDGER_BATCH_ITEM`, index 1024, cause `LEDGER_OVERFLOW`, field `operations[1024].minutes`, balance 0. `A9`"),
    ("duplicate recipients", "pool grant to the same account 1,000 times", "core/tests/badinput_ledger.rs::a_pool_grant_to_a_thousand_duplicates_gives_once", "granted once",
     "`Ledger.pool_grant`: granted once. `test_a10_*`", "`Ledger.poolGrant`: granted once. `A10`"),
    ("journal forged with recomputed hashes", "posting 540 → 600, every hash and the seal recomputed", "core/tests/badinput_ledger.rs::a_forged_posting_with_recomputed_hashes_fails_the_replay", "`journal line 4: replay does not reproduce the recorded outcome` (`ReplayMismatch`)",
     "chain rebuilt with `hashlib` (an unchanged journal rebuilds byte for byte) → `JournalError` kind `ReplayMismatch`, same message, record `journal line 4`, `line` 4. `test_a11_*`",
     "chain rebuilt with `node:crypto` → `JOURNAL_REPLAY_MISMATCH`, same message, record `journal line 4`, `line` 4. `A11`"),
    ("journal forged: invalid policy, huge amount, reused key, time backwards", "edits with a valid chain", "core/tests/badinput_ledger.rs::a_forged_policy_or_operation_is_refused_naming_the_line", "error naming the forged line",
     "`JournalError` naming lines 1, 5, 6, 6 (message, record and `line`). `test_a12_*`",
     "`JOURNAL_*` naming lines 1, 5, 6, 6 (the huge amount is 2^53−1). `A12`"),
    ("huge journal", "5,000 transactions, last amount edited", "core/tests/badinput_ledger.rs::a_journal_of_5000_transactions_imports_and_a_late_edit_is_found", "`HashMismatch { line: 5003 }`",
     "imports; edited → `JournalError` kind `HashMismatch`, `line` 5003. `test_a13_*`",
     "imports; edited → `JOURNAL_HASH_MISMATCH`, `line` 5003. `A13`"),
    ("window spanning millennia", "window 2026 → year 262000, volunteer never free", "core/tests/badinput_matching.rs::a_window_spanning_millennia_with_no_availability_ends_quickly", "unmatched, verified, < 5 s",
     "window end `+262000-01-01T00:00:00` in the snapshot: unmatched, `Plan.verify()`. `test_a14_*`", "the same through `Matcher.solve` / `verify`. `A14`"),
    ("huge instance", "10,000 needs, one volunteer", "core/tests/badinput_matching.rs::ten_thousand_needs_for_one_volunteer_solve_and_verify", "4 served, 9,996 unmatched, verified",
     "4 served, 9,996 unmatched, verified. `test_a15_*`", "4 served, 9,996 unmatched, verified. `A15`"),
    ("extreme policy weights", "`i64::MAX`, `i64::MIN`, penalties > 2^32-1, steep fairness", "core/tests/badinput_matching.rs::extreme_policy_weights_are_refused_or_capped", "`InvalidPolicy` (fixed: was a late `CostTooLarge`); largest accepted weights capped",
     "`PolicyError` record `match policy`, field the setting the core names (`travel_per_minute`, `delay_per_hour`, `fairness_step`; none for the penalties); the largest accepted weights cost 10^9. `test_a16_*`",
     "`MATCH_INVALID_POLICY` record `match policy`, field `policy` (2^53−1 stands for i64::MAX; 2^63 → `INVALID_ARGUMENT` field `policy.travel_per_minute`); largest accepted: 10^9. `A16`"),
    ("cost overflow from far windows", "largest weights, second window in year 200000", "core/tests/badinput_matching.rs::largest_accepted_weights_with_a_far_window_do_not_overflow", "cost capped at `arc_cost_cap` (fixed: was an i64 overflow panic)",
     "cost 10^9 (capped), delay and late > 0, verified. `test_a17_*`", "the same. `A17`"),
    ("pins over capacity / to strangers", "pin a second need to a 1-task volunteer; pin to volunteer#77; pin need#99", "core/tests/badinput_matching.rs::pins_over_capacity_and_to_strangers_are_typed_errors", "`PinOverCapacity`, `UnknownHelper`, `UnknownNeed`",
     "`Community.match(pinned=…)`: `InfeasibleError` record `need#2`, field `pinned`; `MatchError` record `volunteer#77`; `MatchError` record `need#99`; the one pin that fits is honoured. `test_a18_*`",
     "`Matcher.pin`: `MATCH_PIN_OVER_CAPACITY` record `need#2`, `MATCH_UNKNOWN_HELPER` record `volunteer#77`, `MATCH_UNKNOWN_NEED` record `need#99`, pins unchanged. `A18`"),
    ("wrong types and null / undefined (native API)", "`Resident(id='1')`, `None`, `undefined`", "bindings-python/tests/test_bad_inputs_api.py::test_131_*, bindings-wasm/tests/node/badinput-api.test.mjs and badinput-glue.test.mjs (131)", "n/a (typed Rust API)",
     "36 calls over `Community`, `Plan`, `Ledger`, `Evidence` and `scoring`: each a `TypeError` or a `HuzhuError`; ledger and scoring arguments name themselves in `.field` (was: bare `OverflowError` for `reverse(-1)`, `coverage(threshold_minutes=-1)`). `match(now='yesterday')`, `match(pinned={1: None})`, `Plan.explain(None)`, `Plan.why_not(1, 5)`, `synth.generate(residents=-1)` name their argument too (were: a plain `ValueError` / bare `OverflowError` naming nothing). `test_a19_*`",
     "47 calls over `Community`, `Matcher`, `Ledger` and scoring: each a `TypeError` or a `HuzhuError` naming the argument (or the line); every string parameter (`Ledger`, `Community.fromJson`, `new Community`, `addHsds`, `importHsds`, `solveBmatch`, `BmatchProblem.parse`) checks its argument (a number there trapped in wasm-bindgen's glue), each call in its own process in `badinput-glue.test.mjs`. `new Matcher(null, …)`, `scorecard(null, …)`: a `TypeError` (`expected instance of Community`; npm/wrap.js converts wasm-bindgen's plain `Error`). `A19`"),
]


def esc(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def native(col):
    """A confirmed python / js column as a table cell."""
    if col["via"] == "run_case":
        return f"not expressible natively: {col['reason']}; the shared runner gives the Rust error (`{col['test'].split(' ')[0].split('/')[-1]}`)"
    name = col["raises"].removeprefix("huzhu.")
    if "code" in col:
        name = f"`{col['code']}`"
    else:
        name = f"`{name}`"
    parts = [name]
    if col.get("message") is not None:
        parts.append("same message" if col["message"] == col.get("rust_message") else f"message `{col['message']}`")
    if col.get("message_contains") is not None:
        parts.append("message holds the Rust message" + (f" (`line` {col['line']})" if "line" in col else ""))
    named = []
    if col.get("record") is not None:
        named.append(f"record `{col['record']}`")
    if col.get("field") is not None:
        named.append(f"field `{col['field']}`")
    if "kind" in col:
        named.append(f"kind `{col['kind']}`")
    if "line" in col and col.get("message_contains") is None:
        named.append(f"`line` {col['line']}")
    if named:
        parts.append(", ".join(named))
    parts.append(f"via {col['via']}")
    if col.get("note"):
        parts.append(f"({col['note']})")
    return "; ".join(parts)


out = ["# Bad-input catalogue",
       "",
       "Every kind of bad input tried, and the error each surface gives. **Every row is a test on",
       "every surface.**",
       "",
       "* Rows 1–%d live in [`bad-inputs.json`](bad-inputs.json). Each is a `run_case` case; the Rust" % len(rows),
       "  test `tests/tests/bad_inputs.rs` runs every row and requires exactly the error below (code",
       "  and message), within 2 s, without a panic; the ledger cases also require that a rejected",
       "  operation leaves the ledger unchanged (`run_case` checks it after every step). Python",
       "  (`bindings-python/tests/test_conformance.py`) and JS (`bindings-wasm/tests/node/conformance.test.mjs`)",
       "  run the same file through their `run_case`, which gives the same bytes.",
       "* The Python and JS columns are what each binding's **own API** gives for the same bad input,",
       "  confirmed by `bindings-python/tests/test_bad_inputs_native.py` (`test_native[<id>]`) and",
       "  `bindings-wasm/tests/node/badinput.test.mjs` (`native: <id>`): a driver per case kind replays",
       "  the row with the calls a user makes (`Community.from_json` / `fromJson`, `match`, `Matcher.pin`,",
       "  the `Ledger` methods, journal export, edit and import, `scorecard`), checks the exception class",
       "  (Python: the exact `huzhu.HuzhuError` subclass, or `TypeError` / `ValueError`) or the JS",
       "  `code`, the message, the `record` and `field` the error names (ledger errors: the",
       "  transaction by key or the account, and the part of the request; journal errors: the line),",
       "  that nothing panics, and that a refused ledger operation or community change leaves it as it",
       "  was. The columns are written by `tools/make_bad_inputs.py` (`native_columns`) from the",
       "  reviewed Rust column and each binding's error mapping. A native call that reaches the same",
       "  core check gives the same message (\"same message\"); where the native API reads the input",
       "  itself (arguments, tables, JS numbers), its own message is given.",
       "* The rows after that are generated or not expressible in JSON: Rust tests in",
       "  `core/tests/badinput_*.rs`, and the same inputs through each binding in",
       "  `bindings-python/tests/test_bad_inputs_api.py` and `bindings-wasm/tests/node/badinput-api.test.mjs`",
       "  (plus `badinput-glue.test.mjs`, one process per call, for non-strings where JS strings are expected).",
       "",
       "Error codes are the core error's variant path in snake_case (`floor_breach`,",
       "`journal.hash_mismatch`, `model.duplicate_id`); `case_json` means the case itself does not",
       "have the expected shape (wrong types, unknown fields, null, numbers out of range). A JSON",
       "parse error names no record or field in any surface (the core reports a line and column,",
       "not a path); the JS and Python errors carry the `line`.",
       "",
       "| # | kind | example | Rust (code: message) | Python (`test_bad_inputs_native.py`) | JS (`badinput.test.mjs`) |",
       "|---|---|---|---|---|---|"]
for i, r in enumerate(rows, 1):
    rust = f"`{r['rust']['code']}`: {r['rust']['message']}"
    py, js = (dict(r[k], rust_message=r["rust"]["message"]) for k in ("python", "js"))
    out.append(f"| {i} | {esc(r['kind'])} (`{r['id']}`) | {esc(r['example'])} | {esc(rust)} | {esc(native(py))} | {esc(native(js))} |")
n = len(rows)
out += ["", "## Generated and API-level rows", "",
        f"Python: `{PY_API}`; JS: `{JS_API}` (the test names start with the row's label, A1 to "
        f"A{len(API_ROWS)}: labels of their own, so that new catalogue rows above never renumber them).", "",
        "| # | kind | example | test | Rust | Python | JS |",
        "|---|---|---|---|---|---|---|"]
for i, (kind, example, test, rust, py, js) in enumerate(API_ROWS, 1):
    out.append(f"| A{i} | {esc(kind)} | {esc(example)} | `{esc(test)}` | {esc(rust)} | {esc(py)} | {esc(js)} |")
out.append("")
(ROOT / "bad-input.md").write_text("\n".join(out))
print(f"{n} catalogue rows, {len(API_ROWS)} API rows")
