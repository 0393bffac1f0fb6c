"""PLOVER category facts and CAMEO quad classes (``data/export/*.toml``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newstrace.knowledge.datafiles import load_toml


@dataclass(frozen=True, slots=True)
class PloverCategory:
    name: str
    quad: int
    score: float
    modes: dict[str, float]

    def scale(self, mode: str | None) -> float:
        """Table 2.2 score of the category with this mode (the category's when unscored)."""
        return self.modes.get(mode, self.score) if mode else self.score


@functools.lru_cache(maxsize=1)
def plover_categories() -> dict[str, PloverCategory]:
    data = load_toml("export/plover.toml")
    return {
        name: PloverCategory(name, int(row["quad"]), float(row["score"]),
                             {m: float(s) for m, s in row.get("modes", {}).items()})
        for name, row in data["category"].items()
    }


@functools.lru_cache(maxsize=1)
def plover_contexts() -> dict[str, tuple[str, ...]]:
    """newstrace topic -> PLOVER general contexts."""
    return {k: tuple(v) for k, v in load_toml("export/plover.toml")["contexts"].items()}


@functools.lru_cache(maxsize=1)
def older_plover_names() -> dict[str, str]:
    """Category names of older PLOVER drafts -> draft 0.8 names (DEMAND -> REQUEST)."""
    return dict(load_toml("export/plover.toml")["older_names"])


@functools.lru_cache(maxsize=1)
def cameo_quad_classes() -> dict[str, int]:
    """CAMEO root code ("01".."20") -> GDELT QuadClass."""
    return {k: int(v) for k, v in load_toml("export/cameo.toml")["quad_class"].items()}
