"""Docstring examples run as tests."""

from __future__ import annotations

import doctest

import huzhu


def test_package_docstring() -> None:
    result = doctest.testmod(huzhu, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_care_docstring() -> None:
    result = doctest.testmod(huzhu.care, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_scoring_docstring() -> None:
    result = doctest.testmod(huzhu.scoring, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_routing_docstring() -> None:
    result = doctest.testmod(huzhu.routing, verbose=False)
    assert result.attempted > 0 and result.failed == 0
