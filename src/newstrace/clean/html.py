"""Main text and metadata of an HTML page, through trafilatura.

trafilatura does the boilerplate removal; the page's text is then laid out
as the title line followed by the body paragraphs, one per line, and the
same line classifier as for plain text runs over it. When trafilatura finds
nothing, the text of the page's ``<p>`` elements is used instead (lxml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html
import trafilatura


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    date: str | None = None
    method: str = "trafilatura"


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _as_dict(doc: Any) -> dict[str, Any]:
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    as_dict = getattr(doc, "as_dict", None)
    return dict(as_dict()) if callable(as_dict) else {}


def _paragraphs_fallback(html: str) -> HtmlText:
    """Text of ``<p>`` elements and the ``<title>``, for pages trafilatura gives up on."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.LxmlError):
        return HtmlText(text="", method="none")
    paras = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    titles = [" ".join(t.text_content().split()) for t in tree.iter("title")]
    title = titles[0] if titles and titles[0] else None
    return HtmlText(text="\n".join(p for p in paras if p), title=title, method="lxml_p")


def extract_html(html: str, *, url: str | None = None) -> HtmlText:
    """Title, body text and metadata of a page; never raises on bad markup."""
    if not html.strip():
        return HtmlText(text="", method="none")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            output_format="python",
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=True,
        )
        data: dict[str, Any] = _as_dict(doc)
    except Exception:  # trafilatura raises assorted parser errors on broken pages
        data = {}
    text = _str(data.get("text"))
    if not text:
        fallback = _paragraphs_fallback(html)
        return fallback if fallback.text else HtmlText(text="", method="none")
    return HtmlText(
        text=text,
        title=_str(data.get("title")),
        author=_str(data.get("author")),
        sitename=_str(data.get("sitename")),
        url=_str(data.get("url")),
        date=_str(data.get("date")),
    )


def layout(page: HtmlText) -> str:
    """The source text for an HTML document: title line, then the body paragraphs."""
    body = "\n".join(line.strip() for line in page.text.split("\n") if line.strip())
    if page.title and not body.startswith(page.title):
        return page.title + "\n" + body
    return body
