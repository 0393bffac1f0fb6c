"""Read inputs into RawDocuments; every failure becomes a ``Rejected`` record.

A bad input never aborts a batch: readers yield ``Rejected`` with a numbered
reason and go on with the next file or line.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstrace import ids
from newstrace.errors import Errors, NewstraceError
from newstrace.ingest.decode import decode_input
from newstrace.records import RawDocument, Rejected

if TYPE_CHECKING:
    from newstrace.ingest.fetch import Fetcher, FetchPolicy

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SIDECAR = "metadata.jsonl"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_KNOWN_META = ("published", "outlet", "url", "title")


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Rejected]]:
    """Files named by paths, folders (recursively) and globs, sorted and de-duplicated."""
    found: list[Path] = []
    missing: list[Rejected] = []
    for p in paths:
        s = str(p)
        if any(ch in s for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(s, recursive=True))
            if not matches:
                missing.append(Rejected(s, Errors.E001.format_msg(path=s), "E001", s))
            found.extend(m for m in matches if m.is_file())
            continue
        path = Path(s)
        if path.is_dir():
            found.extend(
                sorted(
                    f for f in path.rglob("*")
                    if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Rejected(s, Errors.E001.format_msg(path=s), "E001", s))
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def _load_sidecar(folder: Path, cache: dict[Path, dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    if folder not in cache:
        table: dict[str, dict[str, Any]] = {}
        side = folder / SIDECAR
        if side.is_file():
            for line in side.read_text("utf-8", errors="replace").splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict) and isinstance(row.get("file"), str):
                    table[row["file"]] = row
        cache[folder] = table
    return cache[folder]


def _looks_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def make_document(
    text: str,
    *,
    name: str,
    fmt: str,
    meta: dict[str, Any] | None = None,
    source_path: str | None = None,
) -> RawDocument:
    meta = dict(meta or {})
    known = {k: (str(meta[k]) if meta.get(k) is not None else None) for k in _KNOWN_META}
    extra = {k: v for k, v in meta.items() if k not in _KNOWN_META and k not in ("file", "text", "html")}
    return RawDocument(
        doc_id=ids.doc_id(text),
        name=name,
        text=text,
        format="html" if fmt == "html" else "text",
        source_path=source_path,
        url=known["url"],
        outlet=known["outlet"],
        published=known["published"],
        title=known["title"],
        extra=extra,
    )


def _read_jsonl(path: Path, text: str) -> Iterator[RawDocument | Rejected]:
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{path.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(name, Errors.E007.format_msg(line=n, detail=exc.msg), "E007", str(path))
            continue
        if not isinstance(row, dict) or not (row.get("text") or row.get("html")):
            yield Rejected(name, Errors.E008.format_msg(line=n), "E008", str(path))
            continue
        body = str(row.get("html") or row.get("text"))
        fmt = "html" if row.get("html") else "text"
        yield make_document(body, name=name, fmt=fmt, meta=row, source_path=str(path))


def read_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sidecars: dict[Path, dict[str, dict[str, Any]]] | None = None,
) -> Iterator[RawDocument | Rejected]:
    """Documents from one file (several for JSONL)."""
    sidecars = {} if sidecars is None else sidecars
    suffix = path.suffix.lower()
    name = path.name
    try:
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
            raise NewstraceError(Errors.E005, suffix=suffix or "(none)")
        size = path.stat().st_size
        if size > max_bytes:
            raise NewstraceError(Errors.E006, limit=max_bytes)
        decoded = decode_input(path.read_bytes())
        text = decoded.text
    except NewstraceError as exc:
        yield Rejected(name, str(exc), exc.code, str(path))
        return
    except OSError as exc:
        yield Rejected(name, Errors.E001.format_msg(path=f"{path} ({exc.strerror})"), "E001", str(path))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text)
        return
    meta = dict(_load_sidecar(path.parent, sidecars).get(name, {}))
    if decoded.encoding != "utf-8":
        meta["encoding"] = decoded.encoding
    if decoded.note:
        meta["decoding_note"] = decoded.note
    fmt = "html" if suffix in HTML_SUFFIXES or _looks_html(text) else "text"
    yield make_document(text, name=name, fmt=fmt, meta=meta, source_path=str(path))


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: FetchPolicy | Fetcher | None = None,
) -> Iterator[RawDocument | Rejected]:
    """All documents under ``paths``; sidecar ``metadata.jsonl`` files are metadata, not input.

    A URL is fetched (``ingest/web.py``, under ``fetch``: a policy or a fetcher to share)
    and a ``.warc``/``.warc.gz`` file is streamed (``ingest/warc.py``).
    """
    from newstrace.ingest.warc import is_warc, read_warc
    from newstrace.ingest.web import is_url

    args = list(paths)
    files, missing = expand_paths(a for a in args if not is_url(a))
    yield from missing
    sidecars: dict[Path, dict[str, dict[str, Any]]] = {}
    for f in files:
        if f.name == SIDECAR:
            continue
        if is_warc(f):
            yield from read_warc(f, max_bytes=max_bytes)
            continue
        yield from read_file(f, max_bytes=max_bytes, sidecars=sidecars)
    urls = [str(a) for a in args if is_url(a)]
    if urls:  # httpx is imported only when there is something to fetch
        from newstrace.ingest.fetch import Fetcher, FetchPolicy
        from newstrace.ingest.web import read_urls

        shared = fetch if isinstance(fetch, Fetcher) else None
        policy = fetch if isinstance(fetch, FetchPolicy) else FetchPolicy(max_bytes=max_bytes)
        yield from read_urls(urls, fetcher=shared, policy=policy)
