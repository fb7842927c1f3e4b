"""The shared conformance fixtures (``tests/fixtures`` in the repository): the same Rust runner
every surface calls, so Python, Rust and the browser give the same output byte for byte.

>>> import json
>>> from huzhu import conformance
>>> conformance.canonicalize('{"b": 1, "a": [1.5, 2]}')
'{"a":[1.500000,2],"b":1}'
"""

from __future__ import annotations

try:
    from ._huzhu import _canonicalize, _run_case
except ImportError as e:  # a wheel built without the `testing` feature
    raise ImportError(
        "huzhu.conformance needs a build with the `testing` feature "
        "(maturin develop --features testing)"
    ) from e

__all__ = ["canonicalize", "run_case"]


def run_case(case: str) -> str:
    """Runs one conformance case (the whole fixture file text); returns canonical JSON.

    A bad case never raises: the output holds ``{"error": {"code", "message", ...}}``.
    """
    return _run_case(case)


def canonicalize(json_text: str) -> str:
    """Canonical JSON: keys sorted, no whitespace, floats with exactly six decimals."""
    return _canonicalize(json_text)
