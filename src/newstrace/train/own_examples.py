"""Our own train annotations as extra tagger examples, in the gold README's schema.

Our annotations give each attribution's evidence (source and cue) and its
speaker, but not the content. So a token is tagged ``SOURCE`` inside the
speaker, ``CUE`` in the rest of the evidence, ``O`` in a sentence that neither holds an
annotated attribution nor touches one, and left missing elsewhere (it may be
content, which we did not mark). spaCy's tagger learns nothing from a missing tag.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from newstrace.extract.attribution.tagger import OUTSIDE


def own_tags(doc: Doc, attributions: list[dict[str, Any]], text: str) -> list[str]:
    """BIO tags for one parsed article from its gold attributions (strings located in ``text``)."""
    tags = [""] * len(doc)
    covered: set[int] = set()
    for a in attributions:
        ev = a.get("evidence_span")
        if ev is None:
            continue
        sp = a.get("speaker_span")
        ev_tokens = [t for t in doc.char_span(ev[0], ev[1], alignment_mode="expand") or []]
        sp_ids = set()
        if sp is not None:
            span = doc.char_span(sp[0], sp[1], alignment_mode="expand")
            sp_ids = {t.i for t in span} if span is not None else set()
        first_source = first_cue = True
        for t in ev_tokens:
            covered.add(t.sent.start)
            if t.is_space or t.is_punct:
                continue
            if t.i in sp_ids:
                tags[t.i] = ("B-" if first_source else "I-") + "SOURCE"
                first_source = False
            else:
                tags[t.i] = ("B-" if first_cue else "I-") + "CUE"
                first_cue = False
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        # a quote may run over the sentences around its cue: those stay missing too
        near = {s.start for s in sents[max(0, k - 1) : k + 2]}
        if not near & covered:
            for t in sent:
                tags[t.i] = OUTSIDE
    return tags


def build_own(gold_files: list[Path], out: Path, *, model: str | None = None) -> int:
    """Write ``out/own.pred.spacy`` and ``out/own.gold.spacy`` from standoff train annotations."""
    import json

    from newstrace.evaluate.gold import corpus_dir
    from newstrace.nlp import load_model

    nlp = load_model(model, tagger=False)
    items: list[tuple[str, list[dict[str, Any]]]] = []
    for path in gold_files:
        data = json.loads(path.read_text("utf-8"))
        corpus = corpus_dir(path, str(data["corpus"]))
        for d in data["documents"]:
            text = (corpus / d["file"]).read_text("utf-8")
            atts = [{"evidence_span": a["evidence"], "speaker_span": a.get("speaker")}
                    for a in d.get("attributions", [])]
            items.append((text, atts))
    pred, gold = DocBin(store_user_data=False), DocBin(store_user_data=False)
    for (text, atts), doc in zip(items, nlp.pipe((t for t, _ in items), batch_size=16), strict=True):
        tags = own_tags(doc, atts, text)
        ref = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                  tags=tags)
        pred.add(doc)
        gold.add(ref)
    out.mkdir(parents=True, exist_ok=True)
    pred.to_disk(out / "own.pred.spacy")
    gold.to_disk(out / "own.gold.spacy")
    return len(items)


def concatenate(parts: list[Path], out: Path) -> None:
    """One ``out.pred.spacy``/``out.gold.spacy`` pair from several (``DIR/NAME`` bases)."""
    for kind in ("pred", "gold"):
        merged = DocBin(store_user_data=False)
        for base in parts:
            merged.merge(DocBin().from_disk(base.with_name(f"{base.name}.{kind}.spacy")))
        merged.to_disk(out.with_name(f"{out.name}.{kind}.spacy"))
