"""Copy detection at scale: time per document at 1k, 10k and 50k documents, side by side.

The 447 real articles of ../shared/corpus/ukraine-2022-2024 are scaled up by
mutation (sentences shuffled, about a third of the words swapped for words of
other articles), so most synthetic documents are distinct; a small share are
planted copies of earlier ones (exact, lightly edited, wire text with new
chrome) so the verification path runs too. Texts are read at run time, never
stored. For each size N a fresh ``CopyIndex`` takes all N documents in batches
of 1,000 (as repeated ingest runs would), then one more batch of 100 new
documents is timed on its own ("add 100 to N"). Near-linear scaling shows as
flat ms/doc across sizes; ratios to the smallest size are printed beside them.

Prints a note and exits 0 when ../shared is absent.

    .venv/bin/python bench/copies.py [--sizes 1000,10000,50000] [--copy-rate 0.03]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from newstrace.link.copies import CopyIndex, CopyInput, CopyParams

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
BATCH = 1000
_SENT = re.compile(r"(?<=[.!?])\s+")


def _mutate(text: str, rng: random.Random, vocab: list[str], swap: float) -> str:
    paragraphs = [p for p in text.splitlines() if p.strip()]
    sentences = [s for p in paragraphs for s in _SENT.split(p) if s]
    rng.shuffle(sentences)
    out: list[str] = []
    for s in sentences:
        words = s.split()
        for i in range(len(words)):
            if rng.random() < swap:
                words[i] = rng.choice(vocab)
        out.append(" ".join(words))
    # Regroup into paragraphs of 1-3 sentences, so lines look like articles.
    lines, i = [], 0
    while i < len(out):
        n = rng.randint(1, 3)
        lines.append(" ".join(out[i : i + n]))
        i += n
    return "\n".join(lines)


def _planted_copy(text: str, rng: random.Random) -> str:
    kind = rng.choice(("exact", "edit", "chrome"))
    if kind == "exact":
        return text
    lines = text.splitlines()
    if kind == "edit" and lines:
        j = rng.randrange(len(lines))
        words = lines[j].split()
        if words:
            words[rng.randrange(len(words))] = "reportedly"
        lines[j] = " ".join(words)
        return "\n".join(lines)
    return "\n".join([f"By Staff Writer {rng.randint(1, 99)} | Example Daily", *lines,
                      "Sign up for our newsletter to receive the morning briefing every weekday."])


def synthesize(texts: list[str], n: int, *, seed: int, copy_rate: float) -> list[CopyInput]:
    rng = random.Random(seed)
    vocab = sorted({w for t in texts for w in t.split() if w.isalpha() and len(w) > 3})
    docs: list[CopyInput] = []
    for i in range(n):
        if docs and rng.random() < copy_rate:
            src = docs[rng.randrange(len(docs))]
            text = _planted_copy(src.text, rng)
        else:
            text = _mutate(texts[i % len(texts)], rng, vocab, swap=0.35)
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        docs.append(CopyInput(f"s{seed}-{i:06d}", text, day, None))
    return docs


def run(sizes: list[int], copy_rate: float) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts = [t for t in texts if len(t.split()) >= 80]
    params = CopyParams.from_data()
    t0 = time.perf_counter()
    pool = synthesize(texts, max(sizes), seed=1, copy_rate=copy_rate)
    extra = synthesize(texts, 100, seed=2, copy_rate=0.0)
    # A few of the 100 are copies of indexed documents, so the timed batch verifies pairs too.
    extra[:3] = [CopyInput(f"x-{k}", pool[k * 7].text, None, None) for k in range(3)]
    print(f"{len(texts)} real texts -> {len(pool) + len(extra)} synthetic documents "
          f"in {time.perf_counter() - t0:.1f}s (not timed below)", flush=True)

    rows = []
    for n in sizes:
        index = CopyIndex(params)
        t0 = time.perf_counter()
        for start in range(0, n, BATCH):
            index.add(pool[start : start + BATCH])
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        update = index.add(extra)
        inc = time.perf_counter() - t0
        groups = index.groups()
        kinds = Counter(link.kind for link in index.links())
        rows.append((n, build, inc, len(groups), kinds, update))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  N={n}: built in {build:.1f}s, {len(groups)} groups, links {dict(kinds)}, "
              f"peak RSS {rss:.0f} MiB", flush=True)

    base_doc, base_inc = rows[0][1] / rows[0][0], rows[0][2]
    print()
    print(f"{'N':>8} {'build s':>9} {'ms/doc':>8} {'x ms/doc':>9} "
          f"{'add 100 ms':>11} {'x add':>7} {'groups':>7}")
    for n, build, inc, ngroups, _kinds, _update in rows:
        per = build / n
        print(f"{n:>8} {build:>9.1f} {per * 1000:>8.2f} {per / base_doc:>9.2f} "
              f"{inc * 1000:>11.0f} {inc / base_inc:>7.2f} {ngroups:>7}")
    n_last = rows[-1][0]
    print(f"\nnear-linear: {n_last // rows[0][0]}x the documents cost "
          f"{rows[-1][1] / rows[0][1]:.1f}x the time")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--copy-rate", type=float, default=0.03)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skip: {CORPUS} not found (bench needs ../shared)")
        return 0
    run([int(s) for s in args.sizes.split(",")], args.copy_rate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
