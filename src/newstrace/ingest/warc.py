"""Read web archives (``.warc``, ``.warc.gz``) into RawDocuments, streaming record by record.

Only what a news crawl keeps as articles is taken, as in Common Crawl's news
dataset: ``response`` records with HTTP status 200 and an HTML content type.
Requests, metadata, redirects, images and the like are skipped, not rejected:
they are not articles. The target URI is the document's name and URL, and the
WARC-Date its crawl time ``extra["seen"]`` (an upper bound on publication,
as the real corpus's ``seen``). warcio does the parsing and the gzip members.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrace.errors import Errors, NewstraceError
from newstrace.ingest.decode import decode_input
from newstrace.records import RawDocument, Rejected

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def _record_document(record: Any, path: Path, max_bytes: int) -> RawDocument | Rejected | None:
    """The document of one record; None for a record that is not an article page."""
    from newstrace.ingest.readers import make_document

    rec_headers = record.rec_headers
    http = record.http_headers
    if record.rec_type != "response" or http is None:
        return None
    if http.get_statuscode() != "200":
        return None
    media = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media not in HTML_TYPES:
        return None
    record_id = rec_headers.get_header("WARC-Record-ID")
    uri = rec_headers.get_header("WARC-Target-URI") or f"{path.name}#{record_id}"
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Rejected(uri, Errors.E006.format_msg(limit=max_bytes), "E006", str(path))
    try:
        decoded = decode_input(body)
    except NewstraceError as exc:
        return Rejected(uri, str(exc), exc.code, str(path))
    meta: dict[str, object] = {"url": uri}
    seen = rec_headers.get_header("WARC-Date")
    if seen:
        meta["seen"] = seen
    if decoded.encoding != "utf-8":
        meta["encoding"] = decoded.encoding
    if decoded.note:
        meta["decoding_note"] = decoded.note
    return make_document(decoded.text, name=uri, fmt="html", meta=meta, source_path=str(path))


def read_warc(path: str | Path, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Every HTML 200 response in the archive; a broken archive yields E087 after what was read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    path = Path(path)
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                item = _record_document(record, path, max_bytes)
                if item is not None:
                    yield item
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        yield Rejected(path.name, Errors.E087.format_msg(path=path, detail=f"{type(exc).__name__}: {exc}"),
                       "E087", str(path))
