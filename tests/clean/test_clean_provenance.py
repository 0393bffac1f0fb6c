"""Publishing outlet and origin outlet from bylines, copyright, title suffix and citations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pytest

from newstrace.clean import clean_document
from newstrace.records import CleanDocument, RawDocument

Loader = Callable[[str], CleanDocument]
PARA = "Negotiators met in Vienna on Tuesday for the first time in a year, officials said."


def make_raw(text: str, *, fmt: Literal["text", "html"] = "text", **kwargs: Any) -> RawDocument:
    return RawDocument(doc_id="test", name="test", text=text, format=fmt, **kwargs)



def test_wire_byline_and_title_suffix(clean_fixture: Loader) -> None:
    doc = clean_fixture("courier_page.txt")
    assert doc.origin == "Reuters"
    assert doc.outlet == "The Daily Courier"


def test_copyright_outlet_and_cited_wire(clean_fixture: Loader) -> None:
    doc = clean_fixture("harbour.txt")
    assert doc.outlet == "Example Harbour News"
    assert doc.origin == "Reuters"


def test_reported_by_outlet_is_origin(clean_fixture: Loader) -> None:
    doc = clean_fixture("reported.txt")
    assert doc.origin == "The Washington Post"
    assert doc.outlet is None


def test_told_outlet_outweighs_a_later_according_to(clean_fixture: Loader) -> None:
    doc = clean_fixture("caption.txt")
    assert doc.origin == "CNN"
    assert doc.outlet is None


@pytest.mark.parametrize(
    ("first_line", "origin"),
    [
        ("KYIV, Ukraine (AP) — " + PARA, "Associated Press"),
        ("MOSCOW (Reuters) - " + PARA, "Reuters"),
        ("By Reuters\n\n" + PARA, "Reuters"),
    ],
)
def test_wire_datelines(first_line: str, origin: str) -> None:
    doc = clean_document(make_raw(first_line + "\n" + PARA + "\n"))
    assert doc.origin == origin


def test_outlet_naming_itself_by_domain() -> None:
    text = PARA + "\nDiplomatic sources told NewsDrum.in that a second round was planned.\n"
    doc = clean_document(make_raw(text))
    assert doc.outlet == "NewsDrum"
    assert doc.origin == "NewsDrum"


def test_registered_copyright_and_metadata_outlet() -> None:
    text = PARA + "\n© 2024 Sky News. All rights reserved.\n"
    assert clean_document(make_raw(text)).outlet == "Sky News"
    assert clean_document(make_raw(text, outlet="BBC News")).outlet == "BBC"


def test_a_single_passing_mention_is_not_an_origin() -> None:
    text = "\n".join(
        [
            PARA,
            "The delegations agreed to meet again in April, a joint statement said.",
            "Both sides described the atmosphere as calm and businesslike.",
            "The figures were later confirmed, according to Reuters.",
        ]
    )
    assert clean_document(make_raw(text)).origin is None


def test_republished_wire_copy(clean_fixture: Loader) -> None:
    doc = clean_fixture("masthead.txt")
    assert doc.outlet == "The Example Herald"
    assert doc.origin == "Agence France-Presse"
