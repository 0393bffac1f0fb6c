"""HTML pages: htmldate's answer cross-checked with JSON-LD, <meta>, <time>, the URL and the text.

Every page here is invented for the test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from newstrace.date import published_date
from newstrace.date.page import PageDates, page_claim, url_date, written_in
from newstrace.records import CleanDocument

BODY = (
    "The harbour board of Ostravia voted to extend the pier by forty metres, and the "
    "fishing cooperative said the works would start once the winter storms had passed."
)


def _page(head: str = "", body_extra: str = "") -> str:
    return (
        f"<html><head><title>Pier vote</title>{head}</head><body><article>"
        f"<h1>Pier vote</h1><p>{BODY}</p>{body_extra}</article></body></html>"
    )


def _jsonld(**fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier vote", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _doc(
    make_clean: Callable[..., CleanDocument], html: str, *, url: str | None = None, text: str = BODY
) -> CleanDocument:
    clean = make_clean(html, fmt="html", source_text=text)
    return replace(clean, raw=replace(clean.raw, url=url))


def test_all_witnesses_agree_is_confident(make_clean: Callable[..., Any]) -> None:
    head = _jsonld(datePublished="2021-03-02T09:15:00+01:00") + (
        '<meta property="article:published_time" content="2021-03-02T09:15:00+01:00">'
    )
    text = f"Pier vote\nPublished 2 March 2021\n{BODY}"
    clean = _doc(make_clean, _page(head), url="https://news.example/2021/03/02/pier-vote/", text=text)
    p = published_date(clean)
    assert (p.value, p.precision, p.method) == ("2021-03-02", "day", "htmldate")
    assert p.confidence >= 0.9


def test_published_not_modified(make_clean: Callable[..., Any]) -> None:
    head = _jsonld(datePublished="2021-03-02T09:15:00Z", dateModified="2022-07-19T16:00:00Z")
    p = published_date(_doc(make_clean, _page(head)))
    assert (p.value, p.precision) == ("2021-03-02", "day")


def test_far_modified_date_without_witness_is_not_confident(make_clean: Callable[..., Any]) -> None:
    """Two dates claimed a year apart and nothing visible says which is the publication."""
    head = _jsonld(datePublished="2021-03-02T09:15:00Z", dateModified="2022-07-19T16:00:00Z")
    p = published_date(_doc(make_clean, _page(head)))
    assert p.confidence < 0.5


def test_far_modified_date_with_url_witness_is_confident(make_clean: Callable[..., Any]) -> None:
    head = _jsonld(datePublished="2021-03-02T09:15:00Z", dateModified="2022-07-19T16:00:00Z")
    clean = _doc(make_clean, _page(head), url="https://news.example/2021/03/02/pier-vote/")
    p = published_date(clean)
    assert (p.value, p.precision) == ("2021-03-02", "day")
    assert p.confidence >= 0.5


def test_bare_year_meta_is_cut_to_year(make_clean: Callable[..., Any]) -> None:
    """htmldate fills a bare "2019" as 1 January; nothing on the page states that day."""
    p = published_date(_doc(make_clean, _page('<meta name="date" content="2019">')))
    assert (p.value, p.precision) == ("2019", "year")


def test_first_of_month_written_on_the_page_stays_a_day(make_clean: Callable[..., Any]) -> None:
    html = _page('<meta name="date" content="2019-05-01">', '<p class="byline">01.05.2019</p>')
    p = published_date(_doc(make_clean, html))
    assert (p.value, p.precision) == ("2019-05-01", "day")


def test_htmldate_against_structured_published_yields_to_text_header(
    monkeypatch: pytest.MonkeyPatch, make_clean: Callable[..., Any]
) -> None:
    """htmldate's day contradicts the page's JSON-LD published date: neither page date is
    trusted, and the header written in the article decides."""
    import htmldate

    monkeypatch.setattr(htmldate, "find_date", lambda *a, **k: "2020-05-17")
    head = _jsonld(datePublished="2020-05-10T08:00:00Z")
    text = f"Pier vote\nPublished 10 May 2020\n{BODY}"
    p = published_date(_doc(make_clean, _page(head), text=text))
    assert (p.value, p.precision, p.method) == ("2020-05-10", "day", "header")


def test_meta_against_text_prefers_structured(make_clean: Callable[..., Any]) -> None:
    """The meta tag and a text header disagree: structured metadata wins, with less confidence
    than when they agree."""
    head = '<meta property="article:published_time" content="2022-11-08T10:00:00Z">'
    agree = f"Pier vote\nPublished 8 November 2022\n{BODY}"
    differ = f"Pier vote\nPublished 3 November 2022\n{BODY}"
    p_agree = published_date(_doc(make_clean, _page(head), text=agree))
    p_differ = published_date(_doc(make_clean, _page(head), text=differ))
    assert (p_differ.value, p_differ.method) == ("2022-11-08", "htmldate")
    assert p_differ.confidence < p_agree.confidence


def test_date_only_found_by_extensive_search_is_not_confident(make_clean: Callable[..., Any]) -> None:
    """No metadata: the only date is in a sidebar the article text does not hold."""
    html = _page(body_extra="</article><aside><p>Archiv: Beitrag vom 17.05.2020</p></aside><article>")
    p = published_date(_doc(make_clean, html))
    if p.value is not None and p.precision == "day":
        assert p.method == "htmldate-search"
        assert p.confidence < 0.5


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2020/05/17/pier-vote/", ("2020-05-17", "day")),
        ("https://news.example/archive/2020-05-17-pier-vote", ("2020-05-17", "day")),
        ("https://news.example/2020/05/pier-vote/", ("2020-05", "month")),
        ("https://news.example/story/20201317", None),
        ("https://news.example/pier-vote", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, expected: tuple[str, str] | None) -> None:
    assert url_date(url) == expected


def test_page_claim_only_modified_is_not_confident() -> None:
    dates = PageDates(frozenset(), frozenset({"2023-02-14"}), None, None)
    claim = page_claim("2023-02-14", False, dates, text_days=frozenset())
    assert claim is not None and claim.confidence < 0.5


def test_page_claim_url_alone() -> None:
    dates = PageDates(frozenset(), frozenset(), "2023-02-14", "day")
    claim = page_claim(None, False, dates, text_days=frozenset())
    assert claim is not None and (claim.value, claim.method) == ("2023-02-14", "url")


def test_written_in_numeric_forms() -> None:
    assert written_in("<span>3.7.2024</span>", "2024-07-03")
    assert written_in("<span>2024/07/03</span>", "2024-07-03")
    assert not written_in("<span>2024/07/04</span>", "2024-07-03")
