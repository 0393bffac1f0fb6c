"""Input checks for the command line: a clear numbered error instead of an empty table.

An unknown actor, type or topic used to print nothing; a mistyped ``--db``
created an empty store; a bad date passed silently. Each check here raises a
``CliError`` whose message names what was wrong and the closest known names.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from newstrace.errors import NewstraceError

if TYPE_CHECKING:
    from newstrace.store.database import Store


class CliErrors(StrEnum):
    """Numbered command-line errors (E1xx, apart from the pipeline's E0xx)."""

    E101 = "No store at {path}: only `newstrace ingest` creates one (check --db or NEWSTRACE_DB)"
    E102 = "Unknown actor '{name}'.{hint}"
    E103 = "Unknown signal type '{name}'.{hint}"
    E104 = "Unknown topic '{name}'.{hint}"
    E105 = "Invalid date '{value}' for {option}: expected YYYY, YYYY-MM or YYYY-MM-DD"
    E106 = "--since {since} is after --until {until}"
    E107 = "Folder {path} does not exist: create it first or pick another --db"
    E108 = "Gold file not found: {path}"
    E109 = "{path} is not a newstrace store ({detail})"
    E110 = "Unknown outlet '{name}'.{hint}"
    E111 = "This listing needs an actor"
    E116 = "--format {fmt} writes one file per table: give --out FOLDER"
    E117 = "Unknown table '{name}'.{hint}"
    E100 = "Unexpected error: {detail} (NEWSTRACE_DEBUG=1 shows the traceback)"

    def format_msg(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class CliError(NewstraceError):
    """A numbered command-line error; ``main`` prints it and exits with status 2."""

    def __init__(self, error: CliErrors, **kwargs: object) -> None:
        Exception.__init__(self, error.format_msg(**kwargs))
        self.code = error.name


P = ParamSpec("P")
R = TypeVar("R")


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """A command whose numbered errors print as one red line and exit with status 2.

    Applied to each command function (not the app) so that the function behaves the
    same wherever it is registered, tests' own Typer apps included.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        import typer
        from rich.console import Console

        try:
            return command(*args, **kwargs)
        except NewstraceError as exc:
            Console(stderr=True).print(str(exc), markup=False, style="red", soft_wrap=True)
            raise typer.Exit(2) from None

    return run


def db_path(db: Path | None) -> Path:
    return db or Path(os.environ.get("NEWSTRACE_DB", "newstrace.db"))


def existing_store(db: Path | None) -> Path:
    """The store's path; refuses a path with no store (opening it would create an empty one)."""
    path = db_path(db)
    if not path.is_file():
        raise CliError(CliErrors.E101, path=path)
    with path.open("rb") as fh:
        head = fh.read(16)
    if head and not head.startswith(b"SQLite format 3"):
        raise CliError(CliErrors.E109, path=path, detail="not an SQLite file")
    return path


def new_or_existing_store(db: Path | None) -> Path:
    """For ingest: the store may be new, but its folder must exist."""
    path = db_path(db)
    if not path.parent.exists():
        raise CliError(CliErrors.E107, path=path.parent)
    if path.exists():
        return existing_store(path)
    return path


def _likeness(query: str, name: str) -> float:
    """How close a query is to a name or to one of its words ("Putn" ~ "Vladimir Putin")."""
    q, n = query.casefold(), name.casefold()
    if q in n:
        return 0.9 + len(q) / (10 * max(len(n), 1))
    parts = [n, *n.replace("-", " ").split()]
    return max(difflib.SequenceMatcher(None, q, p).ratio() for p in parts)


def suggest(name: str, known: list[str]) -> str:
    """" Did you mean: Vladimir Putin, Vladimir Zelensky?" (empty when nothing is close)."""
    scored = sorted({(round(_likeness(name, k), 3), k) for k in set(known)}, key=lambda t: (-t[0], t[1]))
    names = [k for score, k in scored if score >= 0.6][:3]
    return f" Did you mean: {', '.join(names)}?" if names else ""


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str | None, option: str) -> str | None:
    """A valid YYYY, YYYY-MM or YYYY-MM-DD, or None; anything else is E105."""
    if value is None:
        return None
    m = _DATE.match(value.strip())
    if not m:
        raise CliError(CliErrors.E105, value=value, option=option)
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date(year, month, day)
    except ValueError:
        raise CliError(CliErrors.E105, value=value, option=option) from None
    return value.strip()


def check_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = check_date(since, "--since"), check_date(until, "--until")
    if since and until and since[: len(until)] > until[: len(since)]:
        raise CliError(CliErrors.E106, since=since, until=until)
    return since, until


def in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether a date of any precision can fall inside [since, until]; undated only without bounds."""
    if not since and not until:
        return True
    if not value:
        return False
    if since and value[: len(since)] < since[: len(value)]:
        return False
    return not (until and value[: len(until)] > until[: len(value)])


def check_actor(store: Store, name: str | None) -> str | None:
    """The canonical actor a name resolves to (alias table or store), else E102 with suggestions."""
    if name is None:
        return None
    from newstrace.knowledge import actors
    from newstrace.store.catalog import actor_counts

    table = actors()
    found = table.find(name)
    stored = actor_counts(store)
    if found is not None:
        return found.canonical
    for a in stored:
        if a.name.casefold() == " ".join(name.split()).casefold():
            return a.name
    known = [a.name for a in stored] + [a.canonical for a in table]
    raise CliError(CliErrors.E102, name=name, hint=suggest(name, known))


def check_choice(value: str | None, known: list[str], error: CliErrors) -> str | None:
    """A type, topic or outlet the store can hold, else the error with suggestions."""
    if value is None:
        return None
    for k in known:
        if k.casefold() == value.casefold():
            return k
    raise CliError(error, name=value, hint=suggest(value, known))


def check_type(value: str | None) -> str | None:
    from newstrace.records import SIGNAL_TYPES

    return check_choice(value, list(SIGNAL_TYPES), CliErrors.E103)


def check_topics(value: str | None) -> str | None:
    """One topic or several ("ceasefire and negotiations", "a,b"): each must be known."""
    if value is None:
        return None
    from newstrace.knowledge.packs import known_topics

    parts = [p.strip() for p in value.replace(" and ", ",").split(",") if p.strip()]
    return ",".join(str(check_choice(p, list(known_topics()), CliErrors.E104)) for p in parts)
