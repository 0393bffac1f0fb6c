import pytest

from newstrace.errors import NewstraceError
from newstrace.nlp import load_model, parse
from newstrace.records import UNDATED, CleanDocument, DatedDocument, RawDocument


def _dated(text: str) -> DatedDocument:
    raw = RawDocument(doc_id="d1", name="x", text=text, format="text")
    clean = CleanDocument(raw=raw, source_text=text, text=text, lines=(), segments=(),
                          title=None, outlet=None, origin=None)
    return DatedDocument(clean=clean, published=UNDATED, times=())


def test_model_is_loaded_once_and_parses_in_order() -> None:
    assert load_model() is load_model()
    texts = ["Envoy Tomas Reel met the minister.", "The talks collapsed on Friday."]
    parsed = list(parse([_dated(t) for t in texts], batch_size=1))
    assert [p.doc.text for p in parsed] == texts
    assert any(t.dep_ == "nsubj" for t in parsed[0].doc)


def test_missing_model_has_numbered_error() -> None:
    with pytest.raises(NewstraceError, match="E013"):
        load_model("no_such_model_xyz")


def test_default_and_none_share_one_pipeline() -> None:
    assert load_model(None) is load_model()


def test_sentences_never_cross_line_breaks() -> None:
    text = "Harbour talks resume\nOfficials met on Monday and agreed terms."
    (parsed,) = parse([_dated(text)])
    sents = [s.text for s in parsed.doc.sents]
    assert sents[0].strip() == "Harbour talks resume"
    assert all("\n" not in s.strip() for s in sents)
