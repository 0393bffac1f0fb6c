"""Length scaling: whole-pipeline time per KB for 10 KB, 100 KB and ~1 MB documents.

Each document is one article-like paragraph block (written for this bench, with
attributions, named sources and signals) repeated to the target size, run
through the whole pipeline (clean → date → nlp → extract) in one process. The
parse is spaCy's, which is linear; the point is that nothing after it is
worse. Prints CPU seconds (this process's, so other load on a shared machine
does not count; wall time beside it), CPU ms per KB and the ratios 100K/10K
and 1M/10K of CPU time (goal ≈ 10× and ≈ 100×, i.e. flat time per KB). Each
size runs ``--repeat`` times (the largest once) and the fastest run counts.

``--single-line`` joins the text into one line (no paragraph breaks), the
shape that once made the source-profile step quadratic. The largest size is
kept just under spaCy's ``max_length`` (1,000,000 characters), above which a
document is refused with E017 rather than parsed.

    .venv/bin/python bench/length_scaling.py [--sizes 10000,100000,990000] [--single-line]
"""

from __future__ import annotations

import argparse
import time

from newstrace import pipeline
from newstrace.records import ExtractedDocument, RawDocument, Rejected

# Our own text: invented people and places, so nothing is copied from a real article.
PARAGRAPH = (
    "Officials in Norland said on {day} that talks with Vestmark would resume next week. "
    "\"We are ready to negotiate without preconditions,\" Foreign Minister Anna Berg told reporters "
    "in the capital. Two people close to the Vestmark government said the offer was being studied, "
    "according to a report by the Harbour Times. Vestmark's defence ministry denied that troops had "
    "crossed the border, and a senior Norland official, who spoke on condition of anonymity, said "
    "the ceasefire was holding. President Ola Strand threatened new sanctions if the shelling "
    "continued, while aid agencies warned that supplies were running low.\n"
)


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def document(size: int, *, single_line: bool) -> str:
    """The paragraph repeated up to ``size`` characters, ending on a whole sentence.

    The day changes from one paragraph to the next, because cleaning drops a
    line that repeats the line before it.
    """
    parts: list[str] = []
    total = 0
    while total <= size:
        part = PARAGRAPH.format(day=DAYS[len(parts) % len(DAYS)])
        parts.append(part.replace("\n", " ") if single_line else part)
        total += len(part)
    text = "".join(parts)
    cut = text.rfind(". ", 0, size)
    return text[: cut + 1] if cut > 0 else text[:size]


def run_once(text: str, name: str) -> tuple[float, float, ExtractedDocument | Rejected]:
    """(CPU seconds, wall seconds, result) of the whole pipeline over one document."""
    raw = RawDocument(doc_id=name, name=name, text=text, format="text")
    c0, t0 = time.process_time(), time.perf_counter()
    results = list(pipeline.run([raw], batch_size=1))
    return time.process_time() - c0, time.perf_counter() - t0, results[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,990000",
                    help="comma-separated document sizes in characters (first is the baseline)")
    ap.add_argument("--single-line", action="store_true", help="no line breaks in the document")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size but the largest (fastest counts)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    run_once(document(2000, single_line=args.single_line), "warmup")  # load the models first
    times: dict[int, float] = {}
    for size in sizes:
        text = document(size, single_line=args.single_line)
        runs = [run_once(text, f"doc{size}")
                for _ in range(1 if size == max(sizes) else max(1, args.repeat))]
        cpu, wall, result = min(runs, key=lambda r: r[0])
        times[size] = cpu
        if isinstance(result, Rejected):
            outcome = f"rejected {result.code}"
        else:
            outcome = f"{len(result.attributions)} attributions, {len(result.signals)} signals"
            if result.problem:
                outcome += f", problem: {result.problem[:80]}"
        kb = len(text) / 1000
        print(f"{len(text):>9,} chars  cpu {cpu:8.2f} s  {cpu / kb * 1000:7.2f} ms/KB  "
              f"(wall {wall:.2f} s; {outcome})")
    base = sizes[0]
    for size in sizes[1:]:
        ratio = times[size] / times[base]
        print(f"cpu time {size // 1000}K / {base // 1000}K = {ratio:6.1f}x "
              f"(linear would be {size / base:.0f}x; per-KB ratio {ratio * base / size:.2f})")


if __name__ == "__main__":
    main()
