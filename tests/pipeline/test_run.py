"""The pipeline keeps a batch going when one document breaks a stage."""

from __future__ import annotations

import pytest

from newstrace import ids, pipeline
from newstrace.records import ExtractedDocument, RawDocument, Rejected


def _raw(text: str, name: str) -> RawDocument:
    return RawDocument(doc_id=ids.doc_id(text), name=name, text=text, format="text")


def test_failure_in_one_document_is_recorded_and_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    good = _raw("Envoy Tomas Reel said the talks would resume on Monday.\n", "good.txt")
    bad = _raw("This one breaks the extractor.\n", "bad.txt")
    real = pipeline.extract_document

    def flaky(parsed):  # type: ignore[no-untyped-def]
        if parsed.dated.clean.raw.name == "bad.txt":
            raise RuntimeError("boom")
        return real(parsed)

    monkeypatch.setattr(pipeline, "extract_document", flaky)
    out = list(pipeline.run([bad, good]))
    # The failing document is kept, without extractions, with the reason.
    assert isinstance(out[0], ExtractedDocument) and out[0].signals == ()
    assert out[0].problem is not None and "E010" in out[0].problem and "boom" in out[0].problem
    assert isinstance(out[1], ExtractedDocument) and out[1].doc_id == good.doc_id
    assert out[1].problem is None


def test_a_dating_failure_keeps_the_document_undated(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(clean):  # type: ignore[no-untyped-def]
        raise OverflowError("date value out of range")

    monkeypatch.setattr(pipeline, "date_document", broken)
    (out,) = list(pipeline.run([_raw("Envoy Tomas Reel said the talks would resume.\n", "a.txt")]))
    assert isinstance(out, ExtractedDocument)
    assert out.dated.published.value is None
    assert out.dated.published.method.startswith("failed: OverflowError")


def test_text_longer_than_parser_limit_is_rejected_with_reason() -> None:
    from newstrace.nlp import load_model

    nlp = load_model()
    old = nlp.max_length
    nlp.max_length = 50
    try:
        text = "A sentence that is long enough to pass the limit easily.\n"
        out = list(pipeline.run([_raw(text, "x.txt")]))
    finally:
        nlp.max_length = old
    assert isinstance(out[0], Rejected) and out[0].code == "E017"


def test_results_keep_input_order_across_batches() -> None:
    docs = [_raw(f"Minister number {i} spoke about the port.\n", f"{i}.txt") for i in range(5)]
    out = list(pipeline.run(docs, batch_size=2))
    assert [o.dated.clean.raw.name for o in out if isinstance(o, ExtractedDocument)] == [
        f"{i}.txt" for i in range(5)
    ]
