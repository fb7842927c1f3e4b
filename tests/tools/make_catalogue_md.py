"""Writes tests/bad-input.md from tests/bad-inputs.json and the API-level rows below.

Run: python3 tests/tools/make_catalogue_md.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
rows = json.loads((ROOT / "bad-inputs.json").read_text())

# Rows that JSON cannot carry or that are generated: tested through the Rust API.
API_ROWS = [
    ("NaN coordinate (API)", "`GeoPoint { lat: NaN, .. }` for a resident and a volunteer", "core/tests/badinput_model.rs::nan_and_infinite_coordinates_are_refused_by_name", "`InvalidField` `not_finite` on `home.lat` / `home.lon`, community unchanged", "`float('nan')` → HuzhuError (ValueError) naming `home.lat`", "`NaN` → HuzhuError code `invalid_field`"),
    ("infinite coordinate (API)", "`lat: +inf`, `lon: -inf`", "core/tests/badinput_model.rs::nan_and_infinite_coordinates_are_refused_by_name", "`InvalidField` `not_finite`", "`float('inf')` → HuzhuError (ValueError)", "`Infinity` → HuzhuError `invalid_field`"),
    ("duration at u32 extremes (API)", "`duration_minutes` 0, 10081, `u32::MAX`", "core/tests/badinput_model.rs::durations_beyond_a_week_and_zero_are_refused", "`InvalidField` on `duration_minutes`", "`2**32` → OverflowError/TypeError from extraction; `0` → HuzhuError", "`2**32` → HuzhuError (range), `0` → `invalid_field`"),
    ("huge snapshot", "50,000 residents, then a duplicate at the end", "core/tests/badinput_model.rs::a_snapshot_of_50000_residents_loads_and_a_duplicate_at_the_end_is_found", "loads; duplicate → `resident#50000: duplicate id`", "same message, HuzhuError", "same message, `duplicate_id`"),
    ("huge string", "10 MB community name", "core/tests/badinput_model.rs::a_ten_megabyte_name_is_refused_as_too_long", "`snapshot: field `name` is longer than 200 characters`, < 5 s", "HuzhuError", "HuzhuError `invalid_field`"),
    ("pathological nesting", "10^6 nested arrays in a field", "core/tests/badinput_model.rs::deeply_nested_json_in_a_field_is_a_json_error_not_a_stack_overflow", "`ModelError::Json` (serde's recursion limit), no stack overflow", "HuzhuError", "HuzhuError `json`"),
    ("control characters, unpaired surrogates", "`\\u0000`, `\\ud800` in a name", "core/tests/badinput_model.rs::control_characters_and_unpaired_surrogates_do_not_panic", "accepted or `Json` error; round-trips when accepted", "str with surrogates → UnicodeEncodeError before the call", "lone surrogates → replaced by the JS→Rust string conversion"),
    ("integer overflow in ledger balances", "earn `i64::MAX`, then 1, then 1", "core/tests/badinput_ledger.rs::amounts_at_the_i64_extremes_never_overflow_or_lose_a_minute", "`Overflow` on the fund, ledger unchanged, books balance", "int beyond i64 → OverflowError on extraction", "BigInt beyond i64 → HuzhuError (range)"),
    ("batch summing past i64", "batch [earn `i64::MAX`, earn `i64::MAX`]", "core/tests/badinput_ledger.rs::a_batch_summing_past_i64_is_refused_whole", "`BatchItem { index: 1, Overflow }`, balance 0", "HuzhuError", "HuzhuError `batch_item`"),
    ("duplicate recipients", "pool grant to the same account 1,000 times", "core/tests/badinput_ledger.rs::a_pool_grant_to_a_thousand_duplicates_gives_once", "granted once", "same", "same"),
    ("journal forged with recomputed hashes", "posting 540 → 600, every hash and the seal recomputed", "core/tests/badinput_ledger.rs::a_forged_posting_with_recomputed_hashes_fails_the_replay", "`journal line 4: replay does not reproduce the recorded outcome` (`ReplayMismatch`)", "HuzhuError", "HuzhuError `journal.replay_mismatch`"),
    ("journal forged: invalid policy, huge amount, reused key, time backwards", "edits with a valid chain", "core/tests/badinput_ledger.rs::a_forged_policy_or_operation_is_refused_naming_the_line", "error naming the forged line", "HuzhuError", "HuzhuError"),
    ("huge journal", "5,000 transactions, last amount edited", "core/tests/badinput_ledger.rs::a_journal_of_5000_transactions_imports_and_a_late_edit_is_found", "`HashMismatch { line: 5003 }`", "HuzhuError", "HuzhuError `journal.hash_mismatch`"),
    ("window spanning millennia", "window 2026 → year 262000, volunteer never free", "core/tests/badinput_matching.rs::a_window_spanning_millennia_with_no_availability_ends_quickly", "unmatched, verified, < 5 s", "same plan", "same plan"),
    ("huge instance", "10,000 needs, one volunteer", "core/tests/badinput_matching.rs::ten_thousand_needs_for_one_volunteer_solve_and_verify", "4 served, 9,996 unmatched, verified", "same plan", "same plan"),
    ("extreme policy weights", "`i64::MAX`, `i64::MIN`, penalties > 2^32-1, steep fairness", "core/tests/badinput_matching.rs::extreme_policy_weights_are_refused_or_capped", "`InvalidPolicy` (fixed: was a late `CostTooLarge`); largest accepted weights capped", "HuzhuError", "HuzhuError `invalid_policy`"),
    ("cost overflow from far windows", "largest weights, second window in year 200000", "core/tests/badinput_matching.rs::largest_accepted_weights_with_a_far_window_do_not_overflow", "cost capped at `arc_cost_cap` (fixed: was an i64 overflow panic)", "same plan", "same plan"),
    ("pins over capacity / to strangers", "pin a second need to a 1-task volunteer; pin to volunteer#77; pin need#99", "core/tests/badinput_matching.rs::pins_over_capacity_and_to_strangers_are_typed_errors", "`PinOverCapacity`, `UnknownHelper`, `UnknownNeed`", "HuzhuError", "HuzhuError"),
    ("wrong types and null / undefined (native API)", "`Resident(id='1')`, `None`, `undefined`", "bindings' own tests (pending)", "n/a (typed Rust API)", "TypeError from argument extraction (pending)", "TypeError / HuzhuError (pending)"),
]


def esc(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


out = ["# Bad-input catalogue",
       "",
       "Every kind of bad input tried, and the error each surface gives. **Every row is a test.**",
       "",
       "* Rows 1–%d live in [`bad-inputs.json`](bad-inputs.json). Each is a `run_case` case; the Rust" % len(rows),
       "  test `tests/tests/bad_inputs.rs` runs every row and requires exactly the error below (code",
       "  and message), within 2 s, without a panic; the ledger cases also require that a rejected",
       "  operation leaves the ledger unchanged (`run_case` checks it after every step). The bindings",
       "  iterate the same file through their `run_case`, which must give the same bytes, and through",
       "  their native API, which must raise the exception in the Python / JS columns.",
       "* The rows after that are generated or not expressible in JSON; they are Rust tests in",
       "  `core/tests/badinput_*.rs`.",
       "* **Python and JS columns are pending**: they state the expected exception class / `code`",
       "  for the bindings engineers to confirm (`HuzhuError` is the binding's base error; its",
       "  `code` attribute is the Rust code column).",
       "",
       "Error codes are the core error's variant path in snake_case (`floor_breach`,",
       "`journal.hash_mismatch`, `model.duplicate_id`); `case_json` means the case itself does not",
       "have the expected shape (wrong types, unknown fields, null, numbers out of range).",
       "",
       "| # | kind | example | Rust (code: message) | Python (pending) | JS (pending) |",
       "|---|---|---|---|---|---|"]
for i, r in enumerate(rows, 1):
    rust = f"`{r['rust']['code']}`: {r['rust']['message']}"
    out.append(f"| {i} | {esc(r['kind'])} (`{r['id']}`) | {esc(r['example'])} | {esc(rust)} | {esc(r['python']['expected'])} | {esc(r['js']['expected'])} |")
n = len(rows)
out += ["", "## Generated and API-level rows", "",
        "| # | kind | example | test | Rust | Python (pending) | JS (pending) |",
        "|---|---|---|---|---|---|---|"]
for i, (kind, example, test, rust, py, js) in enumerate(API_ROWS, n + 1):
    out.append(f"| {i} | {esc(kind)} | {esc(example)} | `{esc(test)}` | {esc(rust)} | {esc(py)} | {esc(js)} |")
out.append("")
(ROOT / "bad-input.md").write_text("\n".join(out))
print(f"{n + len(API_ROWS)} rows")
