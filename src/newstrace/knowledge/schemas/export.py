"""Schemas of ``data/export/*.toml``: PLOVER categories and CAMEO quad classes."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import model_validator

from newstrace.knowledge.schemas.base import Table, Topic
from newstrace.knowledge.schemas.errors import report

#: GDELT QuadClass: verbal/material cooperation, verbal/material conflict.
Quad = Literal[1, 2, 3, 4]
CameoRoot = Literal[
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
]


class Category(Table):
    quad: Quad
    score: float
    modes: dict[str, float] = {}


class Plover(Table):
    """``export/plover.toml``."""

    category: dict[str, Category]
    contexts: dict[Topic, list[str]]
    older_names: dict[str, str] = {}

    @model_validator(mode="after")
    def _renames_known(self) -> Self:
        report([(("older_names", old), f"unknown PLOVER category {new!r}")
                for old, new in self.older_names.items() if new not in self.category])
        return self


class Cameo(Table):
    """``export/cameo.toml``."""

    quad_class: dict[CameoRoot, Quad]
