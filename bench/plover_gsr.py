"""Signal types against the PLOVER gold standard records (CAMEO-manual sentences).

Reads ../shared/eval/plover-gsr/PLOVER_GSR_CAMEO.json at run time (texts stay
there). Each record is one news-style sentence with a gold PLOVER event. Every
sentence goes through the whole pipeline as a one-sentence plain-text document
(ingest → clean → date → nlp → extract: the clean stage keeps a lone sentence as
body, and the run counts any it rejects). The prediction for a sentence is the
PLOVER category (``data/extract/en/signal_codes.toml``) of its first signal, by
position, whose type has one; a sentence with none has no prediction.

Reported: event-type accuracy on the sentences with a prediction, coverage
(the share of sentences with one), per gold class, the confusion pairs, and
which gold classes go unpredicted. Gold names from older PLOVER drafts
(DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) are read as draft 0.8 names
(``data/export/plover.toml``). The file has no dev/test split: sentences are
split in halves by the first byte of the SHA-1 of their ID (even: dev, odd:
test). Tune on ``dev``, report ``test``.

    .venv/bin/python bench/plover_gsr.py [--split dev|test|both] [--json] [--show-errors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace import pipeline
from newstrace.export.tables import older_plover_names
from newstrace.extract.signals.codes import codes_for
from newstrace.ingest.readers import make_document
from newstrace.records import ExtractedDocument

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    split: str
    gold: str
    text: str
    predicted: str | None
    signals: tuple[str, ...]  # "type/polarity -> CATEGORY" of every signal, in order


def split_of(record_id: str) -> str:
    return "dev" if hashlib.sha1(record_id.encode()).digest()[0] % 2 == 0 else "test"


def load_gold(path: Path = GSR) -> list[dict[str, Any]]:
    records = json.loads(path.read_text("utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def run(records: list[dict[str, Any]]) -> tuple[list[Case], int]:
    """Cases in input order, and how many sentences the pipeline rejected."""
    renames = older_plover_names()
    raws = [make_document(r["text"], name=r["id"], fmt="text") for r in records]
    cases: list[Case] = []
    rejected = 0
    for rec, item in zip(records, pipeline.run(raws), strict=True):
        gold = renames.get(rec["event"], rec["event"])
        signals: list[str] = []
        predicted: str | None = None
        if isinstance(item, ExtractedDocument):
            for s in sorted(item.signals, key=lambda s: (s.start, s.end)):
                category = codes_for(s.type, s.topics).plover
                signals.append(f"{s.type}/{s.polarity} -> {category or '-'}")
                if predicted is None and category is not None:
                    predicted = category
        else:
            rejected += 1
        cases.append(Case(rec["id"], split_of(rec["id"]), gold, rec["text"], predicted, tuple(signals)))
    return cases, rejected


def score(cases: list[Case]) -> dict[str, Any]:
    covered = [c for c in cases if c.predicted is not None]
    correct = [c for c in covered if c.predicted == c.gold]
    per_class: dict[str, dict[str, Any]] = {}
    for gold in sorted({c.gold for c in cases}):
        mine = [c for c in cases if c.gold == gold]
        cov = [c for c in mine if c.predicted is not None]
        ok = [c for c in cov if c.predicted == gold]
        predicted_as = [c for c in covered if c.predicted == gold]
        per_class[gold] = {
            "n": len(mine), "covered": len(cov), "correct": len(ok),
            "accuracy": round(len(ok) / len(cov), 3) if cov else None,
            "predicted": len(predicted_as),
            "precision": round(len(ok) / len(predicted_as), 3) if predicted_as else None,
        }
    confusion = Counter((c.gold, c.predicted) for c in covered if c.predicted != c.gold)
    return {
        "sentences": len(cases),
        "covered": len(covered),
        "correct": len(correct),
        "coverage": round(len(covered) / len(cases), 3) if cases else 0.0,
        "accuracy": round(len(correct) / len(covered), 3) if covered else 0.0,
        "per_class": per_class,
        "confusion": [{"gold": g, "predicted": p, "n": n} for (g, p), n in confusion.most_common()],
        "uncovered": dict(Counter(c.gold for c in cases if c.predicted is None).most_common()),
    }


def _print(name: str, s: dict[str, Any]) -> None:
    print(f"\n== {name}: {s['sentences']} sentences")
    print(f"accuracy {s['accuracy']:.3f} ({s['correct']}/{s['covered']})   "
          f"coverage {s['coverage']:.3f} ({s['covered']}/{s['sentences']})")
    print(f"{'gold class':12} {'n':>4} {'cov':>4} {'ok':>4} {'acc':>6} {'pred':>5} {'prec':>6}")
    for gold, row in s["per_class"].items():
        acc = "-" if row["accuracy"] is None else f"{row['accuracy']:.2f}"
        prec = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        print(f"{gold:12} {row['n']:4} {row['covered']:4} {row['correct']:4} {acc:>6} "
              f"{row['predicted']:5} {prec:>6}")
    print("confusion (gold -> predicted): " + (", ".join(
        f"{c['gold']}->{c['predicted']} {c['n']}" for c in s["confusion"]) or "none"))
    print("no prediction, by gold class: " + ", ".join(f"{k} {v}" for k, v in s["uncovered"].items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "both"], default="dev")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--show-errors", action="store_true", help="list wrong predictions of the split")
    args = ap.parse_args()
    if not GSR.exists():
        print(f"PLOVER-GSR not found at {GSR}; nothing to do")
        return
    cases, rejected = run(load_gold())
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    scores = {name: score([c for c in cases if c.split == name]) for name in splits}
    signal_types = Counter(sig.split("/")[0] for c in cases if c.split in splits for sig in c.signals)
    if args.json:
        json.dump({"rejected": rejected, "scores": scores, "signal_types": dict(signal_types)},
                  sys.stdout, indent=2)
        print()
        return
    print(f"pipeline rejected {rejected} of {len(cases)} sentences")
    for name, s in scores.items():
        _print(name, s)
    print("\nsignal types found: " + ", ".join(f"{k} {v}" for k, v in signal_types.most_common()))
    if args.show_errors:
        for c in cases:
            if c.split in splits and c.predicted is not None and c.predicted != c.gold:
                print(f"\n{c.id} gold {c.gold} predicted {c.predicted} [{'; '.join(c.signals)}]\n  {c.text}")


if __name__ == "__main__":
    main()
