"""Nasty shapes through the whole ingest: each is stored or rejected with its code, and nothing is lost.

The small inputs are committed in ``tests/fixtures/nasty/`` (all written for
these tests); the large ones (a 100 MB text, a gzip bomb, 100,000 ``[``) are
generated in a temporary folder at test time.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

import newstrace

NASTY = Path(__file__).resolve().parents[1] / "fixtures" / "nasty"
STORED = {"rtl_mixed.txt", "crlf.txt", "escapes.txt", "surrogates.jsonl:1", "surrogates.jsonl:2",
          "utf16_bom.txt", "deep.html", "page.html.gz"}
REJECTED = {"only_quotes.txt": "E009", "noext": "E005", "bomb.html.gz": "E090", "big.txt": "E006",
            "deep.jsonl:1": "E091", "metadata.jsonl:1": "E091"}


def _make_folder(base: Path) -> Path:
    folder = base / "in"
    folder.mkdir()
    for f in NASTY.iterdir():
        shutil.copy(f, folder / f.name)
    (folder / "noext").write_text("Envoy Tomas Reel said the talks would resume.\n", "utf-8")
    (folder / "page.html.gz").write_bytes(gzip.compress(
        b"<html><body><p>The port authority said on Friday that the ferry would sail again next "
        b"month, after the harbour board settled its dispute with the crews.</p></body></html>"))
    with gzip.open(folder / "bomb.html.gz", "wb", compresslevel=9) as gz:
        block = b"<p>" + b"z" * (1 << 20) + b"</p>"
        for _ in range(24):  # 24 MiB expanded, over the default 20 MiB limit; ~25 KiB on disk
            gz.write(block)
    with (folder / "big.txt").open("wb") as fh:  # 100 MB of prose-like text, never read whole
        line = b"Envoy Tomas Reel said the talks would resume next week. " * 16 + b"\n"
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (folder / "deep.jsonl").write_text("[" * 100_000 + "\n", "utf-8")
    good = json.dumps({"file": "crlf.txt", "outlet": "Ferry \udfff Gazette"})
    (folder / "metadata.jsonl").write_text('{"a": ' * 50_000 + "\n" + good + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    base = tmp_path_factory.mktemp("nasty")
    folder = _make_folder(base)
    db = base / "nasty.db"
    with newstrace.open(db) as store:
        report = store.ingest([folder])
    return db, report


def test_every_nasty_input_is_stored_or_rejected_with_its_code(ingested: tuple[Path, object]) -> None:
    _db, report = ingested
    added = set(report.added)  # type: ignore[attr-defined]
    rejected = {r.name: r.code for r in report.rejected}  # type: ignore[attr-defined]
    assert added == STORED, (added, rejected)
    assert rejected == REJECTED
    assert not report.unchanged  # type: ignore[attr-defined]


def test_stored_nasty_documents_read_back_as_written(ingested: tuple[Path, object]) -> None:
    db, _report = ingested
    with newstrace.open(db) as store:
        docs = {d.name: d for d in store.documents()}
        crlf = docs["crlf.txt"]
        assert "\r" not in store.document_text(crlf.id, which="raw")
        assert crlf.outlet == "Ferry \ufffd Gazette"  # the sidecar's surrogate replaced, not fatal
        assert docs["surrogates.jsonl:1"].outlet == "Harbour \ufffd Post"
        assert "\ufffd" in store.document_text(docs["surrogates.jsonl:1"].id, which="raw")
        rtl = store.document_text(docs["rtl_mixed.txt"].id, which="clean")
        assert "\u05e9\u05dc\u05d5\u05dd" in rtl and "\u0645\u0631\u062d\u0628\u0627" in rtl
        assert "\x1b]0;owned" in store.document_text(docs["escapes.txt"].id, which="raw")  # kept as data
        assert "Zürich" in store.document_text(docs["utf16_bom.txt"].id, which="clean")
        assert "ferry dispute" in store.document_text(docs["deep.html"].id, which="clean")
        assert docs["deep.html"].status == "processed"
        assert {r.name for r in store.rejections()} == set(REJECTED)
