"""Read web pages named by URL into RawDocuments, through the safe fetcher.

A fetched HTML page takes the same path as an ``.html`` file; the URL asked for
is its name and source, the URL after redirects its ``url`` (the clean stage
reads the outlet from its domain), and the fetch time its crawl time
``extra["seen"]``, which the date stage treats as an upper bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newstrace.errors import Errors, NewstraceError
from newstrace.ingest.decode import decode_input
from newstrace.records import RawDocument, Rejected

if TYPE_CHECKING:
    from newstrace.ingest.fetch import Fetched, Fetcher, FetchPolicy

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})


def is_url(arg: object) -> bool:
    """An input argument that names a URL (any scheme; only http/https are then fetched)."""
    return isinstance(arg, str) and bool(_URL.match(arg))


def page_document(page: Fetched) -> RawDocument | Rejected:
    """The RawDocument of a fetched page, or why it is not one (E086 type, E002-E004 content)."""
    from newstrace.ingest.readers import make_document

    media = page.media_type
    if media and media not in HTML_TYPES | TEXT_TYPES:
        return Rejected(page.url, Errors.E086.format_msg(url=page.url, media_type=media), "E086", page.url)
    try:
        decoded = decode_input(page.content)
    except NewstraceError as exc:
        return Rejected(page.url, str(exc), exc.code, page.url)
    meta: dict[str, object] = {"url": page.final_url, "seen": page.fetched_at}
    if decoded.encoding != "utf-8":
        meta["encoding"] = decoded.encoding
    if decoded.note:
        meta["decoding_note"] = decoded.note
    # a server that names no type: a page whose start has markup is HTML
    untyped_html = not media and "<" in decoded.text[:1024] and "</" in decoded.text[:65536]
    fmt = "html" if media in HTML_TYPES or untyped_html else "text"
    return make_document(decoded.text, name=page.url, fmt=fmt, meta=meta, source_path=page.url)


def read_urls(
    urls: Iterable[str], *, fetcher: Fetcher | None = None, policy: FetchPolicy | None = None,
) -> Iterator[RawDocument | Rejected]:
    """Fetch each URL and yield its document or a numbered rejection; one failure never stops the rest."""
    from newstrace.ingest.fetch import Fetcher

    own = fetcher is None
    client = fetcher or Fetcher(policy)
    try:
        for url in urls:
            page = client.fetch(url)
            yield page if isinstance(page, Rejected) else page_document(page)
    finally:
        if own:
            client.close()
