"""A month or year publication date: the reading most of its possible days agree on.

"Reuters reported in November" in an article known only to be from 2025 is
November 2024 unless the article was written in its last two months; the
date stage takes a reading only when it holds on ``likely_share`` of the days.
"""

from __future__ import annotations

import pytest

from newstrace.date import find_times, resolve
from newstrace.date.tables import expressions_table
from newstrace.records import Precision, PublishedDate


def _at(value: str | None, precision: Precision | None) -> PublishedDate:
    return PublishedDate(value=value, precision=precision, confidence=0.5, evidence=None, method="test")


YEAR = _at("2025", "year")


def test_share_is_data() -> None:
    assert 0.5 < float(expressions_table()["likely_share"]) <= 1.0


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("in November", "2024-11"),  # November 2025 only if written in Nov/Dec 2025
        ("in December", "2024-12"),
        ("in March", "2025-03"),  # March 2024 only if written in Jan/Feb 2025
        ("in February", "2025-02"),
        ("in January", "2025-01"),  # every day of 2025 agrees
    ],
)
def test_past_month_in_a_year_only_article(expression: str, value: str) -> None:
    assert resolve(expression, YEAR) == (value, "month")


@pytest.mark.parametrize("expression", ["in June", "in September", "on Tuesday", "on April 25",
                                        "since last September", "two weeks ago"])
def test_no_reading_is_likely_enough(expression: str) -> None:
    value, _ = resolve(expression, YEAR)
    assert value is None


def test_future_month_points_forward_in_a_year_only_article() -> None:
    (te,) = find_times("The envoys will meet again in November.", YEAR)
    assert (te.value, te.precision) == ("2025-11", "month")


def test_month_anchor_never_guesses_a_day() -> None:
    month = _at("2024-11", "month")
    # every possible Thursday is a different day: no day is likely
    assert resolve("on Thursday", month)[1] != "day"
    assert resolve("yesterday", month)[1] != "day"
    assert resolve("in October", month) == ("2024-10", "month")


def test_last_month_name_in_a_december_article() -> None:
    dec = _at("2023-12-24", "day")
    assert resolve("Since last September", dec) == ("2023-09", "month")
    assert resolve("last December", dec) == ("2022-12", "month")


def test_undated_article_resolves_nothing_relative() -> None:
    assert resolve("in November", _at(None, None)) == (None, "month")
