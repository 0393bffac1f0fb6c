"""HTML main-text extraction: trafilatura's default against newstrace's clean stage, in one run.

Two public benchmarks, read at run time from ../shared/eval (never copied here):

* trafilatura-eval (990 pages): each page lists ``with`` snippets that must be
  in the main text and ``without`` snippets that must not; scored as upstream's
  ``tests/eval_common.py`` does (whitespace-normalised substring match; with
  found = TP, missed = FN, without present = FP, absent = TN).
* article-extraction-benchmark (181 pages): word 4-gram shingles of the output
  against the hand-made ``articleBody``, scored as upstream's ``evaluate.py``
  does (``\\w+`` tokens as written, per-page TP/FP/FN normalised to sum 1,
  precision and recall averaged over pages, F1 from the two averages).

"trafilatura" is ``trafilatura.extract`` with its default settings, as each
benchmark's own runner calls it (bytes for trafilatura-eval, decoded text with
``include_comments=False`` for the article benchmark); for trafilatura-eval a
second row gives it ``include_comments=False`` as upstream's own evaluation
does and as our clean stage does. "ours" is what the
pipeline analyses: ``CleanDocument.text`` of the page read as ingest reads it
(``decode_bytes``), with the page URL. The title line is left out of both by
default because trafilatura's ``extract`` leaves it out too and the article
benchmark's gold excludes it; ``--with-title`` adds a row with our title line
prepended, for reference.

    .venv/bin/python bench/extraction.py [--workers 2] [--limit N] [--dump DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from newstrace.clean import clean_document
from newstrace.ingest.decode import decode_bytes
from newstrace.records import RawDocument

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TRAF = EVAL / "trafilatura-eval"
AEB = EVAL / "article-extraction-benchmark"

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+", re.UNICODE)


# --------------------------------------------------------------------------- systems


def ours(data: bytes, url: str | None) -> tuple[str, str]:
    """Cleaned text and title line of a page, as the pipeline would produce them."""
    try:
        text = decode_bytes(data)
    except Exception:
        return "", ""
    raw = RawDocument(doc_id="bench", name="bench", text=text, format="html", url=url)
    doc = clean_document(raw, detect_lang=False)
    return doc.text, doc.title or ""


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    try:
        out = fn()
    except Exception:
        out = None
    return out, time.perf_counter() - t0


@dataclass(frozen=True, slots=True)
class PageResult:
    key: str
    traf: str
    ours: str
    title: str
    t_traf: float
    t_ours: float
    #: trafilatura with include_comments=False (upstream's canonical settings), trafilatura-eval only.
    traf_nc: str = ""
    t_traf_nc: float = 0.0


def _read_gz(path: Path) -> bytes:
    with gzip.open(path) as fh:
        return fh.read()


def _run_traf_eval(job: tuple[str, str]) -> PageResult:
    url, file = job
    data = _read_gz(TRAF / "html" / (file + ".gz"))
    t, t_t = timed(lambda: trafilatura.extract(data))
    nc, t_nc = timed(lambda: trafilatura.extract(data, include_comments=False))
    o, t_o = timed(lambda: ours(data, url))
    text, title = o if o else ("", "")
    return PageResult(url, t or "", text, title, t_t, t_o, nc or "", t_nc)


def _run_aeb(job: tuple[str, str]) -> PageResult:
    key, url = job
    data = _read_gz(AEB / "html" / f"{key}.html.gz")
    html = data.decode("utf-8")
    t, t_t = timed(lambda: trafilatura.extract(html, include_comments=False))
    o, t_o = timed(lambda: ours(data, url))
    text, title = o if o else ("", "")
    return PageResult(key, t or "", text, title, t_t, t_o)


# --------------------------------------------------------------------------- metrics


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def snippet_counts(item: dict[str, Any], result: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page, as upstream's ``count_item``."""
    res = _norm(result)
    tp = sum(1 for w in item["with"] if _norm(w) in res)
    fp = sum(1 for w in item["without"] if _norm(w) in res)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def snippet_scores(counts: Iterable[tuple[int, int, int, int]]) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for a, b, c, d in counts:
        tp, fp, fn, tn = tp + a, fp + b, fn + c, tn + d
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    acc = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"P": p, "R": r, "Acc": acc, "F1": f1}


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        sh = tuple(tokens[i : i + n])
        if sh:
            out[sh] += 1
    return out


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Per-page TP/FP/FN over 4-gram shingles, normalised to sum 1 (upstream)."""
    ts, ps = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(ts) | set(ps):
        t, p = ts.get(key, 0), ps.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def shingle_scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    def prec(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fp == 0 else tp / (tp + fp)

    def rec(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [prec(*c) for c in counts if c[0] + c[1] > 0]
    rs = [rec(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    exact = sum(1 for c in counts if c[1] == c[2] == 0) / len(counts) if counts else 0.0
    return {"P": p, "R": r, "Acc": exact, "F1": f1}


# --------------------------------------------------------------------------- report


def _row(name: str, s: dict[str, float], per_page: float) -> str:
    return (
        f"  {name:<22} P={s['P']:.3f}  R={s['R']:.3f}  Acc={s['Acc']:.3f}  "
        f"F1={s['F1']:.3f}  {per_page * 1000:7.1f} ms/page"
    )


def _ratio(ours_s: dict[str, float], traf_s: dict[str, float], label: str = "ours/trafilatura") -> str:
    parts = [f"{k}={ours_s[k] / traf_s[k]:.3f}" for k in ("P", "R", "Acc", "F1") if traf_s[k]]
    return f"  ratio {label:<22} " + "  ".join(parts)


def _dump(folder: Path | None, name: str, results: list[PageResult], extra: dict[str, Any]) -> None:
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {"key": r.key, "traf": r.traf, "ours": r.ours, "title": r.title, **extra.get(r.key, {})}
        for r in results
    ]
    (folder / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))


def run_set(
    name: str,
    jobs: list[tuple[str, str]],
    worker: Callable[[tuple[str, str]], PageResult],
    pool: Any,
) -> list[PageResult]:
    t0 = time.perf_counter()
    results = list(pool.imap(worker, jobs, chunksize=4)) if pool else [worker(j) for j in jobs]
    print(f"{name}: {len(results)} pages in {time.perf_counter() - t0:.1f} s wall")
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="first N pages of each set (0 = all)")
    ap.add_argument("--dump", type=Path, default=None, help="write per-page outputs here")
    ap.add_argument("--with-title", action="store_true", help="also score ours with the title line")
    ap.add_argument("--only", choices=("traf", "aeb"), default=None)
    args = ap.parse_args()

    if not TRAF.is_dir() and not AEB.is_dir():
        print(f"skipped: benchmark data not found under {EVAL}")
        return

    pool = multiprocessing.Pool(args.workers) if args.workers > 1 else None
    try:
        if TRAF.is_dir() and args.only in (None, "traf"):
            evaldata: dict[str, dict[str, Any]] = json.loads((TRAF / "evaldata.json").read_text())
            jobs = [(url, item["file"]) for url, item in evaldata.items()]
            if args.limit:
                jobs = jobs[: args.limit]
            res = run_set("trafilatura-eval", jobs, _run_traf_eval, pool)
            traf_s = snippet_scores(snippet_counts(evaldata[r.key], r.traf) for r in res)
            ours_s = snippet_scores(snippet_counts(evaldata[r.key], r.ours) for r in res)
            n = len(res)
            print(f"  segments: {sum(len(evaldata[r.key]['with']) for r in res)} with, "
                  f"{sum(len(evaldata[r.key]['without']) for r in res)} without")
            print(_row("trafilatura.extract", traf_s, sum(r.t_traf for r in res) / n))
            nc_s = snippet_scores(snippet_counts(evaldata[r.key], r.traf_nc) for r in res)
            print(_row("trafilatura no comments", nc_s, sum(r.t_traf_nc for r in res) / n))
            print(_row("newstrace clean", ours_s, sum(r.t_ours for r in res) / n))
            if args.with_title:
                tt = snippet_scores(
                    snippet_counts(evaldata[r.key], r.title + "\n" + r.ours) for r in res
                )
                print(_row("newstrace title+clean", tt, sum(r.t_ours for r in res) / n))
            print(_ratio(ours_s, traf_s))
            print(_ratio(ours_s, nc_s, "ours/trafilatura no comments"))
            extra = {
                r.key: {
                    "item": evaldata[r.key],
                    "c_traf": snippet_counts(evaldata[r.key], r.traf),
                    "c_ours": snippet_counts(evaldata[r.key], r.ours),
                }
                for r in res
            }
            _dump(args.dump, "trafilatura-eval", res, extra)
        elif not TRAF.is_dir():
            print(f"trafilatura-eval: skipped, {TRAF} not found")

        if AEB.is_dir() and args.only in (None, "aeb"):
            truth: dict[str, dict[str, Any]] = json.loads((AEB / "ground-truth.json").read_text())
            jobs = [(key, str(v.get("url") or "")) for key, v in sorted(truth.items())]
            if args.limit:
                jobs = jobs[: args.limit]
            res = run_set("article-extraction-benchmark", jobs, _run_aeb, pool)
            gold = {r.key: str(truth[r.key].get("articleBody") or "") for r in res}
            traf_c = [shingle_counts(gold[r.key], r.traf) for r in res]
            ours_c = [shingle_counts(gold[r.key], r.ours) for r in res]
            traf_s, ours_s = shingle_scores(traf_c), shingle_scores(ours_c)
            n = len(res)
            print("  (Acc = share of pages whose shingles match the gold exactly)")
            print(_row("trafilatura.extract", traf_s, sum(r.t_traf for r in res) / n))
            print(_row("newstrace clean", ours_s, sum(r.t_ours for r in res) / n))
            if args.with_title:
                tc = [shingle_counts(gold[r.key], r.title + "\n" + r.ours) for r in res]
                print(_row("newstrace title+clean", shingle_scores(tc), sum(r.t_ours for r in res) / n))
            print(_ratio(ours_s, traf_s))
            extra = {
                r.key: {"gold": gold[r.key], "c_traf": tc_, "c_ours": oc_}
                for r, tc_, oc_ in zip(res, traf_c, ours_c, strict=True)
            }
            _dump(args.dump, "article-extraction-benchmark", res, extra)
        elif not AEB.is_dir():
            print(f"article-extraction-benchmark: skipped, {AEB} not found")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
