"""Split source text into lines and compute the features the line rules test.

Hand-written: no library classifies the lines of an already-extracted plain
text (boilerplate removers such as trafilatura need the HTML tree), so the
features here are cheap surface cues: length, final punctuation, case,
position and repetition inside the document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from newstrace.knowledge import outlets
from newstrace.knowledge.datafiles import load_toml

_CLOSERS = "\"'”’»)]"
_QUOTES_CLOSE = "\"'”’»"
_TERMINAL = ".!?…"
_DOUBLE_QUOTES = ('"', "“", "”", "„", "«", "»")
_SENTENCE_END = ".!…"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SITE_SEP = re.compile(r"\s+[|]\s+")
_SOFT_SEP = re.compile(r"\s+[-–—]\s+")
_TIME_ONLY = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s?(?:am|pm|a\.m\.|p\.m\.))?(?:\s?[A-Z]{2,4})?$", re.I)
_DATE_TOKEN = re.compile(r"[\w.]+")
_NUMERIC_DATE = re.compile(
    r"^\d{1,4}(?:[-/.]\d{1,2}[-/.]\d{1,4})?(?:st|nd|rd|th)?$|^\d{1,2}[:.]\d{2}(?::\d{2})?$"
)


@dataclass(frozen=True, slots=True)
class Words:
    """Word lists from ``data/clean/words.toml``."""

    lists: dict[str, tuple[str, ...]]
    months: frozenset[str]
    weekdays: frozenset[str]
    date_fillers: frozenset[str]
    bullets: str
    small_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def words() -> Words:
    table = load_toml("clean/words.toml")
    lists = {k: tuple(str(x) for x in v) for k, v in table.items() if isinstance(v, list)}
    return Words(
        lists=lists,
        months=frozenset(lists.get("months", ())),
        weekdays=frozenset(lists.get("weekdays", ())),
        date_fillers=frozenset(lists.get("date_fillers", ())),
        bullets="".join(lists.get("bullets", ())),
        small_words=frozenset(lists.get("title_small_words", ())),
    )


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A non-empty line: 1-based number over all lines, offsets of its stripped text."""

    number: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class LineFeatures:
    line: SourceLine
    n_words: int
    flags: set[str] = field(default_factory=set)
    key: str = ""
    #: Pattern results by rule position, so the second pass does not search again.
    hits: dict[int, bool] = field(default_factory=dict)


