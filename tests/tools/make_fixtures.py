"""Writes tests/fixtures/*.json from the hand-written cases in fixtures_*.py.

The expected outputs live in those files as literals and arithmetic from the documented rules;
this script never runs the library. Run: python3 tests/tools/make_fixtures.py
"""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import fixtures_care  # noqa: E402
import fixtures_clearing  # noqa: E402
import fixtures_evaluation  # noqa: E402
import fixtures_ledger  # noqa: E402
import fixtures_match  # noqa: E402
import fixtures_other  # noqa: E402
import fixtures_rounds  # noqa: E402
import fixtures_week  # noqa: E402

out = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
out.mkdir(exist_ok=True)
cases = (fixtures_match.CASES + fixtures_ledger.CASES + fixtures_other.CASES + fixtures_care.CASES
         + fixtures_evaluation.CASES + fixtures_clearing.CASES
         + fixtures_rounds.CASES + fixtures_week.CASES)
names = [c["name"] for c in cases]
assert len(names) == len(set(names)), "duplicate case names"
for c in cases:
    (out / f"{c['name']}.json").write_text(json.dumps(c, ensure_ascii=False, indent=1) + "\n")
print(f"{len(cases)} fixtures")
