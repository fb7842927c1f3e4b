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
# The Python suite runs huzhu.distributed on Spark (pyspark, installed in the venv), which needs
# a Java runtime: Debian's OpenJDK 17 when none is there.
if ! need java && [ -z "${JAVA_HOME:-}" ]; then
  if need apt-get && [ "$(id -u)" = 0 ]; then
    echo "installing a Java runtime for Spark (openjdk-17-jre-headless)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
  else
    echo "no Java runtime: install Java 17 (Spark needs it for the Python tests)" >&2
    exit 1
  fi
fi
