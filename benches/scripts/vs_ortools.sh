#!/usr/bin/env bash
# Prepares target/bench-venv (ortools + numpy), builds the solve tool and runs vs_ortools.py.
# Run from anywhere; extra arguments go to vs_ortools.py (e.g. --reps 7 --caps 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import ortools, numpy" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet ortools numpy
fi
cargo build --release -p huzhu-benches --bin huzhu-solve
exec "$VENV/bin/python" benches/scripts/vs_ortools.py "$@"
