"""``POST /documents``: one article through exactly the pipeline ``newstrace ingest`` runs.

The article is written as a one-line JSONL batch and handed to ``Workspace.ingest``,
so it gets the same cleaning, dating, extraction, linking, and the same numbered
rejections (E002 empty, E009 no body text …). A URL is fetched here first.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstrace.serve.errors import ApiError

if TYPE_CHECKING:
    from newstrace.app.workspace import Workspace
    from newstrace.store.rows import IngestReport

MAX_FETCH_BYTES = 10 * 1024 * 1024


def fetch(url: str) -> str:
    """The page at ``url``, or E114 with the fetcher's numbered reason.

    Fetched by ``ingest/fetch.py``: http/https only, no loopback, private, link-local
    or cloud-metadata address after DNS or on any redirect, a size cap and timeouts.
    """
    from newstrace.ingest.fetch import Fetcher, FetchPolicy
    from newstrace.ingest.web import page_document
    from newstrace.records import Rejected

    policy = FetchPolicy(max_bytes=MAX_FETCH_BYTES, read_timeout=10.0, host_delay=0.0)
    with Fetcher(policy) as fetcher:
        page = fetcher.fetch(url)
    doc = page if isinstance(page, Rejected) else page_document(page)
    if isinstance(doc, Rejected):
        raise ApiError(422, "E114", f"Could not fetch {url}: {doc.reason}")
    return doc.text


def ingest_one(store: Workspace, doc: dict[str, Any]) -> IngestReport:
    """Ingest one article given as text, html or url (exactly one)."""
    given = [k for k in ("text", "html", "url") if doc.get(k)]
    if given not in (["text"], ["html"], ["url"], ["html", "url"], ["text", "url"]):
        raise ApiError(422, "E115", "Give one of text, html or url (a url may accompany text or html)")
    line = {k: v for k, v in doc.items() if v is not None}
    if given == ["url"]:
        line["html"] = fetch(str(doc["url"]))
    with tempfile.TemporaryDirectory(prefix="newstrace-post-") as folder:
        path = Path(folder) / "posted.jsonl"
        # ASCII JSON: a lone surrogate in the posted text stays an escape for the reader to replace
        path.write_text(json.dumps(line) + "\n", "utf-8")
        return store.ingest([path])
