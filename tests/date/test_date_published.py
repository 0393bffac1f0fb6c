"""Publication date: each trust level, inference, copyright, undated, clock independence."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from newstrace.date import date_document, published_date
from newstrace.date.parse import parse_date_string
from newstrace.records import PublishedDate

BODY = (
    "The foreign ministry of Ruritania said the talks with its neighbour had made progress "
    "on the return of prisoners, and that a further round was planned, officials said."
)


def _check_evidence(text: str, p: PublishedDate) -> None:
    assert p.evidence is not None and p.evidence_start is not None and p.evidence_end is not None
    assert text[p.evidence_start : p.evidence_end] == p.evidence


# ----------------------------------------------------------------- metadata


def test_metadata_wins_over_header(make_clean: Callable[..., Any]) -> None:
    text = f"Published 1 March 2024\n{BODY}"
    p = published_date(make_clean(text, published="2024-03-05T10:00:00Z"))
    assert (p.value, p.precision, p.method) == ("2024-03-05", "day", "metadata")
    assert p.confidence >= 0.9


@pytest.mark.parametrize(
    ("given", "value", "precision"),
    [
        ("2024-03", "2024-03", "month"),
        ("2024", "2024", "year"),
        ("March 5, 2024", "2024-03-05", "day"),
        ("5 March 2024 14:00", "2024-03-05", "day"),
        ("05.03.2024", "2024-03-05", "day"),
    ],
)
def test_metadata_precision_is_what_is_given(
    given: str, value: str, precision: str, make_clean: Callable[..., Any]
) -> None:
    p = published_date(make_clean(BODY, published=given))
    assert (p.value, p.precision, p.method) == (value, precision, "metadata")


def test_coarse_metadata_refined_by_agreeing_header(make_clean: Callable[..., Any]) -> None:
    text = f"Posted: 12 May 2023\n{BODY}"
    p = published_date(make_clean(text, published="2023"))
    assert (p.value, p.precision) == ("2023-05-12", "day")


def test_htmldate_reads_meta_tags(make_clean: Callable[..., Any]) -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-06-14T08:00:00Z">'
        f"</head><body><p>{BODY}</p></body></html>"
    )
    clean = make_clean(html, fmt="html", source_text=BODY)
    p = published_date(clean)
    assert (p.value, p.precision, p.method) == ("2023-06-14", "day", "htmldate")


def test_htmldate_first_of_january_not_written_is_only_a_year(
    monkeypatch: pytest.MonkeyPatch, make_clean: Callable[..., Any]
) -> None:
    import htmldate

    monkeypatch.setattr(htmldate, "find_date", lambda *a, **k: "2021-01-01")
    html = f"<html><body><p>{BODY}</p></body></html>"
    p = published_date(make_clean(html, fmt="html", source_text=BODY))
    assert (p.value, p.precision, p.method) == ("2021", "year", "htmldate")


# ----------------------------------------------------------------- headers


def test_labelled_header_with_time(make_clean: Callable[..., Any]) -> None:
    text = f"Ruritania talks resume\nBy A. Writer\nPublished 14 Jan 2025 10:02 GMT\n{BODY}"
    p = published_date(make_clean(text))
    assert (p.value, p.precision, p.method) == ("2025-01-14", "day", "header")
    assert p.evidence == "Published 14 Jan 2025 10:02 GMT"
    _check_evidence(text, p)


def test_label_at_start_of_first_line(make_clean: Callable[..., Any]) -> None:
    text = f" date 2022-11-03 {BODY}"
    p = published_date(make_clean(text))
    assert (p.value, p.precision) == ("2022-11-03", "day")
    assert p.evidence == "date 2022-11-03"


def test_date_line_in_header_zone(make_clean: Callable[..., Any]) -> None:
    text = f"Ruritania talks resume\nNews Agency |\nMar 3, 2025 09:15 AM IST\n{BODY}"
    p = published_date(make_clean(text))
    assert (p.value, p.precision) == ("2025-03-03", "day")
    assert p.evidence == "Mar 3, 2025 09:15 AM IST"
    _check_evidence(text, p)


def test_meta_line_class_is_header_even_below_the_top(make_clean: Callable[..., Any]) -> None:
    lines = [BODY] * 3 + ["3 March 2025"]
    text = "\n".join(lines)
    p = published_date(make_clean(text, classes={4: "meta"}))
    assert (p.value, p.precision) == ("2025-03-03", "day")


def test_date_in_a_sentence_is_not_a_header(make_clean: Callable[..., Any]) -> None:
    text = f"{BODY}\nThe war began on February 24, 2022, when troops crossed the border at dawn."
    p = published_date(make_clean(text))
    assert p.precision != "day"


def test_dateline_with_year(make_clean: Callable[..., Any]) -> None:
    text = f"ZENDA, March 3, 2025 (Wire) - {BODY}"
    p = published_date(make_clean(text))
    assert (p.value, p.precision, p.method) == ("2025-03-03", "day", "dateline")


def test_dateline_without_year_is_not_day_precise_alone(make_clean: Callable[..., Any]) -> None:
    text = f"ZENDA, March 3 (Wire) - {BODY}"
    assert published_date(make_clean(text)).value is None


def test_dateline_without_year_dated_by_crawl_bound(make_clean: Callable[..., Any]) -> None:
    text = f"ZENDA, 28 January (Wire) - {BODY}"
    p = published_date(make_clean(text, extra={"seen": "2023-01-29T06:00:00Z"}))
    assert (p.value, p.precision, p.method) == ("2023-01-28", "day", "dateline")
    assert p.confidence <= 0.6


def test_header_after_crawl_time_is_impossible(make_clean: Callable[..., Any]) -> None:
    text = f"Published 14 Jan 2025\n{BODY}"
    p = published_date(make_clean(text, extra={"seen": "2024-12-01T00:00:00Z"}))
    assert p.value != "2025-01-14"


def test_footer_date_corroborates_but_does_not_date_alone(make_clean: Callable[..., Any]) -> None:
    filler = "\n".join([BODY] * 4)
    alone = published_date(make_clean(f"{filler}\nFriday, January 26, 2024\nSign in"))
    assert alone.value is None
    head = "Published January 26, 2024"
    with_header = published_date(make_clean(f"{head}\n{filler}\nFriday, January 26, 2024"))
    plain = published_date(make_clean(f"{head}\n{filler}"))
    assert with_header.value == plain.value == "2024-01-26"
    assert with_header.confidence > plain.confidence


# ----------------------------------------------------------------- inference


def test_inference_unique_year(make_clean: Callable[..., Any]) -> None:
    # June 10 is a Tuesday in 2025, and in no other year from 2022 to 2026.
    text = (
        "The ministry on Tuesday confirmed that the president is open to talks without conditions.\n"
        "The statement follows a meeting on June 9 between the two foreign ministers in Zenda.\n"
        "Since the border war began in February 2022, both sides have lost thousands of soldiers."
    )
    p = published_date(make_clean(text))
    assert (p.value, p.precision, p.method) == ("2025-06-10", "day", "inferred")
    assert p.evidence == "on Tuesday"
    assert p.confidence <= 0.6
    _check_evidence(text, p)


def test_inference_without_year_bound_stays_undated(make_clean: Callable[..., Any]) -> None:
    text = (
        "The ministry on Tuesday confirmed that the president is open to talks without conditions.\n"
        "The statement follows a meeting on June 9 between the two foreign ministers in Zenda."
    )
    assert published_date(make_clean(text)).value is None


def test_inference_ambiguous_weekday_gives_no_day(make_clean: Callable[..., Any]) -> None:
    # A weekday and a lower year bound alone fit dozens of days: no day, no guess.
    text = (
        "The ministry on Tuesday confirmed that the president is open to talks without conditions.\n"
        "Since the border war began in February 2022, both sides have lost thousands of soldiers."
    )
    p = published_date(make_clean(text))
    assert p.value is None


def test_weekday_with_date_in_lead(make_clean: Callable[..., Any]) -> None:
    text = (
        "Thousands marched across Zenda on Tuesday, February 8 to demand an end to the fighting.\n"
        "Protests have been held every week since the clashes of 2021 first spread to the capital."
    )
    p = published_date(make_clean(text))
    assert (p.value, p.precision) == ("2022-02-08", "day")


def test_bounds_from_text_and_crawl_give_a_year(make_clean: Callable[..., Any]) -> None:
    text = f"{BODY}\nThe agreement signed in March 2023 is still being applied, officials said."
    p = published_date(make_clean(text, extra={"seen": "2023-09-01T00:00:00Z"}))
    assert (p.value, p.precision) == ("2023", "year")


def test_future_year_is_not_a_lower_bound(make_clean: Callable[..., Any]) -> None:
    text = f"{BODY}\nThe plan is to rebuild the bridge by 2030, the ministry said."
    p = published_date(make_clean(text, extra={"seen": "2023-09-01T00:00:00Z"}))
    assert p.value is None


# ----------------------------------------------------------------- copyright, undated


def test_copyright_year_only(make_clean: Callable[..., Any]) -> None:
    text = f"{BODY}\nThe army advanced on Wednesday.\nShare.\n© 2025 The Zenda Courier. All Rights Reserved."
    p = published_date(make_clean(text))
    assert (p.value, p.precision, p.method) == ("2025", "year", "copyright")
    assert p.evidence == "© 2025 The Zenda Courier"
    _check_evidence(text, p)


def test_weekdays_only_is_undated(make_clean: Callable[..., Any]) -> None:
    text = (
        "The president said on Thursday that he would travel to Zenda, two days after talks.\n"
        "Officials are heading to the capital on Friday for a separate round, an adviser said.\n"
        "On Tuesday the envoy met the foreign minister for five hours."
    )
    dated = date_document(make_clean(text))
    assert dated.published.value is None and dated.published.precision is None
    assert dated.published.method == "none"


# ----------------------------------------------------------------- clock trap


def test_no_year_string_gets_no_year(make_clean: Callable[..., Any]) -> None:
    # dateparser would fill the year from today's clock; the parser must not.
    parsed = parse_date_string("26 February")
    assert parsed is None or parsed.precision not in ("day", "month")
    assert parse_date_string("the 26th of February") is None
    text = f"26 February\n{BODY}"
    p = published_date(make_clean(text))
    assert p.value is None
    assert str(date.today().year) not in (p.value or "")


@pytest.mark.parametrize(
    ("published", "text", "extra"),
    [
        ("9999-12-31", "Officials said talks would resume next year.", {}),
        ("0001-01-01", "Fighting resumed last year.", {}),
        (None, "Fighting resumed on Monday.", {"seen": "0001-01-03T00:00:00Z"}),
    ],
)
def test_placeholder_metadata_dates_are_ignored_not_fatal(
    published: str | None, text: str, extra: dict[str, str]
) -> None:
    from newstrace import ids
    from newstrace.clean import clean_document
    from newstrace.date import date_document
    from newstrace.records import RawDocument

    raw = RawDocument(doc_id=ids.doc_id(text), name="x.txt", text=text, format="text",
                      published=published, extra=extra)
    dated = date_document(clean_document(raw))
    assert dated.published.value is None
    assert all(t.value is None for t in dated.times)
