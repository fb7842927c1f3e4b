# `make test-python` (part of `make test`): a venv, the package built by maturin, pytest with
# the notebooks (nbmake). Needs only Python 3.11+, pip and the Rust toolchain.
PY_DIR := bindings-python
PY_VENV ?= $(PY_DIR)/.venv
PY_BIN := $(abspath $(PY_VENV))/bin
PY_DEPS := maturin pytest hypothesis pandas pyarrow polars nbmake "dask[distributed]" tqdm matplotlib ipykernel pyspark

.PHONY: py-venv

py-venv:
	@test -x $(PY_BIN)/python || python3.11 -m venv $(PY_VENV) || python3 -m venv $(PY_VENV)
	@$(PY_BIN)/python -m pip install --quiet --disable-pip-version-check $(PY_DEPS)

test-python:: py-venv
	cd $(PY_DIR) && VIRTUAL_ENV=$(abspath $(PY_VENV)) PATH=$(PY_BIN):$$PATH maturin develop --quiet --profile dev --features testing
	cd $(PY_DIR) && PYSPARK_PYTHON=$(PY_BIN)/python SPARK_LOCAL_IP=127.0.0.1 $(PY_BIN)/python -m pytest -q -p no:cacheprovider tests --nbmake notebooks
# Tests use small districts: a dev build of the extension compiles in a fraction of the release
# time on a fresh machine. The benchmark (bench/bench_match.py) builds with --release itself.
