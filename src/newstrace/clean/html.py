"""Main text and metadata of an HTML page, through trafilatura.

trafilatura does the boilerplate removal (with its settings from
``data/clean/html.toml``); the page's text is then laid out as the title line
followed by the body paragraphs, one per line, and the line classifier runs
over it (``clean.html_lines``). A second, precision-minded trafilatura pass
gives a second opinion that ``clean.html_lines`` asks for on doubtful lines.
When trafilatura finds nothing, the text of the page's ``<p>`` elements is
used instead (lxml).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from newstrace.clean.html_depth import flatten_deep
from newstrace.knowledge.datafiles import load_toml

_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    date: str | None = None
    method: str = "trafilatura"
    #: Whitespace-normalised text of the precision pass; None when it was not run or failed.
    confirm: str | None = None


@dataclass(frozen=True, slots=True)
class HtmlSettings:
    include_tables: bool
    include_comments: bool
    confirm_pass: bool


@functools.lru_cache(maxsize=1)
def settings() -> HtmlSettings:
    table = load_toml("clean/html.toml").get("extraction", {})
    return HtmlSettings(
        include_tables=bool(table.get("include_tables", True)),
        include_comments=bool(table.get("include_comments", False)),
        confirm_pass=bool(table.get("confirm_with_precision_pass", True)),
    )


def squash(text: str) -> str:
    """Whitespace-normalised text, the form in which lines are looked up in ``confirm``."""
    return _WS.sub(" ", text).strip()


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


def _precision_text(html: str, *, url: str | None, opts: HtmlSettings) -> str | None:
    try:
        text = trafilatura.extract(
            html,
            url=url,
            favor_precision=True,
            include_comments=opts.include_comments,
            include_tables=opts.include_tables,
        )
    except Exception:  # trafilatura raises assorted parser errors on broken pages
        return None
    return squash(text) if text else None


def extract_html(html: str, *, url: str | None = None) -> HtmlText:
    """Title, body text and metadata of a page; never raises on bad markup."""
    if not html.strip():
        return HtmlText(text="", method="none")
    html = flatten_deep(html)
    opts = settings()
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            output_format="python",
            include_comments=opts.include_comments,
            include_tables=opts.include_tables,
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
        confirm=_precision_text(html, url=url, opts=opts) if opts.confirm_pass else None,
    )


def layout(page: HtmlText) -> str:
    """The source text for an HTML document: title line, then the body paragraphs."""
    body = "\n".join(line.strip() for line in page.text.split("\n") if line.strip())
    if page.title and not body.startswith(page.title):
        return page.title + "\n" + body
    return body
