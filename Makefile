# huzhu: two set-up commands.
#   make demo  — the main job on the bundled synthetic district
#   make test  — installs what is missing, then runs every test of every surface
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
# A full run gains nothing from incremental caches (gigabytes under target/*/incremental).
export CARGO_INCREMENTAL ?= 0

.PHONY: help demo test test-rust lint doc toolchain bench-solver bench-gap bench-orlib

help:
	@echo "make demo   run the demo on the synthetic district"
	@echo "make test   install what is missing and run every test"

demo:
	$(CARGO) run --quiet --release -p huzhu --example demo

# Everything CI runs. Each binding folder brings its own `test.mk` with a `test-<surface>`
# target that installs what it needs and runs that surface's tests.
test: toolchain lint test-rust doc test-python test-wasm

-include bindings-python/test.mk
-include bindings-wasm/test.mk

test-python::
test-wasm::

toolchain:
	@bash scripts/ensure-toolchain.sh

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p huzhu-store --all-targets --features postgres-tests -- -D warnings
	$(CARGO) clippy -p huzhu-matching --all-targets --features parallel -- -D warnings

# The Rust suites run against a throw-away PostgreSQL cluster (core/store's PostgreSQL half, the
# feature huzhu-store/postgres-tests): scripts/pg-cluster.sh starts it (installing Debian's
# postgresql if missing) and prints HUZHU_PG_URL; the trap removes it however the tests end.
STORE_PG := --features huzhu-store/postgres-tests

test-rust:
	@set -e; \
	cluster=$$(bash scripts/pg-cluster.sh start); \
	eval "$$cluster"; \
	trap 'bash scripts/pg-cluster.sh stop' EXIT; \
	if $(CARGO) nextest --version >/dev/null 2>&1; then \
		$(CARGO) nextest run --workspace --no-fail-fast $(STORE_PG); \
	else \
		$(CARGO) test --workspace --no-fail-fast --lib --bins --tests --examples $(STORE_PG); \
	fi
	$(CARGO) test --workspace --doc $(STORE_PG)
	$(CARGO) test -p huzhu --features rrule-full --doc rrule_full
	$(CARGO) test -p huzhu-matching --features parallel --test candidates_reference
	$(CARGO) clippy -p huzhu --features rrule-full --lib -- -D warnings
	$(CARGO) clippy -p huzhu-wasm --features testing --lib -- -D warnings
	$(CARGO) clippy -p huzhu-wasm --no-default-features --lib -- -D warnings

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --quiet

# Benchmarks (not part of `make test`).
bench-solver:
	bash benches/scripts/vs_ortools.sh
bench-orlib:
	bash benches/scripts/orlib_assign.sh
bench-gap:
	bash benches/scripts/gap_bench.sh 1
