"""Streaming, multi-core ingest: a pool of workers gives what one process gives, as a stream."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

import newstrace
from newstrace import ids, parallel, pipeline
from newstrace.clean.boilerplate import Boilerplate
from newstrace.records import ExtractedDocument, RawDocument

from .conftest import snapshot

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"


@pytest.mark.usefixtures("fixed_clock")
def test_worker_pool_gives_the_same_ids_and_counts_as_one_process(tmp_path: Path) -> None:
    one = newstrace.open(tmp_path / "one.db")
    two = newstrace.open(tmp_path / "two.db")
    r1 = one.ingest([SAMPLES], n_process=1, batch_size=4)
    r2 = two.ingest([SAMPLES], n_process=2, batch_size=4)  # 4 documents a chunk: both workers busy
    assert (sorted(r1.added), sorted(r1.unchanged), r1.rejected) == \
        (sorted(r2.added), sorted(r2.unchanged), r2.rejected)
    a, b = snapshot(one), snapshot(two)
    assert a == b
    assert len(a["signals"]) > 10 and a["claims"]  # the samples give something to compare


def _endless(counter: list[int]) -> Iterator[RawDocument]:
    for n in itertools.count():
        counter[0] += 1
        text = f"Envoy Tomas Reel said on Monday that talks number {n} would resume.\n"
        yield RawDocument(doc_id=ids.doc_id(text), name=f"{n}.txt", text=text, format="text")


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipeline_reads_its_input_as_a_stream(n_process: int) -> None:
    pulled = [0]
    results = pipeline.run(_endless(pulled), batch_size=4, n_process=n_process, boilerplate=Boilerplate())
    first = list(itertools.islice(results, 6))
    results.close()  # stops the workers
    assert [r.dated.clean.raw.name for r in first if isinstance(r, ExtractedDocument)] == \
        [f"{n}.txt" for n in range(6)]
    # an endless input is read only a few batches ahead (2 chunks in flight per worker)
    assert pulled[0] <= 4 * (2 * n_process + 2)


def test_auto_keeps_a_short_input_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> Iterator[ExtractedDocument]:
        raise AssertionError("a pool was started for three documents")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    pulled = [0]
    docs = list(itertools.islice(_endless(pulled), 3))
    out = list(pipeline.run(docs, n_process=None, boilerplate=Boilerplate()))
    names = [o.dated.clean.raw.name for o in out if isinstance(o, ExtractedDocument)]
    assert names == ["0.txt", "1.txt", "2.txt"]
