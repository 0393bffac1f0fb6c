"""CAMEO code, PLOVER category and mode of each signal type (``data/extract/en/signal_codes.toml``).

A signal type maps to one CAMEO code and PLOVER category; the signal's topics
may name a more specific CAMEO code and a PLOVER mode (``by_topic``), because
the topic is what CAMEO's 3- and 4-digit codes and PLOVER's modes encode
("demand" about negotiations is CAMEO 106, REQUEST 'meet').
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.knowledge.datafiles import load_toml
from newstrace.records import SIGNAL_TYPES


@dataclass(frozen=True, slots=True)
class EventCodes:
    """The event codes of one signal: ``plover`` is None where PLOVER has no event."""

    cameo: str
    plover: str | None
    mode: str | None = None


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Any]]:
    data = load_toml("extract/en/signal_codes.toml")
    for typ in SIGNAL_TYPES:
        if typ not in data:
            raise ValueError(f"signal_codes.toml: no codes for signal type {typ!r}")
    return {typ: data[typ] for typ in SIGNAL_TYPES}


def signal_codes() -> dict[str, tuple[str, str | None]]:
    """``{type: (cameo, plover)}``; ``plover`` is None where PLOVER has no event."""
    return {typ: (str(row["cameo"]), row.get("plover")) for typ, row in _table().items()}


def codes_for(signal_type: str, topics: Sequence[str] = ()) -> EventCodes:
    """The codes of a signal of this type with these topics (first ``by_topic`` match wins)."""
    row = _table().get(signal_type)
    if row is None:
        raise ValueError(f"unknown signal type {signal_type!r}")
    base = EventCodes(str(row["cameo"]), row.get("plover"), row.get("mode"))
    for topic, refined in row.get("by_topic", {}).items():
        if topic in topics:
            return EventCodes(str(refined.get("cameo", base.cameo)), base.plover,
                              refined.get("mode", base.mode))
    return base


def topic_refinements() -> dict[str, dict[str, EventCodes]]:
    """``{type: {topic: codes}}``: every topic-specific entry, for checks and docs."""
    out: dict[str, dict[str, EventCodes]] = {}
    for typ, row in _table().items():
        out[typ] = {topic: codes_for(typ, (topic,)) for topic in row.get("by_topic", {})}
    return out
