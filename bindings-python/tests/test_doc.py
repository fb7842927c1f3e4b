"""Docstring examples run as tests."""

from __future__ import annotations

import doctest

import huzhu


def test_package_docstring() -> None:
    result = doctest.testmod(huzhu, verbose=False)
    assert result.attempted > 0 and result.failed == 0
