"""Our own dev gold (standoff annotations of the shared corpora's dev splits), per component.

Scores every ``annotations/*.dev.json`` file with ``newstrace eval``'s scoring:
attributions (span + speaker overlap) with ``via`` accuracy (all matched, and
only where the gold gives a channel), and signals (actor, type and overlapping
span) with topic, polarity and source accuracy. Each attribution component is
run side by side, and so is each signal component (``--signals``), so the
rules-only figure sits beside the default.

    .venv/bin/python bench/own_gold.py [--split dev] [--attribution rules combined]
                                       [--signals rules trained combined]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _row(name: str, d: dict[str, object]) -> str:
    a = d["attributions"]
    af = d["attribution_fields"]
    s = d["signals"]
    sf = d["signal_fields"]
    assert isinstance(a, dict) and isinstance(af, dict) and isinstance(s, dict) and isinstance(sf, dict)
    return (f"  {name:<10} attr P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f} | "
            f"via {af['via']['accuracy']:.3f} (given {af['via_given']['accuracy']:.3f}, "
            f"n={af['via_given']['total']}) canonical {af['speaker_canonical']['accuracy']:.3f} | "
            f"signals P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
            f"(on evidence: type {sf['type']['accuracy']:.3f} actor {sf['actor']['accuracy']:.3f}) "
            f"topics {sf['topics']['accuracy']:.3f} polarity {sf['polarity']['accuracy']:.3f} "
            f"source {sf['source_kind']['accuracy']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--attribution", nargs="+", default=["rules", "combined"])
    ap.add_argument("--signals", nargs="+", default=["combined"])
    args = ap.parse_args()
    files = sorted((ROOT / "annotations").glob(f"*.{args.split}.json"))
    if not files:
        print("skipped: no annotations")
        sys.exit(0)
    from newstrace.evaluate import load_gold
    from newstrace.evaluate.runner import evaluate_gold
    from newstrace.evaluate.scoring import Scores

    try:
        golds = [load_gold(f) for f in files]
    except Exception as exc:  # the shared corpus is absent
        print(f"skipped: {exc}")
        sys.exit(0)
    pairs = [(a, s) for a in args.attribution for s in args.signals]
    for component, signals in pairs:
        os.environ["NEWSTRACE_ATTRIBUTION"] = component
        os.environ["NEWSTRACE_SIGNALS"] = signals
        total_docs: list[dict[str, object]] = []
        print(f"attribution {component}, signals {signals}")
        merged_preds = []
        for f, gold in zip(files, golds, strict=True):
            scores, preds = evaluate_gold(gold)
            print(_row(f.name.split(".")[0][:10], scores.as_dict()))
            merged_preds.append((gold, preds))
            total_docs.extend(gold.documents)
        from newstrace.evaluate.scoring import score_documents

        texts = {d["file"]: (g.corpus / d["file"]).read_text("utf-8")
                 for g, _ in merged_preds for d in g.documents}
        all_preds = [p for _, ps in merged_preds for p in ps]
        both: Scores = score_documents(all_preds, total_docs, texts)
        print(_row("both", both.as_dict()))


if __name__ == "__main__":
    main()
