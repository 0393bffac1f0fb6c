"""One schema per data-file family, chosen by the file's path under ``data/``.

``schema_for("extract/en/cues.toml")`` gives the model that file must satisfy; a
user's knowledge folder mirrors the same layout, so its files match the same
patterns. ``*`` never spans a ``/``.
"""

from __future__ import annotations

import importlib
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

#: (path pattern, "module.Model"); a family's module is imported only when one of its
#: files is checked, because building pydantic models is the costly part.
SCHEMAS: tuple[tuple[str, str], ...] = (
    ("clean/boilerplate.toml", "clean.Boilerplate"),
    ("clean/html.toml", "clean.Html"),
    ("clean/language.toml", "clean.Language"),
    ("clean/lines.toml", "clean.Lines"),
    ("clean/provenance.toml", "clean.Provenance"),
    ("clean/words.toml", "clean.WordLists"),
    ("date/calendar.toml", "date.Calendar"),
    ("date/expressions.toml", "date.Expressions"),
    ("date/publication.toml", "date.Publication"),
    ("export/cameo.toml", "export.Cameo"),
    ("export/plover.toml", "export.Plover"),
    ("extract/*/certainty.toml", "signals.CertaintyTable"),
    ("extract/*/channels.toml", "attribution.Channels"),
    ("extract/*/names.toml", "attribution.Names"),
    ("extract/*/conditions.toml", "signals.ConditionTable"),
    ("extract/*/cues.toml", "attribution.Cues"),
    ("extract/*/signal_codes.toml", "signals.SignalCodeTable"),
    ("extract/*/signal_source.toml", "signals.SignalSource"),
    ("extract/*/signals.toml", "signals.Signals"),
    ("extract/*/source_profile.toml", "attribution.SourceProfile"),
    ("extract/*/speakers.toml", "attribution.Speakers"),
    ("extract/*/topics.toml", "signals.Topics"),
    ("link/claims.toml", "link.Claims"),
    ("link/copies.toml", "link.Copies"),
    ("link/stance.toml", "link.Stance"),
    ("link/stance_prototypes.toml", "link.StancePrototypes"),
    ("timeline/shifts.toml", "timeline.Shifts"),
    ("timeline/story.toml", "timeline.Story"),
    ("actors/*.toml", "knowledge.Actors"),
    ("outlets.toml", "knowledge.Outlets"),
    ("outlets_*.toml", "knowledge.Outlets"),
    # only in a user's knowledge folder: topic patterns in the layout of extract/<lang>/topics.toml
    ("topics.toml", "signals.Topics"),
)
#: Patterns no packaged file uses.
USER_ONLY = frozenset({"topics.toml"})


def schema_for(relpath: str) -> type[BaseModel] | None:
    """The schema of the data file at ``relpath`` (``/``-separated, relative to ``data/``)."""
    for pattern, name in SCHEMAS:
        if relpath.count("/") == pattern.count("/") and fnmatchcase(relpath, pattern):
            module, _, model = name.rpartition(".")
            found: type[BaseModel] = getattr(importlib.import_module(f"{__name__}.{module}"), model)
            return found
    return None
