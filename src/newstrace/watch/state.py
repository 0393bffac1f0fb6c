"""What ``newstrace watch`` remembers between rounds and runs: per feed, its validators and seen entries.

A small JSON file beside the store (``<db>.watch.json`` unless named), not a store
table: the store's schema stays the pipeline's, and deleting the file simply makes
the next round look at every entry again (ingest skips known content anyway).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    seen: set[str] = field(default_factory=set)


@dataclass
class WatchState:
    path: Path
    feeds: dict[str, FeedState] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> WatchState:
        """The saved state, or an empty one when the file is missing or unreadable."""
        state = cls(path)
        try:
            data: Any = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return state
        feeds = data.get("feeds") if isinstance(data, dict) else None
        for url, row in (feeds or {}).items():
            if isinstance(row, dict):
                state.feeds[str(url)] = FeedState(row.get("etag"), row.get("last_modified"),
                                                  {str(k) for k in row.get("seen") or []})
        return state

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        """Write to a temporary file and rename it over the old one, so a crash never leaves half a file."""
        data = {"version": 1, "feeds": {
            url: {"etag": f.etag, "last_modified": f.last_modified, "seen": sorted(f.seen)}
            for url, f in sorted(self.feeds.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, self.path)
