"""An input that changes between ingest's two passes is rejected (E060), never half-recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import newstrace
from newstrace import ids
from newstrace.app import ingest as ingest_service
from newstrace.records import RawDocument, Rejected


def _doc(text: str) -> RawDocument:
    return RawDocument(doc_id=ids.doc_id(text), name="a.txt", text=text, format="text",
                       source_path="in/a.txt")


def test_a_file_rewritten_between_the_passes_is_rejected_with_e060(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _doc("Envoy Tomas Reel said on Monday that the talks would resume.\n")
    second = _doc("Envoy Tomas Reel said on Tuesday that the talks had collapsed.\n")
    reads: list[int] = []

    def read(paths: list[str | Path], max_bytes: int,
             fetch: object = None) -> Iterator[RawDocument | Rejected]:
        reads.append(1)
        yield first if len(reads) == 1 else second  # the file changed after the first pass

    monkeypatch.setattr(ingest_service, "_read", read)
    store = newstrace.open(tmp_path / "s.db")
    report = store.ingest(["in"], n_process=1)
    assert report.added == [] and report.unchanged == []
    assert [(r.name, r.code) for r in report.rejected] == [("a.txt", "E060")]
    assert [r.code for r in store.rejections()] == ["E060"]
    assert store.documents() == [] and store.sources(second.doc_id) == []
