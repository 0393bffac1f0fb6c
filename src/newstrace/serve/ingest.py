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
    """The page at ``url`` (http or https only), or E114."""
    import httpx

    if not url.startswith(("http://", "https://")):
        raise ApiError(422, "E114", f"Could not fetch {url}: only http and https URLs are read")
    try:
        with httpx.Client(timeout=10.0, follow_redirects=True) as client:
            response = client.get(url)
            response.raise_for_status()
    except httpx.HTTPError as exc:
        raise ApiError(422, "E114", f"Could not fetch {url}: {exc}") from None
    if len(response.content) > MAX_FETCH_BYTES:
        raise ApiError(422, "E114", f"Could not fetch {url}: larger than {MAX_FETCH_BYTES} bytes")
    return response.text


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
        path.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
        return store.ingest([path])
