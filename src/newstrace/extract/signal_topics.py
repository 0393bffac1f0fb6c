"""Topics of a signal from keyword patterns (``data/extract/topics.toml``).

A topic is a regular-expression hit in the evidence text; deny/confirm/doubt
look at the whole sentence (what is denied usually lies outside the cue), and a
signal whose own words name no topic borrows those of the noun it refers back
to ("an initiative Kyiv has accepted" -> the ceasefire it stands for), then
the type's default.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.knowledge.datafiles import load_toml
from newstrace.records import TOPICS


@dataclass(frozen=True, slots=True)
class TopicTable:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    defaults: dict[str, tuple[str, ...]]

    def find(self, text: str) -> tuple[str, ...]:
        return tuple(name for name, rx in self.patterns if rx.search(text))


@functools.lru_cache(maxsize=1)
def topic_table() -> TopicTable:
    data = load_toml("extract/topics.toml")
    patterns = []
    for name, row in data.get("topic", {}).items():
        if name not in TOPICS:
            raise ValueError(f"topics.toml: unknown topic {name!r}")
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(row.get("patterns", ())) + r")(?![\w-])", re.I)
        patterns.append((name, rx))
    defaults = {k: tuple(v) for k, v in data.get("defaults", {}).items()}
    return TopicTable(patterns=tuple(patterns), defaults=defaults)


def topics_for(signal_type: str, *texts: str) -> tuple[str, ...]:
    """Topics of the first text that names any; else the type's default topics."""
    table = topic_table()
    for text in texts:
        if text:
            found = table.find(text)
            if found:
                return found
    return table.defaults.get(signal_type, ())
