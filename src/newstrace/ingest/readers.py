"""Read inputs into RawDocuments; every failure becomes a ``Rejected`` record.

A bad input never aborts a batch: readers yield ``Rejected`` with a numbered
reason and go on with the next file or line. Every file found in a folder is
accounted for (an unsupported one is rejected E005, not skipped), reads are
bounded by the size limit (gzip included, so a compression bomb stops at the
limit), and decoded strings are scrubbed of lone surrogates
(``ingest.scrub``) before anything hashes or stores them.
"""

from __future__ import annotations

import glob
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstrace import ids
from newstrace.errors import Errors, NewstraceError
from newstrace.ingest.decode import check_controls, decode_input
from newstrace.ingest.scrub import MAX_DEPTH, depth, scrub, scrub_text, scrub_value, surrogate_note
from newstrace.records import RawDocument, Rejected

if TYPE_CHECKING:
    from newstrace.ingest.fetch import Fetcher, FetchPolicy

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
GZIP_SUFFIX = ".gz"
SIDECAR = "metadata.jsonl"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_KNOWN_META = ("published", "outlet", "url", "title")


def input_suffix(path: Path) -> tuple[str, bool]:
    """The suffix that names the format (".html" for "a.html.gz") and whether it is gzipped."""
    suffixes = [x.lower() for x in path.suffixes]
    if suffixes and suffixes[-1] == GZIP_SUFFIX:
        return (suffixes[-2] if len(suffixes) > 1 else GZIP_SUFFIX), True
    return (suffixes[-1] if suffixes else ""), False


def _rejected(where: str | Path, error: Errors, *, name: str | None = None, **kwargs: object) -> Rejected:
    source = scrub_text(str(where))
    label = scrub_text(name) if name is not None else Path(source).name or source
    return Rejected(label, error.format_msg(**kwargs), error.name, source)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Rejected]]:
    """Files named by paths, folders (recursively) and globs, sorted and de-duplicated.

    A folder yields every file in it, whatever its type, so that an unsupported
    one is rejected with a reason rather than silently left out; only the
    ``metadata.jsonl`` sidecars are left to the readers as metadata.
    """
    found: list[Path] = []
    missing: list[Rejected] = []
    for p in paths:
        s = str(p)
        if any(ch in s for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(s, recursive=True))
            if not matches:
                missing.append(_rejected(s, Errors.E001, name=s, path=s))
            found.extend(m for m in matches if m.is_file())
            continue
        path = Path(s)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file():
                    found.append(f)
                elif not f.is_dir():  # reading a pipe would block; a dangling link has nothing
                    missing.append(_rejected(f, Errors.E094))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(_rejected(s, Errors.E001, name=s, path=s))
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def _parse_line(line: str, n: int) -> dict[str, Any]:
    """One JSONL line as a scrubbed object, or a NewstraceError saying why not."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise NewstraceError(Errors.E007, line=n, detail=exc.msg) from None
    except RecursionError:
        raise NewstraceError(Errors.E091, line=n, limit=MAX_DEPTH) from None
    if depth(row) > MAX_DEPTH:
        raise NewstraceError(Errors.E091, line=n, limit=MAX_DEPTH)
    if not isinstance(row, dict):
        raise NewstraceError(Errors.E008, line=n)
    clean, count = scrub_value(row)
    if count:
        clean["decoding_note"] = surrogate_note(count)
    return dict(clean)


class Sidecars:
    """The ``metadata.jsonl`` table of each folder, read once; its bad lines are rejected once."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.tables: dict[Path, dict[str, dict[str, Any]]] = {}

    def load(self, folder: Path) -> tuple[dict[str, dict[str, Any]], list[Rejected]]:
        """The folder's table, and the rejections of its bad lines on the first load only."""
        if folder in self.tables:
            return self.tables[folder], []
        table: dict[str, dict[str, Any]] = {}
        problems: list[Rejected] = []
        side = folder / SIDECAR
        if side.is_file():
            try:
                text = _read_bounded(side, self.max_bytes, compressed=False).decode("utf-8", "replace")
            except NewstraceError as exc:
                problems.append(_rejected(side, Errors[exc.code], name=SIDECAR, limit=self.max_bytes))
                text = ""
            for n, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    row = _parse_line(line, n)
                except NewstraceError as exc:
                    problems.append(Rejected(f"{SIDECAR}:{n}", str(exc), exc.code, scrub_text(str(side))))
                    continue
                if isinstance(row.get("file"), str):
                    table[row["file"]] = row
        self.tables[folder] = table
        return table, problems


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
    """A RawDocument from decoded text and metadata; lone surrogates become U+FFFD first."""
    meta, in_meta = scrub_value(dict(meta or {}))
    text, in_text = scrub(text)
    if in_text + in_meta:
        note = surrogate_note(in_text + in_meta)
        meta["decoding_note"] = f"{meta['decoding_note']}; {note}" if meta.get("decoding_note") else note
    known = {k: (str(meta[k]) if meta.get(k) is not None else None) for k in _KNOWN_META}
    extra = {k: v for k, v in meta.items() if k not in _KNOWN_META and k not in ("file", "text", "html")}
    return RawDocument(
        doc_id=ids.doc_id(text),
        name=scrub_text(name),
        text=text,
        format="html" if fmt == "html" else "text",
        source_path=None if source_path is None else scrub_text(source_path),
        url=known["url"],
        outlet=known["outlet"],
        published=known["published"],
        title=known["title"],
        extra=extra,
    )


