#!/usr/bin/env bash
# Prepares target/routing-venv (PyVRP 0.14, OR-Tools), builds the solve tool and runs
# vs_routing.py on the given Solomon files (default: the shared C101).
# Example: benches/scripts/vs_routing.sh --seconds 1 5 --seeds 1 2 3
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=target/routing-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pyvrp, ortools" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "pyvrp==0.14.*" ortools numpy
fi
cargo build --release -p huzhu-benches --bin huzhu-solve
files=()
while [ $# -gt 0 ] && [[ "$1" != --* ]]; do files+=("$1"); shift; done
[ ${#files[@]} -gt 0 ] || files=(../shared/data/benchmarks/vrptw/C101.txt)
exec "$VENV/bin/python" benches/scripts/vs_routing.py "${files[@]}" "$@"
