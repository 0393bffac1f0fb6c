"""Knowledge packs: which actor and outlet tables the process reads.

The package ships its actor tables as packs (``data/actors/<pack>.toml``: ``world``
holds the Russia–Ukraine war's actors, ``sample_story`` the invented sample story);
all are on by default so that existing stores keep their canonical names. A user
adds folders of their own (``--knowledge DIR``, ``NEWSTRACE_KNOWLEDGE`` or the
Python API) laid out like the package's ``data/``::

    DIR/actors/*.toml    [[actor]] canonical, kind, aliases, titles, qid, parent, ...
    DIR/outlets.toml     [[outlet]] name, aliases, domains, country, kind
    DIR/topics.toml      [[topic]] name, words (a story's own signal topics)

A user folder's entries come before the packaged ones, so its aliases win. Every
file is checked as it is read: an unknown key, file or kind stops the run (E050-E054)
rather than being read as a default.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.errors import Errors, NewstraceError
from newstrace.knowledge.datafiles import data_dir

ENV_DIRS = "NEWSTRACE_KNOWLEDGE"
ENV_PACKS = "NEWSTRACE_PACKS"

ACTOR_KINDS = frozenset({"person", "organization", "government", "media", "group"})
OUTLET_KINDS = frozenset(
    {"wire", "newspaper", "broadcaster", "state_media", "aggregator", "magazine", "online"}
)
_ACTOR_KEYS = frozenset(
    {"canonical", "kind", "aliases", "titles", "qid", "affiliation", "parent", "gender"}
)
_OUTLET_KEYS = frozenset({"name", "aliases", "domains", "country", "kind"})
_TOPIC_KEYS = frozenset({"name", "words", "description"})
_LIST_KEYS = frozenset({"aliases", "titles", "domains", "words"})
_TOP_FILES = frozenset({"outlets.toml", "topics.toml"})


@dataclass(frozen=True, slots=True)
class Knowledge:
    """The packaged packs in use and the user's folders, in the order they are read."""

    packs: tuple[str, ...] | None = None  # None: every packaged pack
    dirs: tuple[Path, ...] = ()

    def pack_files(self) -> list[Path]:
        """Packaged actor tables in use, in name order."""
        files = sorted((data_dir() / "actors").glob("*.toml"))
        if self.packs is None:
            return files
        known = {p.stem for p in files}
        unknown = [p for p in self.packs if p not in known]
        if unknown:
            raise NewstraceError(Errors.E052, name=", ".join(unknown),
                                 known=", ".join(sorted(known)) or "none")
        return [p for p in files if p.stem in self.packs]


def packaged_packs() -> list[str]:
    """Names of the packs that ship with newstrace."""
    return sorted(p.stem for p in (data_dir() / "actors").glob("*.toml"))


def parse_packs(text: str | None) -> tuple[str, ...] | None:
    """``"world,sample_story"`` → those packs; ``"all"`` or empty → None (all); ``"none"`` → ()."""
    if text is None or text.strip().casefold() in ("", "all"):
        return None
    if text.strip().casefold() == "none":
        return ()
    return tuple(p.strip() for p in text.split(",") if p.strip())


def parse_dirs(text: str | None) -> tuple[Path, ...]:
    """Folders from an ``os.pathsep``-separated list (the environment variable's form)."""
    return tuple(Path(p) for p in (text or "").split(os.pathsep) if p.strip())


def from_env() -> Knowledge:
    return Knowledge(parse_packs(os.environ.get(ENV_PACKS)), parse_dirs(os.environ.get(ENV_DIRS)))


_active: Knowledge | None = None


def active() -> Knowledge:
    """The knowledge in use: what ``configure`` set, else the environment's."""
    return _active if _active is not None else from_env()


def configure(dirs: Iterable[str | Path] | None = None, packs: Sequence[str] | str | None = None,
              ) -> Knowledge:
    """Use these folders and packaged packs from now on in this process.

    The folders are checked at once (a missing folder or a bad file fails here, not
    halfway through an ingest), and the cached tables are dropped so every stage
    reads the new ones. ``dirs=None`` keeps the environment's folders.
    """
    global _active
    env = from_env()
    chosen_dirs = env.dirs if dirs is None else tuple(Path(d) for d in dirs)
    chosen_packs = env.packs if packs is None else (
        parse_packs(packs) if isinstance(packs, str) else tuple(packs))
    knowledge = Knowledge(chosen_packs, chosen_dirs)
    for d in knowledge.dirs:
        check_folder(d)
    knowledge.pack_files()
    _active = knowledge
    _clear_caches()
    return knowledge


def reset() -> None:
    """Back to the environment's knowledge (tests)."""
    global _active
    _active = None
    _clear_caches()