def _jsonl_document(path: Path, line: str, n: int) -> RawDocument:
    """One JSONL line as a document, or a NewstraceError with its reason."""
    row = _parse_line(line, n)
    for key in ("html", "text"):
        if row.get(key) is not None and not isinstance(row[key], str):
            raise NewstraceError(Errors.E093, line=n, field=key)
    body = row.get("html") or row.get("text")
    if not body:  # a blank body is read, and cleaning rejects it E009 as for a blank file's text
        raise NewstraceError(Errors.E008, line=n)
    check_controls(body)
    fmt = "html" if row.get("html") else "text"
    return make_document(body, name=f"{path.name}:{n}", fmt=fmt, meta=row, source_path=str(path))


def _read_jsonl(path: Path, text: str) -> Iterator[RawDocument | Rejected]:
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{path.name}:{n}"
        try:
            yield _jsonl_document(path, line, n)
        except NewstraceError as exc:
            yield Rejected(scrub_text(name), str(exc), exc.code, scrub_text(str(path)))
        except Exception as exc:  # one bad line never costs the others
            yield _rejected(path, Errors.E092, name=name, detail=f"{type(exc).__name__}: {exc}")


def _read_bounded(path: Path, max_bytes: int, *, compressed: bool) -> bytes:
    """At most ``max_bytes`` of the file (decompressed, for gzip): E006 / E090 beyond that.

    The read itself is bounded, so a file that grows while read, or a gzip
    stream that expands a thousandfold, never gets more than the limit into memory.
    """
    if path.stat().st_size > max_bytes:
        raise NewstraceError(Errors.E006, limit=max_bytes)
    if not compressed:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise NewstraceError(Errors.E006, limit=max_bytes)
        return data
    try:
        with gzip.open(path, "rb") as gz:
            data = gz.read(max_bytes + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        detail = f"not a valid gzip stream ({exc or type(exc).__name__})"
        raise NewstraceError(Errors.E004, detail=detail) from None
    if len(data) > max_bytes:
        raise NewstraceError(Errors.E090, limit=max_bytes)
    return data


def read_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sidecars: Sidecars | None = None,
) -> Iterator[RawDocument | Rejected]:
    """Documents from one file (several for JSONL)."""
    sidecars = Sidecars(max_bytes) if sidecars is None else sidecars
    suffix, compressed = input_suffix(path)
    name = scrub_text(path.name)
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise NewstraceError(Errors.E005, suffix=scrub_text("".join(path.suffixes[-2:])) or "(none)")
        decoded = decode_input(_read_bounded(path, max_bytes, compressed=compressed))
        text = decoded.text
    except NewstraceError as exc:
        yield Rejected(name, str(exc), exc.code, scrub_text(str(path)))
        return
    except OSError as exc:
        yield _rejected(path, Errors.E001, path=f"{scrub_text(str(path))} ({exc.strerror})")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text)
        return
    table, problems = sidecars.load(path.parent)
    yield from problems
    meta = dict(table.get(name, {}))
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

    Each file is read in isolation: whatever goes wrong with one becomes its
    rejection (E092 for the unforeseen) and the next file is read. A URL is fetched
    (``ingest/web.py``, under ``fetch``: a policy or a fetcher to share) and a
    ``.warc``/``.warc.gz`` file is streamed (``ingest/warc.py``).
    """
    from newstrace.ingest.warc import is_warc, read_warc
    from newstrace.ingest.web import is_url

    args = list(paths)
    files, missing = expand_paths(a for a in args if not is_url(a))
    yield from missing
    sidecars = Sidecars(max_bytes)
    for f in files:
        if f.name == SIDECAR:
            continue
        try:
            if is_warc(f):
                yield from read_warc(f, max_bytes=max_bytes)
                continue
            yield from read_file(f, max_bytes=max_bytes, sidecars=sidecars)
        except Exception as exc:  # a reader bug must cost this file only
            yield _rejected(f, Errors.E092, detail=f"{type(exc).__name__}: {exc}")
    urls = [str(a) for a in args if is_url(a)]
    if urls:  # httpx is imported only when there is something to fetch
        from newstrace.ingest.fetch import Fetcher, FetchPolicy
        from newstrace.ingest.web import read_urls

        shared = fetch if isinstance(fetch, Fetcher) else None
        policy = fetch if isinstance(fetch, FetchPolicy) else FetchPolicy(max_bytes=max_bytes)
        yield from read_urls(urls, fetcher=shared, policy=policy)