def split_lines(text: str) -> list[SourceLine]:
    """Non-empty lines with offsets into ``text`` (``\\r`` and other edge space stripped)."""
    out: list[SourceLine] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(SourceLine(number, start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def normalise(text: str) -> str:
    """Comparison key: case-folded, straight quotes, single spaces, no edge punctuation."""
    t = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = " ".join(t.split()).casefold()
    return t.strip(" .,:;!?\"'|-–—")


def _strip_closers(text: str, closers: str) -> str:
    return text.rstrip(closers + " ")


def is_terminal(text: str) -> bool:
    """Ends like a sentence (closing quotes allowed, closing brackets not)."""
    t = _strip_closers(text, _QUOTES_CLOSE)
    return bool(t) and t[-1] in _TERMINAL


def is_prose(text: str, n_words: int) -> bool:
    """A line that reads as running text.

    Short questions are excluded: they are headlines and subheadings far more
    often than paragraphs.
    """
    if n_words >= 20:
        return True
    if n_words < 4:
        return False
    t = _strip_closers(text, _QUOTES_CLOSE)
    if not t:
        return False
    if t[-1] in _SENTENCE_END:
        return True
    return t[-1] == "?" and bool(re.search(r"[.!?]\s+\S", t[:-1]))


def is_headline(text: str, n_words: int) -> bool:
    """Looks like a headline: short, no sentence-final period, starts like a name."""
    if not 2 <= n_words <= 25 or len(text) > 250:
        return False
    t = _strip_closers(text, _CLOSERS)
    if not t or t[-1] in ".,;:":
        return False
    first = text.lstrip("\"'“‘«(")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def is_all_caps(text: str) -> bool:
    """Upper-case letters only; scripts without case (Arabic, Hangul, CJK) never are."""
    if text.upper() != text:
        return False
    return sum(c.isupper() for c in text) >= 6


def is_date_only(text: str, w: Words) -> bool:
    """Only date/time words: "Monday, March 3, 2025", "Mar 3, 2025 09:15 AM GMT"."""
    if len(text) > 80:
        return False
    tokens = _DATE_TOKEN.findall(text.casefold())
    if not tokens or len(tokens) > 12:
        return False
    has_date = False
    for tok in tokens:
        bare = tok.strip(".")
        if bare in w.months or bare in w.weekdays:
            has_date = True
        elif _NUMERIC_DATE.match(bare):
            if re.match(r"^\d{4}$|^\d{1,4}[-/.]\d", bare):
                has_date = True
        elif bare not in w.date_fillers and tok not in w.date_fillers:
            return False
    return has_date


def compute(lines: list[SourceLine], *, known_title: str | None = None) -> list[LineFeatures]:
    """Features of every line (those that need no classification yet)."""
    w = words()
    feats: list[LineFeatures] = []
    keys = [normalise(ln.text) for ln in lines]
    key_set: dict[str, int] = {}
    for k in keys:
        key_set[k] = key_set.get(k, 0) + 1
    title_key = normalise(known_title) if known_title else ""
    for i, ln in enumerate(lines):
        text = ln.text
        n_words = len(text.split())
        f = LineFeatures(line=ln, n_words=n_words, key=keys[i])
        flags = f.flags
        if not any(c.isalnum() for c in text):
            flags.add("no_alnum")
        if is_terminal(text):
            flags.add("terminal")
        if is_prose(text, n_words):
            flags.add("prose")
        if is_headline(text, n_words):
            flags.add("headline")
        if is_all_caps(text):
            flags.add("all_caps")
        if n_words >= 25 and any(q in text for q in _DOUBLE_QUOTES):
            flags.add("long_quote")
        if i == 0:
            flags.add("first")
        if n_words <= 6 and outlets().lookup(text) is not None:
            flags.add("outlet_name")
        if text[0] in w.bullets and len(text) > 1 and text[1].isspace():
            flags.add("bullet")
        if n_words <= 12 and is_date_only(text, w):
            flags.add("date_only")
        if _TIME_ONLY.match(text):
            flags.add("time_only")
        if i > 0 and keys[i] and keys[i] == keys[i - 1]:
            flags.add("dup_prev")
        if i > 0 and _extends(keys[i - 1], keys[i]):
            flags.add("extends_prev")
        if title_key and keys[i] == title_key:
            flags.add("known_title")
        _site_title(f, key_set, title_key)
        feats.append(f)
    return feats


def _extends(prev: str, cur: str) -> bool:
    """``cur`` is ``prev`` plus a few words (a caption followed by its credit)."""
    if len(prev) < 20 or not cur.startswith(prev) or cur == prev:
        return False
    return 0 < len(cur[len(prev):].split()) <= 8


def site_title_splits(text: str) -> list[tuple[str, str]]:
    """Ways to split "<headline> | Section | Site" into headline and site suffix, longest headline first."""
    parts = _SITE_SEP.split(text)
    out: list[tuple[str, str]] = []
    for k in range(len(parts) - 1, 0, -1):
        head, suffix = " | ".join(parts[:k]), " | ".join(parts[k:])
        if len(suffix.split()) <= 8 and len(head.split()) >= 2:
            out.append((head, suffix))
    return out


def site_title_parts(text: str) -> tuple[str, str] | None:
    """Headline and site suffix of a "<headline> | Site" line (the shortest suffix)."""
    splits = site_title_splits(text)
    return splits[0] if splits else None


def _site_title(f: LineFeatures, key_set: dict[str, int], title_key: str) -> None:
    splits = site_title_splits(f.line.text)
    if not splits:
        return
    f.flags.add("site_title")
    for head, _suffix in splits:
        head_key = normalise(head)
        if (key_set.get(head_key, 0) >= 1 and head_key != f.key) or (title_key and head_key == title_key):
            f.flags.add("site_title_dup")
            return


def soft_suffix(text: str) -> str | None:
    """Last " - Site" segment of a title-like line, if any."""
    parts = _SOFT_SEP.split(text)
    return parts[-1] if len(parts) >= 2 and len(parts[-1].split()) <= 6 else None


def word_tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())
