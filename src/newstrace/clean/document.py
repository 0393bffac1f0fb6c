"""Build a CleanDocument from a RawDocument.

Plain text is classified line by line as it is; HTML first goes through
trafilatura (``clean.html``) and its extracted text becomes the source text.
The body lines, joined by newlines, are the cleaned text; ``segments`` map it
back to the source text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newstrace.clean.boilerplate import Boilerplate
from newstrace.clean.classify import classify
from newstrace.clean.features import split_lines
from newstrace.clean.html import extract_html, layout
from newstrace.clean.html_lines import classify_html
from newstrace.clean.language import detect_language
from newstrace.clean.offsets import join_lines
from newstrace.clean.provenance import origin_of, outlet_of
from newstrace.records import CleanDocument, Line, RawDocument

_BY = re.compile(r"^\s*by\s+", re.I)


def _author(lines: list[Line], fallback: str | None) -> str | None:
    """The byline's name ("By Jane Doe, Reuters" -> "Jane Doe, Reuters"), else the page metadata."""
    for ln in lines:
        if ln.reason == "byline":
            return _BY.sub("", ln.text).strip(" |,") or fallback
    return fallback


def _title(lines: list[Line], fallback: str | None) -> str | None:
    for ln in lines:
        if ln.cls == "title":
            return ln.text
    return fallback


def clean_document(
    raw: RawDocument, *, detect_lang: bool = True, boilerplate: Boilerplate | None = None
) -> CleanDocument:
    """Classify the lines of ``raw`` and keep its body; never raises on odd input.

    A document with no body lines comes back with empty ``text`` (the caller
    records E009). ``detect_lang=False`` skips the language check and assumes
    English. ``boilerplate`` turns body lines that recur across other articles
    of the same outlet into junk (reason ``learned_boilerplate``).
    """
    sitename: str | None = None
    page_title: str | None = None
    page_author: str | None = None
    url = raw.url
    known_title = raw.title
    if raw.format == "html":
        page = extract_html(raw.text, url=raw.url)
        source = layout(page)
        sitename = page.sitename
        page_title = page.title
        page_author = page.author
        known_title = raw.title or page.title
        url = raw.url or page.url
        lines = classify_html(split_lines(source), known_title=known_title, confirm=page.confirm)
    else:
        source = raw.text.replace("\x00", " ") if "\x00" in raw.text else raw.text
        lines = classify(split_lines(source), known_title=known_title)
    if boilerplate is not None:
        lines = [
            replace(ln, cls="junk", reason="learned_boilerplate")
            if ln.cls == "body" and boilerplate.is_boilerplate(raw, ln.text) else ln
            for ln in lines
        ]
    body = [(ln.start, ln.text) for ln in lines if ln.cls == "body"]
    text, segments = join_lines(body)
    outlet = outlet_of(
        lines, meta_outlet=raw.outlet, url=url, sitename=sitename, page_title=page_title
    )
    language = "en"
    if detect_lang:
        language = detect_language(text if text else "\n".join(ln.text for ln in lines))
    return CleanDocument(
        raw=raw,
        source_text=source,
        text=text,
        lines=tuple(lines),
        segments=segments,
        title=_title(lines, raw.title or page_title),
        outlet=outlet,
        origin=origin_of(lines),
        language=language,
        author=_author(lines, page_author),
    )
