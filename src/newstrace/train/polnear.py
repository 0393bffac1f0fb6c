"""PolNeAR's BRAT standoff as spaCy examples for the attribution tagger.

Each article is parsed once with the project's spaCy model (so the tagger
learns from the same tags and dependencies it will see in the pipeline) and
paired with a reference ``Doc`` whose tags are the BIO roles of PolNeAR's
Source, Cue and Content spans. Where several annotators did one article, the
first annotation file (in name order) is the gold, as in ``bench/polnear.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from newstrace.extract.attribution.tagged import SPANS_KEY
from newstrace.extract.attribution.tagger import OUTSIDE, ROLES

Span = tuple[int, int]
ROLE_OF = {"Source": "SOURCE", "Cue": "CUE", "Content": "CONTENT"}


def polnear_dir() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "polnear"


def articles(root: Path, split: str) -> list[tuple[str, Path]]:
    """(article name, gold ``.ann``) per article: one annotator per article."""
    seen: set[str] = set()
    out = []
    for ann in sorted((root / split / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        if base not in seen:
            seen.add(base)
            out.append((base, ann))
    return out


def role_spans(ann: Path) -> dict[str, list[list[Span]]]:
    """Role -> (possibly discontinuous) character spans of every relation element."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    lines = ann.read_text("utf-8").splitlines()
    for line in lines:
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and " " in fields[1]:
            tid, rest = fields[0], fields[1]
            role, offsets = rest.split(" ", 1)
            parts = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            spans[tid] = (role, [(p[0], p[1]) for p in parts])
    out: dict[str, list[list[Span]]] = defaultdict(list)
    for line in lines:
        if line.startswith("E") and "\t" in line:
            for arg in line.split("\t")[1].split():
                role, _, tid = arg.partition(":")
                if role in ROLE_OF and tid in spans:
                    out[ROLE_OF[role]].append(spans[tid][1])
    return out


def bio_tags(doc: Doc, roles: dict[str, list[list[Span]]]) -> list[str]:
    """BIO role per token (tokens inside the span; a span cutting a token keeps the token).

    Each part of a discontinuous span starts with ``B-`` so that decoding
    finds every part (the scorer matches parts by overlap).
    """
    tags = [OUTSIDE] * len(doc)
    for role in ROLES:
        for parts in roles.get(role, []):
            for s, e in parts:
                span = doc.char_span(s, e, alignment_mode="contract") or doc.char_span(
                    s, e, alignment_mode="expand")
                if span is None:
                    continue
                inside = [t for t in span if not t.is_space]
                for n, tok in enumerate(inside):
                    tags[tok.i] = f"{'B' if n == 0 else 'I'}-{role}"
    return tags


def reference(doc: Doc, tags: list[str]) -> Doc:
    """A tokens-only copy of ``doc`` carrying the BIO tags and the role spans."""
    ref = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], tags=tags)
    from newstrace.extract.attribution.tagger import decode

    spans = []
    for start, end, role in decode(tags):
        spans.append(ref[start:end])
        spans[-1].label_ = role
    ref.spans[SPANS_KEY] = spans
    return ref


def build(root: Path, split: str, out: Path, *, model: str | None = None, limit: int = 0) -> int:
    """Write ``out/<split>.pred.spacy`` (parsed) and ``out/<split>.gold.spacy`` (roles); count docs."""
    from newstrace.nlp import load_model

    nlp = load_model(model, tagger=False)
    items = articles(root, split)
    if limit:
        items = items[:limit]
    roles = [role_spans(ann) for _, ann in items]  # fail on a bad file before the long parse
    texts = ((root / split / "text" / f"{base}.txt").read_text("utf-8") for base, _ in items)
    pred, gold = DocBin(store_user_data=False), DocBin(store_user_data=False)
    for spans, doc in zip(roles, nlp.pipe(texts, batch_size=16), strict=True):
        pred.add(doc)
        gold.add(reference(doc, bio_tags(doc, spans)))
    out.mkdir(parents=True, exist_ok=True)
    pred.to_disk(out / f"{split}.pred.spacy")
    gold.to_disk(out / f"{split}.gold.spacy")
    return len(items)


def pairs(pred: Path, gold: Path, vocab: Vocab) -> Iterator[tuple[Doc, Doc]]:
    yield from zip(DocBin().from_disk(pred).get_docs(vocab), DocBin().from_disk(gold).get_docs(vocab),
                    strict=True)
