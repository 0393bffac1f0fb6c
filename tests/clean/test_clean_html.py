"""HTML pages go through trafilatura; its text is then classified like plain text."""

from __future__ import annotations

from typing import Any, Literal

from newstrace.clean import clean_document
from newstrace.records import RawDocument


def make_raw(text: str, *, fmt: Literal["text", "html"] = "text", **kwargs: Any) -> RawDocument:
    return RawDocument(doc_id="test", name="test", text=text, format=fmt, **kwargs)


PAGE = """<!doctype html>
<html><head>
<title>Ferry service to resume next week | Coast - The Example Gazette</title>
<meta property="og:site_name" content="The Example Gazette">
<meta name="author" content="Ann Writer">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/coast">Coast</a></li></ul></nav>
<article>
<h1>Ferry service to resume next week</h1>
<p>The island ferry will run again from Monday after repairs to the harbour wall
were finished ahead of schedule, the operator said on Thursday.</p>
<p>Engineers had closed the pier in January after a winter storm damaged
the wall and part of the loading ramp.</p>
<p>Tickets bought for cancelled sailings will remain valid until the end
of the year, according to the operator.</p>
</article>
<footer><p>&copy; 2024 The Example Gazette. All rights reserved.</p></footer>
</body></html>
"""


def test_html_title_body_and_site() -> None:
    doc = clean_document(make_raw(PAGE, fmt="html"))
    assert doc.title == "Ferry service to resume next week"
    assert doc.source_text.split("\n")[0] == "Ferry service to resume next week"
    assert doc.lines[0].cls == "title"
    assert doc.text.startswith("The island ferry will run again")
    assert "Tickets bought" in doc.text
    assert "Home" not in doc.text
    assert doc.outlet == "The Example Gazette"
    for seg in doc.segments:
        assert (
            doc.source_text[seg.source_start : seg.source_start + seg.length]
            == doc.text[seg.clean_start : seg.clean_start + seg.length]
        )


def test_html_url_domain_gives_registered_outlet() -> None:
    doc = clean_document(make_raw(PAGE, fmt="html", url="https://www.reuters.com/world/x"))
    assert doc.outlet == "Reuters"


def test_html_fallback_and_empty_pages() -> None:
    tiny = "<html><body><p>The ferry runs again from Monday, the operator said.</p></body></html>"
    doc = clean_document(make_raw(tiny, fmt="html"))
    assert "ferry runs again" in doc.text
    for junk in ("", "<<<>>>", "<html></html>"):
        assert clean_document(make_raw(junk, fmt="html")).text == ""
