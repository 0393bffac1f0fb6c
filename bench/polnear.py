"""Attribution spans against PolNeAR (Source / Cue / Content, BRAT standoff).

Reads ../shared/eval/polnear at run time (texts stay there). For every
article the pipeline's attributions are mapped to three spans in the article
text: the source (the speaker phrase inside the evidence), the cue (the rest
of the evidence), and the content. Each role is scored by one-to-one span
overlap (P/R/F1), and content also by token overlap. Where several annotators
did one article, the first annotation file is the gold. Tune on ``dev``,
report ``test``.

    .venv/bin/python bench/polnear.py [--split dev|test|both]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

from newstrace import pipeline
from newstrace.contract import document_contract
from newstrace.ingest.readers import make_document
from newstrace.records import ExtractedDocument
from newstrace.train.polnear import articles as polnear_articles
from newstrace.train.polnear import role_spans

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear"
Span = tuple[int, int]
_WORD = re.compile(r"\w+")


_ROLE_NAMES = {"SOURCE": "Source", "CUE": "Cue", "CONTENT": "Content"}


def load_gold(ann: Path) -> dict[str, list[list[Span]]]:
    """Role -> list of (possibly discontinuous) spans, one per annotated relation element
    (the same BRAT reader the tagger's training data comes from)."""
    gold: dict[str, list[list[Span]]] = defaultdict(list)
    for role, spans in role_spans(ann).items():
        gold[_ROLE_NAMES[role]].extend(spans)
    return gold


def predict(text: str, name: str) -> dict[str, list[list[Span]]]:
    raw = make_document(text, name=name, fmt="text")
    pred: dict[str, list[list[Span]]] = defaultdict(list)
    for item in pipeline.run([raw]):
        if not isinstance(item, ExtractedDocument):
            continue
        for a in document_contract(item)["attributions"]:
            start, end = a["start"], a["end"]
            src: Span | None = None
            if a["speaker"]:
                i = text.find(a["speaker"], start, end)
                if i >= 0:
                    src = (i, i + len(a["speaker"]))
            if src is not None:
                pred["Source"].append([src])
                cue = [s for s in ((start, src[0]), (src[1], end)) if text[s[0] : s[1]].strip(" ,")]
                pred["Cue"].append(cue or [(start, end)])
            else:
                pred["Cue"].append([(start, end)])
            if a["content_start"] is not None:
                pred["Content"].append([(a["content_start"], a["content_end"])])
    return pred


def _overlaps(a: list[Span], b: list[Span]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _tokens(text: str, spans: list[list[Span]]) -> set[int]:
    out: set[int] = set()
    for group in spans:
        for s, e in group:
            out.update(m.start() + s for m in _WORD.finditer(text[s:e]))
    return out


def articles(split: str) -> list[tuple[str, Path]]:
    """(article name, gold .ann file) per article; the first annotator's file is the gold."""
    return polnear_articles(POLNEAR, split)


def score_split(split: str) -> None:
    folder = POLNEAR / split
    counts = {r: [0, 0, 0] for r in ("Source", "Cue", "Content")}  # tp, n_pred, n_gold
    tok = [0, 0, 0]
    n_docs = 0
    for base, ann in articles(split):
        text = (folder / "text" / f"{base}.txt").read_text("utf-8")
        gold, pred = load_gold(ann), predict(text, base)
        n_docs += 1
        for role in counts:
            used: set[int] = set()
            for g in gold[role]:
                for i, p in enumerate(pred[role]):
                    if i not in used and _overlaps(p, g):
                        used.add(i)
                        counts[role][0] += 1
                        break
            counts[role][1] += len(pred[role])
            counts[role][2] += len(gold[role])
        gt, pt = _tokens(text, gold["Content"]), _tokens(text, pred["Content"])
        tok[0] += len(gt & pt)
        tok[1] += len(pt)
        tok[2] += len(gt)
    print(f"PolNeAR {split}: {n_docs} articles")
    for role, (tp, npred, ngold) in [*counts.items(), ("Content tokens", tok)]:
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {role:<15} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   "
              f"(matched {tp}, predicted {npred}, gold {ngold})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "both"], default="dev")
    ap.add_argument("--attribution", choices=["rules", "trained", "wide", "combined"],
                    help="attribution component (default: the pipeline's default)")
    args = ap.parse_args()
    if args.attribution:
        os.environ["NEWSTRACE_ATTRIBUTION"] = args.attribution
    if not POLNEAR.is_dir():
        print(f"skipped: {POLNEAR} is not present")
        sys.exit(0)
    for split in (["dev", "test"] if args.split == "both" else [args.split]):
        score_split(split)


if __name__ == "__main__":
    main()
