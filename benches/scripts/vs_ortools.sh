#!/usr/bin/env bash
# Prepares target/bench-venv (ortools, numpy, scipy) and LEMON (Debian's liblemon-dev,
# installed with apt-get when missing; needs root or sudo), builds the solve tool and the
# LEMON driver (target/lemon/lemon_mcf, from benches/lemon/lemon_mcf.cpp) and runs
# vs_ortools.py. Run from anywhere; extra arguments go to vs_ortools.py (e.g. --reps 7
# --cases bmatch --caps 10). Honours CARGO_TARGET_DIR for the solve tool.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import ortools, numpy, scipy" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet ortools numpy scipy
fi
if ! dpkg -s liblemon-dev >/dev/null 2>&1; then
    SUDO=()
    [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y liblemon-dev
fi
LEMON_TOOL=target/lemon/lemon_mcf
if [ ! -x "$LEMON_TOOL" ] || [ benches/lemon/lemon_mcf.cpp -nt "$LEMON_TOOL" ]; then
    mkdir -p target/lemon
    g++ -O2 -std=c++17 -o "$LEMON_TOOL" benches/lemon/lemon_mcf.cpp -llemon
fi
cargo build --release -p huzhu-benches --bin huzhu-solve
exec "$VENV/bin/python" benches/scripts/vs_ortools.py \
    --solve-tool "${CARGO_TARGET_DIR:-target}/release/huzhu-solve" --lemon-tool "$LEMON_TOOL" "$@"
