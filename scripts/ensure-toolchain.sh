#!/usr/bin/env bash
# Checks for the tools `make test` needs and installs what is missing and installable.
set -euo pipefail
need() { command -v "$1" >/dev/null 2>&1; }
if ! need cargo; then
  echo "cargo not found: install Rust with rustup (https://rustup.rs) first" >&2
  exit 1
fi
for component in rustfmt clippy; do
  sub=${component/rustfmt/fmt}
  if ! cargo "$sub" --version >/dev/null 2>&1; then
    echo "installing rust component $component"
    timeout 120 rustup component add "$component"
  fi
done
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "installing cargo-nextest"
  cargo install --locked cargo-nextest || echo "cargo-nextest unavailable; falling back to cargo test"
fi
