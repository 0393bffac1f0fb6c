"""Topics of a signal from keyword patterns (``data/extract/en/topics.toml``).

A topic is a regular-expression hit in the evidence text; deny/confirm/doubt
look at the whole sentence (what is denied usually lies outside the cue), and a
signal whose own words name no topic borrows those of the noun it refers back
to ("an initiative Kyiv has accepted" -> the ceasefire it stands for), then
the type's default. A type with no default looks wider (``wider``, chosen by
the caller): at its sentence, and a denial or doubt at the sentences before it
("No, this is a wrong report." denies what was said just before). A topic the
type itself implies (an intention to negotiate is about negotiations) is kept
only when nothing more specific is found: "ready for ceasefire talks" is about
the ceasefire.

Beyond the packaged topics (the war's, and generic ones of any story:
diplomacy, trade, sanctions, hostages, nuclear, humanitarian, elections,
terrorism), a user's knowledge folder adds a story's own topics
(``topics.toml``: ``[[topic]] name, words``); they are matched after the
packaged ones, as whole words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.knowledge import packs
from newstrace.knowledge.datafiles import load_toml
from newstrace.records import TOPICS


@dataclass(frozen=True, slots=True)
class TopicTable:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    defaults: dict[str, tuple[str, ...]]
    implied: dict[str, frozenset[str]]

    def find(self, text: str) -> tuple[str, ...]:
        return tuple(name for name, rx in self.patterns if rx.search(text))


@functools.lru_cache(maxsize=1)
def topic_table() -> TopicTable:
    data = load_toml("extract/en/topics.toml")
    patterns = []
    for name, row in data.get("topic", {}).items():
        if name not in TOPICS:
            raise ValueError(f"topics.toml: unknown topic {name!r}")
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(row.get("patterns", ())) + r")(?![\w-])", re.I)
        patterns.append((name, rx))
    for user in packs.topics():
        if user.words:
            words = "|".join(re.escape(w) for w in user.words)
            patterns.append((user.name, re.compile(r"(?<![\w-])(?:" + words + r")(?![\w-])", re.I)))
    defaults = {k: tuple(v) for k, v in data.get("defaults", {}).items()}
    implied = {k: frozenset(v) for k, v in data.get("implied", {}).items()}
    return TopicTable(patterns=tuple(patterns), defaults=defaults, implied=implied)


def refine(signal_type: str, topics: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the topics a type implies when more specific ones are there."""
    implied = topic_table().implied.get(signal_type, frozenset())
    rest = tuple(t for t in topics if t not in implied)
    return rest if rest else topics


def topics_for(signal_type: str, *texts: str, wider: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Topics of the first text that names any; else the type's default topics.

    ``wider`` (the sentence, then earlier sentences) is looked at only for a type
    with no default.
    """
    table = topic_table()
    for text in texts:
        if text:
            found = table.find(text)
            if found:
                return refine(signal_type, found)
    if signal_type in table.defaults:
        return table.defaults[signal_type]
    for text in wider:
        found = table.find(text)
        if found:
            return refine(signal_type, found)
    return ()
