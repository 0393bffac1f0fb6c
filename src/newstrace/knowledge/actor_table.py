"""Actor canonicalisation from the alias table in ``data/actors/*.toml``.

Each entry gives a canonical name, its kind, aliases (names as written), titles
(descriptors such as "the Russian head of state" that denote the actor), a
Wikidata QID where known, an affiliation, and a ``parent`` it speaks for
(Putin -> Kremlin -> Russia). Unknown names still get a stable ID from their
longest written form (``ids.actor_id``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace import ids
from newstrace.errors import Errors, NewstraceError
from newstrace.knowledge import packs
from newstrace.knowledge.datafiles import data_dir, load_toml_dir

_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normalise(text: str) -> str:
    """Case-folded, determiner- and possessive-free, whitespace-collapsed form."""
    t = " ".join(text.replace("’", "'").split())
    t = _DETERMINERS.sub("", t)
    t = _POSSESSIVE.sub("", t)
    return t.casefold().strip(" ,.;:\"'")


@dataclass(frozen=True, slots=True)
class Actor:
    canonical: str
    kind: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    qid: str | None = None
    affiliation: str | None = None
    parent: str | None = None
    gender: str | None = None
    id: str = field(default="")


class ActorTable:
    """Lookup from written forms to canonical actors."""

    def __init__(self, entries: list[Actor]) -> None:
        self._by_canonical: dict[str, Actor] = {}
        self._alias: dict[str, Actor] = {}
        self._title: dict[str, Actor] = {}
        for actor in entries:
            self._by_canonical[actor.canonical] = actor
            for alias in (actor.canonical, *actor.aliases):
                self._alias.setdefault(normalise(alias), actor)
            for title in actor.titles:
                self._title.setdefault(normalise(title), actor)
        forms = sorted(set(self._alias) | set(self._title), key=len, reverse=True)
        self._scan = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.I
        ) if forms else None

    @classmethod
    def from_data(cls) -> ActorTable:
        """The tables of the active knowledge: user folders first (their aliases win),
        then the packaged packs in use."""
        knowledge = packs.active()
        sources: list[tuple[Path, dict[str, Any]]] = [
            (folder, row) for folder in knowledge.dirs for row in packs.actor_rows(folder)
        ]
        wanted = {p.name for p in knowledge.pack_files()}
        for name, table in zip(sorted(p.name for p in (data_dir() / "actors").glob("*.toml")),
                               load_toml_dir("actors"), strict=True):
            if name in wanted:
                sources.extend((Path("actors") / name, row) for row in table.get("actor", []))
        entries: list[Actor] = []
        seen: dict[str, Path] = {}
        for where, row in sources:
            canonical = row["canonical"]
            if canonical in seen:  # a user's entry replaces the packaged one of that name
                continue
            seen[canonical] = where
            entries.append(_actor(row))
        for actor in entries:
            if actor.parent and actor.parent not in seen:
                raise NewstraceError(Errors.E051, name=actor.canonical, path=seen[actor.canonical],
                                     parent=actor.parent)
        return cls(entries)

    def get(self, canonical: str) -> Actor | None:
        return self._by_canonical.get(canonical)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_canonical.values())

    def lookup(self, text: str) -> Actor | None:
        """Exact alias or title match of a whole mention ("the Kremlin", "Putin's")."""
        key = normalise(text)
        return self._alias.get(key) or self._title.get(key)

    def find(self, text: str) -> Actor | None:
        """The actor named by the longest known form inside ``text``.

        "Kremlin spokesman Dmitry Peskov" -> Dmitry Peskov; a person's name wins
        over an organisation mentioned in a title, because names are longer
        and are tried first only when they occur.
        """
        exact = self.lookup(text)
        if exact is not None:
            return exact
        if self._scan is None:
            return None
        best: Actor | None = None
        best_len = 0
        best_is_person = False
        for m in self._scan.finditer(" ".join(text.split())):
            actor = self._alias.get(normalise(m.group(0))) or self._title.get(normalise(m.group(0)))
            if actor is None:
                continue
            is_person = actor.kind == "person"
            length = m.end() - m.start()
            if (is_person, length) > (best_is_person, best_len):
                best, best_len, best_is_person = actor, length, is_person
        return best

    def ancestors(self, canonical: str) -> list[str]:
        """Whom the actor speaks for, nearest first: Putin -> [Kremlin, Russia]."""
        out: list[str] = []
        actor = self._by_canonical.get(canonical)
        while actor is not None and actor.parent and actor.parent not in out:
            out.append(actor.parent)
            actor = self._by_canonical.get(actor.parent)
        return out

    def members(self, canonical: str) -> set[str]:
        """The actor and everyone who speaks for it (Russia -> Kremlin, Putin, ...)."""
        return {
            a.canonical for a in self
            if a.canonical == canonical or canonical in self.ancestors(a.canonical)
        }

    def resolve_query(self, text: str) -> str:
        """Canonical name for a user's query, or the query itself when unknown."""
        actor = self.find(text)
        return actor.canonical if actor is not None else " ".join(text.split())


def _actor(row: dict[str, Any]) -> Actor:
    canonical = str(row["canonical"])
    return Actor(
        canonical=canonical,
        kind=row.get("kind", "person"),
        aliases=tuple(row.get("aliases", ())),
        titles=tuple(row.get("titles", ())),
        qid=row.get("qid"),
        affiliation=row.get("affiliation"),
        parent=row.get("parent"),
        gender=row.get("gender"),
        id=ids.actor_id(canonical),
    )


@functools.lru_cache(maxsize=1)
def actors() -> ActorTable:
    """The process-wide actor table (read once per ``packs.configure``)."""
    return ActorTable.from_data()
