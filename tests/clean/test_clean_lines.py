"""Line classes on invented articles: titles, bylines, body with subheadings, junk kinds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pytest

from newstrace.clean import clean_document
from newstrace.records import CleanDocument, RawDocument

Loader = Callable[[str], CleanDocument]


def make_raw(text: str, *, fmt: Literal["text", "html"] = "text", **kwargs: Any) -> RawDocument:
    return RawDocument(doc_id="test", name="test", text=text, format=fmt, **kwargs)


def classes(doc: CleanDocument) -> dict[int, str]:
    return {ln.number: ln.cls for ln in doc.lines}



def test_page_with_navigation_title_meta_and_footer(clean_fixture: Loader) -> None:
    doc = clean_fixture("courier_page.txt")
    got = classes(doc)
    assert [n for n, c in got.items() if c == "title"] == [6]
    assert [n for n, c in got.items() if c == "meta"] == [8, 9]
    assert [n for n, c in got.items() if c == "body"] == [11, 13, 18, 20, 22, 28]
    assert all(got[n] == "junk" for n in (1, 2, 3, 4, 15, 16, 24, 26, *range(30, 51)) if n in got)
    assert doc.title == "Border talks resume in Vienna after long pause"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (1, "site_title_duplicate"),
        (2, "slug_token"),
        (4, "breadcrumb"),
        (15, "caption_credit_paren"),
        (24, "teaser"),
        (26, "account_prompt"),
        (31, "share_prompt"),
        (39, "bullet_slug"),
        (42, "copyright"),
        (46, "weather_widget"),
        (47, "footer_date"),
        (49, "copyright"),
        (50, "social_follow"),
    ],
)
def test_junk_kinds_name_their_rule(clean_fixture: Loader, number: int, reason: str) -> None:
    line = next(ln for ln in clean_fixture("courier_page.txt").lines if ln.number == number)
    assert (line.cls, line.reason) == ("junk", reason)


def test_byline_and_dateline_are_meta(clean_fixture: Loader) -> None:
    lines = {ln.number: ln for ln in clean_fixture("courier_page.txt").lines}
    assert (lines[8].cls, lines[8].reason) == ("meta", "wire_pipe")
    assert (lines[9].cls, lines[9].reason) == ("meta", "dateline")


@pytest.mark.parametrize(
    "byline", ["By Jane Doe", "By Jane Doe and Max Roe | Example Wire", "Published: March 3, 2024"]
)
def test_byline_forms(byline: str) -> None:
    text = f"{byline}\n\nNegotiators met in Vienna on Tuesday for the first time in a year, officials said.\n"
    doc = clean_document(make_raw(text))
    assert doc.lines[0].cls == "meta"


def test_subheading_between_paragraphs_is_body(clean_fixture: Loader) -> None:
    got = classes(clean_fixture("reported.txt"))
    assert got[5] == "body"  # "Talks are stalled"
    assert set(got.values()) == {"body"}


def test_leading_date_marker_and_closing_credit_are_body(clean_fixture: Loader) -> None:
    doc = clean_fixture("reported.txt")
    assert doc.lines[0].cls == "body" and doc.lines[0].text.startswith("date 2024-02-10")
    assert (doc.lines[-1].cls, doc.lines[-1].reason) == ("body", "credit_line")


def test_caps_headline_is_title_and_footer_junk(clean_fixture: Loader) -> None:
    doc = clean_fixture("harbour.txt")
    got = classes(doc)
    assert got[1] == "title"
    assert doc.title == "NORTHLAND SET TO REOPEN RIVER CROSSING"
    assert [got[n] for n in (11, 13, 15)] == ["junk", "junk", "junk"]
    assert "NORTHLAND SET" not in doc.text


def test_duplicated_caption_with_credit_is_junk(clean_fixture: Loader) -> None:
    doc = clean_fixture("caption.txt")
    got = classes(doc)
    assert got[5] == "body"
    assert got[6] == "junk"
    assert "Jane Roe/Reuters" not in doc.text


def test_exact_duplicate_line_is_junk() -> None:
    text = (
        "Officials met in the capital on Monday to discuss the crossing, a spokesperson said.\n"
        "A view of the crossing at dawn\n"
        "A view of the crossing at dawn\n"
        "The crossing has been closed since the spring floods, the spokesperson added.\n"
    )
    lines = clean_document(make_raw(text)).lines
    assert (lines[2].cls, lines[2].reason) == ("junk", "duplicate_line")
    assert lines[1].cls == "body"


def test_in_body_junk(clean_fixture: Loader) -> None:
    lines = {ln.number: ln for ln in clean_fixture("fox_like.txt").lines}
    expected = {
        1: "account_prompt",
        5: "advertisement",
        7: "caps_teaser",
        11: "account_prompt",
        15: "cookie_banner",
        17: "caption_credit_paren",
        21: "caption_label",
        23: "account_prompt_short",
    }
    for number, reason in expected.items():
        assert (lines[number].cls, lines[number].reason) == ("junk", reason), number
    assert [n for n, ln in lines.items() if ln.cls == "body"] == [3, 9, 13, 19]


def test_long_paragraph_ending_in_agency_credit_is_kept() -> None:
    para = (
        'The mayor said the fire "was an accident and nothing more", adding that the investigation '
        'would take weeks. "We ask everyone to stay calm," he told local radio on Sunday evening '
        "after visiting the site with firefighters.(DPA, AFP)"
    )
    text = "Fire crews worked through the night to contain the blaze near the port, officials said.\n" + para
    doc = clean_document(make_raw(text))
    assert doc.lines[1].cls == "body"


def test_line_numbers_count_empty_lines() -> None:
    doc = clean_document(make_raw("\n\nThe talks ended on Friday without an agreement, officials said.\n"))
    assert doc.lines[0].number == 3


def test_masthead_section_and_wire_byline_above_headline(clean_fixture: Loader) -> None:
    lines = {ln.number: ln for ln in clean_fixture("masthead.txt").lines}
    assert (lines[1].cls, lines[1].reason) == ("junk", "masthead")
    assert lines[2].cls == "junk"
    assert (lines[4].cls, lines[4].reason) == ("title", "headline")
    assert (lines[6].cls, lines[6].reason) == ("meta", "byline_outlet")
    assert (lines[7].cls, lines[7].reason) == ("meta", "dateline")
    assert [n for n, ln in lines.items() if ln.cls == "body"] == [9, 11]


def test_share_bar_of_network_names_is_junk() -> None:
    text = (
        "Harbour talks resume\n\nShare this article\nFacebook X WhatsApp Email Copy link\n\n"
        "Officials from both ports met on Monday and agreed to keep the ferry line open.\n"
    )
    got = classes(clean_document(make_raw(text)))
    assert got[3] == "junk" and got[4] == "junk"
    assert got[6] == "body"


def test_byline_gives_the_author() -> None:
    text = ("Harbour talks resume\n\nBy Lena Marsk\n\n"
            "Officials from both ports met on Monday and agreed terms.\n")
    assert clean_document(make_raw(text)).author == "Lena Marsk"
    assert clean_document(make_raw("Officials met on Monday and agreed terms.\n")).author is None


def test_related_story_block_glued_into_the_body_is_junk() -> None:
    text = (
        "Harbour talks resume in Selm\n\n"
        "Negotiators from Kaldoria and Lusavia met in Selm on Tuesday to discuss the harbour dues.\n\n"
        "Other Topics of Interest Kaldorian Minister Says Grain Tariffs Will Fall Next Year The minister "
        "told parliament on Monday that the tariffs on grain shipped through the harbour would be cut "
        "by a third from January, a step that traders in Selm and Vessgrad have sought for years and "
        "that the opposition called too small to matter.\n\n"
        "Stories you may have missed: Dam inspectors finish survey\n\n"
        "Both sides said they would meet again next month to settle the remaining questions."
    )
    lines = {ln.text[:20]: ln for ln in clean_document(make_raw(text)).lines}
    glued = lines["Other Topics of Inte"]
    assert (glued.cls, glued.reason) == ("junk", "related_block")
    assert lines["Stories you may have"].cls == "junk"
    assert lines["Negotiators from Kal"].cls == lines["Both sides said they"].cls == "body"
