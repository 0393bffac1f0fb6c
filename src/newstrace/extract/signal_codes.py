"""CAMEO code and PLOVER category of each signal type (``data/extract/signal_codes.toml``)."""

from __future__ import annotations

import functools

from newstrace.knowledge.datafiles import load_toml
from newstrace.records import SIGNAL_TYPES


@functools.lru_cache(maxsize=1)
def signal_codes() -> dict[str, tuple[str, str | None]]:
    """``{type: (cameo, plover)}``; ``plover`` is None where PLOVER has no event."""
    data = load_toml("extract/signal_codes.toml")
    out: dict[str, tuple[str, str | None]] = {}
    for typ in SIGNAL_TYPES:
        row = data.get(typ)
        if row is None:
            raise ValueError(f"signal_codes.toml: no codes for signal type {typ!r}")
        out[typ] = (str(row["cameo"]), row.get("plover"))
    return out
