"""Learned boilerplate: short lines recurring across different articles of one outlet."""

from __future__ import annotations

from newstrace import ids
from newstrace.clean import clean_document
from newstrace.clean.boilerplate import Boilerplate
from newstrace.records import RawDocument

PROMO = "Tap here for the Harbor Post app"


def _doc(body: str, *, outlet: str | None = "Harbor Post", name: str = "x.txt") -> RawDocument:
    return RawDocument(doc_id=ids.doc_id(body), name=name, text=body, format="text", outlet=outlet)


def _article(n: int, extra: str = PROMO) -> str:
    return (
        f"Ferry strike enters day {n}\n\n"
        f"Dock workers in the northern port stayed off the job for a {n}th day on Monday, "
        f"union leader Mara Quist said, as talks with operators stalled over pay number {n}.\n\n"
        f"{extra}\n\n"
        f"Operators said they would present a new offer on item {n} before the weekend.\n"
    )


def _classes(raw: RawDocument, model: Boilerplate) -> dict[str, str]:
    return {ln.text: ln.cls for ln in clean_document(raw, boilerplate=model).lines}


def test_line_repeated_across_articles_of_an_outlet_becomes_junk() -> None:
    docs = [_doc(_article(n), name=f"{n}.txt") for n in range(1, 4)]
    model = Boilerplate.learn(docs)
    got = _classes(docs[0], model)
    assert got[PROMO] == "junk"
    assert clean_document(docs[0], boilerplate=model).lines[-1].cls == "body"
    reasons = {ln.reason for ln in clean_document(docs[0], boilerplate=model).lines if ln.text == PROMO}
    assert reasons == {"learned_boilerplate"}
    # Without the model the same line is ordinary body text.
    assert _classes(docs[0], Boilerplate())[PROMO] == "body"


def test_copies_of_one_text_count_once() -> None:
    text = _article(7, extra="Pay talks")
    copies = [_doc(text + " " * i, name=f"copy{i}.txt") for i in range(6)]
    model = Boilerplate.learn(copies)
    assert _classes(copies[0], model)["Pay talks"] == "body"


def test_other_outlets_and_prose_are_not_affected() -> None:
    docs = [_doc(_article(n), name=f"{n}.txt") for n in range(1, 4)]
    model = Boilerplate.learn(docs)
    elsewhere = _doc(_article(9), outlet="Quay Gazette")
    assert _classes(elsewhere, model)[PROMO] == "body"
    unknown = [_doc(_article(n), outlet=None, name=f"u{n}.txt") for n in range(1, 4)]
    assert _classes(unknown[0], Boilerplate.learn(unknown))[PROMO] == "body"  # needs 5 when unknown
    sentence = "The union said the strike would go on until a deal was signed."
    prose = [_doc(_article(n, extra=sentence), name=f"p{n}.txt") for n in range(1, 6)]
    assert _classes(prose[0], Boilerplate.learn(prose))[sentence] == "body"
