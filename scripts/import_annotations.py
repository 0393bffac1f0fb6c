"""Convert hand annotations (newstrace-gold/1 per article, with text) into repo standoff files.

    .venv/bin/python scripts/import_annotations.py ANNOT_DIR [--out annotations]

ANNOT_DIR holds ``pass1/<corpus>/<file>.json`` (first pass) and
``pass2/<corpus>/<file>.json`` (the review). Writes, per corpus and split,
``annotations/<corpus>.<split>.json`` from the reviewed pass (the first pass
where no review exists yet, flagged ``"reviewed": false``) and
``annotations/pass1/<corpus>.<split>.json`` for agreement figures. Only
offsets and labels are written: every article string becomes ``[start, end]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newstrace.evaluate.standoff import SCHEMA, to_standoff

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _split_of(corpus: str) -> dict[str, str]:
    splits = json.loads((SHARED / "corpus" / corpus / "splits.json").read_text("utf-8"))
    return {f: name for name in ("train", "dev") for f in splits.get(name, [])}


def _write(path: Path, corpus: str, docs: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"schema": SCHEMA, "corpus": f"corpus/{corpus}", "documents": docs}
    path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("annot", type=Path)
    ap.add_argument("--out", type=Path, default=Path("annotations"))
    args = ap.parse_args()
    bad = 0
    for corpus_dir in sorted((args.annot / "pass1").iterdir()):
        corpus = corpus_dir.name
        split_of = _split_of(corpus)
        final: dict[str, list[dict[str, object]]] = {}
        first: dict[str, list[dict[str, object]]] = {}
        for p1 in sorted(corpus_dir.glob("*.json")):
            art = p1.name.removesuffix(".json")
            split = split_of.get(art)
            if split is None:  # never a test file
                print(f"skipped {art}: not in train or dev", file=sys.stderr)
                continue
            text = (SHARED / "corpus" / corpus / art).read_text("utf-8")
            p2 = args.annot / "pass2" / corpus / p1.name
            try:
                one = to_standoff(json.loads(p1.read_text("utf-8")), text)
                two = to_standoff(json.loads(p2.read_text("utf-8")), text) if p2.exists() else None
            except Exception as exc:  # report every bad file, convert the rest
                print(f"{p1}: {exc}", file=sys.stderr)
                bad += 1
                continue
            for d in (one, two):
                if d is not None:
                    d["file"] = art
                    d.pop("schema", None)
                    d.pop("corpus", None)
            first.setdefault(split, []).append(one)
            chosen = dict(two if two is not None else one)
            chosen["reviewed"] = two is not None
            final.setdefault(split, []).append(chosen)
        for split, docs in final.items():
            _write(args.out / f"{corpus}.{split}.json", corpus, docs)
            _write(args.out / "pass1" / f"{corpus}.{split}.json", corpus, first[split])
            reviewed = sum(1 for d in docs if d["reviewed"])
            print(f"{corpus} {split}: {len(docs)} documents ({reviewed} reviewed)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
