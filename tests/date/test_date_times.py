"""Time expressions found in text and resolved against a publication date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newstrace.date import date_document, find_times, resolve
from newstrace.records import Precision, PublishedDate


def _at(value: str | None, precision: Precision | None) -> PublishedDate:
    return PublishedDate(value=value, precision=precision, confidence=0.9, evidence=None, method="test")


DAY = _at("2023-12-24", "day")  # a Sunday


@pytest.mark.parametrize(
    ("expression", "pub", "value", "precision"),
    [
        ("since last September", "2023-12-24", "2023-09", "month"),
        ("last December", "2023-12-24", "2022-12", "month"),
        ("in November", "2025-03-12", "2024-11", "month"),
        ("in November", "2025-12-12", "2025-11", "month"),
        ("in late November", "2023-12-24", "2023-11", "month"),
        ("on Friday", "2024-01-26", "2024-01-26", "day"),  # a Friday itself
        ("on Tuesday", "2024-01-26", "2024-01-23", "day"),
        ("last Friday", "2024-01-26", "2024-01-19", "day"),
        ("next Tuesday", "2024-01-26", "2024-01-30", "day"),
        ("earlier this month", "2025-04-26", "2025-04", "month"),
        ("last month", "2024-01-10", "2023-12", "month"),
        ("this year", "2024-01-10", "2024", "year"),
        ("last year", "2024-01-10", "2023", "year"),
        ("two years ago", "2024-01-10", "2022", "year"),
        ("in 2022", "2025-04-26", "2022", "year"),
        ("in early 2022", "2025-04-26", "2022", "year"),
        ("in February 2022", "2025-04-26", "2022-02", "month"),
        ("on April 25", "2025-04-26", "2025-04-25", "day"),
        ("on December 30", "2025-01-03", "2024-12-30", "day"),
        ("on 24 February 2022", "2025-01-03", "2022-02-24", "day"),
        ("yesterday", "2024-01-26", "2024-01-25", "day"),
        ("last week", "2024-01-26", "2024-01", "month"),  # Jan 15-21
        ("this week", "2024-01-17", "2024-01", "month"),
        ("this week", "2024-01-31", "2024", "year"),  # Jan 29 - Feb 4
        ("this fall", "2023-12-24", "2023", "year"),
    ],
)
def test_resolve_with_day_anchor(expression: str, pub: str, value: str, precision: Precision) -> None:
    assert resolve(expression, _at(pub, "day")) == (value, precision)


def test_future_context_points_forward() -> None:
    text = "Putin will travel to Zenda on Thursday, where he is due to meet the president."
    (t,) = find_times(text, _at("2024-01-23", "day"))  # a Tuesday
    assert (t.text, t.value, t.precision) == ("on Thursday", "2024-01-25", "day")


def test_past_context_after_a_future_clause() -> None:
    text = "He will meet the envoy on Friday, officials said on Tuesday."
    times = find_times(text, _at("2024-01-24", "day"))  # a Wednesday
    assert [(t.text, t.value) for t in times] == [
        ("on Friday", "2024-01-26"),
        ("on Tuesday", "2024-01-23"),
    ]


def test_year_anchor_resolves_only_what_every_day_agrees_on() -> None:
    year = _at("2025", "year")
    # June 2024 (published before July) or June 2025 (after): neither is likely enough.
    assert resolve("in June", year) == (None, "month")
    assert resolve("last year", year) == ("2024", "year")
    assert resolve("earlier this month", year) == ("2025", "year")
    assert resolve("in February 2022", year) == ("2022-02", "month")


def test_undated_keeps_precision_not_value() -> None:
    none = _at(None, None)
    assert resolve("on Tuesday", none) == (None, "weekday")
    assert resolve("in late November", none) == (None, "month")
    assert resolve("on April 25", none) == (None, "day")
    assert resolve("earlier this month", none) == (None, "month")
    assert resolve("in February 2022", none) == ("2022-02", "month")


def test_offsets_are_into_the_text() -> None:
    text = "Since last September, the army has held the line.\nThe Kremlin on Friday denied it."
    times = find_times(text, DAY)
    assert [t.text for t in times] == ["Since last September", "on Friday"]
    for t in times:
        assert text[t.start : t.end] == t.text


def test_names_are_not_times() -> None:
    text = "He told India Today in an interview. Good Friday services were held. The Sunday Times said so."
    assert find_times(text, DAY) == []


def test_lowercase_month_words_are_not_months() -> None:
    text = "Officials may march in protest, and the army will march on."
    assert find_times(text, DAY) == []


def test_no_expression() -> None:
    assert resolve("the negotiations", DAY) == (None, None)


def test_date_document_times_use_clean_text_offsets(make_clean: Callable[..., Any]) -> None:
    text = (
        "Zenda Courier\n"
        "Published 24 Dec 2023\n"
        "Since last September, the mayor has pressed the port board for a new ferry timetable.\n"
        "In 2022 she had praised the board's handling of the winter storms, aides said."
    )
    clean = make_clean(text, classes={1: "title", 2: "meta"})
    dated = date_document(clean)
    assert dated.published.value == "2023-12-24"
    got = [(t.text, t.value, t.precision) for t in dated.times]
    assert got == [("Since last September", "2023-09", "month"), ("In 2022", "2022", "year")]
    for t in dated.times:
        assert clean.text[t.start : t.end] == t.text


def test_a_name_word_after_a_line_break_is_still_a_time() -> None:
    from newstrace.date.mentions import find_mentions

    assert [m.text for m in find_mentions("Advertisement\n\nTomorrow the talks resume.")] == ["Tomorrow"]
    assert [m.text for m in find_mentions("He spoke to India Today about it.")] == []
