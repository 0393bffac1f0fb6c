"""Ordered line rules loaded from ``data/clean/lines.toml``.

Keeping the rules as data lets a reviewer read, reorder or extend them without
touching code; this module only compiles them and tests one against a line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, cast

from newstrace.clean.features import LineFeatures, words
from newstrace.errors import Errors, NewstraceError
from newstrace.knowledge.datafiles import data_dir, load_toml
from newstrace.records import LineClass

_CLASSES = ("title", "meta", "body", "junk")
_ZONES = ("head", "body", "tail")
_DYNAMIC = frozenset({"title_found", "equals_title"})
_LIST_REF = re.compile(r"\{([a-z_]+)\}")
#: Patterns run on at most this many characters of a line (cost bound on long lines).
MAX_SCAN = 2000


@dataclass(frozen=True, slots=True)
class Rule:
    index: int
    name: str
    cls: LineClass
    pattern: re.Pattern[str] | None
    min_words: int
    max_words: int | None
    max_chars: int | None
    tail_chars: int | None
    zones: frozenset[str]
    when: frozenset[str]
    unless: frozenset[str]

    @property
    def first_pass(self) -> bool:
        """Decidable before zones and titles are known."""
        return not self.zones and not (self.when | self.unless) & _DYNAMIC

    def matches(self, f: LineFeatures, zone: str, flags: set[str]) -> bool:
        if self.zones and zone not in self.zones:
            return False
        if f.n_words < self.min_words:
            return False
        if self.max_words is not None and f.n_words > self.max_words:
            return False
        if self.max_chars is not None and len(f.line.text) > self.max_chars:
            return False
        if not self.when <= flags or self.unless & flags:
            return False
        if self.pattern is None:
            return True
        hit = f.hits.get(self.index)
        if hit is None:
            text = f.line.text
            scan = text[-self.tail_chars :] if self.tail_chars else text[:MAX_SCAN]
            hit = f.hits[self.index] = self.pattern.search(scan) is not None
        return hit


def _expand(pattern: str, lists: dict[str, tuple[str, ...]]) -> str:
    def repl(m: re.Match[str]) -> str:
        items = lists.get(m.group(1))
        if items is None:
            return m.group(0)
        return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))

    return _LIST_REF.sub(repl, pattern)


def _bad(detail: str) -> NewstraceError:
    return NewstraceError(Errors.E016, path=data_dir() / "clean/lines.toml", detail=detail)


def _rule(index: int, row: dict[str, Any], lists: dict[str, tuple[str, ...]]) -> Rule:
    name = str(row.get("name", ""))
    cls = row.get("class")
    if not name or cls not in _CLASSES:
        raise _bad(f"rule {name!r} needs a name and a class in {_CLASSES}")
    zones = frozenset(row.get("zone", ()))
    if not zones <= set(_ZONES):
        raise _bad(f"rule {name!r}: unknown zone in {sorted(zones)}")
    pattern: re.Pattern[str] | None = None
    if "pattern" in row:
        flags = 0 if row.get("case_sensitive") else re.IGNORECASE
        try:
            pattern = re.compile(_expand(str(row["pattern"]), lists), flags)
        except re.error as exc:
            raise _bad(f"rule {name!r}: {exc}") from exc
    max_words = row.get("max_words")
    max_chars = row.get("max_chars")
    tail_chars = row.get("tail_chars")
    return Rule(
        index=index,
        name=name,
        cls=cast(LineClass, cls),
        pattern=pattern,
        min_words=int(row.get("min_words", 0)),
        max_words=int(max_words) if max_words is not None else None,
        max_chars=int(max_chars) if max_chars is not None else None,
        tail_chars=int(tail_chars) if tail_chars is not None else None,
        zones=zones,
        when=frozenset(row.get("when", ())),
        unless=frozenset(row.get("unless", ())),
    )


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules in file order (read and compiled once per process)."""
    lists = words().lists
    rows = load_toml("clean/lines.toml").get("rule", [])
    return tuple(_rule(i, row, lists) for i, row in enumerate(rows))
