"""How far more cue verbs could take PolNeAR cue F1: an in-sample oracle, for diagnosis only.

bench/polnear.py scores the attribution stage. This script asks what the rules'
missing recall is made of. Every verb token that no predicted attribution covers
(neither its cue nor its content) is a candidate; a candidate is a hit when it
overlaps a gold cue that no prediction matched. Per verb lemma it counts
candidates and hits, then reports cue P/R/F1 for three additions:

* ``human subject``: every candidate whose subject is a person, organisation,
  group or personal pronoun (what a broad "X <verb>s" rule would add);
* ``oracle lemmas``: every candidate whose lemma is a hit more than half the
  time *on this very split*, chosen with the gold (an upper bound for any
  lexicon grown from this split, not a system);
* ``all verbs``: every candidate.

A predicted cue is the attribution's whole evidence span here (bench/polnear.py cuts the
speaker out of it), so the rules' own row reads a little higher than there.
Each added hit is counted as one more matched gold cue. The gold is used to pick
the oracle's lemmas, so its score is a ceiling, never a result. Reads
../shared/eval/polnear at run time; prints a note and exits 0 when it is absent.

    .venv/bin/python bench/polnear_ceiling.py [--split dev|test]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import Any

from newstrace import pipeline
from newstrace.clean.boilerplate import Boilerplate
from newstrace.clean.offsets import span_to_source
from newstrace.extract.attribution.rules import extract_attributions
from newstrace.extract.attribution.speakers import speaker_like
from newstrace.ingest.readers import make_document
from newstrace.nlp import parse
from newstrace.records import DatedDocument
from polnear import POLNEAR, Span, _overlaps, articles, load_gold  # type: ignore[import-not-found]


def _f1(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(split: str) -> None:
    folder = POLNEAR / split
    arts = articles(split)
    dated: list[DatedDocument] = []
    for base, _ in arts:
        raw = make_document((folder / "text" / f"{base}.txt").read_text("utf-8"), name=base, fmt="text")
        d = pipeline.prepare(raw, boilerplate=Boilerplate.learn([raw]))
        if not isinstance(d, DatedDocument):
            raise SystemExit(f"{base}: rejected ({d})")
        dated.append(d)
    matched = n_pred = n_gold = 0
    lemma_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    human = [0, 0]
    for (_, ann), parsed in zip(arts, parse(dated), strict=True):
        gold = load_gold(ann)["Cue"]
        segs = parsed.dated.clean.segments
        cues: list[list[Span]] = []
        contents: list[list[Span]] = []
        for a in extract_attributions(parsed):
            cues.append([span_to_source(segs, a.start, a.end)])
            if a.content_start is not None and a.content_end is not None:
                contents.append([span_to_source(segs, a.content_start, a.content_end)])
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, p in enumerate(cues) if i not in used and _overlaps(p, g)), None)
            if hit is not None:
                used.add(hit)
        unmatched = [g for g in gold if not any(_overlaps(p, g) for p in cues)]
        matched += len(used)
        n_pred += len(cues)
        n_gold += len(gold)
        for t in parsed.doc:
            if t.pos_ != "VERB":
                continue
            span = [span_to_source(segs, t.idx, t.idx + len(t.text))]
            if any(_overlaps(span, p) for p in cues) or any(_overlaps(span, p) for p in contents):
                continue
            hit = int(any(_overlaps(span, g) for g in unmatched))
            counts = lemma_counts[t.lemma_.lower()]
            counts[0] += 1
            counts[1] += hit
            if _human_subject(t):
                human[0] += 1
                human[1] += hit
    print(f"PolNeAR {split}: {len(arts)} articles, gold cues {n_gold}")
    rows = [("rules (evidence spans)", 0, 0)]
    rows.append(("+ human subject", human[0], human[1]))
    oracle = [c for c in lemma_counts.values() if 2 * c[1] > c[0]]
    rows.append((f"+ oracle lemmas ({len(oracle)})", sum(c[0] for c in oracle), sum(c[1] for c in oracle)))
    rows.append(("+ all verbs", sum(c[0] for c in lemma_counts.values()),
                 sum(c[1] for c in lemma_counts.values())))
    for name, added, hits in rows:
        p, r, f = _f1(matched + hits, n_pred + added, n_gold)
        print(f"  {name:<28} added {added:>5} (hits {hits:>4})   cue P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def _human_subject(t: Any) -> bool:
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    return subj is not None and bool(speaker_like(subj))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    args = ap.parse_args()
    if not POLNEAR.is_dir():
        print(f"skipped: {POLNEAR} is not present")
        sys.exit(0)
    run(args.split)


if __name__ == "__main__":
    main()