def _clear_caches() -> None:
    from newstrace.knowledge import actor_table, outlet_registry

    actor_table.actors.cache_clear()
    outlet_registry.outlets.cache_clear()
    topics.cache_clear()
    from newstrace.extract.signals.topics import topic_table

    topic_table.cache_clear()


# ---------------------------------------------------------------------- reading


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NewstraceError(Errors.E053, path=path, detail=exc) from exc


def check_folder(folder: Path) -> None:
    """A user folder exists and holds only files newstrace reads, each of them valid."""
    if not folder.is_dir():
        raise NewstraceError(Errors.E050, path=folder)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name.casefold() in ("readme.md", "readme.txt"):
            continue
        if entry.is_dir() and entry.name == "actors":
            for f in sorted(entry.iterdir()):
                if f.suffix != ".toml":
                    raise NewstraceError(Errors.E053, path=f, detail="only *.toml files belong in actors/")
            continue
        if entry.is_file() and (entry.name in _TOP_FILES or (
                entry.name.startswith("outlets_") and entry.suffix == ".toml")):
            continue
        raise NewstraceError(Errors.E053, path=entry,
                             detail="not part of a knowledge folder (actors/*.toml, outlets.toml, "
                                    "outlets_*.toml, topics.toml)")
    actor_rows(folder)
    outlet_rows(folder)
    topic_rows(folder)


def _rows(path: Path, table: str, keys: frozenset[str], required: str) -> list[dict[str, Any]]:
    data = read_toml(path)
    extra = sorted(set(data) - {table})
    if extra:
        raise NewstraceError(Errors.E053, path=path,
                             detail=f"unknown table(s) {', '.join(extra)}; expected [[{table}]]")
    rows = data.get(table, [])
    if not isinstance(rows, list):
        raise NewstraceError(Errors.E053, path=path, detail=f"'{table}' must be an array of tables")
    for n, row in enumerate(rows, 1):
        where = f"{table} #{n}"
        if not isinstance(row, dict):
            raise NewstraceError(Errors.E053, path=path, detail=f"{where} is not a table")
        unknown = sorted(set(row) - keys)
        if unknown:
            raise NewstraceError(Errors.E053, path=path,
                                 detail=f"{where}: unknown key(s) {', '.join(unknown)}; "
                                        f"allowed: {', '.join(sorted(keys))}")
        value = row.get(required)
        if not isinstance(value, str) or not value.strip():
            raise NewstraceError(Errors.E053, path=path, detail=f"{where}: '{required}' is required")
        for key, v in row.items():
            ok = (isinstance(v, list) and all(isinstance(x, str) for x in v)) if key in _LIST_KEYS \
                else isinstance(v, str)
            if not ok:
                kind = "a list of strings" if key in _LIST_KEYS else "a string"
                raise NewstraceError(Errors.E053, path=path, detail=f"{where}: '{key}' must be {kind}")
    return rows


def actor_rows(folder: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted((folder / "actors").glob("*.toml")):
        for row in _rows(path, "actor", _ACTOR_KEYS, "canonical"):
            kind = row.get("kind", "person")
            if kind not in ACTOR_KINDS:
                raise NewstraceError(Errors.E054, path=path, value=kind, field="actor kind",
                                     allowed=", ".join(sorted(ACTOR_KINDS)))
            if row.get("gender") not in (None, "m", "f"):
                raise NewstraceError(Errors.E054, path=path, value=row["gender"], field="gender",
                                     allowed="m, f")
            out.append(row)
    return out


def outlet_rows(folder: Path) -> list[dict[str, Any]]:
    names = ["outlets.toml", *sorted(p.name for p in folder.glob("outlets_*.toml"))]
    out: list[dict[str, Any]] = []
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        for row in _rows(path, "outlet", _OUTLET_KEYS, "name"):
            kind = row.get("kind", "newspaper")
            if kind not in OUTLET_KINDS:
                raise NewstraceError(Errors.E054, path=path, value=kind, field="outlet kind",
                                     allowed=", ".join(sorted(OUTLET_KINDS)))
            out.append(row)
    return out


def topic_rows(folder: Path) -> list[dict[str, Any]]:
    path = folder / "topics.toml"
    return _rows(path, "topic", _TOPIC_KEYS, "name") if path.is_file() else []


@dataclass(frozen=True, slots=True)
class Topic:
    """A user topic: a name and the words that mark it (``extract/signals/topics``)."""

    name: str
    words: tuple[str, ...]
    description: str | None = None


@functools.lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """Topics from the user's folders, in folder order."""
    return tuple(
        Topic(row["name"], tuple(row.get("words", ())), row.get("description"))
        for folder in active().dirs for row in topic_rows(folder)
    )


def known_topics() -> tuple[str, ...]:
    """The packaged topics, then the user's own (``--knowledge DIR/topics.toml``)."""
    from newstrace.records import TOPICS

    return TOPICS + tuple(t.name for t in topics() if t.name not in TOPICS)
