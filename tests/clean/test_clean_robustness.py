"""Language flag and odd inputs: never raise, empty body gives empty text."""

from __future__ import annotations

from typing import Any, Literal

import pytest

from newstrace.clean import clean_document
from newstrace.clean.language import detect_language
from newstrace.records import RawDocument

GERMAN = (
    "Die Verhandlungen zwischen den beiden Ländern wurden am Dienstag in Wien fortgesetzt. "
    "Nach Angaben der Delegationen ist es aber noch nicht zu einer Einigung gekommen, und die "
    "Gespräche sollen im April weitergehen."
)
ENGLISH = (
    "The talks between the two countries resumed in Vienna on Tuesday. According to the "
    "delegations there has been no agreement yet, and the talks are due to continue in April."
)


def make_raw(text: str, *, fmt: Literal["text", "html"] = "text", **kwargs: Any) -> RawDocument:
    return RawDocument(doc_id="test", name="test", text=text, format=fmt, **kwargs)



def test_english_is_en_and_german_is_flagged() -> None:
    assert clean_document(make_raw(ENGLISH)).language == "en"
    doc = clean_document(make_raw(GERMAN))
    assert doc.language == "de"
    assert doc.text  # kept, only flagged


def test_unknown_script_is_undetermined() -> None:
    assert detect_language("ᚠᚢᚦᚨᚱᚲ ᚷᚹᚺᚾᛁᛃ ᛇᛈᛉᛊᛏᛒ ᛖᛗᛚᛜᛞᛟ ᚠᚢᚦ ᚨᚱᚲ ᚷᚹᚺ ᚾᛁᛃ ᛇᛈᛉ") == "und"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "Share this article",
        "x" * 100_000,
        "\x01\x02 \x7f\x1b[0m garbage \ufffd\ufffd " * 500,
        "a\x00b",
        "word " * 20_000,
        "\r\n".join(["Advertisement"] * 50),
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    doc = clean_document(make_raw(text))
    assert isinstance(doc.text, str)
    for seg in doc.segments:
        assert doc.source_text[seg.source_start : seg.source_start + seg.length] == doc.text[
            seg.clean_start : seg.clean_start + seg.length
        ]


def test_no_body_gives_empty_text() -> None:
    doc = clean_document(make_raw("Advertisement\n\nShare this article\n© 2024 Example News\n"))
    assert doc.text == ""
    assert doc.segments == ()
    assert all(ln.cls == "junk" for ln in doc.lines)
