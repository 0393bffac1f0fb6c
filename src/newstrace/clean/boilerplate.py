"""Learned boilerplate: short lines that recur across articles of one outlet.

Written by hand because the rule is tiny and corpus-specific: count, per
outlet, in how many *different* articles a short line occurs. Copies of one
text (syndicated wire copy) share their longest line, which serves as the
article's fingerprint, so a wire story carried ten times counts once and its
subheadings are never learned as furniture.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from newstrace.knowledge.datafiles import load_toml
from newstrace.records import RawDocument

_DIGITS = re.compile(r"\d+")
_PROSE_END = re.compile(r"[.!?\"”’']\s*$")


@dataclass(frozen=True, slots=True)
class Settings:
    max_words: int
    prose_min_words: int
    min_articles: int
    min_articles_unknown_outlet: int


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    t = load_toml("clean/boilerplate.toml")
    return Settings(int(t["max_words"]), int(t["prose_min_words"]), int(t["min_articles"]),
                    int(t["min_articles_unknown_outlet"]))


def outlet_key(raw: RawDocument) -> str:
    """The group a document's furniture is learned in: its outlet, its site, or "" (unknown)."""
    if raw.outlet:
        return raw.outlet.casefold()
    if raw.url:
        host = (urlparse(raw.url).hostname or "").casefold()
        return host.removeprefix("www.")
    return ""


def normalise(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.casefold().split()))


def candidate(line: str) -> bool:
    """Short, non-prose lines only: real sentences are never learned as furniture."""
    s = settings()
    words = line.split()
    if not words or len(words) > s.max_words:
        return False
    return not (len(words) >= s.prose_min_words and _PROSE_END.search(line))


def fingerprint(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    longest = max(lines, key=len, default="")
    key = " ".join(longest.casefold().split())  # digits kept: they tell articles apart
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class Boilerplate:
    """Which (outlet, line) pairs occur in which distinct articles."""

    seen: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def observe(self, raw: RawDocument) -> list[tuple[str, str, str]]:
        """Count a plain-text document's candidate lines; return the new (group, line, fp) rows."""
        if raw.format != "text":
            return []
        group, fp = outlet_key(raw), fingerprint(raw.text)
        rows = []
        for line in {normalise(ln) for ln in raw.text.split("\n") if candidate(ln.strip())}:
            if fp not in self.seen[(group, line)]:
                self.seen[(group, line)].add(fp)
                rows.append((group, line, fp))
        return rows

    def add(self, rows: Iterable[tuple[str, str, str]]) -> None:
        for group, line, fp in rows:
            self.seen[(group, line)].add(fp)

    def is_boilerplate(self, raw: RawDocument, line: str) -> bool:
        if not candidate(line):
            return False
        s = settings()
        group = outlet_key(raw)
        need = s.min_articles if group else s.min_articles_unknown_outlet
        return len(self.seen.get((group, normalise(line)), ())) >= need

    @classmethod
    def learn(cls, raws: Iterable[RawDocument]) -> Boilerplate:
        model = cls()
        for raw in raws:
            try:
                model.observe(raw)
            except Exception:  # one odd document must not cost the others their model
                continue
        return model
