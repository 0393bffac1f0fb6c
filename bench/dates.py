"""Publication dates on HTML: ours against htmldate itself, side by side in one run.

For every page of the htmldate evaluation set (``eval_default.json`` +
``eval_mediacloud_2020.json``) and of the trafilatura evaluation set (pages
with a ``date``), the page goes through ingest → clean → date as in the
pipeline, and the same page through ``htmldate.find_date`` (a) with its
default settings (extensive search, not original date) and (b) with the
settings the date stage uses. Printed for each: accuracy (exact day over all
pages), precision/recall/F as htmldate's own ``comparison.py`` counts them,
the share answered at day precision, and CONFIDENTLY WRONG: a day answer
(confidence >= 0.5 for ours) that is not the gold day. ms/page: our
publication date (``published_date``) against one htmldate call. Then the plain-text
corpus check: no confident day more than 2 days before the crawl time or after it.

Reads ../shared/eval and ../shared/corpus at run time; prints a note and exits 0
when they are absent.

    .venv/bin/python bench/dates.py [--limit N] [--workers 2] [--set htmldate|trafilatura|corpus]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HTMLDATE_EVAL = SHARED / "eval" / "htmldate-eval"
TRAF_EVAL = SHARED / "eval" / "trafilatura-eval"
CORPUS = SHARED / "corpus" / "ukraine-2022-2024"
CONFIDENT = 0.5


@dataclass(frozen=True)
class Page:
    set: str
    url: str
    path: str
    gold: str


@dataclass(frozen=True)
class Result:
    page: Page
    ours: str | None
    precision: str | None
    confidence: float
    method: str
    default: str | None
    ours_settings: str | None
    t_ours: float
    t_default: float
    t_settings: float
    t_clean: float


def _pages(limit: int | None, which: set[str]) -> list[Page]:
    pages: list[Page] = []
    if "htmldate" in which:
        for name in ("eval_default.json", "eval_mediacloud_2020.json"):
            data = json.loads((HTMLDATE_EVAL / name).read_text(encoding="utf-8"))
            for url, row in data.items():
                path = HTMLDATE_EVAL / "html" / f"{row['file']}.gz"
                pages.append(Page("htmldate", url, str(path), row["date"]))
    if "trafilatura" in which:
        data = json.loads((TRAF_EVAL / "evaldata.json").read_text(encoding="utf-8"))
        for url, row in data.items():
            gold = row.get("date")
            if not gold:
                continue
            path = TRAF_EVAL / "html" / f"{row['file']}.gz"
            if not path.exists():
                path = TRAF_EVAL / "html" / row["file"]
            pages.append(Page("trafilatura", url, str(path), gold[:10]))
    if limit:
        by_set: dict[str, list[Page]] = {}
        for p in pages:
            by_set.setdefault(p.set, []).append(p)
        pages = [p for group in by_set.values() for p in group[:limit]]
    return pages


def _read(path: str) -> bytes:
    if path.endswith(".gz"):
        with gzip.open(path) as fh:
            return fh.read()
    return Path(path).read_bytes()


def _htmldate(html: str, url: str, **kwargs: Any) -> str | None:
    import htmldate

    try:
        found = htmldate.find_date(html, url=url, **kwargs)
    except Exception:  # a benchmark counts a crash as no answer
        return None
    return str(found) if found else None


def _run_page(page: Page) -> Result:
    from htmldate.meta import reset_caches

    from newstrace.clean import clean_document
    from newstrace.date import date_document, published_date
    from newstrace.date.page import htmldate_answer
    from newstrace.ingest.decode import decode_bytes
    from newstrace.ingest.readers import make_document

    data = _read(page.path)
    try:
        text = decode_bytes(data)
    except Exception:  # an undecodable page is an unanswered one
        text = data.decode("utf-8", "replace")
    raw = make_document(text, name=Path(page.path).name, fmt="html", meta={"url": page.url})
    t0 = time.perf_counter()
    clean = clean_document(raw, detect_lang=False)
    reset_caches()  # htmldate memoises parsed strings: each timing starts cold
    t1 = time.perf_counter()
    published = published_date(clean)
    t_ours = time.perf_counter() - t1
    date_document(clean)  # the whole stage must run on every page
    reset_caches()
    t2 = time.perf_counter()
    default = _htmldate(text, page.url)
    t_default = time.perf_counter() - t2
    reset_caches()
    t3 = time.perf_counter()
    settings = htmldate_answer(text, url=page.url)[0]
    t_settings = time.perf_counter() - t3
    return Result(
        page=page,
        ours=published.value,
        precision=published.precision,
        confidence=published.confidence,
        method=published.method,
        default=default,
        ours_settings=settings,
        t_ours=t_ours,
        t_default=t_default,
        t_settings=t_settings,
        t_clean=t1 - t0,
    )


def _warm(pages: list[Page]) -> None:
    for page in pages:
        _run_page(page)


@dataclass
class Score:
    n: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    day: int = 0
    confidently_wrong: int = 0
    seconds: float = 0.0

    def row(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.tp / self.n if self.n else 0.0
        ms = 1000 * self.seconds / self.n if self.n else 0.0
        return (
            f"{name:<28} {acc:6.3f} {p:6.3f} {r:6.3f} {f:6.3f} "
            f"{self.day / max(self.n, 1):6.3f} {self.confidently_wrong:6d} {ms:8.1f}"
        )


def _score(answer: str | None, gold: str, s: Score, *, confident: bool, seconds: float) -> None:
    s.n += 1
    s.seconds += seconds
    if answer is None:
        s.fn += 1
        return
    s.day += 1
    if answer == gold:
        s.tp += 1
    else:
        s.fp += 1
        if confident:
            s.confidently_wrong += 1


def _report(results: list[Result], name: str, show_wrong: int) -> None:
    ours, default, same = Score(), Score(), Score()
    methods: Counter[str] = Counter()
    wrong_methods: Counter[str] = Counter()
    for r in results:
        day = r.ours if r.precision == "day" else None
        _score(day, r.page.gold, ours, confident=r.confidence >= CONFIDENT, seconds=r.t_ours)
        _score(r.default, r.page.gold, default, confident=True, seconds=r.t_default)
        _score(r.ours_settings, r.page.gold, same, confident=True, seconds=r.t_settings)
        methods[f"{r.method}/{r.precision}"] += 1
        if day is not None and day != r.page.gold and r.confidence >= CONFIDENT:
            wrong_methods[r.method] += 1
    clean_ms = 1000 * sum(r.t_clean for r in results) / max(len(results), 1)
    print(f"\n== {name}: {len(results)} pages (clean stage {clean_ms:.1f} ms/page, not counted below)")
    print(f"{'':<28} {'acc':>6} {'P':>6} {'R':>6} {'F':>6} {'day':>6} {'cwrong':>6} {'ms/page':>8}")
    print(ours.row("newstrace date"))
    print(default.row("htmldate default (ext)"))
    print(same.row("htmldate, our settings"))
    print("ours by method/precision:", ", ".join(f"{k} {v}" for k, v in methods.most_common()))
    if wrong_methods:
        print(
            "ours confidently wrong by method:", ", ".join(f"{k} {v}" for k, v in wrong_methods.most_common())
        )
    shown = 0
    for r in results:
        if shown >= show_wrong:
            break
        if r.precision == "day" and r.ours != r.page.gold and r.confidence >= CONFIDENT:
            print(
                f"  wrong: {r.page.gold} ours {r.ours} ({r.method} {r.confidence})"
                f" htmldate {r.default}  {r.page.url}"
            )
            shown += 1
    for r in results:
        if (
            show_wrong
            and r.ours_settings == r.page.gold
            and not (r.precision == "day" and r.ours == r.page.gold)
        ):
            print(f"  lost: {r.page.gold} ours {r.ours} ({r.method} {r.confidence})  {r.page.url}")


def _corpus_check() -> None:
    from newstrace.clean import clean_document
    from newstrace.date import date_document
    from newstrace.ingest import read_paths
    from newstrace.records import RawDocument

    raws = [d for d in read_paths([CORPUS]) if isinstance(d, RawDocument)]
    dated = confident_wrong = 0
    precisions: Counter[str | None] = Counter()
    for raw in raws:
        seen = raw.extra.get("seen")
        p = date_document(clean_document(raw, detect_lang=False)).published
        precisions[p.precision] += 1
        if p.value is None or not isinstance(seen, str):
            continue
        dated += 1
        if p.precision == "day" and p.confidence >= CONFIDENT:
            day, crawl = date.fromisoformat(p.value), date.fromisoformat(seen[:10])
            if day > crawl or (crawl - day).days > 2:
                confident_wrong += 1
                print(f"  corpus wrong: {raw.name} ours {p.value} ({p.method} {p.confidence}) seen {seen}")
    print(f"\n== corpus {CORPUS.name}: {len(raws)} documents, {dated} dated")
    print("precision:", ", ".join(f"{k} {v}" for k, v in precisions.most_common()))
    print(f"confidently wrong (day, conf >= {CONFIDENT}, after seen or > 2 days before): {confident_wrong}")


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="pages per set")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--set", action="append", choices=["htmldate", "trafilatura", "corpus"])
    ap.add_argument("--show-wrong", type=int, default=0, help="list this many confidently wrong pages")
    args = ap.parse_args()
    which = set(args.set or ["htmldate", "trafilatura", "corpus"])
    if not (HTMLDATE_EVAL.is_dir() and TRAF_EVAL.is_dir()):
        print(f"skipped: {SHARED / 'eval'} not found")
        return 0
    pages = _pages(args.limit, which)
    t0 = time.perf_counter()
    if not pages:
        print("no pages")
        return 0
    # Each worker first runs a few pages untimed, so that one-off loading
    # (dateparser's locale data, compiled tables) is not counted to either side.
    warm = pages[:: max(1, len(pages) // 5)][:5]
    if args.workers > 1:
        with multiprocessing.Pool(args.workers, initializer=_warm, initargs=(warm,)) as pool:
            results = pool.map(_run_page, pages, chunksize=8)
    else:
        _warm(warm)
        results = [_run_page(p) for p in pages]
    for name in ("htmldate", "trafilatura"):
        subset = [r for r in results if r.page.set == name]
        if subset:
            _report(subset, f"{name} eval", args.show_wrong)
    if "corpus" in which and CORPUS.is_dir():
        _corpus_check()
    print(f"\nwall {time.perf_counter() - t0:.0f} s, {args.workers} workers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
