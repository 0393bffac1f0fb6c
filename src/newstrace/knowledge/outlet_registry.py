"""Outlet registry from ``data/outlets*.toml`` and the user's knowledge folders."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from newstrace.knowledge import packs
from newstrace.knowledge.datafiles import data_dir, load_toml


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str | None
    kind: str


class OutletRegistry:
    def __init__(self, entries: list[Outlet]) -> None:
        self.entries = entries
        self._alias: dict[str, Outlet] = {}
        for o in entries:
            for alias in (o.name, *o.aliases):
                self._alias.setdefault(alias.casefold(), o)
        forms = sorted({a for o in entries for a in (o.name, *o.aliases)}, key=len, reverse=True)
        # Case-sensitive scan: outlet names are proper nouns ("the Times" vs "times").
        self._scan = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
        )

    @classmethod
    def from_data(cls) -> OutletRegistry:
        """User folders' outlets first (their aliases win), then the packaged registry:
        ``outlets.toml``, then themed additions (``outlets_*.toml``) in name order."""
        names = ["outlets.toml", *sorted(p.name for p in data_dir().glob("outlets_*.toml"))]
        rows = [row for folder in packs.active().dirs for row in packs.outlet_rows(folder)]
        rows += [row for name in names for row in load_toml(name).get("outlet", [])]
        return cls(
            [
                Outlet(
                    name=row["name"],
                    aliases=tuple(row.get("aliases", ())),
                    domains=tuple(row.get("domains", ())),
                    country=row.get("country"),
                    kind=row.get("kind", "newspaper"),
                )
                for row in rows
            ]
        )

    def lookup(self, text: str) -> Outlet | None:
        t = " ".join(text.split()).strip(" .,;:'\"’")
        t = re.sub(r"^(?:the)\s+", "", t, flags=re.I)
        return self._alias.get(t.casefold()) or self._alias.get(("the " + t).casefold())

    def by_domain(self, url: str) -> Outlet | None:
        host = (urlparse(url).hostname or url).casefold()
        for o in self.entries:
            for d in o.domains:
                if host == d or host.endswith("." + d):
                    return o
        return None

    def find_all(self, text: str) -> list[tuple[int, int, Outlet]]:
        out: list[tuple[int, int, Outlet]] = []
        for m in self._scan.finditer(text):
            o = self._alias.get(m.group(0).casefold())
            if o is not None:
                out.append((m.start(), m.end(), o))
        return out


@functools.lru_cache(maxsize=1)
def outlets() -> OutletRegistry:
    return OutletRegistry.from_data()
